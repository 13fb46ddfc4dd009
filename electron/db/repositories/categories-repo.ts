import type { Database } from '../data-source';
import type { Tx } from './tx';

/** Plain SQL for local dispute categories; the core decides what may change. */

export interface LocalCategoryDbRow {
  id: number; name: string; rolls_up_to: string; active: number; created_at: string; updated_at: string;
}
const COLUMNS = 'id, name, rolls_up_to, active, created_at, updated_at';

export const categoriesRepo = {
  /** Every local category with its number of cases (one count per category on cases_local_category). */
  list: (tx: Tx): Promise<(LocalCategoryDbRow & { case_count: number })[]> =>
    tx.query(`SELECT ${COLUMNS}, (SELECT count(*) FROM cases c WHERE c.local_category_id = l.id) AS case_count
      FROM local_categories l ORDER BY active DESC, rolls_up_to, name, id`),
  byId: async (tx: Tx, id: number): Promise<LocalCategoryDbRow | null> =>
    ((await tx.query(`SELECT ${COLUMNS} FROM local_categories WHERE id = ?`, [id])) as LocalCategoryDbRow[])[0] ?? null,
  idByName: async (tx: Tx, name: string): Promise<number | null> =>
    ((await tx.query(`SELECT id FROM local_categories WHERE name = ?`, [name])) as { id: number }[])[0]?.id ?? null,
  /** Whether any case is registered under it. */
  used: async (tx: Tx, id: number): Promise<boolean> =>
    ((await tx.query(`SELECT 1 FROM cases WHERE local_category_id = ? LIMIT 1`, [id])) as unknown[]).length > 0,
  /** The active ones by name, for the ledger import (few rows, read once per import). */
  activeByName: (db: Database): Map<string, { id: number; rollsUpTo: string }> =>
    new Map(db.read<{ id: number; name: string; rolls_up_to: string }>(`SELECT id, name, rolls_up_to FROM local_categories WHERE active = 1`)
      .map((r) => [r.name, { id: r.id, rollsUpTo: r.rolls_up_to }])),
};
