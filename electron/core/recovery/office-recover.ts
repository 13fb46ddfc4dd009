import { renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { recipientFingerprint } from '../../crypto/age';
import { parseKeyFile, wrapWithPassphrase, type KeyFile } from '../../crypto/key-file';
import type { Database } from '../../db/data-source';
import { recordAudit } from '../audit/audit';
import type { Clock } from '../context';
import { badState, invalid } from '../errors';
import { officeIdentities } from '../office';
import { openWithIdentities } from './escrow-blob';
import { MIN_PASSPHRASE } from './passphrase';

export interface RecoveredKey {
  file: KeyFile;
  committee: { code: string; name: string } | null;
  fingerprint: string;
}

/**
 * The office's side of the escrow: opens the committee's escrowed data key with the office identity and wraps it
 * under a new passphrase, audited in the office database (`recovery.escrowUsed`). The data key never leaves memory.
 */
export async function recoverEscrowedKey(
  db: Database, keyFileText: string, keyFileName: string, newPassphrase: string, clock: Clock,
): Promise<RecoveredKey> {
  let file: KeyFile;
  try {
    file = parseKeyFile(keyFileText);
  } catch {
    throw badState(`“${basename(keyFileName)}”不是调解系统的密钥文件（.keys.json），无法恢复`);
  }
  if (!file.escrow) throw badState(`密钥文件“${basename(keyFileName)}”未开启恢复托管，中心无法协助恢复；只能用原恢复口令打开`);
  if (newPassphrase.trim().length < MIN_PASSPHRASE) {
    throw invalid([{ path: 'newPassphrase', key: 'recovery.validation.tooShort', message: `新的恢复口令至少需要${MIN_PASSPHRASE}个字符`, params: { min: MIN_PASSPHRASE } }]);
  }
  const escrow = file.escrow;
  const dataKey = await db.transaction(async (tx) => {
    const key = await openWithIdentities(escrow.age, await officeIdentities(tx));
    if (!key || key.length !== 32) {
      throw badState(`本中心的私钥打不开此密钥文件的托管副本（托管公钥指纹 ${escrow.fingerprint}），可能托管给了其他中心或其他私钥`);
    }
    await recordAudit(tx, {
      at: clock(), userId: null, action: 'recovery.escrowUsed', entity: 'office',
      after: { committee: escrow.committee ?? null, fingerprint: escrow.fingerprint, keyFile: basename(keyFileName) },
    });
    return key;
  });
  try {
    const recovered: KeyFile = {
      format: 'tiaojie-keys', version: 1, passphrase: await wrapWithPassphrase(dataKey, newPassphrase), escrow,
      recovered: { at: clock().toISOString(), officeFingerprint: recipientFingerprint(escrow.recipient) },
    };
    return { file: recovered, committee: escrow.committee ?? null, fingerprint: escrow.fingerprint };
  } finally {
    dataKey.fill(0);
  }
}

/** Written beside and renamed, as the app writes its own key file. */
export function writeKeyFileAt(path: string, file: KeyFile): void {
  writeFileSync(`${path}.tmp`, JSON.stringify(file, null, 2), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}
