import { createHash } from 'node:crypto';

/**
 * A key's fingerprint as read aloud over the phone (EXCHANGE.md, Keys): SHA-256 of the raw 32-byte public key,
 * first 16 bytes, as 8 groups of 4 uppercase hex digits (`3F2A 9C01 …`). Same for Ed25519 and X25519 keys.
 */
export function fingerprint(raw32: Uint8Array): string {
  if (raw32.length !== 32) throw new Error(`a raw public key has 32 bytes, not ${raw32.length}`);
  const hex = createHash('sha256').update(raw32).digest('hex').slice(0, 32).toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}
