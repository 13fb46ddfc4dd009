import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { AppCore, type KeyStore } from '../../electron/core/app/app-core';
import { readKeyFile, keyFilePath } from '../../electron/crypto/key-file';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { newSession } from '../../electron/ipc/session';
import { ADMIN, committeeFixture, ok, PASSPHRASE, tempDir } from '../support/db';

const NEW_PASSPHRASE = '新的恢复口令-湖前-2027';
const OFFICE_PASSPHRASE = 'office passphrase 2026';

async function cli(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, env, { out: (s) => { out.push(s); }, err: (s) => { err.push(s); }, isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A stand-in for the operating system's key store: AES under a key only this test holds. */
function fakeKeyStore(): KeyStore {
  const k = randomBytes(32);
  return {
    available: () => true,
    seal: (plain) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', k, iv);
      return Buffer.concat([iv, c.update(plain), c.final(), c.getAuthTag()]).toString('base64');
    },
    open: (sealed) => {
      const b = Buffer.from(sealed, 'base64');
      const d = createDecipheriv('aes-256-gcm', k, b.subarray(0, 12));
      d.setAuthTag(b.subarray(b.length - 16));
      return Buffer.concat([d.update(b.subarray(12, b.length - 16)), d.final()]);
    },
  };
}

async function opens(dbPath: string, passphrase: string): Promise<boolean> {
  const core = new AppCore(dbPath);
  try {
    await core.unlock(passphrase);
    return core.state() === 'ready';
  } catch {
    return false;
  } finally {
    await core.close();
  }
}

const actions = async (core: AppCore, prefix = 'recovery.') =>
  (await core.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE action LIKE ? ORDER BY id`, [`${prefix}%`])).map((r) => r.action);

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

describe('changing the recovery passphrase', () => {
  it('rewraps the data key only: the database file is untouched, the old passphrase fails and the new one opens (app and CLI)', async () => {
    const f = await committeeFixture();
    cleanups.push(f.close);
    const admin = await f.signedIn();
    await f.core.db.query('PRAGMA wal_checkpoint(TRUNCATE)');
    const before = sha(f.dbPath);
    const keysBefore = readFileSync(keyFilePath(f.dbPath), 'utf8');

    const mismatch = await f.call(admin, 'recovery:changePassphrase', { current: PASSPHRASE, next: NEW_PASSPHRASE, confirm: `${NEW_PASSPHRASE}x` });
    expect(mismatch.ok ? null : mismatch.error.details?.[0].path).toBe('confirm');
    const wrong = await f.call(admin, 'recovery:changePassphrase', { current: 'not the passphrase 1', next: NEW_PASSPHRASE, confirm: NEW_PASSPHRASE });
    expect(wrong.ok ? null : wrong.error.message).toContain('当前恢复口令不正确');
    // Unlocked by the passphrase: the admin's password is not enough.
    const byPassword = await f.call(admin, 'recovery:changePassphrase', { adminPassword: ADMIN.password, next: NEW_PASSPHRASE, confirm: NEW_PASSPHRASE });
    expect(byPassword.ok ? null : byPassword.error.details?.[0].path).toBe('current');
    expect(readFileSync(keyFilePath(f.dbPath), 'utf8')).toBe(keysBefore); // refusals change nothing

    ok(await f.call(admin, 'recovery:changePassphrase', { current: PASSPHRASE, next: NEW_PASSPHRASE, confirm: NEW_PASSPHRASE }));
    expect(sha(f.dbPath)).toBe(before); // The audit record sits in the WAL; the pages were not re-encrypted.
    expect(await actions(f.core)).toEqual(['recovery.passphraseChanged']);
    await f.core.close();

    expect(await opens(f.dbPath, PASSPHRASE)).toBe(false);
    expect(await opens(f.dbPath, NEW_PASSPHRASE)).toBe(true);
    expect((await cli(['audit', 'verify', '--db', f.dbPath], { TIAOJIE_PASSPHRASE: PASSPHRASE })).code).toBe(1);
    const r = await cli(['audit', 'verify', '--db', f.dbPath], { TIAOJIE_PASSPHRASE: NEW_PASSPHRASE });
    expect(r.code).toBe(0);
  });

  it('when the key store unlocked the app, the admin password stands in for the passphrase; the key store copy still opens', async () => {
    const f = await committeeFixture();
    cleanups.push(f.close);
    await f.core.close();
    const store = fakeKeyStore();
    const first = new AppCore(f.dbPath, { keyStore: store });
    await first.unlock(PASSPHRASE); // the key store learns the key
    await first.close();
    const core = new AppCore(f.dbPath, { keyStore: store });
    cleanups.push(() => core.close());
    expect(await core.autoUnlock()).toBe(true);
    const dispatch = createDispatcher(core);
    const s = newSession();
    ok(await dispatch(s, 'auth:signIn', { username: ADMIN.username, password: ADMIN.password }));
    const status = ok(await dispatch(s, 'recovery:status', {})) as { unlockedBy: string; escrow: unknown };
    expect(status).toMatchObject({ unlockedBy: 'keyStore', escrow: null });
    const bad = await dispatch(s, 'recovery:changePassphrase', { adminPassword: 'wrong-password-1', next: NEW_PASSPHRASE, confirm: NEW_PASSPHRASE });
    expect(bad.ok ? null : bad.error.message).toContain('管理员密码不正确');
    ok(await dispatch(s, 'recovery:changePassphrase', { adminPassword: ADMIN.password, next: NEW_PASSPHRASE, confirm: NEW_PASSPHRASE }));
    expect(readKeyFile(f.dbPath)!.safeStorage).toBeTruthy();
    await core.close();
    expect(await opens(f.dbPath, PASSPHRASE)).toBe(false);
    expect(await opens(f.dbPath, NEW_PASSPHRASE)).toBe(true);
    const again = new AppCore(f.dbPath, { keyStore: store });
    expect(await again.autoUnlock()).toBe(true);
    await again.close();
  });

  it('is for admins only', async () => {
    const f = await committeeFixture();
    cleanups.push(f.close);
    await f.addUser('mediator1', 'mediator');
    const m = await f.signedIn('mediator1', 'user-password-1');
    const r = await f.call(m, 'recovery:changePassphrase', { current: PASSPHRASE, next: NEW_PASSPHRASE, confirm: NEW_PASSPHRASE });
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
  });
});

describe('recovery escrow to the city office', () => {
  it('is off by default; on wraps the data key to the office recipient as standard age; off removes it; both audited', async () => {
    const f = await committeeFixture();
    cleanups.push(f.close);
    const admin = await f.signedIn();
    expect(readKeyFile(f.dbPath)!.escrow).toBeUndefined();
    const idFile = join(f.dir, 'office.key');
    execFileSync('age-keygen', ['-o', idFile], { stdio: 'ignore' });
    const recipient = execFileSync('age-keygen', ['-y', idFile], { encoding: 'utf8' }).trim();
    ok(await f.call(admin, 'exchange:setRecipients', { recipients: [recipient] }));
    const offered = ok(await f.call(admin, 'recovery:status', {}));
    expect(offered.officeRecipients.map((r) => r.recipient)).toEqual([recipient]);

    const bad = await f.call(admin, 'recovery:setEscrow', { recipient: 'AGE-SECRET-KEY-1XYZ' });
    expect(bad.ok).toBe(false);
    const on = ok(await f.call(admin, 'recovery:setEscrow', { recipient }));
    expect(on.escrow).toMatchObject({ recipient, fingerprint: offered.officeRecipients[0].fingerprint });
    const escrow = readKeyFile(f.dbPath)!.escrow!;
    expect(escrow.committee).toEqual({ code: '330383-001', name: '白沙社区人民调解委员会' });
    // The stock age binary opens it with the age-keygen identity: it is plain age.
    const blob = join(f.dir, 'escrow.age');
    writeFileSync(blob, escrow.age);
    const plain = execFileSync('age', ['-d', '-i', idFile, blob]);
    expect(plain.equals(f.core.dataKey())).toBe(true);

    const off = ok(await f.call(admin, 'recovery:setEscrow', { recipient: null }));
    expect(off.escrow).toBeNull();
    expect(readKeyFile(f.dbPath)!.escrow).toBeUndefined();
    expect(await actions(f.core)).toEqual(['recovery.escrowEnabled', 'recovery.escrowDisabled']);
  });

  it('round trip: the office recovers a lost passphrase with its identity (CLI), both sides audit it, the committee opens with the new one', async () => {
    const f = await committeeFixture();
    cleanups.push(f.close);
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const officeDb = join(dir, 'office.db');
    const idFile = join(dir, 'office.key');
    execFileSync('age-keygen', ['-o', idFile], { stdio: 'ignore' });
    const init = await cli(['office', 'init', '--db', officeDb, '--name', '市公共法律服务中心', '--identity-file', idFile], { TIAOJIE_PASSPHRASE: OFFICE_PASSPHRASE });
    expect(init.code).toBe(0);
    const recipient = init.out.trim();

    const admin = await f.signedIn();
    ok(await f.call(admin, 'recovery:setEscrow', { recipient }));
    const dataKey = Buffer.from(f.core.dataKey());
    await f.core.close();
    // The committee lost its passphrase: it sends its key file (only the file) to the office.
    const sent = join(dir, 'baisha.keys.json');
    copyFileSync(keyFilePath(f.dbPath), sent);
    const out = join(dir, 'baisha.recovered.keys.json');
    const env = { TIAOJIE_PASSPHRASE: OFFICE_PASSPHRASE, TIAOJIE_NEW_PASSPHRASE: NEW_PASSPHRASE };

    expect((await cli(['--help'], {})).out).toContain('office recover-key --db 文件 --key-file 密钥文件');
    expect((await cli(['office', 'recover-key', '--db', officeDb, '--key-file', sent, '--out', out], { TIAOJIE_PASSPHRASE: OFFICE_PASSPHRASE })).code).toBe(1);
    const r = await cli(['office', 'recover-key', '--db', officeDb, '--key-file', sent, '--out', out], env);
    expect(r.code).toBe(0);
    expect(r.err).toContain('白沙社区人民调解委员会');
    const printed = r.out + r.err;
    for (const form of [dataKey.toString('hex'), dataKey.toString('base64'), dataKey.toString('base64url')]) expect(printed).not.toContain(form);
    expect(readFileSync(out, 'utf8')).not.toContain(dataKey.toString('hex'));

    const office = new AppCore(officeDb);
    await office.unlock(OFFICE_PASSPHRASE);
    const used = await office.db.query<{ after_json: string }>(`SELECT after_json FROM audit_events WHERE action = 'recovery.escrowUsed'`);
    await office.close();
    expect(used).toHaveLength(1);
    expect(JSON.parse(used[0].after_json)).toMatchObject({ committee: { code: '330383-001' } });

    renameSync(out, keyFilePath(f.dbPath));
    expect(await opens(f.dbPath, PASSPHRASE)).toBe(false);
    const core = new AppCore(f.dbPath);
    await core.unlock(NEW_PASSPHRASE);
    expect(core.dataKey().equals(dataKey)).toBe(true);
    expect(await actions(core)).toEqual(['recovery.escrowEnabled', 'recovery.escrowUsed']);
    await core.close();
    expect(readKeyFile(f.dbPath)!.recovered).toBeUndefined(); // recorded once
    expect(readKeyFile(f.dbPath)!.escrow?.recipient).toBe(recipient);

    // An office whose identity is not the escrow's cannot open it.
    const other = join(dir, 'other.db');
    expect((await cli(['office', 'init', '--db', other, '--name', '另一中心'], { TIAOJIE_PASSPHRASE: OFFICE_PASSPHRASE })).code).toBe(0);
    const refused = await cli(['office', 'recover-key', '--db', other, '--key-file', sent, '--out', join(dir, 'x.json')], env);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('打不开');
  });
});
