import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
