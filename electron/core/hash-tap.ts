import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';

/** A pass-through that hashes and counts the bytes written through it (a file's SHA-256 for its audit record). */
export function hashTap(): { tap: Transform; result(): { sha256: string; bytes: number } } {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { tap, result: () => ({ sha256: hash.digest('hex'), bytes }) };
}
