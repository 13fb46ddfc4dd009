import { randomUUID } from 'node:crypto';
import { rawHandle, type Database } from '../data-source';
import type { AgreementRow, CaseRow, FollowupRow, PartyRow } from '../entities';

type NoId<T> = Omit<T, 'id'>;
type NoCase<T> = Omit<T, 'id' | 'case_id'>;

export interface BulkCase {
  row: NoId<CaseRow>;
  parties: NoCase<PartyRow>[];
  agreement: NoCase<AgreementRow> | null;
  followups: NoCase<FollowupRow>[];
  related?: { table: 'case_members' | 'case_records'; row: Record<string, unknown> }[];
}

const EXCHANGE_COLUMNS = ['uuid', 'revision', 'revised_at'];
/** Named parameters for the row's columns; an exported table's uuid, revision and revised_at follow as three `?`. */
const insertSql = (table: string, all: string[]) => {
  const columns = all.filter((c) => !EXCHANGE_COLUMNS.includes(c));
  const stamped = EXCHANGED.has(table);
  return `INSERT INTO ${table} (${[...columns, ...(stamped ? EXCHANGE_COLUMNS : [])].join(', ')})
    VALUES (${[...columns.map((c) => `@${c}`), ...(stamped ? ['?', '?', '?'] : [])].join(', ')})`;
};

/** The tables the exchange exports (migration 0008): each new row gets a fresh uuid and the next revision. */
const EXCHANGED = new Set(['cases', 'parties', 'agreements', 'followups', 'case_records']);

/**
 * The exchange clock for a bulk insert: the rows get their uuids and revisions as they are written (an export then has
 * nothing to stamp: migration 0013's UPDATE would rewrite every page), and the clock is moved past them once at the end.
 */
function exchangeStamps(raw: ReturnType<typeof rawHandle>) {
  let revision = (raw.prepare('SELECT revision FROM exchange_clock WHERE id = 1').all() as { revision: number }[])[0].revision;
  const at = new Date().toISOString();
  const save = raw.prepare('UPDATE exchange_clock SET revision = max(revision, ?) WHERE id = 1');
  return {
    stamp: (): [string, number, string] => [randomUUID(), ++revision, at],
    save: () => { save.run(revision); },
  };
}

/**
 * Writes many whole cases, streamed from an iterable, through prepared statements in one transaction: everything or
 * nothing. Used by the seed and the ledger import, where TypeORM's per-row overhead would dominate.
 */
export function insertCases(db: Database, cases: Iterable<BulkCase>, counters: Map<number, number>): number {
  const raw = rawHandle(db);
  let caseStmt: ReturnType<typeof raw.prepare> | null = null;
  let partyStmt: ReturnType<typeof raw.prepare> | null = null;
  let agreementStmt: ReturnType<typeof raw.prepare> | null = null;
  let followupStmt: ReturnType<typeof raw.prepare> | null = null;
  const counterStmt = raw.prepare(
    `INSERT INTO case_number_counters (year, last_seq) VALUES (?, ?)
     ON CONFLICT (year) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)`,
  );
  const relatedStmts = new Map<string, ReturnType<typeof raw.prepare>>();
  let count = 0;
  // The iterable is consumed inside the transaction: cases are generated or parsed as they are written.
  raw.transaction(() => {
    const { stamp, save } = exchangeStamps(raw);
    for (const c of cases) {
      caseStmt ??= raw.prepare(insertSql('cases', Object.keys(c.row)));
      const caseId = Number(caseStmt.run(c.row, ...stamp()).lastInsertRowid);
      count++;
      for (const p of c.parties) {
        partyStmt ??= raw.prepare(insertSql('parties', ['case_id', ...Object.keys(p)]));
        partyStmt.run({ case_id: caseId, ...p }, ...stamp());
      }
      if (c.agreement) {
        agreementStmt ??= raw.prepare(insertSql('agreements', ['case_id', ...Object.keys(c.agreement)]));
        agreementStmt.run({ case_id: caseId, ...c.agreement }, ...stamp());
      }
      for (const x of c.related ?? []) {
        const key = `${x.table}:${Object.keys(x.row).join(',')}`;
        let stmt = relatedStmts.get(key);
        if (!stmt) relatedStmts.set(key, (stmt = raw.prepare(insertSql(x.table, ['case_id', ...Object.keys(x.row)]))));
        stmt.run({ case_id: caseId, ...x.row }, ...(EXCHANGED.has(x.table) ? stamp() : []));
      }
      for (const f of c.followups) {
        followupStmt ??= raw.prepare(insertSql('followups', ['case_id', ...Object.keys(f)]));
        followupStmt.run({ case_id: caseId, ...f }, ...stamp());
      }
    }
    for (const [year, seq] of counters) counterStmt.run(year, seq);
    save();
  })();
  return count;
}

export const countersNow = (db: Database): Map<number, number> =>
  new Map((rawHandle(db).prepare('SELECT year, last_seq FROM case_number_counters').all() as { year: number; last_seq: number }[]).map((r) => [r.year, r.last_seq]));
