import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';

const FLUSH = 64 * 1024;

/**
 * Checked rows wait here between the check and the write, so memory does not grow with the ledger. Party names
 * never touch the disk in clear: the spool is encrypted under a key that lives only in this object (AES-256-CTR).
 */
export class Spool<T> {
  private readonly dir = mkdtempSync(join(tmpdir(), 'tiaojie-ledger-'));
  private readonly path = join(this.dir, 'rows');
  private readonly key = randomBytes(32);
  private readonly iv = randomBytes(16);
  private readonly cipher = createCipheriv('aes-256-ctr', this.key, this.iv);
  private fd: number | null = openSync(this.path, 'w', 0o600);
  private pending: string[] = [];
  private pendingLength = 0;
  count = 0;

  push(item: T): void {
    const line = `${JSON.stringify(item)}\n`;
    this.pending.push(line);
    this.pendingLength += line.length;
    this.count++;
    if (this.pendingLength > FLUSH) this.flush();
  }

  private flush(): void {
    if (this.fd === null || !this.pending.length) return;
    writeSync(this.fd, this.cipher.update(this.pending.join(''), 'utf8'));
    this.pending = [];
    this.pendingLength = 0;
  }

  /** The items in order, read back synchronously (the bulk insert consumes them inside its transaction). */
  *read(): Generator<T> {
    this.flush();
    if (this.fd !== null) {
      writeSync(this.fd, this.cipher.final());
      closeSync(this.fd);
      this.fd = null;
    }
    const decipher = createDecipheriv('aes-256-ctr', this.key, this.iv);
    const fd = openSync(this.path, 'r');
    const buf = Buffer.alloc(FLUSH);
    const utf8 = new TextDecoder('utf-8');
    let rest = '';
    try {
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, null);
        if (n === 0) break;
        const text = rest + utf8.decode(decipher.update(buf.subarray(0, n)), { stream: true });
        const lines = text.split('\n');
        rest = lines.pop()!;
        for (const l of lines) yield JSON.parse(l) as T;
      }
      const tail = rest + utf8.decode(decipher.final());
      if (tail.trim()) yield JSON.parse(tail) as T;
    } finally {
      closeSync(fd);
    }
  }

  dispose(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The AES-CTR counter block for a byte offset: CTR is seekable, any block can be deciphered alone. */
export function ctrIvAt(iv: Buffer, offset: number): Buffer {
  const block = (BigInt(`0x${iv.toString('hex')}`) + BigInt(Math.floor(offset / 16))) % (1n << 128n);
  return Buffer.from(block.toString(16).padStart(32, '0'), 'hex');
}

export interface SpoolState { dir: string; key: Uint8Array; iv: Uint8Array; size: number }

/**
 * An uploaded file, waiting on disk while it is checked and imported rather than in memory, encrypted as the spool
 * (AES-256-CTR, key only here): CTR is seekable, so any range reads back alone (a workbook is read from its end).
 */
export class ByteSpool {
  private readonly dir: string;
  private readonly path: string;
  private readonly key: Buffer;
  private readonly iv: Buffer;
  private readonly cipher: ReturnType<typeof createCipheriv>;
  private readonly fd: number;
  private readonly complete: boolean;
  size = 0;

  /** `prefix`: the temp folder's name says whose bytes these are. `from`: a spool another thread wrote, taken over. */
  constructor(prefix = 'tiaojie-upload-', from?: SpoolState) {
    this.dir = from?.dir ?? mkdtempSync(join(tmpdir(), prefix));
    this.path = join(this.dir, 'bytes');
    this.key = from ? Buffer.from(from.key) : randomBytes(32);
    this.iv = from ? Buffer.from(from.iv) : randomBytes(16);
    this.cipher = createCipheriv('aes-256-ctr', this.key, this.iv);
    // One taken over is complete: it is only read back and removed.
    this.fd = openSync(this.path, from ? 'r' : 'w', 0o600);
    this.size = from?.size ?? 0;
    this.complete = Boolean(from);
  }


  /** What another thread needs to read this spool (and remove it): it stays in this process's memory. */
  state(): SpoolState {
    return { dir: this.dir, key: this.key, iv: this.iv, size: this.size };
  }

  append(bytes: Uint8Array): void {
    if (this.complete) throw new Error('a spool taken over from another thread is complete');
    writeSync(this.fd, this.cipher.update(bytes)); // CTR: as many bytes out as in, nothing held back
    this.size += bytes.byteLength;
  }

  /** Every byte in order, in blocks, read back synchronously (inside a transaction that applies them). */
  *blocks(size = 4 * FLUSH): Generator<Buffer> {
    const decipher = createDecipheriv('aes-256-ctr', this.key, this.iv);
    const fd = openSync(this.path, 'r');
    const buf = Buffer.alloc(size);
    try {
      for (let n = readSync(fd, buf, 0, size, null); n > 0; n = readSync(fd, buf, 0, size, null)) yield decipher.update(buf.subarray(0, n));
    } finally {
      closeSync(fd);
    }
  }

  /** Bytes [start, end), deciphered from the block holding start. */
  range(start: number, end: number): Readable {
    const to = Math.min(end, this.size);
    if (to <= start) return Readable.from([]);
    const from = start - (start % 16);
    const decipher = createDecipheriv('aes-256-ctr', this.key, ctrIvAt(this.iv, from));
    let skip = start - from;
    const clear = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        const out = decipher.update(chunk);
        const cut = Math.min(skip, out.length);
        skip -= cut;
        callback(null, out.subarray(cut));
      },
    });
    const raw = createReadStream(this.path, { start: from, end: to - 1, highWaterMark: FLUSH });
    raw.on('error', (e) => clear.destroy(e));
    return raw.pipe(clear);
  }

  /** Handed to another thread (state()): this one's file handle is closed, the file left to the other. */
  release(): void {
    try { closeSync(this.fd); } catch { /* already closed */ }
  }

  dispose(): void {
    this.release();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
