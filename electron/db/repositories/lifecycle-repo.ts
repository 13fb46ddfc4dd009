import type { CaseRow } from '../entities';
import type { Tx } from './tx';

const placeholders = (n: number) => new Array(n).fill('?').join(', ');

/** Plain SQL for the lifecycle tables; the core decides what may be written and when. */
export const lifecycleRepo = {
  updateCase: async (tx: Tx, id: number, fields: Partial<Omit<CaseRow, 'id'>>): Promise<void> => {
    const keys = Object.keys(fields);
    if (!keys.length) return;
    await tx.query(`UPDATE cases SET ${keys.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`, [...keys.map((k) => (fields as Record<string, unknown>)[k]), id]);
  },

  insert: async (tx: Tx, table: string, row: Record<string, unknown>): Promise<number> => {
    const keys = Object.keys(row);
    const r = await tx.query(`INSERT INTO ${table} (${keys.join(', ')}) VALUES (${placeholders(keys.length)}) RETURNING id`, keys.map((k) => row[k]));
    return r[0].id as number;
  },

  update: async (tx: Tx, table: string, id: number, fields: Record<string, unknown>): Promise<void> => {
    const keys = Object.keys(fields);
    await tx.query(`UPDATE ${table} SET ${keys.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`, [...keys.map((k) => fields[k]), id]);
  },

  rows: <T>(tx: Tx, sql: string, params: unknown[] = []): Promise<T[]> => tx.query(sql, params),

  one: async <T>(tx: Tx, sql: string, params: unknown[] = []): Promise<T | null> => ((await tx.query(sql, params)) as T[])[0] ?? null,

  exec: async (tx: Tx, sql: string, params: unknown[] = []): Promise<void> => {
    await tx.query(sql, params);
  },
};
