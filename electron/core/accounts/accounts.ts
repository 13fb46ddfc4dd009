import type { Role } from '../../../shared/domain/enums';
import type { User } from '../../../shared/domain/committee';
import type { Database } from '../../db/data-source';
import type { UserRow } from '../../db/entities';
import { peopleRepo, usersRepo } from '../../db/repositories/people-repo';
import type { Tx } from '../../db/repositories/tx';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { AppFailure } from '../errors';
import { dummyHash, hashPassword, verifyPassword } from './password';

export const toUser = (u: UserRow): User => ({
  id: u.id, username: u.username, displayName: u.display_name, role: u.role as Role, personId: u.person_id,
});

export const toActor = (u: User): Actor => ({ userId: u.id, personId: u.personId, role: u.role, displayName: u.displayName });

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  /** People's mediators are also people a case can name as its lead mediator. */
  professions?: string[];
}

export async function createUser(tx: Tx, u: NewUser, at: Date, byUserId: number | null): Promise<number> {
  const stamp = at.toISOString();
  if (await usersRepo.byUsername(tx, u.username)) {
    throw new AppFailure('CONFLICT', 'errors.CONFLICT', `登录名“${u.username}”已被使用`);
  }
  const personId = await peopleRepo.insert(tx, {
    name: u.displayName, sex: null, phone: null, professions: JSON.stringify(u.professions ?? []),
    employment: null, active: 1, created_at: stamp,
  });
  const id = await usersRepo.insert(tx, {
    username: u.username, display_name: u.displayName, role: u.role, password_hash: await hashPassword(u.password),
    disabled: 0, must_change_password: 0, person_id: personId, created_at: stamp, updated_at: stamp,
  });
  await recordAudit(tx, { at, userId: byUserId, action: 'user.create', entity: 'user', entityId: id, after: { username: u.username, role: u.role } });
  return id;
}

const WRONG = () => new AppFailure('WRONG_PASSWORD', 'errors.WRONG_PASSWORD', '登录名或密码不正确，请重新输入');

/** Checks a password; unknown users cost the same time as known ones. Every attempt is audited. */
export async function signIn(db: Database, username: string, password: string, clock: Clock): Promise<User> {
  const row = await usersRepo.byUsername(db.manager, username.trim());
  const ok = row ? await verifyPassword(password, row.password_hash) : (await verifyPassword(password, await dummyHash()), false);
  const usable = ok && row && !row.disabled;
  await db.transaction((tx) =>
    recordAudit(tx, {
      at: clock(), userId: usable ? row.id : null, action: usable ? 'auth.signIn' : 'auth.signInFailed',
      entity: 'user', entityId: row?.id, after: usable ? undefined : { username: username.trim().slice(0, 64) },
    }),
  );
  if (!usable) {
    if (ok && row?.disabled) throw new AppFailure('FORBIDDEN', 'errors.accountDisabled', '该账号已停用，请联系管理员');
    throw WRONG();
  }
  return toUser(row);
}
