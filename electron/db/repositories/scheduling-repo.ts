import { readArrays } from '../data-source';
import type { Tx } from './tx';

/** Plain SQL for venues, availability and meetings; the core decides what may be written and when. */

const marks = (n: number) => new Array(n).fill('?').join(', ');

export interface VenueDbRow {
  id: number; name: string; kind: string; capacity: number | null; address: string | null; link: string | null;
  note: string | null; active: number;
}

/**
 * A meeting as three flat reads over the same WHERE, rows as arrays (a month of the calendar is
 * thousands of rows): the meetings with their case, then the people and the parties invited. The
 * venue is joined in JavaScript from the few venues there are.
 */
export type MeetingTuple = [
  id: number, uid: string, sequence: number, caseId: number, caseNo: string, caseTitle: string, startsAt: string, endsAt: string,
  status: string, cancelReason: string | null, purpose: string | null, note: string | null, overrideReason: string | null,
  overrideClashes: string | null, createdAt: string, updatedAt: string, venueId: number, leadMediatorId: number | null,
];
export type MeetingPersonTuple = [meetingId: number, personId: number, name: string, role: string | null];
export type MeetingPartyTuple = [meetingId: number, partyId: number, name: string, role: string, phone: string | null, position: number];

export const meetingSql = (where: string): string => `SELECT m.id, m.uid, m.sequence, m.case_id, c.case_no, c.applicant_names,
  m.starts_at, m.ends_at, m.status, m.cancel_reason, m.purpose, m.note, m.override_reason, m.override_clashes, m.created_at, m.updated_at,
  m.venue_id, c.lead_mediator_id FROM meetings m JOIN cases c ON c.id = m.case_id ${where}`;
// CROSS JOIN keeps the meetings' time index as the outer loop.
export const meetingPeopleSql = (where: string): string => `SELECT mp.meeting_id, mp.person_id, p.name, cm.role
  FROM meetings m CROSS JOIN meeting_people mp ON mp.meeting_id = m.id JOIN persons p ON p.id = mp.person_id
  LEFT JOIN case_members cm ON cm.case_id = m.case_id AND cm.person_id = mp.person_id AND cm.removed_at IS NULL ${where}`;
export const meetingPartiesSql = (where: string): string => `SELECT mq.meeting_id, pa.id, pa.name, pa.role, pa.phone, pa.position
  FROM meetings m CROSS JOIN meeting_parties mq ON mq.meeting_id = m.id JOIN parties pa ON pa.id = mq.party_id ${where}`;

/**
 * The window on the meetings_time index: a meeting lasts at most 12 hours, so one that overlaps
 * [from, to) started in [from − 12 h, to). Parameters: from − 12 h, to, from.
 */
export const WINDOW = `m.starts_at >= ? AND m.starts_at < ? AND m.ends_at > ?`;

export interface MeetingFilter {
  /** Stored instants (toISOString), and from − 12 h for the index bound; absent: at any time (one case's meetings). */
  window?: { boundFrom: string; from: string; to: string };
  statuses: readonly ('scheduled' | 'cancelled')[];
  personId?: number; venueId?: number; caseId?: number;
  /** The signed-in user's: invited as this person, or scheduled by this user. */
  mine?: { personId: number | null; userId: number };
  limit?: number;
}

/** The WHERE of a calendar window and its parameters, and the ORDER BY (and LIMIT) of its meetings. */
export function meetingWhere(f: MeetingFilter): { where: string; order: string; params: unknown[] } {
  // `status IN (…)` even for both statuses, so the (status, starts_at) index serves the range.
  const parts = [`m.status IN (${marks(f.statuses.length)})`];
  const params: unknown[] = [...f.statuses];
  if (f.window) { parts.push(WINDOW); params.push(f.window.boundFrom, f.window.to, f.window.from); }
  if (f.personId !== undefined) {
    parts.push(`EXISTS (SELECT 1 FROM meeting_people x WHERE x.meeting_id = m.id AND x.person_id = ?)`);
    params.push(f.personId);
  }
  if (f.venueId !== undefined) { parts.push('m.venue_id = ?'); params.push(f.venueId); }
  if (f.caseId !== undefined) { parts.push('m.case_id = ?'); params.push(f.caseId); }
  if (f.mine) {
    parts.push(`(EXISTS (SELECT 1 FROM meeting_people x WHERE x.meeting_id = m.id AND x.person_id = ?) OR m.created_by = ?)`);
    params.push(f.mine.personId ?? -1, f.mine.userId);
  }
  return { where: `WHERE ${parts.join(' AND ')}`, order: `ORDER BY m.starts_at, m.id${f.limit ? ` LIMIT ${Math.trunc(f.limit)}` : ''}`, params };
}

/**
 * The calendar's one read: each meeting with its case number and title and its venue's name and
 * kind, nothing more. CROSS JOIN keeps the meetings' index (meetings_time, or meetings_venue for one
 * room) as the outer loop; a person's calendar is an EXISTS on meeting_people.
 */
export type CalendarTuple = [
  id: number, caseId: number, caseNo: string, caseTitle: string, startsAt: string, endsAt: string,
  venueId: number, venueName: string, venueKind: string, status: string, purpose: string | null,
];
export const calendarSql = (where: string): string => `SELECT m.id, m.case_id, c.case_no, c.applicant_names, m.starts_at, m.ends_at,
  m.venue_id, v.name, v.kind, m.status, m.purpose
  FROM meetings m CROSS JOIN cases c ON c.id = m.case_id CROSS JOIN venues v ON v.id = m.venue_id ${where}`;

export interface ClashCandidateRow {
  id: number; caseId: number; caseNo: string; startsAt: string; endsAt: string; venueId: number; venue: string;
  /** JSON [personId, …] */
  personIds: string;
  /** JSON [[partyId, name, idNumber, phone], …] */
  parties: string;
}

/** Other scheduled meetings overlapping a proposed one. Parameters: start − 12 h, end, start, the meeting itself (or null). */
export const CLASH_CANDIDATES = `SELECT m.id, m.case_id AS caseId, c.case_no AS caseNo, m.starts_at AS startsAt, m.ends_at AS endsAt,
  m.venue_id AS venueId, v.name AS venue,
  (SELECT json_group_array(mp.person_id) FROM meeting_people mp WHERE mp.meeting_id = m.id) AS personIds,
  (SELECT json_group_array(json_array(pa.id, pa.name, pa.id_number, pa.phone))
    FROM meeting_parties mq JOIN parties pa ON pa.id = mq.party_id WHERE mq.meeting_id = m.id) AS parties
  FROM meetings m JOIN cases c ON c.id = m.case_id JOIN venues v ON v.id = m.venue_id
  WHERE m.status = 'scheduled' AND ${WINDOW} AND m.id IS NOT ?`;

export const schedulingRepo = {
  // Venues
  venues: (tx: Tx): Promise<VenueDbRow[]> => tx.query(`SELECT id, name, kind, capacity, address, link, note, active FROM venues ORDER BY active DESC, name, id`),
  venue: async (tx: Tx, id: number): Promise<VenueDbRow | null> =>
    ((await tx.query(`SELECT id, name, kind, capacity, address, link, note, active FROM venues WHERE id = ?`, [id])) as VenueDbRow[])[0] ?? null,
  venueIdByName: async (tx: Tx, name: string): Promise<number | null> =>
    ((await tx.query(`SELECT id FROM venues WHERE name = ?`, [name])) as { id: number }[])[0]?.id ?? null,

  // Availability
  weeklyHours: (tx: Tx, personIds: readonly number[]): Promise<{ person_id: number; weekday: number; start_minute: number; end_minute: number }[]> =>
    personIds.length
      ? tx.query(`SELECT person_id, weekday, start_minute, end_minute FROM availability_hours WHERE person_id IN (${marks(personIds.length)})
          ORDER BY person_id, weekday, start_minute`, [...personIds])
      : Promise.resolve([]),
  replaceWeeklyHours: async (tx: Tx, personId: number, rows: readonly { weekday: number; start: number; end: number }[]): Promise<void> => {
    await tx.query(`DELETE FROM availability_hours WHERE person_id = ?`, [personId]);
    for (const r of rows) {
      await tx.query(`INSERT INTO availability_hours (person_id, weekday, start_minute, end_minute) VALUES (?, ?, ?, ?)`, [personId, r.weekday, r.start, r.end]);
    }
  },
  /** Leave, duties and busy times of these people overlapping [from, to). */
  exceptionsOverlapping: (tx: Tx, personIds: readonly number[], from: string, to: string):
    Promise<{ person_id: number; kind: 'leave' | 'duty' | 'busy'; note: string | null; starts_at: string; ends_at: string }[]> =>
    personIds.length
      ? tx.query(`SELECT person_id, kind, note, starts_at, ends_at FROM availability_exceptions
          WHERE person_id IN (${marks(personIds.length)}) AND starts_at < ? AND ends_at > ? ORDER BY starts_at, id`, [...personIds, to, from])
      : Promise.resolve([]),
  /** A person's exceptions ending after `since`, for the availability screen. */
  exceptionsSince: (tx: Tx, personId: number, since: string):
    Promise<{ id: number; starts_at: string; ends_at: string; kind: 'leave' | 'duty' | 'busy'; note: string | null; source: 'manual' | 'ics' }[]> =>
    tx.query(`SELECT id, starts_at, ends_at, kind, note, source FROM availability_exceptions WHERE person_id = ? AND ends_at > ?
      ORDER BY starts_at, id LIMIT 1000`, [personId, since]),
  exception: async (tx: Tx, personId: number, id: number) =>
    ((await tx.query(`SELECT id, starts_at, ends_at, kind, note, source FROM availability_exceptions WHERE id = ? AND person_id = ?`, [id, personId])) as
      { id: number; starts_at: string; ends_at: string; kind: string; note: string | null; source: string }[])[0] ?? null,

  // The case side of a meeting
  caseForMeeting: async (tx: Tx, caseId: number) =>
    ((await tx.query(`SELECT id, case_no, status, category, lead_mediator_id, coalesce(extended_due_on, due_on) AS due_on FROM cases WHERE id = ?`, [caseId])) as
      { id: number; case_no: string; status: string; category: string; lead_mediator_id: number | null; due_on: string | null }[])[0] ?? null,
  /** The case team: active members who are people in the directory, and the lead mediator of the case row. */
  team: (tx: Tx, caseId: number): Promise<{ person_id: number; role: string }[]> =>
    tx.query(`SELECT person_id, role FROM case_members WHERE case_id = ? AND removed_at IS NULL AND person_id IS NOT NULL
      UNION ALL SELECT lead_mediator_id, 'lead_mediator' FROM cases WHERE id = ? AND lead_mediator_id IS NOT NULL`, [caseId, caseId]),
  personNames: (tx: Tx, ids: readonly number[]): Promise<{ id: number; name: string }[]> =>
    ids.length ? tx.query(`SELECT id, name FROM persons WHERE id IN (${marks(ids.length)})`, [...ids]) : Promise.resolve([]),
  parties: (tx: Tx, ids: readonly number[]): Promise<{ id: number; case_id: number; name: string; id_number: string | null; phone: string | null }[]> =>
    ids.length ? tx.query(`SELECT id, case_id, name, id_number, phone FROM parties WHERE id IN (${marks(ids.length)})`, [...ids]) : Promise.resolve([]),

  // Meetings
  clashCandidates: (tx: Tx, boundFrom: string, startsAt: string, endsAt: string, exceptId: number | null): Promise<ClashCandidateRow[]> =>
    tx.query(CLASH_CANDIDATES, [boundFrom, endsAt, startsAt, exceptId]),
  /** The meetings matching a filter, and their people and parties (of every meeting in the WHERE, the LIMIT aside). */
  meetingTuples: (tx: Tx, f: MeetingFilter) => {
    const w = meetingWhere(f);
    return {
      meetings: readArrays<MeetingTuple>(tx, meetingSql(`${w.where} ${w.order}`), w.params),
      people: readArrays<MeetingPersonTuple>(tx, meetingPeopleSql(w.where), w.params),
      parties: readArrays<MeetingPartyTuple>(tx, meetingPartiesSql(w.where), w.params),
    };
  },
  /** The calendar's meetings matching a filter, by start, in one statement. */
  calendarTuples: (tx: Tx, f: MeetingFilter): CalendarTuple[] => {
    const w = meetingWhere(f);
    return readArrays<CalendarTuple>(tx, calendarSql(`${w.where} ${w.order}`), w.params);
  },
  meetingTuple: (tx: Tx, id: number) => ({
    meetings: readArrays<MeetingTuple>(tx, meetingSql('WHERE m.id = ?'), [id]),
    people: readArrays<MeetingPersonTuple>(tx, meetingPeopleSql('WHERE m.id = ?'), [id]),
    parties: readArrays<MeetingPartyTuple>(tx, meetingPartiesSql('WHERE m.id = ?'), [id]),
  }),
  /** The bare row, for a change: what it was before. */
  meetingRow: async (tx: Tx, id: number) =>
    ((await tx.query(`SELECT id, case_id, venue_id, starts_at, ends_at, status, purpose, note, sequence FROM meetings WHERE id = ?`, [id])) as
      { id: number; case_id: number; venue_id: number; starts_at: string; ends_at: string; status: string; purpose: string | null; note: string | null; sequence: number }[])[0] ?? null,
  replaceInvitees: async (tx: Tx, meetingId: number, personIds: readonly number[], partyIds: readonly number[]): Promise<void> => {
    await tx.query(`DELETE FROM meeting_people WHERE meeting_id = ?`, [meetingId]);
    await tx.query(`DELETE FROM meeting_parties WHERE meeting_id = ?`, [meetingId]);
    if (personIds.length) await tx.query(`INSERT INTO meeting_people (meeting_id, person_id) VALUES ${personIds.map(() => '(?, ?)').join(', ')}`, personIds.flatMap((p) => [meetingId, p]));
    if (partyIds.length) await tx.query(`INSERT INTO meeting_parties (meeting_id, party_id) VALUES ${partyIds.map(() => '(?, ?)').join(', ')}`, partyIds.flatMap((p) => [meetingId, p]));
  },

  // Reminders: one per user per meeting start.
  /** Of these meetings, the ones this user has not yet been reminded of at their present start. */
  notReminded: async (tx: Tx, userId: number, meetings: readonly { id: number; starts_at: string }[]): Promise<Set<number>> => {
    const out = new Set<number>();
    for (const m of meetings) {
      const seen = (await tx.query(`SELECT 1 FROM meeting_reminders WHERE meeting_id = ? AND user_id = ? AND starts_at = ?`, [m.id, userId, m.starts_at])) as unknown[];
      if (!seen.length) out.add(m.id);
    }
    return out;
  },
  markReminded: async (tx: Tx, userId: number, m: { id: number; starts_at: string }, at: string): Promise<void> => {
    await tx.query(`INSERT OR IGNORE INTO meeting_reminders (meeting_id, user_id, starts_at, reminded_at) VALUES (?, ?, ?, ?)`, [m.id, userId, m.starts_at, at]);
  },
};
