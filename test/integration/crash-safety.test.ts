import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app/app-core';
import { seedCases } from '../../electron/core/seed/seed';
import { shanghaiDate } from '../../shared/domain/dates';
import { committeeFixture, ok, PASSPHRASE } from '../support/db';
import { makeResidentId } from '../support/identity';

// Crash safety (issue 7): a child is SIGKILLed while its transaction is open, at a point it signals from inside the
// transaction; the reopened database passes integrity_check and holds all of the write or none of it.

const CHILD = resolve(__dirname, '../support/crash-child.ts');
type Message = { what: 'inside' | 'done'; rows?: number; inserted?: number };

/** Runs the child; on its "inside" message either kills it (SIGKILL) or lets it go on; resolves when it has gone. */
function runChild(mode: 'import' | 'update', dbPath: string, env: Record<string, string>, onInside: (child: ReturnType<typeof spawn>) => void) {
  return new Promise<{ messages: Message[]; signal: NodeJS.Signals | null; code: number | null }>((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, dbPath], {
      env: { ...process.env, CRASH_PASSPHRASE: PASSPHRASE, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const messages: Message[] = [];
    child.on('message', (m: Message) => {
      messages.push(m);
      if (m.what === 'inside') onInside(child);
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => done({ messages, signal, code }));
  });
}

/** Every row of every ordinary table, hashed in order: "exactly as before" is this being equal. */
async function fingerprintAll(core: AppCore): Promise<Record<string, string>> {
  const tables = await core.db.query<{ name: string }>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = await core.db.query(`SELECT * FROM "${name}" ORDER BY rowid`).catch(() => core.db.query(`SELECT * FROM "${name}"`));
    out[name] = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
  }
  return out;
}

async function reopen(dbPath: string): Promise<AppCore> {
  const core = new AppCore(dbPath);
  await core.unlock(PASSPHRASE);
  return core;
}

const integrity = async (core: AppCore) => (await core.db.query<{ integrity_check: string }>('PRAGMA integrity_check')).map((r) => r.integrity_check);
const count = async (core: AppCore, table: string) => (await core.db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0].n;

let fixtures: Awaited<ReturnType<typeof committeeFixture>>[] = [];
afterEach(async () => {
  for (const f of fixtures) await f.close();
  fixtures = [];
});

async function fixture() {
  const f = await committeeFixture();
  fixtures.push(f);
  await seedCases(f.core.db, { cases: 20, seed: 'crash' }, f.core.clock); // mediators and some cases to begin with
  return f;
}

describe('a large import killed inside its transaction', () => {
  const ROWS = 3000;
  const AT = 1000;

  it('leaves none of its rows, an intact file, and a WAL that is recovered; unkilled, all of them', async () => {
    const f = await fixture();
    const before = { cases: await count(f.core, 'cases'), parties: await count(f.core, 'parties') };
    const prints = await fingerprintAll(f.core);
    await f.core.close();

    const killed = await runChild('import', f.dbPath, { CRASH_ROWS: String(ROWS), CRASH_SIGNAL_AT: String(AT) }, (c) => c.kill('SIGKILL'));
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.messages.map((m) => m.what)).toEqual(['inside']);
    expect(existsSync(`${f.dbPath}-wal`)).toBe(true); // the kill left the WAL behind: opening must deal with it
    expect(statSync(`${f.dbPath}-wal`).size).toBeGreaterThan(0); // uncommitted frames that recovery must ignore

    let core = await reopen(f.dbPath);
    expect(await integrity(core)).toEqual(['ok']);
    expect({ cases: await count(core, 'cases'), parties: await count(core, 'parties') }).toEqual(before);
    expect(await fingerprintAll(core)).toEqual(prints);
    await core.close();

    const finished = await runChild('import', f.dbPath, { CRASH_ROWS: String(ROWS), CRASH_SIGNAL_AT: String(ROWS - 10) }, () => {});
    expect(finished.code).toBe(0);
    expect(finished.messages.at(-1)).toEqual({ what: 'done', inserted: ROWS });
    core = await reopen(f.dbPath);
    expect(await integrity(core)).toEqual(['ok']);
    expect(await count(core, 'cases')).toBe(before.cases + ROWS);
    await core.close();
  });
});

describe('a case update killed after its first write', () => {
  async function registered(f: Awaited<ReturnType<typeof fixture>>) {
    const admin = await f.signedIn();
    const mediatorId = ok(await f.call(admin, 'people:mediators', {}))[0].id;
    const caseId = ok(await f.call(admin, 'cases:create', {
      category: 'neighbour', channel: 'application', summary: '楼上住户夜间噪音影响楼下休息', registeredOn: shanghaiDate(),
      parties: [
        { role: 'applicant', name: '陈静', idType: 'resident_id', idNumber: makeResidentId('1980-02-03', 'female', 21) },
        { role: 'respondent', name: '李伟' },
      ],
    })).id;
    const [user] = await f.core.db.query<{ id: number }>(`SELECT id FROM users WHERE username = 'admin'`);
    return { CRASH_CASE_ID: String(caseId), CRASH_USER_ID: String(user.id), CRASH_MEDIATOR_ID: String(mediatorId), caseId };
  }

  it('leaves the case exactly as before; unkilled, accepted with its audit record', async () => {
    const f = await fixture();
    const { caseId, ...env } = await registered(f);
    const prints = await fingerprintAll(f.core);
    await f.core.close();
    const go = join(f.dir, 'go');

    const killed = await runChild('update', f.dbPath, { ...env, CRASH_GO_FILE: go }, (c) => c.kill('SIGKILL'));
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.messages.map((m) => m.what)).toEqual(['inside']);
    expect(existsSync(`${f.dbPath}-wal`)).toBe(true);

    let core = await reopen(f.dbPath);
    expect(await integrity(core)).toEqual(['ok']);
    expect(await fingerprintAll(core)).toEqual(prints);
    const [row] = await core.db.query<{ status: string }>(`SELECT status FROM cases WHERE id = ?`, [caseId]);
    expect(row.status).toBe('registered');
    await core.close();

    const finished = await runChild('update', f.dbPath, { ...env, CRASH_GO_FILE: go }, () => writeFileSync(go, 'go'));
    expect(finished.code).toBe(0);
    expect(finished.messages.map((m) => m.what)).toEqual(['inside', 'done']);
    core = await reopen(f.dbPath);
    expect(await integrity(core)).toEqual(['ok']);
    const [after] = await core.db.query<{ status: string }>(`SELECT status FROM cases WHERE id = ?`, [caseId]);
    expect(after.status).toBe('accepted');
    expect(await count(core, `audit_events WHERE action = 'case.accept'`)).toBe(1);
    await core.close();
  });
});
