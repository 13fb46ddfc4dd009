import type { OfficeStatus, Receipt } from '../../../shared/domain/office';
import type { Level } from '../../../shared/domain/exchange';
import type { Database } from '../../db/data-source';
import { databaseMode, notOffice, officeInfo } from './setup';

interface ReceiptRow {
  id: number; committee_code: string; station: string; sequence: number; file_name: string; sha256: string; level: string;
  created_at: string; imported_at: string; imported_by_name: string | null; counts: string;
  accepted_gap: number; gap_from: number | null; gap_reason: string | null;
}

const toReceipt = (r: ReceiptRow): Receipt => {
  const counts = JSON.parse(r.counts) as Record<string, { lines: number }>;
  return {
    id: r.id, committee: r.committee_code, station: r.station, sequence: r.sequence, fileName: r.file_name, sha256: r.sha256,
    level: r.level as Level, createdAt: r.created_at, importedAt: r.imported_at, importedBy: r.imported_by_name,
    records: Object.fromEntries(Object.entries(counts).map(([f, c]) => [f, c.lines])),
    gap: r.accepted_gap ? { from: r.gap_from ?? 0, to: r.sequence - 1, reason: r.gap_reason } : null,
  };
};

/**
 * What the office holds: its keys, every pinned committee with its fingerprint, each station's last sequence and the
 * gaps accepted on it, when the last package came, and the latest receipts.
 */
export async function officeStatus(db: Database, opts: { receipts?: number } = {}): Promise<OfficeStatus> {
  return db.transaction(async (tx) => {
    if ((await databaseMode(tx)) !== 'office') throw notOffice();
    const info = await officeInfo(tx);
    const committees = (await tx.query(
      `SELECT c.code, c.name, c.fingerprint, c.registered_at,
         (SELECT max(imported_at) FROM office_receipts r WHERE r.committee_code = c.code) AS last_imported_at,
         (SELECT count(*) FROM office_receipts r WHERE r.committee_code = c.code) AS packages,
         (SELECT count(*) FROM office_cases k WHERE k.committee_code = c.code AND k.deleted = 0) AS cases
       FROM office_committees c ORDER BY c.code`,
    )) as { code: string; name: string; fingerprint: string; registered_at: string; last_imported_at: string | null; packages: number; cases: number }[];
    const stations = (await tx.query(`SELECT * FROM office_stations ORDER BY committee_code, last_imported_at`)) as {
      committee_code: string; station: string; last_sequence: number; last_sha256: string; last_created_at: string; last_imported_at: string;
    }[];
    const gaps = (await tx.query(
      `SELECT committee_code, station, gap_from, sequence, gap_reason, imported_at FROM office_receipts WHERE accepted_gap = 1 ORDER BY id`,
    )) as { committee_code: string; station: string; gap_from: number; sequence: number; gap_reason: string | null; imported_at: string }[];
    const receipts = (await tx.query(
      `SELECT r.*, u.display_name AS imported_by_name FROM office_receipts r LEFT JOIN users u ON u.id = r.imported_by
       ORDER BY r.id DESC LIMIT ?`, [opts.receipts ?? 50],
    )) as ReceiptRow[];
    return {
      name: info.name,
      keys: info.keys,
      committees: committees.map((c) => ({
        code: c.code, name: c.name, fingerprint: c.fingerprint, registeredAt: c.registered_at, lastImportedAt: c.last_imported_at,
        packages: c.packages, cases: c.cases,
        stations: stations.filter((s) => s.committee_code === c.code).map((s) => ({
          station: s.station, lastSequence: s.last_sequence, lastSha256: s.last_sha256, lastCreatedAt: s.last_created_at, lastImportedAt: s.last_imported_at,
          gaps: gaps.filter((g) => g.committee_code === c.code && g.station === s.station)
            .map((g) => ({ from: g.gap_from, to: g.sequence - 1, reason: g.gap_reason, acceptedAt: g.imported_at })),
        })),
      })),
      receipts: receipts.map(toReceipt),
    };
  });
}
