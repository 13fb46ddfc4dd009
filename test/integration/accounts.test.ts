import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app/app-core';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { newSession, type Session } from '../../electron/ipc/session';
import type { Channel, Input, Output } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';
import { ADMIN, committeeFixture, ok, PASSPHRASE } from '../support/db';

// Accounts (issue 7) through the real dispatcher on an encrypted database: admin channels, the last admin, the
// password rule, must-change, the sign-in rate limit across a reopened core, the idle lock, and the audit rows.

let nowMs = Date.parse('2026-11-27T02:00:00Z');
const clock = () => new Date(nowMs);
const MINUTE = 60_000;
let wall = 1_000_000; // the idle lock's own clock (DispatcherOptions.now)

let f: Awaited<ReturnType<typeof committeeFixture>>;
let dispatch: ReturnType<typeof createDispatcher>;
let admin: Session;
const call = <C extends Channel>(s: Session, c: C, i: Input<C>) => dispatch(s, c, i) as Promise<Result<Output<C>>>;
const code = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);
const audit = async (action: string) =>
  f.core.db.query<{ user_id: number | null; entity_id: number | null; before_json: string | null; after_json: string | null }>(
    `SELECT user_id, entity_id, before_json, after_json FROM audit_events WHERE action = ? ORDER BY id`, [action]);
const userRow = async (username: string) =>
  (await f.core.db.query<{ id: number; role: string; disabled: number; must_change_password: number; display_name: string }>(
    `SELECT id, role, disabled, must_change_password, display_name FROM users WHERE username = ?`, [username]))[0];
const signIn = async (username: string, password: string, d = dispatch) => {
  const s = newSession();
  const r = (await d(s, 'auth:signIn', { username, password })) as Result<Output<'auth:signIn'>>;
  return { s, r };
};

beforeAll(async () => {
  f = await committeeFixture({ clock });
  dispatch = createDispatcher(f.core, { now: () => wall });
  admin = (await signIn(ADMIN.username, ADMIN.password)).s;
}, 60_000);
afterAll(async () => { await f.core.close(); await f.close(); });

describe('users: add, edit, disable, enable, reset (admin only)', () => {
  let id: number;

  it('adds a user who must change the first password; refuses a weak one saying what is missing', async () => {
    const weak = await call(admin, 'users:create', { username: 'chenjing', displayName: '陈静', role: 'mediator', password: 'chenjing1' });
    expect(code(weak)).toBe('VALIDATION');
    expect(!weak.ok && weak.error.message).toMatch(/至少10位.*至少3类.*不能包含登录名/);
    id = ok(await call(admin, 'users:create', { username: 'chenjing', displayName: '陈静', role: 'mediator', password: 'Qingshan-2026' })).id;
    const listed = ok(await call(admin, 'users:list', {})).find((u) => u.id === id)!;
    expect(listed).toMatchObject({ username: 'chenjing', displayName: '陈静', role: 'mediator', disabled: false, mustChangePassword: true });
    const [created] = await audit('user.create');
    expect(created.after_json).not.toMatch(/Qingshan/);
  }, 30_000);

  it('must-change: after signing in, only changing the password (and signing out) goes through', async () => {
    const { s, r } = await signIn('chenjing', 'Qingshan-2026');
    expect(ok(r).mustChangePassword).toBe(true);
    const refused = await call(s, 'cases:list', {});
    expect(code(refused)).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(!refused.ok && refused.error.message).toMatch(/请先修改密码/);
    expect(code(await call(s, 'auth:changePassword', { currentPassword: 'wrong-one-2026', newPassword: 'Hupan-Lu-88' }))).toBe('WRONG_PASSWORD');
    const weak = await call(s, 'auth:changePassword', { currentPassword: 'Qingshan-2026', newPassword: 'password123' });
    expect(!weak.ok && weak.error.message).toMatch(/不能使用常见密码/);
    expect(code(await call(s, 'auth:changePassword', { currentPassword: 'Qingshan-2026', newPassword: 'Qingshan-2026' }))).toBe('VALIDATION');
    ok(await call(s, 'auth:changePassword', { currentPassword: 'Qingshan-2026', newPassword: 'Hupan-Lu-88' }));
    expect(code(await call(s, 'cases:list', {}))).toBe('ok');
    expect((await userRow('chenjing')).must_change_password).toBe(0);
    const [changed] = await audit('user.passwordChanged');
    expect(changed).toMatchObject({ user_id: id, entity_id: id, after_json: null });
  }, 30_000);

  it('a non-admin cannot manage users: refused and audited', async () => {
    const { s } = await signIn('chenjing', 'Hupan-Lu-88');
    expect(code(await call(s, 'users:list', {}))).toBe('FORBIDDEN');
    expect(code(await call(s, 'users:disable', { id: 1 }))).toBe('FORBIDDEN');
    const refusals = await audit('permission.refused');
    expect(refusals.slice(-2).map((r) => JSON.parse(r.after_json!).channel)).toEqual(['users:list', 'users:disable']);
  }, 30_000);

  it('edits name and role, audited before and after; the role applies to an open session at once', async () => {
    const { s } = await signIn('chenjing', 'Hupan-Lu-88');
    ok(await call(admin, 'users:update', { id, displayName: '陈晶', role: 'volunteer' }));
    expect(await userRow('chenjing')).toMatchObject({ display_name: '陈晶', role: 'volunteer' });
    const [u] = await audit('user.update');
    expect(JSON.parse(u.before_json!)).toEqual({ displayName: '陈静', role: 'mediator' });
    expect(JSON.parse(u.after_json!)).toEqual({ displayName: '陈晶', role: 'volunteer' });
    expect(code(await call(s, 'cases:create', { category: 'other', channel: 'application', summary: '测试', registeredOn: '2026-11-20', parties: [{ role: 'applicant', name: '李明' }] }))).toBe('FORBIDDEN');
  }, 30_000);

  it('disables (ending the open session, refusing sign-in) and enables again', async () => {
    const { s } = await signIn('chenjing', 'Hupan-Lu-88');
    ok(await call(admin, 'users:disable', { id }));
    expect(code(await call(s, 'cases:list', {}))).toBe('UNAUTHENTICATED');
    expect(s.user).toBeNull();
    const refused = await signIn('chenjing', 'Hupan-Lu-88');
    expect(!refused.r.ok && refused.r.error.message).toBe('该账号已停用，请联系管理员');
    ok(await call(admin, 'users:enable', { id }));
    expect(code((await signIn('chenjing', 'Hupan-Lu-88')).r)).toBe('ok');
    expect((await audit('user.disable')).map((r) => r.entity_id)).toEqual([id]);
    expect((await audit('user.enable')).map((r) => r.entity_id)).toEqual([id]);
  }, 30_000);

  it('resets a password: the temporary one works once, and must be changed', async () => {
    const weak = await call(admin, 'users:resetPassword', { id, password: 'short1A!' });
    expect(!weak.ok && weak.error.message).toMatch(/至少10位/);
    ok(await call(admin, 'users:resetPassword', { id, password: 'Linshi-2026-x' }));
    expect(code((await signIn('chenjing', 'Hupan-Lu-88')).r)).toBe('WRONG_PASSWORD');
    const { s, r } = await signIn('chenjing', 'Linshi-2026-x');
    expect(ok(r).mustChangePassword).toBe(true);
    expect(code(await call(s, 'cases:list', {}))).toBe('PASSWORD_CHANGE_REQUIRED');
    const rows = await audit('user.resetPassword');
    expect(rows).toHaveLength(1);
    expect(rows[0].after_json).toBe(JSON.stringify({ username: 'chenjing' }));
    ok(await call(s, 'auth:changePassword', { currentPassword: 'Linshi-2026-x', newPassword: 'Hupan-Lu-99' }));
  }, 30_000);
});

describe('the last active admin', () => {
  it('cannot be demoted or disabled, also not by themself; with a second admin, can', async () => {
    const me = admin.user!.id;
    const demote = await call(admin, 'users:update', { id: me, role: 'mediator' });
    expect(code(demote)).toBe('BAD_STATE');
    expect(!demote.ok && demote.error.message).toContain('最后一位在用的管理员');
    expect(code(await call(admin, 'users:disable', { id: me }))).toBe('BAD_STATE');
    expect((await userRow(ADMIN.username)).role).toBe('admin');

    const second = ok(await call(admin, 'users:create', { username: 'zhouxin', displayName: '周欣', role: 'admin', password: 'Beiyuan-Road-7' })).id;
    // A disabled admin does not count as one who can manage users.
    ok(await call(admin, 'users:disable', { id: second }));
    expect(code(await call(admin, 'users:update', { id: me, role: 'mediator' }))).toBe('BAD_STATE');
    ok(await call(admin, 'users:enable', { id: second }));
    // Disabling one's own open account is refused even when another admin remains.
    expect(code(await call(admin, 'users:disable', { id: me }))).toBe('BAD_STATE');
    ok(await call(admin, 'users:update', { id: second, role: 'office_staff' }));
    expect(code(await call(admin, 'users:disable', { id: me }))).toBe('BAD_STATE');
  }, 30_000);
});

describe('sign-in rate limit', () => {
  it('locks a name after 5 failures in 15 minutes, even for the right password, across a reopened core; 1, then 5 minutes', async () => {
    ok(await call(admin, 'users:create', { username: 'wuhao', displayName: '吴浩', role: 'volunteer', password: 'Xishan-2026-a' }));
    for (let i = 0; i < 4; i++) expect(code((await signIn('wuhao', `wrong-guess-${i}`)).r)).toBe('WRONG_PASSWORD');
    const fifth = (await signIn('wuhao', 'wrong-guess-4')).r;
    expect(code(fifth)).toBe('RATE_LIMITED');
    expect(!fifth.ok && fifth.error.message).toContain('请1分钟后再试');
    expect((await audit('auth.locked')).map((r) => JSON.parse(r.after_json!))).toEqual([{ username: 'wuhao', minutes: 1 }]);

    // The count lives in the database: a restart does not lift the lock.
    const reopened = new AppCore(f.dbPath, { clock });
    await f.core.close();
    await reopened.unlock(PASSPHRASE);
    f.core = reopened;
    dispatch = createDispatcher(reopened, { now: () => wall });
    admin = (await signIn(ADMIN.username, ADMIN.password)).s;
    expect(code((await signIn('wuhao', 'Xishan-2026-a')).r)).toBe('RATE_LIMITED');

    nowMs += MINUTE + 1000;
    for (let i = 0; i < 4; i++) expect(code((await signIn('wuhao', `wrong-again-${i}`)).r)).toBe('WRONG_PASSWORD');
    const longer = (await signIn('wuhao', 'wrong-again-4')).r;
    expect(!longer.ok && longer.error.message).toContain('请5分钟后再试');
    nowMs += 4 * MINUTE;
    expect(code((await signIn('wuhao', 'Xishan-2026-a')).r)).toBe('RATE_LIMITED');
    nowMs += MINUTE + 1000;
    const { r } = await signIn('wuhao', 'Xishan-2026-a');
    expect(code(r)).toBe('ok');
    // A success starts afresh: one more failure is just a wrong password.
    expect(code((await signIn('wuhao', 'wrong-after-0')).r)).toBe('WRONG_PASSWORD');
  }, 120_000);

  it('limits an unknown name the same way (no user enumeration)', async () => {
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) answers.push(code((await signIn('nosuchuser', `guess-${i}`)).r));
    expect(answers).toEqual(['WRONG_PASSWORD', 'WRONG_PASSWORD', 'WRONG_PASSWORD', 'WRONG_PASSWORD', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect((await audit('auth.locked')).at(-1)!.after_json).toBe(JSON.stringify({ username: 'nosuchuser', minutes: 1 }));
    const failed = await audit('auth.signInFailed');
    expect(failed.every((r) => !/guess|wrong|Xishan/.test(r.after_json ?? ''))).toBe(true);
  }, 60_000);

  it('failures spread over more than 15 minutes do not lock', async () => {
    for (let i = 0; i < 6; i++) {
      expect(code((await signIn('zhouxin', `slow-guess-${i}`)).r)).toBe('WRONG_PASSWORD');
      nowMs += 4 * MINUTE;
    }
  }, 60_000);

  it('an admin password reset lifts a lock', async () => {
    for (let i = 0; i < 5; i++) await signIn('zhouxin', `fast-guess-${i}`);
    expect(code((await signIn('zhouxin', 'Beiyuan-Road-7')).r)).toBe('RATE_LIMITED');
    const id = (await userRow('zhouxin')).id;
    ok(await call(admin, 'users:resetPassword', { id, password: 'Nanhu-Road-2026' }));
    expect(code((await signIn('zhouxin', 'Nanhu-Road-2026')).r)).toBe('ok');
  }, 60_000);
});

describe('idle lock', () => {
  it('default 15 minutes: a request after it is SESSION_LOCKED until the same password is entered again', async () => {
    expect(ok(await call(admin, 'accounts:settings', {}))).toEqual({ idleMinutes: 15 });
    const { s } = await signIn('chenjing', 'Hupan-Lu-99');
    ok(await call(s, 'cases:list', {}));
    wall += 14 * MINUTE;
    ok(await call(s, 'cases:list', {}));
    // Background polls do not keep the session alive.
    wall += 10 * MINUTE;
    ok(await call(s, 'schedule:upcoming', {}));
    wall += 6 * MINUTE;
    const locked = await call(s, 'cases:list', {});
    expect(code(locked)).toBe('SESSION_LOCKED');
    expect(code(await call(s, 'schedule:upcoming', {}))).toBe('SESSION_LOCKED');
    expect(s.user?.username).toBe('chenjing'); // the lock keeps who it was
    expect(await audit('auth.idleLocked')).toHaveLength(1);
    expect(code(await dispatch(s, 'auth:signIn', { username: 'chenjing', password: 'wrong-pass-x1' }))).toBe('WRONG_PASSWORD');
    ok(await dispatch(s, 'auth:signIn', { username: 'chenjing', password: 'Hupan-Lu-99' }));
    ok(await call(s, 'cases:list', {}));
  }, 60_000);

  it('keepAlive counts as activity; the admin setting changes the minutes, 0 turns it off', async () => {
    const { s } = await signIn('chenjing', 'Hupan-Lu-99');
    ok(await call(s, 'cases:list', {}));
    for (let i = 0; i < 3; i++) { wall += 10 * MINUTE; ok(await call(s, 'auth:keepAlive', {})); }
    expect(code(await call(admin, 'accounts:saveSettings', { idleMinutes: 5 }))).toBe('SESSION_LOCKED'); // the admin idled too
    admin = (await signIn(ADMIN.username, ADMIN.password)).s;
    expect(code(await call(s, 'accounts:saveSettings', { idleMinutes: 0 }))).toBe('FORBIDDEN');
    ok(await call(admin, 'accounts:saveSettings', { idleMinutes: 5 }));
    wall += 6 * MINUTE;
    expect(code(await call(s, 'cases:list', {}))).toBe('SESSION_LOCKED');
    admin = (await signIn(ADMIN.username, ADMIN.password)).s;
    ok(await call(admin, 'accounts:saveSettings', { idleMinutes: 0 }));
    const { s: other } = await signIn('chenjing', 'Hupan-Lu-99');
    ok(await call(other, 'cases:list', {}));
    wall += 600 * MINUTE;
    ok(await call(other, 'cases:list', {}));
    const saved = await audit('accounts.settings');
    expect(saved.map((r) => JSON.parse(r.after_json!))).toEqual([{ idleMinutes: 5 }, { idleMinutes: 0 }]);
  }, 60_000);
});

describe('the set-up admin', () => {
  it('is held to the same rule', async () => {
    const core = new AppCore(`${f.dir}/second.db`, { clock });
    await expect(core.setup({
      passphrase: PASSPHRASE, committee: { name: '白沙社区人民调解委员会', code: '330383-002', type: 'residential' },
      admin: { username: 'laowang', displayName: '王芳', password: 'laowang-2026' },
    })).rejects.toThrow(/不能包含登录名/);
    expect(core.state()).toBe('uninitialized');
  });
});
