import { createHash } from 'node:crypto';
import type { ReportPdfInput } from '../../../shared/domain/statistics';
import type { Database } from '../../db/data-source';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { pdfFileName, renderReportHtml } from './report-html';
import { freezeReport, getSnapshot } from './snapshots';

/** Prints the page to PDF and asks where to save it (the desktop shell's savePdf); false if the user cancelled. */
export type SavePdf = (html: string, suggestedName: string) => Promise<boolean>;

export interface PdfExport {
  saved: boolean;
  fileName: string;
  /** The snapshot the PDF shows: frozen for it, or the one asked for. */
  snapshotId: number;
}

/**
 * 存为PDF (STATISTICS.md: what was sent can always be shown again exactly): as the XLSX export, the period's report is
 * frozen as 'exported' and the page is made from the stored snapshot; a snapshot asked for is printed as it is, not
 * frozen again. The file leaving the app is audited, whether or not the user went through with saving it.
 */
export async function exportReportPdf(db: Database, actor: Actor, clock: Clock, input: ReportPdfInput, save: SavePdf): Promise<PdfExport> {
  const id = 'snapshotId' in input ? input.snapshotId : (await freezeReport(db, actor, clock, input, 'exported')).id;
  const snapshot = await getSnapshot(db, id);
  const { html } = renderReportHtml(snapshot.figures, { snapshot });
  const fileName = pdfFileName(snapshot.figures);
  const saved = await save(html, fileName);
  await db.transaction((tx) => recordAudit(tx, {
    at: clock(), userId: actor.userId, action: 'statistics.export', entity: 'report_snapshot', entityId: id,
    after: { format: 'pdf', fileName, saved, htmlSha256: createHash('sha256').update(html).digest('hex') },
  }));
  return { saved, fileName, snapshotId: id };
}
