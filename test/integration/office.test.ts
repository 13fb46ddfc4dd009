import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Decrypter, Encrypter } from 'age-encryption';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_FILES, type RecordFile } from '../../shared/domain/exchange';
import type { CaseLine, PersonLine } from '../../shared/domain/exchange-records';
import { FORM_COLUMNS, FORM_FIRST, FORM_ROWS } from '../../electron/core/statistics/xlsx-layout';
import { runCli } from '../../electron/cli/run';
import { AppCore } from '../../electron/core/app/app-core';
import { generateIdentity } from '../../electron/crypto/age';
import { generateSigningKey, sign } from '../../electron/crypto/signing';
import { writePackage } from '../../electron/core/exchange/package/write';
import { exportPackage } from '../../electron/core/exchange/export';
import { computeFigures, monthPeriod } from '../../electron/core/statistics';
import { importPackages, officeFigures, officeStatus, registerCommittee, reportDifferences, writeOfficeXlsx, TOTAL_LABEL, CITY_CODE } from '../../electron/core/office';
import { reportLeaves, type StatisticsReport } from '../../shared/domain/statistics';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { newSession } from '../../electron/ipc/session';
import { createUser } from '../../electron/core/accounts/accounts';
import type { Channel, Input, Output } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';
import { rawHandle } from '../../electron/db/data-source';
import { PASSPHRASE, tempDir } from '../support/db';
import { expectRefusalText } from '../support/refusal-text';
import type { AppFailure } from '../../electron/core/errors';
import { AS_OF, statisticsFixture } from '../support/statistics-fixture';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

const NOW = new Date('2026-04-10T02:00:00.000Z');
const clock = () => NOW;
let n = 0;
const file = (name: string) => join(dir, `${++n}-${name}`);

type Key = ReturnType<typeof generateSigningKey>;
const office = { identity: '', recipient: '' };
let core: AppCore;

/** A committee as the office sees it: code, name, signing key, one station. */
interface Committee { code: string; name: string; key: Key; station: string }
const committee = (code: string, name: string): Committee => ({ code, name, key: generateSigningKey(), station: randomUUID() });

// Two committees, a mediator each, and their cases, written as record lines exactly as the exchange-records schema says.
const stamp = '2026-03-01T01:00:00.000Z';
function person(over: Partial<PersonLine> = {}): PersonLine {
  return {
    uuid: randomUUID(), revision: 1, updated_at: stamp, name: '调解员甲', phone: null, sex: 'female', professions: ['mediator'],
    employment: 'part_time', active: true, joined_on: '2025-01-01', left_on: null, created_at: '2025-01-01T00:00:00.000Z', ...over,
  };
}
function caseLine(over: Partial<CaseLine> = {}): CaseLine {
  return {
    uuid: randomUUID(), revision: 1, updated_at: stamp, case_no: '（2026）测调字第1号', category: 'neighbour', local_category: null,
    channel: 'application', referral_body: null, status: 'agreed', registered_on: '2026-03-02', accepted_on: '2026-03-02',
    due_on: '2026-04-01', extended_due_on: null, outcome: 'agreed', concluded_on: '2026-03-10', closed_on: null, archived_on: null,
    amount_fen: null, persons_involved: 2, agreement_form: 'written', agreement_amount_fen: 150_000, performance: 'performed',
    jc_status: 'none', satisfaction: null, prevented_criminal: false, prevented_criminal_persons: 0, prevented_suicide: false,
    prevented_suicide_persons: 0, prevented_group_petition: false, prevented_group_petition_persons: 0, prevented_group_fight: false,
    prevented_group_fight_persons: 0, lead_mediator_uuid: null, failure_routes: null, external_code: null, created_at: stamp,
    summary: '邻里之间因排水发生纠纷', requests: ['疏通排水'], applicant_names: '甲', respondent_names: '乙', rejection_reason: null,
    termination_reason: null, ...over,
  };
}

type Lines = Partial<Record<RecordFile, object[]>>;
interface PackageSpec { c: Committee; sequence: number; previous?: string; lines?: Lines; statistics?: unknown; key?: Key; recipients?: string[] }

/** A real package, as the committee's export writes it: age-encrypted to the office, signed with the committee's key. */
async function pkg(s: PackageSpec): Promise<{ path: string; sha256: string }> {
  const path = file(`${s.c.code}-${String(s.sequence).padStart(6, '0')}-20260410.tiaojie.age`);
  const key = s.key ?? s.c.key;
  const w = await writePackage(path, {
    recipients: s.recipients ?? [office.recipient],
    signingPrivateKeyPem: key.privatePem,
    manifest: {
      committee: { code: s.c.code, name: s.c.name, signing_public_key_pem: key.publicPem },
      station: s.c.station, sequence: s.sequence, previous_sha256: s.previous ?? '', created_at: NOW.toISOString(), level: 'full',
      range: { kind: 'since_last', after_revision: 0, to_revision: 100 },
    },
    records: Object.fromEntries(RECORD_FILES.map((f) => [f, () => s.lines?.[f] ?? []])) as Record<RecordFile, () => object[]>,
    statistics: s.statistics ?? { months: {} },
  });
  return { path, sha256: w.sha256 };
}

/** Decrypts and unzips a package, lets the test change its entries, then zips and encrypts it again to the office. */
async function repack(path: string, edit: (entries: [string, Uint8Array][]) => [string, Uint8Array][]): Promise<string> {
  const d = new Decrypter();
  d.addIdentity(office.identity);
  const entries = Object.entries(unzipSync(await d.decrypt(readFileSync(path))));
  const e = new Encrypter();
  e.addRecipient(office.recipient);
  const out = file('repacked.tiaojie.age');
  writeFileSync(out, await e.encrypt(zipSync(Object.fromEntries(edit(entries)))));
  return out;
}
const entry = (entries: [string, Uint8Array][], name: string) => Buffer.from(entries.find(([x]) => x === name)![1]).toString('utf8');
const replace = (entries: [string, Uint8Array][], name: string, content: string) =>
  entries.map(([x, b]): [string, Uint8Array] => [x, x === name ? Buffer.from(content) : b]);
function resign(entries: [string, Uint8Array][], change: (m: Record<string, unknown>) => void, key: Key): [string, Uint8Array][] {
  const m = JSON.parse(entry(entries, 'manifest.json')) as Record<string, unknown>;
  change(m);
  const bytes = `${JSON.stringify(m, null, 2)}\n`;
  return replace(replace(entries, 'manifest.json', bytes), 'manifest.sig', sign(key.privatePem, Buffer.from(bytes)).toString('base64'));
}

/** Every row of every table, in order: what "nothing written" is checked against. */
async function dump(): Promise<string> {
  const tables = await core.db.query<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`);
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) out[name] = (await core.db.query(`SELECT * FROM "${name}"`)).map((r) => JSON.stringify(r)).sort();
  return JSON.stringify(out);
}

async function refusedWith(files: string[], opts: Parameters<typeof importPackages>[2] = {}) {
  const before = await dump();
  const r = await importPackages(core.db, files, { clock, ...opts });
  expect(r.applied).toEqual([]);
  expect(await dump()).toBe(before);
  // Its text in both languages, the Chinese exactly the message, and the code the key's segment (test/support/refusal-text.ts).
  expectRefusalText(r.refused!, r.refused!.refusal);
  return r.refused!;
}

const caseRow = (c: Committee, uuid: string) =>
  core.db.query<{ revision: number; deleted: number; outcome: string | null; status: string | null }>(
    `SELECT revision, deleted, outcome, status FROM office_cases WHERE committee_code = ? AND uuid = ?`, [c.code, uuid]);

const A = committee('330383-011', '白沙社区人民调解委员会');
const B = committee('330383-002', '青田村人民调解委员会');
const STRANGER = committee('330383-009', '未登记人民调解委员会');

beforeAll(async () => {
  Object.assign(office, await generateIdentity());
  core = new AppCore(join(dir, 'office.db'), { clock });
  await core.setupOffice({ passphrase: PASSPHRASE, name: '市公共法律服务中心', identityText: `${office.identity}\n` });
  for (const c of [A, B]) await registerCommittee(core.db, null, clock, { code: c.code, publicKeyPem: c.key.publicPem });
});
afterAll(() => core.close());

describe('office: set-up and pinned keys', () => {
  it('an office database has the office row and no committee row', async () => {
    expect(await core.mode()).toBe('office');
    const status = await officeStatus(core.db);
    expect(status.keys[0].recipient).toBe(office.recipient);
    expect(status.committees.map((c) => c.code)).toEqual([B.code, A.code]);
    expect(status.committees[0].fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){7}$/);
  });

  it('the same key again changes nothing; a different key is refused unless replaced, and the replacement is audited', async () => {
    expect((await registerCommittee(core.db, null, clock, { code: A.code, publicKeyPem: A.key.publicPem })).outcome).toBe('unchanged');
    const other = generateSigningKey();
    const before = await dump();
    const pinned = await registerCommittee(core.db, null, clock, { code: A.code, publicKeyPem: other.publicPem }).catch((e: AppFailure) => e);
    expect(pinned).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/已登记了另一把签名公钥/) });
    expectRefusalText(pinned as AppFailure);
    expect(await dump()).toBe(before);
    const tmp = committee('330383-077', '临时');
    await registerCommittee(core.db, null, clock, { code: tmp.code, publicKeyPem: tmp.key.publicPem });
    const r = await registerCommittee(core.db, null, clock, { code: tmp.code, publicKeyPem: other.publicPem, replace: true, reason: '重装系统' });
    expect(r.outcome).toBe('replaced');
    const [audit] = await core.db.query<{ action: string; after_json: string }>(`SELECT action, after_json FROM audit_events ORDER BY id DESC LIMIT 1`);
    expect(audit.action).toBe('office.committee.replaceKey');
    expect(JSON.parse(audit.after_json)).toMatchObject({ code: tmp.code, fingerprint: r.fingerprint, reason: '重装系统' });
    await core.db.query(`DELETE FROM office_committees WHERE code = ?`, [tmp.code]);
  });

  it('refuses a key that is not Ed25519', async () => {
    const { publicKey } = await import('node:crypto').then((c) => c.generateKeyPairSync('x25519'));
    const notEd = await registerCommittee(core.db, null, clock, { code: '330383-050', publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() })
      .catch((e: AppFailure) => e);
    expect((notEd as AppFailure).message).toMatch(/Ed25519/);
    // The office's own form checks: each issue's text in both languages.
    const badCode = await registerCommittee(core.db, null, clock, { code: '白沙/1', publicKeyPem: A.key.publicPem }).catch((e: AppFailure) => e);
    const longReason = await importPackages(core.db, [], { clock, acceptGap: true, reason: '原'.repeat(501) }).catch((e: AppFailure) => e);
    for (const [e, key] of [[notEd, 'validation.office.publicKey'], [badCode, 'validation.office.code'], [longReason, 'validation.office.reason']] as const) {
      const [issue] = (e as AppFailure).details!;
      expect(issue.key).toBe(key);
      expectRefusalText(issue);
    }
  });
});

describe('office import: every refusal leaves the database exactly as it was', () => {
  let first: { path: string; sha256: string };
  beforeAll(async () => {
    first = await pkg({ c: A, sequence: 1, lines: { 'cases.ndjson': [caseLine()] } });
    const r = await importPackages(core.db, [first.path], { clock });
    expect(r.refused).toBeNull();
  });

  it('not addressed to this office', async () => {
    const elsewhere = await generateIdentity();
    const p = await pkg({ c: A, sequence: 2, previous: first.sha256, recipients: [elsewhere.recipient] });
    expect((await refusedWith([p.path])).refusal).toBe('wrong_key');
  });

  it('a flipped byte, a truncated file', async () => {
    const p = await pkg({ c: A, sequence: 2, previous: first.sha256, lines: { 'cases.ndjson': [caseLine()] } });
    const bytes = readFileSync(p.path);
    const flipped = Buffer.from(bytes);
    flipped[bytes.length - 40] ^= 0x01;
    const f1 = file('flipped.tiaojie.age');
    writeFileSync(f1, flipped);
    expect((await refusedWith([f1])).refusal).toBe('damaged');
    const f2 = file('truncated.tiaojie.age');
    writeFileSync(f2, bytes.subarray(0, bytes.length - 100));
    expect((await refusedWith([f2])).refusal).toBe('truncated');
  });

  it('the manifest edited after signing; a file swapped', async () => {
    const p = await pkg({ c: A, sequence: 2, previous: first.sha256, lines: { 'cases.ndjson': [caseLine()] } });
    const edited = await repack(p.path, (e) => {
      const m = JSON.parse(entry(e, 'manifest.json')) as { sequence: number };
      return replace(e, 'manifest.json', JSON.stringify({ ...m, sequence: 3 }));
    });
    expect((await refusedWith([edited])).refusal).toBe('bad_signature');
    const swapped = await repack(p.path, (e) => replace(e, 'cases.ndjson', `${JSON.stringify(caseLine({ outcome: 'failed' }))}\n`));
    expect((await refusedWith([swapped])).refusal).toBe('hash_mismatch');
  });

  it('signed by a key other than the pinned one; a committee not registered', async () => {
    const p = await pkg({ c: A, sequence: 2, previous: first.sha256, key: generateSigningKey() });
    expect((await refusedWith([p.path])).refusal).toBe('key_mismatch');
    const q = await pkg({ c: STRANGER, sequence: 1 });
    expect((await refusedWith([q.path])).refusal).toBe('unregistered');
  });

  it('an unknown format version, signed properly', async () => {
    const p = await pkg({ c: A, sequence: 2, previous: first.sha256 });
    const v2 = await repack(p.path, (e) => resign(e, (m) => { m.version = 2; }, A.key));
    expect((await refusedWith([v2])).refusal).toBe('unknown_version');
  });

  it('a replay: the same package again adds nothing and says when it was imported', async () => {
    const r = await refusedWith([first.path]);
    expect(r.refusal).toBe('sequence_repeat');
    expect(r.message).toMatch(/已于 2026-04-10 10:00 导入过/);
  });

  it('a fork: the next sequence, but not following the package applied', async () => {
    const p = await pkg({ c: A, sequence: 2, previous: 'f'.repeat(64) });
    expect((await refusedWith([p.path])).refusal).toBe('sequence_fork');
  });

  it('a bad record line: the whole package is rolled back, even the lines before it', async () => {
    const good = caseLine();
    const p = await pkg({ c: A, sequence: 2, previous: first.sha256, lines: { 'cases.ndjson': [good, { ...caseLine(), category: 'no_such_category' }] } });
    const r = await refusedWith([p.path]);
    expect(r.refusal).toBe('bad_record');
    expect(r.message).toMatch(/cases\.ndjson 第 2 行/);
    expect(await caseRow(A, good.uuid)).toEqual([]);
  });

  it('a line with a field no schema has, or a wrong type after good lines: refused with zod’s words, naming the field', async () => {
    const extra = await pkg({ c: A, sequence: 2, previous: first.sha256, lines: { 'cases.ndjson': [caseLine(), { ...caseLine(), nickname: '小王' }] } });
    const r = await refusedWith([extra.path]);
    expect(r.refusal).toBe('bad_record');
    expect(r.message).toMatch(/cases\.ndjson 第 2 行.*nickname/);
    const typed = await pkg({ c: A, sequence: 2, previous: first.sha256, lines: { 'people.ndjson': [person(), person(), { ...person(), revision: 1.5 }] } });
    const t = await refusedWith([typed.path]);
    expect(t.message).toMatch(/people\.ndjson 第 3 行.*字段“revision”/);
  });

  it('a gap is refused, then accepted with --accept-gap and recorded in the receipt and the audit log', async () => {
    const p = await pkg({ c: A, sequence: 4, previous: 'e'.repeat(64), lines: { 'cases.ndjson': [caseLine()] } });
    const r = await refusedWith([p.path]);
    expect(r.refusal).toBe('sequence_gap');
    expect(r.message).toMatch(/序号 2 至 3/);
    const ok = await importPackages(core.db, [p.path], { clock, acceptGap: true, reason: '序号2、3的U盘丢失，已电话核实' });
    expect(ok.refused).toBeNull();
    expect(ok.applied[0].gap).toEqual({ from: 2, to: 3 });
    const [receipt] = await core.db.query<{ accepted_gap: number; gap_from: number; gap_reason: string }>(
      `SELECT accepted_gap, gap_from, gap_reason FROM office_receipts WHERE sha256 = ?`, [p.sha256]);
    expect(receipt).toEqual({ accepted_gap: 1, gap_from: 2, gap_reason: '序号2、3的U盘丢失，已电话核实' });
    const [audit] = await core.db.query<{ action: string; after_json: string }>(`SELECT action, after_json FROM audit_events ORDER BY id DESC LIMIT 1`);
    expect(audit.action).toBe('office.import.acceptGap');
    expect(JSON.parse(audit.after_json)).toMatchObject({ sequence: 4, gap: { from: 2, to: 3 } });
    const status = await officeStatus(core.db);
    expect(status.committees.find((c) => c.code === A.code)!.stations[0]).toMatchObject({ lastSequence: 4, gaps: [{ from: 2, to: 3 }] });
  });
});

describe('office import: revisions, deletions, order', () => {
  const C = committee('330383-003', '东山社区人民调解委员会');
  beforeAll(() => registerCommittee(core.db, null, clock, { code: C.code, publicKeyPem: C.key.publicPem }));

  it('several files apply sorted by sequence; a later revision wins, an older one arriving late does not overwrite; deletions apply', async () => {
    const x = caseLine({ revision: 5, outcome: null, concluded_on: null, status: 'in_mediation', agreement_form: null, agreement_amount_fen: null, performance: null });
    const y = caseLine({ revision: 3 });
    const p1 = await pkg({ c: C, sequence: 1, lines: { 'cases.ndjson': [x, y] } });
    const p2 = await pkg({ c: C, sequence: 2, previous: p1.sha256, lines: { 'cases.ndjson': [{ ...x, revision: 9, outcome: 'agreed', status: 'agreed', concluded_on: '2026-03-20', agreement_form: 'written' }] } });
    const p3 = await pkg({ c: C, sequence: 3, previous: p2.sha256, lines: { 'cases.ndjson': [{ ...x, revision: 7, outcome: 'failed' }, { uuid: y.uuid, deleted: true, revision: 4 }] } });
    // Given out of order: applied 1, 2, 3.
    const r = await importPackages(core.db, [p3.path, p1.path, p2.path], { clock });
    expect(r.refused).toBeNull();
    expect(r.applied.map((a) => a.sequence)).toEqual([1, 2, 3]);
    expect(r.applied[2].counts['cases.ndjson']).toEqual({ lines: 2, applied: 0, older: 1, deleted: 1 });
    expect(await caseRow(C, x.uuid)).toEqual([{ revision: 9, deleted: 0, outcome: 'agreed', status: 'agreed' }]);
    expect(await caseRow(C, y.uuid)).toEqual([{ revision: 4, deleted: 1, outcome: null, status: null }]);
    const march = officeFigures(core.db, '2026-03', NOW, C.code).report;
    expect(march.success).toBe(1); // x, agreed at revision 9; y, deleted, no longer counts
    expect(march.accepted).toBe(1);
    // The rest of x's line is kept as JSON, in the schema's order, its empty (null) fields left out; the statistics
    // columns are real columns.
    const [{ data }] = await core.db.query<{ data: string }>(`SELECT data FROM office_cases WHERE committee_code = ? AND uuid = ?`, [C.code, x.uuid]);
    expect(Object.keys(JSON.parse(data))).toEqual(['case_no', 'created_at', 'summary', 'requests', 'applicant_names', 'respondent_names']);
    expect(JSON.parse(data)).toEqual({ case_no: x.case_no, created_at: x.created_at, summary: x.summary, requests: x.requests,
      applicant_names: x.applicant_names, respondent_names: x.respondent_names });
    expect(x).toMatchObject({ local_category: null, referral_body: null, closed_on: null, failure_routes: null, termination_reason: null });
    // Checkpoints were spaced out only while the packages applied: SQLite's setting is back, the WAL copied and emptied.
    expect(rawHandle(core.db).prepare('PRAGMA wal_autocheckpoint').all()).toEqual([{ wal_autocheckpoint: 1000 }]);
    expect(statSync(`${core.db.path}-wal`).size).toBe(0);
  });

  it('stops at the first refusal, the ones before it stay applied', async () => {
    const status = await officeStatus(core.db);
    const last = status.committees.find((c) => c.code === C.code)!.stations[0];
    const p4 = await pkg({ c: C, sequence: 4, previous: last.lastSha256, lines: { 'cases.ndjson': [caseLine()] } });
    const p6 = await pkg({ c: C, sequence: 6, previous: 'a'.repeat(64) });
    const r = await importPackages(core.db, [p6.path, p4.path], { clock });
    expect(r.applied.map((a) => a.sequence)).toEqual([4]);
    expect(r.refused).toMatchObject({ refusal: 'sequence_gap' });
  });
});

describe('office figures: the same definitions, summed over committees', () => {
  const D = committee('330383-004', '南岭村人民调解委员会');
  const E = committee('330383-005', '北岙社区人民调解委员会');
  const agreed = (n: number) => Array.from({ length: n }, () => caseLine());
  const failed = (n: number) => Array.from({ length: n }, () => caseLine({ outcome: 'failed', agreement_form: null, agreement_amount_fen: null, performance: null }));
  let stats: ReturnType<typeof officeFigures>;

  beforeAll(async () => {
    for (const c of [D, E]) await registerCommittee(core.db, null, clock, { code: c.code, publicKeyPem: c.key.publicPem });
    const m = person({ name: '林晓' });
    // D: 1 agreed, 0 failed (its rate 100 %); E: 1 agreed, 3 failed (25 %). Averaging rates: 62.5 %; the city: 2 ÷ 5 = 40 %.
    const d = await pkg({ c: D, sequence: 1, lines: { 'people.ndjson': [m], 'cases.ndjson': [caseLine({ lead_mediator_uuid: m.uuid })] } });
    const e = await pkg({ c: E, sequence: 1, lines: { 'cases.ndjson': [...agreed(1), ...failed(3)], 'sweeps.ndjson': [
      { uuid: randomUUID(), revision: 1, updated_at: stamp, swept_on: '2026-03-05', found: 4, prevented: 2, created_at: stamp, area: '北岙', note: null },
    ] } });
    expect((await importPackages(core.db, [d.path, e.path], { clock })).refused).toBeNull();
    stats = officeFigures(core.db, '2026-03', NOW);
  });

  it('the city success rate is Σ success ÷ Σ (success + failed), never the average of the rates', () => {
    const [d, e] = [D, E].map((c) => stats.committees.find((x) => x.code === c.code)!.report);
    expect(d.success_rate).toBe(1);
    expect(e.success_rate).toBe(0.25);
    const rest = stats.committees.filter((x) => x.code !== D.code && x.code !== E.code).map((x) => x.report);
    const success = [d, e, ...rest].reduce((s, r) => s + r.success, 0);
    const fail = [d, e, ...rest].reduce((s, r) => s + r.failed, 0);
    expect(stats.report.success_rate).toBe(Math.round((success / (success + fail)) * 10_000) / 10_000);
    const only = officeFigures(core.db, '2026-03', NOW);
    expect(only.report.committee).toEqual({ code: CITY_CODE, name: '市公共法律服务中心' });
    // Over just D and E the sum is 2 ÷ 5, not (1 + 0.25) ÷ 2.
    const de = d.success + e.success;
    expect(de / (de + d.failed + e.failed)).toBe(0.4);
  });

  it('every count of the city equals the sum of the committees’ counts', () => {
    const leaves = (r: StatisticsReport) => new Map(reportLeaves(r).filter(([k, v]) => typeof v === 'number' && !/rate|^by_mediator|amount_wan/.test(k)));
    const city = leaves(stats.report);
    for (const [key, value] of city) {
      const sum = stats.committees.reduce((s, c) => s + (leaves(c.report).get(key) as number), 0);
      expect(value, key).toBe(sum);
    }
    expect(stats.report.sweeps).toBeGreaterThanOrEqual(1);
    expect(stats.report.sweep_found).toBeGreaterThanOrEqual(4);
    expect(stats.committees.find((c) => c.code === D.code)!.report.by_mediator).toMatchObject([{ name: '林晓', accepted: 1, success: 1 }]);
  });

  it('the XLSX form has one row per committee and a total row, with the city rate', async () => {
    const out = file('city.xlsx');
    await writeOfficeXlsx(stats, out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('月报')!;
    const labels = stats.committees.map((_, i) => String(ws.getRow(FORM_ROWS.data + i).getCell(1).value));
    expect(labels[0]).toContain(stats.committees[0].code);
    const total = ws.getRow(FORM_ROWS.data + stats.committees.length);
    expect(total.getCell(1).value).toBe(TOTAL_LABEL);
    const rateCol = FORM_FIRST + FORM_COLUMNS.findIndex((c) => c.key === 'success_rate');
    const successCol = FORM_FIRST + FORM_COLUMNS.findIndex((c) => c.key === 'success');
    expect(total.getCell(rateCol).value).toBe(stats.report.success_rate);
    expect(total.getCell(successCol).value).toBe(stats.report.success);
  });
});

describe('office figures from a real committee export', () => {
  it('recomputes exactly the committee’s own figures: no differences from its statistics.json', async () => {
    const fx = await statisticsFixture();
    try {
      const code = (await fx.core.db.query<{ code: string }>(`SELECT code FROM committee`))[0].code;
      const { publicPem } = await import('../../electron/core/exchange/keys').then((k) => k.signingPublicKey(fx.core.db));
      await registerCommittee(core.db, null, clock, { code, publicKeyPem: publicPem });
      // Full level: the same figures, names and all; then a de-identified package of the same records (no names).
      const exported = await exportPackage(fx.core.db, null, () => AS_OF, { recipients: [office.recipient], outDir: dir, level: 'full' });
      const r = await importPackages(core.db, [exported.file], { clock });
      expect(r.refused).toBeNull();
      for (const month of ['2026-03', '2025-12']) {
        const theirs = computeFigures(fx.core.db, monthPeriod(month), AS_OF);
        const ours = officeFigures(core.db, month, AS_OF, code);
        expect(ours.committees[0].packageReport).not.toBeNull();
        expect(ours.committees[0].differences, month).toEqual([]);
        const strip = (x: StatisticsReport) => ({ ...x, committee: null, by_mediator: x.by_mediator.map((m) => ({ ...m, id: 0 })) });
        expect(strip(ours.report)).toEqual(strip(theirs));
        // A mediator's count changed in the office's copy shows up as a difference.
        const tampered = { ...ours.report, success: ours.report.success + 1 };
        expect(reportDifferences(tampered, theirs)).toEqual([{ key: 'success', label: '调解成功数', office: theirs.success + 1, package: theirs.success }]);
        const nameless = { ...ours.report, by_mediator: ours.report.by_mediator.map((m) => ({ ...m, name: '' })) };
        expect(reportDifferences(nameless, theirs)).toEqual([]);
        const moved = { ...nameless, by_mediator: nameless.by_mediator.map((m, i) => (i === 0 ? { ...m, success: m.success + 1 } : m)) };
        expect(reportDifferences(moved, theirs).map((d) => d.key)).toEqual(['by_mediator']);
      }
    } finally {
      await fx.close();
    }
  });
});

describe('office CLI, end to end', () => {
  const env = { TIAOJIE_PASSPHRASE: 'office cli passphrase 2026' };
  async function cli(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, env, { out: (s) => { out.push(s); }, err: (s) => { err.push(s); }, isTTY: false });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('init with a key from stock age-keygen, register, import in order, stop at a gap, accept it, stats as JSON and XLSX', async () => {
    const db = join(dir, 'cli-office.db');
    const keyFile = join(dir, 'office.key');
    execFileSync('age-keygen', ['-o', keyFile], { stdio: 'ignore' });
    const recipient = /# public key: (age1\w+)/.exec(readFileSync(keyFile, 'utf8'))![1];
    const init = await cli(['office', 'init', '--db', db, '--name', '市公共法律服务中心', '--identity-file', keyFile]);
    expect(init.code).toBe(0);
    expect(init.out).toBe(recipient);
    const F = committee('330383-006', '西溪社区人民调解委员会');
    const pem = join(dir, 'f.pem');
    writeFileSync(pem, F.key.publicPem);
    const reg = await cli(['office', 'register', '--db', db, '--committee-code', F.code, '--public-key', pem]);
    expect(reg.code).toBe(0);
    expect(reg.out).toMatch(/[0-9A-F]{4}( [0-9A-F]{4}){7}/);

    const saved = office.recipient;
    office.recipient = recipient;
    try {
      const p1 = await pkg({ c: F, sequence: 1, lines: { 'cases.ndjson': [caseLine()] } });
      const p2 = await pkg({ c: F, sequence: 2, previous: p1.sha256, lines: { 'cases.ndjson': [caseLine({ outcome: 'failed', agreement_form: null, agreement_amount_fen: null })] } });
      const p4 = await pkg({ c: F, sequence: 4, previous: 'b'.repeat(64) });
      const first = await cli(['office', 'import', '--db', db, p2.path, p1.path, p4.path]);
      expect(first.code).toBe(1);
      expect(first.out.split('\n')).toHaveLength(2);
      expect(first.err).toMatch(/缺少该站点的序号 3/);
      const again = await cli(['office', 'import', '--db', db, p4.path, '--accept-gap']);
      expect(again.code).toBe(0);
      expect(again.out).toMatch(/序号 3 至 3|3 至 3/);
      const replay = await cli(['office', 'import', '--db', db, p1.path]);
      expect(replay.code).toBe(1);
      expect(replay.err).toMatch(/导入过/);
      const english = await cli(['--lang', 'en', 'office', 'import', '--db', db, p1.path]);
      expect(english.code).toBe(1);
      expect(english.err).toMatch(/^Refused .*: Package “.*” \(330383-006, station \w+, no\. 1\) was already imported on \d{4}-\d{2}-\d{2} \d{2}:\d{2}; nothing was changed$/);

      const json = await cli(['office', 'stats', '--db', db, '--month', '2026-03', '--format', 'json']);
      expect(json.code).toBe(0);
      const stats = JSON.parse(json.out) as ReturnType<typeof officeFigures>;
      expect(stats.report).toMatchObject({ success: 1, failed: 1, success_rate: 0.5 });
      const one = await cli(['office', 'stats', '--db', db, '--month', '2026-03', '--committee', F.code]);
      expect(JSON.parse(one.out).scope).toBe('committee');
      const noOut = await cli(['office', 'stats', '--db', db, '--month', '2026-03', '--format', 'xlsx']);
      expect(noOut.code).toBe(2);
      const xlsx = join(dir, 'cli.xlsx');
      expect((await cli(['office', 'stats', '--db', db, '--month', '2026-03', '--format', 'xlsx', '--out', xlsx])).code).toBe(0);
      expect(existsSync(xlsx)).toBe(true);
    } finally {
      office.recipient = saved;
    }
  });

  it('refuses to import into a committee database', async () => {
    const db = join(dir, 'committee.db');
    expect((await cli(['init', '--db', db, '--committee-name', '白沙社区人民调解委员会', '--committee-code', '330383-001'])).code).toBe(0);
    const p = await pkg({ c: A, sequence: 9 });
    const r = await cli(['office', 'import', '--db', db, p.path]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/不是市公共法律服务中心的数据库/);
  });
});

describe('office IPC channels', () => {
  it('set-up, status, register, upload and import, stats and XLSX; permissions; refused in a committee database', async () => {
    const ipcCore = new AppCore(join(dir, 'ipc-office.db'), { clock });
    const dispatch = createDispatcher(ipcCore);
    const call = <C extends Channel>(session: ReturnType<typeof newSession>, channel: C, input: Input<C>) =>
      dispatch(session, channel, input) as Promise<Result<Output<C>>>;
    const anon = newSession();
    const setup = await call(anon, 'office:setup', { name: '市公共法律服务中心', admin: { username: 'admin', displayName: '周敏', password: 'baisha-pass-2026' } });
    expect(setup.ok && setup.value.recipient).toMatch(/^age1/);
    const recipient = setup.ok ? setup.value.recipient : '';
    const status = await call(anon, 'app:status', {});
    expect(status.ok && status.value).toMatchObject({ state: 'ready', committee: null, mode: 'office' });
    const admin = newSession();
    expect((await call(admin, 'auth:signIn', { username: 'admin', password: 'baisha-pass-2026' })).ok).toBe(true);
    await ipcCore.db.transaction((tx) => createUser(tx, { username: 'med', displayName: '冯涛', password: 'user-password-1', role: 'mediator' }, NOW, null));
    const mediator = newSession();
    expect((await call(mediator, 'auth:signIn', { username: 'med', password: 'user-password-1' })).ok).toBe(true);
    const forbidden = await call(mediator, 'office:status', {});
    expect(!forbidden.ok && forbidden.error.code).toBe('FORBIDDEN');

    const G = committee('330383-008', '南山社区人民调解委员会');
    const reg = await call(admin, 'office:register', { code: G.code, publicKeyPem: G.key.publicPem });
    expect(reg.ok && reg.value.outcome).toBe('registered');
    const saved = office.recipient;
    office.recipient = recipient;
    let p: { path: string; sha256: string };
    try {
      p = await pkg({ c: G, sequence: 1, lines: { 'cases.ndjson': [caseLine()] } });
    } finally {
      office.recipient = saved;
    }
    const bytes = readFileSync(p.path);
    const half = Math.floor(bytes.length / 2);
    const up1 = await call(admin, 'office:upload', { offset: 0, chunkBase64: bytes.subarray(0, half).toString('base64') });
    const uploadId = up1.ok ? up1.value.uploadId : '';
    const up2 = await call(admin, 'office:upload', { uploadId, offset: half, chunkBase64: bytes.subarray(half).toString('base64') });
    expect(up2.ok && up2.value.size).toBe(bytes.length);
    const noReason = await call(admin, 'office:import', { files: [{ uploadId, fileName: 'g.tiaojie.age' }], acceptGap: true });
    expect(!noReason.ok && noReason.error.code).toBe('VALIDATION');
    const imported = await call(admin, 'office:import', { files: [{ uploadId, fileName: 'g.tiaojie.age' }] });
    expect(imported.ok && imported.value.applied.map((a) => a.fileName)).toEqual(['g.tiaojie.age']);
    const byPath = await call(admin, 'office:import', { files: [{ path: p.path }] });
    expect(!byPath.ok && byPath.error.message).toMatch(/只能上传/);

    const st = await call(admin, 'office:status', {});
    expect(st.ok && st.value.committees[0]).toMatchObject({ code: G.code, packages: 1, cases: 1, stations: [{ lastSequence: 1 }] });
    expect(st.ok && st.value.receipts[0]).toMatchObject({ fileName: 'g.tiaojie.age', importedBy: '周敏', gap: null });
    const stats = await call(admin, 'office:stats', { month: '2026-03' });
    expect(stats.ok && stats.value.report.success).toBe(1);
    const xlsx = await call(admin, 'office:exportXlsx', { month: '2026-03', committee: G.code });
    expect(xlsx.ok && xlsx.value.fileName).toBe(`人民调解工作统计月报_${G.code}_2026-03.xlsx`);
    await ipcCore.close();

    const committeeCore = new AppCore(join(dir, 'ipc-committee.db'), { clock });
    await committeeCore.setup({ passphrase: PASSPHRASE, committee: { name: '白沙社区人民调解委员会', code: '330383-001', type: 'residential' }, admin: { username: 'admin', displayName: '王芳', password: 'baisha-pass-2026' } });
    const cd = createDispatcher(committeeCore);
    const s2 = newSession();
    await cd(s2, 'auth:signIn', { username: 'admin', password: 'baisha-pass-2026' });
    expect(await cd(newSession(), 'app:status', {})).toMatchObject({ ok: true, value: { mode: 'committee' } });
    const refused = (await cd(s2, 'office:stats', { month: '2026-03' })) as Result<unknown>;
    expect(!refused.ok && refused.error.message).toMatch(/不是市公共法律服务中心的数据库/);
    await committeeCore.close();
  });
});
