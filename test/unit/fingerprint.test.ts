import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bech32 } from '@scure/base';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRecipient, generateIdentity, parseIdentityFile, recipientFingerprint } from '../../electron/crypto/age';
import { fingerprint } from '../../electron/crypto/fingerprint';
import { generateSigningKey, rawPublicKey, sign, verify } from '../../electron/crypto/signing';
import { FINGERPRINT_PATTERN } from '../../shared/domain/exchange';

const dir = mkdtempSync(join(tmpdir(), 'tiaojie-fp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sh = (cmd: string, args: string[], input?: Buffer) => execFileSync(cmd, args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
/** The fingerprint as stock tools compute it: sha256sum of the raw key, first 32 hex digits, grouped by 4. */
const stock = (raw: Buffer) => sh('sha256sum', [], raw).toString().slice(0, 32).toUpperCase().match(/.{4}/g)!.join(' ');

describe('key fingerprints (EXCHANGE.md, Keys)', () => {
  it('is SHA-256 of the raw key, first 16 bytes, 8 groups of 4 uppercase hex digits', () => {
    // sha256 of 32 zero bytes = 66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925
    expect(fingerprint(new Uint8Array(32))).toBe('6668 7AAD F862 BD77 6C8F C18B 8E9F 8E20');
    expect(fingerprint(new Uint8Array(32))).toMatch(FINGERPRINT_PATTERN);
    expect(() => fingerprint(new Uint8Array(31))).toThrow();
  });

  it('of an Ed25519 signing key: the raw key openssl extracts, hashed by sha256sum', () => {
    const key = generateSigningKey();
    writeFileSync(join(dir, 'pub.pem'), key.publicPem);
    const der = sh('openssl', ['pkey', '-pubin', '-in', join(dir, 'pub.pem'), '-outform', 'DER']);
    const raw = der.subarray(der.length - 32);
    expect(rawPublicKey(key.publicPem)).toEqual(raw);
    expect(fingerprint(rawPublicKey(key.publicPem))).toBe(stock(raw));
  });

  it('of an age recipient: the X25519 public key openssl derives from the identity', async () => {
    const { identity, recipient } = await generateIdentity();
    const secret = Buffer.from(bech32.decodeToBytes(identity.toLowerCase() as `${string}1${string}`).bytes);
    // PKCS#8 of an X25519 private key (RFC 8410): fixed prefix, then the 32 bytes.
    const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b656e04220420', 'hex'), secret]);
    writeFileSync(join(dir, 'x.der'), pkcs8);
    const pub = sh('openssl', ['pkey', '-inform', 'DER', '-in', join(dir, 'x.der'), '-pubout', '-outform', 'DER']);
    expect(recipientFingerprint(recipient)).toBe(stock(pub.subarray(pub.length - 32)));
  });
});

describe('age keys and Ed25519 signatures', () => {
  it('refuses a recipient that is not an X25519 age1… key, naming it', () => {
    expect(checkRecipient('  age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p \n')).toBe('age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p');
    expect(() => checkRecipient('age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8q')).toThrow(/接收方公钥“age1ql3z7hjy54pw3hyww5ay…”无效/);
    expect(() => checkRecipient('AGE-SECRET-KEY-1QQQ')).toThrow(/这是私钥/);
    expect(() => checkRecipient('ssh-ed25519 AAAA')).toThrow(/ssh-ed25519 AAAA/);
  });

  it('reads age-keygen key files: comments skipped, several keys, a bad line refused', async () => {
    const a = await generateIdentity();
    const b = await generateIdentity();
    expect(parseIdentityFile(`# created: 2026-11-27T08:00:00+08:00\n# public key: ${a.recipient}\n${a.identity}\n\n${b.identity}\r\n`)).toEqual([a.identity, b.identity]);
    expect(() => parseIdentityFile('# only a comment\n')).toThrow(/没有私钥/);
    expect(() => parseIdentityFile(`${a.identity}\nAGE-SECRET-KEY-1XYZ\n`)).toThrow(/第 2 个私钥无效/);
  });

  it('signs and verifies; a changed byte or another key fails', () => {
    const key = generateSigningKey();
    const other = generateSigningKey();
    const bytes = Buffer.from('{"format":"tiaojie-exchange"}\n');
    const sig = sign(key.privatePem, bytes);
    expect(sig).toHaveLength(64);
    expect(verify(key.publicPem, bytes, sig)).toBe(true);
    expect(verify(other.publicPem, bytes, sig)).toBe(false);
    expect(verify(key.publicPem, Buffer.from('{"format":"tiaojie-exchange"} \n'), sig)).toBe(false);
    expect(verify(key.publicPem, bytes, sig.subarray(0, 63))).toBe(false);
    expect(verify('not a key', bytes, sig)).toBe(false);
  });
});
