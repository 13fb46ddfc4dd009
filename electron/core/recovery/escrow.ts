import { checkRecipient, recipientFingerprint } from '../../crypto/age';
import { listRecipients } from '../exchange/keys';
import type { AppCore } from '../app/app-core';
import { readCommittee } from '../committee/setup';
import { sealToRecipient } from './escrow-blob';
import { currentKeyFile, replaceKeyFile } from './passphrase';

export interface RecoveryStatus {
  /** How the open database was unlocked: the passphrase form asks for the current passphrase unless the key store did it. */
  unlockedBy: 'setup' | 'passphrase' | 'keyStore' | null;
  keyStoreAvailable: boolean;
  escrow: { recipient: string; fingerprint: string; enabledAt: string } | null;
  /** The office recipients set for the exchange, offered as the escrow's recipient. */
  officeRecipients: { recipient: string; fingerprint: string }[];
}

export function recoveryStatus(core: AppCore): RecoveryStatus {
  const { escrow } = currentKeyFile(core);
  return {
    unlockedBy: core.unlockedBy,
    keyStoreAvailable: core.keyStoreAvailable(),
    escrow: escrow ? { recipient: escrow.recipient, fingerprint: escrow.fingerprint, enabledAt: escrow.enabledAt } : null,
    officeRecipients: listRecipients(core.db),
  };
}

/**
 * Escrow on: the data key also encrypted (age) to the office's recipient, in the key file; the committee's code and
 * name ride along so the office knows whose key it is opening. Off: that copy removed. Both audited.
 */
export async function setEscrow(core: AppCore, userId: number, recipient: string | null): Promise<RecoveryStatus> {
  const file = currentKeyFile(core);
  const before = file.escrow?.fingerprint ?? null;
  if (recipient === null) {
    if (file.escrow) {
      const { escrow: _off, ...rest } = file;
      await replaceKeyFile(core, rest, { userId, action: 'recovery.escrowDisabled', after: { fingerprint: before } });
    }
    return recoveryStatus(core);
  }
  const checked = checkRecipient(recipient, 'recipient');
  const fingerprint = recipientFingerprint(checked);
  const committee = await readCommittee(core.db.manager);
  const escrow = {
    recipient: checked, fingerprint, enabledAt: core.clock().toISOString(), age: await sealToRecipient(core.dataKey(), checked),
    ...(committee ? { committee: { code: committee.code, name: committee.name } } : {}),
  };
  await replaceKeyFile(core, { ...file, escrow }, { userId, action: 'recovery.escrowEnabled', after: { fingerprint, replaced: before } });
  return recoveryStatus(core);
}
