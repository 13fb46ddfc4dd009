import type { z } from 'zod';
import type { Level, RecordFile } from '../../../shared/domain/exchange';
import { DeletionLineSchema, PERSONAL_FIELDS, RECORD_LINE_SCHEMAS } from '../../../shared/domain/exchange-records';
import { exchangeRefusal } from '../exchange/package/refusal';
import { lineCheck, type LineCheck } from './line-check';

/** Each record file's table, and the columns statistics read from its lines (the rest of the line is `data`, as JSON, nulls left out). */
export const TABLES: Record<RecordFile, { table: string; columns: readonly string[] }> = {
  'people.ndjson': { table: 'office_people', columns: ['name', 'professions', 'employment', 'active', 'joined_on', 'left_on', 'created_at'] },
  'cases.ndjson': {
    table: 'office_cases',
    columns: [
      'category', 'channel', 'status', 'registered_on', 'accepted_on', 'due_on', 'extended_due_on', 'outcome', 'concluded_on',
      'persons_involved', 'agreement_form', 'agreement_amount_fen', 'performance', 'jc_status', 'satisfaction',
      'prevented_criminal', 'prevented_criminal_persons', 'prevented_suicide', 'prevented_suicide_persons',
      'prevented_group_petition', 'prevented_group_petition_persons', 'prevented_group_fight', 'prevented_group_fight_persons',
      'lead_mediator_uuid',
    ],
  },
  'parties.ndjson': { table: 'office_parties', columns: ['case_uuid'] },
  'sessions.ndjson': { table: 'office_sessions', columns: ['case_uuid'] },
  'agreements.ndjson': { table: 'office_agreements', columns: ['case_uuid'] },
  'followups.ndjson': { table: 'office_followups', columns: ['case_uuid'] },
  'sweeps.ndjson': { table: 'office_sweeps', columns: ['swept_on', 'found', 'prevented'] },
};

/**
 * A record line as the upsert's positional parameters (apply.ts, upsertSql): committee, uuid, revision, deleted,
 * updated_at, receipt id (RECEIPT_AT, filled in by the applier: the receipt is written in the applying transaction),
 * data, the file's columns, and for a case its committee and lead mediator again.
 */
export type Row = unknown[];
export const RECEIPT_AT = 5;
export const DELETED_AT = 3;

type Line = Record<string, unknown>;

interface LiveLine {
  schema: z.ZodType;
  /** The schema compiled to a plain check (line-check.ts): zod runs only for a line it is not sure of. */
  check: LineCheck;
  /** A checked live line as its row (liveRow). */
  row: (line: Line, committee: string) => Row;
}

const liveLines = new Map<string, LiveLine>();
const deletionCheck = lineCheck(DeletionLineSchema);

/**
 * A live line of `file` at `level` (recordLineSchema's live branch). A line is checked against the deletion schema or
 * this one by its `deleted` flag: trying the union's branches in turn costs five times as much per line.
 */
function liveLine(file: RecordFile, level: Level): LiveLine {
  const key = `${file} ${level}`;
  let live = liveLines.get(key);
  if (!live) {
    const full = RECORD_LINE_SCHEMAS[file] as z.ZodObject;
    const schema = level === 'full' ? full : full.omit(Object.fromEntries(PERSONAL_FIELDS[file].map((k) => [k, true])) as Record<string, true>);
    const known = new Set(['uuid', 'revision', 'updated_at', ...TABLES[file].columns]);
    live = { schema, check: lineCheck(schema), row: liveRow(file, Object.keys(schema.shape).filter((k) => !known.has(k))) };
    liveLines.set(key, live);
  }
  return live;
}

/** SQLite has no booleans; arrays (professions) are stored as JSON text, as the committee stores them. */
const column = (v: unknown): unknown =>
  v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : Array.isArray(v) ? JSON.stringify(v) : v;

/**
 * A live line's row, as code of its own generated from the file's field names (the schema's, never a line's), so
 * each field is read by name rather than looked up: the statistics columns, and the rest of the line as JSON in the
 * schema's order without its empty (null) fields; a field not there reads as null, and every byte left out is one less
 * encrypted and written. For a case, its committee and lead mediator again (apply.ts, upsertSql).
 */
function liveRow(file: RecordFile, extra: string[]): (line: Line, committee: string) => Row {
  const field = (k: string) => `line[${JSON.stringify(k)}]`;
  const rest = extra.map((k) => `v = ${field(k)}; if (v !== undefined && v !== null) rest[${JSON.stringify(k)}] = v;`);
  const columns = TABLES[file].columns.map((c) => `column(${field(c)})`);
  if (file === 'cases.ndjson') columns.push('committee', `${field('lead_mediator_uuid')} ?? null`);
  const make = new Function('column', `return function row(line, committee) {
    const rest = {};
    let v;
    ${rest.join('\n    ')}
    return [committee, line.uuid, line.revision, 0, line.updated_at, 0, JSON.stringify(rest), ${columns.join(', ')}];
  };`) as (c: typeof column) => (line: Line, committee: string) => Row;
  return make(column);
}

/**
 * Every line of a verified package's record file, checked against its schema at the package's level and turned into
 * the upsert's parameters. No database: this runs where the package was verified (a worker thread for a large import,
 * package-host.ts). A line that does not parse is a bad_record refusal, and the package is not applied.
 */
export function* checkedRows(fileName: string, file: RecordFile, level: Level, committee: string, lines: Iterable<unknown>): Generator<Row> {
  const live = liveLine(file, level);
  const { columns } = TABLES[file];
  const isCases = file === 'cases.ndjson';
  const isPeople = file === 'people.ndjson';
  let n = 0;
  for (const raw of lines) {
    n++;
    const isDeletion = typeof raw === 'object' && raw !== null && (raw as Line).deleted === true;
    let line = raw as Line;
    // The same rules as zod's, compiled; zod itself for a line the check is not sure of, and for the refusal's words.
    if (!(isDeletion ? deletionCheck(raw) : live.check(raw))) {
      const parsed = (isDeletion ? DeletionLineSchema : live.schema).safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const at = issue.path.length ? `字段“${issue.path.join('.')}”` : '该行';
        throw exchangeRefusal('bad_record', issue.path.length ? 'field' : 'line', `数据包“${fileName}”中 ${file} 第 ${n} 行的记录格式不正确：${at}${issue.message}。整个数据包未导入`, {
          file: fileName, name: file, line: n, field: issue.path.join('.'), error: issue.message,
        });
      }
      line = parsed.data as Line;
    }
    if (line.deleted !== true) {
      yield live.row(line, committee);
      continue;
    }
    // A deletion keeps uuid and revision only.
    const row: Row = [committee, line.uuid, line.revision, 1, null, 0, null];
    for (const c of columns) row.push(isPeople && c === 'professions' ? '[]' : isPeople && c === 'active' ? 0 : null);
    if (isCases) row.push(committee, null);
    yield row;
  }
}

/** checkedRows, all of a file at once: what a worker thread hands over for a package of ordinary size. */
export const recordRows = (fileName: string, file: RecordFile, level: Level, committee: string, lines: Iterable<unknown>): Row[] =>
  [...checkedRows(fileName, file, level, committee, lines)];
