import { chineseNumber, dateZh, moneyZh } from '../format';
import type { Agreement } from '../../../shared/domain/case-file';
import { html } from '../html';
import {
  age, cols, doc, mediatorNames, numbered, orderedParties, partyBlock, partyTable, recorderNames, roleName, ruled, sealAndDate, sexName, sign,
  type Ctx, type DocBody,
} from '../parts';
import { fill } from '../wording';

/** The terms 一、二、三、…, and the amount in words when the agreement has one. */
function terms(c: Ctx, amountTemplate: string): string[] {
  const a = c.file.agreement;
  if (!a || a.terms.length === 0) return [];
  return [...numbered(a.terms, 'chinese'), a.amountFen !== null ? fill(amountTemplate, { amount: moneyZh(a.amountFen) }) : ''];
}

/** 履行方式 and 履行期限, as paragraphs. */
function performanceParas(a: Agreement | null, deadline: string): string[] {
  if (!a) return [];
  return [a.performanceMethod ?? '', a.performanceDeadline ? fill(deadline, { date: dateZh(a.performanceDeadline) }) : ''];
}

/** 人民调解协议书 (Art 29): one block per party, copies = parties + 1. */
export function agreementBody(c: Ctx): DocBody {
  const w = c.w.agreement;
  const a = c.file.agreement;
  const on = a?.effectiveOn ?? c.today;
  const ps = orderedParties(c.file);
  const blocks = ps.map((p) => partyBlock(c, p, c.w.common.party, on));
  for (let i = ps.length; i < 2; i++) blocks.push(partyBlock(c, null, c.w.common.party, on));
  const partySigns = Array.from({ length: Math.max(2, ps.length) }, () => sign(w.partySign));
  const body = doc('agreement',
    html`<h1>${w.title}</h1>`,
    html`<p class="no">${c.w.common.caseNo}${c.file.case.caseNo}</p>`,
    blocks,
    html`<div class="section"><p class="head">${w.facts}</p>${ruled(a?.facts ?? c.file.case.summary, 4)}</div>`,
    html`<div class="section"><p class="head">${w.agreed}</p>${ruled(terms(c, w.amount), 5)}</div>`,
    html`<div class="section"><p class="head">${w.performance}</p>${ruled(performanceParas(a, w.deadline), 2)}</div>`,
    html`<div class="keep"><p class="p section">${fill(w.copies, { n: chineseNumber((ps.length || 2) + 1) })}</p>
<div class="signs"><div class="col">${partySigns}</div><div class="col">${sign(w.mediatorSign)}${sign(w.recorderSign)}</div></div>
${sealAndDate(c, a ? a.effectiveOn : null)}</div>`,
  );
  return { title: w.title, body };
}

/** 口头协议登记表: an oral agreement, registered like a written one (Art 30). */
export function oralAgreementBody(c: Ctx): DocBody {
  const w = c.w.oral_agreement;
  const a = c.file.agreement;
  const on = a?.effectiveOn ?? c.today;
  const parties = partyTable(c, w.partyColumns, [13, 22, 7, 7, 22, 29], (p) => [roleName(c, p), p.name, sexName(c, p), age(p, on), p.phone, p.address], 2, [4]);
  const performance = performanceParas(a, w.deadline);
  // Performed on the spot: nothing was left to do after the agreement.
  if (a && !a.performanceMethod && !a.performanceDeadline && a.performance === 'performed') performance.push(w.performedAtOnce);
  const body = doc('oral_agreement',
    html`<h1>${w.title}</h1>`,
    html`<p class="no">${c.w.common.caseNo}${c.file.case.caseNo}</p>`,
    html`<table class="form">${cols(18, 32, 18, 32)}
<tr><td class="k">${w.parties}</td><td colspan="3">${parties}</td></tr>
<tr><td class="k">${w.facts}</td><td colspan="3" class="top">${ruled(a?.facts ?? c.file.case.summary, 4)}</td></tr>
<tr><td class="k">${w.agreed}</td><td colspan="3" class="top">${ruled(terms(c, c.w.agreement.amount), 4)}</td></tr>
<tr><td class="k">${w.performance}</td><td colspan="3" class="top">${ruled(performance, 2)}</td></tr>
<tr><td class="k">${w.mediator}</td><td class="c">${mediatorNames(c).join('、')}</td><td class="k">${w.recorder}</td><td class="c">${recorderNames(c).join('、')}</td></tr>
<tr><td class="k">${w.agreedOn}</td><td colspan="3">${a ? dateZh(a.effectiveOn) : ''}</td></tr>
</table>`,
    sealAndDate(c, a ? a.effectiveOn : null),
    html`<p class="note">${w.note}</p>`,
  );
  return { title: w.title, body };
}
