import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { RECORD_FILES, STATISTICS_FILE, type Manifest, type RecordFile } from '../../../shared/domain/exchange';
import { adoptPackage, openPackage, type OpenOptions, type VerifiedPackage } from '../exchange/package/read';
import { startWorker } from '../exchange/record-thread';
import { AppFailure } from '../errors';
import type { SpoolState } from '../ledger/spool';
import { recordRows, type Row } from './rows';

/** What the import needs of a verified package before it applies it. */
export interface HostedPackage { manifest: Manifest; sha256: string; bytes: number; statistics: unknown }

export type PackageRows = Record<RecordFile, Row[]>;

/**
 * A package verified in full, ready to apply: its lines as checked rows, or for a large one its verified spools to read
 * in the applying transaction; a package with a bad line (refused only once its sequence is found in order, as in one
 * thread); or a file that failed verification.
 */
export type Prepared =
  | { pkg: HostedPackage; rows: PackageRows }
  | { pkg: HostedPackage; local: VerifiedPackage }
  | { pkg: HostedPackage; refused: AppFailure }
  | { unverified: AppFailure };

/**
 * Where packages are verified and their lines checked: this thread (LocalHost) or a worker thread (WorkerHost), so an
 * import of many packages verifies and checks on both cores while this thread writes. Requests are answered one at a
 * time in the order they were made, so a worker works through its queue without waiting for this thread.
 */
export interface PackageHost {
  /**
   * Verifies the file (openPackage, refusals naming it `name`) and checks its lines (rows.ts); a package of `streamFrom`
   * lines or more is not held as rows, its spools are read as it is written.
   */
  prepare(file: string, name: string, streamFrom: number): Promise<Prepared>;
  /** Stops the thread, and removes whatever it still holds. */
  dispose(): Promise<void>;
}

/** A package's record lines, as its manifest lists them. */
export const linesOf = (m: Manifest) => m.files.reduce((n, f) => n + (f.name === STATISTICS_FILE ? 0 : f.records), 0);

/** The work itself, in whichever thread runs it. */
export class LocalHost implements PackageHost {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: OpenOptions) {}

  prepare(file: string, name: string, streamFrom: number): Promise<Prepared> {
    return this.inTurn(() => this.verified(file, name, streamFrom, (pkg) => pkg));
  }

  /** For a worker: as prepare, a large package's spools handed over for another thread to read (adoptPackage). */
  prepareToSend(file: string, name: string, streamFrom: number): Promise<SentPrepared> {
    return this.inTurn(async () => {
      const p = await this.verified(file, name, streamFrom, (pkg) => pkg.handOver());
      if ('unverified' in p) return { unverified: toThreadError(p.unverified) };
      if ('refused' in p) return { pkg: p.pkg, refused: toThreadError(p.refused) };
      return p;
    });
  }

  /** Once the package in hand is done: each is closed (or handed over) before its prepare answers. */
  async dispose(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  /** One package at a time, in the order asked: a package's spools exist only while it is worked on. */
  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => undefined).then(work);
    this.queue = next;
    return next;
  }

  private async verified<L>(file: string, name: string, streamFrom: number, large: (pkg: VerifiedPackage) => L):
    Promise<{ pkg: HostedPackage; rows: PackageRows } | { pkg: HostedPackage; local: L } | { pkg: HostedPackage; refused: AppFailure } | { unverified: AppFailure }> {
    let verified: VerifiedPackage;
    try {
      verified = await openPackage(file, this.opts, name);
    } catch (e) {
      if (e instanceof AppFailure) return { unverified: e };
      throw e;
    }
    const m = verified.manifest;
    const pkg: HostedPackage = { manifest: m, sha256: verified.sha256, bytes: verified.bytes, statistics: verified.statistics() };
    let keep = false;
    try {
      if (linesOf(m) >= streamFrom) {
        const local = large(verified);
        keep = true;
        return { pkg, local };
      }
      return { pkg, rows: Object.fromEntries(RECORD_FILES.map((f) => [f, recordRows(name, f, m.level, m.committee.code, verified.records(f))])) as PackageRows };
    } catch (e) {
      if (e instanceof AppFailure) return { pkg, refused: e };
      throw e;
    } finally {
      if (!keep) verified.close();
    }
  }
}

/** prepare's answer as it crosses threads: errors as ThreadError, a large package as its spools. */
export type SentPrepared =
  | { pkg: HostedPackage; rows: PackageRows }
  | { pkg: HostedPackage; local: Partial<Record<RecordFile, SpoolState>> }
  | { pkg: HostedPackage; refused: ThreadError }
  | { unverified: ThreadError };

/** A request to the worker (package-worker.ts), and its answer. */
export type HostRequest =
  | { id: number; op: 'prepare'; file: string; name: string; streamFrom: number }
  | { id: number; op: 'dispose' };

type Unsent = { [K in HostRequest['op']]: Omit<Extract<HostRequest, { op: K }>, 'id'> }[HostRequest['op']];

/** An error as it crosses threads: a refusal keeps its code, key, message and params. */
export interface ThreadError { message: string; stack?: string; failure?: Pick<AppFailure, 'code' | 'key' | 'details' | 'params'> }

export type HostReply = { type: 'ready' } | { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ThreadError };

export const toThreadError = (e: unknown): ThreadError => {
  const error = e instanceof Error ? e : new Error(String(e));
  const failure = e instanceof AppFailure ? { code: e.code, key: e.key, details: e.details, params: e.params } : undefined;
  return { message: error.message, stack: error.stack, failure };
};

const fromThreadError = (e: ThreadError): Error =>
  e.failure ? new AppFailure(e.failure.code, e.failure.key, e.message, e.failure.details, e.failure.params) : Object.assign(new Error(e.message), { stack: e.stack });
const failureFrom = (e: ThreadError): AppFailure => {
  const error = fromThreadError(e);
  if (error instanceof AppFailure) return error;
  throw error;
};

/** The same work in a worker thread; a package's temp spools live there until it is checked, or handed over. */
export class WorkerHost implements PackageHost {
  private next = 1;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private stopped: Error | null = null;

  private constructor(private readonly worker: Worker, private readonly temp: string) {
    worker.on('message', (m: HostReply) => {
      if (!('id' in m)) return;
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.ok) w?.resolve(m.value);
      else w?.reject(fromThreadError(m.error));
    });
    const stop = (e: Error) => {
      this.stopped ??= e;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    };
    worker.on('error', stop);
    worker.on('exit', (code) => stop(new Error(`the package worker stopped (exit code ${code})`)));
  }

  /** Starts a worker; rejects (and the caller verifies here instead) when it cannot start, say its file is not in a build. */
  static start(opts: OpenOptions, pinned: Record<string, string>): Promise<WorkerHost> {
    // The worker's spools go in a folder of its own, removed at dispose() even if the worker died holding some.
    const temp = mkdtempSync(join(tmpdir(), 'tiaojie-package-host-'));
    const failed = (e: unknown) => {
      rmSync(temp, { recursive: true, force: true });
      return e instanceof Error ? e : new Error(`the package worker stopped (exit code ${String(e)})`);
    };
    return new Promise((resolve, reject) => {
      let worker: Worker;
      try {
        const env = { ...process.env, TMPDIR: temp, TMP: temp, TEMP: temp };
        worker = startWorker('package-worker', { identities: opts.identities, pinned, inMemory: opts.inMemory }, import.meta.url, { env });
      } catch (e) {
        reject(failed(e));
        return;
      }
      const early = (e: unknown) => reject(failed(e));
      worker.once('error', early);
      worker.once('exit', early);
      worker.once('message', (m: HostReply) => {
        worker.off('error', early);
        worker.off('exit', early);
        if ('type' in m && m.type === 'ready') resolve(new WorkerHost(worker, temp));
        else {
          void worker.terminate();
          reject(failed(new Error('the package worker did not start')));
        }
      });
    });
  }

  private ask<T>(request: Unsent): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  async prepare(file: string, name: string, streamFrom: number): Promise<Prepared> {
    const sent = await this.ask<SentPrepared>({ op: 'prepare', file, name, streamFrom });
    if ('unverified' in sent) return { unverified: failureFrom(sent.unverified) };
    if ('refused' in sent) return { pkg: sent.pkg, refused: failureFrom(sent.refused) };
    if ('local' in sent) return { pkg: sent.pkg, local: adoptPackage(sent.pkg, sent.local, name) };
    return sent;
  }

  /** Never throws: the import's result stands whatever happens to the worker afterwards. */
  async dispose(): Promise<void> {
    try {
      if (!this.stopped) await this.ask({ op: 'dispose' });
    } catch {
      // The worker died meanwhile: what it held is in its own folder, removed below.
    } finally {
      await this.worker.terminate();
      rmSync(this.temp, { recursive: true, force: true });
    }
  }
}
