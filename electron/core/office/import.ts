import { basename } from 'node:path';
import { RECORD_FILES, type Manifest } from '../../../shared/domain/exchange';
import { rawHandle, type Database } from '../../db/data-source';
import { openPackage, type VerifiedPackage } from '../exchange/package/read';
import { refusalOfKey } from '../exchange/package/refusal';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { AppFailure, invalid } from '../errors';
import { RecordApplier, type Counts } from './apply';
import { checkSequence, type EarlierReceipt, type Gap, type StationState } from './sequence';
import { databaseMode, notOffice, officeIdentities } from './setup';

export interface ImportOptions {
  /** The operator's recorded decision to go on after a lost package (office import --accept-gap). */
  acceptGap?: boolean;
  /** Why; recorded with the gap. */
  reason?: string;
  actor?: Actor | null;
  clock?: Clock;
  /** The name each file is shown and recorded under (an upload's original name); its path's base name otherwise. */
  names?: string[];
  onProgress?: (p: { file: string; index: number; total: number; phase: 'verify' | 'apply' | 'done' }) => void;
}

export interface AppliedPackage {
  receiptId: number;
  fileName: string;
  committee: string;
  station: string;
  sequence: number;
  sha256: string;
  level: Manifest['level'];
  counts: Counts;
  gap: Gap | null;
}

export interface ImportResult {
  applied: AppliedPackage[];
  /** The first refusal, which stopped the import; the packages before it stay applied. */
  refused: { fileName: string; refusal: string; message: string; key: string; params?: Record<string, string | number> } | null;
}

interface Opened { file: string; name: string; pkg: VerifiedPackage; closed?: boolean }

/** Removes the package's temp spool, once. */
const release = (o: Opened) => {
  if (!o.closed) o.pkg.close();
  o.closed = true;
};

// While packages apply, the WAL is copied into the database file every ~100 MB instead of every 4 MB (SQLite's
// default): each package rewrites many of the same index pages, and every copy decrypts and re-encrypts each page.
const IMPORT_CHECKPOINT_PAGES = 25_000;

/** Checkpoints less often while `work` runs; then SQLite's setting again, and the WAL copied back and truncated. */
async function fewerCheckpoints<T>(db: Database, work: () => Promise<T>): Promise<T> {
  const raw = rawHandle(db);
  const [{ wal_autocheckpoint: before }] = raw.prepare('PRAGMA wal_autocheckpoint').all() as { wal_autocheckpoint: number }[];
  raw.prepare(`PRAGMA wal_autocheckpoint = ${Math.max(before, IMPORT_CHECKPOINT_PAGES)}`).all();
  try {
    return await work();
  } finally {
    raw.prepare(`PRAGMA wal_autocheckpoint = ${before}`).all();
    try {
      raw.prepare('PRAGMA wal_checkpoint(TRUNCATE)').all();
    } catch {
      // Another statement holds the file (a request in between): the next commit past the threshold checkpoints instead.
    }
  }
}

const refusalCode = (e: AppFailure) => refusalOfKey(e.key) ?? e.code;

/**
 * Verifies and applies packages (EXCHANGE.md, "What the office's import refuses"). Every file is opened and verified
 * first (addressed to this office, intact, signed by the pinned key); then they apply in (committee, station, sequence)
 * order, each in one transaction with its sequence check, its records, its receipt and the station's new state. The
 * first refusal stops the import: the packages before it stay applied, nothing of the refused one is written. A file that
 * fails verification has no place in the order, so it stops the import before anything is applied.
 */
export async function importPackages(db: Database, files: string[], opts: ImportOptions = {}): Promise<ImportResult> {
  if (opts.acceptGap && opts.reason !== undefined && opts.reason.length > 500) {
    throw invalid([{ path: 'reason', key: 'validation.office.reason', message: '接受缺号的原因最多 500 个字', params: { max: 500 } }]);
  }
  const clock = opts.clock ?? (() => new Date());
  const { identities, pinned } = await db.transaction(async (tx) => {
    if ((await databaseMode(tx)) !== 'office') throw notOffice();
    const keys = (await tx.query(`SELECT code, signing_public_key_pem FROM office_committees`)) as { code: string; signing_public_key_pem: string }[];
    return { identities: await officeIdentities(tx), pinned: new Map(keys.map((k) => [k.code, k.signing_public_key_pem])) };
  });
  const opened: Opened[] = [];
  const result: ImportResult = { applied: [], refused: null };
  try {
    for (const [index, file] of files.entries()) {
      const name = opts.names?.[index] ?? basename(file);
      opts.onProgress?.({ file: name, index, total: files.length, phase: 'verify' });
      try {
        opened.push({ file, name, pkg: await openPackage(file, { identities, pinnedKey: (code) => pinned.get(code) ?? null }) });
      } catch (e) {
        if (!(e instanceof AppFailure)) throw e;
        result.refused = { fileName: name, refusal: refusalCode(e), message: e.message, key: e.key, params: e.params };
        return result;
      }
    }
    const key = (o: Opened) => [o.pkg.manifest.committee.code, o.pkg.manifest.station] as const;
    opened.sort((a, b) => {
      const [[ca, sa], [cb, sb]] = [key(a), key(b)];
      return ca < cb ? -1 : ca > cb ? 1 : sa < sb ? -1 : sa > sb ? 1 : a.pkg.manifest.sequence - b.pkg.manifest.sequence;
    });
    return await fewerCheckpoints(db, async () => {
      for (const [index, o] of opened.entries()) {
        opts.onProgress?.({ file: o.name, index, total: opened.length, phase: 'apply' });
        try {
          result.applied.push(await applyPackage(db, o, opts, clock));
        } catch (e) {
          if (!(e instanceof AppFailure)) throw e;
          result.refused = { fileName: o.name, refusal: refusalCode(e), message: e.message, key: e.key, params: e.params };
          return result;
        } finally {
          release(o);
        }
      }
      opts.onProgress?.({ file: '', index: opened.length, total: opened.length, phase: 'done' });
      return result;
    });
  } finally {
    for (const o of opened) release(o);
  }
}

/** One package, one transaction: the sequence check, every record, the receipt, the station's state, the audit record. */
async function applyPackage(db: Database, o: Opened, opts: ImportOptions, clock: Clock): Promise<AppliedPackage> {
  const { manifest: m, sha256 } = o.pkg;
  const code = m.committee.code;
  const at = clock();
  const stamp = at.toISOString();
  const userId = opts.actor?.userId ?? null;
  return db.transaction(async (tx) => {
    const [earlier] = (await tx.query(
      `SELECT file_name, sequence, imported_at FROM office_receipts WHERE sha256 = ?
       UNION ALL SELECT file_name, sequence, imported_at FROM office_receipts WHERE committee_code = ? AND station = ? AND sequence = ?
       LIMIT 1`, [sha256, code, m.station, m.sequence],
    )) as EarlierReceipt[];
    const [state] = (await tx.query(
      `SELECT last_sequence, last_sha256, last_imported_at FROM office_stations WHERE committee_code = ? AND station = ?`, [code, m.station],
    )) as StationState[];
    const gap = checkSequence(o.name, m, state ?? null, earlier ?? null, Boolean(opts.acceptGap));
    const reason = gap ? (opts.reason?.trim() || '操作员确认缺少的数据包已丢失，接受缺号继续导入') : null;
    const [{ id: receiptId }] = (await tx.query(
      `INSERT INTO office_receipts (committee_code, station, sequence, file_name, sha256, bytes, level, created_at, counts, statistics,
         imported_at, imported_by, accepted_gap, gap_from, gap_reason, gap_accepted_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [code, m.station, m.sequence, o.name, sha256, o.pkg.bytes, m.level, m.created_at, JSON.stringify(o.pkg.statistics() ?? null),
        stamp, userId, gap ? 1 : 0, gap?.from ?? null, reason, gap ? userId : null],
    )) as { id: number }[];
    const applier = new RecordApplier(db, code, receiptId);
    const counts = {} as Counts;
    for (const file of RECORD_FILES) counts[file] = applier.applyFile(o.name, file, m.level, o.pkg.records(file));
    applier.linkMediators();
    await tx.query(`UPDATE office_receipts SET counts = ? WHERE id = ?`, [JSON.stringify(counts), receiptId]);
    await tx.query(
      `INSERT INTO office_stations (committee_code, station, last_sequence, last_sha256, last_created_at, last_imported_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (committee_code, station) DO UPDATE SET last_sequence = excluded.last_sequence, last_sha256 = excluded.last_sha256,
         last_created_at = excluded.last_created_at, last_imported_at = excluded.last_imported_at`,
      [code, m.station, m.sequence, sha256, m.created_at, stamp],
    );
    // The committee's name as it now calls itself; its key stays the pinned one.
    await tx.query(`UPDATE office_committees SET name = ? WHERE code = ?`, [m.committee.name, code]);
    const summary = Object.fromEntries(RECORD_FILES.map((f) => [f, counts[f].lines]));
    await recordAudit(tx, {
      at, userId, action: gap ? 'office.import.acceptGap' : 'office.import', entity: 'office_receipt', entityId: receiptId,
      after: { file: o.name, sha256, committee: code, station: m.station, sequence: m.sequence, level: m.level, records: summary, ...(gap ? { gap, reason } : {}) },
    });
    return { receiptId, fileName: o.name, committee: code, station: m.station, sequence: m.sequence, sha256, level: m.level, counts, gap };
  });
}
