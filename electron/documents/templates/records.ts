import type { CaseRecord } from '../../../shared/domain/case-file';
import { calendarDate, dateTimeZh } from '../format';
import { html, join, type SafeHtml } from '../html';
import {
  choice, dateLine, disputeName, doc, field, ruled, row, sign, type Ctx, type DocBody,
} from '../parts';
import { fill } from '../wording';
import { notFound } from '../../core/errors';

/** The records of one kind to print: the one asked for, else all of them, else one blank form. */
function pick(c: Ctx, kind: CaseRecord['kind']): (CaseRecord | null)[] {
  const all = c.file.records.filter((r) => r.kind === kind).sort((a, b) => a.heldAt.localeCompare(b.heldAt) || a.id - b.id);
  if (c.opts.recordId !== undefined) {
    const one = all.find((r) => r.id === c.opts.recordId);
    if (!one) throw notFound('这份记录');
    return [one];
  }
  return all.length ? all : [null];
}

const caseNo = (c: Ctx) => html`<p class="no">${c.w.common.caseNo}${c.file.case.caseNo}</p>`;
const twoCols = (left: SafeHtml[], right: SafeHtml[]) =>
  html`<div class="signs"><div class="col">${left}</div><div class="col">${right}</div></div>`;

/** 人民调解调查记录: one page per investigation. */
export function investigationRecordBody(c: Ctx): DocBody {
  const w = c.w.investigation_record;
  const pages = pick(c, 'investigation').map((r) => doc('investigation_record',
    html`<h1>${w.title}</h1>`,
    caseNo(c),
    row(field(w.time, r ? dateTimeZh(r.heldAt) : '', 'w8'), field(w.place, r?.place, 'left')),
    row(field(w.interviewee, r?.interviewee, 'left')),
    row(field(w.attendees, r?.attendees.join(c.w.common.partiesJoin), 'left')),
    row(field(w.subject, r?.subject, 'left')),
    html`<div class="section"><p class="head">${w.record}</p>${ruled(r?.content, 14)}</div>`,
    html`<div class="keep">${twoCols([sign(w.investigatorSign), sign(w.intervieweeSign)], [sign(w.recorderSign), dateLine(r ? calendarDate(r.heldAt) : null)])}</div>`,
  ));
  return { title: w.title, body: join(pages) };
}

/** 人民调解记录 (minutes): one page per mediation session. */
export function mediationRecordBody(c: Ctx): DocBody {
  const w = c.w.mediation_record;
  const records = pick(c, 'mediation');
  const last = records[records.length - 1];
  const k = c.file.case;
  const pages = records.map((r) => {
    // The outcome is ticked on the last session's minutes only; earlier ones are left to the pen.
    const final = r !== null && r === last && k.outcome !== null;
    const routes = c.file.failureRoutes.map((x) => c.w.common.routes[x]).join('、');
    const choices = html`<p>${choice(final && k.outcome === 'agreed' && k.agreementForm === 'written', w.resultWritten)}${choice(final && k.outcome === 'agreed' && k.agreementForm === 'oral', w.resultOral)}${choice(final && k.outcome !== 'agreed', w.resultNone)}</p>`;
    const told = final && k.outcome === 'failed' && routes ? fill(w.routesTold, { routes }) : '';
    const parties = r?.partiesPresent ?? [];
    const partySigns = Array.from({ length: Math.max(2, parties.length) }, () => sign(w.partySign));
    return doc('mediation_record',
      html`<h1>${w.title}</h1>`,
      caseNo(c),
      row(field(w.time, r ? dateTimeZh(r.heldAt) : '', 'w8'), field(w.place, r?.place, 'left')),
      row(field(w.subject, r ? (r.subject ?? disputeName(c)) : disputeName(c), 'left')),
      row(field(w.attendees, r?.attendees.join(c.w.common.partiesJoin), 'left')),
      row(field(w.parties, parties.join(c.w.common.partiesJoin), 'left')),
      html`<div class="section"><p class="head">${w.course}${r?.private ? w.privateSession : ''}</p>${ruled(r?.content, 8)}</div>`,
      html`<div class="section"><p class="head">${w.result}</p>${choices}${ruled([r?.result, told], 2)}</div>`,
      html`<div class="keep"><p class="p section">${w.readBack}</p>
${twoCols(partySigns, [sign(w.mediatorSign), sign(w.recorderSign), dateLine(r ? calendarDate(r.heldAt) : null)])}</div>`,
    );
  });
  return { title: w.title, body: join(pages) };
}
