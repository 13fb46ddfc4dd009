import { PERSONAL_FIELDS } from '../../../shared/domain/exchange-records';
import { RECORD_FILES, type Level, type RecordFile } from '../../../shared/domain/exchange';
import type { SqlReader } from '../../db/reader';
import { NdjsonChunk } from './package/spool-records';
import { pseudonym } from './deidentify';

/**
 * The record lines of an exchange package (shared/domain/exchange-records.ts), streamed table by table in batches
 * (keyset pagination, never one open cursor, so the database stays usable while a package is written).
 */

/** Which records a package holds: the changes after the last export, or what cases of a date range touch. */
export type RecordWindow =
  | { kind: 'since_last'; after: number; to: number }
  | { kind: 'range'; from: string; to: string; toRevision: number };

export interface RecordOptions {
  level: Level;
  /** The de-identification secret (pseudonyms are written at both levels). */
  secret: Buffer;
  batch?: number;
}

type Line = Record<string, unknown>;

/** A line's fields in order: the key and the SQL expression that gives its JSON value. */
type Field = readonly [key: string, sql: string];

interface Source {
  /**
   * FROM and JOINs; the exported table is `t`, its case (when it has one) `c`. CROSS JOIN keeps `t` the outer loop:
   * otherwise a range's OR over the case's dates leads the planner to sort the whole range for every batch.
   */
  from: string;
  /** Extra condition on `t` (the mediation records of case_records). */
  only?: string;
  /** A record belonging to a case: in a range, present when its case is. */
  ofCase: boolean;
  /** Sweeps are in a range by their own date. */
  dated?: string;
  fields: Field[];
}

// Each line is built by SQLite's json_object, in the schema's order (uuid, revision and updated_at first): reading
// the rows as JavaScript objects and stringifying them took three times as long as the whole rest of an export.
const col = (c: string): Field => [c, `t.${c}`];
const cols = (...c: string[]): Field[] => c.map(col);
/** A JSON text column, embedded as JSON; the fallback when it is NULL or empty. */
const json = (c: string, fallback: '[]' | null = null): Field =>
  [c, fallback ? `json(coalesce(nullif(t.${c}, ''), '${fallback}'))` : `json(nullif(t.${c}, ''))`];
const bool = (c: string): Field => [c, `json(iif(t.${c} = 1, 'true', 'false'))`];
const DAY_GLOB = `'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`;
/**
 * deidentify.ts's ageBand(birthDateOf(…)) in SQL: the recorded birth date, or the one a resident ID carries, then the
 * ten-year band of the age on `on`. (A JavaScript function per row cost more than the rest of the line.)
 */
function ageBandSql(t: string, on: string): string {
  const id = `trim(${t}.id_number)`;
  const fromId = `CASE WHEN ${t}.id_type = 'resident_id' AND ${id} GLOB '${'[0-9]'.repeat(17)}[0-9Xx]'
    THEN substr(${id}, 7, 4) || '-' || substr(${id}, 11, 2) || '-' || substr(${id}, 13, 2) END`;
  const birth = `coalesce(nullif(${t}.birth_date, ''), ${fromId})`;
  const age = `(CAST(substr(${on}, 1, 4) AS INTEGER) - CAST(substr(b, 1, 4) AS INTEGER) - (substr(${on}, 6) < substr(b, 6)))`;
  return `(SELECT CASE WHEN b GLOB ${DAY_GLOB} AND ${age} >= 0 THEN (${age} / 10 * 10) || '-' || (${age} / 10 * 10 + 9) END FROM (SELECT ${birth} AS b))`;
}
const HEAD: Field[] = [['uuid', 't.uuid'], ['revision', 't.revision'], ['updated_at', 'coalesce(t.revised_at, t.created_at)']];

const SOURCES: Record<RecordFile, Source> = {
  'people.ndjson': {
    from: 'persons t', ofCase: false,
    fields: [...HEAD, ...cols('name', 'phone', 'sex'), json('professions', '[]'), col('employment'), bool('active'), ...cols('joined_on', 'left_on', 'created_at')],
  },
  'cases.ndjson': {
    from: `cases t LEFT JOIN persons m ON m.id = t.lead_mediator_id LEFT JOIN local_categories lc ON lc.id = t.local_category_id`,
    ofCase: false,
    fields: [
      ...HEAD, ...cols('case_no', 'category'), ['local_category', 'lc.name'], ...cols('channel', 'referral_body', 'status', 'registered_on', 'accepted_on',
        'due_on', 'extended_due_on', 'outcome', 'concluded_on', 'closed_on', 'archived_on', 'amount_fen', 'persons_involved', 'agreement_form',
        'agreement_amount_fen', 'performance', 'jc_status', 'satisfaction'),
      bool('prevented_criminal'), col('prevented_criminal_persons'), bool('prevented_suicide'), col('prevented_suicide_persons'),
      bool('prevented_group_petition'), col('prevented_group_petition_persons'), bool('prevented_group_fight'), col('prevented_group_fight_persons'),
      ['lead_mediator_uuid', 'm.uuid'], json('failure_routes'), ...cols('external_code', 'created_at', 'summary'), json('requests', '[]'),
      ...cols('applicant_names', 'respondent_names', 'rejection_reason', 'termination_reason'),
    ],
  },
  'parties.ndjson': {
    from: 'parties t CROSS JOIN cases c ON c.id = t.case_id', ofCase: true,
    fields: [
      ...HEAD, ['case_uuid', 'c.uuid'], ...cols('position', 'role', 'kind'),
      ['pseudonym', 'tj_pseudonym(t.name, t.id_number, t.credit_code, t.birth_date)'], col('sex'),
      ['age_band', ageBandSql('t', 'c.registered_on')],
      ...cols('id_type', 'created_at', 'name', 'ethnicity', 'birth_date', 'id_number', 'phone', 'address', 'occupation', 'credit_code',
        'representative', 'representative_title'),
    ],
  },
  'sessions.ndjson': {
    from: 'case_records t CROSS JOIN cases c ON c.id = t.case_id', only: `t.kind = 'mediation'`, ofCase: true,
    fields: [
      ...HEAD, ['case_uuid', 'c.uuid'], col('held_at'),
      ['parties_present_count', `json_array_length(coalesce(nullif(t.parties_present, ''), '[]'))`],
      ['attendees_count', `json_array_length(coalesce(nullif(t.attendees, ''), '[]'))`],
      bool('private'), ...cols('created_at', 'place'), json('parties_present', '[]'), json('attendees', '[]'), ...cols('content', 'result', 'recorder'),
    ],
  },
  'agreements.ndjson': {
    from: 'agreements t CROSS JOIN cases c ON c.id = t.case_id', ofCase: true,
    fields: [
      ...HEAD, ['case_uuid', 'c.uuid'], ...cols('form', 'amount_fen', 'performance_deadline', 'effective_on', 'performance'),
      json('term_performance', '[]'), ...cols('jc_status', 'jc_applied_on', 'jc_decided_on', 'created_at', 'facts'), json('terms', '[]'),
      col('performance_method'),
    ],
  },
  'followups.ndjson': {
    from: 'followups t CROSS JOIN cases c ON c.id = t.case_id LEFT JOIN persons v ON v.id = t.visitor_person_id', ofCase: true,
    fields: [...HEAD, ['case_uuid', 'c.uuid'], col('visited_on'), ['visitor_person_uuid', 'v.uuid'], ...cols('performance', 'satisfaction', 'created_at', 'notes')],
  },
  'sweeps.ndjson': {
    from: 'sweeps t', ofCase: false, dated: 't.swept_on',
    fields: [...HEAD, ...cols('swept_on', 'found', 'prevented', 'created_at'), ['area', 't.scope'], col('note')],
  },
};

/** Cases a range touches: registered, accepted or concluded in it. */
export const CASE_IN_RANGE = (c: string) =>
  `(${c}.registered_on BETWEEN @from AND @to OR ${c}.accepted_on BETWEEN @from AND @to OR ${c}.concluded_on BETWEEN @from AND @to)`;

/** The condition and the keyset column a file's rows are read by in a window. */
function where(file: RecordFile, w: RecordWindow): { cond: string; key: 'revision' | 'id' } {
  const s = SOURCES[file];
  const only = s.only ? ` AND ${s.only}` : '';
  // One lower bound (the later of the window's start and the batch cursor), so each batch seeks to its own start.
  if (w.kind === 'since_last') return { cond: `t.revision > max(@after, @cursor) AND t.revision <= @to${only}`, key: 'revision' };
  const inRange = file === 'cases.ndjson' ? CASE_IN_RANGE('t') : s.ofCase ? CASE_IN_RANGE('c') : s.dated ? `${s.dated} BETWEEN @from AND @to` : '1';
  return { cond: `${inRange} AND t.revision <= @toRevision${only}`, key: 'id' };
}

const params = (w: RecordWindow) => (w.kind === 'since_last' ? { after: w.after, to: w.to } : { from: w.from, to: w.to, toRevision: w.toRevision });

const PERSONAL = Object.fromEntries(RECORD_FILES.map((f) => [f, new Set<string>(PERSONAL_FIELDS[f])])) as Record<RecordFile, Set<string>>;

/** The line's json_object at a level: a de-identified line leaves the personal fields out. */
const lineSql = (file: RecordFile, level: Level) =>
  `json_object(${SOURCES[file].fields.filter(([k]) => level === 'full' || !PERSONAL[file].has(k)).map(([k, sql]) => `'${k}', ${sql}`).join(', ')})`;

/** The JavaScript the lines call: the pseudonym, keyed by this committee's secret. */
function registerFunctions(db: SqlReader, secret: Buffer): void {
  db.function('tj_pseudonym', { deterministic: true }, (name, id_number, credit_code, birth_date) =>
    pseudonym(secret, { name: String(name ?? ''), id_number: id_number as string | null, credit_code: credit_code as string | null, birth_date: birth_date as string | null }));
}

/**
 * The live lines of one file in the window, a batch at a time as one NDJSON chunk (SQLite joins the batch's lines),
 * then (since the last export) its deletions.
 */
export function* recordLines(db: SqlReader, file: RecordFile, w: RecordWindow, o: RecordOptions): Generator<NdjsonChunk | Line> {
  const s = SOURCES[file];
  const { cond, key } = where(file, w);
  const batch = o.batch ?? 2000;
  registerFunctions(db, o.secret);
  const page = `SELECT ${lineSql(file, o.level)} AS line, t.${key} AS k FROM ${s.from}
    WHERE ${cond}${key === 'id' ? ' AND t.id > @cursor' : ''} ORDER BY t.${key} LIMIT ${batch}`;
  // A BLOB: the bytes go to the hash and deflate as they are, never through a JavaScript string.
  const sql = `SELECT CAST(group_concat(line, char(10) ORDER BY k) || char(10) AS BLOB) AS text, count(*) AS n, max(k) AS last FROM (${page})`;
  let cursor = 0;
  for (;;) {
    const [chunk] = db.read<{ text: Buffer | null; n: number; last: number | null }>(sql, [{ ...params(w), cursor }]);
    if (chunk.n > 0) yield new NdjsonChunk(chunk.text!, chunk.n);
    if (chunk.n < batch) break;
    cursor = chunk.last!;
  }
  if (w.kind !== 'since_last') return;
  const dsql = `SELECT uuid, revision FROM exchange_deletions WHERE file = @file AND revision > max(@after, @cursor) AND revision <= @to
    ORDER BY revision LIMIT ${batch}`;
  cursor = 0;
  for (;;) {
    const rows = db.read<{ uuid: string; revision: number }>(dsql, [{ file, after: w.after, to: w.to, cursor }]);
    for (const r of rows) yield { uuid: r.uuid, deleted: true, revision: r.revision };
    if (rows.length < batch) break;
    cursor = rows[rows.length - 1].revision;
  }
}

/** How many live lines of `file` the window holds. */
export function countLines(db: SqlReader, file: RecordFile, w: RecordWindow): number {
  const { cond } = where(file, w);
  return db.read<{ n: number }>(`SELECT count(*) AS n FROM ${SOURCES[file].from} WHERE ${cond}`, [{ ...params(w), cursor: 0 }])[0].n;
}

/** Every file's lines, as writePackage takes them (each a fresh generator when called). */
export function packageRecords(db: SqlReader, w: RecordWindow, o: RecordOptions): Record<RecordFile, () => Iterable<object>> {
  const records = {} as Record<RecordFile, () => Iterable<object>>;
  for (const f of RECORD_FILES) records[f] = () => recordLines(db, f, w, o);
  return records;
}

/**
 * The months (YYYY-MM) whose figures the package's statistics.json holds: every month a case in the window was
 * registered, accepted or concluded in, and every month of its sweeps.
 */
export function windowMonths(db: SqlReader, w: RecordWindow): string[] {
  const cases = where('cases.ndjson', w).cond;
  const sweeps = where('sweeps.ndjson', w).cond;
  // One pass over the cases (three UNIONed ones took most of a second on 100,000): their distinct month triples.
  const rows = db.read<{ r: string | null; a: string | null; c: string | null }>(
    `SELECT substr(t.registered_on, 1, 7) AS r, substr(t.accepted_on, 1, 7) AS a, substr(t.concluded_on, 1, 7) AS c FROM cases t WHERE ${cases}
     GROUP BY 1, 2, 3
     UNION ALL SELECT DISTINCT substr(t.swept_on, 1, 7), NULL, NULL FROM sweeps t WHERE ${sweeps}`,
    [{ ...params(w), cursor: 0 }],
  );
  const months = new Set(rows.flatMap((x) => [x.r, x.a, x.c]).filter((m): m is string => m !== null && /^\d{4}-\d{2}$/.test(m)));
  return [...months].sort();
}
