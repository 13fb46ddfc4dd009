import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app/app-core';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { newSession } from '../../electron/ipc/session';
import { Database, DatabaseKeyError } from '../../electron/db/data-source';
import { MIGRATIONS } from '../../electron/db/migrations';
import { readKeyFile, unwrapWithPassphrase } from '../../electron/crypto/key-file';
import { committeeFixture, PASSPHRASE, tempDir } from '../support/db';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => { while (cleanups.length) await cleanups.pop()!(); });

async function fixture() {
  const f = await committeeFixture();
  cleanups.push(f.close);
  return f;
}

describe('the encrypted database', () => {
  it('runs the migrations from empty into an encrypted WAL file with foreign keys on', async () => {
    const f = await fixture();
    const tables = (await f.core.db.query<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['committee', 'users', 'persons', 'cases', 'parties', 'agreements', 'followups', 'audit_events', 'case_number_counters', 'migrations']));
    const migrations = await f.core.db.query<{ name: string }>('SELECT name FROM migrations');
    expect(migrations.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => new m().name));
    expect((await f.core.db.query<{ journal_mode: string }>('PRAGMA journal_mode'))[0].journal_mode).toBe('wal');
    expect((await f.core.db.query<{ foreign_keys: number }>('PRAGMA foreign_keys'))[0].foreign_keys).toBe(1);
    await f.core.close();
    const head = readFileSync(f.dbPath).subarray(0, 16).toString('latin1');
    expect(head).not.toBe('SQLite format 3\0');
    expect(readFileSync(f.dbPath).includes(Buffer.from('白沙社区'))).toBe(false);
  });

  it('cannot be read without the key, nor with another key', async () => {
    const f = await fixture();
    await f.core.close();
    const plain = new Sqlite(f.dbPath, { fileMustExist: true });
    expect(() => plain.prepare('SELECT count(*) FROM cases').get()).toThrow(/not a database/);
    plain.close();
    await expect(Database.open(f.dbPath, Buffer.alloc(32, 7))).rejects.toBeInstanceOf(DatabaseKeyError);
  });

  it('refuses a wrong recovery passphrase with a clear Chinese message, and opens with the right one', async () => {
    const f = await fixture();
    await f.core.close();
    const core = new AppCore(f.dbPath);
    cleanups.push(() => core.close());
    expect(core.state()).toBe('locked');
    const dispatch = createDispatcher(core);
    const wrong = await dispatch(newSession(), 'app:unlock', { passphrase: 'not the passphrase' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE', message: expect.stringContaining('恢复口令不正确') } });
    expect(core.state()).toBe('locked');
    expect(await dispatch(newSession(), 'app:unlock', { passphrase: `  ${PASSPHRASE} ` })).toEqual({ ok: true, value: {} });
    expect(core.state()).toBe('ready');
  });

  it('keeps the data key wrapped, never in clear, in the key file', async () => {
    const f = await fixture();
    const file = readKeyFile(f.dbPath)!;
    const key = await unwrapWithPassphrase(file, PASSPHRASE);
    expect(key).toHaveLength(32);
    expect(readFileSync(`${f.dbPath}.keys.json`, 'utf8')).not.toContain(key.toString('hex'));
    expect(readFileSync(`${f.dbPath}.keys.json`, 'utf8')).not.toContain(key.toString('base64'));
  });

  it('takes an encrypted copy before running a pending migration, and migrates in one transaction', async () => {
    const f = await fixture();
    await f.core.close();
    const key = await unwrapWithPassphrase(readKeyFile(f.dbPath)!, PASSPHRASE);
    class AddColumn1999999999999 implements MigrationInterface {
      name = 'AddColumn1999999999999';
      async up(q: QueryRunner) { await q.query('ALTER TABLE cases ADD COLUMN probe TEXT'); }
      async down(q: QueryRunner) { await q.query('ALTER TABLE cases DROP COLUMN probe'); }
    }
    class Broken2999999999999 implements MigrationInterface {
      name = 'Broken2999999999999';
      async up(q: QueryRunner) { await q.query('ALTER TABLE cases ADD COLUMN other TEXT'); await q.query('THIS IS NOT SQL'); }
      async down() {}
    }
    // A failing migration leaves the schema as it was, the earlier one included.
    await expect(Database.open(f.dbPath, key, { migrations: [...MIGRATIONS, AddColumn1999999999999, Broken2999999999999] })).rejects.toThrow();
    const before = await Database.open(f.dbPath, key);
    const cols = (await before.query<{ name: string }>('PRAGMA table_info(cases)')).map((c) => c.name);
    expect(cols).not.toContain('probe');
    await before.close();

    const db = await Database.open(f.dbPath, key, { migrations: [...MIGRATIONS, AddColumn1999999999999] });
    expect((await db.query<{ name: string }>('PRAGMA table_info(cases)')).map((c) => c.name)).toContain('probe');
    await db.close();
    const copies = readdirSync(f.dir).filter((n) => n.includes('.pre-migration-'));
    expect(copies.length).toBeGreaterThanOrEqual(1);
    const copy = join(f.dir, copies[0]);
    expect(readFileSync(copy).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    const reopened = await Database.open(copy, key, { migrations: MIGRATIONS });
    expect((await reopened.query<{ n: number }>('SELECT count(*) AS n FROM committee'))[0].n).toBe(1);
    await reopened.close();
  });

  it('leaves no half set-up behind when set-up fails', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const core = new AppCore(join(dir, 'tiaojie.db'));
    const r = await createDispatcher(core)(newSession(), 'app:setup', {
      committee: { name: '白沙社区人民调解委员会', code: 'bad code with spaces' },
      admin: { username: 'admin', displayName: '王芳', password: 'baisha-pass-2026' },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(r.ok || r.error.message).toContain('委员会代码');
    expect(existsSync(join(dir, 'tiaojie.db'))).toBe(false);
    expect(core.state()).toBe('uninitialized');
  });
});
