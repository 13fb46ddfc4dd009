import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Backup, BackupKind } from '../../../shared/domain/backup';
import { identityOf } from '../../db/backup-file';
import type { Database } from '../../db/data-source';
import { settingsRepo } from '../../db/repositories/committee-repo';
import { keyFilePath } from '../../crypto/key-file';
import { recordAudit } from '../audit/audit';
import { AppFailure } from '../errors';
import { BACKUP_KEYS, readRecords, writeRecords } from './settings';

const stampFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** tiaojie-330383-001-20261127-223000-auto.db: the committee code and Beijing time, so a folder of them sorts and reads. */
export function backupName(db: Database, at: Date, kind: BackupKind): string {
  const identity = identityOf((sql) => db.read(sql));
  const who = (identity?.kind === 'committee' ? identity.code : identity?.kind ?? 'tiaojie').replace(/[^\w.-]+/g, '_');
  const p = Object.fromEntries(stampFormat.formatToParts(at).map((x) => [x.type, x.value]));
  return `tiaojie-${who}-${p.year}${p.month}${p.day}-${p.hour}${p.minute}${p.second}-${kind}.db`;
}

function freeName(dir: string, name: string): string {
  let target = join(dir, name);
  for (let n = 2; existsSync(target); n++) target = join(dir, name.replace(/\.db$/, `-${n}.db`));
  return target;
}

/**
 * The file part: VACUUM INTO a hidden temp file beside the target, then rename, so a half-written
 * backup never carries a backup's name. The copy stays encrypted under the same key; the key file
 * goes beside it so the recovery passphrase opens it on a new PC.
 */
export async function writeBackupFile(db: Database, target: { dir?: string; file?: string }, kind: BackupKind, at: Date): Promise<Backup> {
  const file = target.file ? resolve(target.file) : freeName(resolve(target.dir!), backupName(db, at, kind));
  if (existsSync(file)) {
    throw new AppFailure('CONFLICT', 'errors.CONFLICT', `备份文件 ${file} 已存在，不会覆盖。请换一个文件名`);
  }
  const temp = join(dirname(file), `.${basename(file)}.partial`);
  rmSync(temp, { force: true });
  try {
    await db.vacuumInto(temp);
    const keys = keyFilePath(db.path);
    if (existsSync(keys)) {
      copyFileSync(keys, `${keyFilePath(file)}.partial`);
      renameSync(`${keyFilePath(file)}.partial`, keyFilePath(file));
    }
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  return { file, name: basename(file), kind, at: at.toISOString(), bytes: statSync(file).size };
}

/** Records a backup and audits it, in one transaction; automatic ones are then rotated. */
export async function recordBackup(db: Database, backup: Backup, userId: number | null, keep?: number): Promise<void> {
  const doomed: Backup[] = [];
  await db.transaction(async (tx) => {
    const records = [...(await readRecords(tx)).filter((r) => r.file !== backup.file), backup];
    if (backup.kind === 'auto' && keep) {
      // Only the automatic ones the app itself made are rotated; manual and pre-migration copies stay.
      const autos = records.filter((r) => r.kind === 'auto').sort((a, b) => b.at.localeCompare(a.at));
      doomed.push(...autos.slice(keep));
      await settingsRepo.set(tx, BACKUP_KEYS.failure, '');
    }
    await writeRecords(tx, records.filter((r) => !doomed.includes(r)));
    await recordAudit(tx, {
      at: new Date(backup.at), userId, action: 'backup.create', entity: 'backup',
      after: { name: backup.name, kind: backup.kind, bytes: backup.bytes, ...(doomed.length ? { rotated: doomed.map((d) => d.name) } : {}) },
    });
  });
  for (const d of doomed) for (const f of [d.file, keyFilePath(d.file)]) rmSync(f, { force: true });
}

export interface CreateBackup {
  kind: BackupKind;
  at: Date;
  userId: number | null;
  dir?: string;
  file?: string;
  keep?: number;
}

export async function createBackup(db: Database, o: CreateBackup): Promise<Backup> {
  const backup = await writeBackupFile(db, o, o.kind, o.at);
  await recordBackup(db, backup, o.userId, o.keep);
  return backup;
}
