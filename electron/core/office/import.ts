import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { RECORD_FILES, type Manifest } from '../../../shared/domain/exchange';
import { rawHandle, type Database } from '../../db/data-source';
import type { Tx } from '../../db/repositories/tx';
import { readManifest, type OpenOptions } from '../exchange/package/read';
import { exchangeRefusal, refusalOfKey } from '../exchange/package/refusal';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { AppFailure, invalid } from '../errors';
import { RecordApplier, type Counts } from './apply';
import { linesOf, LocalHost, WorkerHost, type PackageHost, type Prepared } from './package-host';
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
  /** Where the packages were verified: this thread, worker threads, or this thread because the workers could not start. */
  threads: 'one' | 'workers' | 'fallback';
}

// From this many bytes of packages, worker threads verify them and check their lines (below: all in this thread).
const WORKERS_FROM = 4 << 20;
// One core stays with this thread, which writes every package: two workers on four cores or more, one on two.
const workerCount = () => Math.max(1, Math.min(2, availableParallelism() - 1));
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
  const started = await Promise.allSettled(Array.from({ length: workerCount() }, () => WorkerHost.start(open, pinned)));
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
 * Verifies and applies packages (EXCHANGE.md, "What the office's import refuses"). First every file's signed manifest
 * is read (readManifest: addressed to this office, a known format, signed by the pinned key); a file that fails this has
 * no place in the order, so it stops the import before anything is applied. Then the packages apply in (committee,
 * station, sequence) order, each in one transaction with its sequence check, its records, its receipt and the station's
 * new state, while the hosts verify the whole of the next ones (every file's hash) and check their lines. The first
 * refusal stops the import: the packages before it stay applied, nothing of the refused one is written.
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
  const open: OpenOptions = { identities, pinnedKey: (code) => pinnedKey.get(code) ?? null };
  // The workers start while this thread reads the manifests.
  const starting = startHosts(files, open, pinned, opts);
  starting.catch(() => undefined); // Awaited below, after the manifests: a failure to start is not unhandled meanwhile.
  const disposeAll = (hosts: PackageHost[]) => Promise.all(hosts.map((h) => h.dispose()));
  let read: Awaited<ReturnType<typeof readManifests>>;
  try {
    read = await readManifests(files, open, opts);
  } catch (e) {
    await starting.then(({ hosts }) => disposeAll(hosts), () => undefined);
    throw e;
  }
  const { hosts, threads } = await starting;
  const result: ImportResult = { applied: [], refused: null, threads };
  const refuse = (name: string, e: AppFailure) => {
    result.refused = { fileName: name, refusal: refusalCode(e), message: e.message, key: e.key, params: e.params };
    return result;
  };
  try {
    if ('refused' in read) return refuse(read.refused.name, read.refused.error);
    const order = read.packages.sort((a, b) => {
      const [ma, mb] = [a.manifest, b.manifest];
      const [ca, sa, cb, sb] = [ma.committee.code, ma.station, mb.committee.code, mb.station];
      // The same (committee, station, sequence) twice: in the order given, the second then a repeat of the first.
      return ca < cb ? -1 : ca > cb ? 1 : sa < sb ? -1 : sa > sb ? 1 : ma.sequence - mb.sequence || a.index - b.index;
    });
    return await fewerCheckpoints(db, () => applyInOrder(db, order, hosts, opts, clock, result, refuse));
  } finally {
    await disposeAll(hosts);
  }
}

/** A file whose manifest verified, at its place in the given order. */
interface Listed {
  index: number;
  name: string;
  file: string;
  manifest: Manifest;
}

/** Every file's signed manifest, in the given order; the first refusal stops it (readManifest's checks). */
async function readManifests(files: string[], open: OpenOptions, opts: ImportOptions): Promise<{ packages: Listed[] } | { refused: { name: string; error: AppFailure } }> {
  const packages: Listed[] = [];
  for (const [index, file] of files.entries()) {
    const name = opts.names?.[index] ?? basename(file);
    opts.onProgress?.({ file: name, index, total: files.length, phase: 'verify' });
    try {
      packages.push({ index, name, file, manifest: await readManifest(file, open, name) });
    } catch (error) {
      if (error instanceof AppFailure) return { refused: { name, error } };
      throw error;
    }
  }
  return { packages };
}

// Packages asked of each host ahead of the one being written: its queue never runs dry while this thread is busy
// writing (a worker's answer waits for this thread). And at most this many lines ahead, held here as rows.
const AHEAD_PER_HOST = 2;
const AHEAD_LINES = 100_000;

/**
 * Applies the packages in their order. Package k is verified in full and checked by host k mod n, asked for up to
 * AHEAD_PER_HOST × n packages (and AHEAD_LINES lines) ahead of the one being written; each answer awaited in its turn.
 */
async function applyInOrder(
  db: Database, order: Listed[], hosts: PackageHost[], opts: ImportOptions, clock: Clock, result: ImportResult,
  refuse: (name: string, e: AppFailure) => ImportResult,
): Promise<ImportResult> {
  const asked: Promise<Prepared>[] = [];
  const ask = (k: number) => {
    if (k >= order.length || k in asked) return;
    const o = order[k];
    // A file that cannot be read any more (moved, its USB stick pulled) or a worker that died: the import stops there,
    // the packages before it stay applied, and the result says so.
    asked[k] = hosts[k % hosts.length].prepare(o.file, o.name, opts.streamFrom ?? STREAM_FROM)
      .then((p) => sameManifest(o, p), (e: unknown) => ({ unverified: e instanceof AppFailure ? e : unreadable(o.name, e) }));
  };
  const ahead = AHEAD_PER_HOST * hosts.length;
  let index = 0;
  try {
    for (; index < order.length; index++) {
      const o = order[index];
      ask(index);
      for (let k = index + 1, lines = 0; k < Math.min(index + ahead, order.length); k++) {
        lines += linesOf(order[k].manifest);
        if (lines > AHEAD_LINES) break;
        ask(k);
      }
      opts.onProgress?.({ file: o.name, index, total: order.length, phase: 'apply' });
      const p = await asked[index];
      try {
        if ('unverified' in p) return refuse(o.name, p.unverified);
        result.applied.push(await applyPackage(db, o, p, opts, clock));
      } catch (e) {
        if (!(e instanceof AppFailure)) throw e;
        return refuse(o.name, e);
      } finally {
        if ('local' in p) p.local.close();
      }
    }
    opts.onProgress?.({ file: '', index: order.length, total: order.length, phase: 'done' });
    return result;
  } finally {
    // Stopped early: packages already verified for later turns are removed too.
    await Promise.all(asked.slice(index + 1).map((a) => a.then((p) => { if ('local' in p) p.local.close(); }, () => undefined)));
  }
}

/** The file verified in full must be the one whose manifest was read first, or its place in the order is not its own. */
function sameManifest(o: Listed, p: Prepared): Prepared {
  if ('unverified' in p || JSON.stringify(p.pkg.manifest) === JSON.stringify(o.manifest)) return p;
  if ('local' in p) p.local.close();
  return { unverified: changedWhileImporting(o.name) };
}

/** A file that could not be verified for another reason than its content, after the packages before it were applied. */
function unreadable(fileName: string, e: unknown): AppFailure {
  const error = e instanceof Error ? e.message : String(e);
  return exchangeRefusal('damaged', 'unreadable', `数据包无法读取，或核验时出错（${error}）。排在它前面的数据包已导入，它和其后的数据包未导入，可再次导入（文件 ${fileName}）`, { error, file: fileName });
}

/** The file verified in full is not the one whose manifest was read: it was replaced while the import ran. */
const changedWhileImporting = (fileName: string) =>
  exchangeRefusal('damaged', 'changed', `数据包在导入过程中被改动或替换了：读取清单之后文件内容变了。请等文件复制完成后重新导入（文件 ${fileName}）`, { file: fileName });

/** One package, one transaction: the sequence check, every record, the receipt, the station's state, the audit record. */
async function applyPackage(db: Database, o: Listed, content: Exclude<Prepared, { unverified: AppFailure }>, opts: ImportOptions, clock: Clock): Promise<AppliedPackage> {
  const { manifest: m, sha256 } = content.pkg;
  const code = m.committee.code;
  const at = clock();
  const stamp = at.toISOString();
  const userId = opts.actor?.userId ?? null;
  return withoutRowChecks(db, () => db.transaction(async (tx) => {
    await checkReferences(tx, code, userId);
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
      [code, m.station, m.sequence, o.name, sha256, content.pkg.bytes, m.level, m.created_at, JSON.stringify(content.pkg.statistics ?? null),
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
  }));
}

/**
 * A package's transaction without SQLite's foreign-key checks, which cost a tenth of an import of 100 packages: two
 * lookups for every one of its half a million rows. Every reference in it is made here: the package's committee and
 * the operator (checkReferences, once per package), its receipt (inserted in the same transaction), a case's lead
 * mediator (looked up in office_people, or null). Set before BEGIN and again after COMMIT (SQLite ignores the pragma
 * inside a transaction); nothing else runs in between, as the transaction only awaits this thread's own statements.
 */
async function withoutRowChecks<T>(db: Database, work: () => Promise<T>): Promise<T> {
  const raw = rawHandle(db);
  raw.prepare('PRAGMA foreign_keys = OFF').run();
  try {
    return await work();
  } finally {
    raw.prepare('PRAGMA foreign_keys = ON').run();
  }
}

/** What foreign keys would have checked row by row, once: the committee is registered, the operator is a user. */
async function checkReferences(tx: Tx, code: string, userId: number | null): Promise<void> {
  const [found] = (await tx.query(
    `SELECT EXISTS (SELECT 1 FROM office_committees WHERE code = ?) AS committee, (? IS NULL OR EXISTS (SELECT 1 FROM users WHERE id = ?)) AS user`,
    [code, userId, userId],
  )) as { committee: number; user: number }[];
  if (!found.committee) throw new Error(`committee ${code} is not registered at this office`);
  if (!found.user) throw new Error(`user ${userId} does not exist`);
}
