import { rawHandle, type Database } from '../data-source';
import type { Tx } from './tx';

/** A case as the search index reads it. */
export interface SearchCaseRow { id: number; case_no: string; external_code: string | null; summary: string }
export interface SearchPartyRow {
  case_id: number; kind: string; name: string; representative: string | null; phone: string | null; id_number: string | null; credit_code: string | null;
}
/** One row of case_search (migration 0003), rowid = case id. */
export interface SearchIndexRow {
  case_no: string; names: string; initials: string; pinyin: string; phones: string; id_numbers: string; summary: string;
}
export type SearchTermKind = 'code' | 'latin' | 'text';
/** What the core's query parser hands over: one FTS5 expression, and the terms too short for it. */
export interface SearchWhere { match: string | null; short: { kind: SearchTermKind; value: string }[] }

const COLUMNS = ['case_no', 'names', 'initials', 'pinyin', 'phones', 'id_numbers', 'summary'] as const;
const INSERT = `INSERT INTO case_search (rowid, ${COLUMNS.join(', ')}) VALUES (@id, ${COLUMNS.map((c) => `@${c}`).join(', ')})`;
const INSERT_ONE = `INSERT INTO case_search (rowid, ${COLUMNS.join(', ')}) VALUES (?${', ?'.repeat(COLUMNS.length)})`;
const PARTIES = 'SELECT case_id, kind, name, representative, phone, id_number, credit_code FROM parties';

// A short term (1–2 characters) is a plain substring test on the stored, normalised columns:
// instr, not LIKE, so % and _ in a query are characters to find, with nothing to escape.
// Latin: a substring of some name's initials, the start of some name's full pinyin, or the name.
const PREDICATE: Record<SearchTermKind, (v: string) => string> = {
  code: (v) => `(instr(case_no, ${v}) > 0 OR instr(phones, ${v}) > 0 OR instr(id_numbers, ${v}) > 0)`,
  latin: (v) => `(instr(initials, ${v}) > 0 OR instr(' ' || pinyin, ' ' || ${v}) > 0 OR instr(names, ${v}) > 0)`,
  text: (v) => `(instr(names, ${v}) > 0 OR instr(summary, ${v}) > 0 OR instr(case_no, ${v}) > 0)`,
};
const ARITY: Record<SearchTermKind, number> = { code: 3, latin: 3, text: 3 };
const KINDS: SearchTermKind[] = ['code', 'latin', 'text'];

export const searchRepo = {
  /** The case and its parties, or null if the case no longer exists. */
  source: async (tx: Tx, caseId: number): Promise<{ row: SearchCaseRow; parties: SearchPartyRow[] } | null> => {
    const rows: SearchCaseRow[] = await tx.query('SELECT id, case_no, external_code, summary FROM cases WHERE id = ?', [caseId]);
    if (!rows.length) return null;
    const parties: SearchPartyRow[] = await tx.query(`${PARTIES} WHERE case_id = ? ORDER BY position`, [caseId]);
    return { row: rows[0], parties };
  },

  /** Replaces a case's row; null removes it. */
  put: async (tx: Tx, caseId: number, doc: SearchIndexRow | null): Promise<void> => {
    await tx.query('DELETE FROM case_search WHERE rowid = ?', [caseId]);
    if (doc) await tx.query(INSERT_ONE, [caseId, ...COLUMNS.map((c) => doc[c])]);
  },

  /**
   * Indexes cases batch by batch, in id order: `all` rebuilds every row, `missing` only cases
   * that have none. Each batch is read, built and written in one transaction through prepared
   * statements, so memory stays at one batch whatever the number of cases, and the event loop
   * gets a turn between batches.
   */
  indexBatches: async (
    db: Database,
    mode: 'all' | 'missing',
    build: (row: SearchCaseRow, parties: SearchPartyRow[]) => SearchIndexRow,
    opts: { batchSize?: number; onProgress?: (indexed: number) => void } = {},
  ): Promise<number> => {
    const raw = rawHandle(db);
    const size = opts.batchSize ?? 1000;
    const nextIds = raw.prepare('SELECT id FROM cases WHERE id > ? ORDER BY id LIMIT ?');
    const indexedIn = raw.prepare('SELECT rowid AS id FROM case_search WHERE rowid BETWEEN ? AND ?');
    const casesIn = raw.prepare('SELECT id, case_no, external_code, summary FROM cases WHERE id BETWEEN ? AND ? ORDER BY id');
    const partiesIn = raw.prepare(`${PARTIES} WHERE case_id BETWEEN ? AND ? ORDER BY case_id, position`);
    const remove = raw.prepare('DELETE FROM case_search WHERE rowid = ?');
    const insert = raw.prepare(INSERT);
    let after = 0;
    let indexed = 0;
    for (;;) {
      const done = raw.transaction(() => {
        const ids = (nextIds.all(after, size) as { id: number }[]).map((r) => r.id);
        if (!ids.length) return true;
        const [first, last] = [ids[0], ids[ids.length - 1]];
        after = last;
        const skip = mode === 'missing'
          ? new Set((indexedIn.all(first, last) as { id: number }[]).map((r) => r.id))
          : new Set<number>();
        if (skip.size === ids.length) return false;
        const parties = new Map<number, SearchPartyRow[]>();
        for (const p of partiesIn.all(first, last) as SearchPartyRow[]) {
          if (skip.has(p.case_id)) continue;
          const list = parties.get(p.case_id);
          if (list) list.push(p);
          else parties.set(p.case_id, [p]);
        }
        for (const row of casesIn.all(first, last) as SearchCaseRow[]) {
          if (skip.has(row.id)) continue;
          if (mode === 'all') remove.run(row.id);
          insert.run({ id: row.id, ...build(row, parties.get(row.id) ?? []) });
          indexed++;
        }
        return false;
      })();
      if (done) break;
      opts.onProgress?.(indexed);
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Rows of cases that are gone (none today: cases are never deleted, but destruction after retention will).
    raw.prepare('DELETE FROM case_search WHERE rowid NOT IN (SELECT id FROM cases)').run();
    return indexed;
  },

  /**
   * The WHERE condition for the case list: `c.id IN (rows of case_search that match)`. The SQL
   * text depends only on the query's shape (a MATCH or not; none, one or several short terms of
   * each kind), never on the words, so cached prepared statements stay few.
   */
  where: (search: SearchWhere): { sql: string; params: unknown[] } => {
    const conds: string[] = [];
    const params: unknown[] = [];
    if (search.match) {
      conds.push('case_search MATCH ?');
      params.push(search.match);
    }
    for (const kind of KINDS) {
      const values = search.short.filter((t) => t.kind === kind).map((t) => t.value);
      if (values.length === 1) {
        conds.push(PREDICATE[kind]('?'));
        params.push(...new Array<string>(ARITY[kind]).fill(values[0]));
      } else if (values.length > 1) {
        conds.push(`NOT EXISTS (SELECT 1 FROM json_each(?) j WHERE NOT ${PREDICATE[kind]('j.value')})`);
        params.push(JSON.stringify(values));
      }
    }
    if (!conds.length) return { sql: '', params: [] };
    return { sql: `c.id IN (SELECT rowid FROM case_search WHERE ${conds.join(' AND ')})`, params };
  },
};
