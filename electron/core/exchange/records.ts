import { PERSONAL_FIELDS } from '../../../shared/domain/exchange-records';
import { RECORD_FILES, type Level, type RecordFile } from '../../../shared/domain/exchange';
import type { Database } from '../../db/data-source';
import { ageBand, birthDateOf, pseudonym } from './deidentify';

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

type Row = Record<string, unknown>;
type Line = Record<string, unknown>;

interface Source {
  /** FROM and JOINs; the exported table is `t`, its case (when it has one) `c`. */
  from: string;
  select: string;
  /** Extra condition on `t` (the mediation records of case_records). */
  only?: string;
  /** A record belonging to a case: in a range, present when its case is. */
  ofCase: boolean;
  /** Sweeps are in a range by their own date. */
  dated?: string;
  line(r: Row, o: RecordOptions): Line;
}

const json = <T>(s: unknown, fallback: T): T => (typeof s === 'string' && s !== '' ? JSON.parse(s) as T : fallback);
const bool = (v: unknown) => v === 1 || v === true;
// Each line is one object literal, its uuid, revision and updated_at (revised_at) first: no spread, which V8 makes
// an order of magnitude slower on literals this size.

const SOURCES: Record<RecordFile, Source> = {
  'people.ndjson': {
    from: 'persons t', select: 't.*', ofCase: false,
    line: (r) => ({
      uuid: r.uuid, revision: r.revision, updated_at: r.revised_at ?? r.created_at, name: r.name, phone: r.phone, sex: r.sex ?? null, professions: json(r.professions, []), employment: r.employment ?? null,
      active: bool(r.active), joined_on: r.joined_on ?? null, left_on: r.left_on ?? null, created_at: r.created_at,
    }),
  },
  'cases.ndjson': {
    from: `cases t LEFT JOIN persons m ON m.id = t.lead_mediator_id LEFT JOIN local_categories lc ON lc.id = t.local_category_id`,
    select: 't.*, m.uuid AS lead_mediator_uuid, lc.name AS local_category_name', ofCase: false,
    line: (r) => ({
      uuid: r.uuid, revision: r.revision, updated_at: r.revised_at ?? r.created_at, case_no: r.case_no, category: r.category, local_category: r.local_category_name ?? null, channel: r.channel,
      referral_body: r.referral_body ?? null, status: r.status, registered_on: r.registered_on, accepted_on: r.accepted_on ?? null,
      due_on: r.due_on ?? null, extended_due_on: r.extended_due_on ?? null, outcome: r.outcome ?? null, concluded_on: r.concluded_on ?? null,
      closed_on: r.closed_on ?? null, archived_on: r.archived_on ?? null, amount_fen: r.amount_fen ?? null,
      persons_involved: r.persons_involved, agreement_form: r.agreement_form ?? null, agreement_amount_fen: r.agreement_amount_fen ?? null,
      performance: r.performance ?? null, jc_status: r.jc_status, satisfaction: r.satisfaction ?? null,
      prevented_criminal: bool(r.prevented_criminal), prevented_criminal_persons: r.prevented_criminal_persons,
      prevented_suicide: bool(r.prevented_suicide), prevented_suicide_persons: r.prevented_suicide_persons,
      prevented_group_petition: bool(r.prevented_group_petition), prevented_group_petition_persons: r.prevented_group_petition_persons,
      prevented_group_fight: bool(r.prevented_group_fight), prevented_group_fight_persons: r.prevented_group_fight_persons,
      lead_mediator_uuid: r.lead_mediator_uuid ?? null, failure_routes: json(r.failure_routes, null), external_code: r.external_code ?? null,
      created_at: r.created_at,
      summary: r.summary, requests: json(r.requests, []), applicant_names: r.applicant_names, respondent_names: r.respondent_names,
      rejection_reason: r.rejection_reason ?? null, termination_reason: r.termination_reason ?? null,
    }),
  },
  'parties.ndjson': {
    from: 'parties t JOIN cases c ON c.id = t.case_id', select: 't.*, c.uuid AS case_uuid, c.registered_on AS case_registered_on', ofCase: true,
    line: (r, o) => ({
      uuid: r.uuid, revision: r.revision, updated_at: r.revised_at ?? r.created_at, case_uuid: r.case_uuid, position: r.position, role: r.role, kind: r.kind,
      pseudonym: pseudonym(o.secret, r as never),
      sex: r.sex ?? null,
      age_band: ageBand(birthDateOf(r.birth_date as string | null, r.id_type as string, r.id_number as string | null), r.case_registered_on as string),
      id_type: r.id_type, created_at: r.created_at,
      name: r.name, ethnicity: r.ethnicity ?? null, birth_date: r.birth_date ?? null, id_number: r.id_number ?? null, phone: r.phone ?? null,
      address: r.address ?? null, occupation: r.occupation ?? null, credit_code: r.credit_code ?? null, representative: r.representative ?? null,
      representative_title: r.representative_title ?? null,
    }),
  },
  'sessions.ndjson': {
    from: 'case_records t JOIN cases c ON c.id = t.case_id', select: 't.*, c.uuid AS case_uuid', only: `t.kind = 'mediation'`, ofCase: true,
    line: (r) => {
      const present = json<string[]>(r.parties_present, []);
      const attendees = json<string[]>(r.attendees, []);
      return {
        uuid: r.uuid, revision: r.revision, updated_at: r.revised_at ?? r.created_at, case_uuid: r.case_uuid, held_at: r.held_at, parties_present_count: present.length, attendees_count: attendees.length,
        private: bool(r.private), created_at: r.created_at,
        place: r.place ?? null, parties_present: present, attendees, content: r.content, result: r.result ?? null, recorder: r.recorder ?? null,
      };
    },
  },
  'agreements.ndjson': {
    from: 'agreements t JOIN cases c ON c.id = t.case_id', select: 't.*, c.uuid AS case_uuid', ofCase: true,
    line: (r) => ({
      uuid: r.uuid, revision: r.revision, updated_at: r.revised_at ?? r.created_at, case_uuid: r.case_uuid, form: r.form, amount_fen: r.amount_fen ?? null, performance_deadline: r.performance_deadline ?? null,
      effective_on: r.effective_on, performance: r.performance, term_performance: json(r.term_performance, []), jc_status: r.jc_status,
      jc_applied_on: r.jc_applied_on ?? null, jc_decided_on: r.jc_decided_on ?? null, created_at: r.created_at,
      facts: r.facts ?? null, terms: json(r.terms, []), performance_method: r.performance_method ?? null,
    }),
  },
  'followups.ndjson': {
    from: 'followups t JOIN cases c ON c.id = t.case_id LEFT JOIN persons v ON v.id = t.visitor_person_id',
    select: 't.*, c.uuid AS case_uuid, v.uuid AS visitor_uuid', ofCase: true,
    line: (r) => ({
      uuid: r.uuid, revision: r.revision, updated_at: r.revised_at ?? r.created_at, case_uuid: r.case_uuid, visited_on: r.visited_on, visitor_person_uuid: r.visitor_uuid ?? null,
      performance: r.performance ?? null, satisfaction: r.satisfaction ?? null, created_at: r.created_at, notes: r.notes ?? null,
    }),
  },
  'sweeps.ndjson': {
    from: 'sweeps t', select: 't.*', ofCase: false, dated: 't.swept_on',
    line: (r) => ({ uuid: r.uuid, revision: r.revision, updated_at: r.revised_at ?? r.created_at, swept_on: r.swept_on, found: r.found, prevented: r.prevented, created_at: r.created_at, area: r.scope, note: r.note ?? null }),
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

/** The line without what a de-identified line must not carry (copied: `delete` would slow every later access). */
function atLevel(file: RecordFile, line: Line, level: Level): Line {
  if (level === 'full') return line;
  const out: Line = {};
  for (const k in line) if (!PERSONAL[file].has(k)) out[k] = line[k];
  return out;
}

/** The live lines of one file in the window, then (since the last export) its deletions. */
export function* recordLines(db: Database, file: RecordFile, w: RecordWindow, o: RecordOptions): Generator<Line> {
  const s = SOURCES[file];
  const { cond, key } = where(file, w);
  const batch = o.batch ?? 2000;
  const sql = `SELECT ${s.select} FROM ${s.from} WHERE ${cond}${key === 'id' ? ' AND t.id > @cursor' : ''} ORDER BY t.${key} LIMIT ${batch}`;
  let cursor = 0;
  for (;;) {
    const rows = db.read<Row>(sql, [{ ...params(w), cursor }]);
    for (const r of rows) yield atLevel(file, s.line(r, o), o.level);
    if (rows.length < batch) break;
    cursor = rows[rows.length - 1][key] as number;
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

/** Every file's lines, as writePackage takes them (each a fresh generator when called). */
export function packageRecords(db: Database, w: RecordWindow, o: RecordOptions): Record<RecordFile, () => Iterable<object>> {
  const records = {} as Record<RecordFile, () => Iterable<object>>;
  for (const f of RECORD_FILES) records[f] = () => recordLines(db, f, w, o);
  return records;
}

/**
 * The months (YYYY-MM) whose figures the package's statistics.json holds: every month a case in the window was
 * registered, accepted or concluded in, and every month of its sweeps.
 */
export function windowMonths(db: Database, w: RecordWindow): string[] {
  const cases = where('cases.ndjson', w).cond;
  const sweeps = where('sweeps.ndjson', w).cond;
  const rows = db.read<{ m: string }>(
    `SELECT substr(t.registered_on, 1, 7) AS m FROM cases t WHERE ${cases}
     UNION SELECT substr(t.accepted_on, 1, 7) FROM cases t WHERE ${cases} AND t.accepted_on IS NOT NULL
     UNION SELECT substr(t.concluded_on, 1, 7) FROM cases t WHERE ${cases} AND t.concluded_on IS NOT NULL
     UNION SELECT substr(t.swept_on, 1, 7) FROM sweeps t WHERE ${sweeps}
     ORDER BY 1`,
    [{ ...params(w), cursor: 0 }],
  );
  return rows.map((r) => r.m).filter((m) => /^\d{4}-\d{2}$/.test(m));
}
