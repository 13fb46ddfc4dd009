import { EXCLUSIVE_VENUE_KINDS, type Clash, type VenueKind } from '../../../shared/domain/scheduling';
import { formatDateZh } from '../../../shared/domain/dates';
import { dayStartMs, minutesToClock, shanghaiDateOf, shanghaiDayMinute, shortSpan, WEEKDAY_ZH, weekdayOfDay } from './time';
import { EXCEPTION_ZH, roleZh } from './wording';

/**
 * The clash rules (issue 4), as pure functions over what the clash query loaded. Intervals are
 * half-open: a meeting ending at 10:00 does not clash with one starting at 10:00.
 */

export interface Interval { start: number; end: number }

export const overlaps = (a: Interval, b: Interval): boolean => a.start < b.end && b.start < a.end;

export const intervalOf = (startsAt: string, endsAt: string): Interval => ({ start: Date.parse(startsAt), end: Date.parse(endsAt) });

/** Weekly hours in Shanghai minutes of the day; weekday 1 = Monday. */
export interface WeeklyWindow { weekday: number; startMinute: number; endMinute: number }

/** One weekday's windows merged: touching or overlapping windows become one. */
export function mergeWindows(windows: readonly { startMinute: number; endMinute: number }[]): [number, number][] {
  const sorted = [...windows].sort((a, b) => a.startMinute - b.startMinute);
  const out: [number, number][] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last && w.startMinute <= last[1]) last[1] = Math.max(last[1], w.endMinute);
    else out.push([w.startMinute, w.endMinute]);
  }
  return out;
}

/**
 * Whether the weekly hours cover the whole interval: each Shanghai day it touches must be covered
 * by the union of that weekday's windows (a meeting past midnight needs both days' hours).
 */
export function withinWeeklyHours(interval: Interval, weekly: readonly WeeklyWindow[]): boolean {
  if (interval.end <= interval.start) return true;
  const first = shanghaiDayMinute(interval.start).day;
  const last = shanghaiDayMinute(interval.end - 1).day;
  for (let day = first; day <= last; day++) {
    const dayStart = dayStartMs(day);
    const from = Math.max(interval.start, dayStart);
    const to = Math.min(interval.end, dayStart + 86_400_000);
    const a = (from - dayStart) / 60_000;
    const b = (to - dayStart) / 60_000;
    const windows = mergeWindows(weekly.filter((w) => w.weekday === weekdayOfDay(day)));
    if (!windows.some(([s, e]) => s <= a && b <= e)) return false;
  }
  return true;
}

/** A party as the clash check knows them: the same human in another case is another row. */
export interface PartyIdentity { id: number; name: string; idNumber: string | null; phone: string | null }

const digits = (phone: string | null) => (phone ? phone.replace(/[\s-]/g, '') : '');

/**
 * The same human across cases: the same ID number; or, where either has no ID number recorded,
 * the same name and the same phone. Two different ID numbers are two people, whatever the names.
 */
export function sameHuman(a: PartyIdentity, b: PartyIdentity): boolean {
  if (a.id === b.id) return true;
  const ia = a.idNumber?.trim().toUpperCase() || null;
  const ib = b.idNumber?.trim().toUpperCase() || null;
  if (ia && ib) return ia === ib;
  const pa = digits(a.phone);
  return pa !== '' && pa === digits(b.phone) && a.name.trim() === b.name.trim();
}

export interface AvailabilityException { kind: 'leave' | 'duty' | 'busy'; note: string | null; startsAt: string; endsAt: string }

export interface InvitedPerson {
  id: number;
  name: string;
  /** Their part in this case (lead_mediator …), for the message. */
  role: string | null;
  weekly: WeeklyWindow[];
  /** Their leave, duties and busy times overlapping the meeting (or more: they are filtered here). */
  exceptions: AvailabilityException[];
}

/** Another scheduled meeting in the clash window. */
export interface OtherMeeting {
  id: number; caseId: number; caseNo: string; startsAt: string; endsAt: string; venueId: number; venue: string;
  personIds: number[];
  parties: PartyIdentity[];
}

export interface ClashInput {
  startsAt: string;
  endsAt: string;
  venue: { id: number; name: string; kind: VenueKind; capacity: number | null };
  people: InvitedPerson[];
  parties: PartyIdentity[];
  /** coalesce(extended_due_on, due_on); null: no deadline to check. */
  dueOn: string | null;
  others: OtherMeeting[];
}

const withOf = (m: OtherMeeting) => ({ meetingId: m.id, caseId: m.caseId, caseNo: m.caseNo, startsAt: m.startsAt, endsAt: m.endsAt, venue: m.venue });
const meetingText = (m: OtherMeeting) => `${m.caseNo}，${shortSpan(m.startsAt, m.endsAt)}，${m.venue}`;

function hoursText(weekly: readonly WeeklyWindow[], interval: Interval): string {
  const day = shanghaiDayMinute(interval.start).day;
  const weekday = weekdayOfDay(day);
  const windows = mergeWindows(weekly.filter((w) => w.weekday === weekday));
  if (!windows.length) return `${WEEKDAY_ZH[weekday]}没有登记工作时间`;
  return `${WEEKDAY_ZH[weekday]}工作时间为${windows.map(([s, e]) => `${minutesToClock(s)}–${minutesToClock(e)}`).join('、')}`;
}

/** Every clash of a proposed meeting, each naming what it clashes with. */
export function findClashes(input: ClashInput): Clash[] {
  const self = intervalOf(input.startsAt, input.endsAt);
  const others = input.others.filter((m) => overlaps(self, intervalOf(m.startsAt, m.endsAt)))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id - b.id);
  const clashes: Clash[] = [];

  for (const p of input.people) {
    const who = `${roleZh(p.role)}${p.name}`;
    for (const m of others.filter((o) => o.personIds.includes(p.id))) {
      clashes.push({ kind: 'person_busy', subject: p.name, with: withOf(m), detail: {}, message: `${who}在该时段已有会议：${meetingText(m)}` });
    }
  }

  if (EXCLUSIVE_VENUE_KINDS.includes(input.venue.kind)) {
    for (const m of others.filter((o) => o.venueId === input.venue.id)) {
      clashes.push({ kind: 'room_busy', subject: input.venue.name, with: withOf(m), detail: {}, message: `${input.venue.name}在该时段已被占用：${meetingText(m)}` });
    }
  }

  for (const p of input.people) {
    const who = `${roleZh(p.role)}${p.name}`;
    for (const e of p.exceptions.filter((x) => overlaps(self, intervalOf(x.startsAt, x.endsAt)))) {
      clashes.push({
        kind: 'unavailable', subject: p.name, with: null,
        detail: { exceptionKind: e.kind, exceptionNote: e.note, exceptionStartsAt: e.startsAt, exceptionEndsAt: e.endsAt },
        message: `${who}在该时段${EXCEPTION_ZH[e.kind]}：${shortSpan(e.startsAt, e.endsAt)}${e.note ? `（${e.note}）` : ''}`,
      });
    }
    // Availability is checked only for people who keep weekly hours.
    if (p.weekly.length && !withinWeeklyHours(self, p.weekly)) {
      clashes.push({
        kind: 'unavailable', subject: p.name, with: null, detail: { outsideHours: true },
        message: `该时段不在${who}的工作时间内（${hoursText(p.weekly, self)}）`,
      });
    }
  }

  for (const party of input.parties) {
    for (const m of others.filter((o) => o.parties.some((q) => sameHuman(party, q)))) {
      const elsewhere = m.parties.some((q) => q.id === party.id) ? '' : '（另一案件中的同一当事人）';
      clashes.push({
        kind: 'party_busy', subject: party.name, with: withOf(m), detail: {},
        message: `当事人${party.name}在该时段已被通知参加另一会议${elsewhere}：${meetingText(m)}`,
      });
    }
  }

  const meetingDate = shanghaiDateOf(input.startsAt);
  if (input.dueOn && meetingDate > input.dueOn) {
    clashes.push({
      kind: 'after_deadline', subject: meetingDate, with: null, detail: { dueOn: input.dueOn },
      message: `会议日期${formatDateZh(meetingDate)}晚于本案的调解期限（${formatDateZh(input.dueOn)}）`,
    });
  }

  const invited = input.people.length + input.parties.length;
  if (input.venue.capacity !== null && input.venue.capacity < invited) {
    clashes.push({
      kind: 'room_capacity', subject: input.venue.name, with: null, detail: { capacity: input.venue.capacity, invited },
      message: `${input.venue.name}只能容纳${input.venue.capacity}人，本次邀请了${invited}人`,
    });
  }
  return clashes;
}
