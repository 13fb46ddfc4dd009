import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as edSign, verify as edVerify, type KeyObject } from 'node:crypto';

// The committee's signing key (EXCHANGE.md, Keys): Ed25519, kept as PEM (PKCS#8 private, SPKI public) so stock
// openssl reads it as it is.

// An Ed25519 SPKI is this fixed 12-byte prefix followed by the 32-byte key (RFC 8410).
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

// Public keys already parsed, by their PEM text: an office verifies many packages from the same hundred committees.
const parsed = new Map<string, KeyObject>();
const PARSED_MAX = 1024;

function publicKey(publicPem: string): KeyObject {
  let key = parsed.get(publicPem);
  if (!key) {
    key = createPublicKey(publicPem);
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(publicPem, key);
  }
  return key;
}

export function generateSigningKey(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

export function sign(privatePem: string, bytes: Uint8Array): Buffer {
  const key = createPrivateKey(privatePem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`签名密钥不是 Ed25519 密钥（而是 ${key.asymmetricKeyType}）`);
  return edSign(null, bytes, key);
}

/** False for a wrong signature and for anything that is not an Ed25519 public key or a 64-byte signature. */
export function verify(publicPem: string, bytes: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = publicKey(publicPem);
    if (key.asymmetricKeyType !== 'ed25519' || signature.length !== 64) return false;
    return edVerify(null, bytes, key, signature);
  } catch {
    return false;
  }
}

/** The 32 raw bytes of an Ed25519 public key (what fingerprints and key comparisons use: PEM text can differ). */
export function rawPublicKey(publicPem: string): Buffer {
  const key = publicKey(publicPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`公钥不是 Ed25519 公钥（而是 ${key.asymmetricKeyType}）`);
  const der = key.export({ format: 'der', type: 'spki' });
  if (der.length !== 44 || !der.subarray(0, 12).equals(ED25519_SPKI_PREFIX)) throw new Error('Ed25519 公钥的编码不符合 RFC 8410');
  return der.subarray(12);
}

/** The SPKI PEM of the public half of a PKCS#8 private key. */
export function publicPemOf(privatePem: string): string {
  return createPublicKey(createPrivateKey(privatePem)).export({ format: 'pem', type: 'spki' }).toString();
}
