import { html, join } from '../html';
import { dateLine, doc, partyBlock, ruled, numbered, sign, type Ctx, type DocBody } from '../parts';

/** 人民调解申请书: the applicant's request, with both sides' details. */
export function applicationBody(c: Ctx): DocBody {
  const w = c.w.application;
  const on = c.file.case.registeredOn;
  const ps = c.file.case.parties;
  const block = (role: 'applicant' | 'respondent' | 'third_party', label: string, min: number) => {
    const list = ps.filter((p) => p.role === role);
    const blocks = list.map((p) => partyBlock(c, p, label, on));
    for (let i = list.length; i < min; i++) blocks.push(partyBlock(c, null, label, on));
    return join(blocks);
  };
  const body = doc('application',
    html`<h1>${w.title}</h1>`,
    block('applicant', w.applicant, 1),
    block('respondent', w.respondent, 1),
    block('third_party', w.thirdParty, 0),
    html`<div class="section"><p class="head">${w.summary}</p>${ruled(c.file.case.summary, 5)}</div>`,
    html`<div class="section"><p class="head">${w.requests}</p>${ruled(numbered(c.file.case.requests, 'arabic'), 3)}</div>`,
    html`<div class="keep"><div class="section"><p class="p">${w.statement}</p></div>
<div class="signs"><div class="col"></div><div class="col">${sign(w.sign)}${dateLine(on)}</div></div></div>`,
  );
  return { title: w.title, body };
}
