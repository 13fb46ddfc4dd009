import { CHANNEL_BUCKET } from '../../../shared/domain/enums';
import { dateZh } from '../format';
import { html } from '../html';
import {
  age, allPartyNames, cols, categoryName, choice, doc, inlineValue, orderedParties, partyTable, roleName, ruled, sealAndDate, sexName, sign,
  type Ctx, type DocBody,
} from '../parts';
import { fill } from '../wording';

/** 人民调解受理登记表: filled in by the committee when it takes a dispute on. */
export function registrationBody(c: Ctx): DocBody {
  const w = c.w.registration;
  const k = c.file.case;
  const on = k.acceptedOn ?? k.registeredOn;
  const bucket = CHANNEL_BUCKET[k.channel];
  const sentence = fill(orderedParties(c.file).length > 1 ? w.sentence : w.sentenceOne, { date: dateZh(on), parties: allPartyNames(c) });
  const parties = partyTable(c, w.partyColumns, [13, 22, 7, 7, 22, 29], (p) => [roleName(c, p), p.name, sexName(c, p), age(p, on), p.phone, p.address], 2, [4]);
  const body = doc('registration',
    html`<h1>${c.w.registration.title}</h1>`,
    html`<p class="no">${c.w.common.caseNo}${k.caseNo}</p>`,
    html`<table class="form">
${cols(20, 30, 20, 30)}
<tr><td colspan="4" class="top"><p class="p">${sentence}</p></td></tr>
<tr><td class="k">${w.parties}</td><td colspan="3">${parties}</td></tr>
<tr><td class="k">${w.category}</td><td colspan="3">${categoryName(c)}</td></tr>
<tr><td class="k">${w.channel}</td><td colspan="3">${choice(bucket === 'application', w.channelApplication)}${choice(bucket === 'initiative', w.channelInitiative)}${choice(bucket === 'referral', w.channelReferral)}${bucket === 'referral' ? html`（${w.referralBody}${inlineValue(k.referralBody)}）` : ''}</td></tr>
<tr><td class="k">${w.summary}</td><td colspan="3" class="top">${ruled(k.summary, 6)}</td></tr>
<tr><td colspan="4" class="signrow"><div class="signs"><div class="col">${sign(w.partySign)}</div><div class="col">${sign(w.registrarSign)}</div></div></td></tr>
</table>`,
    sealAndDate(c, on),
    html`<p class="note">${w.note}</p>`,
  );
  return { title: w.title, body };
}
