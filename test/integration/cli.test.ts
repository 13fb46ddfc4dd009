import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { AppCore } from '../../electron/core/app/app-core';
import { tempDir } from '../support/db';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const ENV = { TIAOJIE_PASSPHRASE: 'cli passphrase 2026', TIAOJIE_ADMIN_PASSWORD: 'baisha-pass-2026' };

async function cli(args: string[], env: Record<string, string> = ENV) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, env, { out: (s) => { out.push(s); }, err: (s) => { err.push(s); }, isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function snapshot(db: string) {
  const core = new AppCore(db);
  await core.unlock(ENV.TIAOJIE_PASSPHRASE);
  const rows = await core.db.query(`SELECT c.case_no, c.registered_on, c.status, c.category, c.applicant_names, c.outcome, c.agreement_amount_fen
                                    FROM cases c ORDER BY c.id`);
  const parties = await core.db.query(`SELECT name, id_number FROM parties ORDER BY id`);
  await core.close();
  return { rows, parties };
}

describe('tiaojie CLI', () => {
  const db = join(dir, 'a.db');

  it('init creates an encrypted committee database with the first admin', async () => {
    const r = await cli(['init', '--db', db, '--committee-name', '湖前社区人民调解委员会', '--committee-code', '330383-002', '--admin', 'admin']);
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toContain('案号简称“湖前”');
    expect(existsSync(`${db}.keys.json`)).toBe(true);
    expect((await cli(['init', '--db', db, '--committee-name', 'X', '--committee-code', 'Y'])).code).toBe(1);
  });

  it('exit codes: usage 2, refused 1', async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['seed', '--db', db])).err).toContain('缺少选项 --cases');
    expect((await cli(['seed', '--db', db, '--cases', 'many'])).code).toBe(2);
    expect((await cli(['seed', '--db', db, '--cases', '5', '--from', '2026-13'])).code).toBe(2);
    expect((await cli(['seed', '--db', db, '--cases', '5', '--bogus'])).code).toBe(2);
    const noPass = await cli(['seed', '--db', db, '--cases', '5'], {});
    expect(noPass).toMatchObject({ code: 1, err: expect.stringContaining('TIAOJIE_PASSPHRASE') });
    expect((await cli(['seed', '--db', db, '--cases', '5'], { TIAOJIE_PASSPHRASE: 'wrong passphrase!!' })).code).toBe(1);
    expect((await cli(['seed', '--db', join(dir, 'missing.db'), '--cases', '5'])).code).toBe(1);
    expect((await cli(['init', '--db', join(dir, 'b.db'), '--committee-name', 'X社区人民调解委员会', '--committee-code', 'x1'], { TIAOJIE_PASSPHRASE: 'short' })).code).toBe(1);
    expect((await cli(['--lang', 'en', 'seed', '--db', db])).err).toContain('Missing option --cases');
  });

  it('seed is deterministic for a seed, and covers the whole lifecycle', async () => {
    const other = join(dir, 'c.db');
    for (const f of [db, other]) {
      if (f === other) expect((await cli(['init', '--db', other, '--committee-name', '湖前社区人民调解委员会', '--committee-code', '330383-002'])).code).toBe(0);
      expect(await cli(['seed', '--db', f, '--cases', '600', '--seed', '42', '--from', '2025-01', '--to', '2025-12'])).toMatchObject({ code: 0, out: expect.stringContaining('600') });
    }
    const [a, b] = [await snapshot(db), await snapshot(other)];
    expect(a).toEqual(b);
    expect(a.rows).toHaveLength(600);
    const statuses = new Set(a.rows.map((r) => r.status));
    for (const s of ['rejected', 'agreed', 'closed', 'archived']) expect(statuses).toContain(s);
    const outcomes = new Set(a.rows.map((r) => r.outcome));
    for (const o of ['agreed', 'failed', 'withdrawn']) expect(outcomes).toContain(o);
    expect(a.rows.every((r) => String(r.registered_on).startsWith('2025-'))).toBe(true);
    expect(a.rows[0].case_no).toBe('（2025）湖前人调字第0001号');
    const third = join(dir, 'd.db');
    await cli(['init', '--db', third, '--committee-name', '湖前社区人民调解委员会', '--committee-code', '330383-002']);
    await cli(['seed', '--db', third, '--cases', '600', '--seed', '43', '--from', '2025-01', '--to', '2025-12']);
    expect((await snapshot(third)).parties).not.toEqual(a.parties);
  });

  it('audit verify: exit 0 on an intact chain, 1 naming the first altered record', async () => {
    expect(await cli(['audit', 'verify', '--db', db])).toMatchObject({ code: 0, out: expect.stringContaining('审计日志完整') });
    const core = new AppCore(db);
    await core.unlock(ENV.TIAOJIE_PASSPHRASE);
    const [{ id }] = await core.db.query<{ id: number }>(`SELECT id FROM audit_events WHERE action = 'user.create'`);
    await core.db.query(`UPDATE audit_events SET after_json = '{"username":"intruder"}' WHERE id = ?`, [id]);
    await core.close();
    expect(await cli(['audit', 'verify', '--db', db])).toMatchObject({ code: 1, err: expect.stringContaining(`第${id}条记录`) });
    expect((await cli(['--lang', 'en', 'audit', 'verify', '--db', db])).err).toContain(`Audit record ${id}`);
    expect((await cli(['audit', 'frob', '--db', db])).code).toBe(2);
  });
});
