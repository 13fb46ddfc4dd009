import type { Database } from '../../db/data-source';
import type { Clock } from '../context';
import { recordBackup, writeBackupFile } from './create';
import { failureReason } from './failures';
import { recordFailure } from './schedule';
import { readBackupSettings } from './settings';

/**
 * Database.open's `beforeMigrations`: a copy into the admin's backup folder too, besides the one beside the
 * file. Recorded once the migrations have run (the record and audit are written in the new schema).
 * A failure here does not stop the migration: the copy beside the file is already taken.
 */
export const migrationBackup = (clock: Clock) => async (db: Database): Promise<() => Promise<void>> => {
  const at = clock();
  const { folder } = await readBackupSettings(db.manager);
  if (!folder) return async () => {};
  try {
    const backup = await writeBackupFile(db, { dir: folder }, 'pre-migration', at);
    return () => recordBackup(db, backup, null);
  } catch (e) {
    const reason = failureReason(e);
    return () => recordFailure(db, at, 'pre-migration', reason);
  }
};
