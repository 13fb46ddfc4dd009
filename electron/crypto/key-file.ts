import { createCipheriv, createDecipheriv, randomBytes, randomInt, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { z } from 'zod';

const scrypt = promisify(scryptCb) as (pw: string | Buffer, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

/**
 * The database is encrypted with a random 32-byte data key. The key file beside the database
 * holds that key wrapped (AES-256-GCM) by the recovery passphrase through scrypt, and, in
 * Electron, also by safeStorage, so the app opens without typing anything.
 */
const KdfSchema = z.object({ name: z.literal('scrypt'), N: z.number(), r: z.number(), p: z.number(), salt: z.string() });
const SealedSchema = z.object({ iv: z.string(), tag: z.string(), data: z.string() });
const KeyFileSchema = z.object({
  format: z.literal('tiaojie-keys'),
  version: z.literal(1),
  passphrase: z.object({ kdf: KdfSchema, sealed: SealedSchema }),
  // safeStorage output, base64: only Electron can open it.
  safeStorage: z.string().optional(),
  // Recovery escrow (off by default): the data key encrypted to the city office's age recipient, armored age.
  escrow: z.object({
    recipient: z.string(), fingerprint: z.string(), enabledAt: z.string(), age: z.string(),
    committee: z.object({ code: z.string(), name: z.string() }).optional(),
  }).optional(),
  // Set by the office's `office recover-key`: this file was rewrapped from the escrow (audited on the next unlock).
  recovered: z.object({ at: z.string(), officeFingerprint: z.string() }).optional(),
});
export type KeyFile = z.infer<typeof KeyFileSchema>;

// 2^17 × 8 × 128 B = 128 MiB of memory, ~0.3 s: slow for guessing, tolerable once per unlock.
const SCRYPT = { N: 2 ** 17, r: 8, p: 1 };
const scryptOpts = (k: { N: number; r: number; p: number }) => ({ ...k, maxmem: 256 * 1024 * 1024 });

export class WrongPassphraseError extends Error {
  constructor() { super('wrong recovery passphrase'); }
}

const seal = (key: Buffer, plain: Buffer) => {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([c.update(plain), c.final()]);
  return { iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), data: data.toString('base64') };
};

const open = (key: Buffer, s: z.infer<typeof SealedSchema>): Buffer => {
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(s.iv, 'base64'));
  d.setAuthTag(Buffer.from(s.tag, 'base64'));
  return Buffer.concat([d.update(Buffer.from(s.data, 'base64')), d.final()]);
};

/**
 * Unicode-normalised and trimmed, so the same words typed on another PC give the same key. A
 * generated recovery passphrase is read back forgivingly: any case, dashes or spaces or neither.
 */
export function normalisePassphrase(passphrase: string): string {
  const text = passphrase.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const bare = text.replace(/[\s-]/g, '').toUpperCase();
  if (bare.length === 40 && [...bare].every((c) => ALPHABET.includes(c))) return bare.match(/.{5}/g)!.join('-');
  return text;
}
const normalise = normalisePassphrase;

export async function wrapWithPassphrase(dataKey: Buffer, passphrase: string): Promise<KeyFile['passphrase']> {
  const salt = randomBytes(16);
  const kek = await scrypt(normalise(passphrase), salt, 32, scryptOpts(SCRYPT));
  return { kdf: { name: 'scrypt', ...SCRYPT, salt: salt.toString('base64') }, sealed: seal(kek, dataKey) };
}

export async function unwrapWithPassphrase(file: KeyFile, passphrase: string): Promise<Buffer> {
  const { kdf, sealed } = file.passphrase;
  const kek = await scrypt(normalise(passphrase), Buffer.from(kdf.salt, 'base64'), 32, scryptOpts(kdf));
  try {
    return open(kek, sealed);
  } catch {
    throw new WrongPassphraseError();
  }
}

export const newDataKey = (): Buffer => randomBytes(32);

export const keyFilePath = (dbPath: string) => `${dbPath}.keys.json`;

export function readKeyFile(dbPath: string): KeyFile | null {
  const p = keyFilePath(dbPath);
  if (!existsSync(p)) return null;
  return KeyFileSchema.parse(JSON.parse(readFileSync(p, 'utf8')));
}

/** A key file's text (one given to the office for `office recover-key`), checked. */
export const parseKeyFile = (text: string): KeyFile => KeyFileSchema.parse(JSON.parse(text));

/** Written to a temporary file and renamed, so a crash never leaves half a key file. */
export function writeKeyFile(dbPath: string, file: KeyFile): void {
  const p = keyFilePath(dbPath);
  writeFileSync(`${p}.tmp`, JSON.stringify(file, null, 2), { mode: 0o600 });
  renameSync(`${p}.tmp`, p);
}

export async function createKeyFile(passphrase: string): Promise<{ file: KeyFile; dataKey: Buffer }> {
  const dataKey = newDataKey();
  return { dataKey, file: { format: 'tiaojie-keys', version: 1, passphrase: await wrapWithPassphrase(dataKey, passphrase) } };
}

// Crockford base32 without look-alikes: easy to copy onto paper and type back.
const ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

/** A recovery passphrase of 8 groups of 5 characters (~196 bits), shown once at set-up. */
export function generateRecoveryPassphrase(): string {
  const groups: string[] = [];
  for (let g = 0; g < 8; g++) {
    let s = '';
    for (let i = 0; i < 5; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

export const sameKey = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);
