import { createWriteStream, rmSync } from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CATEGORY_ZH, CHANNEL_BUCKET, type Category, type Channel } from '../../../shared/domain/enums';
import { figureLabel, reportLeaves, type Leaf, type StatisticsReport } from '../../../shared/domain/statistics';
import { rawHandle, type Database, type RawStatement } from '../../db/data-source';
import { WORDING } from '../../documents/wording';
import { badState } from '../errors';
import { hashTap } from '../hash-tap';
import { CASE_FIGURES, MEDIATOR_COLUMN, SCOPES, type Scope } from './definitions';
import { scopeParams, type Params } from './figures';
import { fenToWan } from './rounding';
import {
  columnLetter, FORM_COLUMNS, FORM_FIRST, FORM_LAST, FORM_NOTE, FORM_ROWS, FORM_TITLE, FORM_UNIT, formHeaderMerges, formHeaderText, formInfo,
  NUMBER_FORMATS, reportFileName, type FormColumn,
} from './xlsx-layout';

/**
 * The statistics workbook (STATISTICS.md: "the XLSX workbook, whose first sheet follows the Ministry's monthly form in
 * Chinese"). 月报: the form as sent; 其他指标: every figure, the same lines as the CSV; 案件清单: every case a figure of
 * the period counts, and which; 调解员: by_mediator. Written with exceljs's streaming writer, inline strings and the
 * case sheet read in pages, so memory holds one page of rows (and 4 bytes per listed case for its id), never the sheet.
 */

export const SHEETS = { form: '月报', figures: '其他指标', cases: '案件清单', mediators: '调解员' } as const;
const PAGE = 500;

// Fonts Excel on Chinese Windows has: 宋体 for the body, 黑体 for the title; charset 134 is GB2312.
const BODY: Partial<ExcelJS.Font> = { name: '宋体', size: 10, charset: 134 };
const HEAD: Partial<ExcelJS.Font> = { ...BODY, bold: true };
const TITLE: Partial<ExcelJS.Font> = { name: '黑体', size: 16, charset: 134 };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const CENTRE: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const A4 = 9;

/** `人民调解工作统计月报_白沙社区人民调解委员会_2026-03-01至2026-03-31.xlsx`, without characters Windows refuses. */
export const xlsxFileName = (report: Pick<StatisticsReport, 'committee' | 'period'>): string => reportFileName(report, 'xlsx');

export interface XlsxResult {
  /** Cases listed on 案件清单. */
  cases: number;
}

export interface XlsxFile extends XlsxResult {
  bytes: number;
  /** Of the file as written, hashed while it streamed out (for the audit record). */
  sha256: string;
}

/** The workbook to a file, streamed, its hash taken on the way; nothing is left behind if it fails. */
export async function writeStatisticsXlsx(db: Database, report: StatisticsReport, file: string): Promise<XlsxFile> {
  const out = createWriteStream(file);
  const { tap, result } = hashTap();
  const closed = new Promise<void>((resolve, reject) => {
    out.once('close', resolve);
    out.once('error', reject);
  });
  closed.catch(() => {}); // awaited below; its failure also fails the workbook through the tap
  out.on('error', (e) => tap.destroy(e));
  tap.pipe(out);
  try {
    const { cases } = await writeWorkbook(db, report, tap);
    await closed;
    return { cases, ...result() };
  } catch (e) {
    tap.destroy();
    out.destroy();
    rmSync(file, { force: true });
    throw e;
  }
}

/** The workbook in memory (the preview's download). */
export async function statisticsXlsxBuffer(db: Database, report: StatisticsReport): Promise<XlsxResult & { buffer: Buffer }> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const result = await writeWorkbook(db, report, sink);
  return { ...result, buffer: Buffer.concat(chunks) };
}

async function writeWorkbook(db: Database, report: StatisticsReport, stream: Writable): Promise<XlsxResult> {
  // Listened for from the start: an output that fails early (a full disk) fails the export, not the process.
  const done = new Promise<void>((resolve, reject) => {
    stream.once('finish', resolve);
    stream.once('error', reject);
  });
  done.catch(() => {});
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'Tiaojie';
  wb.created = new Date(report.as_of);
  // Sheets are written one after another: the zip reads one entry at a time, so a sheet opened early would buffer.
  formSheet(wb, report);
  figuresSheet(wb, report);
  const cases = await casesSheet(wb, db, report, stream);
  mediatorsSheet(wb, report);
  await Promise.all([wb.commit(), done]);
  return { cases };
}

const box = (cell: ExcelJS.Cell, font: Partial<ExcelJS.Font> = BODY) => {
  cell.font = font;
  cell.border = BOX;
  cell.alignment = CENTRE;
};

/** One row of the 月报 form: a committee, or the office's total row (STATISTICS.md: one row per committee plus a total). */
export interface FormRow {
  label: string;
  report: StatisticsReport;
}

/**
 * The 月报 sheet: `r` gives the header (unit, period, as of); one data row per entry of `rows`, the committee's own by
 * default. The office's roll-up passes a row per committee and the city's total.
 */
export function formSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, r: StatisticsReport, rows: readonly FormRow[] = [{ label: r.committee.name, report: r }]): void {
  const { title, info, group, name, sub, data } = FORM_ROWS;
  const note = data + rows.length;
  const ws = wb.addWorksheet(SHEETS.form, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: sub, showGridLines: false }],
    pageSetup: {
      paperSize: A4, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 }, printTitlesRow: `${group}:${sub}`,
    },
    properties: { defaultRowHeight: 18 },
  });
  ws.columns = [{ width: FORM_UNIT.width }, ...FORM_COLUMNS.map((c) => ({ width: c.width }))];
  const last = columnLetter(FORM_LAST);

  const t = ws.getRow(title).getCell(1);
  t.value = FORM_TITLE;
  t.font = TITLE;
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(title).height = 32;
  ws.mergeCells(`A${title}:${last}${title}`);

  // 填报单位 · 统计期间 · 填报日期 across the width, in three merged blocks.
  const third = Math.floor(FORM_LAST / 3);
  const line = formInfo(r);
  const blocks: [number, number, string][] = [[1, third, line.unit], [third + 1, 2 * third, line.period], [2 * third + 1, FORM_LAST, line.filed]];
  const infoRow = ws.getRow(info);
  infoRow.height = 20;
  for (const [from, to, text] of blocks) {
    const c = infoRow.getCell(from);
    c.value = text;
    c.font = BODY;
    c.alignment = { horizontal: from === 1 ? 'left' : to === FORM_LAST ? 'right' : 'center', vertical: 'middle' };
    ws.mergeCells(`${columnLetter(from)}${info}:${columnLetter(to)}${info}`);
  }

  // The header: groups, then each column's heading (over two rows, or over 件 and 人 for 防激化).
  const [g, n, s] = [ws.getRow(group), ws.getRow(name), ws.getRow(sub)];
  g.height = 20;
  n.height = 54;
  s.height = 18;
  for (const [address, text] of formHeaderText()) ws.getCell(address).value = text;
  for (const row of [g, n, s]) {
    for (let col = 1; col <= FORM_LAST; col++) {
      const cell = row.getCell(col);
      box(cell, HEAD);
      cell.fill = HEAD_FILL;
    }
  }
  for (const m of formHeaderMerges()) ws.mergeCells(m);

  // The committee's row (or one per committee, then the total): numbers as numbers.
  rows.forEach((row, k) => {
    const d = ws.getRow(data + k);
    d.height = 22;
    const values = new Map(reportLeaves(row.report));
    box(d.getCell(1));
    d.getCell(1).value = row.label;
    FORM_COLUMNS.forEach((c: FormColumn, i) => {
      const cell = d.getCell(FORM_FIRST + i);
      cell.value = values.get(c.key) ?? null;
      box(cell);
      cell.numFmt = NUMBER_FORMATS[c.format];
    });
  });

  const noteCell = ws.getRow(note).getCell(1);
  noteCell.value = FORM_NOTE;
  noteCell.font = { ...BODY, size: 9 };
  noteCell.alignment = { vertical: 'top', wrapText: true };
  ws.getRow(note).height = 30;
  ws.mergeCells(`A${note}:${last}${note}`);

  ws.commit();
}

const RATE_KEYS = new Set(['success_rate', 'satisfaction.rate']);

function figuresSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, r: StatisticsReport): void {
  const ws = wb.addWorksheet(SHEETS.figures, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: A4, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  ws.columns = [{ width: 40 }, { width: 44 }, { width: 28 }];
  const head = ws.addRow(['指标（键）', '中文名称', '数值']);
  head.eachCell((c) => { box(c, HEAD); c.fill = HEAD_FILL; });
  head.commit();
  for (const [key, value] of reportLeaves(r)) {
    const row = ws.addRow([key, figureLabel(key, r) ?? key, value]);
    row.eachCell({ includeEmpty: true }, (c) => { c.font = BODY; c.border = BOX; });
    const v = row.getCell(3);
    if (typeof value === 'number') {
      v.numFmt = RATE_KEYS.has(key) ? NUMBER_FORMATS.rate : key === 'agreement_amount_wan' ? NUMBER_FORMATS.wan : NUMBER_FORMATS.count;
    }
    row.commit();
  }
  ws.commit();
}

// 案件清单: the cases of the period's scopes, each with the figures that count it (the drill-down's definitions).
const L = WORDING.common;
const OUTCOME_ZH: Record<string, string> = { agreed: '调解成功', failed: '调解不成功', withdrawn: '撤回/终止' };
const FORM_ZH: Record<string, string> = { written: '书面', oral: '口头' };
const BUCKET_ZH: Record<string, string> = { application: '依申请', initiative: '主动', referral: '委托移送' };
const STATUS_ZH: Record<string, string> = {
  registered: '已登记', rejected: '不予受理', accepted: '已受理', in_mediation: '调解中', agreed: '调解成功',
  failed: '调解不成功', withdrawn: '已撤回', closed: '已结案', archived: '已归档',
};
const JC_ZH: Record<string, string> = { none: '未申请', applied: '已申请', confirmed: '已确认', refused: '不予确认' };

const CASE_COLUMNS: { header: string; width: number }[] = [
  { header: '案号', width: 28 }, { header: '登记日期', width: 11 }, { header: '受理日期', width: 11 }, { header: '调结日期', width: 11 },
  { header: '状态', width: 10 }, { header: '纠纷类型', width: 11 }, { header: '案件来源', width: 16 }, { header: '来源分类', width: 9 },
  { header: '调解结果', width: 10 }, { header: '协议形式', width: 8 }, { header: '协议金额（元）', width: 14 }, { header: '涉及人数', width: 8 },
  { header: '主调解员', width: 10 }, { header: '履行情况', width: 9 }, { header: '司法确认', width: 9 }, { header: '回访满意度', width: 10 },
  { header: '计入的指标', width: 80 },
];

const BODY_STYLE: Partial<ExcelJS.Style> = { font: BODY };
const YUAN_STYLE: Partial<ExcelJS.Style> = { font: BODY, numFmt: NUMBER_FORMATS.yuan };

/** The page query's columns before the figures' flags, in order: rows come back as arrays (100 keys per object cost more). */
const LINE = [
  'id', 'case_no', 'registered_on', 'accepted_on', 'concluded_on', 'status', 'category', 'channel', 'outcome', 'agreement_form',
  'agreement_amount_fen', 'persons_involved', 'lead_mediator_id', 'performance', 'jc_status', 'satisfaction', 's_accepted', 's_concluded',
  'mediator', 'local_category',
] as const;
const COL = Object.fromEntries(LINE.map((k, i) => [k, i])) as Record<(typeof LINE)[number], number>;
type Line = (string | number | null)[];

const scopeExpr = (s: Scope) => `(${SCOPES[s].map((b) => `(${b})`).join(' OR ')})`;

/**
 * The ids of every case in any scope of the period, in case-number order. Materialised first, so each branch reads
 * its own date index (an ORDER BY pushed into a UNION's branches made the planner scan the table for one of them).
 */
export const IDS_SQL = `WITH s (id, y, q) AS MATERIALIZED (
    ${Object.values(SCOPES).flat().map((b) => `SELECT id, case_year, case_seq FROM cases WHERE ${b}`).join('\n    UNION ALL ')}
  ) SELECT id FROM s GROUP BY id ORDER BY y, q, id`;

/**
 * One page of cases: each figure's flag is null when it does not count the case, else what it adds (1, fen, persons).
 * The page's rows and their scopes are worked out once (materialised), then each figure tests its scope's flag.
 */
const SCOPE_NAMES = Object.keys(SCOPES) as Scope[];
export const PAGE_SQL = `WITH c AS MATERIALIZED (
    SELECT cases.*, j.key AS pos, ${SCOPE_NAMES.map((sc) => `${scopeExpr(sc)} AS in_${sc}`).join(', ')}
    FROM json_each(@ids) j CROSS JOIN cases ON cases.id = j.value
  )
  SELECT c.id, case_no, registered_on, accepted_on, concluded_on, status, category, channel, outcome, agreement_form,
    agreement_amount_fen, persons_involved, c.${MEDIATOR_COLUMN} AS lead_mediator_id, performance, jc_status, satisfaction,
    in_accepted AS s_accepted, in_concluded AS s_concluded, p.name AS mediator, lc.name AS local_category, -- LINE, in its order
    ${CASE_FIGURES.map((f, i) => `CASE WHEN in_${f.scope} AND (${f.where}) THEN ${f.sum ? `coalesce(${f.sum}, 0)` : '1'} END AS f${i}`).join(',\n    ')}
  FROM c LEFT JOIN persons p ON p.id = c.${MEDIATOR_COLUMN} LEFT JOIN local_categories lc ON lc.id = c.local_category_id
  ORDER BY pos`;

const FIRST_FLAG = LINE.length;
const pageStatements = new WeakMap<Database, RawStatement>();
function pageStatement(db: Database): RawStatement {
  let stmt = pageStatements.get(db);
  if (!stmt) pageStatements.set(db, (stmt = rawHandle(db).prepare(PAGE_SQL).raw(true)));
  return stmt;
}

interface IterableStatement { raw(toggle?: boolean): IterableStatement; iterate(...params: unknown[]): IterableIterator<unknown[]> }

function caseIds(db: Database, p: Params): Int32Array {
  const stmt = rawHandle(db).prepare(IDS_SQL) as unknown as IterableStatement;
  let ids = new Int32Array(1024);
  let n = 0;
  for (const [id] of stmt.raw(true).iterate(p)) {
    if (n === ids.length) {
      const bigger = new Int32Array(ids.length * 2);
      bigger.set(ids);
      ids = bigger;
    }
    ids[n++] = id as number;
  }
  return ids.subarray(0, n);
}

/**
 * Waits until the zip has taken what the sheet wrote. exceljs's sheet stream (a StreamBuf) pipes into a PassThrough
 * that archiver reads as the entry's source, and it ignores that PassThrough's `write() === false`: when the deflate
 * or the output is slower than the rows, the PassThrough's buffer grows with the sheet. So the rows wait for its
 * 'drain' (the deflate, piped, in turn waits on the output), or for the output failing.
 */
const ENTRY_BOUND = 256 * 1024;
type EntrySource = Writable & { _writableState?: { length: number } };
function drain(ws: ExcelJS.Worksheet, output: Writable): Promise<void> {
  const entry = (ws as unknown as { stream: { pipes?: EntrySource[] } }).stream.pipes?.[0];
  // archiver's PassThrough is readable-stream 2's, which has no writableLength: its state says what it holds.
  const held = entry ? entry.writableLength ?? entry._writableState?.length ?? 0 : 0;
  if (!entry || held <= ENTRY_BOUND || output.destroyed) return new Promise((resolve) => setImmediate(resolve));
  return new Promise<void>((resolve, reject) => {
    const done = (e?: unknown) => {
      entry.off('drain', done);
      output.off('error', done);
      output.off('close', done);
      if (e instanceof Error) reject(e); else resolve();
    };
    entry.once('drain', done);
    output.once('error', done);
    output.once('close', done);
  });
}

async function casesSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, db: Database, r: StatisticsReport, output: Writable): Promise<number> {
  const ws = wb.addWorksheet(SHEETS.cases, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }],
    pageSetup: { paperSize: A4, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  ws.autoFilter = `A1:${columnLetter(CASE_COLUMNS.length)}1`;
  ws.columns = CASE_COLUMNS.map((c) => ({ width: c.width }));
  const head = ws.addRow(CASE_COLUMNS.map((c) => c.header));
  head.eachCell((c) => { box(c, HEAD); c.fill = HEAD_FILL; });
  head.commit();

  const { ids, params } = db.readConsistent(() => {
    const params = scopeParams(db, r.period);
    return { params, ids: caseIds(db, params) };
  });
  // What the listed cases add up to, figure by figure: it must be the report's, or the list is not the report's cases.
  const tally = new Float64Array(CASE_FIGURES.length);
  const byMediator = new Map<number, { accepted: number; success: number }>();
  const [acceptedIx, successIx] = ['accepted', 'success'].map((k) => CASE_FIGURES.findIndex((f) => f.key === k));
  let listed = 0;
  for (let at = 0; at < ids.length; at += PAGE) {
    const page = pageStatement(db).all({ ...params, ids: JSON.stringify(Array.from(ids.subarray(at, at + PAGE))) }) as Line[];
    for (const line of page) {
      const counted: string[] = [];
      for (let i = 0; i < CASE_FIGURES.length; i++) {
        const v = line[FIRST_FLAG + i] as number | null;
        if (v === null) continue;
        tally[i] += v;
        counted.push(CASE_FIGURES[i].key);
      }
      // by_mediator lists every lead mediator with a case accepted or concluded in the period, even at 0 and 0.
      const mediatorId = line[COL.lead_mediator_id] as number | null;
      if (mediatorId !== null && (line[COL.s_accepted] || line[COL.s_concluded])) {
        const m = byMediator.get(mediatorId) ?? { accepted: 0, success: 0 };
        if (line[FIRST_FLAG + acceptedIx] !== null) { m.accepted++; counted.push(`by_mediator.${mediatorId}.accepted`); }
        if (line[FIRST_FLAG + successIx] !== null) { m.success++; counted.push(`by_mediator.${mediatorId}.success`); }
        byMediator.set(mediatorId, m);
      }
      const t = (k: (typeof LINE)[number]) => line[COL[k]] as string | null;
      const [status, category, channel, outcome, form, performance, jc, satisfaction] =
        [t('status')!, t('category')!, t('channel')!, t('outcome'), t('agreement_form'), t('performance'), t('jc_status'), t('satisfaction')];
      const fen = line[COL.agreement_amount_fen] as number | null;
      const row = ws.addRow([
        t('case_no'), t('registered_on'), t('accepted_on'), t('concluded_on'), STATUS_ZH[status] ?? status,
        // A local category after its national one: 劳动争议（拖欠农民工工资）.
        `${CATEGORY_ZH[category as Category] ?? category}${t('local_category') ? `（${t('local_category')}）` : ''}`, L.channels[channel as Channel] ?? channel,
        BUCKET_ZH[CHANNEL_BUCKET[channel as Channel]] ?? '', outcome ? OUTCOME_ZH[outcome] ?? outcome : null,
        form ? FORM_ZH[form] ?? form : null,
        outcome === 'agreed' && fen !== null ? fen / 100 : null,
        line[COL.persons_involved], t('mediator'), performance ? L.performance[performance as keyof typeof L.performance] ?? performance : null,
        outcome === 'agreed' && jc ? JC_ZH[jc] ?? jc : null,
        satisfaction ? L.satisfaction[satisfaction as keyof typeof L.satisfaction] ?? satisfaction : null,
        counted.join(' '),
      ]);
      // One shared style object per kind of cell: exceljs then finds its style id by identity, not by rendering it.
      row.eachCell((cell, col) => { cell.style = col === 11 ? YUAN_STYLE : BODY_STYLE; });
      row.commit();
      listed++;
    }
    await drain(ws, output);
  }
  ws.commit();
  checkTally(r, tally, byMediator);
  return listed;
}

/** The listed cases must give the report's figures back; a case changed while the list was read otherwise. */
function checkTally(r: StatisticsReport, tally: Float64Array, byMediator: Map<number, { accepted: number; success: number }>): void {
  const values = new Map<string, Leaf>(reportLeaves(r));
  const differs: string[] = [];
  CASE_FIGURES.forEach((f, i) => {
    const got = f.unit === 'fen' ? fenToWan(tally[i]) : tally[i];
    if (got !== values.get(f.key)) differs.push(f.key);
  });
  if (byMediator.size !== r.by_mediator.length) differs.push('by_mediator');
  for (const m of r.by_mediator) {
    const got = byMediator.get(m.id);
    if (got?.accepted !== m.accepted || got.success !== m.success) differs.push(`by_mediator.${m.id}`);
  }
  if (differs.length) {
    throw badState(`导出期间案件数据有变动，案件清单与报表（${differs.slice(0, 3).map((k) => figureLabel(k, r) ?? k).join('、')}）对不上：请重新导出`);
  }
}

function mediatorsSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, r: StatisticsReport): void {
  const ws = wb.addWorksheet(SHEETS.mediators, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: A4, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  ws.columns = [{ width: 8 }, { width: 16 }, { width: 12 }, { width: 14 }, { width: 12 }];
  const head = ws.addRow(['序号', '主调解员', '受理（件）', '调解成功（件）', '人员编号']);
  head.eachCell((c) => { box(c, HEAD); c.fill = HEAD_FILL; });
  head.commit();
  r.by_mediator.forEach((m, i) => {
    const row = ws.addRow([i + 1, m.name, m.accepted, m.success, m.id]);
    row.eachCell((c) => box(c));
    row.commit();
  });
  const total = ws.addRow(['合计', null, r.by_mediator.reduce((a, m) => a + m.accepted, 0), r.by_mediator.reduce((a, m) => a + m.success, 0), null]);
  total.eachCell({ includeEmpty: true }, (c) => box(c, HEAD));
  total.commit();
  const note = ws.addRow(['注：按本期受理或调结案件的主调解员统计；未指定主调解员的案件不计入。']);
  note.getCell(1).font = { ...BODY, size: 9 };
  note.commit();
  ws.commit();
}

/** The figures the 月报 sheet shows, column by column (for tests and the on-screen preview). */
export const formColumnKeys = (): string[] => FORM_COLUMNS.map((c) => c.key);
export { FORM_COLUMNS, FORM_FIRST, FORM_LAST, FORM_ROWS, FORM_TITLE, formHeaderMerges } from './xlsx-layout';
