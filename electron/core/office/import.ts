import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { RECORD_FILES, STATISTICS_FILE, type Manifest } from '../../../shared/domain/exchange';
import { rawHandle, type Database } from '../../db/data-source';
import type { OpenOptions, VerifiedPackage } from '../exchange/package/read';
import { refusalOfKey } from '../exchange/package/refusal';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { AppFailure, invalid } from '../errors';
import { RecordApplier, type Counts } from './apply';
import { LocalHost, WorkerHost, type HostedPackage, type PackageHost, type PackageRows } from './package-host';
import { checkedRows } from './rows';
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
  /** From how many bytes of package files two worker threads verify them (4 MiB; 0: always, Infinity: never). */
  workersFrom?: number;
  /** The workers could not start (their file missing from a build): this thread did their work. */
  onWorkerFallback?: (why: Error) => void;
  /** From how many lines a package streams from its spools as it is written, rather than arriving as rows (50,000). */
  streamFrom?: number;
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
  /** Where the packages were verified: this thread, two workers, or this thread because the workers could not start. */
  threads: 'one' | 'workers' | 'fallback';
}

interface Opened {
  index: number;
  name: string;
  host: PackageHost;
  pkg: HostedPackage;
}

/** What a package applies from: its checked rows, or for a large one its verified spools, read line by line here. */
type Content = { rows: PackageRows } | { local: VerifiedPackage } | { refused: AppFailure };

// From this many bytes of packages, two worker threads verify them and check their lines (below: all in this thread).
const WORKERS_FROM = 4 << 20;
const WORKER_COUNT = 2;
// Lines of one package held in memory as rows; a larger package's lines stream from its spools inside its transaction.
const STREAM_FROM = 50_000;

const sizeOf = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0; // Missing: its verification says so.
  }
};

/** Where packages are verified: two worker threads for an import of size, this thread otherwise or when they cannot start. */
async function startHosts(files: string[], open: OpenOptions, pinned: Record<string, string>, opts: ImportOptions): Promise<{ hosts: PackageHost[]; threads: ImportResult['threads'] }> {
  const bytes = files.reduce((n, f) => n + sizeOf(f), 0);
  if (files.length < 2 || bytes < (opts.workersFrom ?? WORKERS_FROM)) return { hosts: [new LocalHost(open)], threads: 'one' };
  const started = await Promise.allSettled(Array.from({ length: WORKER_COUNT }, () => WorkerHost.start(open, pinned)));
  const hosts = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (!failed) return { hosts, threads: 'workers' };
  await Promise.all(hosts.map((h) => h.dispose()));
  opts.onWorkerFallback?.(failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason)));
  return { hosts: [new LocalHost(open)], threads: 'fallback' };
}

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
    return { identities: await officeIdentities(tx), pinned: Object.fromEntries(keys.map((k) => [k.code, k.signing_public_key_pem])) };
  });
  const pinnedKey = new Map(Object.entries(pinned));
  const { hosts, threads } = await startHosts(files, { identities, pinnedKey: (code) => pinnedKey.get(code) ?? null }, pinned, opts);
  const result: ImportResult = { applied: [], refused: null, threads };
  const refuse = (name: string, e: AppFailure) => {
    result.refused = { fileName: name, refusal: refusalCode(e), message: e.message, key: e.key, params: e.params };
    return result;
  };
  try {
    const opened = await verifyAll(files, hosts, opts);
    if (opened.refused) return refuse(opened.refused.name, opened.refused.error);
    const key = (o: Opened) => [o.pkg.manifest.committee.code, o.pkg.manifest.station] as const;
    const order = opened.packages.sort((a, b) => {
      const [[ca, sa], [cb, sb]] = [key(a), key(b)];
      // The same (committee, station, sequence) twice: in the order given, the second then a repeat of the first.
      return ca < cb ? -1 : ca > cb ? 1 : sa < sb ? -1 : sa > sb ? 1 : a.pkg.manifest.sequence - b.pkg.manifest.sequence || a.index - b.index;
    });
    return await fewerCheckpoints(db, async () => {
      // The next package's lines are checked (in its worker) while this one is written.
      const content = (o: Opened): Promise<Content> => {
        const m = o.pkg.manifest;
        const lines = m.files.reduce((n, f) => n + (f.name === STATISTICS_FILE ? 0 : f.records), 0);
        const ready: Promise<Content> = lines >= (opts.streamFrom ?? STREAM_FROM)
          ? o.host.local(o.index, o.name, o.pkg).then((local) => ({ local }))
          : o.host.rows(o.index, o.name, m.level, m.committee.code).then((rows) => ({ rows }));
        // A bad line is the package's refusal only once its sequence is found in order (applyPackage), as in one thread.
        return ready.catch((e: unknown) => (e instanceof AppFailure ? { refused: e } : Promise.reject(e)));
      };
      const prefetch = (o: Opened | undefined) => {
        const p = o ? content(o) : null;
        p?.catch(() => undefined); // Awaited in its turn; a package after a refusal is never awaited.
        return p;
      };
      let next = prefetch(order[0]);
      try {
        for (const [index, o] of order.entries()) {
          opts.onProgress?.({ file: o.name, index, total: order.length, phase: 'apply' });
          const current = next!;
          next = prefetch(order[index + 1]);
          let local: VerifiedPackage | null = null;
          try {
            const c = await current;
            if ('local' in c) local = c.local;
            result.applied.push(await applyPackage(db, o, c, opts, clock));
          } catch (e) {
            if (!(e instanceof AppFailure)) throw e;
            return refuse(o.name, e);
          } finally {
            local?.close();
          }
        }
      } finally {
        // Stopped early: the package already taken over for the next turn is removed too.
        await next?.then((c) => { if ('local' in c) c.local.close(); }, () => undefined);
      }
      opts.onProgress?.({ file: '', index: order.length, total: order.length, phase: 'done' });
      return result;
    });
  } finally {
    await Promise.all(hosts.map((h) => h.dispose()));
  }
}

/**
 * Verifies every file, each host taking the next one in the given order. The first refusal in that order stops it
 * (the files before it are still verified, so it is the same refusal as one after another would find).
 */
async function verifyAll(files: string[], hosts: PackageHost[], opts: ImportOptions): Promise<{ packages: Opened[]; refused: { name: string; error: AppFailure } | null }> {
  const packages: Opened[] = [];
  const failures: { index: number; name: string; error: unknown }[] = [];
  let cursor = 0;
  await Promise.all(hosts.map(async (host) => {
    while (cursor < files.length && !failures.length) {
      const index = cursor++;
      const name = opts.names?.[index] ?? basename(files[index]);
      opts.onProgress?.({ file: name, index, total: files.length, phase: 'verify' });
      try {
        packages.push({ index, name, host, pkg: await host.open(index, files[index], name) });
      } catch (error) {
        failures.push({ index, name, error });
      }
    }
  }));
  // The first failure in the given order, as one file after another would have met it: a refusal, or an error thrown.
  const first = failures.sort((a, b) => a.index - b.index)[0];
  if (first && !(first.error instanceof AppFailure)) throw first.error;
  return { packages, refused: first ? { name: first.name, error: first.error as AppFailure } : null };
}

/** One package, one transaction: the sequence check, every record, the receipt, the station's state, the audit record. */
async function applyPackage(db: Database, o: Opened, content: Content, opts: ImportOptions, clock: Clock): Promise<AppliedPackage> {
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
    if ('refused' in content) throw content.refused;
    const reason = gap ? (opts.reason?.trim() || '操作员确认缺少的数据包已丢失，接受缺号继续导入') : null;
    const [{ id: receiptId }] = (await tx.query(
      `INSERT INTO office_receipts (committee_code, station, sequence, file_name, sha256, bytes, level, created_at, counts, statistics,
         imported_at, imported_by, accepted_gap, gap_from, gap_reason, gap_accepted_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [code, m.station, m.sequence, o.name, sha256, o.pkg.bytes, m.level, m.created_at, JSON.stringify(o.pkg.statistics ?? null),
        stamp, userId, gap ? 1 : 0, gap?.from ?? null, reason, gap ? userId : null],
    )) as { id: number }[];
    const applier = new RecordApplier(db, code, receiptId);
    const counts = {} as Counts;
    for (const file of RECORD_FILES) {
      counts[file] = applier.applyRows(file, 'rows' in content ? content.rows[file] : checkedRows(o.name, file, m.level, code, content.local.records(file)));
    }
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
