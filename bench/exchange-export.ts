import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { exportPackage } from '../electron/core/exchange/export';
import { generateIdentity } from '../electron/crypto/age';
import { insertCases } from '../electron/db/repositories/bulk-repo';
import { addDays } from '../shared/domain/dates';
import { addMediators, benchCases, benchCommittee, LAST_DAY } from './committee';
import { peakMemoryMiB, sampleMemory } from './stats';

export interface BenchRow { figure: string; value: string; target?: string; met?: boolean }


/**
 * The exchange export (issue 6): the first package of a committee with 100,000 cases over a year, with their parties,
 * mediation records, agreements and follow-ups (the seed's generator, written with the bulk path), full and
 * de-identified. Target: under 10 s for the full package.
 */
export async function benchExchangeExport(opts: { cases?: number; keep?: boolean } = {}): Promise<{ rows: BenchRow[]; results: Record<string, unknown> }> {
  const cases = opts.cases ?? 100_000;
  const { dir, core, db } = await benchCommittee('exchange');
  const rows: BenchRow[] = [];
  const mediators = await addMediators(db);
  const first = addDays(LAST_DAY, -364);
  const counters = new Map<number, number>();
  let t = performance.now();
  insertCases(db, benchCases({ cases, days: 365, seed: 'exchange-bench', mediators, whole: true, onCase: (i) => { if (i % 1000 === 0) sampleMemory(); } }, counters), counters);
  const loadSeconds = (performance.now() - t) / 1000;
  rows.push({ figure: `load ${cases.toLocaleString()} cases with parties, records, agreements, follow-ups (uuids and revisions stamped as written)`, value: `${loadSeconds.toFixed(1)} s` });

  const { recipient } = await generateIdentity();
  const results: Record<string, unknown> = { cases, loadSeconds };
  for (const level of ['full', 'deidentified'] as const) {
    t = performance.now();
    const cpu = process.cpuUsage();
    const e = await exportPackage(db, null, core.clock, {
      recipients: [recipient], outDir: dir, level, onProgress: sampleMemory,
      // The second package is a range (the whole year): a since-last one after the first would be empty.
      ...(level === 'deidentified' ? { range: { from: first, to: LAST_DAY } } : {}),
    });
    const ms = Math.round(performance.now() - t);
    // CPU time too: on a shared machine the wall time says more about the neighbours than about the export.
    const used = process.cpuUsage(cpu);
    const cpuMs = Math.round((used.user + used.system) / 1000);
    results[level] = { ms, cpuMs, bytes: e.bytes, counts: e.counts, months: e.months.length };
    rows.push({
      figure: `${level} package of ${e.counts['cases.ndjson'].toLocaleString()} cases (${Object.values(e.counts).reduce((a, b) => a + b, 0).toLocaleString()} records, ${e.months.length} months of figures)`,
      value: `${(ms / 1000).toFixed(1)} s (CPU ${(cpuMs / 1000).toFixed(1)} s), ${(e.bytes / 1024 / 1024).toFixed(1)} MiB`, target: '< 10 s', met: ms < 10_000,
    });
  }
  results.peakRssMiB = peakMemoryMiB();
  rows.push({ figure: 'process peak RSS (whole run, loading included)', value: `${results.peakRssMiB as number} MiB` });
  await core.close();
  if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  else rows.push({ figure: 'database kept at', value: dir });
  return { rows, results };
}

// `node --import tsx bench/exchange-export.ts [--cases N] [--keep]`: this part alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { cases: { type: 'string' }, keep: { type: 'boolean' } } });
  const { rows } = await benchExchangeExport({ cases: values.cases ? Number(values.cases) : undefined, keep: values.keep });
  console.table(rows.map((row) => ({ ...row, met: row.met === undefined ? '' : row.met ? 'yes' : 'NO' })));
}
