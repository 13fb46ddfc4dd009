import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import type { Channel, Input, Output } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';
import {
  caseFigureKeys, computeFigures, drillDown, monthPeriod, statisticsXlsxBuffer, writeStatisticsXlsx, xlsxFileName,
} from '../../electron/core/statistics';
import { FORM_COLUMNS, formHeaderMerges } from '../../electron/core/statistics/xlsx-layout';
import { CASE_FIGURES } from '../../electron/core/statistics/definitions';
import { figureLabel, reportLeaves, valueAt, type Period, type StatisticsReport } from '../../shared/domain/statistics';
import { ok, PASSPHRASE } from '../support/db';
import { AS_OF, expectedReport, statisticsFixture } from '../support/statistics-fixture';

type Fx = Awaited<ReturnType<typeof statisticsFixture>>;
let fx: Fx;
// Set-up derives keys and hashes passwords: slow on a loaded machine.
beforeAll(async () => { fx = await statisticsFixture(); }, 120_000);
afterAll(async () => { await fx?.close(); });

const MARCH = monthPeriod('2026-03');
const load = async (buffer: Buffer | ArrayBuffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as ArrayBuffer);
  return wb;
};
const sheet = (wb: ExcelJS.Workbook, name: string) => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};
/** A sheet's rows as arrays of cell values, from column A. */
const rowsOf = (ws: ExcelJS.Worksheet, from = 1): unknown[][] => {
  const out: unknown[][] = [];
  for (let r = from; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    out.push(Array.from({ length: ws.columnCount }, (_, i) => row.getCell(i + 1).value ?? null));
  }
  return out;
};

/** Every case a figure of the period counts, by drill-down: id → the figures. */
function drilled(period: Period, report: StatisticsReport): Map<number, Set<string>> {
  const byCase = new Map<number, Set<string>>();
  for (const key of caseFigureKeys(report)) {
    for (const c of drillDown(fx.core.db, period, key).cases) {
      if (!byCase.has(c.id)) byCase.set(c.id, new Set());
      byCase.get(c.id)!.add(key);
    }
  }
  return byCase;
}

async function caseNumbers(): Promise<Map<string, number>> {
  return new Map((await fx.core.db.query<{ id: number; case_no: string }>(`SELECT id, case_no FROM cases`)).map((r) => [r.case_no, r.id]));
}

describe('stats:exportXlsx: the workbook of a month, from the snapshot it freezes', () => {
  let wb: ExcelJS.Workbook;
  let exported: { fileName: string; contentBase64?: string; snapshotId: number | null; saved: boolean };
  const expected = expectedReport('expected-2026-03.json');

  beforeAll(async () => {
    exported = ok(await fx.call(fx.office, 'stats:exportXlsx', MARCH));
    wb = await load(Buffer.from(exported.contentBase64!, 'base64'));
  }, 60_000);

  it('the preview (no save dialog) gets the bytes back, nothing saved on its side', () => {
    expect(exported).toMatchObject({ saved: false, snapshotId: expect.any(Number), contentBase64: expect.any(String) });
  });

  it('names the file and its four sheets in Chinese', () => {
    expect(exported.fileName).toBe('人民调解工作统计月报_白沙社区人民调解委员会_2026-03-01至2026-03-31.xlsx');
    expect(exported.fileName).toBe(xlsxFileName(expected));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['月报', '其他指标', '案件清单', '调解员']);
  });

  it('月报: the title, the unit, the period and the date it was made', () => {
    const ws = sheet(wb, '月报');
    expect(ws.getCell('A1').value).toBe('人民调解工作统计月报（业务工作情况）');
    expect(String(ws.getCell('A2').value)).toContain('填报单位：白沙社区人民调解委员会');
    expect(ws.getRow(2).values.toString()).toContain('统计期间：2026年3月1日至2026年3月31日');
    // as_of 2026-05-06T02:00Z is 10:00 in Shanghai.
    expect(ws.getRow(2).values.toString()).toContain('填报日期：2026年5月6日（数据截至2026-05-06 10:00）');
    expect(ws.getCell('A1').font).toMatchObject({ name: '黑体', size: 16 });
  });

  it('月报: the grouped header, merged exactly as the Ministry form', () => {
    const ws = sheet(wb, '月报');
    const merges = new Set(ws.model.merges);
    // 37 columns: the committee, then 3 + 16 + 3 + 6 + 8 figures.
    expect(FORM_COLUMNS.length).toBe(36);
    for (const m of [
      'A1:AK1', 'A3:A5', 'B3:D3', 'E3:T3', 'U3:W3', 'X3:AC3', 'AD3:AK3',
      'B4:B5', 'E4:E5', 'T4:T5', 'Y4:Y5', 'AC4:AC5', 'AD4:AE4', 'AF4:AG4', 'AH4:AI4', 'AJ4:AK4', 'A7:AK7',
    ]) expect(merges.has(m), m).toBe(true);
    expect([...merges].filter((m) => /^[A-Z]+[345]:/.test(m)).sort()).toEqual([...formHeaderMerges()].sort());
    const text = (ref: string) => ws.getCell(ref).value;
    expect([text('A3'), text('B3'), text('E3'), text('U3'), text('X3'), text('AD3')]).toEqual(['填报单位', '排查预防', '调解纠纷', '案件来源', '结果', '防激化']);
    expect([text('B4'), text('C4'), text('D4')]).toEqual(['排查纠纷（次）', '排查发现纠纷（件）', '预防纠纷（件）']);
    expect([text('E4'), text('F4'), text('G4'), text('T4')]).toEqual(['合计（件）', '婚姻家庭', '邻里', '其他']);
    expect([text('U4'), text('V4'), text('W4')]).toEqual(['主动调解', '依申请调解', '接受委托移送']);
    expect(['X4', 'Y4', 'Z4', 'AA4', 'AB4', 'AC4'].map(text)).toEqual(
      ['调解成功（件）', '成功率（%）', '口头协议（件）', '书面协议（件）', '协议涉及金额（万元）', '司法确认（件）']);
    expect(['AD4', 'AF4', 'AH4', 'AJ4'].map(text)).toEqual(['防止民间纠纷引起自杀', '防止民间纠纷转化为刑事案件', '防止群体性上访', '防止群体性械斗']);
    expect(['AD5', 'AE5', 'AJ5', 'AK5'].map(text)).toEqual(['件', '人', '件', '人']);
  });

  it('月报: the committee row holds every figure as a number, rate and 万元 formatted', () => {
    const ws = sheet(wb, '月报');
    const row = ws.getRow(6);
    expect(row.getCell(1).value).toBe('白沙社区人民调解委员会');
    FORM_COLUMNS.forEach((c, i) => {
      const cell = row.getCell(2 + i);
      expect(cell.value, c.key).toBe(valueAt(expected, c.key));
      expect(typeof cell.value, c.key).toBe('number');
    });
    // Spot checks against the hand-worked figures, by cell.
    expect(ws.getCell('E6').value).toBe(expected.accepted);
    expect(ws.getCell('U6').value).toBe(expected.accepted_by_bucket.initiative);
    expect(ws.getCell('AC6').value).toBe(expected.jc_applied);
    expect(ws.getCell('AD6').value).toBe(expected.prevented.suicide.cases);
    expect(ws.getCell('AE6').value).toBe(expected.prevented.suicide.persons);
    expect(ws.getCell('Y6')).toMatchObject({ value: 0.8462, numFmt: '0.00%' });
    expect(ws.getCell('AB6')).toMatchObject({ value: 1.01, numFmt: '0.00' });
    expect(ws.getCell('E6').numFmt).toBe('0');
    expect(ws.getCell('E6').font).toMatchObject({ name: '宋体', size: 10 });
    expect(ws.getCell('E6').border).toMatchObject({ top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } });
    expect(ws.getCell('Y4').border?.bottom?.style).toBe('thin');
  });

  it('月报: widths, A4 landscape fitted to one page wide, header frozen and repeated on every page', () => {
    const ws = sheet(wb, '月报');
    expect(ws.getColumn(1).width).toBe(24);
    expect(ws.getColumn('AB').width).toBe(11);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 5 });
    expect(ws.pageSetup.printTitlesRow).toBe('3:5');
  });

  it('其他指标: every figure, the same lines as the CSV', () => {
    const ws = sheet(wb, '其他指标');
    const rows = rowsOf(ws, 2);
    const want = reportLeaves(expected).map(([k, v]) => [k, figureLabel(k, expected) ?? k, v === null ? null : v]);
    expect(rows).toEqual(want);
    const rate = rows.findIndex((r) => r[0] === 'success_rate') + 2;
    expect(ws.getCell(`C${rate}`).numFmt).toBe('0.00%');
  });

  it('案件清单: exactly the cases the drill-downs list, in case-number order, each with the figures that count it', async () => {
    const ws = sheet(wb, '案件清单');
    expect(ws.getRow(1).getCell(1).value).toBe('案号');
    expect(ws.getRow(1).getCell(17).value).toBe('计入的指标');
    const ids = await caseNumbers();
    const rows = rowsOf(ws, 2);
    const listed = rows.map((r) => ids.get(r[0] as string)!);
    const want = drilled(MARCH, expected);
    expect(new Set(listed)).toEqual(new Set(want.keys()));
    expect(listed.length).toBe(want.size);
    expect(listed).toEqual([...listed].sort((a, b) => a - b)); // The fixture's ids are in case-number order.
    // The count figures and the mediators' figures, case by case: the same as each drill-down.
    const countKeys = new Set([...CASE_FIGURES.filter((f) => !f.sum).map((f) => f.key), ...caseFigureKeys(expected).filter((k) => k.startsWith('by_mediator.'))]);
    rows.forEach((r, i) => {
      const got = new Set((r[16] as string).split(' ').filter((k) => countKeys.has(k)));
      expect(got, r[0] as string).toEqual(new Set([...want.get(listed[i])!].filter((k) => countKeys.has(k))));
    });
    // One agreed case, cell by cell: c26, 123.45 元.
    const c26 = rows.find((r) => r[10] === 123.45)!;
    expect(c26.slice(8, 10)).toEqual(['调解成功', expect.stringMatching(/^(书面|口头)$/)]);
    expect(ws.getCell(`K${rows.indexOf(c26) + 2}`).numFmt).toBe('#,##0.00');
  });

  it('调解员: by_mediator of the report, with a total', () => {
    const rows = rowsOf(sheet(wb, '调解员'), 2);
    expect(rows.slice(0, expected.by_mediator.length).map((r) => [r[1], r[2], r[3], r[4]]))
      .toEqual(expected.by_mediator.map((m) => [m.name, m.accepted, m.success, m.id]));
    expect(rows[expected.by_mediator.length].slice(0, 4)).toEqual([
      '合计', null, expected.by_mediator.reduce((a, m) => a + m.accepted, 0), expected.by_mediator.reduce((a, m) => a + m.success, 0),
    ]);
  });

  it('the export froze an exported snapshot with the figures the workbook shows, and both are audited', async () => {
    const snap = ok(await fx.call(fx.office, 'stats:snapshotGet', { id: exported.snapshotId! }));
    expect(snap).toMatchObject({ reason: 'exported', from: '2026-03-01', to: '2026-03-31', createdBy: '郑洁' });
    expect(snap.figures).toEqual(expected);
    const rows = rowsOf(sheet(wb, '其他指标'), 2);
    expect(Object.fromEntries(rows.map((r) => [r[0], r[2]]))).toEqual(Object.fromEntries(reportLeaves(snap.figures)));
    const audit = await fx.core.db.query<{ action: string; after_json: string }>(
      `SELECT action, after_json FROM audit_events WHERE entity = 'report_snapshot' AND entity_id = ? ORDER BY id`, [exported.snapshotId]);
    expect(audit.map((a) => a.action)).toEqual(['statistics.exported', 'statistics.export']);
    expect(JSON.parse(audit[1].after_json)).toMatchObject({ format: 'xlsx', fileName: exported.fileName, cases: rowsOf(sheet(wb, '案件清单'), 2).length });
  });

  it('needs stats.write (it freezes a snapshot): a mediator is refused; a bad period is refused in Chinese', async () => {
    const mediator = await fx.signedIn('mediator', 'user-password-1');
    expect(await fx.call(mediator, 'stats:exportXlsx', MARCH)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await fx.call(fx.office, 'stats:exportXlsx', { from: '2026-03-31', to: '2026-03-01' }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('不能早于起始日期') } });
  });
});

describe('stats:exportXlsx on the desktop: streamed to the file the user picks', () => {
  const picked: { name: string; filter: { name: string; extensions: string[] } }[] = [];
  let answer: string | null = null;
  let desktop: <C extends Channel>(s: Fx['office'], c: C, i: Input<C>) => Promise<Result<Output<C>>>;
  beforeAll(() => {
    // The desktop shell's Platform (electron/main.ts asks with a save dialog); here it answers what the test set.
    const dispatch = createDispatcher(fx.core, {
      platform: { savePdf: async () => false, chooseSavePath: async (name, filter) => { picked.push({ name, filter }); return answer; } },
    });
    desktop = (s, c, i) => dispatch(s, c, i) as never;
  });
  const snapshots = async () => (await fx.core.db.query<{ n: number }>(`SELECT count(*) AS n FROM report_snapshots`))[0].n;

  it('writes the workbook to the chosen path, the same sheets as the bytes the preview gets; hash audited', async () => {
    answer = join(fx.dir, '选择的位置.xlsx');
    const r = ok(await desktop(fx.office, 'stats:exportXlsx', MARCH));
    expect(r).toEqual({ fileName: '人民调解工作统计月报_白沙社区人民调解委员会_2026-03-01至2026-03-31.xlsx', snapshotId: expect.any(Number), saved: true });
    expect(picked.at(-1)).toEqual({ name: r.fileName, filter: { name: 'Excel 工作簿', extensions: ['xlsx'] } });
    const file = readFileSync(answer);
    const fromFile = await load(file);
    // The buffer variant, of the same snapshot: every sheet, cell for cell.
    const { figures } = ok(await fx.call(fx.office, 'stats:snapshotGet', { id: r.snapshotId! }));
    const fromBuffer = await load((await statisticsXlsxBuffer(fx.core.db, figures)).buffer);
    expect(fromFile.worksheets.map((w) => w.name)).toEqual(['月报', '其他指标', '案件清单', '调解员']);
    for (const ws of fromBuffer.worksheets) expect(rowsOf(sheet(fromFile, ws.name)), ws.name).toEqual(rowsOf(ws));
    expect(rowsOf(sheet(fromFile, '案件清单'), 2).length).toBeGreaterThan(5);
    const [audit] = await fx.core.db.query<{ after_json: string }>(
      `SELECT after_json FROM audit_events WHERE action = 'statistics.export' AND entity_id = ? ORDER BY id DESC LIMIT 1`, [r.snapshotId]);
    expect(JSON.parse(audit.after_json)).toMatchObject({
      format: 'xlsx', saved: true, bytes: file.length, sha256: createHash('sha256').update(file).digest('hex'),
    });
  });

  it('a cancelled dialog freezes nothing and writes nothing', async () => {
    answer = null;
    const before = await snapshots();
    const r = ok(await desktop(fx.office, 'stats:exportXlsx', MARCH));
    expect(r).toEqual({ fileName: '人民调解工作统计月报_白沙社区人民调解委员会_2026-03-01至2026-03-31.xlsx', snapshotId: null, saved: false });
    expect(await snapshots()).toBe(before);
  });
});

describe('the workbook from the core', () => {
  it('a period with nothing concluded: the rate cell is empty, the list still has the open cases', async () => {
    const period = monthPeriod('2025-12');
    const report = computeFigures(fx.core.db, period, AS_OF);
    const { buffer, cases } = await statisticsXlsxBuffer(fx.core.db, report);
    const wb = await load(buffer);
    const ws = sheet(wb, '月报');
    expect(ws.getCell('Y6').value).toBeNull();
    expect(ws.getCell('X6').value).toBe(0);
    expect(cases).toBe(drilled(period, report).size);
    expect(rowsOf(sheet(wb, '案件清单'), 2).length).toBe(cases);
  });

  it('refuses a report its cases do not give back, and leaves no file', async () => {
    const report = computeFigures(fx.core.db, MARCH, AS_OF);
    const file = join(fx.dir, 'tampered.xlsx');
    await expect(writeStatisticsXlsx(fx.core.db, { ...report, accepted: report.accepted + 1 }, file)).rejects.toThrow(/案件清单与报表（受理数）对不上/);
    expect(existsSync(file)).toBe(false);
  });
});

describe('the CLI: stats --format xlsx', () => {
  async function cli(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, { TIAOJIE_PASSPHRASE: PASSPHRASE }, { out: (s) => { out.push(s); }, err: (s) => { err.push(s); }, isTTY: false });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('writes the workbook to --out, stdout empty', async () => {
    const file = join(fx.dir, '月报-2026-03.xlsx');
    const r = await cli(['stats', '--db', fx.dbPath, '--month', '2026-03', '--format', 'xlsx', '--out', file]);
    expect(r).toMatchObject({ code: 0, out: '' });
    expect(r.err).toContain('已写入');
    const wb = await load(readFileSync(file));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['月报', '其他指标', '案件清单', '调解员']);
    const expected = expectedReport('expected-2026-03.json');
    FORM_COLUMNS.forEach((c, i) => expect(sheet(wb, '月报').getRow(6).getCell(2 + i).value, c.key).toBe(valueAt(expected, c.key)));
  });

  it('without --out: a usage error (exit 2) in Chinese, or English with --lang en', async () => {
    const r = await cli(['stats', '--db', fx.dbPath, '--month', '2026-03', '--format', 'xlsx']);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toContain('xlsx 工作簿不能输出到终端：请用 --out 指定文件');
    expect((await cli(['--lang', 'en', 'stats', '--db', fx.dbPath, '--month', '2026-03', '--format', 'xlsx'])).err).toContain('give a file with --out');
    expect((await cli(['stats', '--db', fx.dbPath, '--month', '2026-03', '--format', 'xls'])).err).toContain('json、csv 或 xlsx');
  });
});
