import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { addDays } from '../shared/domain/dates';
import { Random } from '../electron/core/seed/random';
import { computeFigures, drillDown, fenToWan, monthPeriod, quarterPeriod, rate, writeStatisticsXlsx, yearPeriod } from '../electron/core/statistics';
import { mediatorSql, scopeParams, scopeSql } from '../electron/core/statistics/figures';
import { CASE_FIGURES, type Scope } from '../electron/core/statistics/definitions';
import { rawHandle, type RawHandle } from '../electron/db/data-source';
import { CHANNEL_BUCKET, type Channel } from '../shared/domain/enums';
import { PREVENTED_KINDS, reportLeaves, type Period, type StatisticsReport } from '../shared/domain/statistics';
import { insertCases } from '../electron/db/repositories/bulk-repo';
import { addMediators, AS_OF, benchCases, benchCommittee, LAST_DAY } from './committee';
import { peakMemoryMiB, sampleMemory, summarise, time } from './stats';

/**
 * The month's case figures in hand-written SQL, without the definitions table: the baseline the report's machinery is
 * measured against. It reads the same way the report does (one range per scope, the open cases by the horizon), so
 * the ratio is what the figure definitions, the checks and the object building cost, not a different plan.
 */
function rawFigures(raw: RawHandle) {
  const stmts = {
    horizon: raw.prepare(`SELECT date(@to, '+' || CAST(coalesce(max(julianday(concluded_on) - julianday(accepted_on)), 0) AS INTEGER) || ' days') AS h
      FROM cases WHERE concluded_on IS NOT NULL AND accepted_on IS NOT NULL`),
    registered: raw.prepare(`SELECT count(*) AS n, coalesce(sum(status = 'rejected'), 0) AS rejected FROM cases WHERE registered_on BETWEEN @from AND @to`),
    accepted: raw.prepare(`SELECT channel, category, count(*) AS n, coalesce(sum(persons_involved), 0) AS persons
      FROM cases WHERE accepted_on BETWEEN @from AND @to GROUP BY channel, category`),
    acceptedBy: raw.prepare(`SELECT lead_mediator_id AS id, count(*) AS n FROM cases WHERE accepted_on BETWEEN @from AND @to AND lead_mediator_id IS NOT NULL GROUP BY lead_mediator_id`),
    concluded: raw.prepare(`SELECT outcome, category, agreement_form, count(*) AS n, coalesce(sum(agreement_amount_fen), 0) AS fen,
        coalesce(sum(performance = 'performed'), 0) AS performed, coalesce(sum(jc_status IN ('applied', 'confirmed', 'refused')), 0) AS jc_applied,
        coalesce(sum(jc_status = 'confirmed'), 0) AS jc_confirmed,
        ${PREVENTED_KINDS.map((k) => `coalesce(sum(prevented_${k} = 1), 0) AS ${k}, coalesce(sum(CASE WHEN prevented_${k} = 1 THEN prevented_${k}_persons END), 0) AS ${k}_persons`).join(', ')},
        coalesce(sum(satisfaction = 'satisfied'), 0) AS satisfied, coalesce(sum(satisfaction = 'fairly_satisfied'), 0) AS fairly_satisfied,
        coalesce(sum(satisfaction = 'dissatisfied'), 0) AS dissatisfied
      FROM cases WHERE concluded_on BETWEEN @from AND @to AND outcome IS NOT NULL GROUP BY outcome, category, agreement_form`),
    successBy: raw.prepare(`SELECT lead_mediator_id AS id, count(*) AS n FROM cases WHERE concluded_on BETWEEN @from AND @to AND outcome = 'agreed'
      AND lead_mediator_id IS NOT NULL GROUP BY lead_mediator_id`),
    pending: raw.prepare(`SELECT count(*) AS n, coalesce(sum(coalesce(extended_due_on, date(accepted_on, '+30 days')) < @to), 0) AS overdue FROM cases
      WHERE concluded_on IS NULL AND accepted_on <= @to AND status <> 'rejected'`),
    pendingLate: raw.prepare(`SELECT count(*) AS n, coalesce(sum(coalesce(extended_due_on, date(accepted_on, '+30 days')) < @to), 0) AS overdue FROM cases
      WHERE concluded_on > @to AND concluded_on <= @h AND accepted_on <= @to AND status <> 'rejected'`),
  };
  type Row = Record<string, number | string | null>;
  return (p: Period): Map<string, number | null> => raw.transaction(() => {
    const f = new Map<string, number | null>();
    const add = (k: string, n: number) => f.set(k, ((f.get(k) as number | undefined) ?? 0) + n);
    const [{ h }] = stmts.horizon.all(p) as { h: string }[];
    const [reg] = stmts.registered.all(p) as Row[];
    f.set('registered', reg.n as number);
    f.set('rejected', reg.rejected as number);
    for (const k of ['accepted', 'persons_involved', 'concluded', 'success', 'failed', 'withdrawn', 'written_agreements', 'oral_agreements', 'fen',
      'performed', 'jc_applied', 'jc_confirmed', 'satisfaction.satisfied', 'satisfaction.fairly_satisfied', 'satisfaction.dissatisfied']) f.set(k, 0);
    for (const r of stmts.accepted.all(p) as Row[]) {
      add('accepted', r.n as number);
      add('persons_involved', r.persons as number);
      add(`accepted_by_bucket.${CHANNEL_BUCKET[r.channel as Channel]}`, r.n as number);
      add(`accepted_by_category.${r.category as string}`, r.n as number);
    }
    for (const r of stmts.concluded.all(p) as Row[]) {
      const n = r.n as number;
      add('concluded', n);
      add(r.outcome === 'agreed' ? 'success' : (r.outcome as string), n);
      for (const k of PREVENTED_KINDS) { add(`prevented.${k}.cases`, r[k] as number); add(`prevented.${k}.persons`, r[`${k}_persons`] as number); }
      for (const k of ['satisfied', 'fairly_satisfied', 'dissatisfied']) add(`satisfaction.${k}`, r[k] as number);
      if (r.outcome !== 'agreed') continue;
      add(`success_by_category.${r.category as string}`, n);
      add(r.agreement_form === 'written' ? 'written_agreements' : 'oral_agreements', n);
      for (const k of ['fen', 'performed', 'jc_applied', 'jc_confirmed']) add(k, r[k] as number);
    }
    f.set('agreement_amount_wan', fenToWan(f.get('fen') as number));
    f.delete('fen');
    f.set('success_rate', rate(f.get('success') as number, (f.get('success') as number) + (f.get('failed') as number)));
    const sat = ['satisfied', 'fairly_satisfied', 'dissatisfied'].reduce((a, k) => a + (f.get(`satisfaction.${k}`) as number), 0);
    f.set('satisfaction.recorded', sat);
    f.set('satisfaction.rate', rate((f.get('satisfaction.satisfied') as number) + (f.get('satisfaction.fairly_satisfied') as number), sat));
    for (const r of [...stmts.pending.all(p), ...stmts.pendingLate.all({ ...p, h })] as Row[]) {
      add('pending_at_end', r.n as number);
      add('overdue_at_end', r.overdue as number);
    }
    for (const r of stmts.acceptedBy.all(p) as Row[]) f.set(`by_mediator.${r.id as number}.accepted`, r.n as number);
    for (const r of stmts.successBy.all(p) as Row[]) f.set(`by_mediator.${r.id as number}.success`, r.n as number);
    return f;
  })();
}

/** Every figure the raw SQL computes must be the report's (zero where the raw SQL saw no row). */
function compareRaw(report: StatisticsReport, raw: Map<string, number | null>): string[] {
  const leaves = new Map(reportLeaves(report));
  const differs: string[] = [];
  for (const [k, v] of leaves) {
    if (/^(period|as_of|committee|team|sweeps|sweep_found|prevented_disputes)\b/.test(k) || k.endsWith('.name')) continue;
    const got = raw.has(k) ? raw.get(k) : 0;
    if (got !== v) differs.push(`${k}: report ${String(v)}, raw SQL ${String(got)}`);
  }
  return differs;
}

const MiB = (bytes: number) => bytes / 1048576;
/** JS heap plus buffers outside it. */
const used = () => { const m = process.memoryUsage(); return m.heapUsed + m.external; };

/**
 * The most memory the work holds above what was held before it (after a GC, with --expose-gc): sampled every few ms
 * while it awaits, and at its end. A synchronous computation cannot be sampled inside; its figure is what it left
 * allocated, an upper bound as no GC has run since.
 */
async function peakDuring<T>(fn: () => T | Promise<T>): Promise<{ value: T; peakMiB: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = used();
  let peak = base;
  const timer = setInterval(() => { peak = Math.max(peak, used()); sampleMemory(); }, 2);
  try {
    const value = await fn();
    peak = Math.max(peak, used());
    sampleMemory();
    return { value, peakMiB: MiB(peak - base) };
  } finally {
    clearInterval(timer);
  }
}

export interface BenchRow { figure: string; value: string; target?: string; met?: boolean }


/**
 * Statistics (issue 5): a month's report over 1,000,000 cases (target < 300 ms), a quarter, a year, a month ten
 * years back, and the drill-down of a month's largest figure. Cases come from the seed's generator (realistic
 * lifecycles), written with the bulk path but without parties, which no figure reads.
 */
export async function benchStatistics(opts: { cases?: number; years?: number; keep?: boolean } = {}): Promise<{ rows: BenchRow[]; results: Record<string, unknown> }> {
  const cases = opts.cases ?? 1_000_000;
  const years = opts.years ?? 10;
  const { dir, core, db } = await benchCommittee('statistics');
  const rows: BenchRow[] = [];
  const mediators = await addMediators(db);
  const days = Math.round(years * 365.25);
  const first = addDays(LAST_DAY, -(days - 1));
  const counters = new Map<number, number>();
  const generated = () => benchCases({ cases, days, seed: 'statistics-bench', mediators }, counters);
  const r = new Random('statistics-bench-sweeps');
  const t = performance.now();
  insertCases(db, generated(), counters);
  const loadSeconds = (performance.now() - t) / 1000;
  rows.push({ figure: `load ${cases.toLocaleString()} cases over ${years} years`, value: `${loadSeconds.toFixed(1)} s` });
  const raw = rawHandle(db);
  const sweep = raw.prepare(`INSERT INTO sweeps (swept_on, scope, found, prevented, created_at) VALUES (?, '第一网格', ?, ?, ?)`);
  raw.transaction(() => { for (let d = first; d <= LAST_DAY; d = addDays(d, 3)) sweep.run(d, r.int(0, 5), r.int(0, 3), AS_OF.toISOString()); })();

  const results: Record<string, unknown> = { cases, years, loadSeconds };
  const measure = (label: string, key: string, fn: () => unknown, times: number, target?: number) => {
    fn(); // Warm the statement cache, as an open app has.
    return time(times, fn).then((samples) => {
      const s = summarise(samples);
      results[key] = s;
      rows.push({ figure: label, value: `p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms`, ...(target ? { target: `< ${target} ms`, met: s.p95 < target } : {}) });
    });
  };
  const month = monthPeriod(LAST_DAY.slice(0, 7));
  const perMonth = raw.prepare(`SELECT count(*) AS n FROM cases WHERE accepted_on BETWEEN ? AND ?`).all(month.from, month.to) as { n: number }[];
  rows.push({ figure: 'cases accepted in the month measured', value: perMonth[0].n.toLocaleString() });
  await measure(`monthly report ${LAST_DAY.slice(0, 7)}`, 'month', () => computeFigures(db, month, AS_OF), 30, 300);

  // The same figures in hand-written SQL, in this run: the ratio is what the report's machinery costs on top.
  const rawMonth = rawFigures(raw);
  const differs = compareRaw(computeFigures(db, month, AS_OF), rawMonth(month));
  if (differs.length) throw new Error(`raw SQL and the report disagree:\n${differs.join('\n')}`);
  await measure('the same month in raw SQL (baseline)', 'monthRawSql', () => rawMonth(month), 30);
  const ratio = (results.month as { p50: number }).p50 / (results.monthRawSql as { p50: number }).p50;
  results.monthRatioToRawSql = ratio;
  rows.push({ figure: 'monthly report ÷ raw SQL (p50; same figures, checked equal)', value: `${ratio.toFixed(2)}×` });
  const monthMemory = await peakDuring(() => computeFigures(db, month, AS_OF));
  results.monthHeapMiB = monthMemory.peakMiB;
  rows.push({ figure: 'monthly report: memory it leaves allocated (no GC during)', value: `${monthMemory.peakMiB.toFixed(1)} MiB` });
  await measure('quarterly report', 'quarter', () => computeFigures(db, quarterPeriod('2026-Q1'), AS_OF), 10);
  await measure('yearly report 2025', 'year', () => computeFigures(db, yearPeriod('2025'), AS_OF), 5);
  const old = monthPeriod(addDays(first, 40).slice(0, 7));
  await measure(`monthly report ${old.from.slice(0, 7)} (ten years back)`, 'oldMonth', () => computeFigures(db, old, AS_OF), 10, 300);
  await measure('drill-down of the month\'s accepted', 'drillAccepted', () => drillDown(db, month, 'accepted'), 10);
  await measure('drill-down of one mediator\'s successes in the month', 'drillMediator', () => drillDown(db, month, `by_mediator.${mediators[0].id}.success`), 10);

  // The XLSX workbook of the month (four sheets, the case list streamed), and of the quarter: its memory must not
  // grow with the cases listed.
  await writeStatisticsXlsx(db, computeFigures(db, month, AS_OF), join(dir, 'warm.xlsx')); // As an open app has run it before.
  for (const [label, key, period] of [
    ['month', 'xlsxMonth', month], ['quarter 2026-Q1', 'xlsxQuarter', quarterPeriod('2026-Q1')], ['year 2025', 'xlsxYear', yearPeriod('2025')],
  ] as const) {
    const report = computeFigures(db, period, AS_OF);
    const file = join(dir, `${key}.xlsx`);
    const t0 = performance.now();
    const { value, peakMiB } = await peakDuring(() => writeStatisticsXlsx(db, report, file));
    const ms = performance.now() - t0;
    const bytes = statSync(file).size;
    results[key] = { ms, peakMiB, cases: value.cases, bytes };
    rows.push({
      figure: `XLSX export of the ${label} (${value.cases.toLocaleString()} cases listed)`,
      value: `${(ms / 1000).toFixed(2)} s, peak +${peakMiB.toFixed(1)} MiB, ${(bytes / 1024).toFixed(0)} KiB`,
    });
  }

  const plans: Record<string, string[]> = {};
  const params = scopeParams(db, month);
  results.horizon = params.horizon;
  for (const sql of [
    ...(['registered', 'accepted', 'concluded', 'pending'] as Scope[]).flatMap((s) => scopeSql(s, CASE_FIGURES.filter((f) => f.scope === s))),
    ...mediatorSql('accepted'), ...mediatorSql('success'),
  ]) {
    plans[sql.replace(/^SELECT .* FROM cases WHERE /s, '… WHERE ').slice(0, 120)] =
      (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((p) => p.detail);
  }
  results.plans = plans;
  results.peakRssMiB = peakMemoryMiB();
  rows.push({ figure: 'process peak RSS (whole run, loading included)', value: `${results.peakRssMiB as number} MiB` });

  await core.close();
  if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  else rows.push({ figure: 'database kept at', value: dir });
  return { rows, results };
}

// `node --expose-gc --import tsx bench/statistics.ts [--cases N] [--years Y] [--keep]`: this part alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { cases: { type: 'string' }, years: { type: 'string' }, keep: { type: 'boolean' } } });
  const { rows, results } = await benchStatistics({
    cases: values.cases ? Number(values.cases) : undefined, years: values.years ? Number(values.years) : undefined, keep: values.keep,
  });
  console.table(rows.map((row) => ({ ...row, met: row.met === undefined ? '' : row.met ? 'yes' : 'NO' })));
  console.log(JSON.stringify(results.plans, null, 2));
}
