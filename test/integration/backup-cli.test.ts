import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { AppCore } from '../../electron/core/app/app-core';
import { tempDir } from '../support/db';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const ENV = { TIAOJIE_PASSPHRASE: 'cli backup passphrase 2026' };

async function cli(args: string[], env: Record<string, string> = ENV) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, env, { out: (s) => { out.push(s); }, err: (s) => { err.push(s); }, isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function caseCount(db: string, env = ENV) {
  const core = new AppCore(db);
  await core.unlock(env.TIAOJIE_PASSPHRASE);
  const [{ n }] = await core.db.query<{ n: number }>('SELECT count(*) AS n FROM cases');
  const actions = (await core.db.query<{ action: string }>('SELECT action FROM audit_events ORDER BY id')).map((a) => a.action);
  await core.close();
  return { n, actions };
}

describe('tiaojie backup / restore', () => {
  const db = join(dir, 'a.db');
  const backup = join(dir, 'a-backup.db');

  it('backs up, and restores after the checks (exit 0)', async () => {
    expect((await cli(['init', '--db', db, '--committee-name', '湖前社区人民调解委员会', '--committee-code', '330383-002'])).code).toBe(0);
    expect((await cli(['seed', '--db', db, '--cases', '20', '--seed', '7', '--from', '2026-01', '--to', '2026-03'])).code).toBe(0);
    const b = await cli(['backup', '--db', db, '--out', backup]);
    expect(b).toMatchObject({ code: 0, out: expect.stringContaining(backup) });
    expect(readFileSync(backup).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(existsSync(`${backup}.keys.json`)).toBe(true);
    // Refuses to overwrite.
    expect((await cli(['backup', '--db', db, '--out', backup])).code).toBe(1);

    expect((await cli(['seed', '--db', db, '--cases', '5', '--seed', '8', '--from', '2026-04', '--to', '2026-04'])).code).toBe(0);
    expect((await caseCount(db)).n).toBe(25);
    const r = await cli(['restore', '--db', db, '--from', backup]);
    expect(r).toMatchObject({ code: 0, out: expect.stringContaining('已从') });
    const after = await caseCount(db);
    expect(after.n).toBe(20);
    expect(after.actions.at(-1)).toBe('backup.restore');
  });

  it('usage errors exit 2, refusals 1 (Chinese and English), I/O errors 3', async () => {
    expect((await cli(['backup', '--db', db])).code).toBe(2);
    expect((await cli(['restore', '--db', db])).code).toBe(2);
    expect((await cli(['backup', '--db', db, '--out', join(dir, 'x.db')], {})).code).toBe(1);
    expect((await cli(['backup', '--db', db, '--out', join(dir, 'no', 'such', 'folder', 'x.db')])).code).toBe(3);

    const damaged = join(dir, 'damaged.db');
    expect((await cli(['backup', '--db', db, '--out', damaged])).code).toBe(0);
    const size = statSync(damaged).size;
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, Math.floor(size / 2));
    closeSync(fd);
    const before = await caseCount(db);
    const zh = await cli(['restore', '--db', db, '--from', damaged]);
    expect(zh).toMatchObject({ code: 1, err: expect.stringContaining('已损坏') });
    expect(zh.err).toContain(damaged);
    const en = await cli(['--lang', 'en', 'restore', '--db', db, '--from', damaged]);
    expect(en).toMatchObject({ code: 1, err: expect.stringContaining('the file is damaged') });
    expect(await caseCount(db)).toEqual(before);

    // Another committee's database: another key.
    const other = join(dir, 'other.db');
    expect((await cli(['init', '--db', other, '--committee-name', '青山社区人民调解委员会', '--committee-code', '330383-009'], { TIAOJIE_PASSPHRASE: 'other passphrase 2026' })).code).toBe(0);
    const foreign = await cli(['restore', '--db', db, '--from', other]);
    expect(foreign).toMatchObject({ code: 1, err: expect.stringContaining('密钥') });
    expect((await cli(['restore', '--db', db, '--from', join(dir, 'missing.db')])).code).toBe(1);
    expect(await caseCount(db)).toEqual(before);
  });

  it('restores onto a new PC from the backup and its key file with the recovery passphrase', async () => {
    const fresh = join(dir, 'new-pc', 'tiaojie.db');
    expect((await cli(['restore', '--db', fresh, '--from', backup], { TIAOJIE_PASSPHRASE: 'not the passphrase!!' })).code).toBe(1);
    expect(existsSync(fresh)).toBe(false);
    const r = await cli(['restore', '--db', fresh, '--from', backup]);
    expect(r).toMatchObject({ code: 0 });
    expect((await caseCount(fresh)).n).toBe(20);
  });
});
