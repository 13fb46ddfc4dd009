import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Period } from '../../shared/domain/statistics';
import { computeFigures, monthPeriod, rangePeriod, reportToCsv, writeStatisticsXlsx } from '../core/statistics';
import { AppFailure } from '../core/errors';
import { say } from './messages';
import type { CliContext } from './run';

const FORMATS = ['json', 'csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The period the options name: --month, or --from and --to; anything else is a usage error (exit 2). */
function periodOf(ctx: CliContext): Period {
  const [month, from, to] = [text(ctx.values.month), text(ctx.values.from), text(ctx.values.to)];
  if (month !== undefined && (from !== undefined || to !== undefined)) throw ctx.usage('statsPeriodBoth');
  if (month === undefined && from === undefined && to === undefined) throw ctx.usage('statsPeriodMissing');
  if (month === undefined && (from === undefined || to === undefined)) throw ctx.usage('missingOption', from === undefined ? 'from' : 'to');
  try {
    return month !== undefined ? monthPeriod(month) : rangePeriod(from!, to!);
  } catch (e) {
    if (e instanceof AppFailure) throw ctx.usage('statsBadPeriod', e.message);
    throw e;
  }
}

/**
 * `stats`: the figures of STATISTICS.md as JSON (the default) or CSV, to stdout or --out; or the XLSX workbook, to
 * --out only (a zip on a terminal helps nobody). The CLI reads: it freezes no snapshot, which is the app's export.
 */
export async function statsCommand(ctx: CliContext): Promise<void> {
  const format = (text(ctx.values.format) ?? 'json') as Format;
  if (!FORMATS.includes(format)) throw ctx.usage('statsBadFormat', String(ctx.values.format));
  const period = periodOf(ctx);
  const out = text(ctx.values.out);
  if (format === 'xlsx' && out === undefined) throw ctx.usage('statsXlsxNeedsOut');
  const core = await ctx.open();
  const report = computeFigures(core.db, period, core.clock());
  if (format === 'xlsx') {
    const { cases } = await writeStatisticsXlsx(core.db, report, resolve(out!));
    ctx.err(say(ctx.lang, 'statsXlsxWritten', resolve(out!), cases));
    return;
  }
  const body = format === 'csv' ? reportToCsv(report) : `${JSON.stringify(report, null, 2)}\n`;
  if (out === undefined) {
    ctx.out(body.slice(0, -1)); // out() ends the line; a CSV keeps its CRLF.
    return;
  }
  writeFileSync(resolve(out), body);
  ctx.err(say(ctx.lang, 'statsWritten', resolve(out)));
}
