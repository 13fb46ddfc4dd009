import { SIGN_IN_LIMIT } from '../../../shared/domain/accounts';
import { accountsRepo } from '../../db/repositories/accounts-repo';
import type { Tx } from '../../db/repositories/tx';
import { AppFailure } from '../errors';

const MINUTE = 60_000;

/** The row's key: the name as typed (trimmed, capped), whether or not such a user exists — no enumeration. */
export const throttleKey = (username: string): string => username.trim().slice(0, 64);

export function rateLimited(minutes: number): AppFailure {
  const message = `登录失败次数过多，该登录名已暂时锁定，请${minutes}分钟后再试（或请管理员重设密码）`;
  // The minutes travel as an issue's params, so the screen can say them in either language.
  return new AppFailure('RATE_LIMITED', 'errors.signInLocked', message, [{ path: 'username', key: 'errors.signInLocked', message, params: { minutes } }]);
}

/** Minutes left on a lock, or 0 when the name may try again. */
export async function lockedMinutes(tx: Tx, username: string, now: Date): Promise<number> {
  const row = await accountsRepo.throttle(tx, throttleKey(username));
  if (!row?.locked_until) return 0;
  const left = Date.parse(row.locked_until) - now.getTime();
  return left > 0 ? Math.ceil(left / MINUTE) : 0;
}

/**
 * Counts a failed attempt; the 5th within 15 minutes locks the name for 1, then 5, then 15 minutes.
 * Returns the lock's minutes when this failure set one.
 */
export async function recordFailure(tx: Tx, username: string, now: Date): Promise<number | null> {
  const key = throttleKey(username);
  const row = await accountsRepo.throttle(tx, key);
  const stamp = now.toISOString();
  const fresh = !row?.window_start || now.getTime() - Date.parse(row.window_start) > SIGN_IN_LIMIT.windowMinutes * MINUTE;
  const failures = (fresh ? 0 : row.failures) + 1;
  const lockouts = row?.lockouts ?? 0;
  if (failures < SIGN_IN_LIMIT.failures) {
    await accountsRepo.saveThrottle(tx, {
      username: key, failures, window_start: fresh ? stamp : row.window_start, lockouts, locked_until: row?.locked_until ?? null, updated_at: stamp,
    });
    return null;
  }
  const ladder = SIGN_IN_LIMIT.lockMinutes;
  const minutes = ladder[Math.min(lockouts, ladder.length - 1)];
  await accountsRepo.saveThrottle(tx, {
    username: key, failures: 0, window_start: null, lockouts: lockouts + 1,
    locked_until: new Date(now.getTime() + minutes * MINUTE).toISOString(), updated_at: stamp,
  });
  return minutes;
}

/** A successful sign-in, or an admin's password reset, starts the name afresh. */
export const clearFailures = (tx: Tx, username: string): Promise<void> => accountsRepo.clearThrottle(tx, throttleKey(username));
