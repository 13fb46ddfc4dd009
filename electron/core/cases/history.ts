import type { Database } from '../../db/data-source';
import { lifecycleRepo } from '../../db/repositories/lifecycle-repo';
import { verifyAudit } from '../audit/audit';
import type { Actor } from '../context';
import { isRecordAction, readsMinutes } from './minutes';

export interface HistoryEntry {
  id: number;
  at: string;
  user: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

/**
 * A case's own history, from the audit log, newest last; and whether the chain still holds. For an actor without
 * `cases.minutes` the records' entries keep who and when but not their diffs.
 */
export async function caseHistory(db: Database, caseId: number, actor?: Actor): Promise<{ entries: HistoryEntry[]; chainIntact: boolean }> {
  const hideDiff = (action: string) => actor !== undefined && !readsMinutes(actor) && isRecordAction(action);
  return db.transaction(async (tx) => {
    const rows = await lifecycleRepo.rows<{ id: number; at: string; user: string | null; action: string; before_json: string | null; after_json: string | null }>(tx,
      `SELECT a.id, a.at, u.display_name AS user, a.action, a.before_json, a.after_json
       FROM audit_events a LEFT JOIN users u ON u.id = a.user_id WHERE a.entity = 'case' AND a.entity_id = ? ORDER BY a.id`, [caseId]);
    const chain = await verifyAudit(tx);
    return {
      chainIntact: chain.ok,
      entries: rows.map((r) => ({
        id: r.id, at: r.at, user: r.user, action: r.action,
        before: r.before_json && !hideDiff(r.action) ? JSON.parse(r.before_json) : null,
        after: r.after_json && !hideDiff(r.action) ? JSON.parse(r.after_json) : null,
      })),
    };
  });
}
