import { RECORD_FILES, type Level, type RecordFile } from '../../../shared/domain/exchange';
import type { z } from 'zod';
import { DeletionLineSchema, PERSONAL_FIELDS, RECORD_LINE_SCHEMAS } from '../../../shared/domain/exchange-records';
import { rawHandle, type Database, type RawHandle, type RawStatement } from '../../db/data-source';
import { exchangeRefusal } from '../exchange/package/refusal';

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
 */
function upsertSql(file: RecordFile): string {
  const { table, columns } = TABLES[file];
  const names = ['committee_code', 'uuid', 'revision', 'deleted', 'updated_at', 'receipt_id', 'data', ...columns];
  const values = names.map((c) => `@${c}`);
  if (file === 'cases.ndjson') {
    names.push('lead_mediator_id');
    values.push(`(SELECT id FROM office_people WHERE committee_code = @committee_code AND uuid = @lead_mediator_uuid)`);
  }
  const set = names.filter((c) => c !== 'committee_code' && c !== 'uuid').map((c) => `${c} = excluded.${c}`).join(', ');
  return `INSERT INTO ${table} (${names.join(', ')}) VALUES (${values.join(', ')})
    ON CONFLICT (committee_code, uuid) DO UPDATE SET ${set} WHERE excluded.revision > ${table}.revision`;
}

type Line = Record<string, unknown>;

/**
 * A live line of `file` at `level` (recordLineSchema's live branch). A line is checked against the deletion schema or
 * this one by its `deleted` flag: trying the union's branches in turn costs five times as much per line.
 */
function liveLineSchema(file: RecordFile, level: Level): z.ZodType {
  const schema = RECORD_LINE_SCHEMAS[file] as z.ZodObject;
  return level === 'full' ? schema : schema.omit(Object.fromEntries(PERSONAL_FIELDS[file].map((k) => [k, true])) as Record<string, true>);
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

  async applyFile(fileName: string, file: RecordFile, level: Level, lines: AsyncIterable<unknown>): Promise<FileCounts> {
    const live = liveLineSchema(file, level);
    const { columns } = TABLES[file];
    const known = new Set(['uuid', 'revision', 'updated_at', ...columns]);
    let stmt = this.statements.get(file);
    if (!stmt) this.statements.set(file, (stmt = this.raw.prepare(upsertSql(file))));
    const counts: FileCounts = { lines: 0, applied: 0, older: 0, deleted: 0 };
    for await (const raw of lines) {
      counts.lines++;
      const isDeletion = typeof raw === 'object' && raw !== null && (raw as Line).deleted === true;
      const parsed = (isDeletion ? DeletionLineSchema : live).safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const at = issue.path.length ? `字段“${issue.path.join('.')}”` : '该行';
        throw exchangeRefusal('bad_record', `数据包“${fileName}”中 ${file} 第 ${counts.lines} 行的记录格式不正确：${at}${issue.message}。整个数据包未导入`);
      }
      const line = parsed.data as Line;
      const deleted = line.deleted === true;
      const params: Record<string, unknown> = {
        committee_code: this.committee, uuid: line.uuid, revision: line.revision, deleted: deleted ? 1 : 0,
        updated_at: deleted ? null : line.updated_at, receipt_id: this.receiptId, data: null,
      };
      if (!deleted) {
        // The columns statistics read are real columns; the rest of the line is kept as JSON beside them.
        const rest: Line = {};
        for (const k in line) if (!known.has(k)) rest[k] = line[k];
        params.data = JSON.stringify(rest);
      }
      for (const c of columns) params[c] = deleted ? null : column(line[c]);
      if (deleted && file === 'people.ndjson') Object.assign(params, { professions: '[]', active: 0 });
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
