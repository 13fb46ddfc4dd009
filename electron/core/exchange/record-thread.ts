import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { Level, RecordFile } from '../../../shared/domain/exchange';
import type { ReaderSpec } from '../../db/reader';
import type { SpooledFile } from './package/spool-records';
import type { RecordWindow } from './records';

/** What a worker spools: these files of this window, read through its own connection. */
export interface RecordJob { reader: ReaderSpec; files: RecordFile[]; window: RecordWindow; level: Level; secret: Uint8Array }

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; file: string; records: number }
  | { type: 'done'; file: SpooledFile }
  | { type: 'failed'; message: string; stack?: string };

const here = import.meta.url;

/**
 * A worker thread running `name`, a module beside `source` (the URL of the module that starts it). From the
 * TypeScript sources (tsx, Vitest) the worker first registers tsx's loader; in the app it is the CommonJS file built
 * beside main.cjs (vite.electron.config.ts, WORKERS).
 */
export function startWorker(name: string, workerData: unknown, source = here, options: Pick<WorkerOptions, 'env'> = {}): Worker {
  if (here.endsWith('.ts')) {
    // tsx's ESM API as its package declares it (require.resolve would give the CommonJS one).
    const manifest = createRequire(here).resolve('tsx/package.json');
    const api = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api'].import.default;
    const tsx = pathToFileURL(join(dirname(manifest), api)).href;
    const entry = new URL(`./${name}.ts`, source).href;
    return new Worker(`import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`, { ...options, eval: true, workerData });
  }
  return new Worker(new URL(`./${name}.cjs`, here), { ...options, workerData });
}

/**
 * Spools `job.files` in a worker thread while the caller spools the others: on two cores an export takes about the time
 * of its larger half. If the worker cannot start (its file missing from a build), `inProcess` spools them here instead,
 * and `onFallback` is told why; a failure once it has started fails the files still waiting.
 */
export function spoolInWorker(
  job: RecordJob,
  inProcess: (file: RecordFile) => Promise<SpooledFile>,
  hooks: { onProgress?: (p: { file: string; records: number }) => void; onFallback?: (why: Error) => void } = {},
): Partial<Record<RecordFile, Promise<SpooledFile>>> {
  const waiting = new Map<RecordFile, { resolve(f: SpooledFile): void; reject(e: Error): void }>();
  const out: Partial<Record<RecordFile, Promise<SpooledFile>>> = {};
  for (const file of job.files) out[file] = new Promise((resolve, reject) => waiting.set(file, { resolve, reject }));
  let started = false;
  const fail = (e: Error) => {
    if (!started) {
      hooks.onFallback?.(e);
      // One after another, as the worker would have: the caller's own files are being spooled meanwhile.
      let chain: Promise<unknown> = Promise.resolve();
      for (const [file, w] of waiting) chain = chain.then(() => inProcess(file).then(w.resolve, w.reject));
    } else for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  let worker: Worker;
  try {
    worker = startWorker('record-worker', job);
  } catch (e) {
    fail(e instanceof Error ? e : new Error(String(e)));
    return out;
  }
  worker.on('message', (m: WorkerMessage) => {
    if (m.type === 'ready') started = true;
    else if (m.type === 'progress') hooks.onProgress?.(m);
    else if (m.type === 'done') {
      waiting.get(m.file.name)?.resolve(m.file);
      waiting.delete(m.file.name);
    } else fail(Object.assign(new Error(m.message), { stack: m.stack }));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => { if (waiting.size) fail(new Error(`the record worker stopped (exit code ${code}) before it finished`)); });
  return out;
}
