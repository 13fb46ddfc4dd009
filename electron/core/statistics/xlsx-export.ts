import { createHash } from 'node:crypto';
import type { Period } from '../../../shared/domain/statistics';
import type { Database } from '../../db/data-source';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { badState } from '../errors';
import { checkPeriod } from './periods';
import { freezeReport, getSnapshot } from './snapshots';
import { statisticsXlsxBuffer, writeStatisticsXlsx, xlsxFileName } from './xlsx';

/** Asks where to save a file (the desktop shell's save dialog): the path, or null if the user cancelled. */
export type ChooseSavePath = (suggestedName: string) => Promise<string | null>;

export interface XlsxExport {
  fileName: string;
  /** The 'exported' snapshot whose figures the workbook shows; null when the save dialog was cancelled. */
  snapshotId: number | null;
  /** Written where the user chose (the desktop); false if the dialog was cancelled or there is no disk (the preview). */
  saved: boolean;
  /** The workbook itself, for the browser's download: the preview only. */
  contentBase64?: string;
}

/**
 * Exporting from the app (STATISTICS.md: what was sent can always be shown again exactly): the period's report is
 * frozen as 'exported' first, and the workbook is made from the stored snapshot, so file and snapshot carry the same
 * figures. The file leaving the app is audited with its hash, beside the snapshot's own audit record.
 *
 * With `choose` (the desktop), the user picks the file first (a cancel freezes and writes nothing) and the workbook
 * streams straight to it, so memory does not grow with the cases listed. Without it (the preview, which has no disk
 * of its own) the bytes go back to the window for the browser's download.
 */
export async function exportReportXlsx(db: Database, actor: Actor, clock: Clock, period: Period, choose?: ChooseSavePath): Promise<XlsxExport> {
  let path: string | null = null;
  if (choose) {
    const checked = checkPeriod(period);
    const [committee] = db.read<{ code: string; name: string }>(`SELECT code, name FROM committee WHERE id = 1`);
    if (!committee) throw badState('调解委员会尚未设置，无法导出统计表');
    const suggested = xlsxFileName({ committee, period: checked });
    path = await choose(suggested);
    if (path === null) return { fileName: suggested, snapshotId: null, saved: false };
  }
  const frozen = await freezeReport(db, actor, clock, period, 'exported');
  const { figures } = await getSnapshot(db, frozen.id);
  const fileName = xlsxFileName(figures);
  let content: Buffer | null = null;
  let written: { cases: number; bytes: number; sha256: string };
  if (path !== null) {
    written = await writeStatisticsXlsx(db, figures, path);
  } else {
    const { buffer, cases } = await statisticsXlsxBuffer(db, figures);
    content = buffer;
    written = { cases, bytes: buffer.length, sha256: createHash('sha256').update(buffer).digest('hex') };
  }
  await db.transaction((tx) => recordAudit(tx, {
    at: clock(), userId: actor.userId, action: 'statistics.export', entity: 'report_snapshot', entityId: frozen.id,
    after: { format: 'xlsx', fileName, ...written, saved: path !== null },
  }));
  return content
    ? { fileName, snapshotId: frozen.id, saved: false, contentBase64: content.toString('base64') }
    : { fileName, snapshotId: frozen.id, saved: true };
}
