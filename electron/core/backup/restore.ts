import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Issue } from '../../../shared/ipc/result';
import { identityOf, inspectBackup, type DatabaseIdentity } from '../../db/backup-file';
import type { Database } from '../../db/data-source';
import { MIGRATIONS } from '../../db/migrations';
import { settingsRepo } from '../../db/repositories/committee-repo';
import type { AppCore } from '../app/app-core';
import { recordAudit } from '../audit/audit';
import { AppFailure } from '../errors';
import { createBackup } from './create';
import { writeFailure } from './failures';
import { BACKUP_KEYS, readBackupSettings, readFailure, readRecords, writeRecords } from './settings';

export type RefusalReason = 'missing' | 'same' | 'key' | 'damaged' | 'foreignKeys' | 'foreign' | 'newer';

const WHY: Record<RefusalReason, (d: string) => string> = {
  missing: () => '文件不存在',
  same: () => '这是正在使用的数据库文件本身，不是备份',
  key: () => '无法用本数据库的密钥打开：它是另一个数据库（另一把密钥）的备份，或文件头已损坏',
  damaged: (d) => `完整性检查未通过，文件已损坏（${d}）`,
  foreignKeys: (d) => `数据之间的关联不完整（${d} 处），文件已损坏或被改动`,
  foreign: (d) => `它属于${d}，不是本调解委员会的数据库`,
  newer: (d) => `它由更新版本的程序写入（${d}），本程序无法使用。请先升级程序`,
};

/** A refusal naming the file and the reason; `details` carries an i18n key for the English screen and CLI. */
export class BackupRefused extends AppFailure {
  constructor(readonly reason: RefusalReason, readonly file: string, readonly detail = '') {
    const message = `不能从 ${file} 恢复：${WHY[reason](detail)}。数据库未作任何更改`;
    const issue: Issue = { path: 'file', key: `backup.refused.${reason}`, message, params: { file, detail } };
    super('BAD_STATE', `backup.refused.${reason}`, message, [issue]);
  }
}

const describe = (id: DatabaseIdentity) =>
  id === null ? '一个尚未设置的数据库' : id.kind === 'committee' ? `${id.name}（代码 ${id.code}）` : `市公共法律服务中心数据库“${id.name}”`;

const sameOwner = (a: DatabaseIdentity, b: DatabaseIdentity): boolean => {
  if (a === null || b === null) return a === b;
  if (a.kind === 'committee' && b.kind === 'committee') return a.code === b.code && a.stationId === b.stationId;
  if (a.kind === 'office' && b.kind === 'office') return a.recipient === b.recipient;
  return false;
};

/** The driver build the open database uses (Electron's in the app), for opening the candidate the same way. */
const nativeBindingOf = (db: Database) => (db.source.options as { nativeBinding?: string }).nativeBinding;

/**
 * Checks a candidate under the data key without changing anything: it opens, passes integrity_check and
 * foreign_key_check, comes from no newer schema, and (when `expected` is given) is this committee's.
 */
export function checkBackup(file: string, dataKey: Buffer, expected: { identity: DatabaseIdentity } | null, nativeBinding?: string): DatabaseIdentity {
  if (!existsSync(file) || !statSync(file).isFile()) throw new BackupRefused('missing', file);
  const r = inspectBackup(file, dataKey, nativeBinding);
  if (!r.ok) throw new BackupRefused(r.reason, file, r.detail);
  const known = new Set(MIGRATIONS.map((M) => new M().name));
  const unknown = r.migrations.filter((m) => !known.has(m));
  if (unknown.length) throw new BackupRefused('newer', file, unknown.join('、'));
  if (expected && !sameOwner(expected.identity, r.identity)) throw new BackupRefused('foreign', file, describe(r.identity));
  return r.identity;
}

/** Copies the backup beside the database, flushes it to disk, and renames it over the (closed) file. */
export function swapIn(from: string, dbPath: string): void {
  const temp = `${dbPath}.restoring`;
  copyFileSync(from, temp);
  const fd = openSync(temp, 'r+');
  try { fsyncSync(fd); } finally { closeSync(fd); }
  for (const f of [`${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true });
  renameSync(temp, dbPath);
}

export interface RestoreResult { restored: string; safetyBackup: string }

/**
 * Restores the open database from a backup: check, a safety backup of the current state, the swap,
 * reopen (older schemas migrate as usual), then the record in the restored database. Sign-ins end.
 */
export async function restoreBackup(core: AppCore, from: string, userId: number | null): Promise<RestoreResult> {
  const file = resolve(from);
  if (file === resolve(core.dbPath)) throw new BackupRefused('same', file);
  const db = core.db;
  checkBackup(file, core.dataKey(), { identity: identityOf((sql) => db.read(sql)) }, nativeBindingOf(db));

  // What belongs to this PC rather than to the data: where backups go, and the list of them (with the safety copy).
  const settings = await readBackupSettings(db.manager);
  const at = core.clock();
  const dir = settings.folder ?? dirname(core.dbPath);
  const safety = await createBackup(db, { kind: 'pre-restore', dir, at, userId }).catch((e: unknown) => {
    throw e instanceof AppFailure ? e : writeFailure('safetyFailed', dir, e);
  });
  const records = await readRecords(db.manager);
  const failure = await readFailure(db.manager);

  await core.reopenAfter(() => swapIn(file, core.dbPath));

  await core.db.transaction(async (tx) => {
    const restoredRecords = await readRecords(tx);
    await writeRecords(tx, [...restoredRecords.filter((r) => !records.some((c) => c.file === r.file)), ...records]);
    await settingsRepo.set(tx, BACKUP_KEYS.folder, settings.folder ?? '');
    await settingsRepo.set(tx, BACKUP_KEYS.keep, String(settings.keep));
    await settingsRepo.set(tx, BACKUP_KEYS.enabled, String(settings.enabled));
    await settingsRepo.set(tx, BACKUP_KEYS.failure, failure ? JSON.stringify(failure) : '');
    // The restoring account may not exist in the older data: then the record names no user.
    const known = userId !== null && (await tx.query('SELECT 1 FROM users WHERE id = ?', [userId])).length > 0;
    await recordAudit(tx, {
      at: core.clock(), userId: known ? userId : null, action: 'backup.restore', entity: 'backup',
      after: { from: basename(file), safetyBackup: safety.name },
    });
  });
  return { restored: basename(file), safetyBackup: safety.file };
}
