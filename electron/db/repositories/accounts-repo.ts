import { UserEntity, type UserRow } from '../entities';
import type { Tx } from './tx';

export interface ThrottleRow {
  username: string; failures: number; window_start: string | null; lockouts: number; locked_until: string | null; updated_at: string;
}

/** Users as the admin screens see them, and the sign-in rate limit's rows (migration 0010). */
export const accountsRepo = {
  list: (tx: Tx): Promise<UserRow[]> => tx.getRepository(UserEntity).find({ order: { id: 'ASC' } }),
  update: async (tx: Tx, id: number, patch: Partial<Omit<UserRow, 'id'>>): Promise<void> => {
    await tx.getRepository(UserEntity).update({ id }, patch);
  },
  renamePerson: async (tx: Tx, personId: number, name: string): Promise<void> => {
    await tx.query(`UPDATE persons SET name = ? WHERE id = ?`, [name, personId]);
  },
  /** Active admins other than the given user: the last one may not be disabled or demoted. */
  otherActiveAdmins: async (tx: Tx, id: number): Promise<number> => {
    const [r] = await tx.query(`SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND id <> ?`, [id]) as { n: number }[];
    return Number(r.n);
  },
  throttle: async (tx: Tx, username: string): Promise<ThrottleRow | null> =>
    ((await tx.query(`SELECT * FROM sign_in_throttle WHERE username = ?`, [username])) as ThrottleRow[])[0] ?? null,
  saveThrottle: async (tx: Tx, r: ThrottleRow): Promise<void> => {
    await tx.query(
      `INSERT INTO sign_in_throttle (username, failures, window_start, lockouts, locked_until, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (username) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start,
         lockouts = excluded.lockouts, locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
      [r.username, r.failures, r.window_start, r.lockouts, r.locked_until, r.updated_at],
    );
  },
  clearThrottle: async (tx: Tx, username: string): Promise<void> => {
    await tx.query(`DELETE FROM sign_in_throttle WHERE username = ?`, [username]);
  },
};
