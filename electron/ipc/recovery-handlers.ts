import type { z } from 'zod';
import type { Contract, Output } from '../../shared/ipc/contract';
import { changePassphrase } from '../core/recovery/passphrase';
import { recoveryStatus, setEscrow } from '../core/recovery/escrow';
import type { HandlerContext } from './handlers';

type RecoveryChannel = Extract<keyof Contract, `recovery:${string}`>;
type RecoveryHandlers = { [C in RecoveryChannel]: (ctx: HandlerContext, input: z.output<Contract[C]['input']>) => Promise<Output<C>> };

/** 设置 → 恢复口令 (admin): the passphrase rewrapped, the escrow to the office turned on or off. */
export const recoveryHandlers: RecoveryHandlers = {
  'recovery:status': async ({ core }) => recoveryStatus(core),
  'recovery:changePassphrase': async ({ core, actor }, input) => {
    await changePassphrase(core, actor.userId, input);
    return {};
  },
  'recovery:setEscrow': async ({ core, actor }, { recipient }) => setEscrow(core, actor.userId, recipient),
};
