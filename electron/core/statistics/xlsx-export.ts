import { createHash } from 'node:crypto';
import type { Period } from '../../../shared/domain/statistics';
import type { Database } from '../../db/data-source';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { freezeReport, getSnapshot } from './snapshots';
import { statisticsXlsxBuffer, xlsxFileName } from './xlsx';

export interface XlsxExport {
  fileName: string;
  contentBase64: string;
  /** The 'exported' snapshot whose figures the workbook shows. */
  snapshotId: number;
}

/**
 * Exporting from the app (STATISTICS.md: what was sent can always be shown again exactly): the period's report is
 * frozen as 'exported' first, and the workbook is made from the stored snapshot, so file and snapshot carry the same
 * figures. The file leaving the app is audited with its hash, beside the snapshot's own audit record.
 */
export async function exportReportXlsx(db: Database, actor: Actor, clock: Clock, period: Period): Promise<XlsxExport> {
  const frozen = await freezeReport(db, actor, clock, period, 'exported');
  const { figures } = await getSnapshot(db, frozen.id);
  const { buffer, cases } = await statisticsXlsxBuffer(db, figures);
  const fileName = xlsxFileName(figures);
  await db.transaction((tx) => recordAudit(tx, {
    at: clock(), userId: actor.userId, action: 'statistics.export', entity: 'report_snapshot', entityId: frozen.id,
    after: { format: 'xlsx', fileName, cases, bytes: buffer.length, sha256: createHash('sha256').update(buffer).digest('hex') },
  }));
  return { fileName, contentBase64: buffer.toString('base64'), snapshotId: frozen.id };
}
