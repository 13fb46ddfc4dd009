import { addDays } from '../../../shared/domain/dates';
import type { CaseFile } from '../../../shared/domain/case-file';
import { JC_DAYS } from '../../../shared/domain/lifecycle';
import type { Database } from '../../db/data-source';
import { lifecycleRepo } from '../../db/repositories/lifecycle-repo';
import type { Tx } from '../../db/repositories/tx';
import { readCommittee } from '../committee/setup';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { badState } from '../errors';
import { fileFor } from './minutes';
import { loadCaseDetail } from './queries';

type Row = Record<string, unknown>;
const json = <T>(s: unknown, fallback: T): T => (typeof s === 'string' && s ? (JSON.parse(s) as T) : fallback);

/** Everything the case file holds, for its screen and its printed documents. */
export async function loadCaseFile(tx: Tx, caseId: number): Promise<CaseFile> {
  const detail = await loadCaseDetail(tx, caseId);
  const committee = await readCommittee(tx);
  if (!committee) throw badState('调解委员会尚未设置');
  const rows = (sql: string) => lifecycleRepo.rows<Row>(tx, sql, [caseId]);
  const [c] = await rows(`SELECT rejection_reason, failure_routes, termination_reason, archived_on, retention FROM cases WHERE id = ?`);
  const [extensions, members, records, agreement, followups, escalations, attachments] = await Promise.all([
    rows(`SELECT previous_due_on, new_due_on, consent, recorded_at FROM case_extensions WHERE case_id = ? ORDER BY id`),
    rows(`SELECT id, person_id, name, role, consent, added_at, removed_at, removed_reason FROM case_members WHERE case_id = ? ORDER BY id`),
    rows(`SELECT * FROM case_records WHERE case_id = ? ORDER BY held_at, id`),
    rows(`SELECT * FROM agreements WHERE case_id = ?`),
    rows(`SELECT f.*, p.name AS visitor FROM followups f LEFT JOIN persons p ON p.id = f.visitor_person_id WHERE f.case_id = ? ORDER BY f.visited_on, f.id`),
    rows(`SELECT * FROM escalations WHERE case_id = ? ORDER BY id`),
    rows(`SELECT id, name, mime, size, note, created_at FROM attachments WHERE case_id = ? ORDER BY id`),
  ]);
  const a = agreement[0];
  return {
    committee, case: detail,
    rejectionReason: (c.rejection_reason as string | null) ?? null,
    extensions: extensions.map((e) => ({ previousDueOn: e.previous_due_on as string, newDueOn: e.new_due_on as string, consent: e.consent as string, recordedAt: e.recorded_at as string })),
    members: members.map((m) => ({
      id: m.id as number, personId: m.person_id as number | null, name: m.name as string, role: m.role as CaseFile['members'][number]['role'],
      consent: m.consent as string | null, addedAt: m.added_at as string, removedAt: m.removed_at as string | null, removedReason: m.removed_reason as string | null,
    })),
    records: records.map((r) => ({
      id: r.id as number, kind: r.kind as 'investigation' | 'mediation', heldAt: r.held_at as string, place: r.place as string | null,
      subject: r.subject as string | null, interviewee: r.interviewee as string | null, attendees: json(r.attendees, []),
      partiesPresent: json(r.parties_present, []), private: r.private === 1, content: r.content as string,
      result: r.result as string | null, recorder: r.recorder as string | null,
    })),
    agreement: a ? {
      form: a.form as 'written' | 'oral', facts: a.facts as string | null, terms: json(a.terms, []), termPerformance: json(a.term_performance, []), amountFen: a.amount_fen as number | null,
      performanceMethod: a.performance_method as string | null, performanceDeadline: a.performance_deadline as string | null,
      effectiveOn: a.effective_on as string, performance: a.performance as CaseFile['case']['performance'] & string,
      jcStatus: a.jc_status as CaseFile['case']['jcStatus'], jcAppliedOn: a.jc_applied_on as string | null,
      jcDecidedOn: a.jc_decided_on as string | null, jcDeadline: addDays(a.effective_on as string, JC_DAYS),
    } : null,
    followups: followups.map((f) => ({
      id: f.id as number, visitedOn: f.visited_on as string, visitor: f.visitor as string | null,
      performance: f.performance as CaseFile['followups'][number]['performance'], satisfaction: f.satisfaction as CaseFile['followups'][number]['satisfaction'],
      notes: f.notes as string | null,
    })),
    escalations: escalations.map((e) => ({
      id: e.id as number, risk: e.risk as string, steps: e.steps as string, policeReported: e.police_reported === 1,
      policeUnit: e.police_unit as string | null, policeReportedAt: e.police_reported_at as string | null, recordedAt: e.recorded_at as string,
    })),
    attachments: attachments.map((x) => ({ id: x.id as number, name: x.name as string, mime: x.mime as string, size: x.size as number, note: x.note as string | null, createdAt: x.created_at as string })),
    failureRoutes: json(c.failure_routes, []),
    terminationReason: (c.termination_reason as string | null) ?? null,
    archivedOn: (c.archived_on as string | null) ?? null,
    retention: (c.retention as CaseFile['retention']) ?? null,
  };
}

export const getCaseFile = (db: Database, caseId: number): Promise<CaseFile> => db.transaction((tx) => loadCaseFile(tx, caseId));

/** The case file as its screen opens it: reading a case is an access, recorded (Art 15); minutes only with `cases.minutes`. */
export const viewCaseFile = (db: Database, actor: Actor, clock: Clock, caseId: number): Promise<CaseFile> =>
  db.transaction(async (tx) => {
    const file = await loadCaseFile(tx, caseId);
    await recordAudit(tx, { at: clock(), userId: actor.userId, action: 'case.view', entity: 'case', entityId: caseId });
    return fileFor(actor, file);
  });
