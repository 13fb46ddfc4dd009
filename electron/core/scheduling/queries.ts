import type { z } from 'zod';
import type { CalendarMeeting, Clash, MeetingRangeSchema, ScheduledMeeting } from '../../../shared/domain/scheduling';
import type { Database } from '../../db/data-source';
import { schedulingRepo, type MeetingFilter } from '../../db/repositories/scheduling-repo';
import type { Tx } from '../../db/repositories/tx';
import type { Actor, Clock } from '../context';
import { invalid, notFound } from '../errors';
import { readScheduleSettings } from './settings';
import { addMinutes, toStored } from './time';
import { toVenue } from './venues';

/** Meetings last at most 12 hours: how far before a window a meeting overlapping it may start. */
const MAX_MINUTES_BACK = 12 * 60;
const UPCOMING_DAYS = 7;
const UPCOMING_LIMIT = 200;

// The lead mediator first, then the rest of the team by person.
const ROLE_RANK: Record<string, number> = { lead_mediator: 0, co_mediator: 1 };
const rank = (role: string | null) => (role === null ? 9 : ROLE_RANK[role] ?? 2);

type Tuples = ReturnType<typeof schedulingRepo.meetingTuples>;

/** The three reads' rows → ScheduledMeeting, with the venues read once for all of them. */
async function toMeetings(tx: Tx, { meetings, people, parties }: Tuples): Promise<ScheduledMeeting[]> {
  if (!meetings.length) return [];
  const venues = new Map((await schedulingRepo.venues(tx)).map((v) => [v.id, toVenue(v)]));
  const team = new Map<number, ScheduledMeeting['people']>();
  for (const [meetingId, personId, name, role] of people) {
    const list = team.get(meetingId);
    if (!list) team.set(meetingId, [{ personId, name, role }]);
    else if (!list.some((p) => p.personId === personId)) list.push({ personId, name, role });
  }
  // Parties come in id order; the case's order (position) is kept beside them for the rare reordering.
  const invited = new Map<number, { list: ScheduledMeeting['parties']; positions: number[] }>();
  for (const [meetingId, partyId, name, role, phone, position] of parties) {
    const entry = invited.get(meetingId);
    if (!entry) invited.set(meetingId, { list: [{ partyId, name, role, phone }], positions: [position] });
    else { entry.list.push({ partyId, name, role, phone }); entry.positions.push(position); }
  }
  const none: ScheduledMeeting['parties'] = [];
  return meetings.map((r) => {
    const ps = team.get(r[0]) ?? [];
    for (const p of ps) if (p.role === null && p.personId === r[17]) p.role = 'lead_mediator';
    if (ps.length > 1) ps.sort((a, b) => rank(a.role) - rank(b.role) || a.personId - b.personId);
    const entry = invited.get(r[0]);
    return {
      id: r[0], uid: r[1], sequence: r[2], caseId: r[3], caseNo: r[4], caseTitle: r[5], startsAt: r[6], endsAt: r[7], venue: venues.get(r[16])!,
      status: r[8] as ScheduledMeeting['status'], cancelReason: r[9], purpose: r[10], note: r[11], people: ps,
      parties: entry ? inCaseOrder(entry.list, entry.positions) : none.slice(),
      override: r[12] === null ? null : { reason: r[12], clashes: r[13] ? (JSON.parse(r[13]) as Clash[]) : [] },
      createdAt: r[14], updatedAt: r[15],
    };
  });
}

function inCaseOrder<T>(list: T[], positions: number[]): T[] {
  for (let i = 1; i < positions.length; i++) {
    if (positions[i] < positions[i - 1]) return list.map((x, k) => [x, positions[k]] as const).sort((a, b) => a[1] - b[1]).map(([x]) => x);
  }
  return list;
}

/** One meeting, inside the caller's transaction (or db.manager). */
export async function loadMeeting(tx: Tx, id: number): Promise<ScheduledMeeting> {
  const [meeting] = await toMeetings(tx, schedulingRepo.meetingTuple(tx, id));
  if (!meeting) throw notFound('该调解会议');
  return meeting;
}

/** The filter of a calendar window [from, to): meetings overlapping it, by start. */
export function windowFilter(from: string, to: string, rest: Omit<MeetingFilter, 'window'>): MeetingFilter {
  const f = toStored(from);
  return { ...rest, window: { from: f, to: toStored(to), boundFrom: addMinutes(f, -MAX_MINUTES_BACK) } };
}

/** Meetings matching a filter, by start, inside the caller's transaction (or db.manager). */
export const loadMeetings = (tx: Tx, filter: MeetingFilter): Promise<ScheduledMeeting[]> => toMeetings(tx, schedulingRepo.meetingTuples(tx, filter));

/** One meeting whole: its case, venue, people, parties and any accepted clashes. */
export const getMeeting = (db: Database, id: number): Promise<ScheduledMeeting> => loadMeeting(db.manager, id);

/**
 * The calendar: meetings overlapping [from, to), for one person, one room, one case or the committee,
 * each as little as an event shows (a month is ~2,000 of them), from one statement.
 */
export async function meetingsInRange(db: Database, q: z.output<typeof MeetingRangeSchema>): Promise<CalendarMeeting[]> {
  if (Date.parse(q.to) <= Date.parse(q.from)) throw invalid([{ path: 'to', key: 'validation.range.order', message: '日程范围的结束时间应晚于开始时间' }]);
  const rows = schedulingRepo.calendarTuples(db.manager, windowFilter(q.from, q.to, {
    statuses: q.includeCancelled ? ['scheduled', 'cancelled'] : ['scheduled'], personId: q.personId, venueId: q.venueId, caseId: q.caseId,
  }));
  // One venue object per venue: there are a handful, and a month repeats them thousands of times.
  const venues = new Map<number, CalendarMeeting['venue']>();
  return rows.map(([id, caseId, caseNo, caseTitle, startsAt, endsAt, venueId, venueName, venueKind, status, purpose]) => {
    let venue = venues.get(venueId);
    if (!venue) venues.set(venueId, (venue = { id: venueId, name: venueName, kind: venueKind as CalendarMeeting['venue']['kind'] }));
    return { id, caseId, caseNo, caseTitle, startsAt, endsAt, venue, status: status as CalendarMeeting['status'], purpose };
  });
}

/** 会议安排 on a case: all its meetings, past and coming, cancelled ones included, whole (with people and parties). */
export async function caseMeetings(db: Database, caseId: number): Promise<ScheduledMeeting[]> {
  if (!(await schedulingRepo.caseForMeeting(db.manager, caseId))) throw notFound('该案件');
  return loadMeetings(db.manager, { statuses: ['scheduled', 'cancelled'], caseId });
}

/** 工作台: the next seven days' meetings (those under way included), the signed-in user's and the whole committee's. */
export async function upcomingMeetings(db: Database, actor: Actor, clock: Clock):
  Promise<{ mine: ScheduledMeeting[]; committee: ScheduledMeeting[]; reminderMinutes: number }> {
  const now = clock().toISOString();
  const until = addMinutes(now, UPCOMING_DAYS * 24 * 60);
  const base = { statuses: ['scheduled'] as const, limit: UPCOMING_LIMIT };
  const [mine, committee, settings] = await Promise.all([
    loadMeetings(db.manager, windowFilter(now, until, { ...base, mine: { personId: actor.personId, userId: actor.userId } })),
    loadMeetings(db.manager, windowFilter(now, until, base)),
    readScheduleSettings(db.manager),
  ]);
  return { mine, committee, reminderMinutes: settings.reminderMinutes };
}
