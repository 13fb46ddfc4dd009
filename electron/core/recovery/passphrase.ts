import { verifyPassword } from '../accounts/password';
import { usersRepo } from '../../db/repositories/people-repo';
import {
  readKeyFile, sameKey, unwrapWithPassphrase, WrongPassphraseError, wrapWithPassphrase, writeKeyFile, type KeyFile,
} from '../../crypto/key-file';
import type { AppCore } from '../app/app-core';
import { recordAudit } from '../audit/audit';
import { AppFailure, badState, invalid } from '../errors';

export const MIN_PASSPHRASE = 12;

export interface ChangePassphraseInput {
  /** The recovery passphrase in use; required unless the key store unlocked the app. */
  current?: string;
  /** The signed-in admin's password, instead of `current` when the key store unlocked the app. */
  adminPassword?: string;
  next: string;
  confirm: string;
}

/** The key file in use, or a Chinese refusal when it is missing. */
export function currentKeyFile(core: AppCore): KeyFile {
  const file = readKeyFile(core.dbPath);
  if (!file) throw badState('找不到数据库的密钥文件（.keys.json），无法更改恢复口令。请从备份恢复');
  return file;
}

/**
 * Replaces the key file (written beside, renamed) inside the audit's transaction: if the rename fails, nothing is
 * recorded; the database file itself is never touched.
 */
export async function replaceKeyFile(core: AppCore, file: KeyFile, audit: { userId: number | null; action: string; after?: unknown }): Promise<void> {
  await core.db.transaction(async (tx) => {
    await recordAudit(tx, { at: core.clock(), userId: audit.userId, action: audit.action, entity: 'settings', after: audit.after });
    writeKeyFile(core.dbPath, file);
  });
}

/**
 * A new recovery passphrase: the same data key, wrapped again (the data is not re-encrypted). The key store's copy
 * and the escrow, both of the data key, stay as they are.
 */
export async function changePassphrase(core: AppCore, userId: number, input: ChangePassphraseInput): Promise<void> {
  const next = input.next.trim();
  if (next.length < MIN_PASSPHRASE) {
    throw invalid([{ path: 'next', key: 'recovery.validation.tooShort', message: `新的恢复口令至少需要${MIN_PASSPHRASE}个字符`, params: { min: MIN_PASSPHRASE } }]);
  }
  if (input.confirm.trim() !== next) {
    throw invalid([{ path: 'confirm', key: 'recovery.validation.mismatch', message: '两次输入的新恢复口令不一致' }]);
  }
  const file = currentKeyFile(core);
  const dataKey = core.dataKey();
  if (input.current) {
    let key: Buffer;
    try {
      key = await unwrapWithPassphrase(file, input.current);
    } catch (e) {
      if (e instanceof WrongPassphraseError) throw wrongCurrent();
      throw e;
    }
    // The key file must still belong to the open database: never wrap a key that does not open it.
    if (!sameKey(key, dataKey)) throw badState('密钥文件与已打开的数据库不匹配，未作更改。请从备份恢复密钥文件');
  } else if (input.adminPassword && core.unlockedBy === 'keyStore') {
    const row = await usersRepo.byId(core.db.manager, userId);
    if (!row || !(await verifyPassword(input.adminPassword, row.password_hash))) {
      throw invalid([{ path: 'adminPassword', key: 'recovery.validation.adminPassword', message: '管理员密码不正确，未更改恢复口令' }]);
    }
  } else {
    throw invalid([{ path: 'current', key: 'recovery.validation.currentRequired', message: '请输入当前的恢复口令' }]);
  }
  const { recovered: _drop, ...rest } = file;
  await replaceKeyFile(core, { ...rest, passphrase: await wrapWithPassphrase(dataKey, next) }, {
    userId, action: 'recovery.passphraseChanged', after: { verifiedBy: input.current ? 'passphrase' : 'adminPassword' },
  });
}

const wrongCurrent = () =>
  new AppFailure('VALIDATION', 'errors.VALIDATION', '当前恢复口令不正确，未作更改', [
    { path: 'current', key: 'recovery.validation.wrongCurrent', message: '当前恢复口令不正确，未作更改' },
  ]);
