import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppCore } from '../../electron/core/app/app-core';
import { createUser } from '../../electron/core/accounts/accounts';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { newSession, type Session } from '../../electron/ipc/session';
import type { Role } from '../../shared/domain/enums';
import type { Channel, Input, Output } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';

export const PASSPHRASE = 'test-passphrase-白沙-2026';
export const ADMIN = { username: 'admin', displayName: '王芳', password: 'baisha-pass-2026' };

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A real encrypted database file in a temp folder, set up as a committee, with a dispatcher. */
export async function committeeFixture(opts: { clock?: () => Date } = {}) {
  const { dir, cleanup } = tempDir();
  const dbPath = join(dir, 'tiaojie.db');
  const core = new AppCore(dbPath, { clock: opts.clock });
  await core.setup({
    passphrase: PASSPHRASE,
    committee: { name: '白沙社区人民调解委员会', code: '330383-001', type: 'residential' },
    admin: ADMIN,
  });
  const dispatch = createDispatcher(core);
  const call = <C extends Channel>(session: Session, channel: C, input: Input<C>) =>
    dispatch(session, channel, input) as Promise<Result<Output<C>>>;
  const signedIn = async (username = ADMIN.username, password = ADMIN.password) => {
    const s = newSession();
    const r = await call(s, 'auth:signIn', { username, password });
    if (!r.ok) throw new Error(r.error.message);
    return s;
  };
  const addUser = (username: string, role: Role, password = 'user-password-1') =>
    core.db.transaction((tx) => createUser(tx, { username, displayName: username, password, role }, new Date(), null));
  const counts = async () => {
    const [row] = await core.db.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM parties) AS parties,
              (SELECT coalesce(sum(last_seq), 0) FROM case_number_counters) AS numbers`,
    );
    return row;
  };
  return {
    dir, dbPath, core, dispatch, call, signedIn, addUser, counts,
    close: async () => { await core.close(); cleanup(); },
  };
}

/** Unwraps an ok result, failing the test with the Chinese message otherwise. */
export function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
