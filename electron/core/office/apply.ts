import { RECORD_FILES, type RecordFile } from '../../../shared/domain/exchange';
import { rawHandle, type Database, type RawHandle, type RawStatement } from '../../db/data-source';
import { DELETED_AT, RECEIPT_AT, TABLES, type Row } from './rows';

export const OFFICE_RECORD_TABLES = RECORD_FILES.map((f) => TABLES[f].table);

/**
 * One upsert per record: a record seen again keeps the higher revision (EXCHANGE.md), so an older line arriving late
 * changes nothing, and the same line twice changes nothing. A deletion keeps the uuid and revision, nothing else.
 * Positional parameters, in the order of `names` (binding by name costs a lookup per value per row); a case's lead
 * mediator is looked up with two more, its committee and its lead_mediator_uuid again (rows.ts, recordRows).
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

/** A committee's cases still waiting for their lead mediator's record, linked if it is here now (office_cases_unlinked). */
export const LINK_MEDIATORS = `UPDATE office_cases SET lead_mediator_id = (SELECT p.id FROM office_people p
    WHERE p.committee_code = office_cases.committee_code AND p.uuid = office_cases.lead_mediator_uuid)
  WHERE committee_code = ? AND lead_mediator_uuid IS NOT NULL AND lead_mediator_id IS NULL`;

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

/** Writes a verified package's checked rows (rows.ts) inside the caller's transaction, under its receipt. */
export class RecordApplier {
  private readonly raw: RawHandle;
  private readonly statements = new Map<RecordFile, RawStatement>();

  constructor(db: Database, private readonly committee: string, private readonly receiptId: number) {
    this.raw = rawHandle(db);
  }

  applyRows(file: RecordFile, rows: Iterable<Row>): FileCounts {
    let stmt = this.statements.get(file);
    if (!stmt) this.statements.set(file, (stmt = this.raw.prepare(upsertSql(file))));
    const counts: FileCounts = { lines: 0, applied: 0, older: 0, deleted: 0 };
    for (const row of rows) {
      counts.lines++;
      row[RECEIPT_AT] = this.receiptId;
      const { changes } = stmt.run(row) as unknown as { changes: number };
      if (!changes) counts.older++;
      else if (row[DELETED_AT] === 1) counts.deleted++;
      else counts.applied++;
    }
    return counts;
  }

  /** Cases that name a mediator whose record came later (a later package, or after a gap) are linked now. */
  linkMediators(): void {
    this.raw.prepare(LINK_MEDIATORS).run(this.committee);
  }
}
