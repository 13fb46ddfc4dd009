import ical, { ICalEventClass, ICalEventStatus, ICalEventTransparency, ICalAlarmType } from 'ical-generator';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import type { z } from 'zod';
import type { IcsExportSchema, ScheduledMeeting, VenueKind } from '../../../shared/domain/scheduling';
import { TIME_ZONE } from '../../../shared/domain/dates';
import type { Database } from '../../db/data-source';
import { lifecycleRepo } from '../../db/repositories/lifecycle-repo';
import { recordAudit } from '../audit/audit';
import { readCommittee } from '../committee/setup';
import type { Actor, Clock } from '../context';
import { invalid, notFound } from '../errors';
import { loadMeeting, loadMeetings, windowFilter } from './queries';
import { readScheduleSettings } from './settings';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Meetings as an RFC 5545 calendar (.ics) for Outlook, Google, Apple or a phone. The file leaves the
 * app: it names the case, the people and the parties, but never a phone or ID number.
 */

/** Appended to the meeting's uid, so a re-import updates the event instead of adding a second one. */
export const UID_DOMAIN = 'tiaojie';
export const PRODID = { company: 'Tiaojie', product: 'Tiaojie 调解', language: 'ZH' };

/** Asia/Shanghai has kept +08:00 without daylight saving since 1991: one fixed STANDARD rule is exact. */
export function shanghaiVtimezone(tzid: string): string | null {
  if (tzid !== TIME_ZONE) return null;
  return [
    'BEGIN:VTIMEZONE', `TZID:${TIME_ZONE}`, 'X-LIC-LOCATION:Asia/Shanghai',
    'BEGIN:STANDARD', 'DTSTART:19700101T000000', 'TZOFFSETFROM:+0800', 'TZOFFSETTO:+0800', 'TZNAME:CST', 'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n');
}

const PARTY_ROLE_ZH: Record<string, string> = { applicant: '申请人', respondent: '被申请人', third_party: '第三人' };
const MEMBER_ROLE_ZH: Record<string, string> = {
  lead_mediator: '主办调解员', co_mediator: '协办调解员', lawyer: '律师', social_worker: '社会工作者', counsellor: '心理咨询师',
  volunteer: '志愿者', relative: '亲属', expert: '专家', organisation: '有关组织', recorder: '记录人',
};
const VENUE_KIND_ZH: Record<VenueKind, string> = { room: '调解室', office: '办公室', home_visit: '上门', online: '线上视频' };

const HIDDEN = '［号码已隐去］';
// Resident ID numbers (18 and old 15 digits), mobiles (optionally +86, spaced or dashed) and landlines with area code.
const NUMBER_PATTERNS = [
  /(?<![0-9A-Za-z])\d{6}(?:19|20)\d{2}[01]\d[0-3]\d\d{3}[\dXx](?![0-9A-Za-z])/g,
  /(?<!\d)\d{15}(?!\d)/g,
  /(?<!\d)(?:(?:\+|00)?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g,
  /(?<!\d)(?:[（(]0\d{2,3}[)）]|0\d{2,3})[\s-]?\d{7,8}(?!\d)/g,
];

/**
 * Free text (a note, a reason, a title) with anything that looks like a phone or ID number taken out,
 * and the parties' own phone numbers wherever they appear: a note typed by a mediator may carry one.
 */
export function scrubNumbers(text: string, known: readonly (string | null | undefined)[] = []): string {
  let out = text;
  for (const k of known) {
    const digits = (k ?? '').replace(/\D/g, '');
    if (digits.length < 5) continue;
    // The same digits, however they were spaced or dashed.
    out = out.replace(new RegExp(digits.split('').join('[\\s-]?'), 'g'), HIDDEN);
  }
  for (const p of NUMBER_PATTERNS) out = out.replace(p, HIDDEN);
  return out;
}

/** RFC 5545 TEXT escaping, for the one value ical-generator writes unescaped (the calendar name). */
const escapeText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

export const eventUid = (m: Pick<ScheduledMeeting, 'uid'>): string => (m.uid.includes('@') ? m.uid : `${m.uid}@${UID_DOMAIN}`);

const shanghai = (iso: string) => dayjs(iso).tz(TIME_ZONE);

export function meetingSummary(m: ScheduledMeeting, clean: (s: string) => string = (s) => s): string {
  const head = clean(m.purpose?.trim() || '调解');
  const title = clean(m.caseTitle.trim());
  return `${m.status === 'cancelled' ? '【已取消】' : ''}${head}：${title ? `${title} ` : ''}${m.caseNo}`;
}

function location(m: ScheduledMeeting, clean: (s: string) => string): { text: string; url: string | null } {
  const v = m.venue;
  const name = clean(v.name);
  if (v.kind === 'online') return { text: v.link ? `${name}（${v.link}）` : name, url: v.link };
  if (v.kind === 'home_visit') return { text: v.address ? `${name}（上门）：${clean(v.address)}` : `${name}（上门）`, url: null };
  return { text: v.address ? `${name}，${clean(v.address)}` : name, url: null };
}

function description(m: ScheduledMeeting, clean: (s: string) => string): string {
  const lines = [`案号：${m.caseNo}`];
  if (m.caseTitle.trim()) lines.push(`案件：${clean(m.caseTitle.trim())}`);
  if (m.purpose) lines.push(`事项：${clean(m.purpose)}`);
  lines.push(`地点：${clean(m.venue.name)}（${VENUE_KIND_ZH[m.venue.kind]}）${m.venue.address ? ` ${clean(m.venue.address)}` : ''}`);
  if (m.venue.kind === 'online' && m.venue.link) lines.push(`会议链接：${m.venue.link}`);
  if (m.people.length) {
    lines.push(`调解人员：${m.people.map((p) => (p.role && MEMBER_ROLE_ZH[p.role] ? `${clean(p.name)}（${MEMBER_ROLE_ZH[p.role]}）` : clean(p.name))).join('、')}`);
  }
  // Names and roles only: the parties' phone numbers (and ID numbers) stay in the app.
  if (m.parties.length) {
    lines.push(`当事人：${m.parties.map((p) => `${clean(p.name)}（${PARTY_ROLE_ZH[p.role] ?? p.role}）`).join('、')}`);
  }
  if (m.note?.trim()) lines.push(`备注：${clean(m.note.trim())}`);
  if (m.status === 'cancelled') lines.push(`已取消${m.cancelReason ? `：${clean(m.cancelReason)}` : ''}`);
  return lines.join('\n');
}

export interface IcsExportOptions {
  /** 白沙社区人民调解委员会 */
  committeeName: string;
  /** Whose calendar, shown after the name: 王芳, 第一调解室, a case number. */
  scopeLabel?: string | null;
  /** A reminder on each meeting that still takes place (the committee's reminder setting). */
  reminderMinutes?: number | null;
}

/** 白沙社区人民调解委员会 调解日程（王芳） */
export const calendarName = (o: IcsExportOptions): string =>
  `${o.committeeName} 调解日程${o.scopeLabel ? `（${o.scopeLabel}）` : ''}`;

/**
 * The calendar text. Pure: the same meetings give the same bytes (DTSTAMP is the meeting's last
 * change, which RFC 5545 asks for when the object carries no METHOD).
 */
export function meetingsToIcs(meetings: readonly ScheduledMeeting[], o: IcsExportOptions): string {
  const cal = ical({
    prodId: PRODID,
    name: escapeText(calendarName(o)),
    // No calendar-wide zone: ical-generator would then write DTSTAMP as local digits without Z. The
    // events carry TZID=Asia/Shanghai and the generator still adds the VTIMEZONE they reference.
    timezone: { name: null, generator: shanghaiVtimezone },
  });
  const sorted = [...meetings].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id - b.id);
  for (const m of sorted) {
    const clean = (s: string) => scrubNumbers(s, m.parties.map((p) => p.phone));
    const where = location(m, clean);
    const cancelled = m.status === 'cancelled';
    const event = cal.createEvent({
      id: eventUid(m),
      sequence: m.sequence,
      stamp: dayjs(m.updatedAt).utc(),
      created: dayjs(m.createdAt).utc(),
      lastModified: dayjs(m.updatedAt).utc(),
      start: shanghai(m.startsAt),
      end: shanghai(m.endsAt),
      timezone: TIME_ZONE,
      summary: meetingSummary(m, clean),
      location: where.text,
      url: where.url,
      description: description(m, clean),
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      // A cancelled meeting no longer blocks the time in anyone's free/busy.
      transparency: cancelled ? ICalEventTransparency.TRANSPARENT : ICalEventTransparency.OPAQUE,
      // Mediation is confidential (人民调解法 Art 15): in a shared calendar others see only "busy".
      class: ICalEventClass.PRIVATE,
    });
    if (!cancelled && o.reminderMinutes) {
      event.createAlarm({ type: ICalAlarmType.display, trigger: o.reminderMinutes * 60, description: meetingSummary(m, clean) });
    }
  }
  // Every content line ends in CRLF, the last one included.
  return `${cal.toString()}\r\n`;
}

export type IcsScope =
  | { kind: 'meeting'; caseNo: string; startsAt: string }
  | { kind: 'case'; caseNo: string }
  | { kind: 'person' | 'venue'; label: string; from: string; to: string }
  | { kind: 'committee'; from: string; to: string };

// Characters Windows, macOS or a phone refuse in a file name; Chinese text is kept.
const UNSAFE = new Set('\\/:*?"<>|');
const safeName = (s: string) => [...s.replace(/\s+/g, '')].slice(0, 80).map((c) => (UNSAFE.has(c) || c.charCodeAt(0) < 0x20 ? '_' : c)).join('');

const month = (iso: string) => shanghai(iso).format('YYYY-MM');
const period = (from: string, to: string) => {
  // `to` is exclusive: a window ending at midnight on 1 January covers December.
  const a = month(from);
  const b = month(dayjs(to).subtract(1, 'millisecond').toISOString());
  return a === b ? a : `${a}至${b}`;
};

/** 调解会议-（2026）白沙人调字第0001号-20261201.ics, 调解日程-王芳-2026-09至2027-09.ics, 调解日程-2026-12.ics */
export function icsFileName(s: IcsScope): string {
  switch (s.kind) {
    case 'meeting': return `调解会议-${safeName(s.caseNo)}-${shanghai(s.startsAt).format('YYYYMMDD')}.ics`;
    case 'case': return `调解会议-${safeName(s.caseNo)}.ics`;
    case 'person':
    case 'venue': return `调解日程-${safeName(s.label)}-${period(s.from, s.to)}.ics`;
    case 'committee': return `调解日程-${period(s.from, s.to)}.ics`;
  }
}

/** A schedule export's window when none is given: the last quarter and the coming year. */
export const EXPORT_DAYS_BACK = 90;
export const EXPORT_DAYS_AHEAD = 365;
// A case's meetings are all exported unless a window is given.
const ALL_FROM = '1970-01-01T00:00:00.000Z';
const ALL_TO = '9999-12-31T00:00:00.000Z';
const DAY_MS = 86_400_000;

/**
 * One meeting, one case's, a person's, a room's or the whole committee's meetings as an .ics file,
 * cancelled ones included (so a calendar that imported them earlier drops them). Every export is
 * recorded (Art 15): the file leaves the app.
 */
export async function exportIcs(db: Database, actor: Actor, clock: Clock, q: z.output<typeof IcsExportSchema>): Promise<{ fileName: string; ics: string }> {
  if (q.from && q.to && Date.parse(q.to) <= Date.parse(q.from)) {
    throw invalid([{ path: 'to', key: 'validation.range.order', message: '日程范围的结束时间应晚于开始时间' }]);
  }
  const now = clock();
  return db.transaction(async (tx) => {
    const committee = await readCommittee(tx);
    const settings = await readScheduleSettings(tx);
    let meetings: ScheduledMeeting[];
    let fileName: string;
    let scopeLabel: string | null;
    let from: string | null = null;
    let to: string | null = null;
    let audit: { entity?: string; entityId?: number; scope: string };
    if (q.meetingId !== undefined) {
      const m = await loadMeeting(tx, q.meetingId);
      meetings = [m];
      scopeLabel = m.caseNo;
      fileName = icsFileName({ kind: 'meeting', caseNo: m.caseNo, startsAt: m.startsAt });
      audit = { entity: 'case', entityId: m.caseId, scope: 'meeting' };
    } else {
      const whole = q.caseId !== undefined && q.personId === undefined && q.venueId === undefined;
      from = q.from ?? (whole ? ALL_FROM : new Date(now.getTime() - EXPORT_DAYS_BACK * DAY_MS).toISOString());
      to = q.to ?? (whole ? ALL_TO : new Date(now.getTime() + EXPORT_DAYS_AHEAD * DAY_MS).toISOString());
      const labels: string[] = [];
      let caseNo: string | null = null;
      if (q.caseId !== undefined) {
        const c = await lifecycleRepo.one<{ case_no: string }>(tx, `SELECT case_no FROM cases WHERE id = ?`, [q.caseId]);
        if (!c) throw notFound('该案件');
        caseNo = c.case_no;
        labels.push(c.case_no);
      }
      if (q.personId !== undefined) {
        const p = await lifecycleRepo.one<{ name: string }>(tx, `SELECT name FROM persons WHERE id = ?`, [q.personId]);
        if (!p) throw notFound('该人员');
        labels.push(p.name);
      }
      if (q.venueId !== undefined) {
        const v = await lifecycleRepo.one<{ name: string }>(tx, `SELECT name FROM venues WHERE id = ?`, [q.venueId]);
        if (!v) throw notFound('该场所');
        labels.push(v.name);
      }
      meetings = await loadMeetings(tx, windowFilter(from, to, {
        statuses: ['scheduled', 'cancelled'], personId: q.personId, venueId: q.venueId, caseId: q.caseId,
      }));
      scopeLabel = labels.length ? labels.join('，') : null;
      // Whose calendar it is, for the file name and the audit record: a person's or a room's before a case's.
      const kind = q.personId !== undefined ? 'person' : q.venueId !== undefined ? 'venue' : q.caseId !== undefined ? 'case' : 'committee';
      fileName = whole && caseNo ? icsFileName({ kind: 'case', caseNo })
        : labels.length ? icsFileName({ kind: 'person', label: labels.join('-'), from, to })
          : icsFileName({ kind: 'committee', from, to });
      const entityId = { person: q.personId, venue: q.venueId, case: q.caseId, committee: undefined }[kind];
      audit = kind === 'committee' ? { scope: kind } : { entity: kind, entityId, scope: kind };
    }
    const ics = meetingsToIcs(meetings, { committeeName: committee?.name ?? '人民调解委员会', scopeLabel, reminderMinutes: settings.reminderMinutes });
    await recordAudit(tx, {
      at: now, userId: actor.userId, action: 'schedule.export', entity: audit.entity, entityId: audit.entityId,
      after: {
        scope: audit.scope, ...q, from, to, fileName, meetings: meetings.length,
        meetingIds: meetings.map((m) => m.id), caseIds: [...new Set(meetings.map((m) => m.caseId))],
      },
    });
    return { fileName, ics };
  });
}
