import ExcelJS from 'exceljs';
import type { LedgerCell } from './values';
import type { LedgerSource } from './source';

export interface SheetRow { row: number; cells: LedgerCell[] }

/** A workbook cell's value as the ledger reads it: rich text and formulas give their text or result. */
function toCell(v: unknown): LedgerCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return toCell(o.result);
    if (typeof o.text === 'string') return o.text;
  }
  return String(v);
}

/**
 * Streams the first sheet's rows with exceljs's WorkbookReader: shared strings and styles are cached (dates are
 * recognised by their number format), rows are not. Row numbers are the sheet's own.
 */
export async function* readXlsx(source: LedgerSource): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source.stream(), {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'emit',
  });
  for await (const sheet of reader) {
    for await (const r of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = r.values as unknown[];
      const cells: LedgerCell[] = [];
      for (let i = 1; i < values.length; i++) cells.push(toCell(values[i]));
      yield { row: r.number, cells };
    }
    return; // the first sheet only
  }
}

/** Rows in the first sheet, for the progress bar's total: one more streaming pass. */
export async function countXlsxRows(source: LedgerSource): Promise<number> {
  let n = 0;
  for await (const r of readXlsx(source)) if (r.cells.some((c) => c !== null && String(c).trim() !== '')) n++;
  return n;
}
