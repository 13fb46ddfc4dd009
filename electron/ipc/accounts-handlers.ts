import type { z } from 'zod';
import type { Contract, Output } from '../../shared/ipc/contract';
import { addUser, changePassword, listUsers, resetPassword, setDisabled, updateUser } from '../core/accounts/users';
import { readAccountSettings, saveAccountSettings } from '../core/accounts/settings';
import type { HandlerContext } from './handlers';

type AccountsChannel = Extract<keyof Contract, `users:${string}` | `accounts:${string}` | 'auth:changePassword' | 'auth:keepAlive'>;
type AccountsHandlers = { [C in AccountsChannel]: (ctx: HandlerContext, input: z.output<Contract[C]['input']>) => Promise<Output<C>> };

/** Accounts (issue 7): 设置 → 用户, the idle lock's minutes, the user's own password. */
export const accountsHandlers: AccountsHandlers = {
  'auth:changePassword': async ({ core, actor }, i) => { await changePassword(core.db, actor, core.clock, i.currentPassword, i.newPassword); return {}; },
  // The dispatcher's session guard has already noted the activity; nothing else to do.
  'auth:keepAlive': async () => ({}),
  'accounts:settings': ({ core }) => readAccountSettings(core.db.manager),
  'accounts:saveSettings': async ({ core, actor }, i) => { await saveAccountSettings(core.db, actor, core.clock, i); return {}; },
  'users:list': ({ core }) => listUsers(core.db),
  'users:create': ({ core, actor }, i) => addUser(core.db, actor, core.clock, i),
  'users:update': async ({ core, actor }, i) => { await updateUser(core.db, actor, core.clock, i); return {}; },
  'users:disable': async ({ core, actor }, { id }) => { await setDisabled(core.db, actor, core.clock, id, true); return {}; },
  'users:enable': async ({ core, actor }, { id }) => { await setDisabled(core.db, actor, core.clock, id, false); return {}; },
  'users:resetPassword': async ({ core, actor }, { id, password }) => { await resetPassword(core.db, actor, core.clock, id, password); return {}; },
};
