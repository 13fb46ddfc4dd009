import type { UserAccount, UserCreate, UserUpdate } from '../../../shared/domain/accounts';
import type { Database } from '../../db/data-source';
import type { UserRow } from '../../db/entities';
import { accountsRepo } from '../../db/repositories/accounts-repo';
import { usersRepo } from '../../db/repositories/people-repo';
import type { Tx } from '../../db/repositories/tx';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { AppFailure, notFound } from '../errors';
import { assertStrongPassword, createUser } from './accounts';
import { hashPassword, verifyPassword } from './password';
import { clearFailures } from './throttle';

const toAccount = (u: UserRow): UserAccount => ({
  id: u.id, username: u.username, displayName: u.display_name, role: u.role as UserAccount['role'],
  disabled: u.disabled === 1, mustChangePassword: u.must_change_password === 1, createdAt: u.created_at, updatedAt: u.updated_at,
});

export const listUsers = async (db: Database): Promise<UserAccount[]> => (await accountsRepo.list(db.manager)).map(toAccount);

async function userOrFail(tx: Tx, id: number): Promise<UserRow> {
  const row = await usersRepo.byId(tx, id);
  if (!row) throw notFound(`用户（编号${id}）`);
  return row;
}

/** The committee needs someone who can manage users: the last active admin stays one. */
async function keepAnAdmin(tx: Tx, row: UserRow, what: string): Promise<void> {
  if (row.role === 'admin' && !row.disabled && (await accountsRepo.otherActiveAdmins(tx, row.id)) === 0) {
    throw new AppFailure('BAD_STATE', 'accounts.users.lastAdmin',
      `“${row.display_name}”（${row.username}）是最后一位在用的管理员，不能${what}。请先为另一位用户设置管理员角色`);
  }
}

/** A new user with a first password the admin hands over; they must change it at their first sign-in. */
export const addUser = (db: Database, actor: Actor, clock: Clock, u: UserCreate): Promise<{ id: number }> =>
  db.transaction(async (tx) => ({
    id: await createUser(tx, { ...u, professions: u.role === 'mediator' ? ['mediator'] : [], mustChangePassword: true }, clock(), actor.userId),
  }));

export async function updateUser(db: Database, actor: Actor, clock: Clock, u: UserUpdate): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await userOrFail(tx, u.id);
    const displayName = u.displayName ?? row.display_name;
    const role = u.role ?? (row.role as UserAccount['role']);
    if (displayName === row.display_name && role === row.role) return;
    if (role !== 'admin') await keepAnAdmin(tx, row, '改为其他角色');
    const at = clock();
    await accountsRepo.update(tx, row.id, { display_name: displayName, role, updated_at: at.toISOString() });
    // The user's person record is the same human: the directory and case forms show the new name too.
    if (row.person_id !== null && displayName !== row.display_name) await accountsRepo.renamePerson(tx, row.person_id, displayName);
    await recordAudit(tx, {
      at, userId: actor.userId, action: 'user.update', entity: 'user', entityId: row.id,
      before: { displayName: row.display_name, role: row.role }, after: { displayName, role },
    });
  });
}

export async function setDisabled(db: Database, actor: Actor, clock: Clock, id: number, disabled: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await userOrFail(tx, id);
    if (Boolean(row.disabled) === disabled) return;
    if (disabled) {
      await keepAnAdmin(tx, row, '停用');
      if (row.id === actor.userId) throw new AppFailure('BAD_STATE', 'accounts.users.selfDisable', '不能停用自己正在使用的账号，请由另一位管理员操作');
    }
    const at = clock();
    await accountsRepo.update(tx, row.id, { disabled: disabled ? 1 : 0, updated_at: at.toISOString() });
    await recordAudit(tx, {
      at, userId: actor.userId, action: disabled ? 'user.disable' : 'user.enable', entity: 'user', entityId: row.id, after: { username: row.username },
    });
  });
}

/** A temporary password the admin hands over; the user must replace it at the next sign-in. Lifts a sign-in lock. */
export async function resetPassword(db: Database, actor: Actor, clock: Clock, id: number, password: string): Promise<void> {
  const row = await userOrFail(db.manager, id);
  assertStrongPassword(password, row.username);
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const at = clock();
    await accountsRepo.update(tx, row.id, { password_hash: hash, must_change_password: 1, updated_at: at.toISOString() });
    await clearFailures(tx, row.username);
    await recordAudit(tx, { at, userId: actor.userId, action: 'user.resetPassword', entity: 'user', entityId: row.id, after: { username: row.username } });
  });
}

/** The signed-in user's own change: the current password, then a new one that meets the rule and differs from it. */
export async function changePassword(db: Database, actor: Actor, clock: Clock, current: string, next: string): Promise<void> {
  const row = await userOrFail(db.manager, actor.userId);
  if (!(await verifyPassword(current, row.password_hash))) {
    throw new AppFailure('WRONG_PASSWORD', 'accounts.password.currentWrong', '当前密码不正确，请重新输入');
  }
  assertStrongPassword(next, row.username, 'newPassword');
  if (next.normalize('NFKC') === current.normalize('NFKC')) {
    throw new AppFailure('VALIDATION', 'accounts.password.same', '新密码不能与当前密码相同', [
      { path: 'newPassword', key: 'accounts.password.same', message: '新密码不能与当前密码相同' },
    ]);
  }
  const hash = await hashPassword(next);
  await db.transaction(async (tx) => {
    const at = clock();
    await accountsRepo.update(tx, row.id, { password_hash: hash, must_change_password: 0, updated_at: at.toISOString() });
    await recordAudit(tx, { at, userId: actor.userId, action: 'user.passwordChanged', entity: 'user', entityId: row.id });
  });
}
