import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decrypter, Encrypter } from 'age-encryption';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPackage, readManifest, type OpenOptions } from '../../electron/core/exchange/package/read';
import { refusalOf } from '../../electron/core/exchange/package/refusal';
import type { AppFailure } from '../../electron/core/errors';
import { NdjsonChunk, writePackage, type PackageInput } from '../../electron/core/exchange/package/write';
import { generateIdentity, parseIdentityFile, recipientOf } from '../../electron/crypto/age';
import { generateSigningKey, sign } from '../../electron/crypto/signing';
import { RECORD_FILES, type Manifest, type RecordFile, type Refusal } from '../../shared/domain/exchange';
import { tempDir } from '../support/db';
import { expectRefusalText } from '../support/refusal-text';

// The package of EXCHANGE.md end to end: real files, real age/Ed25519, and the stock tools an office would use.
const tmp = tempDir();
const spools = join(tmp.dir, 'spools');
const CODE = '330383-001';
const committee = generateSigningKey();
const stranger = generateSigningKey();
let office: { identity: string; recipient: string };
let backup: { identity: string; recipient: string };
let n = 0;
const file = (name = 'pkg') => join(tmp.dir, `${name}-${++n}.tiaojie.age`);
const sh = (cmd: string, args: string[], opts: { cwd?: string } = {}) => execFileSync(cmd, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  // Spools go to os.tmpdir(): pointed at a folder of this test's own, so close() can be seen emptying it.
  mkdirSync(spools);
  process.env.TMPDIR = spools;
  office = await generateIdentity();
  backup = await generateIdentity();
});
afterAll(tmp.cleanup);

/** Synthetic records: every line has uuid, revision and updated_at; a deletion now and then; Chinese text. */
function recordsOf(file: RecordFile, count: number, padding = 0): object[] {
  return Array.from({ length: count }, (_, i) => i % 7 === 6
    ? { uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, deleted: true, revision: i + 1 }
    : {
      uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, revision: i + 1, updated_at: `2026-11-${String(1 + (i % 27)).padStart(2, '0')}T08:00:00.000Z`,
      file, note: `楼上住户夜间噪音影响楼下休息 第${i}条`, amount: i * 100.5, tags: ['邻里', i % 2 ? '噪音' : '漏水'],
      ...(padding ? { noise: randomBytes(padding).toString('hex') } : {}),
    });
}

const STATISTICS = { months: [{ month: '2026-11', accepted: 12, success: 9, failed: 1, rate: 0.9 }], generated: '2026-11-27' };

function input(over: Partial<PackageInput> & { count?: number; padding?: number; key?: typeof committee } = {}): PackageInput {
  const key = over.key ?? committee;
  const records = Object.fromEntries(RECORD_FILES.map((f, i) => [f, () => recordsOf(f, (over.count ?? 20) + i, over.padding)])) as unknown as PackageInput['records'];
  return {
    recipients: [office.recipient],
    signingPrivateKeyPem: key.privatePem,
    manifest: {
      committee: { code: CODE, name: '白沙社区人民调解委员会', signing_public_key_pem: key.publicPem },
      station: 'st-7f3a2c', sequence: 3, previous_sha256: 'a'.repeat(64), created_at: '2026-11-27T08:30:00.000Z', level: 'full',
      range: { kind: 'since_last', after_revision: 100, to_revision: 180 },
    },
    records, statistics: STATISTICS, ...over,
  };
}

const options = (over: Partial<OpenOptions> = {}): OpenOptions => ({
  identities: [office.identity], pinnedKey: (code) => (code === CODE ? committee.publicPem : null), ...over,
});

async function written(over: Parameters<typeof input>[0] = {}) {
  const out = file();
  const result = await writePackage(out, input(over));
  return { out, ...result };
}

/** What readManifest makes of a file: its refusal's key, or 'read' when the manifest verified. */
const manifestRead = (path: string, opts: OpenOptions) => readManifest(path, opts).then(() => 'read', (e: unknown) => {
  if (!(e instanceof Error) || !('key' in e)) throw e;
  return (e as AppFailure).key;
});

/**
 * The refusal of a package; every one is also checked to have its text in both languages (test/support/refusal-text.ts).
 * readManifest, which reads only the start of the file, either refuses it the same way or finds its manifest sound
 * (`early` says which): the damage is then further on, and only openPackage sees it.
 */
async function refusal(path: string, opts: OpenOptions = options()): Promise<{ code: Refusal | null; message: string; key: string; early: boolean }> {
  try {
    const pkg = await openPackage(path, opts);
    pkg.close();
  } catch (e) {
    expectRefusalText(e as AppFailure, refusalOf(e) ?? 'not a refusal');
    const key = (e as AppFailure).key;
    const early = await manifestRead(path, opts);
    if (early !== 'read') expect(early).toBe(key);
    return { code: refusalOf(e), message: (e as Error).message, key, early: early !== 'read' };
  }
  throw new Error('the package was accepted');
}

/** Decrypts and unzips a package, lets the test change its entries, then zips and encrypts it again to the office. */
async function repack(path: string, edit: (entries: [string, Uint8Array][]) => [string, Uint8Array][]): Promise<string> {
  const d = new Decrypter();
  d.addIdentity(office.identity);
  const entries = Object.entries(unzipSync(await d.decrypt(readFileSync(path))));
  const e = new Encrypter();
  e.addRecipient(office.recipient);
  const out = file('repacked');
  writeFileSync(out, await e.encrypt(zipSync(Object.fromEntries(edit(entries)))));
  return out;
}
const text = (entries: [string, Uint8Array][], name: string) => Buffer.from(entries.find(([n]) => n === name)![1]).toString('utf8');
const replace = (entries: [string, Uint8Array][], name: string, content: string | Uint8Array) =>
  entries.map(([n, b]): [string, Uint8Array] => [n, n === name ? (typeof content === 'string' ? Buffer.from(content) : content) : b]);
/** The manifest changed and signed again with a key (the committee's own unless said): only what follows the signature can catch it. */
function resign(entries: [string, Uint8Array][], change: (m: Manifest) => void, key = committee): [string, Uint8Array][] {
  const m = JSON.parse(text(entries, 'manifest.json')) as Manifest;
  change(m);
  const bytes = Buffer.from(`${JSON.stringify(m, null, 2)}\n`);
  return replace(replace(entries, 'manifest.json', bytes), 'manifest.sig', sign(key.privatePem, bytes).toString('base64'));
}

describe('exchange package: round trip', () => {
  it('gives back exactly the records and statistics written, verified, held in memory or in spools that close() removes', async () => {
    const { out, manifest, sha256: written256, bytes } = await written({ count: 300 });
    expect(readdirSync(spools)).toEqual([]); // the writer's spools are gone too
    expect(statSync(out).size).toBe(bytes);
    expect(sha256(readFileSync(out))).toBe(written256);
    expect(existsSync(`${out}.part`)).toBe(false);

    // Record files this small stay in memory; with no room in memory, each waits on disk, encrypted.
    for (const inMemory of [undefined, 0]) {
      const pkg = await openPackage(out, options({ inMemory }));
      expect(pkg.manifest).toEqual(manifest);
      expect(await readManifest(out, options())).toEqual(manifest);
      expect(pkg.sha256).toBe(written256);
      expect(pkg.bytes).toBe(bytes);
      expect(pkg.statistics()).toEqual(STATISTICS);
      for (const [i, f] of RECORD_FILES.entries()) {
        const got: unknown[] = [];
        for await (const r of pkg.records(f)) got.push(r);
        expect(got).toEqual(recordsOf(f, 300 + i));
      }
      // Read twice: the bytes are kept until close().
      let again = 0;
      for await (const _ of pkg.records('cases.ndjson')) again++;
      expect(again).toBe(301);
      const held = readdirSync(spools);
      if (inMemory === 0) {
        expect(held).toHaveLength(RECORD_FILES.length);
        // Encrypted: no line of the file is on the disk in clear.
        const [one] = held;
        const onDisk = readFileSync(join(spools, one, readdirSync(join(spools, one))[0]));
        expect(onDisk.includes(Buffer.from('楼上住户夜间噪音'))).toBe(false);
        expect(onDisk.includes(Buffer.from('"revision"'))).toBe(false);
      } else expect(held).toEqual([]);
      pkg.close();
      expect(readdirSync(spools)).toEqual([]);
    }
  });

  it('lists the files in order with their hash and count, and writes the ZIP in the order of EXCHANGE.md', async () => {
    const { out, manifest } = await written();
    expect(manifest.files.map((f) => f.name)).toEqual([...RECORD_FILES, 'statistics.json']);
    expect(manifest.files.map((f) => f.records)).toEqual([...RECORD_FILES.map((_, i) => 20 + i), 1]);
    const dir = join(tmp.dir, 'order');
    mkdirSync(dir);
    sh('age', ['-d', '-i', writeKey(office.identity), '-o', join(dir, 'p.zip'), out]);
    expect(sh('unzip', ['-Z1', 'p.zip'], { cwd: dir }).toString().trim().split('\n')).toEqual(['manifest.json', 'manifest.sig', ...RECORD_FILES, 'statistics.json']);
    // Sizes in the local headers, no data descriptors: a streaming reader counts bytes instead of hunting for a signature.
    const verbose = sh('unzip', ['-Zv', 'p.zip'], { cwd: dir }).toString();
    expect(verbose.match(/extended local header:\s+no/g)).toHaveLength(RECORD_FILES.length + 3);
  });

  it('streams a package larger than one age chunk with many records', async () => {
    const { out } = await written({ count: 3000, padding: 24 });
    expect(statSync(out).size).toBeGreaterThan(4 * 65536);
    const pkg = await openPackage(out, options());
    let count = 0;
    let last: unknown;
    for await (const r of pkg.records('sweeps.ndjson')) { count++; last = r; }
    expect(count).toBe(3006);
    expect(last).toMatchObject({ uuid: '00000000-0000-4000-8000-000000003005', revision: 3006 });
    pkg.close();
  });
});

const keys: string[] = [];
function writeKey(identity: string): string {
  const path = join(tmp.dir, `key-${keys.length}.txt`);
  writeFileSync(path, `# created: 2026-11-27T08:00:00Z\n# public key: (test)\n${identity}\n`, { mode: 0o600 });
  keys.push(path);
  return path;
}

describe('exchange package: stock tools', () => {
  it('is decrypted by age, unzipped by unzip, its signature verified by openssl and its hashes by sha256sum', async () => {
    const { out, manifest } = await written({ count: 50 });
    const dir = join(tmp.dir, 'stock');
    mkdirSync(dir);
    sh('age', ['-d', '-i', writeKey(office.identity), '-o', join(dir, 'p.zip'), out]);
    sh('unzip', ['-q', 'p.zip'], { cwd: dir });
    writeFileSync(join(dir, 'sig.bin'), Buffer.from(readFileSync(join(dir, 'manifest.sig'), 'utf8'), 'base64'));
    writeFileSync(join(dir, 'pub.pem'), committee.publicPem);
    const verified = sh('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'pub.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'sig.bin'], { cwd: dir }).toString();
    expect(verified).toContain('Signature Verified Successfully');
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toEqual(manifest);
    const sums = new Map(sh('sha256sum', manifest.files.map((f) => f.name), { cwd: dir }).toString().trim().split('\n').map((l) => {
      const [hash, name] = l.split(/\s+\*?/);
      return [name, hash] as const;
    }));
    for (const f of manifest.files) expect(sums.get(f.name), f.name).toBe(f.sha256);
    for (const f of manifest.files.filter((x) => x.name.endsWith('.ndjson'))) {
      expect(Number(sh('wc', ['-l', f.name], { cwd: dir }).toString().trim().split(' ')[0]), f.name).toBe(f.records);
    }
    // And openssl refuses the same signature over a changed manifest: the check above means something.
    writeFileSync(join(dir, 'manifest.json'), readFileSync(join(dir, 'manifest.json'), 'utf8').replace('"sequence": 3', '"sequence": 4'));
    expect(() => sh('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'pub.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'sig.bin'], { cwd: dir })).toThrow();
  });

  it('keeps many runs in order while zlib deflates several at once: stock unzip checks every CRC and gives the bytes back', async () => {
    // 60 chunks of different sizes (and plain records between them), so several deflates are in flight at a time.
    const lines: string[] = [];
    const source = function* () {
      for (let c = 0; c < 60; c++) {
        const chunk = Array.from({ length: 100 + c * 13 }, (_, i) => JSON.stringify({ uuid: `run-${c}-${i}`, revision: c * 10_000 + i, note: `第${c}段第${i}行 ${randomBytes(20 + (i % 50)).toString('hex')}` }));
        lines.push(...chunk);
        yield new NdjsonChunk(Buffer.from(`${chunk.join('\n')}\n`, 'utf8'), chunk.length);
        if (c % 9 === 0) {
          const plain = { uuid: `plain-${c}`, revision: c };
          lines.push(JSON.stringify(plain));
          yield plain;
        }
      }
    };
    const base = input();
    const out = file();
    const { manifest } = await writePackage(out, { ...base, records: { ...base.records, 'sessions.ndjson': source } });
    const dir = join(tmp.dir, 'runs');
    mkdirSync(dir);
    sh('age', ['-d', '-i', writeKey(office.identity), '-o', join(dir, 'p.zip'), out]);
    expect(sh('unzip', ['-tq', 'p.zip'], { cwd: dir }).toString()).toContain('No errors detected');
    sh('unzip', ['-q', 'p.zip', 'sessions.ndjson'], { cwd: dir });
    const bytes = readFileSync(join(dir, 'sessions.ndjson'));
    expect(bytes.toString('utf8')).toBe(`${lines.join('\n')}\n`);
    expect(manifest.files.find((f) => f.name === 'sessions.ndjson')).toMatchObject({ records: lines.length, sha256: sha256(bytes) });
  });

  it('opens with an identity made by stock age-keygen', async () => {
    const keyFile = join(tmp.dir, 'age-keygen.txt');
    sh('age-keygen', ['-o', keyFile]);
    const [identity, ...more] = parseIdentityFile(readFileSync(keyFile, 'utf8'));
    expect(more).toEqual([]);
    const recipient = sh('age-keygen', ['-y', keyFile]).toString().trim();
    expect(await recipientOf(identity)).toBe(recipient);
    const { out } = await written({ recipients: [recipient] });
    const pkg = await openPackage(out, options({ identities: [identity] }));
    expect(pkg.manifest.committee.code).toBe(CODE);
    pkg.close();
    // And a file stock age encrypts to Tiaojie's generated recipient, Tiaojie's identity decrypts.
    const plain = join(tmp.dir, 'plain.txt');
    writeFileSync(plain, '市公共法律服务中心');
    const enc = join(tmp.dir, 'plain.age');
    sh('age', ['-r', office.recipient, '-o', enc, plain]);
    const d = new Decrypter();
    d.addIdentity(office.identity);
    expect(await d.decrypt(readFileSync(enc), 'text')).toBe('市公共法律服务中心');
  });

  it('encrypted to two recipients, opens with either key, in Tiaojie and in stock age', async () => {
    const { out } = await written({ recipients: [office.recipient, backup.recipient] });
    for (const identity of [office.identity, backup.identity]) {
      const pkg = await openPackage(out, options({ identities: [identity] }));
      expect(pkg.manifest.sequence).toBe(3);
      pkg.close();
      expect(sh('age', ['-d', '-i', writeKey(identity), out]).subarray(0, 2).toString()).toBe('PK');
    }
    // Only X25519 stanzas: stock age 1.1 reads it, and nothing post-quantum slipped in.
    const header = readFileSync(out).subarray(0, 400).toString('latin1');
    expect(header.match(/^-> X25519 /gm)).toHaveLength(2);
  });
});

describe('exchange package: writing', () => {
  it('refuses a bad recipient naming it, and leaves nothing behind', async () => {
    const out = file();
    await expect(writePackage(out, input({ recipients: [office.recipient, 'age1notakey'] }))).rejects.toThrow(/age1notakey/);
    expect(existsSync(out) || existsSync(`${out}.part`)).toBe(false);
  });

  it('removes the .part file and the spools when a record source fails half way', async () => {
    const out = file();
    const base = input({ count: 500 });
    const failing = {
      ...base,
      records: {
        ...base.records,
        'sessions.ndjson': function* () { yield* recordsOf('sessions.ndjson', 200); throw new Error('数据库读取失败'); },
      },
    };
    await expect(writePackage(out, failing)).rejects.toThrow('数据库读取失败');
    expect(existsSync(out) || existsSync(`${out}.part`)).toBe(false);
    expect(readdirSync(spools)).toEqual([]);
  });
});

describe('exchange package: refusals', () => {
  let good: string;
  let big: string;
  beforeAll(async () => {
    good = (await written({ count: 40 })).out;
    big = (await written({ count: 2000, padding: 24 })).out;
    expect(statSync(big).size).toBeGreaterThan(3 * 65552);
  });
  const damagedCopy = (from: string, change: (b: Buffer) => void) => {
    const b = readFileSync(from);
    change(b);
    const out = file('changed');
    writeFileSync(out, b);
    return out;
  };
  const headerEnd = (b: Buffer) => b.indexOf('\n', b.indexOf('\n--- ') + 1) + 1;

  afterAll(() => expect(readdirSync(spools)).toEqual([])); // no refusal leaves a spool behind

  it('a package for another office: wrong_key', async () => {
    const other = await generateIdentity();
    const r = await refusal(good, options({ identities: [other.identity] }));
    expect(r.code).toBe('wrong_key');
    expect(r.message).toMatch(/不是发给本中心的/);
    expect(r.message).toContain(good.split('/').pop());
  });

  it('a flipped byte in the header (its MAC): damaged', async () => {
    const out = damagedCopy(good, (b) => { b[headerEnd(b) - 5] ^= 0x01; });
    const r = await refusal(out);
    expect(r.code).toBe('damaged');
    expect(r.message).toMatch(/已损坏.*文件头/);
  });

  it('a flipped byte in the body: damaged (one chunk, and an early chunk of a long package)', async () => {
    for (const [from, at] of [[good, (b: Buffer) => Math.floor((headerEnd(b) + b.length) / 2)], [big, (b: Buffer) => headerEnd(b) + 16 + 1000]] as const) {
      const out = damagedCopy(from, (b) => { b[at(b)] ^= 0x40; });
      const r = await refusal(out);
      expect(r.code).toBe('damaged');
      expect(r.message).toMatch(/已损坏/);
    }
  });

  it('a truncated file: truncated (in the header, mid-chunk, at a chunk boundary, in the last chunk)', async () => {
    const cuts: [string, (b: Buffer) => number][] = [
      [good, (b) => headerEnd(b) - 20],
      [good, (b) => headerEnd(b) + 8],
      [good, (b) => b.length - 30],
      [big, (b) => headerEnd(b) + 16 + 2 * 65552],
      [big, (b) => headerEnd(b) + 16 + 65552 + 300],
      [big, (b) => b.length - 1],
    ];
    for (const [from, at] of cuts) {
      const out = damagedCopy(from, () => undefined);
      truncateSync(out, at(readFileSync(out)));
      const r = await refusal(out);
      expect(r.code, `cut at ${at(readFileSync(from))}`).toBe('truncated');
      expect(r.message).toMatch(/不完整.*截断/);
    }
  });

  it('a file that is not age at all: not_age', async () => {
    for (const content of [Buffer.from('PK\x03\x04 a zip, not encrypted'), Buffer.alloc(0), Buffer.from('age-encryption.org/v2\n')]) {
      const out = file('plain');
      writeFileSync(out, content);
      const r = await refusal(out);
      expect(r.code).toBe('not_age');
      expect(r.message).toMatch(/不是 age 加密文件/);
    }
  });

  it('the manifest edited after signing: bad_signature', async () => {
    const out = await repack(good, (entries) => replace(entries, 'manifest.json', text(entries, 'manifest.json').replace('"sequence": 3', '"sequence": 2')));
    const r = await refusal(out);
    expect(r.code).toBe('bad_signature');
    expect(r.message).toMatch(/签名验证失败/);
  });

  it('the pinned key named in the manifest but the signature made by another key: bad_signature', async () => {
    const out = await repack(good, (entries) => resign(entries, (m) => { m.sequence = 9; }, stranger));
    expect((await refusal(out)).code).toBe('bad_signature');
  });

  it('a file swapped inside the archive: hash_mismatch naming it', async () => {
    const out = await repack(good, (entries) => replace(entries, 'cases.ndjson', text(entries, 'cases.ndjson').replace('第3条', '第9条')));
    const r = await refusal(out);
    expect(r.code).toBe('hash_mismatch');
    expect(r.message).toMatch(/cases\.ndjson.*SHA-256/);
  });

  it('statistics.json changed: hash_mismatch', async () => {
    const out = await repack(good, (entries) => replace(entries, 'statistics.json', text(entries, 'statistics.json').replace('"success": 9', '"success": 12')));
    const r = await refusal(out);
    expect(r.code).toBe('hash_mismatch');
    expect(r.message).toContain('statistics.json');
  });

  it('a record count changed in a validly signed manifest: hash_mismatch naming the counts', async () => {
    const out = await repack(good, (entries) => resign(entries, (m) => { m.files[2].records += 1; }));
    const r = await refusal(out);
    expect(r.code).toBe('hash_mismatch');
    expect(r.message).toMatch(/parties\.ndjson 有 42 条记录.*43 条/);
  });

  it('signed by a committee key other than the pinned one: key_mismatch', async () => {
    const { out } = await written({ key: stranger });
    const r = await refusal(out);
    expect(r.code).toBe('key_mismatch');
    expect(r.message).toMatch(/与本中心为委员会.*登记的公钥不一致/);
    expect(r.message).toContain(CODE);
  });

  it('the pinned key compared as a key, not as PEM text', async () => {
    const reflowed = committee.publicPem.replace(/\n/g, '\r\n');
    const pkg = await openPackage(good, options({ pinnedKey: () => reflowed }));
    pkg.close();
  });

  it('a committee the office has not registered: unregistered', async () => {
    const r = await refusal(good, options({ pinnedKey: () => null }));
    expect(r.code).toBe('unregistered');
    expect(r.message).toMatch(/尚未在本中心登记/);
    expect(r.message).toContain(CODE);
  });

  it('an unknown format version: unknown_version, before anything else in the manifest is read', async () => {
    const out = await repack(good, (entries) => replace(entries, 'manifest.json', JSON.stringify({ format: 'tiaojie-exchange', version: 2, everything: 'else' })));
    const r = await refusal(out);
    expect(r.code).toBe('unknown_version');
    expect(r.message).toMatch(/版本 2/);
    const other = await repack(good, (entries) => replace(entries, 'manifest.json', JSON.stringify({ format: 'other', version: 1 })));
    expect((await refusal(other)).code).toBe('unknown_version');
  });

  it('a manifest that does not follow the schema: bad_manifest naming the field', async () => {
    const out = await repack(good, (entries) => resign(entries, (m) => { m.sequence = 0; }));
    const r = await refusal(out);
    expect(r.code).toBe('bad_manifest');
    expect(r.message).toContain('sequence');
  });

  it('manifest.sig missing: bad_archive', async () => {
    const out = await repack(good, (entries) => entries.filter(([name]) => name !== 'manifest.sig'));
    const r = await refusal(out);
    expect(r.code).toBe('bad_archive');
    expect(r.message).toContain('manifest.sig');
  });

  it('a listed file missing: bad_archive', async () => {
    const out = await repack(good, (entries) => entries.filter(([name]) => name !== 'followups.ndjson'));
    const r = await refusal(out);
    expect(r.code).toBe('bad_archive');
    expect(r.message).toContain('followups.ndjson');
  });

  it('an unlisted extra entry, or one with a path: bad_archive', async () => {
    for (const name of ['notes.txt', '../cases.ndjson', 'x/cases.ndjson']) {
      const out = await repack(good, (entries) => [...entries, [name, Buffer.from('{}\n')]]);
      const r = await refusal(out);
      expect(r.code, name).toBe('bad_archive');
      expect(r.message).toContain(name);
    }
  });

  it('a known record file present but not listed in the manifest: bad_archive', async () => {
    const out = await repack(good, (entries) => resign(entries, (m) => { m.files = m.files.filter((f) => f.name !== 'sweeps.ndjson'); }));
    const r = await refusal(out);
    expect(r.code).toBe('bad_archive');
    expect(r.message).toMatch(/清单未列出的文件 sweeps\.ndjson/);
  });

  it('encrypted content that is not a ZIP: bad_archive', async () => {
    const e = new Encrypter();
    e.addRecipient(office.recipient);
    const out = file('notzip');
    writeFileSync(out, await e.encrypt('这不是压缩包'));
    expect((await refusal(out)).code).toBe('bad_archive');
  });

  it('the manifest or its parts unusable: each its own message, in both languages', async () => {
    const cases: [string, (entries: [string, Uint8Array][]) => [string, Uint8Array][]][] = [
      ['bad_archive.noManifest', (entries) => entries.filter(([name]) => name !== 'manifest.json')],
      ['bad_manifest.json', (entries) => replace(entries, 'manifest.json', '{"format": ')],
      ['bad_manifest.signingKey', (entries) => resign(entries, (m) => { m.committee.signing_public_key_pem = 'not a key'; })],
      ['bad_manifest.listedTwice', (entries) => resign(entries, (m) => { m.files.push(m.files[0]); })],
      ['bad_manifest.unknownFile', (entries) => resign(entries, (m) => { m.files.push({ ...m.files[0], name: 'notes.ndjson' }); })],
      ['bad_record.statistics', (entries) => resign(replace(entries, 'statistics.json', '{"months": '), (m) => {
        Object.assign(m.files.find((f) => f.name === 'statistics.json')!, { sha256: sha256(Buffer.from('{"months": ')) });
      })],
    ];
    for (const [key, edit] of cases) {
      const r = await refusal(await repack(good, edit));
      expect(r.key).toBe(`exchange.refused.${key}`);
      expect(r.code).toBe(key.split('.')[0]);
    }
    // A record line that is not JSON: found while the records are read, after every check passed.
    const line = 'not json\n';
    const out = await repack(good, (entries) => resign(replace(entries, 'cases.ndjson', line), (m) => {
      Object.assign(m.files.find((f) => f.name === 'cases.ndjson')!, { sha256: sha256(Buffer.from(line)), records: 1 });
    }));
    const pkg = await openPackage(out, options());
    try {
      const e = (() => { try { for (const _ of pkg.records('cases.ndjson')) { /* read */ } } catch (x) { return x as AppFailure; } })();
      expect(e?.key).toBe('exchange.refused.bad_record.json');
      expect(expectRefusalText(e!, 'bad_record')).toContain('Line 1 of cases.ndjson');
    } finally {
      pkg.close();
    }
  });

  it('readManifest reads the start of the file only: what lies past the manifest is for openPackage to find', async () => {
    const { manifest } = await openPackage(big, options()).then((p) => { p.close(); return p; });
    // Cut short, or a flipped byte in its last chunk: the manifest, in the first chunk, is still sound.
    const cut = damagedCopy(big, () => undefined);
    truncateSync(cut, statSync(big).size - 70_000);
    const flipped = damagedCopy(big, (b) => { b[b.length - 50] ^= 0x01; });
    const swapped = await repack(good, (entries) => replace(entries, 'cases.ndjson', text(entries, 'cases.ndjson').replace('第3条', '第9条')));
    for (const [path, code] of [[cut, 'truncated'], [flipped, 'damaged'], [swapped, 'hash_mismatch']] as const) {
      const r = await refusal(path);
      expect(r).toMatchObject({ code, early: false });
    }
    expect(await readManifest(cut, options())).toEqual(manifest);
    // Every refusal of the manifest itself is found by readManifest too, the same way.
    const other = await generateIdentity();
    const early = [
      await refusal(good, options({ identities: [other.identity] })),
      await refusal(damagedCopy(good, (b) => { b[headerEnd(b) - 5] ^= 0x01; })),
      await refusal(damagedCopy(big, (b) => { b[headerEnd(b) + 16 + 1000] ^= 0x40; })),
      await refusal(await repack(good, (entries) => replace(entries, 'manifest.json', text(entries, 'manifest.json').replace('"sequence": 3', '"sequence": 2')))),
      await refusal(await repack(good, (entries) => resign(entries, (m) => { m.sequence = 9; }, stranger))),
      await refusal(good, options({ pinnedKey: () => stranger.publicPem })),
      await refusal(good, options({ pinnedKey: () => null })),
      await refusal(await repack(good, (entries) => resign(entries, (m) => { (m as { version: number }).version = 2; }))),
    ];
    expect(early.map((r) => [r.code, r.early])).toEqual([
      ['wrong_key', true], ['damaged', true], ['damaged', true], ['bad_signature', true], ['bad_signature', true], ['key_mismatch', true],
      ['unregistered', true], ['unknown_version', true],
    ]);
  });

  it('an archive that ends inside a large entry: bad_archive, in readManifest too when the manifest comes after it', async () => {
    const d = new Decrypter();
    d.addIdentity(office.identity);
    const entries = unzipSync(await d.decrypt(readFileSync(good)));
    // Two MiB that do not compress: an entry zlib inflates as a stream, cut half way.
    const big = randomBytes(2 << 20);
    const cut = async (files: Record<string, Uint8Array>) => {
      const zip = zipSync(files, { level: 1 });
      const e = new Encrypter();
      e.addRecipient(office.recipient);
      const out = file('cut-zip');
      writeFileSync(out, await e.encrypt(zip.subarray(0, zip.length - (1 << 20))));
      return out;
    };
    const manifestFirst = await cut({ 'manifest.json': entries['manifest.json'], 'manifest.sig': entries['manifest.sig'], 'cases.ndjson': big });
    expect(await refusal(manifestFirst)).toMatchObject({ code: 'bad_archive', early: false });
    const manifestLast = await cut({ 'cases.ndjson': big, 'manifest.json': entries['manifest.json'], 'manifest.sig': entries['manifest.sig'] });
    expect(await refusal(manifestLast)).toMatchObject({ code: 'bad_archive', early: true });
  });

  it('a zip bomb: bad_archive', async () => {
    const out = await repack(good, (entries) => replace(entries, 'cases.ndjson', new Uint8Array(64 << 20).fill(0x20)));
    const r = await refusal(out);
    expect(r.code).toBe('bad_archive');
    expect(r.message).toMatch(/压缩炸弹/);
  });
});
