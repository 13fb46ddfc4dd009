import { appendFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { AppCore } from '../electron/core/app/app-core';
import { fileSource, importLedger, type LedgerReport } from '../electron/core/ledger';
import { CATEGORY_ZH } from '../shared/domain/enums';
import { addDays } from '../shared/domain/dates';
import { Random } from '../electron/core/seed/random';
import { writeXlsx, HEADERS, toCsv } from '../test/fixtures/ledger/make-fixtures';
import { peakDuring } from './xlsx';

const CATEGORIES = Object.values(CATEGORY_ZH);
const CHANNELS = ['当事人申请', '主动调解', '网格员上报', '法院委派', '公安移送', '12345热线转办', '申请', '委托移送'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚'.split('');
const MEDIATORS = ['王芳', '李娜', '张伟', '赵敏', '吴刚', '陈建国', '林雪'];

/** A realistic ledger of n rows (deterministic): every date form, outcomes in their usual shares, a third with numbers. */
export function ledgerRows(n: number, seed = 7, first = 0): string[][] {
  const rnd = new Random(seed);
  const pick = <T>(a: readonly T[]) => a[rnd.int(0, a.length - 1)];
  const name = () => `${pick(SURNAMES)}${pick(GIVEN)}${rnd.int(0, 1) ? pick(GIVEN) : ''}`;
  const fmt = (d: string, i: number) => {
    if (!d) return '';
    const [y, m, day] = d.split('-').map(Number);
    return [d, `${y}/${m}/${day}`, `${y}.${String(m).padStart(2, '0')}.${String(day).padStart(2, '0')}`, `${y}年${m}月${day}日`][i % 4];
  };
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const reg = addDays('2023-01-01', rnd.int(0, 1300));
    const r = rnd.int(0, 99);
    const outcome = r < 70 ? '调解成功' : r < 80 ? '调解不成功' : r < 85 ? '撤回' : r < 90 ? '不予受理' : '调解中';
    const acc = outcome === '不予受理' ? '' : addDays(reg, rnd.int(0, 3));
    const con = ['调解成功', '调解不成功', '撤回'].includes(outcome) ? addDays(acc, rnd.int(1, 45)) : '';
    const v: Record<string, string> = {
      案件编号: (first + i) % 3 === 0 ? `（${reg.slice(0, 4)}）白沙人调字第${String(10_000 + first + i).padStart(5, '0')}号` : '',
      登记日期: fmt(reg, i), 受理日期: fmt(acc, i + 1), 纠纷类型: pick(CATEGORIES), 案件来源: pick(CHANNELS),
      申请人: rnd.int(0, 4) ? name() : `${name()}、${name()}`, 被申请人: rnd.int(0, 5) ? name() : '', 涉及人数: String(rnd.int(2, 12)),
      '涉及金额（元）': rnd.int(0, 1) ? `${rnd.int(0, 500_000)}.${rnd.int(0, 99)}` : '',
      主办调解员: outcome === '不予受理' ? '' : pick(MEDIATORS), 调解结果: outcome, 协议形式: outcome === '调解成功' ? pick(['书面', '口头']) : '',
      '协议金额（元）': outcome === '调解成功' && rnd.int(0, 1) ? `${rnd.int(0, 200_000)}.${String(rnd.int(0, 99)).padStart(2, '0')}` : '',
      调结日期: fmt(con, i + 2), 履行情况: outcome === '调解成功' ? pick(['已履行', '部分履行', '未履行', '履行中']) : '',
      司法确认: outcome === '调解成功' ? pick(['未申请', '未申请', '已申请', '已确认']) : '', 防止民转刑: rnd.int(0, 30) ? '' : '是',
      回访满意度: con && rnd.int(0, 1) ? pick(['满意', '基本满意', '不满意']) : '', 纠纷简要情况: `因${pick(['噪音', '漏水', '宅基地边界', '欠款'])}发生争执，双方协商未果`,
    };
    rows.push(HEADERS.map((h) => v[h] ?? ''));
  }
  return rows;
}

export interface LedgerBench { rows: number; format: 'csv' | 'xlsx'; fileMiB: number; dryRunMs: number; importMs: number; reimportMs: number; peakHeapMiB: number; peakRssMiB: number; imported: number; phases: Record<string, number> }

/** Imports an n-row ledger into a fresh encrypted database: dry run, real import, re-import; time and peak memory. */
export async function benchLedger(opts: { rows?: number; format?: 'csv' | 'xlsx' } = {}): Promise<LedgerBench> {
  const n = opts.rows ?? 10_000;
  const format = opts.format ?? 'csv';
  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-bench-ledger-'));
  const core = new AppCore(join(dir, 'bench.db'));
  try {
    await core.setup({ passphrase: 'bench-ledger-passphrase', committee: { name: '白沙社区人民调解委员会', code: 'B-001', type: 'residential' }, admin: { username: 'admin', displayName: '王芳', password: 'bench-password-1' } });
    const file = join(dir, `ledger.${format}`);
    const rows = ledgerRows(n);
    if (format === 'csv') writeFileSync(file, `\uFEFF${toCsv([HEADERS, ...rows])}`);
    else await writeXlsx(file, HEADERS, rows);
    rows.length = 0;
    (globalThis as { gc?: () => void }).gc?.();
    const base = process.memoryUsage().heapUsed;
    let peakHeap = 0;
    let peakRss = 0;
    const phases: Record<string, number> = {};
    let last = { phase: '', at: 0 };
    const sample = (p?: { phase: string }) => {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed - base);
      peakRss = Math.max(peakRss, m.rss);
      if (p && p.phase !== last.phase) {
        const now = performance.now();
        if (last.phase) phases[last.phase] = (phases[last.phase] ?? 0) + now - last.at;
        last = { phase: p.phase, at: now };
      }
    };
    const run = async (dryRun: boolean): Promise<[number, LedgerReport]> => {
      const t = performance.now();
      const r = await importLedger(core.db, fileSource(file), { dryRun, actor: null, clock: () => new Date(), onProgress: sample });
      sample({ phase: '' });
      last = { phase: '', at: 0 };
      return [performance.now() - t, r];
    };
    const [dryRunMs, dry] = await run(true);
    if (dry.errors.length) throw new Error(`bench ledger has errors: ${dry.errors[0].message}`);
    for (const k of Object.keys(phases)) delete phases[k];
    const [importMs, done] = await run(false);
    const importPhases = Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)]));
    const [reimportMs, again] = await run(false);
    if (again.imported !== 0) throw new Error('re-import added cases');
    return {
      rows: n, format, fileMiB: Math.round((statSync(file).size / 1048576) * 100) / 100, dryRunMs: Math.round(dryRunMs), importMs: Math.round(importMs),
      reimportMs: Math.round(reimportMs), peakHeapMiB: Math.round(peakHeap / 1048576), peakRssMiB: Math.round(peakRss / 1048576), imported: done.imported,
      phases: importPhases,
    };
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A large workbook as Excel lays it out (shared strings, written after the sheet), streamed: never whole in memory. */
async function writeLargeXlsx(path: string, n: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('台账');
  ws.addRow(HEADERS).commit();
  for (let at = 0; at < n; at += 10_000) for (const r of ledgerRows(Math.min(10_000, n - at), 7 + at, at)) ws.addRow(r.map((v) => (v === '' ? null : v))).commit();
  ws.commit();
  await wb.commit();
}

export interface LedgerMemory { rows: number; format: 'csv' | 'xlsx'; fileMiB: number; dryRunMs: number; heapMiB: number; liveMiB: number; rssMiB: number }

/**
 * The rule "import streams: memory must not grow with the file's size": a dry run (every row read and checked,
 * nothing written) of an n-row ledger, with the most heap, live heap (after a GC) and RSS it held above the start.
 */
export async function benchLedgerMemory(rows: number, format: 'csv' | 'xlsx'): Promise<LedgerMemory> {
  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-bench-ledger-'));
  const core = new AppCore(join(dir, 'bench.db'));
  try {
    await core.setup({ passphrase: 'bench-ledger-passphrase', committee: { name: '白沙社区人民调解委员会', code: 'B-001', type: 'residential' } });
    const file = join(dir, `ledger.${format}`);
    if (format === 'xlsx') await writeLargeXlsx(file, rows);
    else {
      writeFileSync(file, `\uFEFF${toCsv([HEADERS])}`);
      for (let at = 0; at < rows; at += 10_000) appendFileSync(file, toCsv(ledgerRows(Math.min(10_000, rows - at), 7 + at, at)));
    }
    const t = performance.now();
    const { value: report, heapMiB, liveMiB, rssMiB } = await peakDuring(() => importLedger(core.db, fileSource(file), { dryRun: true, actor: null, clock: () => new Date() }));
    const dryRunMs = Math.round(performance.now() - t);
    if (report.rows !== rows || report.errors.length) throw new Error(`bench ledger: read ${report.rows} rows of ${rows}, ${report.errors[0]?.message ?? 'no errors'}`);
    return { rows, format, fileMiB: Math.round((statSync(file).size / 1048576) * 100) / 100, dryRunMs, heapMiB, liveMiB, rssMiB };
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, format: { type: 'string' } } });
  const formats = values.format ? [values.format as 'csv' | 'xlsx'] : (['csv', 'xlsx'] as const);
  const sizes = values.rows ? [Number(values.rows)] : [10_000, 40_000];
  const results: LedgerBench[] = [];
  for (const format of formats) for (const rows of sizes) results.push(await benchLedger({ rows, format }));
  console.table(results.map(({ phases: _p, ...r }) => r));
  for (const r of results) console.log(`${r.rows} ${r.format}: import phases (ms)`, r.phases);
}
