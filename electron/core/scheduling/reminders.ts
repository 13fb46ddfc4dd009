import type { ScheduledMeeting } from '../../../shared/domain/scheduling';
import type { Database } from '../../db/data-source';
import { schedulingRepo } from '../../db/repositories/scheduling-repo';
import type { Actor, Clock } from '../context';
import { loadMeetings, windowFilter } from './queries';
import { readScheduleSettings } from './settings';
import { addMinutes, shortSpan } from './time';

/**
 * The signed-in user's meetings starting within the reminder time that this user has not been
 * reminded of at their present start: each is returned once, and again if it is moved.
 */
export async function dueReminders(db: Database, actor: Actor, clock: Clock): Promise<ScheduledMeeting[]> {
  return db.transaction(async (tx) => {
    const { reminderMinutes } = await readScheduleSettings(tx);
    const now = clock().toISOString();
    const soon = (await loadMeetings(tx, windowFilter(now, addMinutes(now, reminderMinutes), {
      statuses: ['scheduled'], mine: { personId: actor.personId, userId: actor.userId },
    }))).filter((m) => m.startsAt >= now);
    const fresh = await schedulingRepo.notReminded(tx, actor.userId, soon.map((m) => ({ id: m.id, starts_at: m.startsAt })));
    const due = soon.filter((m) => fresh.has(m.id));
    for (const m of due) await schedulingRepo.markReminded(tx, actor.userId, { id: m.id, starts_at: m.startsAt }, now);
    return due;
  });
}

/** A desktop notification's text: time, venue, case number and purpose; no party names on a shared screen (Art 15). */
export function reminderText(m: ScheduledMeeting): { title: string; body: string } {
  return { title: '调解会议提醒', body: `${shortSpan(m.startsAt, m.endsAt)} · ${m.venue.name}\n${m.caseNo}${m.purpose ? ` · ${m.purpose}` : ''}` };
}
