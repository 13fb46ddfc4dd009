import type { Channel } from '../../shared/ipc/contract';
import type { AppError } from '../../shared/ipc/result';
import { toUser } from '../core/accounts/accounts';
import { readAccountSettings } from '../core/accounts/settings';
import type { AppCore } from '../core/app/app-core';
import { recordAudit } from '../core/audit/audit';
import { usersRepo } from '../db/repositories/people-repo';
import type { Session } from './session';

/** Polls the screens make on their own: they do not count as the user being active. */
const BACKGROUND = new Set<Channel>(['schedule:dueReminders', 'schedule:upcoming']);

/** What a session with a password still to change may do. */
const WHILE_MUST_CHANGE = new Set<Channel>(['auth:changePassword', 'auth:signOut', 'auth:keepAlive', 'accounts:settings']);

const refuse = (code: AppError['code'], key: string, message: string): AppError => ({ code, key, message });

/**
 * Run for every signed-in channel before its permission check (issue 7): the account is read afresh (a disabled
 * user's open session ends, a changed role applies at once), the idle lock is enforced, and a password the admin
 * reset must be changed before anything else. Returns the refusal, or null to go on.
 */
export async function guardSession(core: AppCore, session: Session, channel: Channel, now: number): Promise<AppError | null> {
  const row = session.user ? await usersRepo.byId(core.db.manager, session.user.id) : null;
  if (!row || row.disabled) {
    session.user = null;
    return refuse('UNAUTHENTICATED', 'errors.accountDisabled', '该账号已停用，请联系管理员');
  }
  session.user = toUser(row);
  if (channel === 'auth:signOut') return null;
  if (!session.locked && session.lastActivity !== undefined) {
    const { idleMinutes } = await readAccountSettings(core.db.manager);
    if (idleMinutes > 0 && now - session.lastActivity > idleMinutes * 60_000) {
      session.locked = true;
      await core.db.transaction((tx) => recordAudit(tx, { at: core.clock(), userId: row.id, action: 'auth.idleLocked', after: { idleMinutes } }));
    }
  }
  if (session.locked) {
    return refuse('SESSION_LOCKED', 'errors.SESSION_LOCKED', '长时间未操作，已锁定。请重新输入密码继续');
  }
  if (!BACKGROUND.has(channel) || session.lastActivity === undefined) session.lastActivity = now;
  if (row.must_change_password && !WHILE_MUST_CHANGE.has(channel)) {
    return refuse('PASSWORD_CHANGE_REQUIRED', 'errors.PASSWORD_CHANGE_REQUIRED', '请先修改密码：管理员设置的临时密码须在首次登录后改为您自己的密码');
  }
  return null;
}
