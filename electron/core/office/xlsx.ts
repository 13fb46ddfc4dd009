import { createWriteStream, rmSync } from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { OfficeStats } from '../../../shared/domain/office';
import { formSheet, type FormRow } from '../statistics/xlsx';

/**
 * The office's roll-up workbook: 月报, the Ministry's form with one row per committee and the city's total row
 * (STATISTICS.md), and 核对差异, where the office's recomputation differs from each committee's own statistics.json.
 */
export const OFFICE_SHEETS = { form: '月报', differences: '核对差异' } as const;
export const TOTAL_LABEL = '合计';

const FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 10, charset: 134 };

export function officeFormRows(stats: OfficeStats): FormRow[] {
  const rows = stats.committees.map((c) => ({ label: c.name === c.code ? c.code : `${c.name}（${c.code}）`, report: c.report }));
  return stats.scope === 'city' ? [...rows, { label: TOTAL_LABEL, report: stats.report }] : rows;
}

/** `人民调解工作统计月报_全市汇总_2026-03.xlsx` (or the committee's code instead of 全市汇总). */
export function officeXlsxFileName(stats: OfficeStats): string {
  const unit = stats.scope === 'city' ? '全市汇总' : stats.committees[0].code.replace(/[\\/:*?"<>|\s]+/g, '');
  return `人民调解工作统计月报_${unit}_${stats.month}.xlsx`;
}

async function write(stats: OfficeStats, stream: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'Tiaojie';
  wb.created = new Date(stats.report.as_of);
  formSheet(wb, stats.report, officeFormRows(stats));
  const ws = wb.addWorksheet(OFFICE_SHEETS.differences, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '调解委员会', width: 30 }, { header: '指标', width: 36 }, { header: '中心重算', width: 12 },
    { header: '数据包自带', width: 12 }, { header: '数据包', width: 40 },
  ];
  ws.getRow(1).font = { ...FONT, bold: true };
  for (const c of stats.committees) {
    const rows: (string | number | null)[][] = c.packageReport === null
      ? [[c.name, '（尚无该月的数据包统计）', null, null, null]]
      : c.differences.map((d) => [c.name, d.label, d.office, d.package, c.packageFile]);
    for (const values of rows) {
      const row = ws.addRow(values);
      row.font = FONT;
      row.commit();
    }
  }
  ws.commit();
  const done = new Promise<void>((resolve, reject) => {
    stream.once('finish', resolve);
    stream.once('error', reject);
  });
  await wb.commit();
  await done;
}

/** The workbook to a file; nothing is left behind if it fails. */
export async function writeOfficeXlsx(stats: OfficeStats, file: string): Promise<void> {
  const stream = createWriteStream(file);
  try {
    await write(stats, stream);
  } catch (e) {
    stream.destroy();
    rmSync(file, { force: true });
    throw e;
  }
}

/** The workbook in memory (office:exportXlsx sends it as base64). */
export async function officeXlsxBuffer(stats: OfficeStats): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  await write(stats, sink);
  return Buffer.concat(chunks);
}
