import { bech32 } from '@scure/base';
import { Decrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { invalid } from '../core/errors';
import { fingerprint } from './fingerprint';

// age X25519 keys (EXCHANGE.md, Keys). X25519 only, never the post-quantum hybrid: stock age 1.1 must read what
// Tiaojie writes, and a key made by stock age-keygen must work in Tiaojie.

const RECIPIENT_PREFIX = 'age';
const IDENTITY_PREFIX = 'AGE-SECRET-KEY-1';

/** A new office identity (`AGE-SECRET-KEY-1…`) and its recipient (`age1…`). */
export async function generateIdentity(): Promise<{ identity: string; recipient: string }> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

// An X25519 private key as PKCS #8 is this fixed prefix and the 32-byte key (RFC 8410), as age-encryption imports it.
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

// X25519's base point u = 9: deriving with it proves the key works in this runtime's WebCrypto.
const X25519_BASE_POINT = Buffer.concat([Buffer.from([9]), Buffer.alloc(31)]);

/** The identity as a WebCrypto key, or null where WebCrypto has no X25519 (age-encryption then uses its own code). */
async function identityKey(identity: string): Promise<CryptoKey | null> {
  try {
    const { bytes } = bech32.decodeToBytes(identity as `${string}1${string}`);
    const key = await crypto.subtle.importKey('pkcs8', Buffer.concat([X25519_PKCS8_PREFIX, bytes]), { name: 'X25519' }, false, ['deriveBits']);
    const base = await crypto.subtle.importKey('raw', X25519_BASE_POINT, { name: 'X25519' }, false, []);
    await crypto.subtle.deriveBits({ name: 'X25519', public: base }, key, 256);
    return key;
  } catch {
    return null;
  }
}

/**
 * A decrypter for these identities, made once for many files: each identity imported once as a WebCrypto key, rather
 * than from its text for every file (age-encryption accepts X25519 CryptoKeys as identities).
 */
export async function decrypterFor(identities: string[]): Promise<Decrypter> {
  const decrypter = new Decrypter();
  for (const identity of identities.map(checkIdentity)) decrypter.addIdentity((await identityKey(identity)) ?? identity);
  return decrypter;
}

export async function recipientOf(identity: string): Promise<string> {
  return identityToRecipient(checkIdentity(identity));
}

/** The 32 raw bytes of an `age1…` recipient, or null when it is not one. */
function recipientBytes(recipient: string): Uint8Array | null {
  if (!recipient.startsWith('age1')) return null;
  try {
    const { prefix, bytes } = bech32.decodeToBytes(recipient as `${string}1${string}`);
    return prefix === RECIPIENT_PREFIX && bytes.length === 32 ? bytes : null;
  } catch {
    return null;
  }
}

/** The recipient, trimmed, or a validation error naming it. */
export function checkRecipient(recipient: string, path = 'recipient'): string {
  const r = recipient.trim();
  if (!recipientBytes(r)) {
    const shown = r.length > 24 ? `${r.slice(0, 24)}…` : r;
    const [key, why] = r.startsWith('age1pq1') ? ['recipientPostQuantum', '：这是后量子混合密钥，本系统只用 X25519 密钥（以 age1 开头、共 62 个字符），以便标准 age 工具能够解密']
      : r.startsWith('AGE-SECRET-KEY') ? ['recipientSecret', '：这是私钥，不能给出；请填写它对应的公钥（以 age1 开头）']
        : ['recipient', '：应为以 age1 开头、共 62 个字符的 age 公钥'];
    throw invalid([{ path, key: `validation.exchange.${key}`, message: `接收方公钥“${shown}”无效${why}`, params: { recipient: shown } }]);
  }
  return r;
}

export function checkRecipients(recipients: string[], path = 'recipients'): string[] {
  if (!recipients.length) throw invalid([{ path, key: 'validation.exchange.recipients', message: '请至少填写一个接收方公钥（市公共法律服务中心的 age1… 公钥）' }]);
  return recipients.map((r, i) => checkRecipient(r, `${path}.${i}`));
}

/** The fingerprint of an `age1…` recipient, as read aloud over the phone. */
export function recipientFingerprint(recipient: string): string {
  const bytes = recipientBytes(checkRecipient(recipient));
  return fingerprint(bytes!);
}

/** The identity, trimmed, or a validation error: an X25519 `AGE-SECRET-KEY-1…` only. */
export function checkIdentity(identity: string): string {
  const s = identity.trim();
  let ok = false;
  if (s.startsWith(IDENTITY_PREFIX)) {
    try {
      const { prefix, bytes } = bech32.decodeToBytes(s as `${string}1${string}`);
      ok = prefix.toUpperCase() === 'AGE-SECRET-KEY-' && bytes.length === 32;
    } catch { /* reported below */ }
  }
  if (!ok) throw invalid([{ path: 'identity', key: 'validation.exchange.identity', message: '私钥无效：应为 age-keygen 生成的以 AGE-SECRET-KEY-1 开头的 X25519 私钥' }]);
  return s;
}

/**
 * The identities in a key file as age-keygen writes it (`# created: …`, `# public key: age1…`, then one
 * `AGE-SECRET-KEY-1…` line); several keys may follow one another, blank lines and comments are skipped.
 */
export function parseIdentityFile(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (!lines.length) throw invalid([{ path: 'identity', key: 'validation.exchange.identityFile', message: '密钥文件中没有私钥（应有一行以 AGE-SECRET-KEY-1 开头）' }]);
  return lines.map((l, i) => {
    try {
      return checkIdentity(l);
    } catch {
      throw invalid([{ path: 'identity', key: 'validation.exchange.identityFileLine', message: `密钥文件第 ${i + 1} 个私钥无效：应为 age-keygen 生成的以 AGE-SECRET-KEY-1 开头的 X25519 私钥`, params: { n: i + 1 } }]);
    }
  });
}
