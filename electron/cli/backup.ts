import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { backupEn } from '../../shared/i18n/backup.en';
import { backupZh } from '../../shared/i18n/backup.zh-CN';
import { AppCore } from '../core/app/app-core';
import { createBackup } from '../core/backup/create';
import { BackupRefused, checkBackup, restoreBackup, swapIn } from '../core/backup/restore';
import { recordAudit } from '../core/audit/audit';
import { AppFailure } from '../core/errors';
import { keyFilePath, readKeyFile, unwrapWithPassphrase, writeKeyFile, WrongPassphraseError } from '../crypto/key-file';
import { CliError, EXIT, type CliContext } from './run';
import type { Lang } from './messages';

// `backup --db F --out FILE` and `restore --db F --from FILE` (CLI.md), on the core's backup module.

const MESSAGES = {
  noOut: { zh: '请用 --out 给出备份文件（或文件夹），如 --out D:\\调解备份\\今天.db', en: 'Give the backup file (or folder) with --out, e.g. --out /media/usb/today.db' },
  noFrom: { zh: '请用 --from 给出要恢复的备份文件', en: 'Give the backup file to restore with --from' },
  written: {
    zh: '已备份到 {0}（{1} 字节）；密钥文件 {2} 在其旁边，凭恢复口令可在另一台电脑上恢复',
    en: 'Backed up to {0} ({1} bytes); the key file {2} is beside it: with the recovery passphrase it restores on another PC',
  },
  writeFailed: { zh: '未能写出备份 {0}：{1}', en: 'Could not write the backup {0}: {1}' },
  restored: { zh: '已从 {0} 恢复；恢复前的数据另存为 {1}', en: 'Restored from {0}; the data before the restore was saved as {1}' },
  restoredNew: { zh: '已从 {0} 恢复到新的数据库 {1}', en: 'Restored from {0} into the new database {1}' },
  noKeyFile: {
    zh: '{0} 还没有数据库；要在这台电脑上恢复，备份旁边须有密钥文件 {1}',
    en: 'There is no database at {0} yet; to restore on this PC the key file {1} must be beside the backup',
  },
  wrongPassphrase: { zh: '恢复口令打不开备份的密钥文件 {0}', en: 'The recovery passphrase does not open the backup\'s key file {0}' },
} satisfies Record<string, Record<Lang, string>>;

const fill = (text: string, args: (string | number)[]) => text.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));
const say = (lang: Lang, key: keyof typeof MESSAGES, ...args: (string | number)[]) => fill(MESSAGES[key][lang], args);

/** A refusal in the CLI's language (the core's message is Chinese). */
function refusal(ctx: CliContext, e: BackupRefused): CliError {
  const text = (ctx.lang === 'en' ? backupEn : backupZh).refused[e.reason];
  return new CliError(EXIT.refused, text.replace('{{file}}', e.file).replace('{{detail}}', e.detail));
}

const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

export async function backupCommand(ctx: CliContext): Promise<void> {
  const out = text(ctx.values.out);
  if (!out) throw new CliError(EXIT.usage, say(ctx.lang, 'noOut'));
  const core = await ctx.open();
  const target = resolve(out);
  const intoFolder = existsSync(target) && statSync(target).isDirectory();
  try {
    const b = await createBackup(core.db, { kind: 'manual', at: core.clock(), userId: null, ...(intoFolder ? { dir: target } : { file: target }) });
    ctx.out(say(ctx.lang, 'written', b.file, b.bytes, keyFilePath(b.file)));
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    throw new CliError(EXIT.internal, say(ctx.lang, 'writeFailed', target, (e as Error).message));
  }
}

export async function restoreCommand(ctx: CliContext): Promise<void> {
  const from = text(ctx.values.from);
  if (!from) throw new CliError(EXIT.usage, say(ctx.lang, 'noFrom'));
  const file = resolve(from);
  try {
    if (!existsSync(ctx.dbPath)) return await restoreOnNewPc(ctx, file);
    const core = await ctx.open();
    const r = await restoreBackup(core, file, null);
    ctx.out(say(ctx.lang, 'restored', file, r.safetyBackup));
  } catch (e) {
    if (e instanceof BackupRefused) throw refusal(ctx, e);
    throw e;
  }
}

/** No database here yet: the backup's own key file, opened with the recovery passphrase, brings the key. */
async function restoreOnNewPc(ctx: CliContext, file: string): Promise<void> {
  if (!existsSync(file)) throw new BackupRefused('missing', file);
  const keys = readKeyFile(file);
  if (!keys) throw new CliError(EXIT.refused, say(ctx.lang, 'noKeyFile', ctx.dbPath, keyFilePath(file)));
  const passphrase = ctx.env.TIAOJIE_PASSPHRASE;
  if (!passphrase) throw ctx.refuse('noPassphrase');
  let key: Buffer;
  try {
    key = await unwrapWithPassphrase(keys, passphrase);
  } catch (e) {
    if (e instanceof WrongPassphraseError) throw new CliError(EXIT.refused, say(ctx.lang, 'wrongPassphrase', keyFilePath(file)));
    throw e;
  }
  checkBackup(file, key, null);
  mkdirSync(dirname(ctx.dbPath), { recursive: true });
  // The key file first (without the other PC's key-store seal, which only that PC opens), then the database.
  const { safeStorage: _other, ...portable } = keys;
  writeKeyFile(ctx.dbPath, portable);
  swapIn(file, ctx.dbPath);
  const core = new AppCore(ctx.dbPath);
  try {
    await core.unlock(passphrase);
    await core.db.transaction((tx) => recordAudit(tx, {
      at: core.clock(), userId: null, action: 'backup.restore', entity: 'backup', after: { from: basename(file), safetyBackup: null },
    }));
  } finally {
    await core.close();
  }
  ctx.out(say(ctx.lang, 'restoredNew', file, ctx.dbPath));
}
