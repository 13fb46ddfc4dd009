import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { setupCommittee } from '../../electron/core/committee/setup';
import { Database } from '../../electron/db/data-source';
import { MIGRATIONS } from '../../electron/db/migrations';
import { Exchange1764806400000 } from '../../electron/db/migrations/0008-exchange';
import { fingerprint } from '../../electron/crypto/fingerprint';
import { rawPublicKey, sign, verify } from '../../electron/crypto/signing';
import { exportPackage } from '../../electron/core/exchange/export';
import { stampPending } from '../../electron/core/exchange/revisions';
import { ageBand, birthDateOf, pseudonym } from '../../electron/core/exchange/deidentify';
import { deidentifySecret } from '../../electron/core/exchange/keys';
import { recordLines, type RecordWindow } from '../../electron/core/exchange/records';
import { NdjsonChunk } from '../../electron/core/exchange/package/write';
import { seedCases } from '../../electron/core/seed/seed';
import { PERSONAL_FIELDS, recordLineSchema } from '../../shared/domain/exchange-records';
import { addDays, shanghaiDate } from '../../shared/domain/dates';
import { ManifestSchema, packageFileName, RECORD_FILES, type RecordFile } from '../../shared/domain/exchange';
import { committeeFixture, PASSPHRASE, tempDir } from '../support/db';

// The committee's side of the exchange (EXCHANGE.md): revisions, increments, the stock toolchain, de-identification.

const NOW = new Date('2026-01-15T04:00:00.000Z');
const clock = () => NOW;
const { dir, cleanup } = tempDir();
afterAll(cleanup);

/** A stock age-keygen identity and its recipient. */
function officeKey(name: string): { keyFile: string; recipient: string } {
  const keyFile = join(dir, `${name}.key`);
  execFileSync('age-keygen', ['-o', keyFile], { stdio: 'ignore' });
  return { keyFile, recipient: execFileSync('age-keygen', ['-y', keyFile], { encoding: 'utf8' }).trim() };
}
const office = officeKey('office');

/** The package decrypted by stock age: the ZIP's bytes and its entries. */
function open(file: string): { zip: Buffer; entries: Record<string, Uint8Array> } {
  const zip = execFileSync('age', ['-d', '-i', office.keyFile, file], { maxBuffer: 1 << 30 });
  return { zip, entries: unzipSync(new Uint8Array(zip)) };
}
const lines = (entries: Record<string, Uint8Array>, f: RecordFile): Record<string, unknown>[] =>
  Buffer.from(entries[f]).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

type Fx = Awaited<ReturnType<typeof committeeFixture>>;

describe('revisions', () => {
  let fx: Fx;
  beforeAll(async () => {
    fx = await committeeFixture({ clock });
    await seedCases(fx.core.db, { cases: 30, seed: 'rev', from: '2025-10', to: '2025-12' }, clock);
  });
  afterAll(async () => { await fx.close(); });

  it("rows written one at a time wait for the export's stamp, bulk-written ones carry theirs; then each has a v4 uuid and a distinct revision from one clock", async () => {
    const db = fx.core.db;
    const tables = ['persons', 'cases', 'parties', 'agreements', 'followups'];
    const pending = async (t: string) => (await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${t} WHERE revision IS NULL AND uuid IS NULL`))[0].n;
    // The seed's mediators come through the app's repositories; its cases through the bulk path (bulk-repo).
    expect(await pending('persons')).toBeGreaterThan(0);
    for (const t of tables.slice(1)) expect(await pending(t), t).toBe(0);
    await stampPending(db);
    for (const t of tables) {
      const rows = await db.query<{ uuid: string; revision: number }>(`SELECT uuid, revision FROM ${t}`);
      expect(rows.length, t).toBeGreaterThan(0);
      for (const r of rows) expect(r.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(new Set(rows.map((r) => r.revision)).size, t).toBe(rows.length);
    }
    const [{ clock: now }] = await db.query<{ clock: number }>(`SELECT revision AS clock FROM exchange_clock`);
    for (const t of tables) {
      const [{ top }] = await db.query<{ top: number }>(`SELECT max(revision) AS top FROM ${t}`);
      expect(top, t).toBeLessThanOrEqual(now);
    }
    // Nothing left to stamp: the clock stays where it is.
    await stampPending(db);
    expect((await db.query<{ clock: number }>(`SELECT revision AS clock FROM exchange_clock`))[0].clock).toBe(now);
  });

  it("an update of a stamped row ticks the clock; a stamped row's delete is logged with its uuid, an unstamped one's is not", async () => {
    const db = fx.core.db;
    const clockNow = async () => (await db.query<{ r: number }>(`SELECT revision AS r FROM exchange_clock`))[0].r;
    const [c] = await db.query<{ id: number; uuid: string; revision: number }>(`SELECT id, uuid, revision FROM cases ORDER BY id LIMIT 1`);
    expect(c.revision).not.toBeNull();
    await db.query(`UPDATE cases SET satisfaction = 'satisfied' WHERE id = ?`, [c.id]);
    const [after] = await db.query<{ uuid: string; revision: number }>(`SELECT uuid, revision FROM cases WHERE id = ?`, [c.id]);
    expect(after.uuid).toBe(c.uuid);
    expect(after.revision).toBe(await clockNow());
    expect(after.revision).toBeGreaterThan(c.revision);

    const before = await clockNow();
    await db.query(`INSERT INTO sweeps (swept_on, scope, found, prevented, created_at) VALUES ('2025-12-01', '第一网格', 2, 1, ?)`, [NOW.toISOString()]);
    const [s] = await db.query<{ id: number; uuid: string | null; revision: number | null }>(`SELECT id, uuid, revision FROM sweeps ORDER BY id DESC LIMIT 1`);
    expect(s).toMatchObject({ uuid: null, revision: null });
    await db.query(`UPDATE sweeps SET found = 3 WHERE id = ?`, [s.id]);
    expect((await db.query<{ revision: number | null }>(`SELECT revision FROM sweeps WHERE id = ?`, [s.id]))[0].revision).toBeNull();
    const logged = async () => (await db.query<{ n: number }>(`SELECT count(*) AS n FROM exchange_deletions`))[0].n;
    const deletions = await logged();
    await db.query(`DELETE FROM sweeps WHERE id = ?`, [s.id]);
    expect(await logged()).toBe(deletions);
    expect(await clockNow()).toBe(before);

    const [f] = await db.query<{ id: number; uuid: string }>(`SELECT id, uuid FROM followups ORDER BY id LIMIT 1`);
    await db.query(`DELETE FROM followups WHERE id = ?`, [f.id]);
    const [d] = await db.query<{ file: string; uuid: string; revision: number }>(`SELECT file, uuid, revision FROM exchange_deletions ORDER BY id DESC LIMIT 1`);
    expect(d).toEqual({ file: 'followups.ndjson', uuid: f.uuid, revision: await clockNow() });
  });
});

describe('lines built in SQL', () => {
  let fx: Fx;
  beforeAll(async () => {
    fx = await committeeFixture({ clock });
    await seedCases(fx.core.db, { cases: 40, seed: 'sql-lines', from: '2025-10', to: '2025-12' }, clock);
  });
  afterAll(async () => { await fx.close(); });

  it('the age band and pseudonym equal deidentify.ts for every party, edge cases included, at both levels and in a range', async () => {
    const db = fx.core.db;
    const [c] = await db.query<{ id: number; registered_on: string }>(`SELECT id, registered_on FROM cases ORDER BY id LIMIT 1`);
    const y = Number(c.registered_on.slice(0, 4));
    const md = c.registered_on.slice(5).replace('-', '');
    const dayBefore = addDays(c.registered_on, -1).slice(5).replace('-', '');
    const dayAfter = addDays(c.registered_on, 1).slice(5).replace('-', '');
    // Birthday on the day, the day after (a year younger), a lower-case X, spaces, a future birth, no date at all, a bad date.
    const odd: [string | null, string, string | null][] = [
      [null, 'resident_id', `330383${y - 30}${md}123X`], [null, 'resident_id', `330383${y - 30}${dayAfter}123x`],
      [null, 'resident_id', ` 330383${y - 40}${dayBefore}1234 `], [null, 'resident_id', `330383${y + 1}${md}1234`],
      [null, 'passport', 'E12345678'], ['', 'resident_id', null], ['1990-13', 'other', null], [`${y - 9}-${c.registered_on.slice(5)}`, 'other', null],
    ];
    for (const [i, [birth, idType, idNumber]] of odd.entries()) {
      await db.query(`INSERT INTO parties (case_id, position, role, kind, name, birth_date, id_type, id_number, created_at) VALUES (?, ?, 'applicant', 'person', ?, ?, ?, ?, ?)`,
        [c.id, 10 + i, `测${i}`, birth, idType, idNumber, NOW.toISOString()]);
    }
    await stampPending(db);
    const to = (await db.query<{ r: number }>(`SELECT revision AS r FROM exchange_clock`))[0].r;
    const secret = deidentifySecret(db);
    const registered = new Map((await db.query<{ uuid: string; registered_on: string }>(`SELECT uuid, registered_on FROM cases`)).map((r) => [r.uuid, r.registered_on]));
    const ndjson = (w: RecordWindow, level: 'full' | 'deidentified') =>
      [...recordLines(db, 'parties.ndjson', w, { level, secret, batch: 7 })].flatMap((x) =>
        x instanceof NdjsonChunk ? x.bytes.toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) : [x as Record<string, unknown>]);
    const full = ndjson({ kind: 'since_last', after: 0, to }, 'full');
    expect(full.length).toBe((await db.query<{ n: number }>(`SELECT count(*) AS n FROM parties`))[0].n);
    const bands = new Set<unknown>();
    for (const p of full) {
      const expected = ageBand(birthDateOf(p.birth_date as string | null, p.id_type as string, p.id_number as string | null), registered.get(p.case_uuid as string)!);
      expect(p.age_band, JSON.stringify(p)).toBe(expected);
      expect(p.pseudonym).toBe(pseudonym(secret, p as never));
      bands.add(p.age_band);
    }
    expect(bands).toContain(null);
    expect(bands).toContain('0-9');
    const byUuid = new Map(full.map((p) => [p.uuid, p]));
    for (const w of [{ kind: 'since_last', after: 0, to }, { kind: 'range', from: '2025-10-01', to: '2025-12-31', toRevision: to }] as RecordWindow[]) {
      const deid = ndjson(w, 'deidentified');
      expect(deid.length).toBeGreaterThan(0);
      for (const p of deid) {
        expect(p).not.toHaveProperty('name');
        expect(p).not.toHaveProperty('id_number');
        expect({ age_band: p.age_band, pseudonym: p.pseudonym }).toEqual({ age_band: byUuid.get(p.uuid)!.age_band, pseudonym: byUuid.get(p.uuid)!.pseudonym });
      }
    }
  });
});

describe('migration 0008 on an existing database', () => {
  it('gives existing rows uuids and revisions, and the committee its public key and secret', async () => {
    const path = join(dir, 'old.db');
    const key = Buffer.alloc(32, 9);
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(Exchange1764806400000));
    const old = await Database.open(path, key, { migrations: before });
    await setupCommittee(old, { committee: { name: '湖前社区人民调解委员会', code: '330383-002', type: 'residential' } }, NOW);
    // As a database made before 0008 was: no public key, no secret, rows without uuids.
    await old.query(`DELETE FROM settings WHERE key IN ('signing_public_key_pem', 'deidentify_secret')`);
    for (const d of ['2025-01-02', '2025-01-03']) await old.query(`INSERT INTO sweeps (swept_on, scope, found, prevented, created_at) VALUES (?, '一组', 1, 0, ?)`, [d, NOW.toISOString()]);
    await old.close();

    const db = await Database.open(path, key);
    const setting = async (k: string) => (await db.query<{ value: string }>(`SELECT value FROM settings WHERE key = ?`, [k]))[0]?.value;
    const privatePem = await setting('signing_key_pem');
    const publicPem = await setting('signing_public_key_pem');
    expect(verify(publicPem, Buffer.from('x'), sign(privatePem, Buffer.from('x')))).toBe(true);
    expect(fingerprint(rawPublicKey(publicPem))).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){7}$/);
    expect(await setting('deidentify_secret')).toMatch(/^[0-9a-f]{64}$/);
    const sweeps = await db.query<{ uuid: string; revision: number }>(`SELECT uuid, revision FROM sweeps ORDER BY id`);
    expect(sweeps).toHaveLength(2);
    expect(new Set(sweeps.map((s) => s.uuid)).size).toBe(2);
    const [{ clock: now }] = await db.query<{ clock: number }>(`SELECT revision AS clock FROM exchange_clock`);
    expect(Math.max(...sweeps.map((s) => s.revision))).toBeLessThanOrEqual(now);
    // Migration 0013: a new row waits for the next export's stamp, which puts it after every existing revision.
    await db.query(`INSERT INTO sweeps (swept_on, scope, found, prevented, created_at) VALUES ('2025-01-04', '一组', 1, 0, ?)`, [NOW.toISOString()]);
    expect((await db.query<{ revision: number | null }>(`SELECT revision FROM sweeps ORDER BY id DESC LIMIT 1`))[0].revision).toBeNull();
    await stampPending(db);
    expect((await db.query<{ revision: number }>(`SELECT revision FROM sweeps ORDER BY id DESC LIMIT 1`))[0].revision).toBeGreaterThan(now);
    await db.close();
  });
});

describe('increments', () => {
  let fx: Fx;
  beforeAll(async () => {
    fx = await committeeFixture({ clock });
    await seedCases(fx.core.db, { cases: 40, seed: 'inc', from: '2025-10', to: '2025-12' }, clock);
  });
  afterAll(async () => { await fx.close(); });

  it('a second export carries only what changed since the first, chained to it', async () => {
    const db = fx.core.db;
    const out = join(dir, 'increments');
    mkdirSync(out);
    const first = await exportPackage(db, null, clock, { recipients: [office.recipient], outDir: out, level: 'full' });
    expect(first.fileName).toBe(packageFileName('330383-001', 1, '2026-01-15'));
    expect(first.counts['cases.ndjson']).toBe(40);
    const one = open(first.file);
    expect(lines(one.entries, 'cases.ndjson')).toHaveLength(40);
    expect(Object.keys(one.entries)).toEqual(['manifest.json', 'manifest.sig', ...RECORD_FILES, 'statistics.json']);

    // Nothing changed: the next package would be empty. Change one case, delete one follow-up, add a sweep.
    const [c] = await db.query<{ id: number; uuid: string }>(`SELECT id, uuid FROM cases ORDER BY id DESC LIMIT 1`);
    await db.query(`UPDATE cases SET persons_involved = persons_involved + 1 WHERE id = ?`, [c.id]);
    const [f] = await db.query<{ id: number; uuid: string }>(`SELECT id, uuid FROM followups ORDER BY id LIMIT 1`);
    await db.query(`DELETE FROM followups WHERE id = ?`, [f.id]);
    await db.query(`INSERT INTO sweeps (swept_on, scope, found, prevented, created_at) VALUES ('2025-11-03', '第二网格', 3, 2, ?)`, [NOW.toISOString()]);

    const second = await exportPackage(db, null, clock, { recipients: [office.recipient], outDir: out, level: 'full' });
    expect(second.sequence).toBe(2);
    const two = open(second.file);
    const manifest = ManifestSchema.parse(JSON.parse(Buffer.from(two.entries['manifest.json']).toString('utf8')));
    expect(manifest.previous_sha256).toBe(sha256(readFileSync(first.file)));
    expect(manifest.range).toEqual({ kind: 'since_last', after_revision: first.range.to_revision, to_revision: second.range.to_revision });
    expect(lines(two.entries, 'cases.ndjson').map((l) => l.uuid)).toEqual([c.uuid]);
    expect(lines(two.entries, 'followups.ndjson')).toEqual([{ uuid: f.uuid, deleted: true, revision: expect.any(Number) }]);
    expect(lines(two.entries, 'sweeps.ndjson')).toMatchObject([{ swept_on: '2025-11-03', found: 3, prevented: 2, area: '第二网格' }]);
    for (const file of ['people.ndjson', 'parties.ndjson', 'sessions.ndjson', 'agreements.ndjson'] as const) expect(lines(two.entries, file), file).toEqual([]);
    // The statistics cover the months the changed case and the sweep touch.
    const stats = JSON.parse(Buffer.from(two.entries['statistics.json']).toString('utf8')) as { months: Record<string, { sweeps: number }> };
    expect(Object.keys(stats.months)).toContain('2025-11');
    expect(stats.months['2025-11'].sweeps).toBe(1);

    const rows = await db.query<{ sequence: number; sha256: string }>(`SELECT sequence, sha256 FROM exchange_exports ORDER BY sequence`);
    expect(rows).toEqual([{ sequence: 1, sha256: first.sha256 }, { sequence: 2, sha256: second.sha256 }]);
    const audit = await db.query<{ after_json: string }>(`SELECT after_json FROM audit_events WHERE action = 'exchange.export' ORDER BY id`);
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[1].after_json)).toMatchObject({ sha256: second.sha256, sequence: 2, counts: { 'cases.ndjson': 1, 'followups.ndjson': 1 } });
  });

  it('a failure leaves no file and no row', async () => {
    const db = fx.core.db;
    const out = join(dir, 'failure');
    mkdirSync(out);
    const before = await db.query(`SELECT count(*) AS n FROM exchange_exports`);
    await expect(exportPackage(db, null, clock, { recipients: ['age1notarecipient'], outDir: out, level: 'full' })).rejects.toThrow(/age1notarecipient/);
    // A record that cannot be written (a term list that is not JSON) fails mid-package.
    await db.query(`UPDATE agreements SET terms = '[broken' WHERE id = (SELECT min(id) FROM agreements)`);
    await expect(exportPackage(db, null, clock, { recipients: [office.recipient], outDir: out, level: 'full' })).rejects.toThrow();
    expect(readdirSync(out)).toEqual([]);
    expect(await db.query(`SELECT count(*) AS n FROM exchange_exports`)).toEqual(before);
    await db.query(`UPDATE agreements SET terms = '[]' WHERE id = (SELECT min(id) FROM agreements)`);
  });
});

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { TIAOJIE_PASSPHRASE: PASSPHRASE }, { out: (s) => { out.push(s); }, err: (s) => { err.push(s); }, isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the CLI and the stock toolchain', () => {
  it('keys show, export, then age -d, unzip, openssl pkeyutl -verify and sha256sum -c', async () => {
    const db = join(dir, 'cli.db');
    expect((await cli(['init', '--db', db, '--committee-name', '湖前社区人民调解委员会', '--committee-code', '330383-002'])).code).toBe(0);
    expect((await cli(['seed', '--db', db, '--cases', '60', '--seed', '7', '--from', '2025-06', '--to', '2025-08'])).code).toBe(0);
    const keys = await cli(['keys', 'show', '--db', db]);
    expect(keys.code).toBe(0);
    expect(keys.out).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n指纹：[0-9A-F]{4}( [0-9A-F]{4}){7}$/);
    const work = join(dir, 'stock');
    mkdirSync(work);
    writeFileSync(join(work, 'pub.pem'), `${keys.out.split('\n指纹')[0]}\n`);
    writeFileSync(join(work, 'recipients.txt'), `# the office\n${office.recipient}\n`);

    // Usage errors (2) and refusals (1), nothing written.
    expect((await cli(['export', '--db', db, '--out', work])).code).toBe(2);
    expect((await cli(['export', '--db', db, '--recipient', office.recipient, '--out', work, '--level', 'partial'])).code).toBe(2);
    expect((await cli(['export', '--db', db, '--recipient', office.recipient, '--out', work, '--from', '2025-06-01'])).code).toBe(2);
    const bad = await cli(['export', '--db', db, '--recipient', 'age1bogus', '--out', work]);
    expect(bad).toMatchObject({ code: 1, err: expect.stringContaining('age1bogus') });
    expect(readdirSync(work).sort()).toEqual(['pub.pem', 'recipients.txt']);

    const r = await cli(['export', '--db', db, '--recipient-file', join(work, 'recipients.txt'), '--out', work, '--level', 'deidentified']);
    expect(r.code, r.err).toBe(0);
    const pkg = r.out;
    expect(pkg).toBe(join(work, packageFileName('330383-002', 1, shanghaiDate(new Date()))));
    const sh = (cmd: string, args: string[], cwd = work) => execFileSync(cmd, args, { cwd, encoding: 'utf8' });
    sh('age', ['-d', '-i', office.keyFile, '-o', 'p.zip', pkg]);
    sh('unzip', ['-q', 'p.zip', '-d', 'x']);
    writeFileSync(join(work, 'x', 'sig.bin'), Buffer.from(readFileSync(join(work, 'x', 'manifest.sig'), 'utf8').trim(), 'base64'));
    expect(sh('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'pub.pem', '-rawin', '-in', 'x/manifest.json', '-sigfile', 'x/sig.bin'])).toMatch(/Signature Verified Successfully/);
    const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(work, 'x', 'manifest.json'), 'utf8')));
    expect(manifest).toMatchObject({ sequence: 1, previous_sha256: '', level: 'deidentified', committee: { code: '330383-002' } });
    writeFileSync(join(work, 'x', 'SUMS'), manifest.files.map((f) => `${f.sha256}  ${f.name}\n`).join(''));
    expect(sh('sha256sum', ['-c', 'SUMS'], join(work, 'x')).trim().split('\n')).toHaveLength(manifest.files.length);
    expect(manifest.files.map((f) => f.name)).toEqual(expect.arrayContaining([...RECORD_FILES]));

    // A flipped byte in a record file: sha256sum -c says so.
    const cases = join(work, 'x', 'cases.ndjson');
    const bytes = readFileSync(cases);
    bytes[10] ^= 1;
    writeFileSync(cases, bytes);
    expect(() => sh('sha256sum', ['-c', 'SUMS'], join(work, 'x'))).toThrow();
  });
});

describe('de-identification', () => {
  let a: Fx;
  let b: Fx;
  beforeAll(async () => {
    // Two committees with the same synthetic cases: only their secrets differ.
    a = await committeeFixture({ clock });
    b = await committeeFixture({ clock });
    for (const fx of [a, b]) {
      await seedCases(fx.core.db, { cases: 300, seed: 'deid', from: '2025-01', to: '2025-12' }, clock);
      await fx.core.db.query(`INSERT INTO sweeps (swept_on, scope, found, prevented, note, created_at) VALUES ('2025-05-06', '幸福里小区3幢', 4, 3, '走访楼道', ?)`, [NOW.toISOString()]);
    }
  }, 120_000);
  afterAll(async () => { await a.close(); await b.close(); });

  const range = { from: '2025-01-01', to: '2025-12-31' };
  const exportOf = async (fx: Fx, level: 'full' | 'deidentified', name: string) => {
    const out = join(dir, name);
    mkdirSync(out);
    return open((await exportPackage(fx.core.db, null, clock, { recipients: [office.recipient], outDir: out, level, range })).file);
  };

  it('carries no name, ID number, phone number or address of any party, and the same statistics', async () => {
    const full = await exportOf(a, 'full', 'full-a');
    const deid = await exportOf(a, 'deidentified', 'deid-a');
    const mediators = new Set((await a.core.db.query<{ name: string }>(`SELECT name FROM persons`)).map((p) => p.name));
    const parties = await a.core.db.query<Record<string, string | null>>(`SELECT name, id_number, phone, address, credit_code, representative FROM parties`);
    const cases = await a.core.db.query<Record<string, string | null>>(`SELECT summary, applicant_names, respondent_names FROM cases`);
    // Mediators' names are in the team figures at both levels; a party who shares one is not a leak.
    const secrets = [...new Set([...parties.flatMap((p) => Object.values(p)), ...cases.flatMap((c) => Object.values(c)), '幸福里小区3幢', '走访楼道']
      .filter((v): v is string => Boolean(v) && !mediators.has(v!)))];
    expect(secrets.length).toBeGreaterThan(1000);
    const leaks = (bytes: Uint8Array) => secrets.filter((s) => Buffer.from(bytes).includes(Buffer.from(s, 'utf8')));

    // The scan finds them in the full package, so finding none below means something.
    const fullText = RECORD_FILES.map((f) => Buffer.from(full.entries[f]).toString('utf8')).join('');
    expect(parties.every((p) => fullText.includes(p.name!))).toBe(true);

    expect(leaks(deid.zip)).toEqual([]);
    for (const [name, bytes] of Object.entries(deid.entries)) expect(leaks(bytes), name).toEqual([]);
    expect(Buffer.from(deid.entries['statistics.json']).equals(Buffer.from(full.entries['statistics.json']))).toBe(true);
    const stats = JSON.parse(Buffer.from(deid.entries['statistics.json']).toString('utf8')) as { months: Record<string, { registered: number }> };
    expect(Object.keys(stats.months)).toHaveLength(12);
    expect(Object.values(stats.months).reduce((n, m) => n + m.registered, 0)).toBe(300);

    // Every line parses against its schema at its level; a de-identified line has no personal field at all.
    for (const f of RECORD_FILES) {
      for (const [level, pkg] of [['full', full], ['deidentified', deid]] as const) {
        for (const line of lines(pkg.entries, f)) {
          const parsed = recordLineSchema(f, level).safeParse(line);
          expect(parsed.success, `${f} ${level}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
          if (level === 'deidentified') for (const k of PERSONAL_FIELDS[f]) expect(line, `${f}.${k}`).not.toHaveProperty(k);
        }
      }
    }
    const deidParties = lines(deid.entries, 'parties.ndjson');
    expect(deidParties).toHaveLength(parties.length);
    expect(deidParties.filter((p) => p.kind === 'person').every((p) => typeof p.age_band === 'string' && /^\d+-\d+$/.test(p.age_band))).toBe(true);
  }, 120_000);

  it('pseudonyms are stable across exports and differ between committees', async () => {
    const byUuid = (entries: Record<string, Uint8Array>) => new Map(lines(entries, 'parties.ndjson').map((p) => [p.uuid as string, p.pseudonym as string]));
    const first = byUuid((await exportOf(a, 'deidentified', 'deid-a2')).entries);
    const again = byUuid((await exportOf(a, 'deidentified', 'deid-a3')).entries);
    expect(again).toEqual(first);
    // The same person (same ID number) in two cases has one pseudonym; the same parties of committee b have others.
    const rows = await a.core.db.query<{ uuid: string; id_number: string | null; name: string; credit_code: string | null; birth_date: string | null }>(
      `SELECT uuid, id_number, name, credit_code, birth_date FROM parties`);
    const secret = Buffer.from((await a.core.db.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'deidentify_secret'`))[0].value, 'hex');
    for (const r of rows) expect(first.get(r.uuid)).toBe(pseudonym(secret, r));
    const other = [...byUuid((await exportOf(b, 'deidentified', 'deid-b')).entries).values()];
    const mine = new Set(first.values());
    expect(other).toHaveLength(first.size);
    expect(other.filter((p) => mine.has(p))).toEqual([]);
    const bIds = await b.core.db.query<{ id_number: string | null }>(`SELECT id_number FROM parties ORDER BY id`);
    expect(bIds.map((r) => r.id_number)).toEqual((await a.core.db.query<{ id_number: string | null }>(`SELECT id_number FROM parties ORDER BY id`)).map((r) => r.id_number));
  }, 120_000);
});

describe('IPC exchange:*', () => {
  let fx: Fx;
  beforeAll(async () => {
    fx = await committeeFixture({ clock });
    await seedCases(fx.core.db, { cases: 20, seed: 'ipc', from: '2025-11', to: '2025-12' }, clock);
  });
  afterAll(async () => { await fx.close(); });

  it('shows the key, sets recipients (admin only), exports as a job and downloads in the preview', async () => {
    const admin = await fx.signedIn();
    const info = await fx.call(admin, 'exchange:info', {});
    if (!info.ok) throw new Error(info.error.message);
    expect(info.value).toMatchObject({ committee: { code: '330383-001' }, recipients: [], exports: [] });
    expect(info.value.signingKey.fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){7}$/);
    expect(info.value.changesSinceLast).toBeGreaterThan(20);

    expect(await fx.call(admin, 'exchange:export', { level: 'full' })).toMatchObject({ ok: false, error: { code: 'BAD_STATE' } });
    const bad = await fx.call(admin, 'exchange:setRecipients', { recipients: ['age1nope'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('age1nope') } });
    await fx.addUser('clerk', 'office_staff');
    const clerk = await fx.signedIn('clerk', 'user-password-1');
    expect(await fx.call(clerk, 'exchange:setRecipients', { recipients: [office.recipient] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const set = await fx.call(admin, 'exchange:setRecipients', { recipients: [office.recipient, office.recipient] });
    expect(set).toMatchObject({ ok: true, value: { recipients: [{ recipient: office.recipient, fingerprint: expect.stringMatching(/^[0-9A-F]{4} /) }] } });

    expect(await fx.call(clerk, 'exchange:export', { level: 'full', range: { from: '2025-12-31', to: '2025-01-01' } }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const start = await fx.call(clerk, 'exchange:export', { level: 'deidentified' });
    if (!start.ok || !start.value.jobId) throw new Error('no job');
    let job;
    for (;;) {
      const p = await fx.call(clerk, 'exchange:progress', { jobId: start.value.jobId });
      if (!p.ok) throw new Error(p.error.message);
      job = p.value;
      if (job.done) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(job.error).toBeNull();
    expect(job.result).toMatchObject({ sequence: 1, level: 'deidentified', savedTo: null, fileName: packageFileName('330383-001', 1, '2026-01-15') });
    const file = join(dir, 'downloaded.tiaojie.age');
    writeFileSync(file, Buffer.from(job.result!.contentBase64!, 'base64'));
    expect(sha256(readFileSync(file))).toBe(job.result!.sha256);
    expect(lines(open(file).entries, 'cases.ndjson')).toHaveLength(20);
    // Another user cannot read someone else's job.
    expect(await fx.call(admin, 'exchange:progress', { jobId: start.value.jobId })).toMatchObject({ ok: false });

    const after = await fx.call(admin, 'exchange:info', {});
    expect(after).toMatchObject({ ok: true, value: { changesSinceLast: 0, exports: [{ sequence: 1, level: 'deidentified', createdBy: 'clerk', sha256: job.result!.sha256 }] } });
  });
});
