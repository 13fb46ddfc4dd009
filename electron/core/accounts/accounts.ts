import { passwordProblems, passwordProblemText } from '../../../shared/domain/accounts';
import type { Role } from '../../../shared/domain/enums';
import type { User } from '../../../shared/domain/committee';
import type { Database } from '../../db/data-source';
import type { UserRow } from '../../db/entities';
import { peopleRepo, usersRepo } from '../../db/repositories/people-repo';
import type { Tx } from '../../db/repositories/tx';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { AppFailure, invalid } from '../errors';
import { dummyHash, hashPassword, verifyPassword } from './password';
import { clearFailures, lockedMinutes, rateLimited, recordFailure } from './throttle';

export const toUser = (u: UserRow): User => ({
  id: u.id, username: u.username, displayName: u.display_name, role: u.role as Role, personId: u.person_id,
});

export const toActor = (u: User): Actor => ({ userId: u.id, personId: u.personId, role: u.role, displayName: u.displayName });

/** Refuses a password below the rule (shared/domain/accounts.ts), saying what is missing. */
export function assertStrongPassword(password: string, username: string, path = 'password'): void {
  const problems = passwordProblems(password, username);
  if (problems.length) {
    throw invalid([{ path, key: 'accounts.password.weak', message: passwordProblemText(problems), params: { problems: problems.join(',') } }]);
  }
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  /** People's mediators are also people a case can name as its lead mediator. */
  professions?: string[];
  /** An admin-chosen first password: the user replaces it at the first sign-in. */
  mustChangePassword?: boolean;
}

export async function createUser(tx: Tx, u: NewUser, at: Date, byUserId: number | null): Promise<number> {
  const stamp = at.toISOString();
  assertStrongPassword(u.password, u.username);
  if (await usersRepo.byUsername(tx, u.username)) {
    throw new AppFailure('CONFLICT', 'errors.CONFLICT', `登录名“${u.username}”已被使用`);
  }
  const personId = await peopleRepo.insert(tx, {
    name: u.displayName, sex: null, phone: null, professions: JSON.stringify(u.professions ?? []),
    employment: null, active: 1, created_at: stamp,
  });
  const id = await usersRepo.insert(tx, {
    username: u.username, display_name: u.displayName, role: u.role, password_hash: await hashPassword(u.password),
    disabled: 0, must_change_password: u.mustChangePassword ? 1 : 0, person_id: personId, created_at: stamp, updated_at: stamp,
  });
  await recordAudit(tx, { at, userId: byUserId, action: 'user.create', entity: 'user', entityId: id, after: { username: u.username, role: u.role } });
  return id;
}

const WRONG = () => new AppFailure('WRONG_PASSWORD', 'errors.WRONG_PASSWORD', '登录名或密码不正确，请重新输入');

export interface SignedIn {
  user: User;
  mustChangePassword: boolean;
}

/**
 * Checks a password; unknown users cost the same time as known ones and are rate limited the same way
 * (throttle.ts). Every attempt is audited, a lock as `auth.locked`.
 */
export async function signIn(db: Database, username: string, password: string, clock: Clock): Promise<SignedIn> {
  const name = username.trim();
  const audited = { username: name.slice(0, 64) };
  const waiting = await lockedMinutes(db.manager, name, clock());
  if (waiting > 0) {
    // Refused before the password is looked at: even the right one waits out the lock.
    await db.transaction((tx) => recordAudit(tx, { at: clock(), userId: null, action: 'auth.signInFailed', entity: 'user', after: { ...audited, locked: true } }));
    throw rateLimited(waiting);
  }
  const row = await usersRepo.byUsername(db.manager, name);
  const ok = row ? await verifyPassword(password, row.password_hash) : (await verifyPassword(password, await dummyHash()), false);
  if (ok && row && !row.disabled) {
    await db.transaction(async (tx) => {
      await recordAudit(tx, { at: clock(), userId: row.id, action: 'auth.signIn', entity: 'user', entityId: row.id });
      await clearFailures(tx, name);
    });
    return { user: toUser(row), mustChangePassword: row.must_change_password === 1 };
  }
  const locked = await db.transaction(async (tx) => {
    await recordAudit(tx, { at: clock(), userId: null, action: 'auth.signInFailed', entity: 'user', entityId: row?.id, after: audited });
    // A disabled account with its right password is not a guess: it is told so, and not counted.
    if (ok) return null;
    const minutes = await recordFailure(tx, name, clock());
    if (minutes !== null) {
      await recordAudit(tx, { at: clock(), userId: null, action: 'auth.locked', entity: 'user', entityId: row?.id, after: { ...audited, minutes } });
    }
    return minutes;
  });
  if (ok) throw new AppFailure('FORBIDDEN', 'errors.accountDisabled', '该账号已停用，请联系管理员');
  throw locked === null ? WRONG() : rateLimited(locked);
}
