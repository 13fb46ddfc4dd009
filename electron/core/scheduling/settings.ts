import { DEFAULT_SCHEDULE_SETTINGS, ScheduleSettingsSchema, type ScheduleSettings } from '../../../shared/domain/scheduling';
import type { Database } from '../../db/data-source';
import { settingsRepo } from '../../db/repositories/committee-repo';
import type { Tx } from '../../db/repositories/tx';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';

const KEY = 'schedule';

/** The committee's reminder time and contact phone; the defaults until an admin saves them. */
export async function readScheduleSettings(tx: Tx): Promise<ScheduleSettings> {
  const raw = await settingsRepo.get(tx, KEY);
  if (!raw) return { ...DEFAULT_SCHEDULE_SETTINGS };
  // A value written by an older or newer version falls back field by field, never fails the screen.
  let stored: unknown;
  try { stored = JSON.parse(raw); } catch { stored = {}; }
  const parsed = ScheduleSettingsSchema.safeParse({ ...DEFAULT_SCHEDULE_SETTINGS, ...(stored as object) });
  return parsed.success ? parsed.data : { ...DEFAULT_SCHEDULE_SETTINGS };
}

export const getScheduleSettings = (db: Database): Promise<ScheduleSettings> => readScheduleSettings(db.manager);

export async function saveScheduleSettings(db: Database, actor: Actor, clock: Clock, s: ScheduleSettings): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await readScheduleSettings(tx);
    const after: ScheduleSettings = { reminderMinutes: s.reminderMinutes, contactPhone: s.contactPhone || null };
    await settingsRepo.set(tx, KEY, JSON.stringify(after));
    await recordAudit(tx, { at: clock(), userId: actor.userId, action: 'schedule.settings', before, after });
  });
}
