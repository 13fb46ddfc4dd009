import { ZodError } from 'zod';
import { roleHas } from '../../shared/domain/permissions';
import { contract, isChannel, type Channel } from '../../shared/ipc/contract';
import type { AppError, Result } from '../../shared/ipc/result';
import type { AppCore } from '../core/app/app-core';
import { AppFailure, invalid } from '../core/errors';
import { recordAudit } from '../core/audit/audit';
import { actorOf, handlers, type HandlerContext, type Platform } from './handlers';
import type { Session } from './session';
import { guardSession } from './session-guard';
import { inputProblems } from './input-guard';
import { toIssues } from './zod-issues';
import { errorName, stackFrames } from '../core/logging/logger';
import { stringsIn } from '../core/logging/redact';

export interface DispatcherOptions {
  /** The desktop shell's abilities (saving a PDF); absent in the preview and under plain Node. */
  platform?: Platform;
  /** Check each answer against its output schema (tests and preview: a leak of extra fields fails loudly). */
  checkOutput?: boolean;
  /** Where unexpected errors go; never with party data in the message. `personal`: the input's strings, masked if they appear. */
  log?: (message: string, personal?: readonly string[]) => void;
  /** Wall-clock ms for the idle lock (session-guard.ts); tests inject one. Not core.clock: tests move that by days. */
  now?: () => number;
}

const fail = (code: AppError['code'], key: string, message: string): Result<never> => ({ ok: false, error: { code, key, message } });

export type Dispatch = (session: Session, channel: unknown, input: unknown) => Promise<Result<unknown>>;

/**
 * The one dispatch table both transports use: channel → zod input → permission → handler,
 * and every failure returned as a value.
 */
export function createDispatcher(core: AppCore, options: DispatcherOptions = {}): Dispatch {
  const checkOutput = options.checkOutput ?? true;
  return async (session, channel, rawInput) => {
    if (!isChannel(channel)) return fail('UNKNOWN_CHANNEL', 'errors.UNKNOWN_CHANNEL', '未知的请求类型');
    const spec = contract[channel];
    // What zod does not check (prototype keys, control characters, non-plain values, depth): refused first (input-guard.ts).
    const problems = inputProblems(rawInput);
    if (problems.length) return { ok: false, error: invalid(problems).toError() };
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: invalid(toIssues(parsed.error)).toError() };

    let actor = actorOf(session);
    if (spec.permission !== 'public') {
      if (!actor || core.state() !== 'ready') {
        return fail('UNAUTHENTICATED', 'errors.UNAUTHENTICATED', '请先登录');
      }
      // Disabled accounts, the idle lock and a password still to change (issue 7); the role as it is now.
      const refused = await guardSession(core, session, channel, (options.now ?? Date.now)());
      if (refused) return { ok: false, error: refused };
      actor = actorOf(session)!;
      if (!roleHas(actor.role, spec.permission)) {
        await auditRefusal(core, actor.userId, channel);
        return fail('FORBIDDEN', 'errors.FORBIDDEN', '您的角色无权进行此操作');
      }
    }
    try {
      const ctx = { core, session, actor, platform: options.platform } as HandlerContext;
      const value = await (handlers[channel] as (c: HandlerContext, i: unknown) => Promise<unknown>)(ctx, parsed.data);
      return { ok: true, value: checkOutput ? spec.output.parse(value) : value };
    } catch (e) {
      if (e instanceof AppFailure) return { ok: false, error: e.toError() };
      if (e instanceof ZodError) return { ok: false, error: invalid(toIssues(e)).toError() };
      // The class name and frames only: a message (and a stack's first line) may quote the input.
      options.log?.(`[${channel}] ${errorName(e)}: ${stackFrames(e, 3).join(' | ')}`, stringsIn(parsed.data));
      return fail('INTERNAL', 'errors.INTERNAL', '操作未能完成，系统内部出错。数据未作更改，请重试或联系管理员');
    }
  };
}

async function auditRefusal(core: AppCore, userId: number, channel: Channel): Promise<void> {
  await core.db.transaction((tx) =>
    recordAudit(tx, { at: core.clock(), userId, action: 'permission.refused', after: { channel } }),
  );
}
