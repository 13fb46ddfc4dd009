import type { KeyFile } from '../../crypto/key-file';
import type { AppCore } from '../app/app-core';
import { replaceKeyFile } from './passphrase';

/**
 * The first unlock with a key file the office rewrapped from the escrow: recorded in the committee's own audit log
 * (the office's log has its side), then the marker is dropped so it is recorded once.
 */
export async function acknowledgeRecovery(core: AppCore, file: KeyFile): Promise<KeyFile> {
  const { recovered, ...rest } = file;
  if (!recovered) return file;
  await replaceKeyFile(core, rest, {
    userId: null, action: 'recovery.escrowUsed', after: { at: recovered.at, officeFingerprint: recovered.officeFingerprint },
  });
  return rest;
}
