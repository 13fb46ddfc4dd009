import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { BackupSchema, BackupSettingsSchema, KEEP_DEFAULT, type Backup, type BackupSettings } from '../../../shared/domain/backup';
import type { Database } from '../../db/data-source';
import { settingsRepo } from '../../db/repositories/committee-repo';
import type { Tx } from '../../db/repositories/tx';
import { recordAudit } from '../audit/audit';
import type { Clock } from '../context';
import { AppFailure } from '../errors';

// The backup settings and the record of every backup the app made, in the settings table (no migration needed).
export const BACKUP_KEYS = {
  folder: 'backup.folder', keep: 'backup.keep', enabled: 'backup.enabled', records: 'backup.records', failure: 'backup.lastFailure',
} as const;

export async function readBackupSettings(tx: Tx): Promise<BackupSettings> {
  const [folder, keep, enabled] = await Promise.all([
    settingsRepo.get(tx, BACKUP_KEYS.folder), settingsRepo.get(tx, BACKUP_KEYS.keep), settingsRepo.get(tx, BACKUP_KEYS.enabled),
  ]);
  return { folder: folder || null, keep: keep ? Number(keep) : KEEP_DEFAULT, enabled: enabled !== 'false' };
}

const folderProblem = (folder: string, why: string) =>
  new AppFailure('VALIDATION', 'errors.VALIDATION', `备份文件夹 ${folder} ${why}`, [
    { path: 'folder', key: 'backup.errors.folder', message: `备份文件夹 ${folder} ${why}`, params: { folder } },
  ]);

/** The folder must be absolute and writable; a missing last level is created (a new folder on a USB drive), no more. */
export function checkFolder(folder: string): string {
  if (!isAbsolute(folder)) throw folderProblem(folder, '须为完整路径（如 D:\\调解备份 或 /media/u盘/调解备份）');
  const dir = resolve(folder);
  try {
    if (!existsSync(dir)) mkdirSync(dir);
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    accessSync(dir, constants.W_OK);
  } catch {
    throw folderProblem(dir, '无法创建或写入，请选择另一个文件夹');
  }
  return dir;
}

export async function saveBackupSettings(db: Database, userId: number, clock: Clock, raw: BackupSettings): Promise<BackupSettings> {
  const input = BackupSettingsSchema.parse(raw);
  const folder = input.folder === null ? null : checkFolder(input.folder);
  const saved = { ...input, folder };
  await db.transaction(async (tx) => {
    const before = await readBackupSettings(tx);
    await settingsRepo.set(tx, BACKUP_KEYS.folder, folder ?? '');
    await settingsRepo.set(tx, BACKUP_KEYS.keep, String(input.keep));
    await settingsRepo.set(tx, BACKUP_KEYS.enabled, String(input.enabled));
    await recordAudit(tx, { at: clock(), userId, action: 'backup.settings', entity: 'settings', before, after: saved });
  });
  return saved;
}

export async function readRecords(tx: Tx): Promise<Backup[]> {
  const raw = await settingsRepo.get(tx, BACKUP_KEYS.records);
  if (!raw) return [];
  const parsed = BackupSchema.array().safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : [];
}

export const writeRecords = (tx: Tx, records: Backup[]) =>
  settingsRepo.set(tx, BACKUP_KEYS.records, JSON.stringify([...records].sort((a, b) => a.at.localeCompare(b.at))));

export async function readFailure(tx: Tx): Promise<{ at: string; reason: string } | null> {
  const raw = await settingsRepo.get(tx, BACKUP_KEYS.failure);
  return raw ? (JSON.parse(raw) as { at: string; reason: string }) : null;
}
