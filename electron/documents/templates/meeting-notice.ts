import { calendarDate, dateTimeZh } from '../format';
import { html, join } from '../html';
import { disputeName, doc, fillHtml, inlineValue, orderedParties, sealAndDate, type Ctx, type DocBody } from '../parts';
import { fill } from '../wording';

/** 调解通知书: one page per party notified of the meeting; blanks when no meeting is given. */
export function meetingNoticeBody(c: Ctx): DocBody {
  const w = c.w.meeting_notice;
  const m = c.opts.meeting;
  const all = orderedParties(c.file);
  const addressees = m?.partyIds ? all.filter((p) => m.partyIds!.includes(p.id)) : all;
  const issued = m?.issuedOn ?? (m ? c.today : null);
  const bring = m?.bring?.length ? m.bring : w.bringDefault;
  const pages = (addressees.length ? addressees : [null]).map((p) => doc('meeting_notice',
    html`<h1>${w.title}</h1>`,
    html`<p class="no">${c.w.common.caseNo}${c.file.case.caseNo}</p>`,
    html`<p>${p ? fill(w.salutation, { name: p.name }) : fillHtml(w.salutation, { name: inlineValue('') })}</p>`,
    html`<p class="p">${fillHtml(w.body, {
      dispute: disputeName(c),
      time: m ? dateTimeZh(m.startsAt) : inlineValue(''),
      place: m ? m.place : inlineValue(''),
    })}</p>`,
    html`<p class="p">${w.bringHead}</p>`,
    join(bring.map((b, i) => html`<p class="p">${i + 1}．${b}${i === bring.length - 1 ? '。' : '；'}</p>`)),
    html`<p class="p">${w.absence}</p>`,
    html`<p class="p">${w.contact}${m?.contactPhone ? m.contactPhone : inlineValue('')}</p>`,
    sealAndDate(c, issued ? calendarDate(issued) : null),
  ));
  return { title: w.title, body: join(pages) };
}
