import { PERFORMANCE_STATES, SATISFACTION_LEVELS } from '../../../shared/domain/enums';
import type { Followup } from '../../../shared/domain/case-file';
import { dateZh } from '../format';
import { html, join } from '../html';
import { allPartyNames, choice, cols, disputeName, doc, ruled, sign, type Ctx, type DocBody } from '../parts';
import { notFound } from '../../core/errors';

/** 人民调解回访记录: one page per visit; blank form when there is none yet. */
export function followupRecordBody(c: Ctx): DocBody {
  const w = c.w.followup_record;
  const all = [...c.file.followups].sort((a, b) => a.visitedOn.localeCompare(b.visitedOn) || a.id - b.id);
  let visits: (Followup | null)[] = all.length ? all : [null];
  if (c.opts.followupId !== undefined) {
    const one = all.find((f) => f.id === c.opts.followupId);
    if (!one) throw notFound('这份回访记录');
    visits = [one];
  }
  const agreementNo = c.file.agreement ? c.file.case.caseNo : '';
  const pages = visits.map((f) => {
    const performance = PERFORMANCE_STATES.map((s) => choice(f?.performance === s, c.w.common.performance[s]));
    const satisfaction = SATISFACTION_LEVELS.map((s) => choice(f?.satisfaction === s, c.w.common.satisfaction[s]));
    const blankItem = (label: string) => html`<div class="row"><span class="label">${label}</span><span class="v left"></span></div>`;
    return doc('followup_record',
      html`<h1>${w.title}</h1>`,
      html`<table class="form">${cols(20, 30, 20, 30)}
<tr><td class="k">${w.parties}</td><td colspan="3">${allPartyNames(c)}</td></tr>
<tr><td class="k">${w.agreementNo}</td><td colspan="3">${agreementNo}</td></tr>
<tr><td class="k">${w.subject}</td><td colspan="3">${disputeName(c)}</td></tr>
<tr><td class="k">${w.situation}</td><td colspan="3" class="top">
<p>${w.performance}</p><p>${performance}</p>
<p>${w.satisfaction}</p><p>${satisfaction}</p>
${blankItem(w.lawsuit)}${blankItem(w.wrongMediation)}${blankItem(w.risk)}${blankItem(w.measures)}
<p>${w.notes}</p>${ruled(f?.notes, 4)}
</td></tr>
<tr><td class="k">${w.visitor}</td><td class="c">${f?.visitor}</td><td class="k">${w.visitedOn}</td><td class="c">${f ? dateZh(f.visitedOn) : ''}</td></tr>
<tr><td colspan="4" class="signrow"><div class="signs"><div class="col"></div><div class="col">${sign(w.visitorSign)}</div></div></td></tr>
</table>`,
    );
  });
  return { title: w.title, body: join(pages) };
}
