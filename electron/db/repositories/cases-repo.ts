import { CaseEntity, PartyEntity, type CaseRow, type PartyRow } from '../entities';
import type { Database } from '../data-source';
import { searchRepo, type SearchWhere } from './search-repo';
import type { Tx } from './tx';

export interface CaseListRow {
  id: number; case_no: string; category: string; channel: string; status: string; registered_on: string;
  accepted_on: string | null; applicant_names: string; respondent_names: string; lead_mediator: string | null;
  updated_at: string; local_category_id: number | null; local_category: string | null;
}

export interface CaseListFilter {
  status?: string[];
  category?: string[];
  /** Local categories: with `category` too, either matches. */
  localCategoryId?: number[];
  channel?: string[];
  leadMediatorId?: number[];
  /** Registration dates, inclusive, YYYY-MM-DD. */
  registeredFrom?: string;
  registeredTo?: string;
  /** A parsed search (electron/core/search/query.ts); absent means no search filter. */
  search?: SearchWhere | null;
  /** The search matches many cases: see searchRepo.where. */
  dense?: boolean;
}

// Whitelisted ORDER BY clauses; each ends on a unique key so paging is stable.
const ORDER: Record<string, string> = {
  caseNo: 'c.case_year {dir}, c.case_seq {dir}',
  registeredOn: 'c.registered_on {dir}, c.id {dir}',
  category: 'c.category {dir}, c.case_year DESC, c.case_seq DESC',
  status: 'c.status {dir}, c.case_year DESC, c.case_seq DESC',
  updatedAt: 'c.updated_at {dir}, c.id {dir}',
};

// The SQL text depends only on the filter's shape (which filters, how many values), never on the
// values: Database.read caches one prepared statement per text.
function where(filter: CaseListFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const lists = [
    ['status', filter.status], ['channel', filter.channel], ['lead_mediator_id', filter.leadMediatorId],
  ] as const;
  const marks = (n: number) => new Array(n).fill('?').join(',');
  const categories = filter.category ?? [];
  const locals = filter.localCategoryId ?? [];
  // A national category includes its local ones (they are written with it); a local one alone is just its cases.
  if (categories.length && locals.length) {
    parts.push(`(c.category IN (${marks(categories.length)}) OR c.local_category_id IN (${marks(locals.length)}))`);
    params.push(...categories, ...locals);
  } else if (categories.length) {
    parts.push(`c.category IN (${marks(categories.length)})`);
    params.push(...categories);
  } else if (locals.length) {
    parts.push(`c.local_category_id IN (${marks(locals.length)})`);
    params.push(...locals);
  }
  for (const [column, values] of lists) {
    if (values?.length) {
      parts.push(`c.${column} IN (${values.map(() => '?').join(',')})`);
      params.push(...values);
    }
  }
  if (filter.registeredFrom) {
    parts.push('c.registered_on >= ?');
    params.push(filter.registeredFrom);
  }
  if (filter.registeredTo) {
    parts.push('c.registered_on <= ?');
    params.push(filter.registeredTo);
  }
  if (filter.search) {
    const s = searchRepo.where(filter.search, filter.dense);
    if (s.sql) {
      parts.push(s.sql);
      params.push(...s.params);
    }
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export const casesRepo = {
  /** Takes the next number of a year; the counter only grows, so numbers are never reused. */
  nextSeq: async (tx: Tx, year: number): Promise<number> => {
    const rows = await tx.query(
      `INSERT INTO case_number_counters (year, last_seq) VALUES (?, 1)
       ON CONFLICT (year) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`,
      [year],
    );
    return rows[0].last_seq as number;
  },

  insert: async (tx: Tx, row: Omit<CaseRow, 'id'>): Promise<number> => {
    const r = await tx.getRepository(CaseEntity).insert(row);
    return r.identifiers[0].id as number;
  },

  insertParties: async (tx: Tx, rows: Omit<PartyRow, 'id'>[]): Promise<void> => {
    await tx.getRepository(PartyEntity).insert(rows);
  },

  byId: (tx: Tx, id: number): Promise<CaseRow | null> => tx.getRepository(CaseEntity).findOneBy({ id }),

  parties: (tx: Tx, caseId: number): Promise<PartyRow[]> =>
    tx.getRepository(PartyEntity).find({ where: { case_id: caseId }, order: { position: 'ASC' } }),

  count: (db: Database, filter: CaseListFilter): number => {
    const w = where(filter);
    return db.read<{ n: number }>(`SELECT count(*) AS n FROM cases c ${w.sql}`, w.params)[0].n;
  },

  page: (db: Database, filter: CaseListFilter, sortBy: string, order: 'asc' | 'desc', limit: number, offset: number): CaseListRow[] => {
    const w = where(filter);
    const orderBy = ORDER[sortBy].replaceAll('{dir}', order === 'asc' ? 'ASC' : 'DESC');
    return db.read(
      `SELECT c.id, c.case_no, c.category, c.channel, c.status, c.registered_on, c.accepted_on,
              c.applicant_names, c.respondent_names, p.name AS lead_mediator, c.updated_at, c.local_category_id, lc.name AS local_category
       FROM cases c LEFT JOIN persons p ON p.id = c.lead_mediator_id LEFT JOIN local_categories lc ON lc.id = c.local_category_id
       ${w.sql} ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
      [...w.params, limit, offset],
    );
  },
};
