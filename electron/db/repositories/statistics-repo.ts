import type { Tx } from './tx';

export interface SweepRow {
  id: number; swept_on: string; scope: string; found: number; prevented: number; note: string | null;
  created_by: number | null; created_at: string;
}

export interface SnapshotRow {
  id: number; period_from: string; period_to: string; as_of: string; figures: string; sha256: string;
  reason: string; created_by: number | null; created_at: string;
}

type Named<T> = T & { created_by_name: string | null };

/** The sweep log and the frozen reports (migration 0006). Snapshots are insert-only: triggers refuse changes. */
export const statisticsRepo = {
  insertSweep: async (tx: Tx, row: Omit<SweepRow, 'id'>): Promise<number> =>
    (await tx.query(
      `INSERT INTO sweeps (swept_on, scope, found, prevented, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [row.swept_on, row.scope, row.found, row.prevented, row.note, row.created_by, row.created_at],
    ))[0].id as number,
  sweep: async (tx: Tx, id: number): Promise<SweepRow | null> => ((await tx.query(`SELECT * FROM sweeps WHERE id = ?`, [id])) as SweepRow[])[0] ?? null,
  sweeps: (tx: Tx, from: string, to: string): Promise<Named<SweepRow>[]> =>
    tx.query(
      `SELECT s.*, u.display_name AS created_by_name FROM sweeps s LEFT JOIN users u ON u.id = s.created_by
       WHERE s.swept_on BETWEEN ? AND ? ORDER BY s.swept_on DESC, s.id DESC`, [from, to],
    ),
  deleteSweep: async (tx: Tx, id: number): Promise<void> => { await tx.query(`DELETE FROM sweeps WHERE id = ?`, [id]); },

  insertSnapshot: async (tx: Tx, row: Omit<SnapshotRow, 'id'>): Promise<number> =>
    (await tx.query(
      `INSERT INTO report_snapshots (period_from, period_to, as_of, figures, sha256, reason, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [row.period_from, row.period_to, row.as_of, row.figures, row.sha256, row.reason, row.created_by, row.created_at],
    ))[0].id as number,
  snapshot: async (tx: Tx, id: number): Promise<Named<SnapshotRow> | null> =>
    ((await tx.query(
      `SELECT r.*, u.display_name AS created_by_name FROM report_snapshots r LEFT JOIN users u ON u.id = r.created_by WHERE r.id = ?`, [id],
    )) as Named<SnapshotRow>[])[0] ?? null,
  snapshots: (tx: Tx): Promise<Named<Omit<SnapshotRow, 'figures'>>[]> =>
    tx.query(
      `SELECT r.id, r.period_from, r.period_to, r.as_of, r.sha256, r.reason, r.created_by, r.created_at, u.display_name AS created_by_name
       FROM report_snapshots r LEFT JOIN users u ON u.id = r.created_by ORDER BY r.id DESC`,
    ),
};
