import { shanghaiDate } from '../../../shared/domain/dates';
import type { Backup } from '../../../shared/domain/backup';
import type { Database } from '../../db/data-source';
import { settingsRepo } from '../../db/repositories/committee-repo';
import type { AppCore } from '../app/app-core';
import { recordAudit } from '../audit/audit';
import type { Clock } from '../context';
import { createBackup } from './create';
import { failureReason } from './failures';
import { BACKUP_KEYS, readBackupSettings, readRecords } from './settings';

export async function recordFailure(db: Database, at: Date, kind: string, reason: string): Promise<void> {
  await db.transaction(async (tx) => {
    await settingsRepo.set(tx, BACKUP_KEYS.failure, JSON.stringify({ at: at.toISOString(), reason }));
    await recordAudit(tx, { at, userId: null, action: 'backup.failed', entity: 'backup', after: { kind, reason } });
  });
}

const running = new WeakSet<AppCore>();

/**
 * The daily automatic backup, if one is due: the database is open, a folder is chosen, backups are on,
 * and none was made yet on this Beijing calendar day. The main process and the preview both call it.
 */
export async function runDueBackup(core: AppCore, now: Date): Promise<Backup | null> {
  if (core.state() !== 'ready' || running.has(core)) return null;
  running.add(core);
  try {
    const db = core.db;
    const settings = await readBackupSettings(db.manager);
    if (!settings.enabled || !settings.folder) return null;
    const today = shanghaiDate(now);
    const autos = (await readRecords(db.manager)).filter((r) => r.kind === 'auto');
    if (autos.some((r) => shanghaiDate(new Date(r.at)) === today)) return null;
    try {
      return await createBackup(db, { kind: 'auto', dir: settings.folder, at: now, userId: null, keep: settings.keep });
    } catch (e) {
      await recordFailure(db, now, 'auto', failureReason(e));
      return null;
    }
  } finally {
    running.delete(core);
  }
}

const HOUR = 60 * 60 * 1000;

/**
 * Checks at start and then hourly while the process runs; returns the stop function. A database still locked
 * at start (the passphrase is typed later) is looked at each minute until it is open, not an hour later.
 */
export function startBackupSchedule(core: AppCore, clock: Clock, log: (m: string) => void = () => {}): () => void {
  let sawReady = false;
  const check = () => {
    if (core.state() === 'ready') sawReady = true;
    runDueBackup(core, clock()).then(
      (b) => { if (b) log(`automatic backup written (${b.bytes} bytes)`); },
      (e: Error) => log(`automatic backup check failed: ${e.name}`),
    );
  };
  check();
  const timer = setInterval(check, HOUR);
  const untilOpen = setInterval(() => {
    if (!sawReady && core.state() === 'ready') check();
    if (sawReady) clearInterval(untilOpen);
  }, 60_000);
  for (const t of [timer, untilOpen]) t.unref?.();
  return () => { clearInterval(timer); clearInterval(untilOpen); };
}
