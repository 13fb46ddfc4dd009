import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  Clash, MeetingCancelSchema, MeetingCheckSchema, MeetingCreateSchema, MeetingMoveSchema, MeetingUpdateSchema, ScheduledMeeting,
} from '../../../shared/domain/scheduling';
import type { Database } from '../../db/data-source';
import { lifecycleRepo } from '../../db/repositories/lifecycle-repo';
import { schedulingRepo } from '../../db/repositories/scheduling-repo';
import { recordAudit } from '../audit/audit';
import { onCase } from '../cases/transition';
import type { Actor, Clock } from '../context';
import { badState, notFound } from '../errors';
import { checkDraft, clashesOf, type CheckedDraft } from './draft';
import { loadMeeting } from './queries';
import { longStart } from './time';

type In<S extends z.ZodType> = z.output<S>;
export interface ScheduleResult { id: number | null; clashes: Clash[] }

/** Thrown inside the transaction so that a refusal writes nothing at all; returned as a value. */
class ClashesRefused extends Error {
  constructor(readonly clashes: Clash[]) { super('clashes need a reason'); }
}

async function refusedAsValue(work: () => Promise<ScheduleResult>): Promise<ScheduleResult> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ClashesRefused) return { id: null, clashes: e.clashes };
    throw e;
  }
}

/** Clashes are never silent: going ahead needs a reason, which is stored with them. */
function decide(clashes: Clash[], reason: string | undefined): { reason: string; clashes: Clash[] } | null {
  if (!clashes.length) return null;
  if (!reason) throw new ClashesRefused(clashes);
  return { reason, clashes };
}

const joined = (names: readonly { name: string }[]) => (names.length ? names.map((n) => n.name).join('、') : null);

// The case history shows these values as they are: readable Chinese, labelled by caseWork.history.fields.
interface MeetingView {
  meeting_starts_at: string; meeting_ends_at: string; meeting_venue: string;
  meeting_people: string | null; meeting_parties: string | null; meeting_purpose: string | null;
}
const viewOfDraft = (d: CheckedDraft): MeetingView => ({
  meeting_starts_at: longStart(d.startsAt), meeting_ends_at: longStart(d.endsAt), meeting_venue: d.venue.name,
  meeting_people: joined(d.people), meeting_parties: joined(d.parties), meeting_purpose: d.purpose,
});
const viewOfMeeting = (m: ScheduledMeeting): MeetingView => ({
  meeting_starts_at: longStart(m.startsAt), meeting_ends_at: longStart(m.endsAt), meeting_venue: m.venue.name,
  meeting_people: joined(m.people), meeting_parties: joined(m.parties), meeting_purpose: m.purpose,
});
const overrideView = (o: { reason: string; clashes: Clash[] } | null) =>
  (o ? { override_reason: o.reason, clashes: o.clashes.map((c) => c.message).join('；') } : {});

const overrideColumns = (o: { reason: string; clashes: Clash[] } | null) =>
  ({ override_reason: o?.reason ?? null, override_clashes: o ? JSON.stringify(o.clashes) : null });

/** The clashes a meeting would have, writing nothing; `meetingId` leaves the meeting itself out. */
export async function checkMeeting(db: Database, clock: Clock, i: In<typeof MeetingCheckSchema>): Promise<{ clashes: Clash[] }> {
  const tx = db.manager;
  let previous = null;
  if (i.meetingId !== undefined) {
    const row = await schedulingRepo.meetingRow(tx, i.meetingId);
    if (!row) throw notFound('该调解会议');
    previous = { startsAt: row.starts_at, venueId: row.venue_id };
  }
  const d = await checkDraft(tx, i, clock(), previous);
  return { clashes: await clashesOf(tx, d, i.meetingId ?? null) };
}

/**
 * Schedules a meeting from a case. The clash check runs in the same transaction as the write: with
 * clashes and no reason nothing is written and the clashes come back with id null.
 */
export function scheduleMeeting(db: Database, actor: Actor, clock: Clock, i: In<typeof MeetingCreateSchema>): Promise<ScheduleResult> {
  return refusedAsValue(() => onCase(db, actor, clock, i.caseId, 'meeting', 'case.meeting.schedule', async (s) => {
    const d = await checkDraft(s.tx, i, s.now, null);
    const clashes = await clashesOf(s.tx, d, null);
    const override = decide(clashes, i.overrideReason);
    const stamp = s.now.toISOString();
    const id = await lifecycleRepo.insert(s.tx, 'meetings', {
      uid: randomUUID(), sequence: 0, case_id: d.caseId, venue_id: d.venue.id, starts_at: d.startsAt, ends_at: d.endsAt, status: 'scheduled',
      purpose: d.purpose, note: d.note, ...overrideColumns(override), created_by: actor.userId, created_at: stamp, updated_at: stamp,
    });
    await schedulingRepo.replaceInvitees(s.tx, id, d.people.map((p) => p.id), d.parties.map((p) => p.id));
    const after = { ...viewOfDraft(d), ...overrideView(override) };
    s.note(Object.fromEntries(Object.keys(after).map((k) => [k, null])), after);
    return { id, clashes };
  }));
}

/** Changes a meeting: same UID, next SEQUENCE. */
export async function rescheduleMeeting(db: Database, actor: Actor, clock: Clock, i: In<typeof MeetingUpdateSchema>): Promise<ScheduleResult> {
  return changeMeeting(db, actor, clock, i.id, i.overrideReason, (before) => ({ ...i, caseId: before.caseId }));
}

/**
 * A drag or a stretch in the calendar: new times, the rest as it is (venue, people, parties, purpose,
 * note). The same change as any other: the clash check in the transaction, refused as a value.
 */
export async function moveMeeting(db: Database, actor: Actor, clock: Clock, i: In<typeof MeetingMoveSchema>): Promise<ScheduleResult> {
  return changeMeeting(db, actor, clock, i.id, i.overrideReason, (before) => ({
    caseId: before.caseId, startsAt: i.startsAt, endsAt: i.endsAt, venueId: before.venue.id,
    purpose: before.purpose ?? undefined, note: before.note ?? undefined,
    // In the order the meeting has them, so the history shows the times alone as changed.
    personIds: before.people.map((p) => p.personId), partyIds: before.parties.map((p) => p.partyId),
  }));
}

type ChangeDraft = Parameters<typeof checkDraft>[1];

/** The one change path: what the meeting becomes is worked out from what it was, inside the transaction. */
async function changeMeeting(
  db: Database, actor: Actor, clock: Clock, id: number, overrideReason: string | undefined, draftOf: (before: ScheduledMeeting) => ChangeDraft,
): Promise<ScheduleResult> {
  const row = await schedulingRepo.meetingRow(db.manager, id);
  if (!row) throw notFound('该调解会议');
  return refusedAsValue(() => onCase(db, actor, clock, row.case_id, 'meeting', 'case.meeting.update', async (s) => {
    const before = await loadMeeting(s.tx, id);
    if (before.status === 'cancelled') throw badState('该会议已取消，不能再调整；如需再次安排，请新建会议');
    const d = await checkDraft(s.tx, draftOf(before), s.now, { startsAt: before.startsAt, venueId: before.venue.id });
    const clashes = await clashesOf(s.tx, d, id);
    const override = decide(clashes, overrideReason);
    await lifecycleRepo.update(s.tx, 'meetings', id, {
      venue_id: d.venue.id, starts_at: d.startsAt, ends_at: d.endsAt, purpose: d.purpose, note: d.note, ...overrideColumns(override),
      sequence: before.sequence + 1, updated_at: s.now.toISOString(),
    });
    await schedulingRepo.replaceInvitees(s.tx, id, d.people.map((p) => p.id), d.parties.map((p) => p.id));
    const was = viewOfMeeting(before);
    const now = viewOfDraft(d);
    // What changed, and always the start, so the record says which meeting it was.
    const keys = (Object.keys(now) as (keyof MeetingView)[]).filter((k) => k === 'meeting_starts_at' || was[k] !== now[k]);
    s.note(Object.fromEntries(keys.map((k) => [k, was[k]])), { ...Object.fromEntries(keys.map((k) => [k, now[k]])), ...overrideView(override) });
    return { id, clashes };
  }));
}

/** Cancels with a reason, whatever the case's state; the meeting stays in the calendar as cancelled. */
export async function cancelMeeting(db: Database, actor: Actor, clock: Clock, i: In<typeof MeetingCancelSchema>): Promise<void> {
  await db.transaction(async (tx) => {
    const m = await loadMeeting(tx, i.id);
    if (m.status === 'cancelled') throw badState('该会议已经取消');
    const now = clock();
    await lifecycleRepo.update(tx, 'meetings', i.id, { status: 'cancelled', cancel_reason: i.reason, sequence: m.sequence + 1, updated_at: now.toISOString() });
    await lifecycleRepo.updateCase(tx, m.caseId, { updated_at: now.toISOString() });
    const which = { meeting_starts_at: longStart(m.startsAt), meeting_venue: m.venue.name };
    await recordAudit(tx, {
      at: now, userId: actor.userId, action: 'case.meeting.cancel', entity: 'case', entityId: m.caseId,
      before: { ...which, cancel_reason: null }, after: { ...which, cancel_reason: i.reason },
    });
  });
}
