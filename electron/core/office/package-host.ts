import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { RECORD_FILES, type Level, type Manifest, type RecordFile } from '../../../shared/domain/exchange';
import { adoptPackage, openPackage, type OpenOptions, type VerifiedPackage } from '../exchange/package/read';
import { startWorker } from '../exchange/record-thread';
import { AppFailure } from '../errors';
import type { SpoolState } from '../ledger/spool';
import { recordRows, type Row } from './rows';

/** What the import needs of a verified package before it applies it. */
export interface HostedPackage { manifest: Manifest; sha256: string; bytes: number; statistics: unknown }

export type PackageRows = Record<RecordFile, Row[]>;

/**
 * Where packages are verified and their lines checked: this thread (LocalHost) or a worker thread (WorkerHost), so an
 * import of many packages verifies on both cores, and checks the next package's lines while this thread writes one.
 * A package is known by the caller's number for it until it is closed.
 */
export interface PackageHost {
  /** Verifies the file (openPackage), its refusals naming it `name`: every refusal but the ones only the database can tell. */
  open(id: number, file: string, name: string): Promise<HostedPackage>;
  /** Every record file's lines as checked rows (rows.ts); a line that does not parse is a bad_record refusal. Closes it. */
  rows(id: number, name: string, level: Level, committee: string): Promise<PackageRows>;
  /** The package to be read in this thread, for one too large to hold as rows (its lines stream from its spools). */
  local(id: number, name: string, verified: HostedPackage): Promise<VerifiedPackage>;
  close(id: number): Promise<void>;
  /** Closes every package still open and stops the thread. */
  dispose(): Promise<void>;
}

/** The work itself, in whichever thread runs it. */
export class LocalHost implements PackageHost {
  private readonly packages = new Map<number, VerifiedPackage>();

  constructor(private readonly opts: OpenOptions) {}

  async open(id: number, file: string, name: string): Promise<HostedPackage> {
    const pkg = await openPackage(file, this.opts, name);
    this.packages.set(id, pkg);
    return { manifest: pkg.manifest, sha256: pkg.sha256, bytes: pkg.bytes, statistics: pkg.statistics() };
  }

  async rows(id: number, name: string, level: Level, committee: string): Promise<PackageRows> {
    const pkg = this.get(id);
    try {
      return Object.fromEntries(RECORD_FILES.map((f) => [f, recordRows(name, f, level, committee, pkg.records(f))])) as PackageRows;
    } finally {
      await this.close(id);
    }
  }

  async local(id: number): Promise<VerifiedPackage> {
    const pkg = this.get(id);
    this.packages.delete(id);
    return pkg;
  }

  /** For the worker: the spools of a package another thread reads (adoptPackage), no longer this host's. */
  handOver(id: number): Partial<Record<RecordFile, SpoolState>> {
    const spools = this.get(id).handOver();
    this.packages.delete(id);
    return spools;
  }

  async close(id: number): Promise<void> {
    this.packages.get(id)?.close();
    this.packages.delete(id);
  }

  async dispose(): Promise<void> {
    for (const id of [...this.packages.keys()]) await this.close(id);
  }

  private get(id: number): VerifiedPackage {
    const pkg = this.packages.get(id);
    if (!pkg) throw new Error(`package ${id} is not open here`);
    return pkg;
  }
}

/** A request to the worker (package-worker.ts), and its answer. */
export type HostRequest =
  | { id: number; op: 'open'; pkg: number; file: string; name: string }
  | { id: number; op: 'rows'; pkg: number; name: string; level: Level; committee: string }
  | { id: number; op: 'handOver'; pkg: number }
  | { id: number; op: 'close'; pkg: number }
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

/** The same work in a worker thread; the package's temp spools live there until rows() or close(). */
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
        worker = startWorker('package-worker', { identities: opts.identities, pinned }, import.meta.url, { env });
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

  open(pkg: number, file: string, name: string): Promise<HostedPackage> {
    return this.ask({ op: 'open', pkg, file, name });
  }

  rows(pkg: number, name: string, level: Level, committee: string): Promise<PackageRows> {
    return this.ask({ op: 'rows', pkg, name, level, committee });
  }

  async local(pkg: number, name: string, verified: HostedPackage): Promise<VerifiedPackage> {
    return adoptPackage(verified, await this.ask<Partial<Record<RecordFile, SpoolState>>>({ op: 'handOver', pkg }), name);
  }

  close(pkg: number): Promise<void> {
    return this.ask({ op: 'close', pkg });
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
