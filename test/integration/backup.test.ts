import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app/app-core';
import { runDueBackup, startBackupSchedule } from '../../electron/core/backup/schedule';
import { setupCommittee } from '../../electron/core/committee/setup';
import { Database } from '../../electron/db/data-source';
import { MIGRATIONS } from '../../electron/db/migrations';
import { makeResidentId } from '../support/identity';
import { committeeFixture, ok, PASSPHRASE } from '../support/db';

type Fixture = Awaited<ReturnType<typeof committeeFixture>>;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => { while (cleanups.length) await cleanups.pop()!(); });

async function fixture(clock?: () => Date) {
  const f = await committeeFixture({ clock });
  cleanups.push(f.close);
  const admin = await f.signedIn();
  const folder = join(f.dir, '备份');
  ok(await f.call(admin, 'backup:saveSettings', { folder, keep: 7, enabled: true }));
  return { ...f, admin, folder };
}

async function register(f: Fixture, admin: Awaited<ReturnType<Fixture['signedIn']>>, summary: string, names: [string, string]) {
  return ok(await f.call(admin, 'cases:create', {
    category: 'neighbour', channel: 'application', summary, registeredOn: '2026-06-01',
    parties: [
      { role: 'applicant', name: names[0], idType: 'resident_id', idNumber: makeResidentId('1980-02-03', 'female', 21) },
      { role: 'respondent', name: names[1] },
    ],
  })).id;
}

/** Every table but the settings and the audit log (which the restore itself appends to), row by row. */
async function dataOf(core: AppCore) {
  const tables = (await core.db.query<{ name: string }>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('settings', 'audit_events') AND name NOT LIKE 'sqlite_%'
       AND name NOT LIKE '%_fts%' ORDER BY name`,
  )).map((t) => t.name);
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = (await core.db.query(`SELECT * FROM "${t}"`)).map((r) => JSON.stringify(r)).sort();
  return out;
}

const actions = async (core: AppCore) =>
  (await core.db.query<{ action: string; after_json: string | null }>('SELECT action, after_json FROM audit_events ORDER BY id'));

describe('backups', () => {
  it('writes an encrypted backup, with the key file beside it, recorded and audited', async () => {
    const f = await fixture();
    await register(f, f.admin, '楼上住户夜间噪音影响楼下休息', ['陈静', '李伟']);
    const b = ok(await f.call(f.admin, 'backup:create', {}));
    expect(b).toMatchObject({ kind: 'manual', name: expect.stringMatching(/^tiaojie-330383-001-\d{8}-\d{6}-manual\.db$/) });
    expect(b.file.startsWith(f.folder)).toBe(true);
    const bytes = readFileSync(b.file);
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(bytes.includes(Buffer.from('陈静'))).toBe(false);
    expect(bytes.includes(Buffer.from('白沙社区'))).toBe(false);
    expect(JSON.parse(readFileSync(`${b.file}.keys.json`, 'utf8')).format).toBe('tiaojie-keys');
    // No half-written file is left behind.
    expect(readdirSync(f.folder).sort()).toEqual([b.name, `${b.name}.keys.json`]);
    const status = ok(await f.call(f.admin, 'backup:status', {}));
    expect(status.backups).toEqual([b]);
    expect(status.settings).toEqual({ folder: f.folder, keep: 7, enabled: true });
    const audit = await actions(f.core);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['backup.settings', 'backup.create']));
    expect(JSON.parse(audit.find((a) => a.action === 'backup.create')!.after_json!)).toMatchObject({ name: b.name, kind: 'manual' });
  });

  it('restores exactly the data of the backup, keeps a safety backup, signs out and audits in the restored database', async () => {
    const f = await fixture();
    await register(f, f.admin, '楼上住户夜间噪音影响楼下休息', ['陈静', '李伟']);
    const b = ok(await f.call(f.admin, 'backup:create', {}));
    const atBackup = await dataOf(f.core);
    const auditAtBackup = await actions(f.core);
    await register(f, f.admin, '相邻通道堆放杂物', ['周敏', '吴刚']);
    expect((await f.counts()).cases).toBe(2);

    const r = ok(await f.call(f.admin, 'backup:restore', { file: b.file }));
    expect(r.restored).toBe(b.name);
    expect(await dataOf(f.core)).toEqual(atBackup);
    expect((await f.counts()).cases).toBe(1);
    const audit = await actions(f.core);
    // The copy was taken just before its own backup.create was recorded: everything up to that is back.
    expect(auditAtBackup.at(-1)!.action).toBe('backup.create');
    expect(audit.slice(0, auditAtBackup.length - 1)).toEqual(auditAtBackup.slice(0, -1));
    expect(audit.at(-1)!.action).toBe('backup.restore');
    expect(JSON.parse(audit.at(-1)!.after_json!)).toMatchObject({ from: b.name });
    // The session must sign in again.
    expect((await f.call(f.admin, 'backup:status', {})).ok).toBe(false);
    const again = await f.signedIn();
    const status = ok(await f.call(again, 'backup:status', {}));
    // The safety copy holds the state just before the restore (two cases); the list survived the restore.
    const safety = status.backups.find((x) => x.kind === 'pre-restore')!;
    expect(safety.file).toBe(r.safetyBackup);
    expect(status.backups.map((x) => x.name)).toContain(b.name);
    expect(status.settings.folder).toBe(f.folder);
    ok(await f.call(again, 'backup:restore', { file: safety.file }));
    expect((await f.counts()).cases).toBe(2);
  });

  it('refuses a damaged backup and leaves the database as it was', async () => {
    const f = await fixture();
    await register(f, f.admin, '楼上住户夜间噪音影响楼下休息', ['陈静', '李伟']);
    const b = ok(await f.call(f.admin, 'backup:create', {}));
    await register(f, f.admin, '相邻通道堆放杂物', ['周敏', '吴刚']);
    const before = await dataOf(f.core);
    const size = statSync(b.file).size;
    const fd = openSync(b.file, 'r+');
    writeSync(fd, Buffer.alloc(64, 0x5a), 0, 64, Math.floor(size / 2));
    closeSync(fd);

    const r = await f.call(f.admin, 'backup:restore', { file: b.file });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toContain(b.file);
    expect(r.error.message).toContain('损坏');
    expect(r.error.details?.[0].key).toBe('backup.refused.damaged');
    expect(await dataOf(f.core)).toEqual(before);
    // Nothing else happened: no safety backup, still signed in.
    const status = ok(await f.call(f.admin, 'backup:status', {}));
    expect(status.backups.map((x) => x.kind)).toEqual(['manual']);
  });

  it('refuses a backup under another key, another committee\'s database and a newer schema', async () => {
    const f = await fixture();
    const before = await dataOf(f.core);

    // Another committee's own backup: its own key.
    const g = await committeeFixture();
    cleanups.push(g.close);
    const gAdmin = await g.signedIn();
    ok(await g.call(gAdmin, 'backup:saveSettings', { folder: join(g.dir, 'b'), keep: 7, enabled: true }));
    const other = ok(await g.call(gAdmin, 'backup:create', {}));
    const byKey = await f.call(f.admin, 'backup:restore', { file: other.file });
    expect(byKey).toMatchObject({ ok: false, error: { details: [{ key: 'backup.refused.key' }] } });
    if (!byKey.ok) expect(byKey.error.message).toContain(other.file);

    // Another committee under this very key: caught by its code and station.
    const foreign = join(f.dir, '青山.db');
    const db = await Database.open(foreign, f.core.dataKey());
    await setupCommittee(db, { committee: { name: '青山社区人民调解委员会', code: '330383-009', type: 'residential' } }, new Date());
    await db.close();
    const byOwner = await f.call(f.admin, 'backup:restore', { file: foreign });
    expect(byOwner).toMatchObject({ ok: false, error: { details: [{ key: 'backup.refused.foreign' }] } });
    if (!byOwner.ok) expect(byOwner.error.message).toContain('青山社区人民调解委员会');

    // A copy of this committee's own data written by a newer program (a migration this one does not know).
    const own = ok(await f.call(f.admin, 'backup:create', {}));
    class Future2999999999999 implements MigrationInterface {
      name = 'Future2999999999999';
      async up(q: QueryRunner) { await q.query('CREATE TABLE future_probe (id INTEGER)'); }
      async down() {}
    }
    const newer = await Database.open(own.file, f.core.dataKey(), { migrations: [...MIGRATIONS, Future2999999999999], backupDir: join(f.dir, 'x') });
    await newer.close();
    const byVersion = await f.call(f.admin, 'backup:restore', { file: own.file });
    expect(byVersion).toMatchObject({ ok: false, error: { details: [{ key: 'backup.refused.newer' }] } });

    const missing = await f.call(f.admin, 'backup:restore', { file: join(f.dir, 'nothing.db') });
    expect(missing).toMatchObject({ ok: false, error: { details: [{ key: 'backup.refused.missing' }] } });
    expect(await dataOf(f.core)).toEqual(before);
  });

  it('backs up once a day automatically, keeps the last N and never deletes files it did not make', async () => {
    let now = new Date('2026-10-01T02:00:00Z');
    const f = await fixture(() => now);
    ok(await f.call(f.admin, 'backup:saveSettings', { folder: f.folder, keep: 3, enabled: true }));
    writeFileSync(join(f.folder, '会议记录.db'), 'not ours');
    const manual = ok(await f.call(f.admin, 'backup:create', {}));
    const made: string[] = [];
    for (let day = 1; day <= 5; day++) {
      now = new Date(`2026-10-0${day}T02:00:00Z`);
      const b = await runDueBackup(f.core, now);
      expect(b?.kind).toBe('auto');
      made.push(b!.name);
      // Checked hourly: the same Beijing day gives no second one.
      expect(await runDueBackup(f.core, new Date(now.getTime() + 3600_000))).toBeNull();
    }
    const files = readdirSync(f.folder).filter((n) => n.endsWith('.db'));
    expect(files.sort()).toEqual(['会议记录.db', manual.name, ...made.slice(2)].sort());
    expect(existsSync(join(f.folder, `${made[0]}.keys.json`))).toBe(false);
    const status = ok(await f.call(f.admin, 'backup:status', {}));
    expect(status.backups.filter((b) => b.kind === 'auto').map((b) => b.name)).toEqual(made.slice(2).reverse());

    // Switched off: nothing.
    ok(await f.call(f.admin, 'backup:saveSettings', { folder: f.folder, keep: 3, enabled: false }));
    expect(await runDueBackup(f.core, new Date('2026-10-09T02:00:00Z'))).toBeNull();
  });

  it('the schedule the main process and the preview start checks at once', async () => {
    const f = await fixture();
    const stop = startBackupSchedule(f.core, f.core.clock);
    cleanups.push(stop);
    await expect.poll(async () => (await actions(f.core)).filter((a) => a.action === 'backup.create').length, { timeout: 15_000 }).toBe(1);
    expect(readdirSync(f.folder).filter((n) => n.endsWith('-auto.db'))).toHaveLength(1);
  });

  it('audits a failed automatic backup with a reason code and no path', async () => {
    const f = await fixture();
    // The folder (a USB drive) is gone, and a file now stands in its place.
    rmSync(f.folder, { recursive: true, force: true });
    writeFileSync(f.folder, '');
    expect(await runDueBackup(f.core, new Date())).toBeNull();
    const failed = (await actions(f.core)).filter((a) => a.action === 'backup.failed');
    expect(failed).toHaveLength(1);
    const after = JSON.parse(failed[0].after_json!);
    expect(after).toMatchObject({ kind: 'auto', reason: expect.stringMatching(/^[a-z_]+$/) });
    expect(failed[0].after_json).not.toContain(f.dir);
    expect(ok(await f.call(f.admin, 'backup:status', {})).lastFailure).toMatchObject({ reason: after.reason });
    // 立即备份 and a restore's safety copy say which folder failed, as a refusal.
    const now = await f.call(f.admin, 'backup:create', {});
    expect(now).toMatchObject({ ok: false, error: { code: 'BAD_STATE', details: [{ key: 'backup.createFailed', params: { folder: f.folder } }] } });
    if (!now.ok) expect(now.error.message).toContain(f.folder);
  });

  it('takes the pre-migration backup into the chosen folder too, and keeps the one beside the file', async () => {
    const f = await fixture();
    await f.core.close();
    class Probe1999999999999 implements MigrationInterface {
      name = 'Probe1999999999999';
      async up(q: QueryRunner) { await q.query('CREATE TABLE probe (id INTEGER)'); }
      async down(q: QueryRunner) { await q.query('DROP TABLE probe'); }
    }
    const core = new AppCore(f.dbPath, { migrations: [...MIGRATIONS, Probe1999999999999] });
    cleanups.push(() => core.close());
    await core.unlock(PASSPHRASE);
    const inFolder = readdirSync(f.folder).filter((n) => n.endsWith('-pre-migration.db'));
    expect(inFolder).toHaveLength(1);
    expect(existsSync(join(f.folder, `${inFolder[0]}.keys.json`))).toBe(true);
    expect(readdirSync(f.dir).some((n) => n.includes('.pre-migration-'))).toBe(true);
    const created = (await actions(core)).filter((a) => a.action === 'backup.create').map((a) => JSON.parse(a.after_json!));
    expect(created).toEqual([expect.objectContaining({ name: inFolder[0], kind: 'pre-migration' })]);
    // The copy is the state before the migration: it opens under the key and has no probe table.
    const copy = await Database.open(join(f.folder, inFolder[0]), core.dataKey(), { backupDir: join(f.dir, 'x') });
    expect((await copy.query<{ n: number }>(`SELECT count(*) AS n FROM committee`))[0].n).toBe(1);
    await copy.close();
  });

  it('is for admins only', async () => {
    const f = await fixture();
    await f.addUser('tiaojieyuan', 'mediator');
    const m = await f.signedIn('tiaojieyuan', 'user-password-1');
    expect(await f.call(m, 'backup:create', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await f.call(m, 'backup:restore', { file: '/tmp/x.db' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await f.call(f.admin, 'backup:saveSettings', { folder: 'relative/path', keep: 7, enabled: true }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
