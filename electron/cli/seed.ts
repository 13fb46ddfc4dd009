import { seedCases } from '../core/seed/seed';
import { say } from './messages';
import type { CliContext } from './run';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `seed`: realistic synthetic cases, deterministic for a seed. */
export async function seedCommand(ctx: CliContext): Promise<void> {
  const raw = ctx.values.cases;
  if (typeof raw !== 'string') throw ctx.usage('missingOption', 'cases');
  const cases = Number(raw);
  if (!Number.isInteger(cases) || cases < 1 || cases > 5_000_000) throw ctx.usage('badOption', 'cases', raw);
  for (const k of ['from', 'to'] as const) {
    const v = ctx.values[k];
    if (v !== undefined && (typeof v !== 'string' || !MONTH.test(v))) throw ctx.usage('badOption', k, String(v));
  }
  const core = await ctx.open();
  const result = await seedCases(core.db, {
    cases,
    seed: typeof ctx.values.seed === 'string' ? ctx.values.seed : undefined,
    from: ctx.values.from as string | undefined,
    to: ctx.values.to as string | undefined,
    onProgress: (done, total) => ctx.progress(say(ctx.lang, 'progress', done, total)),
  }, core.clock);
  ctx.out(say(ctx.lang, 'seedDone', result.inserted, result.from, result.to));
}
