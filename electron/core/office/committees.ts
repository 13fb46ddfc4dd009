import type { Database } from '../../db/data-source';
import type { Tx } from '../../db/repositories/tx';
import { fingerprint } from '../../crypto/fingerprint';
import { rawPublicKey } from '../../crypto/signing';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { AppFailure, invalid } from '../errors';
import { databaseMode, notOffice } from './setup';

export interface PinnedCommittee {
  code: string;
  name: string;
  signing_public_key_pem: string;
  fingerprint: string;
  registered_at: string;
  registered_by: number | null;
}

export interface RegisterInput {
  code: string;
  publicKeyPem: string;
  /** The committee's name as the office knows it; the name in its packages replaces it on import. */
  name?: string;
  /** A different key for a code already pinned: only on purpose (a committee that lost its database), with why. */
  replace?: boolean;
  reason?: string;
}

export interface RegisterResult {
  code: string;
  fingerprint: string;
  /** registered: new; unchanged: the same key again; replaced: a different key, on purpose. */
  outcome: 'registered' | 'unchanged' | 'replaced';
  previousFingerprint?: string;
}

const CODE = /^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/;

/** The key's fingerprint, or a validation error: what is pinned must be an Ed25519 public key. */
export function keyFingerprint(pem: string): string {
  try {
    return fingerprint(rawPublicKey(pem));
  } catch (e) {
    const error = (e as Error).message;
    throw invalid([{
      path: 'publicKeyPem', key: 'validation.office.publicKey', params: { error },
      message: `不是有效的 Ed25519 公钥（PEM 格式，以 -----BEGIN PUBLIC KEY----- 开头）：${error}`,
    }]);
  }
}

export const pinnedCommittees = (tx: Tx): Promise<PinnedCommittee[]> =>
  tx.query(`SELECT * FROM office_committees ORDER BY code`);

/**
 * Pins a committee's signing key (EXCHANGE.md, Keys): packages for that code must be signed by it. The same key again
 * changes nothing; a different key for a known code is refused unless `replace` is given, and the replacement is audited
 * with both fingerprints.
 */
export async function registerCommittee(db: Database, actor: Actor | null, clock: Clock, input: RegisterInput): Promise<RegisterResult> {
  const code = input.code.trim();
  if (!CODE.test(code)) {
    throw invalid([{
      path: 'code', key: 'validation.office.code', params: { code },
      message: `调解委员会代码“${code}”无效：应为字母、数字、点、横线或下划线，最多 40 个字符`,
    }]);
  }
  const pem = `${input.publicKeyPem.trim()}\n`;
  const fp = keyFingerprint(pem);
  const at = clock();
  return db.transaction(async (tx) => {
    if ((await databaseMode(tx)) !== 'office') throw notOffice();
    const [known] = (await tx.query(`SELECT * FROM office_committees WHERE code = ?`, [code])) as PinnedCommittee[];
    if (known && known.fingerprint === fp) return { code, fingerprint: fp, outcome: 'unchanged' as const };
    const name = input.name?.trim() || known?.name || code;
    const row = { code, name, signing_public_key_pem: pem, fingerprint: fp, registered_at: at.toISOString(), registered_by: actor?.userId ?? null };
    if (known) {
      if (!input.replace) {
        throw new AppFailure('CONFLICT', 'office.keyPinned',
          `调解委员会 ${code} 已登记了另一把签名公钥（指纹 ${known.fingerprint}），新公钥的指纹为 ${fp}。`
          + '如确需更换（例如该委员会重装了系统），请电话核对新指纹后选择“更换公钥”（命令行加 --replace），此操作将被记录',
          undefined, { code, pinned: known.fingerprint, fingerprint: fp });
      }
      await tx.query(
        `UPDATE office_committees SET name = ?, signing_public_key_pem = ?, fingerprint = ?, registered_at = ?, registered_by = ? WHERE code = ?`,
        [row.name, row.signing_public_key_pem, row.fingerprint, row.registered_at, row.registered_by, code],
      );
      await recordAudit(tx, {
        at, userId: actor?.userId ?? null, action: 'office.committee.replaceKey', entity: 'office_committee',
        before: { code, fingerprint: known.fingerprint }, after: { code, fingerprint: fp, reason: input.reason ?? null },
      });
      return { code, fingerprint: fp, outcome: 'replaced' as const, previousFingerprint: known.fingerprint };
    }
    await tx.query(
      `INSERT INTO office_committees (code, name, signing_public_key_pem, fingerprint, registered_at, registered_by) VALUES (?, ?, ?, ?, ?, ?)`,
      [row.code, row.name, row.signing_public_key_pem, row.fingerprint, row.registered_at, row.registered_by],
    );
    await recordAudit(tx, { at, userId: actor?.userId ?? null, action: 'office.committee.register', entity: 'office_committee', after: { code, fingerprint: fp } });
    return { code, fingerprint: fp, outcome: 'registered' as const };
  });
}
