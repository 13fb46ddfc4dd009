import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileSource, importLedger, type LedgerReport } from '../core/ledger';
import { say, type Lang } from './messages';
import { CliError, EXIT, type CliContext } from './run';

/** The report as lines: what was read, what is (or would be) added, and every bad row with its column and reason. */
export function ledgerReportLines(lang: Lang, r: LedgerReport): string[] {
  const lines: string[] = [];
  lines.push(say(lang, 'ledgerRead', r.fileName, r.rows, r.sha256));
  if (r.unknownColumns.length) lines.push(say(lang, 'ledgerUnknownColumns', r.unknownColumns.join('、')));
  if (r.errors.length) {
    lines.push(say(lang, 'ledgerBad', r.errors.length));
    lines.push(say(lang, 'ledgerBadHeader'));
    for (const e of r.errors) lines.push(`${e.row}\t${e.column}\t${e.message}`);
    return lines;
  }
  lines.push(say(lang, r.dryRun ? 'ledgerDry' : 'ledgerDone', r.dryRun ? r.toImport : r.imported, r.skipped.length));
  for (const s of r.skipped) lines.push(say(lang, s.reason === 'number' ? 'ledgerSkippedNumber' : 'ledgerSkippedMatch', s.row, s.existing));
  for (const w of r.warnings) lines.push(say(lang, 'ledgerWarning', w.message));
  if (r.newMediators.length) lines.push(say(lang, 'ledgerNewMediators', r.newMediators.join('、')));
  if (r.generated.length) {
    lines.push(say(lang, 'ledgerGenerated', r.generated.length));
    for (const g of r.generated) lines.push(`${g.row}\t${g.caseNo}`);
  }
  return lines;
}

/** `import-ledger FILE [--dry-run]` (CLI.md, LEDGER.md): exit 1 and nothing written if any row is bad. */
export async function importLedgerCommand(ctx: CliContext, file?: string): Promise<void> {
  if (!file) throw ctx.usage('ledgerNoFile');
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile()) throw ctx.refuse('ledgerMissingFile', path);
  const core = await ctx.open();
  const report = await importLedger(core.db, fileSource(path), {
    dryRun: ctx.values['dry-run'] === true, actor: null, clock: core.clock,
    onProgress: (p) => ctx.progress(say(ctx.lang, 'ledgerProgress', p.read, p.total)),
  });
  ctx.progress('\n');
  const lines = ledgerReportLines(ctx.lang, report);
  if (report.errors.length) throw new CliError(EXIT.refused, lines.join('\n'));
  for (const l of lines) ctx.out(l);
}
