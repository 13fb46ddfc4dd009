import type { z } from 'zod';
import type { Availability, ExceptionInputSchema, WeeklyHours } from '../../../shared/domain/scheduling';
import type { Database } from '../../db/data-source';
import { lifecycleRepo } from '../../db/repositories/lifecycle-repo';
import { schedulingRepo } from '../../db/repositories/scheduling-repo';
import type { Tx } from '../../db/repositories/tx';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { invalid, notFound } from '../errors';
import type { Issue } from '../../../shared/ipc/result';
import { clockToMinutes, minutesToClock, toStored, WEEKDAY_ZH } from './time';

/** Past exceptions shown on the availability screen: the last month's, for reference. */
const PAST_DAYS_SHOWN = 30;

async function personName(tx: Tx, personId: number): Promise<string> {
  const p = await lifecycleRepo.one<{ name: string }>(tx, `SELECT name FROM persons WHERE id = ?`, [personId]);
  if (!p) throw notFound('该人员');
  return p.name;
}

const windowText = (w: WeeklyHours) => `${WEEKDAY_ZH[w.weekday]} ${w.start}–${w.end}`;

/** A person's weekly hours and their leave, duties and busy times from a month ago on. */
export async function getAvailability(db: Database, clock: Clock, personId: number): Promise<Availability> {
  return db.transaction(async (tx) => {
    await personName(tx, personId);
    const since = new Date(clock().getTime() - PAST_DAYS_SHOWN * 86_400_000).toISOString();
    const [hours, exceptions] = await Promise.all([schedulingRepo.weeklyHours(tx, [personId]), schedulingRepo.exceptionsSince(tx, personId, since)]);
    return {
      personId,
      weekly: hours.map((h) => ({ weekday: h.weekday, start: minutesToClock(h.start_minute), end: minutesToClock(h.end_minute) })),
      exceptions: exceptions.map((e) => ({ id: e.id, startsAt: e.starts_at, endsAt: e.ends_at, kind: e.kind, note: e.note, source: e.source })),
    };
  });
}

/** Each row must end after it starts, and no two rows of one weekday may overlap (touching is fine). */
export function weeklyIssues(weekly: readonly WeeklyHours[]): Issue[] {
  const issues: Issue[] = [];
  weekly.forEach((w, i) => {
    if (clockToMinutes(w.end) <= clockToMinutes(w.start)) {
      issues.push({ path: `weekly.${i}.end`, key: 'validation.hours.order', message: `第${i + 1}行（${windowText(w)}）：结束时间应晚于开始时间` });
      return;
    }
    const j = weekly.findIndex((o, k) => k < i && o.weekday === w.weekday && clockToMinutes(o.end) > clockToMinutes(o.start)
      && clockToMinutes(w.start) < clockToMinutes(o.end) && clockToMinutes(o.start) < clockToMinutes(w.end));
    if (j >= 0) {
      issues.push({ path: `weekly.${i}.start`, key: 'validation.hours.overlap', message: `第${i + 1}行（${windowText(w)}）与第${j + 1}行（${windowText(weekly[j])}）时间重叠` });
    }
  });
  return issues;
}

/** Replaces the person's weekly hours; none at all means their availability is not checked. */
export async function setWeeklyHours(db: Database, actor: Actor, clock: Clock, personId: number, weekly: readonly WeeklyHours[]): Promise<void> {
  const issues = weeklyIssues(weekly);
  if (issues.length) throw invalid(issues);
  const sorted = [...weekly].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
  await db.transaction(async (tx) => {
    await personName(tx, personId);
    const before = (await schedulingRepo.weeklyHours(tx, [personId]))
      .map((h) => windowText({ weekday: h.weekday, start: minutesToClock(h.start_minute), end: minutesToClock(h.end_minute) }));
    await schedulingRepo.replaceWeeklyHours(tx, personId, sorted.map((w) => ({ weekday: w.weekday, start: clockToMinutes(w.start), end: clockToMinutes(w.end) })));
    await recordAudit(tx, { at: clock(), userId: actor.userId, action: 'availability.weekly', entity: 'person', entityId: personId, before, after: sorted.map(windowText) });
  });
}

export async function addException(db: Database, actor: Actor, clock: Clock, i: z.output<typeof ExceptionInputSchema>): Promise<{ id: number }> {
  const startsAt = toStored(i.startsAt);
  const endsAt = toStored(i.endsAt);
  if (endsAt <= startsAt) throw invalid([{ path: 'endsAt', key: 'validation.exception.order', message: '请假或公务安排的结束时间应晚于开始时间' }]);
  return db.transaction(async (tx) => {
    await personName(tx, i.personId);
    const row = { starts_at: startsAt, ends_at: endsAt, kind: i.kind, note: i.note || null };
    const id = await lifecycleRepo.insert(tx, 'availability_exceptions', { person_id: i.personId, ...row, source: 'manual', created_at: clock().toISOString() });
    await recordAudit(tx, { at: clock(), userId: actor.userId, action: 'availability.exception.add', entity: 'person', entityId: i.personId, after: { id, ...row } });
    return { id };
  });
}

export async function removeException(db: Database, actor: Actor, clock: Clock, personId: number, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const e = await schedulingRepo.exception(tx, personId, id);
    if (!e) throw notFound('该请假或公务安排');
    await lifecycleRepo.exec(tx, `DELETE FROM availability_exceptions WHERE id = ?`, [id]);
    await recordAudit(tx, { at: clock(), userId: actor.userId, action: 'availability.exception.remove', entity: 'person', entityId: personId, before: e });
  });
}
