import { createInflateRaw, inflateRawSync, type InflateRaw } from 'node:zlib';
import type { FlateError, UnzipDecoder, UnzipDecoderConstructor } from 'fflate';

// Entries this small (the manifest, its signature, the statistics) are inflated at once, when their last byte comes.
const AT_ONCE_BELOW = 1 << 20;
// Compressed bytes queued for zlib before the reader waits (`caughtUp`): a package streams, it never piles up.
const QUEUED_LIMIT = 1 << 20;

// zlib's Buffer as the plain Uint8Array fflate's handler is typed with (the same bytes, no copy).
const view = (b: Buffer) => new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.length);
/** An entry inflated at once would have grown past its limit: the reader's zip bomb refusal. */
export class InflateLimit extends Error {
  code = 0;
}

const flateError = (e: unknown): FlateError => Object.assign(e instanceof Error ? e : new Error(String(e)), { code: 0 });

/**
 * Deflate for fflate's Unzip, done by Node's zlib rather than fflate's JavaScript: several times faster, and inflating
 * was the largest part of verifying a package. fflate still parses the archive. A large entry streams through zlib in
 * the background, so its data arrives after push() returns: the reader waits for `caughtUp` as it goes, and for
 * `finished` before it trusts any entry to be complete. One per archive.
 */
export function nativeInflate(limit: (compressedSize: number) => number): {
  decoder: UnzipDecoderConstructor; caughtUp(): Promise<void>; finished(): Promise<void>; stop(): void;
} {
  const streams = new Set<InflateRaw>();
  const ends = new Set<Promise<void>>();

  class NativeInflate implements UnzipDecoder {
    static compression = 8;
    ondata: UnzipDecoder['ondata'] = () => undefined;
    private readonly parts: Buffer[] = [];
    private readonly stream: InflateRaw | null = null;
    private readonly maxOutput: number = 0;

    constructor(_name: string, size?: number) {
      if (size !== undefined && size < AT_ONCE_BELOW) {
        this.maxOutput = limit(size);
        return;
      }
      const stream = (this.stream = createInflateRaw({ chunkSize: 64 << 10 }));
      streams.add(stream);
      stream.on('data', (data: Buffer) => this.ondata(null, view(data), false));
      const end = new Promise<void>((resolve) => {
        stream.once('end', () => { this.ondata(null, new Uint8Array(0), true); resolve(); });
        stream.once('error', (e) => { this.ondata(flateError(e), new Uint8Array(0), true); resolve(); });
        stream.once('close', resolve);
      }).finally(() => { streams.delete(stream); ends.delete(end); });
      ends.add(end);
    }

    push(chunk: Uint8Array, final: boolean): void {
      // A copy: zlib reads it later, and the chunk is a view into fflate's buffer.
      const bytes = Buffer.from(chunk);
      if (this.stream) {
        if (this.stream.destroyed) return;
        this.stream.write(bytes);
        if (final) this.stream.end();
        return;
      }
      this.parts.push(bytes);
      if (!final) return;
      let out: Buffer;
      try {
        out = inflateRawSync(Buffer.concat(this.parts), { maxOutputLength: this.maxOutput + 1 });
      } catch (e) {
        const tooLarge = (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
        this.ondata(tooLarge ? new InflateLimit('inflated past its limit') : flateError(e), new Uint8Array(0), true);
        return;
      }
      this.ondata(null, view(out), true);
    }

    terminate(): void {
      this.stream?.destroy();
    }
  }

  return {
    decoder: NativeInflate,
    async caughtUp() {
      for (const s of streams) {
        if (s.writableLength <= QUEUED_LIMIT) continue;
        await new Promise<void>((resolve) => {
          const done = () => { s.off('drain', done); s.off('close', done); resolve(); };
          s.on('drain', done);
          s.on('close', done);
        });
      }
    },
    async finished() {
      // The archive ended inside an entry: its stream never got its last byte; the entry stays incomplete.
      for (const s of streams) if (!s.writableEnded) s.destroy();
      while (ends.size) await Promise.all(ends);
    },
    stop() {
      for (const s of streams) s.destroy();
    },
  };
}
