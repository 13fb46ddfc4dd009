import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ctrIvAt } from './spool';

const FLUSH = 64 * 1024;
// Small windows: a sheet jumps between the table's early strings (repeated values) and its newest ones.
const WINDOW = 4 * 1024;
const OFFSETS_WINDOW = 512;
const RECENT = 16_384;

/**
 * A workbook's shared-strings table on disk, so memory does not grow with it: the strings one after another,
 * encrypted (AES-256-CTR under a key only this object holds, as the spool: party names never touch the disk in
 * clear), and where each ends (8 bytes each). Lookups read a small window around the string asked for, and keep the
 * last 16k strings asked for (categories, mediators, outcomes and dates repeat): bounded, whatever the table's size.
 */
export class SharedStrings {
  private readonly dir = mkdtempSync(join(tmpdir(), 'tiaojie-xlsx-'));
  private readonly key = randomBytes(32);
  private readonly iv = randomBytes(16);
  private readonly cipher = createCipheriv('aes-256-ctr', this.key, this.iv);
  private readonly data = openSync(join(this.dir, 'strings'), 'w+', 0o600);
  private readonly ends = openSync(join(this.dir, 'ends'), 'w+', 0o600);
  private pending: Buffer[] = [];
  private pendingEnds: number[] = [];
  private pendingLength = 0;
  private written = 0;
  count = 0;
  private window = { start: 0, bytes: Buffer.alloc(0) };
  private endsWindow = { first: 0, ends: new Float64Array(0) };
  private readonly recent = new Map<number, string>();

  add(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    this.pending.push(bytes);
    this.pendingLength += bytes.length;
    this.written += bytes.length;
    this.pendingEnds.push(this.written);
    this.count++;
    if (this.pendingLength > FLUSH || this.pendingEnds.length >= 8192) this.flush();
  }

  /** Writes what is pending: call once the table is read, before the first lookup. */
  flush(): void {
    if (this.pending.length) writeSync(this.data, this.cipher.update(Buffer.concat(this.pending)));
    if (this.pendingEnds.length) writeSync(this.ends, Buffer.from(new Float64Array(this.pendingEnds).buffer));
    this.pending = [];
    this.pendingEnds = [];
    this.pendingLength = 0;
  }

  /** The i-th string, or undefined past the table's end. */
  get(i: number): string | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) return undefined;
    const hit = this.recent.get(i);
    if (hit !== undefined) return hit;
    const start = i === 0 ? 0 : this.endAt(i - 1);
    const end = this.endAt(i);
    const text = this.bytes(start, end).toString('utf8');
    if (this.recent.size >= RECENT) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(i, text);
    return text;
  }

  private endAt(i: number): number {
    const w = this.endsWindow;
    if (i < w.first || i >= w.first + w.ends.length) {
      const first = i - (i % OFFSETS_WINDOW);
      const buf = Buffer.alloc(Math.min(OFFSETS_WINDOW, this.count - first) * 8);
      const n = readSync(this.ends, buf, 0, buf.length, first * 8);
      this.endsWindow = { first, ends: new Float64Array(buf.buffer, buf.byteOffset, n / 8) };
    }
    return this.endsWindow.ends[i - this.endsWindow.first];
  }

  private bytes(start: number, end: number): Buffer {
    const w = this.window;
    if (start < w.start || end > w.start + w.bytes.length) {
      const from = start - (start % 16); // a cipher block's start
      const buf = Buffer.alloc(Math.min(Math.max(WINDOW, end - from), this.written - from));
      const n = readSync(this.data, buf, 0, buf.length, from);
      const decipher = createDecipheriv('aes-256-ctr', this.key, ctrIvAt(this.iv, from));
      this.window = { start: from, bytes: decipher.update(buf.subarray(0, n)) };
    }
    return this.window.bytes.subarray(start - this.window.start, end - this.window.start);
  }

  dispose(): void {
    for (const fd of [this.data, this.ends]) {
      try { closeSync(fd); } catch { /* already closed */ }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
