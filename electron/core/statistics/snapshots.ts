import { createHash } from 'node:crypto';
import {
  StatisticsReportSchema, type Period, type Snapshot, type SnapshotSummary,
} from '../../../shared/domain/statistics';
import type { Database } from '../../db/data-source';
import { statisticsRepo, type SnapshotRow } from '../../db/repositories/statistics-repo';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { AppFailure, notFound } from '../errors';
import { computeFigures } from './figures';

/**
 * A report as sent or exported, frozen (STATISTICS.md): its figures as JSON text and that text's SHA-256. Shown
 * again, it is that text, not a recomputation, so later changes to cases do not change what was sent.
 */

export type SnapshotReason = 'sent' | 'exported';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

const toSummary = (r: Omit<SnapshotRow, 'figures'> & { created_by_name: string | null }): SnapshotSummary => ({
  id: r.id, from: r.period_from, to: r.period_to, asOf: r.as_of, reason: r.reason as SnapshotReason, sha256: r.sha256,
  createdBy: r.created_by_name, createdAt: r.created_at,
});

/** Computes the period's figures now, checks them and stores them; audited. */
export async function freezeReport(db: Database, actor: Actor, clock: Clock, period: Period, reason: SnapshotReason): Promise<SnapshotSummary> {
  const now = clock();
  const figures = computeFigures(db, period, now);
  const text = JSON.stringify(figures);
  const row = {
    period_from: figures.period.from, period_to: figures.period.to, as_of: figures.as_of, figures: text, sha256: sha256(text),
    reason, created_by: actor.userId, created_at: now.toISOString(),
  };
  const id = await db.transaction(async (tx) => {
    const id = await statisticsRepo.insertSnapshot(tx, row);
    await recordAudit(tx, {
      at: now, userId: actor.userId, action: `statistics.${reason}`, entity: 'report_snapshot', entityId: id,
      after: { from: row.period_from, to: row.period_to, asOf: row.as_of, sha256: row.sha256 },
    });
    return id;
  });
  return toSummary({ ...row, id, created_by_name: actor.displayName });
}

export async function listSnapshots(db: Database): Promise<SnapshotSummary[]> {
  return (await statisticsRepo.snapshots(db.manager)).map(toSummary);
}

/** The frozen report exactly as stored; refused if its text no longer matches its hash. */
export async function getSnapshot(db: Database, id: number): Promise<Snapshot> {
  const r = await statisticsRepo.snapshot(db.manager, id);
  if (!r) throw notFound('该报表快照');
  if (sha256(r.figures) !== r.sha256) {
    throw new AppFailure('BAD_STATE', 'errors.statistics.snapshotAltered', `报表快照第${id}号的内容与其校验值不符，可能已被改动，不能作为已报送的报表展示`);
  }
  return { ...toSummary(r), figures: StatisticsReportSchema.parse(JSON.parse(r.figures)) };
}
