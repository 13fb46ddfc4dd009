import { createHash } from 'node:crypto';
import nodeIcal, { type DateWithTimeZone, type VEvent } from 'node-ical';
import { TIME_ZONE } from '../../../shared/domain/dates';
import type { Database } from '../../db/data-source';
import { lifecycleRepo } from '../../db/repositories/lifecycle-repo';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { invalid, notFound } from '../errors';

/**
 * A volunteer's busy times, from an .ics file their own calendar (Outlook, Google, Apple, a phone)
 * exported: each event that blocks time becomes a `busy` availability exception, replaced on the
 * next import of the same file instead of added again.
 */

/**
 * What an imported busy time says (a clash reads 「李明在该时段忙碌：12月1日 09:30–11:00（个人日历）」). Only that:
 * the title of a private appointment (a hospital visit, a family matter) stays in the person's own calendar.
 */
export const ICS_NOTE = '个人日历';
/** Recurring events are expanded within this window; busy times outside it are neither kept nor removed. */
export const IMPORT_DAYS_BACK = 1;
export const IMPORT_DAYS_AHEAD = 180;
/** More busy times than any person's half year holds: a runaway rule, not a calendar. */
export const MAX_BUSY_TIMES = 10_000;

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export interface Window { from: Date; to: Date }
export interface BusyTime { sourceUid: string; startsAt: string; endsAt: string }
export interface ImportResult { added: number; updated: number; removed: number; skipped: number }

export const importWindow = (now: Date): Window => ({
  from: new Date(now.getTime() - IMPORT_DAYS_BACK * DAY_MS),
  to: new Date(now.getTime() + IMPORT_DAYS_AHEAD * DAY_MS),
});

const NOT_ICS = '文件不是有效的iCalendar（.ics）日历文件';
const refuse = (message: string, key = 'validation.ics.invalid') => invalid([{ path: 'ics', key, message }]);

/** Splits `NAME;PARAMS:VALUE` at the first colon outside a quoted parameter value. */
function splitLine(line: string): [string, string] | null {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return [line.slice(0, i), line.slice(i + 1)];
  }
  return null;
}

const DATE_PROPERTY = /^(DTSTART|DTEND|RECURRENCE-ID|EXDATE|RDATE)[;:]/i;
const FLOATING = /^\d{8}T\d{6}$/;

/**
 * The text unfolded, with floating times (no Z, no TZID) given TZID=Asia/Shanghai: a calendar made
 * here means Shanghai time, while node-ical would read them in whatever zone this computer is set to.
 * VTIMEZONE rules are floating by definition and are left alone.
 */
export function anchorFloatingTimes(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n[ \t]/g, '').split('\n');
  let inEvent = false;
  return lines.map((line) => {
    if (/^BEGIN:VEVENT\s*$/i.test(line)) inEvent = true;
    else if (/^END:VEVENT\s*$/i.test(line)) inEvent = false;
    if (!inEvent || !DATE_PROPERTY.test(line)) return line;
    const parts = splitLine(line);
    if (!parts) return line;
    const [head, value] = parts;
    if (/;TZID=/i.test(head) || /;VALUE=(DATE|PERIOD)(;|$)/i.test(head)) return line;
    const values = value.trim().split(',');
    return values.every((v) => FLOATING.test(v)) ? `${head};TZID=${TIME_ZONE}:${value.trim()}` : line;
  }).join('\r\n');
}

const isDate = (d: unknown): d is DateWithTimeZone => d instanceof Date && !Number.isNaN(d.getTime());

/** An all-day date as node-ical gives it (midnight in this computer's zone) → that day's start in Shanghai. */
const shanghaiDayStart = (d: Date): number => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) - SHANGHAI_OFFSET_MS;

const basic = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const dateKey = (d: Date) => `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
/** An occurrence's key in source_uid: its original start, the RECURRENCE-ID an override names it by. */
const occurrenceKey = (d: DateWithTimeZone, fullDay: boolean) => (fullDay ? dateKey(d) : basic(d.getTime()));

/** Events without a UID (against RFC 5545, but seen) get one from what they are, so a re-import still matches. */
const derivedUid = (e: VEvent) =>
  `nouid-${createHash('sha256').update([e.start?.toISOString?.(), e.end?.toISOString?.(), e.rrule?.toString?.() ?? ''].join('|')).digest('hex').slice(0, 24)}`;

const blocksTime = (e: Pick<VEvent, 'status' | 'transparency'>) =>
  String(e.status ?? '').toUpperCase() !== 'CANCELLED' && String(e.transparency ?? '').toUpperCase() !== 'TRANSPARENT';

/** [start, end) in epoch ms; an all-day event blocks whole Shanghai days, and one without an end blocks its day. */
function interval(start: DateWithTimeZone, end: DateWithTimeZone | undefined, fullDay: boolean): [number, number] {
  if (fullDay) {
    const a = shanghaiDayStart(start);
    const b = end && isDate(end) ? shanghaiDayStart(end) : a + DAY_MS;
    return [a, Math.max(b, a + DAY_MS)];
  }
  return [start.getTime(), end && isDate(end) ? end.getTime() : start.getTime()];
}

/**
 * The busy times a calendar file gives within the window. Pure; throws `invalid` for a file that
 * is not an iCalendar. `skipped` counts the events that give none: outside the window, free
 * (TRANSP:TRANSPARENT), cancelled, without a duration, or repeating hourly or more often.
 */
export function busyTimesFromIcs(text: string, w: Window): { busy: BusyTime[]; skipped: number } {
  const body = text.replace(/^\uFEFF/, '');
  if (!/^\s*BEGIN:VCALENDAR\s*$/im.test(body.split(/\r?\n/).find((l) => l.trim()) ?? '') || !/^END:VCALENDAR\s*$/im.test(body)) {
    throw refuse(NOT_ICS);
  }
  let parsed: ReturnType<typeof nodeIcal.sync.parseICS>;
  try {
    parsed = nodeIcal.sync.parseICS(anchorFloatingTimes(body));
  } catch {
    throw refuse(NOT_ICS);
  }
  const events = Object.values(parsed).filter((c): c is VEvent => !!c && (c as { type?: string }).type === 'VEVENT');
  const from = w.from.getTime();
  const to = w.to.getTime();
  const busy = new Map<string, BusyTime>();
  let skipped = 0;
  for (const e of events) {
    if (!isDate(e.start) || (e.end !== undefined && e.end !== null && !isDate(e.end))) {
      throw refuse(`${NOT_ICS}：有日程的时间无法识别，请在日历软件中重新导出`, 'validation.ics.badTime');
    }
    const uid = typeof e.uid === 'string' && e.uid.trim() ? e.uid.trim() : derivedUid(e);
    const fullDay = e.start.dateOnly === true || e.datetype === 'date';
    let found = 0;
    const add = (sourceUid: string, start: DateWithTimeZone, end: DateWithTimeZone | undefined, allDay: boolean) => {
      const [a, b] = interval(start, end, allDay);
      if (b <= a || b <= from || a >= to) return;
      busy.set(sourceUid, { sourceUid, startsAt: new Date(a).toISOString(), endsAt: new Date(b).toISOString() });
      found++;
    };
    if (e.rrule) {
      // Busy every hour or more often is not an appointment, and expanding it half a year ahead takes seconds.
      if (/FREQ=(SECONDLY|MINUTELY|HOURLY)/i.test(e.rrule.toString())) { skipped++; continue; }
      // A day's margin each side: all-day instances come as midnight in this computer's zone, not Shanghai's.
      const instances = nodeIcal.expandRecurringEvent(e, { from: new Date(from - 2 * DAY_MS), to: new Date(to + 2 * DAY_MS), expandOngoing: true });
      if (instances.length > MAX_BUSY_TIMES) throw refuse(`日历中的重复日程过多（超过${MAX_BUSY_TIMES}次），无法导入`, 'validation.ics.tooMany');
      for (const i of instances) {
        if (!blocksTime(i.event)) continue;
        const original = i.isOverride && isDate(i.event.recurrenceid) ? i.event.recurrenceid : i.start;
        add(`${uid}#${occurrenceKey(original, fullDay)}`, i.start, i.end, i.isFullDay);
      }
    } else if (blocksTime(e)) {
      // A lone override (an invitation to one occurrence) is keyed like the occurrence it replaces.
      add(isDate(e.recurrenceid) ? `${uid}#${occurrenceKey(e.recurrenceid, fullDay)}` : uid, e.start, e.end, fullDay);
    }
    if (!found) skipped++;
    if (busy.size > MAX_BUSY_TIMES) throw refuse(`日历中的日程过多（超过${MAX_BUSY_TIMES}个），无法导入`, 'validation.ics.tooMany');
  }
  return { busy: [...busy.values()], skipped };
}

interface ExceptionRow { id: number; source_uid: string; starts_at: string; ends_at: string; kind: string; note: string | null }

/**
 * Replaces a person's imported busy times in the window with the file's, in one transaction:
 * unchanged ones are left, changed ones updated, new ones added, and ones the file no longer has removed.
 */
export async function importIcs(db: Database, actor: Actor, clock: Clock, i: { personId: number; ics: string }): Promise<ImportResult> {
  const now = clock();
  const w = importWindow(now);
  // Parsed before the transaction: a bad file is refused with nothing written, and no lock is held while parsing.
  const { busy, skipped } = busyTimesFromIcs(i.ics, w);
  return db.transaction(async (tx) => {
    if (!(await lifecycleRepo.one(tx, `SELECT id FROM persons WHERE id = ?`, [i.personId]))) throw notFound('该人员');
    const existing = await lifecycleRepo.rows<ExceptionRow>(tx,
      `SELECT id, source_uid, starts_at, ends_at, kind, note FROM availability_exceptions
        WHERE person_id = ? AND source = 'ics' AND source_uid IS NOT NULL`, [i.personId]);
    const byUid = new Map(existing.map((r) => [r.source_uid, r]));
    const result: ImportResult = { added: 0, updated: 0, removed: 0, skipped };
    for (const b of busy) {
      const row = byUid.get(b.sourceUid);
      byUid.delete(b.sourceUid);
      if (!row) {
        await lifecycleRepo.insert(tx, 'availability_exceptions', {
          person_id: i.personId, starts_at: b.startsAt, ends_at: b.endsAt, kind: 'busy', note: ICS_NOTE,
          source: 'ics', source_uid: b.sourceUid, created_at: now.toISOString(),
        });
        result.added++;
      } else if (row.starts_at !== b.startsAt || row.ends_at !== b.endsAt || row.kind !== 'busy' || row.note !== ICS_NOTE) {
        await lifecycleRepo.update(tx, 'availability_exceptions', row.id, { starts_at: b.startsAt, ends_at: b.endsAt, kind: 'busy', note: ICS_NOTE });
        result.updated++;
      }
    }
    // What the file no longer has, within the window; busy times already past it are history and stay.
    for (const row of byUid.values()) {
      if (Date.parse(row.ends_at) > w.from.getTime() && Date.parse(row.starts_at) < w.to.getTime()) {
        await lifecycleRepo.exec(tx, `DELETE FROM availability_exceptions WHERE id = ?`, [row.id]);
        result.removed++;
      }
    }
    await recordAudit(tx, {
      at: now, userId: actor.userId, action: 'availability.importIcs', entity: 'person', entityId: i.personId,
      after: { ...result, from: w.from.toISOString(), to: w.to.toISOString() },
    });
    return result;
  });
}
