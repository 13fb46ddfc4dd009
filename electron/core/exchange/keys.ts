import { checkRecipients, recipientFingerprint } from '../../crypto/age';
import { fingerprint } from '../../crypto/fingerprint';
import { rawPublicKey } from '../../crypto/signing';
import type { Database } from '../../db/data-source';
import { DEIDENTIFY_SECRET, EXCHANGE_RECIPIENTS, SIGNING_PUBLIC_KEY } from '../../db/migrations/0008-exchange';
import { settingsRepo } from '../../db/repositories/committee-repo';
import { recordAudit } from '../audit/audit';
import { SIGNING_KEY } from '../committee/setup';
import type { Clock } from '../context';
import { badState } from '../errors';

// The committee's side of the exchange keys (EXCHANGE.md, Keys): its signing key, the de-identification secret and
// the office recipients packages are encrypted to.

const setting = (db: Database, key: string): string | null =>
  db.read<{ value: string }>(`SELECT value FROM settings WHERE key = ?`, [key])[0]?.value ?? null;

const missing = () => badState('本调解委员会尚未设置签名密钥，请先完成初始设置');

/** The signing public key (SPKI PEM) and its fingerprint, as registered with the office. */
export function signingPublicKey(db: Database): { publicPem: string; fingerprint: string } {
  const publicPem = setting(db, SIGNING_PUBLIC_KEY);
  if (!publicPem) throw missing();
  return { publicPem, fingerprint: fingerprint(rawPublicKey(publicPem)) };
}

/** The private half (PKCS#8 PEM): only for signing a package. */
export function signingPrivateKey(db: Database): string {
  const pem = setting(db, SIGNING_KEY);
  if (!pem) throw missing();
  return pem;
}

/** The 32-byte secret that keys the parties' pseudonyms. */
export function deidentifySecret(db: Database): Buffer {
  const hex = setting(db, DEIDENTIFY_SECRET);
  if (!hex) throw badState('本调解委员会尚未设置去标识化密钥，请先完成初始设置');
  return Buffer.from(hex, 'hex');
}

export interface Recipient { recipient: string; fingerprint: string }

/** The office recipients set for this committee, each with its fingerprint. */
export function listRecipients(db: Database): Recipient[] {
  const list = JSON.parse(setting(db, EXCHANGE_RECIPIENTS) ?? '[]') as string[];
  return list.map((recipient) => ({ recipient, fingerprint: recipientFingerprint(recipient) }));
}

/** Replaces the office recipients (each checked, duplicates dropped), recorded in the audit log. */
export async function setRecipients(db: Database, userId: number | null, clock: Clock, recipients: string[]): Promise<Recipient[]> {
  const checked = [...new Set(checkRecipients(recipients))];
  const before = listRecipients(db).map((r) => r.fingerprint);
  await db.transaction(async (tx) => {
    await settingsRepo.set(tx, EXCHANGE_RECIPIENTS, JSON.stringify(checked));
    await recordAudit(tx, {
      at: clock(), userId, action: 'exchange.recipients', entity: 'settings',
      before: { fingerprints: before }, after: { fingerprints: checked.map(recipientFingerprint) },
    });
  });
  return listRecipients(db);
}
