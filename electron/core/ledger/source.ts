import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { ByteSpool } from './spool';

/** A ledger file, readable as many times as the import needs (scan, validate): a path or bytes in memory. */
export interface LedgerSource {
  name: string;
  size: number;
  stream(): Readable;
  /** Bytes [start, end): a workbook is a zip, read from its directory at the end. */
  range(start: number, end: number): Readable;
}

const CHUNK = 64 * 1024;

export const fileSource = (path: string): LedgerSource => ({
  name: basename(path),
  size: statSync(path).size,
  stream: () => createReadStream(path, { highWaterMark: CHUNK }),
  range: (start, end) => (end > start ? createReadStream(path, { start, end: end - 1, highWaterMark: CHUNK }) : Readable.from([])),
});

const chunksOf = (bytes: Uint8Array, start: number, end: number) => Readable.from((function* () {
  for (let i = start; i < end; i += CHUNK) yield Buffer.from(bytes.buffer, bytes.byteOffset + i, Math.min(CHUNK, end - i));
})());

export const bufferSource = (name: string, bytes: Uint8Array): LedgerSource => ({
  name,
  size: bytes.byteLength,
  stream: () => chunksOf(bytes, 0, bytes.byteLength),
  range: (start, end) => chunksOf(bytes, Math.max(0, start), Math.min(end, bytes.byteLength)),
});

/** An upload waiting in its encrypted spool (the window's file, sent in chunks). */
export const spoolSource = (name: string, spool: ByteSpool): LedgerSource => ({
  name,
  size: spool.size,
  stream: () => spool.range(0, spool.size),
  range: (start, end) => spool.range(start, end),
});

export type LedgerFormat = 'csv' | 'xlsx';
export type TextEncoding = 'utf-8' | 'gb18030';

export interface Scan {
  sha256: string;
  format: LedgerFormat;
  encoding: TextEncoding;
  /** CSV records (lines outside quotes), blank trailing ones excluded; 0 for a workbook. */
  records: number;
}

/**
 * One pass over the bytes: the file's SHA-256 (for the audit record), whether it is a workbook (a zip), whether
 * its text is valid UTF-8 (else GB18030, what Excel on a Chinese Windows saves as "CSV"), and how many records
 * it holds, counted on bytes: in UTF-8 and GB18030 no byte of a multi-byte character is a quote or a newline.
 */
export async function scanSource(source: LedgerSource): Promise<Scan> {
  const hash = createHash('sha256');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let validUtf8 = true;
  let first: number[] | null = null;
  let quoted = false;
  let records = 0;
  let lineHasContent = false;
  for await (const chunk of source.stream() as AsyncIterable<Buffer>) {
    hash.update(chunk);
    first ??= [...chunk.subarray(0, 4)];
    if (validUtf8) {
      try { utf8.decode(chunk, { stream: true }); } catch { validUtf8 = false; }
    }
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === 0x22) quoted = !quoted;
      if (b === 0x0a && !quoted) {
        if (lineHasContent) records++;
        lineHasContent = false;
      } else if (b !== 0x0d && b !== 0x2c) lineHasContent = true;
    }
  }
  if (lineHasContent) records++;
  if (validUtf8) {
    try { utf8.decode(); } catch { validUtf8 = false; }
  }
  const isZip = first !== null && first[0] === 0x50 && first[1] === 0x4b && first[2] === 0x03 && first[3] === 0x04;
  return { sha256: hash.digest('hex'), format: isZip ? 'xlsx' : 'csv', encoding: validUtf8 ? 'utf-8' : 'gb18030', records: isZip ? 0 : records };
}
