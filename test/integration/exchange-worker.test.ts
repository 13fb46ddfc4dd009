import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPackage } from '../../electron/core/exchange/export';
import { deidentifySecret } from '../../electron/core/exchange/keys';
import { spoolRecordFile, writePackage, type SpooledFile } from '../../electron/core/exchange/package/write';
import { spoolInWorker, type RecordJob, type WorkerMessage } from '../../electron/core/exchange/record-thread';
import { recordLines, type RecordWindow } from '../../electron/core/exchange/records';
import { ByteSpool } from '../../electron/core/ledger/spool';
import { seedCases } from '../../electron/core/seed/seed';
import { generateSigningKey } from '../../electron/crypto/signing';
import { RECORD_FILES, type RecordFile } from '../../shared/domain/exchange';
import { WORKERS, workerConfig } from '../../vite.electron.config';
import { committeeFixture, tempDir } from '../support/db';

// The record worker (record-thread.ts): the same bytes as this thread's, from the sources and from the app's build,
// and this thread takes over when it cannot start.

const NOW = new Date('2026-01-15T04:00:00.000Z');
const clock = () => NOW;
const { dir, cleanup } = tempDir();
const spools = join(dir, 'spools');
let fx: Awaited<ReturnType<typeof committeeFixture>>;
let recipient: string;

/** Export spools left in the temp folder (the worker's tsx cache may be there too). */
const leftovers = () => readdirSync(spools).filter((n) => n.startsWith('tiaojie-'));

beforeAll(async () => {
  fx = await committeeFixture({ clock });
  mkdirSync(spools);
  process.env.TMPDIR = spools;
  await seedCases(fx.core.db, { cases: 60, seed: 'worker', from: '2025-10', to: '2025-12' }, clock);
  const key = join(dir, 'office.key');
  execFileSync('age-keygen', ['-o', key], { stdio: 'ignore' });
  recipient = execFileSync('age-keygen', ['-y', key], { encoding: 'utf8' }).trim();
});
afterAll(async () => { await fx.close(); cleanup(); });

const window = (): RecordWindow => {
  const [{ revision }] = fx.core.db.read<{ revision: number }>(`SELECT revision FROM exchange_clock`);
  return { kind: 'range', from: '2025-10-01', to: '2025-12-31', toRevision: revision };
};
const job = (files: RecordFile[], over: Partial<RecordJob> = {}): RecordJob =>
  ({ reader: fx.core.db.readerSpec(), files, window: window(), level: 'deidentified', secret: deidentifySecret(fx.core.db), ...over });
const inProcess = (j: RecordJob) => (f: RecordFile) =>
  spoolRecordFile(f, recordLines(fx.core.db, f, j.window, { level: j.level, secret: Buffer.from(j.secret) }), undefined);
/** A spooled file's bytes, and its spool removed. */
function bytesOf(f: SpooledFile): Buffer {
  const spool = new ByteSpool('', f.spool);
  try { return Buffer.concat([...spool.blocks()]); } finally { spool.dispose(); }
}

describe('exporting with the record worker', () => {
  it('writes exactly the record files this thread writes, at both levels', async () => {
    for (const level of ['full', 'deidentified'] as const) {
      const range = { from: '2025-10-01', to: '2025-12-31' };
      const out = (name: string) => { const d = join(dir, `${name}-${level}`); mkdirSync(d); return d; };
      const withWorker = await exportPackage(fx.core.db, null, clock, { recipients: [recipient], outDir: out('worker'), level, range, workerFrom: 0 });
      const alone = await exportPackage(fx.core.db, null, clock, { recipients: [recipient], outDir: out('alone'), level, range, workerFrom: Infinity });
      expect(withWorker.threads).toBe('worker');
      expect(alone.threads).toBe('one');
      expect(withWorker.counts['parties.ndjson']).toBeGreaterThan(60);
      expect(withWorker.counts).toEqual(alone.counts);
      // The files' hashes are in each manifest, checked by the package tests against stock tools.
      const hashes = (file: string) => {
        const manifest = JSON.parse(execFileSync('sh', ['-c', `age -d -i ${join(dir, 'office.key')} "${file}" | funzip`], { encoding: 'utf8' })) as { files: { name: string; sha256: string }[] };
        return manifest.files.filter((f) => RECORD_FILES.includes(f.name as RecordFile));
      };
      expect(hashes(withWorker.file)).toEqual(hashes(alone.file));
    }
    expect(leftovers()).toEqual([]);
  });

  it('falls back to this thread, and says why, when the worker cannot start (here: a key that does not open the file)', async () => {
    const j = job(['parties.ndjson', 'followups.ndjson']);
    const reasons: Error[] = [];
    const files = spoolInWorker({ ...j, reader: { ...j.reader, dataKey: Buffer.alloc(32, 1) } }, inProcess(j), { onFallback: (e) => reasons.push(e) });
    const got = await Promise.all([files['parties.ndjson']!, files['followups.ndjson']!]);
    expect(reasons).toHaveLength(1);
    expect(reasons[0].message).toMatch(/not a database/);
    const expected = await inProcess(j)('parties.ndjson');
    expect(got[0]).toMatchObject({ name: 'parties.ndjson', sha256: expected.sha256, records: expected.records });
    expect(got[1].name).toBe('followups.ndjson');
    [...got, expected].forEach(bytesOf);
    expect(leftovers()).toEqual([]);
  });

  it("leaves nothing behind when a file spooled elsewhere fails: the package's .part file and every spool are removed", async () => {
    const base = job(['parties.ndjson']);
    const key = generateSigningKey();
    const out = join(dir, 'failing.tiaojie.age');
    await expect(writePackage(out, {
      recipients: [recipient], signingPrivateKeyPem: key.privatePem,
      manifest: {
        committee: { code: '330383-001', name: '白沙社区人民调解委员会', signing_public_key_pem: key.publicPem }, station: 'st', sequence: 1,
        previous_sha256: '', created_at: NOW.toISOString(), level: 'deidentified', range: { kind: 'since_last', after_revision: 0, to_revision: 1 },
      },
      records: Object.fromEntries(RECORD_FILES.map((f) => [f, () => recordLines(fx.core.db, f, base.window, { level: 'deidentified', secret: Buffer.from(base.secret) })])) as never,
      spooled: { 'parties.ndjson': Promise.reject(new Error('worker: disk full')) },
      statistics: {},
    })).rejects.toThrow('worker: disk full');
    expect(existsSync(out) || existsSync(`${out}.part`)).toBe(false);
    expect(leftovers()).toEqual([]);
  });
});

describe("the app's build of the worker", () => {
  it('is built by vite.electron.config.ts and, run as the app runs it, spools the same bytes', async () => {
    // Inside the project, so the build's require('better-sqlite3-multiple-ciphers') resolves as it does beside main.cjs.
    const out = join(process.cwd(), 'node_modules', '.cache', 'tiaojie-worker-test');
    rmSync(out, { recursive: true, force: true });
    for (const [name, entry] of Object.entries(WORKERS)) await build({ ...workerConfig(name, entry), build: { ...workerConfig(name, entry).build, outDir: out } });
    const j = job(['parties.ndjson', 'sessions.ndjson']);
    const messages: WorkerMessage[] = [];
    await new Promise<void>((resolve, reject) => {
      const worker = new Worker(join(out, 'record-worker.cjs'), { workerData: j });
      worker.on('message', (m: WorkerMessage) => messages.push(m));
      worker.on('error', reject);
      worker.on('exit', () => resolve());
    });
    expect(messages[0]).toEqual({ type: 'ready' });
    const done = messages.filter((m): m is Extract<WorkerMessage, { type: 'done' }> => m.type === 'done').map((m) => m.file);
    expect(done.map((f) => f.name)).toEqual(['parties.ndjson', 'sessions.ndjson']);
    for (const f of done) {
      const expected = await inProcess(j)(f.name);
      expect(bytesOf(f).equals(bytesOf(expected)), f.name).toBe(true);
      expect(f).toMatchObject({ sha256: expected.sha256, records: expected.records, crc: expected.crc, size: expected.size });
    }
    expect(leftovers()).toEqual([]);
  }, 120_000);
});
