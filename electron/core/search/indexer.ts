import type { Database } from '../../db/data-source';
import { searchRepo, type SearchCaseRow, type SearchPartyRow } from '../../db/repositories/search-repo';
import type { Tx } from '../../db/repositories/tx';
import { searchDocument, type SearchDocument } from './text';

const toDocument = (row: SearchCaseRow, parties: SearchPartyRow[]): SearchDocument =>
  searchDocument({
    caseNo: row.case_no,
    externalCode: row.external_code,
    summary: row.summary,
    parties: parties.map((p) => ({
      kind: p.kind, name: p.name, representative: p.representative, phone: p.phone, idNumber: p.id_number, creditCode: p.credit_code,
    })),
  });

/**
 * Rebuilds one case's search row from the case and its parties, inside the caller's transaction:
 * call it after any write that changes the case number, summary, external code or parties, so the
 * index can never disagree with what was committed. A case that no longer exists loses its row.
 */
export async function indexCase(tx: Tx, caseId: number): Promise<void> {
  const source = await searchRepo.source(tx, caseId);
  await searchRepo.put(tx, caseId, source ? toDocument(source.row, source.parties) : null);
}

export interface IndexOptions {
  /** `missing` (default): only cases without a row (after a bulk insert, or after migration 0003); `all`: every case. */
  mode?: 'all' | 'missing';
  batchSize?: number;
  onProgress?: (indexed: number) => void;
}

/** Indexes many cases in batches (memory stays at one batch); returns how many rows were written. */
export const indexCases = (db: Database, opts: IndexOptions = {}): Promise<number> =>
  searchRepo.indexBatches(db, opts.mode ?? 'missing', toDocument, opts);

/** Rebuilds the whole index (after a change to how documents are built). */
export const reindexAll = (db: Database, onProgress?: (indexed: number) => void): Promise<number> =>
  indexCases(db, { mode: 'all', onProgress });
