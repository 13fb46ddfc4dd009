import type { Database } from '../../db/data-source';
import { lifecycleRepo } from '../../db/repositories/lifecycle-repo';
import type { ConflictHit } from './conflicts';

/** The conflict checks and recusal requests of a case, with their decisions. */
export async function caseChecks(db: Database, caseId: number) {
  const tx = db.manager;
  const checks = await lifecycleRepo.rows<{ id: number; member_id: number | null; person_name: string; hits: string; decision: 'withdraw' | 'proceed' | null; reason: string | null; decided_at: string | null; created_at: string }>(tx,
    `SELECT id, member_id, person_name, hits, decision, reason, decided_at, created_at FROM conflict_checks WHERE case_id = ? ORDER BY id`, [caseId]);
  const recusals = await lifecycleRepo.rows<{ id: number; party: string | null; mediator: string | null; reason: string; decision: 'replaced' | 'refused' | null; decision_reason: string | null; replacement: string | null; requested_at: string; decided_at: string | null }>(tx,
    `SELECT r.id, pa.name AS party, m.name AS mediator, r.reason, r.decision, r.decision_reason, n.name AS replacement, r.requested_at, r.decided_at
     FROM recusal_requests r LEFT JOIN parties pa ON pa.id = r.party_id LEFT JOIN persons m ON m.id = r.mediator_person_id
     LEFT JOIN persons n ON n.id = r.replacement_person_id WHERE r.case_id = ? ORDER BY r.id`, [caseId]);
  return {
    conflictChecks: checks.map((c) => ({
      id: c.id, memberId: c.member_id, personName: c.person_name, hits: JSON.parse(c.hits) as ConflictHit[],
      decision: c.decision, reason: c.reason, decidedAt: c.decided_at, createdAt: c.created_at,
    })),
    recusals: recusals.map((r) => ({
      id: r.id, party: r.party, mediator: r.mediator, reason: r.reason, decision: r.decision, decisionReason: r.decision_reason,
      replacement: r.replacement, requestedAt: r.requested_at, decidedAt: r.decided_at,
    })),
  };
}
