import { shanghaiDate } from '../../../shared/domain/dates';
import type { Database } from '../../db/data-source';
import { lifecycleRepo } from '../../db/repositories/lifecycle-repo';
import { recordAudit, redactCaseAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { AppFailure, notFound } from '../errors';
import { indexCase } from '../search/indexer';

const YEARS: Record<string, number> = { '10y': 10, '30y': 30 };

export interface RetentionDue {
  id: number;
  caseNo: string;
  archivedOn: string;
  retention: string;
  expiredOn: string;
}

const expiry = (archivedOn: string, retention: string) => {
  const years = YEARS[retention];
  return years === undefined ? null : `${Number(archivedOn.slice(0, 4)) + years}${archivedOn.slice(4)}`;
};

/** Archived files whose retention period (保管期限) has run out, for review. */
export async function retentionDue(db: Database, clock: Clock): Promise<RetentionDue[]> {
  const today = shanghaiDate(clock());
  const rows = await lifecycleRepo.rows<{ id: number; case_no: string; archived_on: string; retention: string }>(db.manager,
    `SELECT id, case_no, archived_on, retention FROM cases WHERE status = 'archived' AND anonymised_at IS NULL AND retention <> 'permanent' ORDER BY archived_on, id`);
  return rows
    .map((r) => ({ id: r.id, caseNo: r.case_no, archivedOn: r.archived_on, retention: r.retention, expiredOn: expiry(r.archived_on, r.retention)! }))
    .filter((r) => r.expiredOn !== null && r.expiredOn <= today);
}

async function mustBeDue(db: Database, clock: Clock, caseId: number) {
  const due = await retentionDue(db, clock);
  const hit = due.find((d) => d.id === caseId);
  if (hit) return hit;
  const exists = await lifecycleRepo.one(db.manager, `SELECT id FROM cases WHERE id = ?`, [caseId]);
  if (!exists) throw notFound('该案件');
  throw new AppFailure('BAD_STATE', 'errors.retention.notDue', '该卷宗尚未超过保管期限，不能匿名化或销毁');
}

/**
 * Anonymising keeps the figures (category, dates, outcome, amounts) and removes every personal
 * detail: party names become 当事人一/二…, documents, phones, addresses and free text are cleared.
 */
export async function anonymiseCase(db: Database, actor: Actor, clock: Clock, caseId: number, reason: string): Promise<void> {
  const due = await mustBeDue(db, clock, caseId);
  await db.transaction(async (tx) => {
    const now = clock();
    const parties = await lifecycleRepo.rows<{ id: number; role: string }>(tx, `SELECT id, role FROM parties WHERE case_id = ? ORDER BY position`, [caseId]);
    const label = (i: number) => `当事人${'一二三四五六七八九十'[i] ?? i + 1}`;
    for (const [i, p] of parties.entries()) {
      await lifecycleRepo.update(tx, 'parties', p.id, {
        name: label(i), id_number: null, id_type: 'none', phone: null, address: null, birth_date: null, occupation: null,
        credit_code: null, representative: null, representative_title: null, ethnicity: null,
      });
    }
    const names = (role: string) => parties.map((p, i) => (p.role === role ? label(i) : null)).filter(Boolean).join('、');
    await lifecycleRepo.updateCase(tx, caseId, {
      summary: '（已匿名化）', requests: '[]', applicant_names: names('applicant'), respondent_names: names('respondent'),
      referral_body: null, rejection_reason: null, termination_reason: null, anonymised_at: now.toISOString(), updated_at: now.toISOString(),
    });
    for (const sql of [
      `UPDATE case_records SET content = '（已匿名化）', interviewee = NULL, attendees = '[]', parties_present = '[]', subject = NULL, result = NULL WHERE case_id = ?`,
      `UPDATE agreements SET facts = NULL, terms = '[]' WHERE case_id = ?`,
      `UPDATE followups SET notes = NULL WHERE case_id = ?`,
      `UPDATE escalations SET risk = '（已匿名化）', steps = '（已匿名化）' WHERE case_id = ?`,
      `DELETE FROM attachments WHERE case_id = ?`,
      `DELETE FROM conflict_checks WHERE case_id = ?`,
      `UPDATE recusal_requests SET reason = '（已匿名化）', decision_reason = NULL WHERE case_id = ?`,
    ]) await lifecycleRepo.exec(tx, sql, [caseId]);
    await indexCase(tx, caseId); // The search index must forget the names too.
    // The audit keeps what was done and why, never the personal data it removed.
    await redactCaseAudit(tx, caseId, now);
    await recordAudit(tx, { at: now, userId: actor.userId, action: 'case.anonymise', entity: 'case', entityId: caseId, after: { caseNo: due.caseNo, reason, parties: parties.length } });
  });
}

/** Destroys a file past retention. Its figures leave the statistics too; the audit keeps the number and reason. */
export async function destroyCase(db: Database, actor: Actor, clock: Clock, caseId: number, reason: string): Promise<void> {
  const due = await mustBeDue(db, clock, caseId);
  await db.transaction(async (tx) => {
    await lifecycleRepo.exec(tx, `DELETE FROM cases WHERE id = ?`, [caseId]);
    await indexCase(tx, caseId); // A case that is gone loses its search rows.
    await redactCaseAudit(tx, caseId, clock());
    await recordAudit(tx, { at: clock(), userId: actor.userId, action: 'case.destroy', entity: 'case', entityId: caseId, after: { caseNo: due.caseNo, reason, archivedOn: due.archivedOn, retention: due.retention } });
  });
}
