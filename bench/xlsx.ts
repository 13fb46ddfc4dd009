import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { addDays } from '../shared/domain/dates';
import { computeFigures, rangePeriod, writeStatisticsXlsx } from '../electron/core/statistics';
import { insertCases } from '../electron/db/repositories/bulk-repo';
import { addMediators, AS_OF, benchCases, benchCommittee, LAST_DAY } from './committee';
import type { BenchRow } from './statistics';

const MiB = (b: number) => Math.round((b / 1048576) * 10) / 10;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

/**
 * The most memory held above the start while fn runs: heap (+ external buffers) and RSS sampled every 5 ms, garbage
 * included; and the live heap, measured after a full GC every 250 ms, which is what the work keeps.
 */
export async function peakDuring<T>(fn: () => Promise<T>): Promise<{ value: T; heapMiB: number; liveMiB: number; rssMiB: number }> {
  // Settled first: what came before (writing the bench's file) frees its buffers over a few turns of the loop.
  for (let i = 0; i < 3; i++) { gc(); await new Promise((resolve) => setTimeout(resolve, 20)); }
  const start = process.memoryUsage();
  const base = start.heapUsed + start.external;
  let heap = 0;
  let live = 0;
  let rss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed + m.external - base);
    rss = Math.max(rss, m.rss - start.rss);
  };
  const timer = setInterval(sample, 5);
  const collected = setInterval(() => {
    sample();
    gc();
    const m = process.memoryUsage();
    live = Math.max(live, m.heapUsed + m.external - base);
  }, 250);
  try {
    const value = await fn();
    sample();
    return { value, heapMiB: MiB(heap), liveMiB: MiB(live), rssMiB: MiB(rss) };
  } finally {
    clearInterval(timer);
    clearInterval(collected);
  }
}


/**
 * The statistics workbook's memory (the rule: export streams, memory does not grow with the file): workbooks whose
 * 案件清单 lists about 10,000 and about 100,000 cases, written to a file; the peak heap and RSS above the start of
 * each. The 100k figure must not be about ten times the 10k one.
 */
export async function benchXlsx(opts: { cases?: number } = {}): Promise<{ rows: BenchRow[]; results: Record<string, unknown> }> {
  const cases = opts.cases ?? 110_000;
  const { dir, core, db } = await benchCommittee('xlsx');
  try {
    const mediators = await addMediators(db);
    // Two years of cases: a period of a twelfth of them lists about a tenth as many as the whole range.
    const first = addDays(LAST_DAY, -729);
    const counters = new Map<number, number>();
    insertCases(db, benchCases({ cases, days: 730, seed: 'xlsx-bench', mediators }, counters), counters);

    const rows: BenchRow[] = [];
    const results: Record<string, unknown> = { cases };
    const runs = [['small', rangePeriod(addDays(LAST_DAY, -59), LAST_DAY)], ['large', rangePeriod(first, LAST_DAY)]] as const;
    await writeStatisticsXlsx(db, computeFigures(db, runs[0][1], AS_OF), join(dir, 'warm.xlsx')); // as an open app has run it before
    for (const [key, period] of runs) {
      const report = computeFigures(db, period, AS_OF);
      const file = join(dir, `${key}.xlsx`);
      const t = performance.now();
      const { value, heapMiB, liveMiB, rssMiB } = await peakDuring(() => writeStatisticsXlsx(db, report, file));
      const ms = Math.round(performance.now() - t);
      const bytes = statSync(file).size;
      results[key] = { period, listed: value.cases, ms, heapMiB, liveMiB, rssMiB, fileMiB: MiB(bytes) };
      rows.push({
        figure: `statistics-xlsx: ${value.cases.toLocaleString()} cases listed (${period.from}..${period.to})`,
        value: `${(ms / 1000).toFixed(1)} s, peak heap +${heapMiB} MiB (live +${liveMiB} MiB), RSS +${rssMiB} MiB, ${MiB(bytes)} MiB file`,
      });
    }
    // The brief's figure: the peak for about 10× the cases must not be about 10× (under 2×). The live heap (after a
    // GC) is given too; it is a few MiB either way (the listed ids, 4 bytes each), so its ratio says little.
    const [small, large] = [results.small, results.large] as { listed: number; heapMiB: number; liveMiB: number }[];
    const growth = large.heapMiB / Math.max(small.heapMiB, 1);
    results.heapGrowth = growth;
    results.liveGrowth = large.liveMiB / Math.max(small.liveMiB, 1);
    rows.push({
      figure: `statistics-xlsx: peak heap, ${large.listed.toLocaleString()} ÷ ${small.listed.toLocaleString()} listed (${(large.listed / small.listed).toFixed(1)}× the cases)`,
      value: `${growth.toFixed(2)}× (live heap +${small.liveMiB} → +${large.liveMiB} MiB)`, target: '< 2×', met: growth < 2,
    });
    return { rows, results };
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node --expose-gc --import tsx bench/xlsx.ts [--cases N]`: this part alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { cases: { type: 'string' } } });
  const { rows, results } = await benchXlsx({ cases: values.cases ? Number(values.cases) : undefined });
  console.table(rows.map((row) => ({ ...row, met: row.met === undefined ? '' : row.met ? 'yes' : 'NO' })));
  console.log(JSON.stringify(results, null, 2));
}
