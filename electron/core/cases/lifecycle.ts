import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { addDays } from '../../../shared/domain/dates';
import {
  type AcceptSchema, type ArchiveSchema, type CloseSchema, type ConcludeSchema, type ExtendSchema, type FollowupInputSchema, JC_DAYS, type JcUpdateSchema,
  MEDIATION_DAYS, type PerformanceUpdateSchema, type RejectSchema, type TermPerformanceSchema, overallPerformance,
} from '../../../shared/domain/lifecycle';
import type { Database } from '../../db/data-source';
import { lifecycleRepo } from '../../db/repositories/lifecycle-repo';
import type { Tx } from '../../db/repositories/tx';
import type { Actor, Clock } from '../context';
import { AppFailure, invalid } from '../errors';
import type { PerformanceSchema } from '../../../shared/domain/enums';

type Performance = z.infer<typeof PerformanceSchema>;
import { addMemberTx, pendingConflicts } from './members';
import { checkDate, onCase } from './transition';

type In<S extends z.ZodType> = z.output<S>;

const one = (path: string, key: string, message: string) => invalid([{ path, key, message }]);

/** 受理: the date, the 30-day limit, and the lead mediator joining the team (with a conflict check). */
export function acceptCase(db: Database, actor: Actor, clock: Clock, i: In<typeof AcceptSchema>) {
  return onCase(db, actor, clock, i.caseId, 'accept', 'case.accept', async (s) => {
    checkDate('acceptedOn', '受理日期', i.acceptedOn, s.today, { date: s.row.registered_on, label: '登记日期' });
    const lead = i.leadMediatorId ?? s.row.lead_mediator_id ?? actor.personId;
    if (lead === null) throw one('leadMediatorId', 'validation.leadMediator.missing', '请选择主办调解员');
    await s.set({ status: 'accepted', accepted_on: i.acceptedOn, due_on: addDays(i.acceptedOn, MEDIATION_DAYS), lead_mediator_id: lead });
    const lead_ = await addMemberTx(s.tx, actor, s.now, i.caseId, { personId: lead, role: 'lead_mediator' });
    return { conflicts: lead_.conflicts };
  });
}

/** 不予受理, with the reason (Art 17: a party refuses; already before a court, police or agency). */
export function rejectCase(db: Database, actor: Actor, clock: Clock, i: In<typeof RejectSchema>) {
  return onCase(db, actor, clock, i.caseId, 'reject', 'case.reject', async (s) => {
    await s.set({ status: 'rejected', rejection_reason: i.reason, lead_mediator_id: null });
  });
}

export function startMediation(db: Database, actor: Actor, clock: Clock, caseId: number) {
  return onCase(db, actor, clock, caseId, 'startMediation', 'case.startMediation', async (s) => {
    await refuseWhileConflictsOpen(s.tx, caseId);
    await s.set({ status: 'in_mediation' });
  });
}

/** An extension needs the parties' consent, recorded with the new date. */
export function extendCase(db: Database, actor: Actor, clock: Clock, i: In<typeof ExtendSchema>) {
  return onCase(db, actor, clock, i.caseId, 'extend', 'case.extend', async (s) => {
    const current = s.row.extended_due_on ?? s.row.due_on!;
    if (i.newDueOn <= current) throw one('newDueOn', 'validation.extension.notLater', `新的调解期限应晚于目前的期限（${current}）`);
    await lifecycleRepo.insert(s.tx, 'case_extensions', {
      case_id: i.caseId, previous_due_on: current, new_due_on: i.newDueOn, consent: i.consent,
      recorded_by: actor.userId, recorded_at: s.now.toISOString(),
    });
    await s.set({ extended_due_on: i.newDueOn });
  });
}

/** 调结: agreed (written or oral), failed (the routes the parties were told of), or withdrawn. */
export function concludeCase(db: Database, actor: Actor, clock: Clock, i: In<typeof ConcludeSchema>) {
  return onCase(db, actor, clock, i.caseId, 'conclude', `case.conclude.${i.outcome}`, async (s) => {
    checkDate('concludedOn', '调结日期', i.concludedOn, s.today, { date: s.row.accepted_on!, label: '受理日期' });
    await refuseWhileConflictsOpen(s.tx, i.caseId);
    if (i.outcome === 'agreed') {
      if (i.performanceDeadline && i.performanceDeadline < i.concludedOn) {
        throw one('performanceDeadline', 'validation.date.order', '履行期限不能早于协议生效日期');
      }
      const performance = i.performedImmediately ? 'performed' : 'performing';
      await lifecycleRepo.insert(s.tx, 'agreements', {
        case_id: i.caseId, form: i.form, facts: i.facts ?? s.row.summary, terms: JSON.stringify(i.terms),
        amount_fen: i.amountFen ?? null, performance_method: i.performanceMethod ?? (i.performedImmediately ? '已即时履行' : null),
        performance_deadline: i.performanceDeadline ?? (i.performedImmediately ? i.concludedOn : null),
        effective_on: i.concludedOn, performance, jc_status: 'none', created_at: s.now.toISOString(),
        term_performance: JSON.stringify(i.terms.map(() => performance)),
      });
      await s.set({
        status: 'agreed', outcome: 'agreed', concluded_on: i.concludedOn, agreement_form: i.form,
        agreement_amount_fen: i.amountFen ?? null, performance, jc_status: 'none',
      });
    } else if (i.outcome === 'failed') {
      await s.set({ status: 'failed', outcome: 'failed', concluded_on: i.concludedOn, failure_routes: JSON.stringify(i.failureRoutes), termination_reason: i.reason ?? null });
    } else {
      await s.set({ status: 'withdrawn', outcome: 'withdrawn', concluded_on: i.concludedOn, termination_reason: i.reason });
    }
  });
}

/** Performance of an agreement: urged by the committee, tracked as a field (DOMAIN.md). */
export function updatePerformance(db: Database, actor: Actor, clock: Clock, i: In<typeof PerformanceUpdateSchema>) {
  return onCase(db, actor, clock, i.caseId, 'agreement', 'case.performance', async (s) => {
    if (s.row.status === 'closed') throw one('performance', 'errors.lifecycle.closed', '案件已结案，履行情况不能再修改');
    const a = await agreementOf(s.tx, i.caseId);
    await lifecycleRepo.update(s.tx, 'agreements', a.id, { performance: i.performance, term_performance: JSON.stringify(termsFollowing(a.terms, i.performance)) });
    await s.set({ performance: i.performance });
  });
}

/** One term performed (or not): the agreement's performance follows from its terms. */
export function updateTermPerformance(db: Database, actor: Actor, clock: Clock, i: In<typeof TermPerformanceSchema>) {
  return onCase(db, actor, clock, i.caseId, 'agreement', 'case.termPerformance', async (s) => {
    if (s.row.status === 'closed') throw one('performance', 'errors.lifecycle.closed', '案件已结案，履行情况不能再修改');
    const a = await agreementOf(s.tx, i.caseId);
    if (i.term >= a.terms.length) throw one('term', 'validation.term.unknown', `协议没有第${i.term + 1}条`);
    const terms = a.terms.map((t, k) => (k === i.term ? i.performance : t));
    const overall = overallPerformance(terms);
    await lifecycleRepo.update(s.tx, 'agreements', a.id, { term_performance: JSON.stringify(terms), performance: overall });
    await s.set({ performance: overall });
  });
}

const JC_NEXT: Record<string, string[]> = { none: ['applied'], applied: ['confirmed', 'refused'], confirmed: [], refused: [] };
const JC_ZH: Record<string, string> = { none: '未申请', applied: '已申请', confirmed: '已确认', refused: '不予确认' };

/** 司法确认: applied within 30 days of the agreement taking effect (Art 33), then the court's answer. */
export function updateJudicialConfirmation(db: Database, actor: Actor, clock: Clock, i: In<typeof JcUpdateSchema>) {
  return onCase(db, actor, clock, i.caseId, 'agreement', 'case.judicialConfirmation', async (s) => {
    const a = await agreementOf(s.tx, i.caseId);
    if (!JC_NEXT[a.jc_status].includes(i.jcStatus)) {
      throw new AppFailure('BAD_STATE', 'errors.lifecycle.jc', `司法确认目前为“${JC_ZH[a.jc_status]}”，不能改为“${JC_ZH[i.jcStatus]}”`);
    }
    checkDate('on', '日期', i.on, s.today, { date: a.effective_on, label: '协议生效日期' });
    if (i.jcStatus === 'applied') {
      const deadline = addDays(a.effective_on, JC_DAYS);
      if (i.on > deadline) throw one('on', 'validation.jc.late', `已超过司法确认申请期限：协议生效之日起30日内（至${deadline}）`);
      await lifecycleRepo.update(s.tx, 'agreements', a.id, { jc_status: 'applied', jc_applied_on: i.on });
    } else {
      if (i.on < a.jc_applied_on!) throw one('on', 'validation.date.order', `日期不能早于申请日期（${a.jc_applied_on}）`);
      await lifecycleRepo.update(s.tx, 'agreements', a.id, { jc_status: i.jcStatus, jc_decided_on: i.on });
    }
    await s.set({ jc_status: i.jcStatus });
  });
}

/** 回访: performance, attitude, new risks, satisfaction. The latest visit's satisfaction counts. */
export function addFollowup(db: Database, actor: Actor, clock: Clock, i: In<typeof FollowupInputSchema>) {
  return onCase(db, actor, clock, i.caseId, 'followup', 'case.followup', async (s) => {
    checkDate('visitedOn', '回访日期', i.visitedOn, s.today, { date: s.row.concluded_on ?? s.row.registered_on, label: '调结日期' });
    const visitor = i.visitorPersonId ?? actor.personId;
    const id = await lifecycleRepo.insert(s.tx, 'followups', {
      case_id: i.caseId, visited_on: i.visitedOn, visitor_person_id: visitor, performance: i.performance ?? null,
      satisfaction: i.satisfaction ?? null, notes: i.notes, created_at: s.now.toISOString(),
    });
    const latest = await lifecycleRepo.one<{ satisfaction: string | null }>(s.tx,
      `SELECT satisfaction FROM followups WHERE case_id = ? AND satisfaction IS NOT NULL ORDER BY visited_on DESC, id DESC LIMIT 1`, [i.caseId]);
    const fields: Record<string, unknown> = { satisfaction: latest?.satisfaction ?? null };
    if (i.performance && s.row.status === 'agreed') {
      const a = await agreementOf(s.tx, i.caseId);
      await lifecycleRepo.update(s.tx, 'agreements', a.id, { performance: i.performance, term_performance: JSON.stringify(termsFollowing(a.terms, i.performance)) });
      fields.performance = i.performance;
    }
    await s.set(fields);
    return { id };
  });
}

/** 结案: an agreed case only when performance has ended (DOMAIN.md). */
export function closeCase(db: Database, actor: Actor, clock: Clock, i: In<typeof CloseSchema>) {
  return onCase(db, actor, clock, i.caseId, 'close', 'case.close', async (s) => {
    checkDate('closedOn', '结案日期', i.closedOn, s.today, { date: s.row.concluded_on ?? s.row.registered_on, label: s.row.concluded_on ? '调结日期' : '登记日期' });
    if (s.row.status === 'agreed' && (s.row.performance === 'performing' || s.row.performance === null)) {
      throw new AppFailure('BAD_STATE', 'errors.lifecycle.performing', '协议仍在履行中，履行结束（已履行、部分履行或未履行）后才能结案');
    }
    await s.set({ status: 'closed', closed_on: i.closedOn });
  });
}

/** 归档, with the retention period (保管期限). */
export function archiveCase(db: Database, actor: Actor, clock: Clock, i: In<typeof ArchiveSchema>) {
  return onCase(db, actor, clock, i.caseId, 'archive', 'case.archive', async (s) => {
    checkDate('archivedOn', '归档日期', i.archivedOn, s.today, { date: s.row.closed_on!, label: '结案日期' });
    await s.set({ status: 'archived', archived_on: i.archivedOn, retention: i.retention });
  });
}

/** The whole agreement at once sets every term, except 部分履行, which only the terms can say. */
const termsFollowing = (terms: Performance[], whole: Performance): Performance[] => (whole === 'partial' ? terms : terms.map(() => whole));

async function agreementOf(tx: Tx, caseId: number) {
  const a = await lifecycleRepo.one<{ id: number; jc_status: string; effective_on: string; jc_applied_on: string | null; term_performance: string }>(
    tx, `SELECT id, jc_status, effective_on, jc_applied_on, term_performance FROM agreements WHERE case_id = ?`, [caseId]);
  if (!a) throw new AppFailure('BAD_STATE', 'errors.lifecycle.noAgreement', '该案件没有调解协议');
  return { ...a, terms: JSON.parse(a.term_performance) as Performance[] };
}

async function refuseWhileConflictsOpen(tx: Tx, caseId: number): Promise<void> {
  const open = await pendingConflicts(tx, caseId);
  if (open.length) {
    throw new AppFailure('BAD_STATE', 'errors.lifecycle.conflictsOpen',
      `${open.map((c) => c.person_name).join('、')}的回避审查尚未作出决定，请先决定回避或说明理由后继续`);
  }
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
