import { verifyAudit } from '../core/audit/audit';
import { say } from './messages';
import type { CliContext } from './run';

/** `audit verify`: walks the hash chain; exit 1 and the first broken link when it does not hold. */
export async function auditCommand(ctx: CliContext, sub: string | undefined): Promise<void> {
  if (sub !== 'verify') throw ctx.usage('unknownCommand', `audit ${sub ?? ''}`.trim());
  const core = await ctx.open();
  const check = await verifyAudit(core.db.manager);
  if (!check.ok) throw ctx.refuse(check.reason === 'altered' ? 'auditAltered' : 'auditMissing', check.brokenAt, check.count);
  ctx.out(say(ctx.lang, 'auditOk', check.count));
}
