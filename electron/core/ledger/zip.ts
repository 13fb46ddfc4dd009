import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { badState } from '../errors';
import type { LedgerSource } from './source';

/** One file in a zip, from its central directory. */
export interface ZipEntry { name: string; method: number; compressedSize: number; size: number; headerOffset: number }

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;

const notAWorkbook = (why: string) => badState(`台账文件不是有效的 .xlsx 工作簿（${why}）：请在 Excel 中重新保存后再导入`);

async function readAt(source: LedgerSource, start: number, length: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of source.range(start, start + length) as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/**
 * The zip's table of contents, read from its end (the central directory): a workbook's parts can then be read in
 * any order, whatever order they were written in (Excel writes the shared strings after the sheets).
 */
export async function zipEntries(source: LedgerSource): Promise<Map<string, ZipEntry>> {
  const tailLength = Math.min(source.size, 22 + MAX_COMMENT);
  const tail = await readAt(source, source.size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD) { at = i; break; }
  if (at < 0) throw notAWorkbook('找不到压缩目录');
  const count = tail.readUInt16LE(at + 10);
  const cdSize = tail.readUInt32LE(at + 12);
  const cdOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw notAWorkbook('ZIP64 格式不受支持');
  if (cdOffset + cdSize > source.size) throw notAWorkbook('压缩目录损坏');
  const cd = await readAt(source, cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw notAWorkbook('压缩目录损坏');
    const [nameLength, extraLength, commentLength] = [cd.readUInt16LE(p + 28), cd.readUInt16LE(p + 30), cd.readUInt16LE(p + 32)];
    // Names are UTF-8 in every zip an office program writes; a leading slash (archiver keeps none, others do) is dropped.
    const name = cd.toString('utf8', p + 46, p + 46 + nameLength).replace(/^\/+/, '');
    entries.set(name, {
      name, method: cd.readUInt16LE(p + 10), compressedSize: cd.readUInt32LE(p + 20), size: cd.readUInt32LE(p + 24),
      headerOffset: cd.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An entry's bytes, inflated as they are read: where its data starts is in its local header. */
export async function openEntry(source: LedgerSource, entry: ZipEntry): Promise<Readable> {
  const local = await readAt(source, entry.headerOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw notAWorkbook(`${entry.name} 损坏`);
  const start = entry.headerOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const raw = source.range(start, start + entry.compressedSize);
  if (entry.method === 0) return raw;
  if (entry.method !== 8) throw notAWorkbook(`${entry.name} 的压缩方式 ${entry.method} 不受支持`);
  const inflate = createInflateRaw();
  raw.on('error', (e) => inflate.destroy(e));
  inflate.on('close', () => raw.destroy()); // a reader that stops early (a bad header) closes the file too
  return raw.pipe(inflate);
}
