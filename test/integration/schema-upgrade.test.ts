import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { AppCore } from '../../electron/core/app/app-core';
import { Database } from '../../electron/db/data-source';
import { MIGRATIONS } from '../../electron/db/migrations';
import { DatabaseTooNewError } from '../../electron/db/schema-version';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { newSession } from '../../electron/ipc/session';
import { unwrapWithPassphrase, readKeyFile } from '../../electron/crypto/key-file';
import { committeeFixture, PASSPHRASE, tempDir } from '../support/db';

// An installer upgrade over an older database, and an older installer over a newer one (docs/release.md).

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => { while (cleanups.length) await cleanups.pop()!(); });

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const names = (list: typeof MIGRATIONS) => list.map((m) => new m().name);

describe('upgrading the app over an older database', () => {
  it('migrates a database made by an earlier schema, keeps its data, and leaves a pre-migration copy', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const path = join(dir, 'tiaojie.db');
    const key = randomBytes(32);
    const earlier = MIGRATIONS.slice(0, 5);

    // The earlier app's file, with data written through its own schema.
    const old = await Database.open(path, key, { migrations: earlier });
    await old.query(`INSERT INTO committee (id, name, code, short_name, type, station_id, created_at)
      VALUES (1, '白沙社区人民调解委员会', 'BS01', '白沙', 'village', 'S1', '2026-01-05T08:00:00.000Z')`);
    await old.query(`INSERT INTO persons (name, sex, phone, created_at) VALUES ('李强', 'male', '13800000000', '2026-01-05T08:00:00.000Z')`);
    expect(names(earlier).length).toBeLessThan(MIGRATIONS.length);
    await old.close();

    const db = await Database.open(path, key, { now: () => new Date('2026-10-05T09:00:00.000Z') });
    expect((await db.query<{ name: string }>('SELECT name FROM migrations ORDER BY timestamp')).map((r) => r.name)).toEqual(names(MIGRATIONS));
    expect(await db.query('SELECT name, code FROM committee')).toEqual([{ name: '白沙社区人民调解委员会', code: 'BS01' }]);
    expect(await db.query('SELECT name, phone FROM persons')).toEqual([{ name: '李强', phone: '13800000000' }]);
    await db.close();

    // The copy taken before migrating is the earlier file as it was: its schema, its data.
    const copies = readdirSync(dir).filter((n) => n.startsWith('tiaojie.db.pre-migration-2026-10-05T09-00-00-000Z'));
    expect(copies).toHaveLength(1);
    const copy = await Database.open(join(dir, copies[0]), key, { migrations: earlier });
    expect((await copy.query<{ name: string }>('SELECT name FROM migrations')).map((r) => r.name)).toEqual(names(earlier));
    expect(await copy.query('SELECT name FROM persons')).toEqual([{ name: '李强' }]);
    await copy.close();
  });
});

describe('an older app over a newer database', () => {
  it('refuses to open it, before any write, and leaves the file byte for byte as it was', async () => {
    const f = await committeeFixture();
    cleanups.push(f.close);
    await f.core.close();
    expect(f.core.state()).toBe('locked');
    const before = sha256(f.dbPath);
    const older = MIGRATIONS.slice(0, -1);

    // Through the app, as a mediator would see it: a clear Chinese message, still locked.
    const core = new AppCore(f.dbPath, { migrations: older });
    cleanups.push(() => core.close());
    const r = await createDispatcher(core)(newSession(), 'app:unlock', { passphrase: PASSPHRASE });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_STATE', key: 'errors.databaseTooNew' } });
    expect(r.ok || r.error.message).toContain('已由更新版本的调解台升级，本版本无法打开');
    expect(r.ok || r.error.message).toContain('数据库文件未作任何改动');
    expect(core.state()).toBe('locked');
    expect(sha256(f.dbPath)).toBe(before);
    expect(readdirSync(f.dir).filter((n) => n.includes('.pre-migration-'))).toEqual([]);
    expect(existsSync(`${f.dbPath}-wal`) && readFileSync(`${f.dbPath}-wal`).length > 0).toBe(false);

    // The current app opens the same file as before.
    const current = new AppCore(f.dbPath);
    cleanups.push(() => current.close());
    expect(await createDispatcher(current)(newSession(), 'app:unlock', { passphrase: PASSPHRASE })).toEqual({ ok: true, value: {} });
  });

  it('names the migrations it does not know', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const path = join(dir, 'tiaojie.db');
    const key = randomBytes(32);
    await (await Database.open(path, key)).close();
    const error = await Database.open(path, key, { migrations: MIGRATIONS.slice(0, -2) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseTooNewError);
    expect((error as DatabaseTooNewError).unknown).toEqual(names(MIGRATIONS.slice(-2)));
  });

  it('refuses in the CLI too, when a newer app has migrated the file', async () => {
    const f = await committeeFixture();
    cleanups.push(f.close);
    await f.core.close();
    // A later version's migration, as the newer app would have run it.
    class Future2999999999999 implements MigrationInterface {
      name = 'Future2999999999999';
      async up(q: QueryRunner) { await q.query('ALTER TABLE cases ADD COLUMN future TEXT'); }
      async down(q: QueryRunner) { await q.query('ALTER TABLE cases DROP COLUMN future'); }
    }
    const key = await unwrapWithPassphrase(readKeyFile(f.dbPath)!, PASSPHRASE);
    await (await Database.open(f.dbPath, key, { migrations: [...MIGRATIONS, Future2999999999999] })).close();
    const before = sha256(f.dbPath);

    const err: string[] = [];
    const code = await runCli(['audit', 'verify', '--db', f.dbPath], { TIAOJIE_PASSPHRASE: PASSPHRASE },
      { out: () => {}, err: (line) => { err.push(line); }, isTTY: false });
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('已由更新版本的调解台升级，本版本无法打开');
    expect(sha256(f.dbPath)).toBe(before);
  });
});
