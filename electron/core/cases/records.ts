import type { z } from 'zod';
import { ATTACHMENT_MAX_BYTES, type AttachmentInputSchema, type EscalationInputSchema, type PreventionSchema, type RecordInputSchema } from '../../../shared/domain/lifecycle';
import type { Database } from '../../db/data-source';
import { lifecycleRepo } from '../../db/repositories/lifecycle-repo';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { invalid, notFound } from '../errors';
import { sha256 } from './lifecycle';
import { onCase } from './transition';

type In<S extends z.ZodType> = z.output<S>;

/** 调查记录 and 调解记录 (minutes of each meeting: who attended, public or private). */
export function addRecord(db: Database, actor: Actor, clock: Clock, i: In<typeof RecordInputSchema>) {
  return onCase(db, actor, clock, i.caseId, 'record', `case.record.${i.kind}`, async (s) => {
    if (new Date(i.heldAt) > s.now) throw invalid([{ path: 'heldAt', key: 'validation.date.future', message: '记录的时间不能晚于现在' }]);
    if (i.kind === 'mediation' && s.row.status === 'registered') {
      throw invalid([{ path: 'kind', key: 'validation.record.notAccepted', message: '案件受理后才能填写调解记录；受理前可填写调查记录' }]);
    }
    const id = await lifecycleRepo.insert(s.tx, 'case_records', {
      case_id: i.caseId, kind: i.kind, held_at: new Date(i.heldAt).toISOString(), place: i.place ?? null, subject: i.subject ?? null,
      interviewee: i.interviewee ?? null, attendees: JSON.stringify(i.attendees), parties_present: JSON.stringify(i.partiesPresent),
      private: i.private ? 1 : 0, content: i.content, result: i.result ?? null, recorder: i.recorder ?? actor.displayName,
      created_by: actor.userId, created_at: s.now.toISOString(),
    });
    // The first mediation meeting is mediation under way.
    if (i.kind === 'mediation' && s.row.status === 'accepted') await s.set({ status: 'in_mediation' });
    return { id };
  });
}

/** Evidence photos and scans live inside the encrypted database, never as plain files. */
export function addAttachment(db: Database, actor: Actor, clock: Clock, i: In<typeof AttachmentInputSchema>) {
  return onCase(db, actor, clock, i.caseId, 'attachment', 'case.attachment.add', async (s) => {
    const content = Buffer.from(i.contentBase64, 'base64');
    if (content.length === 0) throw invalid([{ path: 'contentBase64', key: 'validation.attachment.empty', message: '附件是空文件' }]);
    if (content.length > ATTACHMENT_MAX_BYTES) throw invalid([{ path: 'contentBase64', key: 'validation.attachment.size', message: '附件不能超过20MB' }]);
    const hash = sha256(content);
    const id = await lifecycleRepo.insert(s.tx, 'attachments', {
      case_id: i.caseId, name: i.name, mime: i.mime, size: content.length, sha256: hash, content, note: i.note ?? null,
      created_by: actor.userId, created_at: s.now.toISOString(),
    });
    await s.audit('case.attachment.meta', { after: { id, name: i.name, size: content.length, sha256: hash } });
    return { id };
  });
}

export async function getAttachment(db: Database, actor: Actor, clock: Clock, caseId: number, id: number) {
  return db.transaction(async (tx) => {
    const a = await lifecycleRepo.one<{ name: string; mime: string; content: Buffer }>(tx, `SELECT name, mime, content FROM attachments WHERE id = ? AND case_id = ?`, [id, caseId]);
    if (!a) throw notFound('该附件');
    await recordAudit(tx, { at: clock(), userId: actor.userId, action: 'case.attachment.open', entity: 'case', entityId: caseId, after: { id } });
    return { name: a.name, mime: a.mime, contentBase64: Buffer.from(a.content).toString('base64') };
  });
}

/** Art 25: a dispute that may turn violent is flagged, steps recorded, a police report logged. */
export function addEscalation(db: Database, actor: Actor, clock: Clock, i: In<typeof EscalationInputSchema>) {
  return onCase(db, actor, clock, i.caseId, 'escalation', 'case.escalation', async (s) => {
    if (i.policeReported && !i.policeUnit) throw invalid([{ path: 'policeUnit', key: 'validation.escalation.unit', message: '已报告公安机关的，请填写报告的单位' }]);
    const id = await lifecycleRepo.insert(s.tx, 'escalations', {
      case_id: i.caseId, risk: i.risk, steps: i.steps, police_reported: i.policeReported ? 1 : 0, police_unit: i.policeUnit ?? null,
      police_reported_at: i.policeReportedAt ?? null, recorded_by: actor.userId, recorded_at: s.now.toISOString(),
    });
    return { id };
  });
}

/** The prevention flags and person counts the monthly report reads (STATISTICS.md). */
export function setPrevention(db: Database, actor: Actor, clock: Clock, i: In<typeof PreventionSchema>) {
  return onCase(db, actor, clock, i.caseId, 'escalation', 'case.prevention', async (s) => {
    if (i.prevented && i.persons < 1) throw invalid([{ path: 'persons', key: 'validation.prevention.persons', message: '请填写涉及人数（至少1人）' }]);
    await s.set({ [`prevented_${i.kind}`]: i.prevented ? 1 : 0, [`prevented_${i.kind}_persons`]: i.prevented ? i.persons : 0 });
  });
}
