import { rawHandle, type Database } from '../data-source';
import type { Tx } from './tx';

/** A case as the search index reads it. */
export interface SearchCaseRow { id: number; case_no: string; external_code: string | null; summary: string }
export interface SearchPartyRow {
  case_id: number; kind: string; name: string; representative: string | null; phone: string | null;
  id_number: string | null; credit_code: string | null;
}
/** A case's rows in case_search and case_search_chars (migration 0003), rowid = case id. */
export interface SearchIndexRow {
  case_no: string; names: string; initials: string; pinyin: string; phones: string; id_numbers: string; summary: string;
  chars: { text: string; initials: string; heads: string };
}
/** What the core's query parser hands over (electron/core/search/query.ts). */
export interface SearchWhere { long: string | null; short: string | null; scan: string[] }

const COLUMNS = ['case_no', 'names', 'initials', 'pinyin', 'phones', 'id_numbers', 'summary'] as const;
const INSERT = `INSERT INTO case_search (rowid, ${COLUMNS.join(', ')}) VALUES (?${', ?'.repeat(COLUMNS.length)})`;
const INSERT_CHARS = 'INSERT INTO case_search_chars (rowid, text, initials, heads) VALUES (?, ?, ?, ?)';
const DELETE = 'DELETE FROM case_search WHERE rowid = ?';
const DELETE_CHARS = 'DELETE FROM case_search_chars WHERE rowid = ?';
const PARTIES = 'SELECT case_id, kind, name, representative, phone, id_number, credit_code FROM parties';
const values = (id: number, d: SearchIndexRow) => [id, ...COLUMNS.map((c) => d[c])];
const charValues = (id: number, d: SearchIndexRow) => [id, d.chars.text, d.chars.initials, d.chars.heads];

// Short terms with a character that is neither letter nor digit (静%, ·): a substring test on the
// stored columns. instr, not LIKE: % and _ are characters to find, with nothing to escape.
const SCAN = `NOT EXISTS (SELECT 1 FROM json_each(?) j
  WHERE instr(case_no, j.value) = 0 AND instr(names, j.value) = 0 AND instr(summary, j.value) = 0)`;

/**
 * The matching case ids, as one or two sub-selects; the SQL text depends only on the query's
 * shape (which of long, short, scan are present), never on the words.
 */
function matches(search: SearchWhere): { selects: string[]; params: unknown[] } {
  const long = 'case_search MATCH ?';
  const short = 'SELECT rowid FROM case_search_chars WHERE case_search_chars MATCH ?';
  if (!search.scan.length) {
    const selects: string[] = [];
    const params: unknown[] = [];
    if (search.long) {
      selects.push(`SELECT rowid FROM case_search WHERE ${long}`);
      params.push(search.long);
    }
    if (search.short) {
      selects.push(short);
      params.push(search.short);
    }
    return { selects, params };
  }
  // Substring tests on case_search's stored columns, after the index has narrowed the rows.
  const conds: string[] = [];
  const params: unknown[] = [];
  if (search.long) {
    conds.push(long);
    params.push(search.long);
  }
  if (search.short) {
    conds.push(`rowid IN (${short})`);
    params.push(search.short);
  }
  conds.push(SCAN);
  params.push(JSON.stringify(search.scan));
  return { selects: [`SELECT rowid FROM case_search WHERE ${conds.join(' AND ')}`], params };
}

export const searchRepo = {
  /** The case and its parties, or null if the case no longer exists. */
  source: async (tx: Tx, caseId: number): Promise<{ row: SearchCaseRow; parties: SearchPartyRow[] } | null> => {
    const rows: SearchCaseRow[] = await tx.query('SELECT id, case_no, external_code, summary FROM cases WHERE id = ?', [caseId]);
    if (!rows.length) return null;
    const parties: SearchPartyRow[] = await tx.query(`${PARTIES} WHERE case_id = ? ORDER BY position`, [caseId]);
    return { row: rows[0], parties };
  },

  /** Replaces a case's rows; null removes them. */
  put: async (tx: Tx, caseId: number, doc: SearchIndexRow | null): Promise<void> => {
    await tx.query(DELETE, [caseId]);
    await tx.query(DELETE_CHARS, [caseId]);
    if (!doc) return;
    await tx.query(INSERT, values(caseId, doc));
    await tx.query(INSERT_CHARS, charValues(caseId, doc));
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
    const size = opts.batchSize ?? 2000;
    if (mode === 'missing') {
      // At start-up, usually nothing is missing: two b-tree counts say so without a walk.
      const counts = raw.prepare(
        'SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM case_search_content) AS indexed',
      ).all() as { cases: number; indexed: number }[];
      if (counts[0].cases === counts[0].indexed) return 0;
    }
    // Which cases have a row: case_search_content is FTS5's own table behind case_search (id =
    // rowid); a plain b-tree range, where a rowid range on the FTS table itself walks its index.
    const idsAfter = raw.prepare(mode === 'missing'
      ? `SELECT id FROM cases c WHERE id > ? AND NOT EXISTS (SELECT 1 FROM case_search_content s WHERE s.id = c.id) ORDER BY id LIMIT ?`
      : 'SELECT id FROM cases WHERE id > ? ORDER BY id LIMIT ?');
    const casesIn = raw.prepare('SELECT id, case_no, external_code, summary FROM cases WHERE id BETWEEN ? AND ? ORDER BY id');
    const partiesIn = raw.prepare(`${PARTIES} WHERE case_id BETWEEN ? AND ? ORDER BY case_id, position`);
    const statements = [DELETE, DELETE_CHARS].map((s) => raw.prepare(s));
    const insert = raw.prepare(INSERT);
    const insertChars = raw.prepare(INSERT_CHARS);
    let after = 0;
    let indexed = 0;
    for (;;) {
      const more = raw.transaction(() => {
        const ids = (idsAfter.all(after, size) as { id: number }[]).map((r) => r.id);
        if (!ids.length) return false;
        const [first, last] = [ids[0], ids[ids.length - 1]];
        after = last;
        const wanted = new Set(ids);
        const parties = new Map<number, SearchPartyRow[]>();
        for (const p of partiesIn.all(first, last) as SearchPartyRow[]) {
          if (!wanted.has(p.case_id)) continue;
          const list = parties.get(p.case_id);
          if (list) list.push(p);
          else parties.set(p.case_id, [p]);
        }
        for (const row of casesIn.all(first, last) as SearchCaseRow[]) {
          if (!wanted.has(row.id)) continue;
          const doc = build(row, parties.get(row.id) ?? []);
          if (mode === 'all') for (const s of statements) s.run(row.id);
          insert.run(...values(row.id, doc));
          insertChars.run(...charValues(row.id, doc));
          indexed++;
        }
        return true;
      })();
      if (!more) break;
      opts.onProgress?.(indexed);
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (mode === 'all') {
      // Rows of cases that are gone (none today; destruction after retention will remove cases).
      const orphans = raw.prepare('SELECT id FROM case_search_content WHERE id NOT IN (SELECT id FROM cases)').all() as { id: number }[];
      raw.transaction(() => { for (const { id } of orphans) for (const s of statements) s.run(id); })();
    }
    return indexed;
  },

  /** How many cases match, from the index alone (one row per case, kept in step by indexCase). */
  count: (db: Database, search: SearchWhere): number => {
    const m = matches(search);
    if (!m.selects.length) return -1;
    return db.read<{ n: number }>(`SELECT count(*) AS n FROM (${m.selects.join(' INTERSECT ')})`, m.params)[0].n;
  },

  /**
   * The case list's condition. `dense`: many matches, so the list should walk its ORDER BY index
   * and test each case against the matches (stopping after one page) rather than fetch and sort
   * every match; the unary + keeps SQLite from driving the query from the match list.
   */
  where: (search: SearchWhere, dense = false): { sql: string; params: unknown[] } => {
    const m = matches(search);
    const id = dense ? '+c.id' : 'c.id';
    return { sql: m.selects.map((s) => `${id} IN (${s})`).join(' AND '), params: m.params };
  },
};
