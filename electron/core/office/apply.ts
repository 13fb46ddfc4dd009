import { RECORD_FILES, type Level, type RecordFile } from '../../../shared/domain/exchange';
import type { z } from 'zod';
import { DeletionLineSchema, PERSONAL_FIELDS, RECORD_LINE_SCHEMAS } from '../../../shared/domain/exchange-records';
import { rawHandle, type Database, type RawHandle, type RawStatement } from '../../db/data-source';
import { exchangeRefusal } from '../exchange/package/refusal';
import { lineCheck, type LineCheck } from './line-check';

/** Each record file's table, and the columns statistics read from its lines (the rest of the line is `data`, as JSON). */
const TABLES: Record<RecordFile, { table: string; columns: readonly string[] }> = {
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

export const OFFICE_RECORD_TABLES = RECORD_FILES.map((f) => TABLES[f].table);

/**
 * One upsert per record: a record seen again keeps the higher revision (EXCHANGE.md), so an older line arriving late
 * changes nothing, and the same line twice changes nothing. A deletion keeps the uuid and revision, nothing else.
 * Positional parameters, in the order of `names` (binding by name costs a lookup per value per row); a case's lead
 * mediator is looked up with two more, its committee and its lead_mediator_uuid again.
 */
function upsertSql(file: RecordFile): string {
  const { table, columns } = TABLES[file];
  const names = ['committee_code', 'uuid', 'revision', 'deleted', 'updated_at', 'receipt_id', 'data', ...columns];
  const values = names.map(() => '?');
  if (file === 'cases.ndjson') {
    names.push('lead_mediator_id');
    values.push(`(SELECT id FROM office_people WHERE committee_code = ? AND uuid = ?)`);
  }
  const set = names.filter((c) => c !== 'committee_code' && c !== 'uuid').map((c) => `${c} = excluded.${c}`).join(', ');
  return `INSERT INTO ${table} (${names.join(', ')}) VALUES (${values.join(', ')})
    ON CONFLICT (committee_code, uuid) DO UPDATE SET ${set} WHERE excluded.revision > ${table}.revision`;
}

type Line = Record<string, unknown>;

interface LiveLine {
  schema: z.ZodType;
  /** The schema compiled to a plain check (line-check.ts): zod runs only for a line it is not sure of. */
  check: LineCheck;
  /** The fields kept in `data`, in the schema's order (the order zod gives them back in). */
  extra: string[];
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
    live = { schema, check: lineCheck(schema), extra: Object.keys(schema.shape).filter((k) => !known.has(k)) };
    liveLines.set(key, live);
  }
  return live;
}

/** SQLite has no booleans; arrays (professions) are stored as JSON text, as the committee stores them. */
const column = (v: unknown): unknown =>
  v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : Array.isArray(v) ? JSON.stringify(v) : v;

export interface FileCounts {
  /** Lines in the file. */
  lines: number;
  /** Lines written: new records, newer revisions, deletions. */
  applied: number;
  /** Lines whose record the office already holds at the same or a higher revision. */
  older: number;
  deleted: number;
}

export type Counts = Record<RecordFile, FileCounts>;

/**
 * Applies every record of a verified package inside the caller's transaction, validating each line against its file's
 * schema at the package's level; a line that does not parse is a bad_record refusal and the caller rolls back.
 */
export class RecordApplier {
  private readonly raw: RawHandle;
  private readonly statements = new Map<RecordFile, RawStatement>();

  constructor(db: Database, private readonly committee: string, private readonly receiptId: number) {
    this.raw = rawHandle(db);
  }

  applyFile(fileName: string, file: RecordFile, level: Level, lines: Iterable<unknown>): FileCounts {
    const live = liveLine(file, level);
    const { columns } = TABLES[file];
    const isCases = file === 'cases.ndjson';
    const isPeople = file === 'people.ndjson';
    let stmt = this.statements.get(file);
    if (!stmt) this.statements.set(file, (stmt = this.raw.prepare(upsertSql(file))));
    const counts: FileCounts = { lines: 0, applied: 0, older: 0, deleted: 0 };
    const params: unknown[] = [];
    for (const raw of lines) {
      counts.lines++;
      const isDeletion = typeof raw === 'object' && raw !== null && (raw as Line).deleted === true;
      let line = raw as Line;
      // The same rules as zod's, compiled; zod itself for a line the check is not sure of, and for the refusal's words.
      if (!(isDeletion ? deletionCheck(raw) : live.check(raw))) {
        const parsed = (isDeletion ? DeletionLineSchema : live.schema).safeParse(raw);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const at = issue.path.length ? `字段“${issue.path.join('.')}”` : '该行';
          throw exchangeRefusal('bad_record', issue.path.length ? 'field' : 'line', `数据包“${fileName}”中 ${file} 第 ${counts.lines} 行的记录格式不正确：${at}${issue.message}。整个数据包未导入`, {
            file: fileName, name: file, line: counts.lines, field: issue.path.join('.'), error: issue.message,
          });
        }
        line = parsed.data as Line;
      }
      const deleted = line.deleted === true;
      params.length = 0;
      params.push(this.committee, line.uuid, line.revision, deleted ? 1 : 0, deleted ? null : line.updated_at, this.receiptId);
      if (deleted) {
        params.push(null);
        for (const c of columns) params.push(isPeople && c === 'professions' ? '[]' : isPeople && c === 'active' ? 0 : null);
      } else {
        // The columns statistics read are real columns; the rest of the line is kept as JSON beside them.
        const rest: Line = {};
        for (const k of live.extra) if (line[k] !== undefined) rest[k] = line[k];
        params.push(JSON.stringify(rest));
        for (const c of columns) params.push(column(line[c]));
      }
      if (isCases) params.push(this.committee, deleted ? null : line.lead_mediator_uuid ?? null);
      const { changes } = stmt.run(params) as unknown as { changes: number };
      if (!changes) counts.older++;
      else if (deleted) counts.deleted++;
      else counts.applied++;
    }
    return counts;
  }

  /** Cases that name a mediator whose record came later (a later package, or after a gap) are linked now. */
  linkMediators(): void {
    this.raw.prepare(
      `UPDATE office_cases SET lead_mediator_id = (SELECT p.id FROM office_people p WHERE p.committee_code = office_cases.committee_code
         AND p.uuid = office_cases.lead_mediator_uuid)
       WHERE committee_code = ? AND lead_mediator_uuid IS NOT NULL AND lead_mediator_id IS NULL`,
    ).run(this.committee);
  }
}
