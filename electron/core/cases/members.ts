import type { z } from 'zod';
import { CONSENT_ROLES, type MemberRole } from '../../../shared/domain/case-file';
import type { ConflictDecisionSchema, MemberInputSchema, RecusalDecisionSchema, RecusalRequestSchema, RemoveMemberSchema } from '../../../shared/domain/lifecycle';
import type { Database } from '../../db/data-source';
import { lifecycleRepo } from '../../db/repositories/lifecycle-repo';
import type { Tx } from '../../db/repositories/tx';
import type { Actor, Clock } from '../context';
import { AppFailure, invalid, notFound } from '../errors';
import { checkConflicts, type ConflictHit } from './conflicts';
import { onCase } from './transition';

type In<S extends z.ZodType> = z.output<S>;

export interface AddedMember {
  memberId: number;
  /** The open check, when the person may have an interest in the case; it needs a decision. */
  conflicts: { checkId: number; hits: ConflictHit[] } | null;
}

/** Adds a person to the case team and runs the conflict-of-interest check (回避). */
export async function addMemberTx(
  tx: Tx, actor: Actor, now: Date, caseId: number,
  m: { personId?: number; name?: string; role: MemberRole; consent?: string },
): Promise<AddedMember> {
  let name = m.name;
  if (m.personId !== undefined) {
    const p = await lifecycleRepo.one<{ name: string }>(tx, `SELECT name FROM persons WHERE id = ? AND active = 1`, [m.personId]);
    if (!p) throw invalid([{ path: 'personId', key: 'validation.person.unknown', message: '所选人员不存在或已停用' }]);
    name = p.name;
    const already = await lifecycleRepo.one(tx, `SELECT id FROM case_members WHERE case_id = ? AND person_id = ? AND removed_at IS NULL`, [caseId, m.personId]);
    if (already) throw new AppFailure('CONFLICT', 'errors.member.duplicate', `${name}已在本案调解人员中`);
  }
  if (CONSENT_ROLES.includes(m.role) && !m.consent) {
    throw invalid([{ path: 'consent', key: 'validation.member.consent', message: '邀请当事人亲属、专家或有关组织参与调解，须记录当事人同意的情况（第二十条）' }]);
  }
  const stamp = now.toISOString();
  const memberId = await lifecycleRepo.insert(tx, 'case_members', {
    case_id: caseId, person_id: m.personId ?? null, name, role: m.role, consent: m.consent ?? null, added_at: stamp, added_by: actor.userId,
  });
  const hits = await checkConflicts(tx, caseId, { personId: m.personId ?? null, name: name! });
  if (!hits.length) return { memberId, conflicts: null };
  const checkId = await lifecycleRepo.insert(tx, 'conflict_checks', {
    case_id: caseId, member_id: memberId, person_name: name, hits: JSON.stringify(hits), created_at: stamp,
  });
  return { memberId, conflicts: { checkId, hits } };
}

export const pendingConflicts = (tx: Tx, caseId: number) =>
  lifecycleRepo.rows<{ id: number; person_name: string }>(tx, `SELECT id, person_name FROM conflict_checks WHERE case_id = ? AND decision IS NULL`, [caseId]);

export function addMember(db: Database, actor: Actor, clock: Clock, i: In<typeof MemberInputSchema>) {
  return onCase(db, actor, clock, i.caseId, 'member', 'case.member.add', (s) => addMemberTx(s.tx, actor, s.now, i.caseId, i));
}

export function removeMember(db: Database, actor: Actor, clock: Clock, i: In<typeof RemoveMemberSchema>) {
  return onCase(db, actor, clock, i.caseId, 'member', 'case.member.remove', async (s) => {
    const m = await lifecycleRepo.one<{ role: string }>(s.tx, `SELECT role FROM case_members WHERE id = ? AND case_id = ? AND removed_at IS NULL`, [i.memberId, i.caseId]);
    if (!m) throw notFound('该调解人员');
    if (m.role === 'lead_mediator') throw new AppFailure('BAD_STATE', 'errors.member.lead', '主办调解员不能直接移除，请通过回避申请更换');
    await lifecycleRepo.update(s.tx, 'case_members', i.memberId, { removed_at: s.now.toISOString(), removed_reason: i.reason });
  });
}

/** The recorded decision on a conflict: the person withdraws, or proceeds with a reason. */
export function decideConflict(db: Database, actor: Actor, clock: Clock, i: In<typeof ConflictDecisionSchema>) {
  return onCase(db, actor, clock, i.caseId, 'member', 'case.conflict.decide', async (s) => {
    const c = await lifecycleRepo.one<{ member_id: number; decision: string | null }>(s.tx, `SELECT member_id, decision FROM conflict_checks WHERE id = ? AND case_id = ?`, [i.checkId, i.caseId]);
    if (!c) throw notFound('该回避审查');
    if (c.decision) throw new AppFailure('CONFLICT', 'errors.conflict.decided', '该回避审查已作出决定');
    await lifecycleRepo.update(s.tx, 'conflict_checks', i.checkId, { decision: i.decision, reason: i.reason, decided_by: actor.userId, decided_at: s.now.toISOString() });
    if (i.decision === 'withdraw') {
      const m = await lifecycleRepo.one<{ role: string; person_id: number | null }>(s.tx, `SELECT role, person_id FROM case_members WHERE id = ?`, [c.member_id]);
      await lifecycleRepo.update(s.tx, 'case_members', c.member_id, { removed_at: s.now.toISOString(), removed_reason: `回避：${i.reason}` });
      // A lead mediator who withdraws leaves the case without one until another is chosen.
      if (m?.role === 'lead_mediator') await s.set({ lead_mediator_id: null });
    }
  });
}

/** A party asks for the mediator to be replaced (Art 23). */
export function requestRecusal(db: Database, actor: Actor, clock: Clock, i: In<typeof RecusalRequestSchema>) {
  return onCase(db, actor, clock, i.caseId, 'recusal', 'case.recusal.request', async (s) => {
    if (i.partyId !== undefined && !(await lifecycleRepo.one(s.tx, `SELECT id FROM parties WHERE id = ? AND case_id = ?`, [i.partyId, i.caseId]))) {
      throw invalid([{ path: 'partyId', key: 'validation.party.unknown', message: '所选当事人不属于本案' }]);
    }
    const id = await lifecycleRepo.insert(s.tx, 'recusal_requests', {
      case_id: i.caseId, party_id: i.partyId ?? null, mediator_person_id: s.row.lead_mediator_id, reason: i.reason, requested_at: s.now.toISOString(),
    });
    return { id };
  });
}

/** Acting on the request: a replacement lead mediator (checked for conflicts too), or a reasoned refusal. */
export function decideRecusal(db: Database, actor: Actor, clock: Clock, i: In<typeof RecusalDecisionSchema>) {
  return onCase(db, actor, clock, i.caseId, 'recusal', 'case.recusal.decide', async (s) => {
    const r = await lifecycleRepo.one<{ decision: string | null; mediator_person_id: number | null }>(s.tx, `SELECT decision, mediator_person_id FROM recusal_requests WHERE id = ? AND case_id = ?`, [i.requestId, i.caseId]);
    if (!r) throw notFound('该回避申请');
    if (r.decision) throw new AppFailure('CONFLICT', 'errors.recusal.decided', '该回避申请已处理');
    let conflicts: AddedMember['conflicts'] = null;
    if (i.decision === 'replaced') {
      if (i.replacementPersonId === undefined) throw invalid([{ path: 'replacementPersonId', key: 'validation.recusal.replacement', message: '请选择接替的调解员' }]);
      if (i.replacementPersonId === r.mediator_person_id) throw invalid([{ path: 'replacementPersonId', key: 'validation.recusal.same', message: '接替的调解员不能是被申请回避的调解员' }]);
      await lifecycleRepo.exec(s.tx, `UPDATE case_members SET removed_at = ?, removed_reason = ? WHERE case_id = ? AND role = 'lead_mediator' AND removed_at IS NULL`,
        [s.now.toISOString(), `当事人申请回避：${i.reason}`, i.caseId]);
      conflicts = (await addMemberTx(s.tx, actor, s.now, i.caseId, { personId: i.replacementPersonId, role: 'lead_mediator' })).conflicts;
      await s.set({ lead_mediator_id: i.replacementPersonId });
    }
    await lifecycleRepo.update(s.tx, 'recusal_requests', i.requestId, {
      decision: i.decision, decision_reason: i.reason, replacement_person_id: i.replacementPersonId ?? null, decided_at: s.now.toISOString(),
    });
    return { conflicts };
  });
}
