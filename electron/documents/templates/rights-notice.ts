import { html } from '../html';
import { allPartyNames, dateLine, doc, orderedParties, sign, type Ctx, type DocBody } from '../parts';

/** 人民调解当事人权利义务告知书 (Art 3, 4, 23, 24, 31, 33), signed by every party. */
export function rightsNoticeBody(c: Ctx): DocBody {
  const w = c.w.rights_notice;
  const on = c.file.case.acceptedOn ?? c.file.case.registeredOn;
  const n = Math.max(2, orderedParties(c.file).length);
  const signs = Array.from({ length: n }, () => sign(w.sign));
  const left = signs.filter((_, i) => i % 2 === 0);
  const right = signs.filter((_, i) => i % 2 === 1);
  const body = doc('rights_notice',
    html`<h1>${w.title}</h1>`,
    html`<p>${w.salutation}${allPartyNames(c)}</p>`,
    html`<div class="law small">
${w.intro.map((t) => html`<p class="p">${t}</p>`)}
<p class="p">${w.rightsHead}</p>${w.rights.map((t) => html`<p class="p">${t}</p>`)}
<p class="p">${w.dutiesHead}</p>${w.duties.map((t) => html`<p class="p">${t}</p>`)}
<p class="p">${w.effectHead}</p>${w.effect.map((t) => html`<p class="p">${t}</p>`)}
<p class="p">${w.acknowledge}</p>
</div>`,
    html`<div class="keep"><div class="signs"><div class="col">${left}</div><div class="col">${right}</div></div>${dateLine(on)}</div>`,
  );
  return { title: w.title, body };
}
