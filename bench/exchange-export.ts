import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { addDays } from '../shared/domain/dates';
import { formatCaseNo } from '../shared/domain/case';
import { AppCore } from '../electron/core/app/app-core';
import { exportPackage } from '../electron/core/exchange/export';
import { generateCase } from '../electron/core/seed/generate';
import { Random } from '../electron/core/seed/random';
import { generateIdentity } from '../electron/crypto/age';
import { insertCases, type BulkCase } from '../electron/db/repositories/bulk-repo';
import { lifecycleRepo } from '../electron/db/repositories/lifecycle-repo';
import { peakMemoryMiB, sampleMemory } from './stats';

export interface BenchRow { figure: string; value: string; target?: string; met?: boolean }

const LAST_DAY = '2026-05-31';
const AS_OF = new Date('2026-06-15T02:00:00Z');

/**
 * The exchange export (issue 6): the first package of a committee with 100,000 cases over a year, with their parties,
 * mediation records, agreements and follow-ups (the seed's generator, written with the bulk path), full and
 * de-identified. Target: under 10 s for the full package.
 */
export async function benchExchangeExport(opts: { cases?: number; keep?: boolean } = {}): Promise<{ rows: BenchRow[]; results: Record<string, unknown> }> {
  const cases = opts.cases ?? 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-bench-exchange-'));
  const core = new AppCore(join(dir, 'tiaojie.db'), { clock: () => AS_OF });
  await core.setup({ passphrase: 'bench passphrase 2026', committee: { name: '白沙社区人民调解委员会', code: '330383-001' } });
  const db = core.db;
  const rows: BenchRow[] = [];
  const mediators = await db.transaction(async (tx) => {
    const out: { id: number; name: string }[] = [];
    for (const [i, name] of ['张伟', '李娜', '王芳', '刘洋', '陈静', '杨帆', '赵敏', '黄磊'].entries()) {
      out.push({ name, id: await lifecycleRepo.insert(tx, 'persons', {
        name, professions: '["mediator"]', employment: i < 3 ? 'full_time' : 'part_time', active: 1, created_at: '2020-01-01T00:00:00.000Z',
      }) });
    }
    return out;
  });
  const first = addDays(LAST_DAY, -364);
  const days: string[] = [];
  for (let d = first; d <= LAST_DAY; d = addDays(d, 1)) days.push(d);
  const r = new Random('exchange-bench');
  const counters = new Map<number, number>();
  function* generated(): Generator<BulkCase> {
    for (let i = 0; i < cases; i++) {
      const registeredOn = days[Math.floor((i * days.length) / cases)];
      const { parties, agreement, followups, related, ...fields } = generateCase(r, registeredOn, LAST_DAY, mediators);
      const year = Number(registeredOn.slice(0, 4));
      const seq = (counters.get(year) ?? 0) + 1;
      counters.set(year, seq);
      yield { row: { ...fields, case_no: formatCaseNo(year, '白沙', seq), case_year: year, case_seq: seq }, parties, agreement, followups, related };
      if (i % 1000 === 0) sampleMemory();
    }
  }
  let t = performance.now();
  insertCases(db, generated(), counters);
  const loadSeconds = (performance.now() - t) / 1000;
  rows.push({ figure: `load ${cases.toLocaleString()} cases with parties, records, agreements, follow-ups (revision triggers on)`, value: `${loadSeconds.toFixed(1)} s` });

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
