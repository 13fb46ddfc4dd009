import { dateZh, moneyZh } from '../format';
import { html } from '../html';
import { cols, doc, mediatorNames, partyTable, roleName, ruled, sign, dateLine, type Ctx, type DocBody } from '../parts';
import { fill } from '../wording';

/** 调解结果 in the committee's words, from the case's outcome. */
function result(c: Ctx): string[] {
  const w = c.w.closing_report;
  const k = c.file.case;
  if (k.status === 'rejected' || (k.outcome === null && c.file.rejectionReason)) return [w.resultRejected, c.file.rejectionReason ?? ''];
  if (k.outcome === 'agreed') {
    const amount = c.file.agreement?.amountFen ?? k.agreementAmountFen;
    return [
      fill(w.resultAgreed, { form: k.agreementForm === 'oral' ? w.formOral : w.formWritten }),
      amount !== null ? fill(w.agreementAmount, { amount: moneyZh(amount) }) : '',
    ];
  }
  if (k.outcome === 'failed') {
    const routes = c.file.failureRoutes.map((r) => c.w.common.routes[r]).join('、');
    return [routes ? fill(w.resultFailed, { routes }) : w.resultFailedNoRoutes];
  }
  if (k.outcome === 'withdrawn') return [w.resultWithdrawn, c.file.terminationReason ?? ''];
  return [];
}

function performance(c: Ctx): string[] {
  const w = c.w.closing_report;
  const a = c.file.agreement;
  if (!a) return [];
  return [c.w.common.performance[a.performance], fill(w.jc, { status: w.jcStatus[a.jcStatus] })];
}

/** 结案报告表: filled when the case is closed (performance finished). */
export function closingReportBody(c: Ctx): DocBody {
  const w = c.w.closing_report;
  const k = c.file.case;
  const channel = c.w.common.channels[k.channel] + (k.referralBody ? `（${k.referralBody}）` : '');
  const parties = partyTable(c, w.partyColumns, [15, 22, 40, 23], (p) => [roleName(c, p), p.name, p.address, p.phone], 2, [3]);
  const body = doc('closing_report',
    html`<h1>${w.title}</h1>`,
    html`<table class="form">${cols(19, 40, 13, 28)}
<tr><td class="k">${w.fileNo}</td><td class="nowrap">${k.caseNo}</td><td class="k">${w.filledOn}</td><td class="c">${dateZh(k.closedOn ?? c.today)}</td></tr>
<tr><td class="k">${w.unit}</td><td>${c.file.committee.name}</td><td class="k">${w.handler}</td><td class="c">${mediatorNames(c)[0] ?? ''}</td></tr>
<tr><td class="k">${w.acceptedOn}</td><td class="c">${dateZh(k.acceptedOn)}</td><td class="k">${w.closedOn}</td><td class="c">${dateZh(k.closedOn)}</td></tr>
<tr><td class="k">${w.parties}</td><td colspan="3">${parties}</td></tr>
<tr><td class="k">${w.channel}</td><td colspan="3">${channel}</td></tr>
<tr><td class="k">${w.facts}</td><td colspan="3" class="top">${ruled(k.summary, 4)}</td></tr>
<tr><td class="k">${w.result}</td><td colspan="3" class="top">${ruled(result(c), 2)}</td></tr>
<tr><td class="k">${w.performance}</td><td colspan="3" class="top">${ruled(performance(c), 2)}</td></tr>
<tr><td class="k">${w.opinion}</td><td colspan="3" class="top">${ruled(null, 3)}<div class="signs"><div class="col"></div><div class="col">${sign(w.handlerSign)}${dateLine(null)}</div></div></td></tr>
</table>`,
  );
  return { title: w.title, body };
}
