import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decrypter } from 'age-encryption';
import { afterAll, describe, expect, it } from 'vitest';
import { ageEncrypt } from '../../electron/crypto/age-encrypt';
import { tempDir } from '../support/db';

// Our node:crypto age encrypter against the stock `age` command and age-encryption's decrypter, at every chunk edge.

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const keyFile = (name: string) => {
  const file = join(dir, `${name}.key`);
  execFileSync('age-keygen', ['-o', file], { stdio: 'ignore' });
  return { file, identity: execFileSync('grep', ['^AGE-SECRET-KEY', file], { encoding: 'utf8' }).trim(), recipient: execFileSync('age-keygen', ['-y', file], { encoding: 'utf8' }).trim() };
};
const one = keyFile('one');
const two = keyFile('two');

async function encrypt(recipients: string[], parts: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const b of ageEncrypt(recipients, parts)) out.push(b);
  return Buffer.concat(out);
}

describe('ageEncrypt', () => {
  const K = 64 * 1024;
  it.each([0, 1, K - 1, K, K + 1, 2 * K, 3 * K + 17])('%i bytes, in uneven parts, open in stock age and in age-encryption, with either recipient', async (n) => {
    const plain = randomBytes(n);
    const parts = [plain.subarray(0, Math.floor(n / 3)), plain.subarray(Math.floor(n / 3), n - 5), plain.subarray(Math.max(n - 5, Math.floor(n / 3)))];
    const file = join(dir, `p${n}.age`);
    writeFileSync(file, await encrypt([one.recipient, two.recipient], parts));
    for (const k of [one, two]) expect(execFileSync('age', ['-d', '-i', k.file, file], { maxBuffer: 1 << 26 }).equals(plain)).toBe(true);
    const d = new Decrypter();
    d.addIdentity(two.identity);
    expect(Buffer.from(await d.decrypt(await encrypt([two.recipient], parts))).equals(plain)).toBe(true);
  });

  it('refuses what is not an age X25519 recipient, and no recipient at all', async () => {
    await expect(encrypt(['age1nope'], [Buffer.from('x')])).rejects.toThrow();
    await expect(encrypt([], [Buffer.from('x')])).rejects.toThrow('接收方');
  });

  it('a flipped ciphertext byte is refused by stock age', async () => {
    const sealed = await encrypt([one.recipient], [randomBytes(1000)]);
    sealed[sealed.length - 20] ^= 1;
    const file = join(dir, 'flipped.age');
    writeFileSync(file, sealed);
    expect(() => execFileSync('age', ['-d', '-i', one.file, file], { stdio: 'pipe' })).toThrow();
  });
});
