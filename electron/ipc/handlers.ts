import type { z } from 'zod';
import type { Channel, Contract, Output } from '../../shared/ipc/contract';
import { signIn, toActor } from '../core/accounts/accounts';
import type { AppCore } from '../core/app/app-core';
import { getCase, listCases } from '../core/cases/queries';
import { registerCase } from '../core/cases/register';
import { readCommittee } from '../core/committee/setup';
import { recordAudit } from '../core/audit/audit';
import { listMediators } from '../core/people/people';
import type { Actor } from '../core/context';
import type { Session } from './session';

export interface HandlerContext {
  core: AppCore;
  session: Session;
  /** Set by the dispatcher for every channel that needs a signed-in user. */
  actor: Actor;
}

// Handlers receive the parsed input: defaults applied, strings trimmed.
type Handlers = { [C in Channel]: (ctx: HandlerContext, input: z.output<Contract[C]['input']>) => Promise<Output<C>> };

/** Each channel's work, after the dispatcher has checked sender, input and permission. */
export const handlers: Handlers = {
  'app:status': async ({ core, session }) => {
    const state = core.state();
    return {
      state,
      committee: state === 'ready' ? await readCommittee(core.db.manager) : null,
      user: state === 'ready' ? session.user : null,
    };
  },
  'app:setup': async ({ core }, input) => core.setup(input),
  'app:unlock': async ({ core }, { passphrase }) => {
    await core.unlock(passphrase);
    return {};
  },
  'auth:signIn': async ({ core, session }, { username, password }) => {
    session.user = await signIn(core.db, username, password, core.clock);
    return session.user;
  },
  'auth:signOut': async ({ core, session, actor }) => {
    await core.db.transaction((tx) => recordAudit(tx, { at: core.clock(), userId: actor.userId, action: 'auth.signOut' }));
    session.user = null;
    return {};
  },
  'cases:create': ({ core, actor }, input) => registerCase(core.db, actor, input, core.clock),
  'cases:list': ({ core }, input) => listCases(core.db, input),
  'cases:get': ({ core, actor }, { id }) => getCase(core.db, actor, id, core.clock),
  'people:mediators': ({ core }) => listMediators(core.db),
};

export const actorOf = (s: Session): Actor | null => (s.user ? toActor(s.user) : null);
