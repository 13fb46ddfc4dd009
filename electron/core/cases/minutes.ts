import type { CaseFile } from '../../../shared/domain/case-file';
import { MINUTES_DOCUMENT_IDS, type DocumentId } from '../../../shared/domain/documents';
import { roleHas } from '../../../shared/domain/permissions';
import type { Database } from '../../db/data-source';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { AppFailure } from '../errors';

/**
 * Minutes (调查记录, 调解记录, and the counsellors' and mediators' notes written in them) are read only with
 * `cases.minutes` (shared/domain/permissions.ts). Channels that return a case whole leave them out here, in the core,
 * so a volunteer's or office clerk's window never receives them.
 */
export const readsMinutes = (actor: Actor): boolean => roleHas(actor.role, 'cases.minutes');


/** The case file without its records, for a role without `cases.minutes`. */
export const fileFor = (actor: Actor, file: CaseFile): CaseFile => (readsMinutes(actor) ? file : { ...file, records: [] });

/**
 * For the other printed documents: each record stays an entry (the 卷内目录 lists that the file has one) with only its
 * kind and date; what was said is left out.
 */
export const documentFileFor = (actor: Actor, file: CaseFile): CaseFile => (readsMinutes(actor) ? file : {
  ...file,
  records: file.records.map((r) => ({
    ...r, place: null, subject: null, interviewee: null, attendees: [], partiesPresent: [], content: '', result: null, recorder: null,
  })),
});

/** Audit actions that concern a record: their diffs stay out of the history a role without `cases.minutes` reads. */
export const isRecordAction = (action: string): boolean => /^case\.record(\.|$)/.test(action);

/**
 * Refuses a minutes document to a role without `cases.minutes`, recorded as the dispatcher records a refused channel
 * (its own transaction: the refusal stays in the log although the request fails).
 */
export async function requireMinutesFor(db: Database, actor: Actor, clock: Clock, channel: string, document: DocumentId): Promise<void> {
  if (readsMinutes(actor) || !MINUTES_DOCUMENT_IDS.includes(document)) return;
  await db.transaction((tx) => recordAudit(tx, { at: clock(), userId: actor.userId, action: 'permission.refused', after: { channel, document } }));
  throw new AppFailure('FORBIDDEN', 'errors.FORBIDDEN', '您的角色无权查看调查记录和调解记录');
}
