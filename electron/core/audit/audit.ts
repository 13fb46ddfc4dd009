import { createHash } from 'node:crypto';
import { auditRepo } from '../../db/repositories/audit-repo';
import type { Tx } from '../../db/repositories/tx';
import type { AuditRow } from '../../db/entities';

export interface AuditEntry {
  at: Date;
  userId: number | null;
  action: string; // e.g. case.create, case.view, auth.signIn
  entity?: string;
  entityId?: number;
  before?: unknown;
  after?: unknown;
}

const GENESIS = '0'.repeat(64);

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const shaOrNull = (s: string | null) => (s === null ? null : sha(s));

type Linked = Pick<AuditRow, 'prev_hash' | 'at' | 'user_id' | 'action' | 'entity' | 'entity_id' | 'before_sha256' | 'after_sha256'>;
const digest = (r: Linked): string =>
  sha(JSON.stringify([r.prev_hash, r.at, r.user_id, r.action, r.entity, r.entity_id, r.before_sha256, r.after_sha256]));

/** Appends one link to the hash chain, inside the caller's transaction. */
export async function recordAudit(tx: Tx, e: AuditEntry): Promise<void> {
  const before_json = e.before === undefined ? null : JSON.stringify(e.before);
  const after_json = e.after === undefined ? null : JSON.stringify(e.after);
  const row = {
    at: e.at.toISOString(),
    user_id: e.userId,
    action: e.action,
    entity: e.entity ?? null,
    entity_id: e.entityId ?? null,
    before_json,
    after_json,
    before_sha256: shaOrNull(before_json),
    after_sha256: shaOrNull(after_json),
    redacted_at: null,
    prev_hash: (await auditRepo.lastHash(tx)) ?? GENESIS,
  };
  await auditRepo.insert(tx, { ...row, hash: digest(row) });
}

export type ChainCheck = { ok: true; count: number } | { ok: false; count: number; brokenAt: number; reason: 'altered' | 'missing' };

/** Walks the chain: the first record whose hash or link does not hold. */
export async function verifyAudit(tx: Tx): Promise<ChainCheck> {
  const rows = await auditRepo.all(tx);
  let prev = GENESIS;
  for (const r of rows) {
    if (r.prev_hash !== prev) return { ok: false, count: rows.length, brokenAt: r.id, reason: 'missing' };
    const payloadHolds = r.redacted_at !== null || (shaOrNull(r.before_json) === r.before_sha256 && shaOrNull(r.after_json) === r.after_sha256);
    if (digest(r) !== r.hash || !payloadHolds) return { ok: false, count: rows.length, brokenAt: r.id, reason: 'altered' };
    prev = r.hash;
  }
  return { ok: true, count: rows.length };
}

/** Past retention, a case's audit payloads are redacted; the chain (over their hashes) still holds. */
export async function redactCaseAudit(tx: Tx, caseId: number, at: Date): Promise<void> {
  await auditRepo.redactEntity(tx, 'case', caseId, at.toISOString());
}
