import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app/app-core';
import { writePackage } from '../../electron/core/exchange/package/write';
import { importPackages, registerCommittee, type ImportOptions, type ImportResult } from '../../electron/core/office';
import { LocalHost, WorkerHost, type HostReply, type HostRequest } from '../../electron/core/office/package-host';
import { generateIdentity } from '../../electron/crypto/age';
import { generateSigningKey } from '../../electron/crypto/signing';
import { RECORD_FILES, type RecordFile } from '../../shared/domain/exchange';
import { WORKERS, workerConfig } from '../../vite.electron.config';
import { PASSPHRASE, tempDir } from '../support/db';

// The office import's worker threads (package-host.ts): what two workers apply is what one thread applies, refusals
// stop the import at the same place with the same words, and the app's build of the worker does the same work.

const NOW = new Date('2026-04-10T02:00:00.000Z');
const clock = () => NOW;
const { dir, cleanup } = tempDir();
const spools = join(dir, 'spools');
const office = { identity: '', recipient: '' };
const stamp = '2026-03-01T01:00:00.000Z';

interface Committee { code: string; name: string; key: ReturnType<typeof generateSigningKey>; station: string; people: string[] }
const committees: Committee[] = ['330383-021', '330383-022'].map((code, i) => ({
  code, name: `测试第${i + 1}人民调解委员会`, key: generateSigningKey(), station: randomUUID(), people: [randomUUID(), randomUUID()],
}));

/** A package's lines: its committee's mediators, then cases each with two parties and a session. */
function lines(c: Committee, cases: number, day: number): Record<RecordFile, object[]> {
  const out = Object.fromEntries(RECORD_FILES.map((f) => [f, [] as object[]])) as Record<RecordFile, object[]>;
  out['people.ndjson'] = c.people.map((uuid, i) => ({
    uuid, revision: day, updated_at: stamp, name: `调解员${i}`, phone: null, sex: 'female', professions: ['mediator'], employment: 'part_time',
    active: true, joined_on: '2024-01-01', left_on: null, created_at: '2024-01-01T00:00:00.000Z',
  }));
  for (let i = 0; i < cases; i++) {
    const uuid = randomUUID();
    const on = `2026-03-${String(1 + ((day + i) % 28)).padStart(2, '0')}`;
    out['cases.ndjson'].push({
      uuid, revision: 1, updated_at: stamp, case_no: `（2026）测调字第${day * 100 + i}号`, category: 'neighbour', local_category: null,
      channel: 'application', referral_body: null, status: 'agreed', registered_on: on, accepted_on: on, due_on: '2026-04-30',
      extended_due_on: null, outcome: 'agreed', concluded_on: on, closed_on: null, archived_on: null, amount_fen: null, persons_involved: 2,
      agreement_form: 'written', agreement_amount_fen: 1000 * i, performance: 'performed', jc_status: 'none', satisfaction: null,
      prevented_criminal: false, prevented_criminal_persons: 0, prevented_suicide: false, prevented_suicide_persons: 0,
      prevented_group_petition: false, prevented_group_petition_persons: 0, prevented_group_fight: false, prevented_group_fight_persons: 0,
      lead_mediator_uuid: c.people[i % 2], failure_routes: null, external_code: null, created_at: stamp, summary: '邻里之间因排水发生纠纷',
      requests: ['疏通排水'], applicant_names: '甲', respondent_names: '乙', rejection_reason: null, termination_reason: null,
    });
    for (const [position, role] of ['applicant', 'respondent'].entries()) {
      out['parties.ndjson'].push({
        uuid: randomUUID(), revision: 1, updated_at: stamp, case_uuid: uuid, position, role, kind: 'person', pseudonym: 'A'.repeat(26),
        sex: 'male', age_band: '30-39', id_type: 'none', created_at: stamp, name: '某某', ethnicity: null, birth_date: null, id_number: null,
        phone: null, address: null, occupation: null, credit_code: null, representative: null, representative_title: null,
      });
    }
    out['sessions.ndjson'].push({
      uuid: randomUUID(), revision: 1, updated_at: stamp, case_uuid: uuid, held_at: stamp, parties_present_count: 2, attendees_count: 1,
      private: false, created_at: stamp, place: '调解室', parties_present: ['甲', '乙'], attendees: ['丙'], content: '双方陈述',
      result: '达成一致', recorder: '丁',
    });
  }
  return out;
}

let n = 0;
/** A real package of `c`'s next sequence; `edit` may change its lines before they are written and signed. */
async function pkg(c: Committee, sequence: number, previous: string, edit?: (l: Record<RecordFile, object[]>) => void, cases = 40) {
  const l = lines(c, cases, sequence);
  edit?.(l);
  const path = join(dir, `${++n}-${c.code}-${String(sequence).padStart(6, '0')}-20260410.tiaojie.age`);
  const w = await writePackage(path, {
    recipients: [office.recipient], signingPrivateKeyPem: c.key.privatePem,
    manifest: {
      committee: { code: c.code, name: c.name, signing_public_key_pem: c.key.publicPem }, station: c.station, sequence,
      previous_sha256: previous, created_at: NOW.toISOString(), level: 'full', range: { kind: 'since_last', after_revision: 0, to_revision: 100 },
    },
    records: Object.fromEntries(RECORD_FILES.map((f) => [f, () => l[f]])) as Record<RecordFile, () => object[]>,
    statistics: { months: {} },
  });
  return { path, sha256: w.sha256 };
}

/** Three packages of each committee, in order. */
async function chain(edit?: (c: Committee, sequence: number, l: Record<RecordFile, object[]>) => void): Promise<string[]> {
  const out: string[] = [];
  for (const c of committees) {
    let previous = '';
    for (let s = 1; s <= 3; s++) {
      const p = await pkg(c, s, previous, edit && ((l) => edit(c, s, l)));
      previous = p.sha256;
      out.push(p.path);
    }
  }
  return out;
}

const readSha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

let offices = 0;
/** A fresh office that knows both committees. */
async function freshOffice(): Promise<AppCore> {
  const core = new AppCore(join(dir, `office-${++offices}.db`), { clock });
  await core.setupOffice({ passphrase: PASSPHRASE, name: '市公共法律服务中心', identityText: office.identity });
  for (const c of committees) await registerCommittee(core.db, null, clock, { code: c.code, publicKeyPem: c.key.publicPem });
  return core;
}

/** The office's receipts and records, row by row. */
async function dump(core: AppCore): Promise<string> {
  const tables = ['office_receipts', 'office_stations', 'office_people', 'office_cases', 'office_parties', 'office_sessions'];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = (await core.db.query(`SELECT * FROM ${t} ORDER BY rowid`)).map((r) => JSON.stringify(r));
  return JSON.stringify(out);
}

/** Imports into a fresh office; its dump, and the result. */
async function importInto(files: string[], opts: ImportOptions): Promise<{ result: ImportResult; dump: string; cases: number }> {
  const core = await freshOffice();
  try {
    const result = await importPackages(core.db, files, { clock, ...opts });
    // Foreign keys are checked again after each package's transaction, and nothing it wrote breaks one.
    expect(await core.db.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await core.db.query('PRAGMA foreign_key_check')).toEqual([]);
    const [{ cases }] = await core.db.query<{ cases: number }>(`SELECT count(*) AS cases FROM office_cases`);
    return { result, dump: await dump(core), cases };
  } finally {
    await core.close();
  }
}

const ONE: ImportOptions = { workersFrom: Infinity };
const WORKERS_ON: ImportOptions = { workersFrom: 0 };
/** Package temp spools left behind. */
const leftovers = () => readdirSync(spools).filter((f) => f.startsWith('tiaojie-package-'));
/** Imported with workers, lines as rows and streamed: the same outcome and rows as `one`, and no spool left. */
async function sameWithWorkers(files: string[], one: { result: ImportResult; dump: string }): Promise<void> {
  for (const opts of [WORKERS_ON, { ...WORKERS_ON, streamFrom: 0 }]) {
    const other = await importInto(files, opts);
    expect(outcome(other.result)).toEqual(outcome(one.result));
    expect(other.dump).toBe(one.dump);
    expect(leftovers()).toEqual([]);
  }
}
const outcome = (r: ImportResult) => ({ applied: r.applied.map((a) => [a.committee, a.sequence, a.counts]), refused: r.refused });

beforeAll(async () => {
  Object.assign(office, await generateIdentity());
  mkdirSync(spools);
  process.env.TMPDIR = spools;
});
afterAll(cleanup);

describe('importing with worker threads', () => {
  it('applies exactly what one thread applies, given out of order, rows or streamed, and leaves no spool behind', async () => {
    const files = (await chain()).reverse();
    const one = await importInto(files, ONE);
    expect(one.result.threads).toBe('one');
    expect(one.result.refused).toBeNull();
    expect(one.cases).toBe(6 * 40);
    for (const opts of [WORKERS_ON, { ...WORKERS_ON, streamFrom: 0 }, { ...ONE, streamFrom: 0 }]) {
      const other = await importInto(files, opts);
      expect(other.result.threads).toBe(opts.workersFrom === 0 ? 'workers' : 'one');
      expect(outcome(other.result)).toEqual(outcome(one.result));
      expect(other.dump).toBe(one.dump);
      expect(leftovers()).toEqual([]);
    }
  }, 120_000);

  it("stops at a package's bad line in its place: the ones before it applied, nothing of it, whether rows or streamed", async () => {
    // The last party line of the first committee's second package is bad: every line before it would be written first.
    const files = await chain((c, s, l) => {
      if (c === committees[0] && s === 2) Object.assign(l['parties.ndjson'].at(-1)!, { age_band: '三十来岁' });
    });
    const one = await importInto(files, ONE);
    expect(one.result.refused).toMatchObject({ refusal: 'bad_record', key: 'exchange.refused.bad_record.field', params: { line: 80, field: 'age_band' } });
    expect(one.result.applied.map((a) => [a.committee, a.sequence])).toEqual([[committees[0].code, 1]]);
    expect(one.cases).toBe(40);
    await sameWithWorkers(files, one);
  }, 120_000);

  it('refuses a file whose manifest cannot be read before anything is applied, with the same refusal as one thread', async () => {
    const files = await chain();
    const damaged = join(dir, 'damaged.tiaojie.age');
    const bytes = readFileSync(files[4]);
    bytes[bytes.length - 100] ^= 1; // A package of one age chunk: the manifest's chunk fails.
    writeFileSync(damaged, bytes);
    const given = [...files.slice(0, 4), damaged, files[5]];
    // Shown and named by the name it was given under (an upload's own name), in the message too.
    const names = given.map((f, i) => (i === 4 ? '副本.tiaojie.age' : f.split('/').at(-1)!));
    const one = await importInto(given, { ...ONE, names });
    expect(one.result.applied).toEqual([]);
    expect(one.result.refused).toMatchObject({ fileName: '副本.tiaojie.age', refusal: 'damaged', params: { file: '副本.tiaojie.age' } });
    expect(one.result.refused!.message).toContain('（文件 副本.tiaojie.age）');
    const other = await importInto(given, { ...WORKERS_ON, names });
    expect(other.result.threads).toBe('workers');
    expect(outcome(other.result)).toEqual(outcome(one.result));
    expect(other.dump).toBe(one.dump);
    expect(leftovers()).toEqual([]);
  }, 120_000);

  it('refuses a file damaged past its manifest in its place: the packages before it in order stay applied', async () => {
    // The second committee's second package is large (several age chunks), damaged in its last chunk.
    const files = await chain();
    const large = await pkg(committees[1], 2, readSha(files[3]), undefined, 400);
    const bytes = readFileSync(large.path);
    bytes[bytes.length - 100] ^= 1;
    writeFileSync(large.path, bytes);
    const given = [files[5], large.path, ...files.slice(0, 4)];
    const one = await importInto(given, ONE);
    expect(one.result.applied.map((a) => [a.committee, a.sequence])).toEqual([
      [committees[0].code, 1], [committees[0].code, 2], [committees[0].code, 3], [committees[1].code, 1],
    ]);
    expect(one.result.refused).toMatchObject({ fileName: large.path.split('/').at(-1), refusal: 'damaged' });
    await sameWithWorkers(given, one);
  }, 120_000);

  it('a file replaced after its manifest was read is refused, not applied in a place that is not its own', async () => {
    const [first, second] = await chain();
    const replaced = join(dir, 'replaced.tiaojie.age');
    writeFileSync(replaced, readFileSync(second));
    for (const opts of [ONE, WORKERS_ON]) {
      writeFileSync(replaced, readFileSync(second));
      // Its manifest (the second package's) read, it becomes a copy of the first package before it is verified in full.
      const r = await importInto([replaced, first], {
        ...opts,
        onProgress: (p) => { if (p.phase === 'verify' && p.index === 1) writeFileSync(replaced, readFileSync(first)); },
      });
      // Not a repeat of the first package (which its bytes now are): it no longer is what was put in second place.
      expect(r.result.applied.map((a) => a.sequence)).toEqual([1]);
      expect(r.result.refused).toMatchObject({ fileName: 'replaced.tiaojie.age', refusal: 'damaged', key: 'exchange.refused.damaged.changed' });
    }
    expect(leftovers()).toEqual([]);
  }, 120_000);
});

describe('a file gone before it is verified in full', () => {
  it('stops the import in its place, the packages before it applied, and says so', async () => {
    for (const opts of [ONE, WORKERS_ON]) {
      const files = await chain();
      const r = await importInto(files, {
        ...opts,
        // Every manifest read, the second committee's second package is moved away (its USB stick pulled).
        onProgress: (p) => { if (p.phase === 'verify' && p.index === files.length - 1) rmSync(files[4]); },
      });
      expect(r.result.applied.map((a) => [a.committee, a.sequence])).toEqual([
        [committees[0].code, 1], [committees[0].code, 2], [committees[0].code, 3], [committees[1].code, 1],
      ]);
      expect(r.result.refused).toMatchObject({ fileName: files[4].split('/').at(-1), key: 'exchange.refused.damaged.unreadable' });
      expect(r.result.refused!.message).toMatch(/ENOENT/);
    }
    expect(leftovers()).toEqual([]);
  }, 120_000);
});

describe('the references SQLite does not check row by row during a package', () => {
  it('a committee gone after its manifests were read stops the import before any row of its package is written', async () => {
    const [first] = await chain();
    for (const opts of [ONE, WORKERS_ON]) {
      const core = await freshOffice();
      try {
        const gone = importPackages(core.db, [first, first], {
          clock, ...opts,
          onProgress: (p) => { if (p.phase === 'verify' && p.index === 1) void core.db.query(`DELETE FROM office_committees WHERE code = ?`, [committees[0].code]); },
        });
        await expect(gone).rejects.toThrow(/not registered/);
        expect(await core.db.query(`SELECT (SELECT count(*) FROM office_cases) AS cases, (SELECT count(*) FROM office_receipts) AS receipts`)).toEqual([{ cases: 0, receipts: 0 }]);
        expect(await core.db.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      } finally {
        await core.close();
      }
    }
  }, 60_000);
});

describe('what one thread decided in the given order, the workers decide the same way', () => {
  it('two packages claiming one sequence: the one given first is applied, the other is the repeat, whichever verifies first', async () => {
    // The first is large, so the second worker is done with the second long before.
    const large = await pkg(committees[0], 1, '', undefined, 400);
    const small = await pkg(committees[0], 1, '', undefined, 2);
    const other = await pkg(committees[1], 1, '');
    for (const given of [[large.path, small.path, other.path], [small.path, large.path, other.path]]) {
      for (const opts of [ONE, WORKERS_ON]) {
        const { result } = await importInto(given, opts);
        expect(result.applied.map((a) => a.fileName)).toEqual([given[0].split('/').at(-1)]);
        expect(result.refused).toMatchObject({ fileName: given[1].split('/').at(-1), refusal: 'sequence_repeat' });
      }
    }
  }, 120_000);

  it('a package already imported is a repeat even when a line of it is bad: its sequence is found first', async () => {
    const good = await pkg(committees[0], 1, '');
    const bad = await pkg(committees[0], 1, '', (l) => Object.assign(l['cases.ndjson'][0], { category: '不是类别' }));
    const other = await pkg(committees[1], 1, '');
    for (const opts of [ONE, WORKERS_ON, { ...WORKERS_ON, streamFrom: 0 }]) {
      const core = await freshOffice();
      try {
        expect((await importPackages(core.db, [good.path], { clock })).applied).toHaveLength(1);
        const r = await importPackages(core.db, [bad.path, other.path], { clock, ...opts });
        expect(r.refused).toMatchObject({ refusal: 'sequence_repeat' });
        expect(r.applied).toEqual([]);
      } finally {
        await core.close();
      }
      // Without the earlier import, the same file's bad line is what refuses it.
      const alone = await importInto([bad.path, other.path], opts);
      expect(alone.result.refused).toMatchObject({ refusal: 'bad_record', params: { field: 'category' } });
    }
    expect(leftovers()).toEqual([]);
  }, 120_000);

  it('a file that cannot be read stops the import as in one thread: after an earlier refusal, that refusal; before it, the error', async () => {
    const [first, second] = await chain();
    const damaged = join(dir, 'damaged-2.tiaojie.age');
    const bytes = readFileSync(first);
    bytes[bytes.length - 100] ^= 1;
    writeFileSync(damaged, bytes);
    const missing = join(dir, 'missing.tiaojie.age');
    for (const opts of [ONE, WORKERS_ON]) {
      const refused = await importInto([damaged, missing, second], opts);
      expect(refused.result.refused).toMatchObject({ fileName: 'damaged-2.tiaojie.age', refusal: 'damaged' });
      expect(refused.result.applied).toEqual([]);
      await expect(importInto([missing, damaged, second], opts)).rejects.toThrow(/ENOENT/);
      expect(leftovers()).toEqual([]);
    }
  }, 120_000);
});

describe('a worker that dies', () => {
  it('leaves no spool behind: what it held is in a folder of its own, removed when its host is disposed', async () => {
    const large = await pkg(committees[0], 1, '', undefined, 400);
    const pinned = Object.fromEntries(committees.map((c) => [c.code, c.key.publicPem]));
    const host = await WorkerHost.start({ identities: [office.identity], pinnedKey: (code) => pinned[code] ?? null, inMemory: 0 }, pinned);
    const asked = host.prepare(large.path, 'p', Infinity);
    // Killed while it verifies: its spools are there, in its own folder, and nobody closes them.
    const inside = () => readdirSync(spools).filter((f) => f.startsWith('tiaojie-package-host-'))
      .flatMap((h) => readdirSync(join(spools, h))).filter((f) => f.startsWith('tiaojie-package-'));
    while (!inside().length) await new Promise((r) => setTimeout(r, 1));
    expect(readdirSync(spools).filter((f) => f.startsWith('tiaojie-package-'))).toEqual([expect.stringMatching(/^tiaojie-package-host-/)]);
    await (host as unknown as { worker: Worker }).worker.terminate();
    await expect(asked).rejects.toThrow(/stopped/);
    await host.dispose();
    expect(leftovers()).toEqual([]);
  }, 60_000);
});

describe("the app's build of the package worker", () => {
  it('is built by vite.electron.config.ts and, run as the app runs it, verifies and checks as this thread does', async () => {
    // Inside the project, so the build's requires resolve as they do beside main.cjs.
    const out = join(process.cwd(), 'node_modules', '.cache', 'tiaojie-package-worker-test');
    rmSync(out, { recursive: true, force: true });
    const config = workerConfig('package-worker', WORKERS['package-worker']);
    await build({ ...config, build: { ...config.build, outDir: out } });
    const [file] = await chain();
    const pinned = Object.fromEntries(committees.map((c) => [c.code, c.key.publicPem]));
    const worker = new Worker(join(out, 'package-worker.cjs'), { workerData: { identities: [office.identity], pinned } });
    const replies: HostReply[] = [];
    const answered = (count: number) => new Promise<void>((resolve, reject) => {
      const check = () => { if (replies.length >= count) resolve(); };
      worker.on('message', (m: HostReply) => { replies.push(m); check(); });
      worker.on('error', reject);
    });
    const all = answered(3);
    const ask = (r: HostRequest) => worker.postMessage(r);
    ask({ id: 1, op: 'prepare', file, name: 'p', streamFrom: Infinity });
    ask({ id: 2, op: 'dispose' });
    await all;
    await worker.terminate();
    expect(replies[0]).toEqual({ type: 'ready' });
    const local = new LocalHost({ identities: [office.identity], pinnedKey: (code) => pinned[code] ?? null });
    const prepared = await local.prepare(file, 'p', Infinity);
    expect(prepared).toMatchObject({ pkg: { manifest: { committee: { code: committees[0].code } } }, rows: { 'cases.ndjson': expect.any(Array) } });
    expect(replies[1]).toEqual({ id: 1, ok: true, value: prepared });
    expect(leftovers()).toEqual([]);
  }, 120_000);
});
