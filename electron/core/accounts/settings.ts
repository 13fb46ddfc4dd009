import { AccountSettingsSchema, IDLE_MINUTES_DEFAULT, type AccountSettings } from '../../../shared/domain/accounts';
import type { Database } from '../../db/data-source';
import { settingsRepo } from '../../db/repositories/committee-repo';
import type { Tx } from '../../db/repositories/tx';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';

const KEY = 'accounts';

/** The idle lock's minutes (0 = off); the default until an admin saves one. */
export async function readAccountSettings(tx: Tx): Promise<AccountSettings> {
  const raw = await settingsRepo.get(tx, KEY);
  let stored: unknown;
  try { stored = raw ? JSON.parse(raw) : {}; } catch { stored = {}; }
  // A value from another version falls back to the default rather than failing every request.
  const parsed = AccountSettingsSchema.safeParse({ idleMinutes: IDLE_MINUTES_DEFAULT, ...(stored as object) });
  return parsed.success ? parsed.data : { idleMinutes: IDLE_MINUTES_DEFAULT };
}

export async function saveAccountSettings(db: Database, actor: Actor, clock: Clock, s: AccountSettings): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await readAccountSettings(tx);
    await settingsRepo.set(tx, KEY, JSON.stringify({ idleMinutes: s.idleMinutes }));
    await recordAudit(tx, { at: clock(), userId: actor.userId, action: 'accounts.settings', before, after: { idleMinutes: s.idleMinutes } });
  });
}
