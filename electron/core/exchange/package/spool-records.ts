import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { constants, crc32, deflateRaw, deflateRawSync } from 'node:zlib';
import type { RecordFile } from '../../../../shared/domain/exchange';
import { ByteSpool, type SpoolState } from '../../ledger/spool';

// The record files' side of a package: lines → hashed, deflated, encrypted spools. Its own module, light to load, so a
// worker thread (record-worker.ts) starts without the package's crypto and schemas.

export type SpoolProgress = (p: { file: string; records: number }) => void;

/** Whole NDJSON lines already serialised (each ending in a newline), and how many: a record source may yield these. */
export class NdjsonChunk {
  constructor(readonly bytes: Buffer, readonly records: number) {}
}

/** A run of whole lines deflated at once: big enough for deflate to work well, small enough not to matter. */
const RUN = 256 * 1024;
const PROGRESS_EVERY = 1000;

/**
 * An entry already deflated, as the ZIP needs it: CRC-32 and size of the plain bytes, and the deflate stream in
 * segments. Each segment is deflated on its own and ends on a sync flush (a non-final block), so the segments
 * laid end to end, then an empty final block, are one valid deflate stream (as pigz does).
 */
export interface Deflated { crc: number; size: number; compressedSize: number; segments: () => Iterable<Uint8Array> }
export const FINAL_BLOCK = deflateRawSync(Buffer.alloc(0));
// Level 1: twice as fast as the default for 5 % more bytes on these JSON lines; the export is timed, the size hardly matters.
const SEGMENT = { level: 1, finishFlush: constants.Z_SYNC_FLUSH };
export const deflateSegment = (plain: Buffer) => deflateRawSync(plain, SEGMENT);
const deflateSegmentAsync = promisify((plain: Buffer, done: (e: Error | null, out: Buffer) => void) => deflateRaw(plain, SEGMENT, done));
/** Runs being deflated at once, off the JavaScript thread, while the next lines are read from the database. */
const DEFLATING = 4;

/** One record file waiting in its encrypted spool (deflated), with the hash and count of its exact bytes. */
export interface Spooled extends Deflated { name: RecordFile; spool: ByteSpool; sha256: string; records: number }

/** A spooled record file as it passes between threads: its spool's key stays in this process's memory. */
export interface SpooledFile { name: RecordFile; sha256: string; records: number; crc: number; size: number; compressedSize: number; spool: SpoolState }

/** Spools a record file for writePackage in another thread (`spooled`): the spool is then that thread's to remove. */
export async function spoolRecordFile(name: RecordFile, source: Iterable<object> | AsyncIterable<object>, onProgress: SpoolProgress | undefined): Promise<SpooledFile> {
  const { spool, sha256, records, crc, size, compressedSize } = await spoolRecords(name, source, onProgress);
  return { name, sha256, records, crc, size, compressedSize, spool: spool.state() };
}

/** A record file spooled by another thread, taken over. */
export function adopt(f: SpooledFile): Spooled {
  const spool = new ByteSpool('', f.spool);
  return { ...f, spool, segments: function* () { yield* spool.blocks(); yield FINAL_BLOCK; } };
}

/**
 * Spools a record file: lines gathered into runs of about RUN bytes, each run hashed at once and deflated by zlib's
 * thread pool (in order, a few at a time) while the next runs are read, so the ZIP step has nothing left to compress.
 */
export async function spoolRecords(name: RecordFile, source: Iterable<object> | AsyncIterable<object>, onProgress: SpoolProgress | undefined): Promise<Spooled> {
  const spool = new ByteSpool('tiaojie-export-');
  const hash = createHash('sha256');
  let crc = 0;
  let size = 0;
  let compressedSize = FINAL_BLOCK.length;
  let records = 0;
  let run: string[] = [];
  let runLength = 0;
  const deflating: Promise<Buffer>[] = [];
  const settle = async () => {
    const deflated = await deflating.shift()!;
    compressedSize += deflated.length;
    spool.append(deflated);
  };
  const take = async (plain: Buffer) => {
    hash.update(plain);
    crc = crc32(plain, crc);
    size += plain.length;
    deflating.push(deflateSegmentAsync(plain));
    if (deflating.length >= DEFLATING) await settle();
  };
  const flush = async () => {
    const plain = Buffer.from(run.join(''), 'utf8');
    run = [];
    runLength = 0;
    await take(plain);
  };
  const add = async (record: object) => {
    if (record instanceof NdjsonChunk) {
      if (run.length) await flush();
      await take(record.bytes);
      const before = records;
      records += record.records;
      if (Math.floor(records / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY)) onProgress?.({ file: name, records });
      return;
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new Error(`${name}: record ${records + 1} is not a JSON object`);
    const line = JSON.stringify(record);
    run.push(line, '\n');
    runLength += line.length + 1;
    records++;
    if (runLength >= RUN) await flush();
    if (records % PROGRESS_EVERY === 0) onProgress?.({ file: name, records });
  };
  try {
    if (Symbol.iterator in source) for (const record of source) await add(record);
    else for await (const record of source) await add(record);
    if (run.length) await flush();
    while (deflating.length) await settle();
  } catch (e) {
    await Promise.allSettled(deflating);
    spool.dispose();
    throw e;
  }
  onProgress?.({ file: name, records });
  const segments = function* () {
    yield* spool.blocks();
    yield FINAL_BLOCK;
  };
  return { name, spool, sha256: hash.digest('hex'), records, crc, size, compressedSize, segments };
}
