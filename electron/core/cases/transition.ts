import { canEdit, canTransition, type Edit, type Transition } from '../../../shared/domain/lifecycle';
import type { CaseStatus } from '../../../shared/domain/enums';
import { shanghaiDate } from '../../../shared/domain/dates';
import type { Database } from '../../db/data-source';
import type { CaseRow } from '../../db/entities';
import { casesRepo } from '../../db/repositories/cases-repo';
import { lifecycleRepo } from '../../db/repositories/lifecycle-repo';
import type { Tx } from '../../db/repositories/tx';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { AppFailure, invalid, notFound } from '../errors';

const STATUS_ZH: Record<CaseStatus, string> = {
  registered: '已登记', rejected: '不予受理', accepted: '已受理', in_mediation: '调解中', agreed: '调解成功',
  failed: '调解不成功', withdrawn: '已撤回', closed: '已结案', archived: '已归档',
};

const ACTION_ZH: Record<Transition | Edit, string> = {
  accept: '受理', reject: '不予受理', startMediation: '开始调解', conclude: '调结', close: '结案', archive: '归档',
  extend: '延长调解期限', member: '调整调解人员', record: '填写调查或调解记录', attachment: '添加附件',
  escalation: '登记激化风险', agreement: '更新协议履行或司法确认', followup: '登记回访', recusal: '处理回避申请', meeting: '安排调解会议',
};

/** The refusal of an illegal step: what was asked, in which state, and nothing changes. */
export const illegal = (status: CaseStatus, action: Transition | Edit): AppFailure =>
  new AppFailure('BAD_STATE', 'errors.lifecycle.illegal',
    `该案件目前为“${STATUS_ZH[status]}”，不能${ACTION_ZH[action]}`);

export interface CaseStep {
  tx: Tx;
  row: CaseRow;
  now: Date;
  today: string;
  /** Changes the case row; recorded in the audit as before and after. */
  set(fields: Partial<Omit<CaseRow, 'id'>>): Promise<void>;
  audit(action: string, detail: { before?: unknown; after?: unknown }): Promise<void>;
  /** Adds what changed outside the case row (a meeting's time, venue …) to this operation's one audit record. */
  note(before: Record<string, unknown>, after: Record<string, unknown>): void;
}

/**
 * One lifecycle operation: loads the case in a transaction, refuses it unless the case's state
 * allows `action`, runs the work, stamps updated_at and audits the case fields it changed.
 */
export async function onCase<T>(
  db: Database, actor: Actor, clock: Clock, caseId: number, action: Transition | Edit, auditAction: string,
  work: (step: CaseStep) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const row = await casesRepo.byId(tx, caseId);
    if (!row) throw notFound('该案件');
    const status = row.status as CaseStatus;
    const allowed = action in { accept: 1, reject: 1, startMediation: 1, conclude: 1, close: 1, archive: 1 }
      ? canTransition(status, action as Transition)
      : canEdit(status, action as Edit);
    if (!allowed) throw illegal(status, action);
    const now = clock();
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const step: CaseStep = {
      tx, row, now, today: shanghaiDate(now),
      set: async (fields) => {
        for (const [k, v] of Object.entries(fields)) {
          if (!(k in before)) before[k] = (row as unknown as Record<string, unknown>)[k];
          after[k] = v;
        }
        await lifecycleRepo.updateCase(tx, caseId, fields);
        Object.assign(row, fields);
      },
      audit: (a, detail) => recordAudit(tx, { at: now, userId: actor.userId, action: a, entity: 'case', entityId: caseId, ...detail }),
      note: (b, a) => { Object.assign(before, b); Object.assign(after, a); },
    };
    const result = await work(step);
    await lifecycleRepo.updateCase(tx, caseId, { updated_at: now.toISOString() });
    await recordAudit(tx, {
      at: now, userId: actor.userId, action: auditAction, entity: 'case', entityId: caseId,
      before: Object.keys(before).length ? before : undefined, after: Object.keys(after).length ? after : undefined,
    });
    return result;
  });
}

/** A date the user gave, checked against today and an earliest day, with a located message. */
export function checkDate(path: string, label: string, date: string, today: string, notBefore?: { date: string; label: string }): void {
  if (date > today) throw invalid([{ path, key: 'validation.date.future', message: `${label}不能晚于今天` }]);
  if (notBefore && date < notBefore.date) {
    throw invalid([{ path, key: 'validation.date.order', message: `${label}不能早于${notBefore.label}（${notBefore.date}）` }]);
  }
}

export { shanghaiDate };
