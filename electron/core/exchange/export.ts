import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { shanghaiDate } from '../../../shared/domain/dates';
import { packageFileName, RECORD_FILES, type Level, type PackageRange, type RecordFile } from '../../../shared/domain/exchange';
import type { StatisticsReport } from '../../../shared/domain/statistics';
import { checkRecipients } from '../../crypto/age';
import type { Database } from '../../db/data-source';
import { recordAudit } from '../audit/audit';
import type { Clock } from '../context';
import { badState, invalid } from '../errors';
import { computeFigures, monthPeriod, rangePeriod } from '../statistics';
import { deidentifySecret, signingPrivateKey, signingPublicKey } from './keys';
import { spoolRecordFile, writePackage } from './package/write';
import { countLines, packageRecords, recordLines, windowMonths, type RecordWindow } from './records';
import { spoolInWorker } from './record-thread';
import { stampPending } from './revisions';

/** statistics.json: the committee's own monthly figures for every month the package touches (STATISTICS.md). */
export interface PackageStatistics { months: Record<string, StatisticsReport> }

export interface ExportOptions {
  recipients: string[];
  /** The package's path; or a folder, where it is written under its own name (packageFileName). */
  outFile?: string;
  outDir?: string;
  level: Level;
  /** The records touched in a date range; by default, what changed since this station's last export. */
  range?: { from: string; to: string };
  onProgress?: (p: ExportProgress) => void;
  /**
   * From how many party lines the parties and follow-ups are spooled by a worker thread (record-thread.ts) while this
   * one does the rest; below it a thread's start costs more than it saves. Tests set 0 (always) or Infinity (never).
   */
  workerFrom?: number;
  /** The worker could not start, and its files were spooled on this thread (the caller logs it). */
  onWorkerFallback?: (why: Error) => void;
}

/**
 * The worker's share: the parties (each one's pseudonym is an HMAC called from SQL) take about as long as the figures
 * and all the other files together. (With the follow-ups too it was 1 s slower on two cores: the main thread waited.)
 */
const WORKER_FILES: RecordFile[] = ['parties.ndjson'];
const WORKER_FROM = 20_000;

export type ExportProgress = { phase: 'statistics'; months: number } | { phase: 'records'; file: string; records: number } | { phase: 'done' };

export interface ExportResult {
  id: number;
  file: string;
  fileName: string;
  sha256: string;
  bytes: number;
  sequence: number;
  level: Level;
  range: PackageRange;
  counts: Record<RecordFile, number>;
  months: string[];
  /** How the record files were spooled: all on this thread, partly by a worker, or on this thread after it failed to start. */
  threads: 'one' | 'worker' | 'fallback';
}

export interface ExportRow {
  id: number; station: string; sequence: number; file_name: string; sha256: string; level: Level; range_json: string;
  to_revision: number; counts_json: string; bytes: number; created_at: string; created_by: number | null;
}

/** This station's exports, newest first. */
export const listExports = (db: Database): ExportRow[] =>
  db.read<ExportRow>(`SELECT * FROM exchange_exports WHERE station = (SELECT station_id FROM committee WHERE id = 1) ORDER BY sequence DESC`);

/** The window, sequence and chain link of the next package: read in one transaction, so they agree with each other. */
function plan(db: Database, range: ExportOptions['range']) {
  return db.readConsistent(() => {
    const committee = db.read<{ code: string; name: string; station_id: string }>(`SELECT code, name, station_id FROM committee WHERE id = 1`)[0];
    if (!committee) throw badState('调解委员会尚未设置，无法导出交换包');
    const toRevision = db.read<{ revision: number }>(`SELECT revision FROM exchange_clock WHERE id = 1`)[0].revision;
    const last = db.read<{ sequence: number; sha256: string }>(
      `SELECT sequence, sha256 FROM exchange_exports WHERE station = ? ORDER BY sequence DESC LIMIT 1`, [committee.station_id])[0];
    // Increments follow the last "since last" package: a range package is an extra copy, not a step of the chain of changes.
    const after = db.read<{ r: number | null }>(
      `SELECT max(to_revision) AS r FROM exchange_exports WHERE station = ? AND json_extract(range_json, '$.kind') = 'since_last'`,
      [committee.station_id])[0].r ?? 0;
    const window: RecordWindow = range
      ? { kind: 'range', from: range.from, to: range.to, toRevision }
      : { kind: 'since_last', after, to: toRevision };
    const packageRange: PackageRange = range
      ? { kind: 'range', from: range.from, to: range.to, to_revision: toRevision }
      : { kind: 'since_last', after_revision: after, to_revision: toRevision };
    return { committee, window, packageRange, toRevision, sequence: (last?.sequence ?? 0) + 1, previous: last?.sha256 ?? '' };
  });
}

/** The file name the next package will have (the desktop app's save dialog suggests it). */
export function nextPackageName(db: Database, now: Date): string {
  const p = plan(db, undefined);
  return packageFileName(p.committee.code, p.sequence, shanghaiDate(now));
}

/** The figures of each month, computed once and shared by both levels: de-identification never changes them. */
export function packageStatistics(db: Database, months: string[], asOf: Date): PackageStatistics {
  return { months: Object.fromEntries(months.map((m) => [m, computeFigures(db, monthPeriod(m), asOf)])) };
}

/**
 * Writes the station's next exchange package (EXCHANGE.md) and records it: the file first (under a temporary name,
 * renamed when complete), then the export row and its audit event in one transaction. A failure leaves neither.
 */
export async function exportPackage(db: Database, userId: number | null, clock: Clock, opts: ExportOptions): Promise<ExportResult> {
  const recipients = checkRecipients(opts.recipients);
  if (opts.range) rangePeriod(opts.range.from, opts.range.to);
  const now = clock();
  await stampPending(db);
  const p = plan(db, opts.range);
  const fileName = packageFileName(p.committee.code, p.sequence, shanghaiDate(now));
  const file = opts.outFile ?? join(opts.outDir ?? '.', fileName);
  if (existsSync(file)) {
    throw invalid([{ path: 'out', key: 'validation.exchange.outExists', message: `文件“${file}”已存在，不会覆盖；请换一个位置或文件名`, params: { file } }]);
  }
  if (!existsSync(dirname(file)) || !statSync(dirname(file)).isDirectory()) {
    throw invalid([{ path: 'out', key: 'validation.exchange.outDir', message: `保存位置“${dirname(file)}”不存在`, params: { dir: dirname(file) } }]);
  }
  const secret = deidentifySecret(db);
  const recordOptions = { level: opts.level, secret };
  const progress = (x: { file: string; records: number }) => opts.onProgress?.({ phase: 'records', ...x });
  // Started first, so the worker reads while this thread computes the figures and writes the other files.
  let threads: ExportResult['threads'] = 'one';
  if (countLines(db, 'parties.ndjson', p.window) >= (opts.workerFrom ?? WORKER_FROM)) threads = 'worker';
  const spooled = threads === 'worker'
    ? spoolInWorker(
      { reader: db.readerSpec(), files: WORKER_FILES, window: p.window, ...recordOptions },
      (f) => spoolRecordFile(f, recordLines(db, f, p.window, recordOptions), progress),
      { onProgress: progress, onFallback: (why) => { threads = 'fallback'; opts.onWorkerFallback?.(why); } },
    )
    : undefined;
  const months = windowMonths(db, p.window);
  opts.onProgress?.({ phase: 'statistics', months: months.length });
  const statistics = packageStatistics(db, months, now);
  const { publicPem } = signingPublicKey(db);
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.partial`);
  let renamed = false;
  try {
    const written = await writePackage(temp, {
      recipients,
      signingPrivateKeyPem: signingPrivateKey(db),
      manifest: {
        committee: { code: p.committee.code, name: p.committee.name, signing_public_key_pem: publicPem },
        station: p.committee.station_id, sequence: p.sequence, previous_sha256: p.previous, created_at: now.toISOString(),
        level: opts.level, range: p.packageRange,
      },
      records: packageRecords(db, p.window, recordOptions),
      spooled,
      statistics,
      onProgress: progress,
    });
    const counts = Object.fromEntries(RECORD_FILES.map((f) => [f, written.manifest.files.find((x) => x.name === f)?.records ?? 0])) as
      Record<RecordFile, number>;
    renameSync(temp, file);
    renamed = true;
    const id = await db.transaction(async (tx) => {
      // The sequence is unique per station: two exports at once cannot both record the same number.
      const result = await tx.query(
        `INSERT INTO exchange_exports (station, sequence, file_name, sha256, level, range_json, to_revision, counts_json, bytes, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [p.committee.station_id, p.sequence, basename(file), written.sha256, opts.level, JSON.stringify(p.packageRange), p.toRevision,
          JSON.stringify(counts), written.bytes, now.toISOString(), userId],
      ) as { id: number }[];
      await recordAudit(tx, {
        at: now, userId, action: 'exchange.export', entity: 'exchange_export', entityId: result[0].id,
        after: { file_name: basename(file), sha256: written.sha256, sequence: p.sequence, level: opts.level, range: p.packageRange, counts, months },
      });
      return result[0].id;
    });
    opts.onProgress?.({ phase: 'done' });
    return {
      id, file, fileName: basename(file), sha256: written.sha256, bytes: written.bytes, sequence: p.sequence, level: opts.level,
      range: p.packageRange, counts, months, threads,
    };
  } catch (e) {
    rmSync(renamed ? file : temp, { force: true });
    throw e;
  }
}
