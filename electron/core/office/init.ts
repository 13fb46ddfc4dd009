import { readFileSync } from 'node:fs';
import { AppCore } from '../app/app-core';
import type { OfficeKey, OfficeSetup } from './setup';

/**
 * `office init`: a new encrypted database file under the passphrase, set up as the office. The identity is made here,
 * or read from a file written by stock `age-keygen`. Returns the recipient to give to every committee.
 */
export async function initOffice(
  dbFile: string, passphrase: string, opts: { name: string; identityFile?: string; admin?: OfficeSetup['admin'] }, at = new Date(),
): Promise<OfficeKey> {
  const identityText = opts.identityFile === undefined ? undefined : readFileSync(opts.identityFile, 'utf8');
  const core = new AppCore(dbFile, { clock: () => at });
  try {
    return await core.setupOffice({ passphrase, name: opts.name, identityText, admin: opts.admin });
  } finally {
    await core.close();
  }
}
