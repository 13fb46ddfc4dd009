import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { badState } from '../errors';
import { SharedStrings } from './shared-strings';
import type { LedgerSource } from './source';
import type { LedgerCell } from './values';
import { openEntry, zipEntries, type ZipEntry } from './zip';

export interface SheetRow { row: number; cells: LedgerCell[] }

type Handlers = {
  open?: (tag: SaxesTagPlain) => void;
  close?: (tag: SaxesTagPlain) => void;
  text?: (text: string) => void;
};

const unreadable = (part: string) => badState(`台账工作簿的 ${part} 无法读取：请在 Excel 中重新保存后再导入`);

/** Streams one part's XML through a SAX parser; after each chunk, `chunk` hears how many bytes have been read. */
async function* parseEntry(source: LedgerSource, entry: ZipEntry, on: Handlers): AsyncGenerator<number> {
  const parser = new SaxesParser();
  if (on.open) parser.on('opentag', on.open as (tag: unknown) => void);
  if (on.close) parser.on('closetag', on.close as (tag: unknown) => void);
  if (on.text) { parser.on('text', on.text); parser.on('cdata', on.text); }
  const utf8 = new TextDecoder('utf-8');
  let read = 0;
  try {
    for await (const chunk of await openEntry(source, entry) as AsyncIterable<Buffer>) {
      read += chunk.length;
      parser.write(utf8.decode(chunk, { stream: true }));
      yield read;
    }
    parser.write(utf8.decode());
    parser.close();
  } catch (e) {
    if (e instanceof Error && /^\d+:\d+: /.test(e.message)) throw unreadable(entry.name); // saxes: line:column: what
    throw e;
  }
}

const drain = async (parts: AsyncGenerator<number>) => { for await (const _ of parts) { /* read to the end */ } };
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** Built-in number formats that are dates (ECMA-376 18.8.30, with the East Asian ones Chinese Excel uses). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
/** A format code shows a date when, outside quoted text, escapes and [colours], it has d, m, y, h or s. */
const isDateCode = (code: string) => /[dmyhs]/i.test(code.replace(/"[^"]*"|\\.|\[[^\]]*\]|_.|\*./g, '').replace(/General/gi, ''));

/** Which cell styles (xl/styles.xml cellXfs) show a date: a date is stored as a number with such a style. */
async function dateStyles(source: LedgerSource, entry: ZipEntry | undefined): Promise<boolean[]> {
  if (!entry) return [];
  const codes = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  await drain(parseEntry(source, entry, {
    open: (t) => {
      const name = local(t.name);
      if (name === 'numFmt') codes.set(Number(t.attributes.numFmtId), String(t.attributes.formatCode ?? ''));
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formats.push(Number(t.attributes.numFmtId ?? 0));
    },
    close: (t) => { if (local(t.name) === 'cellXfs') inCellXfs = false; },
  }));
  return formats.map((id) => (codes.has(id) ? isDateCode(codes.get(id)!) : DATE_FORMAT_IDS.has(id)));
}

/** The shared-strings table into the on-disk index: each <si>'s text runs, phonetic guides (<rPh>) left out. */
async function indexStrings(source: LedgerSource, entry: ZipEntry | undefined, into: SharedStrings): Promise<void> {
  if (!entry) return;
  let text: string | null = null;
  let inT = false;
  let inPhonetic = false;
  await drain(parseEntry(source, entry, {
    open: (t) => {
      const name = local(t.name);
      if (name === 'si') text = '';
      else if (name === 't') inT = true;
      else if (name === 'rPh') inPhonetic = true;
    },
    text: (s) => { if (inT && !inPhonetic && text !== null) text += s; },
    close: (t) => {
      const name = local(t.name);
      if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') { into.add(text ?? ''); text = null; }
    },
  }));
  into.flush();
}

/** The first sheet's part, the shared strings' part, and whether dates count from 1904 (old Mac workbooks). */
async function workbookParts(source: LedgerSource, entries: Map<string, ZipEntry>) {
  const book = entries.get('xl/workbook.xml');
  if (!book) throw badState('台账文件不是 .xlsx 工作簿（缺少 xl/workbook.xml）：请在 Excel 中另存为 .xlsx 或 .csv 后再导入');
  let firstSheet: string | null = null;
  let date1904 = false;
  await drain(parseEntry(source, book, {
    open: (t) => {
      const name = local(t.name);
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(String(t.attributes.date1904 ?? ''));
      else if (name === 'sheet' && firstSheet === null) {
        const id = Object.entries(t.attributes).find(([k]) => local(k) === 'id' && k !== 'sheetId');
        firstSheet = id ? String(id[1]) : '';
      }
    },
  }));
  const targets = new Map<string, string>();
  let sharedStrings: string | null = null;
  let styles: string | null = null;
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (rels) {
    await drain(parseEntry(source, rels, {
      open: (t) => {
        if (local(t.name) !== 'Relationship') return;
        const target = String(t.attributes.Target ?? '');
        const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
        targets.set(String(t.attributes.Id), path);
        const type = String(t.attributes.Type ?? '');
        if (type.endsWith('/sharedStrings')) sharedStrings = path;
        if (type.endsWith('/styles')) styles = path;
      },
    }));
  }
  const sheetPath = (firstSheet !== null && targets.get(firstSheet)) || 'xl/worksheets/sheet1.xml';
  const sheet = entries.get(sheetPath);
  if (!sheet) throw badState('台账工作簿中找不到第一张工作表：请在 Excel 中重新保存后再导入');
  return {
    sheet, date1904,
    sharedStrings: entries.get(sharedStrings ?? 'xl/sharedStrings.xml'), styles: entries.get(styles ?? 'xl/styles.xml'),
  };
}

const columnOf = (ref: string): number => {
  let n = 0;
  for (const ch of ref.toUpperCase()) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + c - 64;
  }
  return n;
};
const rowOf = (ref: string): number => Number(/\d+$/.exec(ref)?.[0] ?? NaN);

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30); // Excel's day 0, its 1900 leap-year bug included
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * The first sheet of a workbook, one row at a time, in one pass over the sheet, whatever order the zip holds its
 * parts in: the shared strings (which Excel writes after the sheets) are read first, from the zip's directory, into
 * an encrypted index on disk. Memory holds one row and the styles, not the strings nor the sheet.
 */
export class XlsxRows {
  /** Rows the sheet holds, header included: from its <dimension>, else estimated from the bytes read so far. */
  total = 0;
  private strings: SharedStrings | null = null; // made when reading starts: nothing on disk before

  constructor(private readonly source: LedgerSource) {}

  async *rows(): AsyncGenerator<SheetRow> {
    const entries = await zipEntries(this.source);
    const parts = await workbookParts(this.source, entries);
    const isDate = await dateStyles(this.source, parts.styles);
    const strings = (this.strings ??= new SharedStrings());
    await indexStrings(this.source, parts.sharedStrings, strings);
    const epoch = parts.date1904 ? EPOCH_1904 : EPOCH_1900;

    const ready: SheetRow[] = [];
    let fromDimension = false;
    let rowNo = 0;
    let cells: LedgerCell[] = [];
    let cell: { col: number; type: string; style: number; text: string } | null = null;
    let inValue = false;
    let inInline = false;
    let inT = false;
    let inPhonetic = false;
    const valueOf = (c: { type: string; style: number; text: string }): LedgerCell => {
      const { type, text } = c;
      if (type === 'inlineStr') return text;
      if (text === '') return null;
      switch (type) {
        case 's': {
          const s = strings.get(Number(text));
          if (s === undefined) throw unreadable(`共享字符串（第${text}项）`);
          return s;
        }
        case 'str': case 'e': return text;
        case 'b': return text === '1' || text === 'true' ? '是' : '否';
        case 'd': { const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`); return Number.isNaN(d.getTime()) ? text : d; }
        default: {
          const n = Number(text);
          if (!Number.isFinite(n)) return text;
          return isDate[c.style] ? new Date(epoch + Math.round(n * DAY_MS)) : n;
        }
      }
    };
    const sheet = parseEntry(this.source, parts.sheet, {
      open: (t) => {
        switch (local(t.name)) {
          case 'dimension': {
            const last = rowOf(String(t.attributes.ref ?? '').split(':').pop() ?? '');
            if (Number.isFinite(last) && last > 1) { this.total = last; fromDimension = true; }
            break;
          }
          case 'row': {
            const r = Number(t.attributes.r);
            rowNo = Number.isInteger(r) && r > 0 ? r : rowNo + 1;
            cells = [];
            break;
          }
          case 'c': {
            const ref = String(t.attributes.r ?? '');
            const col = ref ? columnOf(ref) : cells.length + 1;
            cell = { col: col || cells.length + 1, type: String(t.attributes.t ?? 'n'), style: Number(t.attributes.s ?? 0), text: '' };
            break;
          }
          case 'v': inValue = true; break;
          case 'is': inInline = true; break;
          case 't': inT = true; break;
          case 'rPh': inPhonetic = true; break;
          default:
        }
      },
      text: (s) => { if (cell && (inValue || (inInline && inT && !inPhonetic))) cell.text += s; },
      close: (t) => {
        switch (local(t.name)) {
          case 'c':
            if (cell) {
              while (cells.length < cell.col - 1) cells.push(null);
              cells[cell.col - 1] = valueOf(cell);
            }
            cell = null;
            break;
          case 'row': ready.push({ row: rowNo, cells }); break;
          case 'v': inValue = false; break;
          case 'is': inInline = false; break;
          case 't': inT = false; break;
          case 'rPh': inPhonetic = false; break;
          default:
        }
      },
    });
    const size = parts.sheet.size;
    for await (const read of sheet) {
      // Without a <dimension>, the total follows the rows read so far over the share of the sheet's bytes read.
      if (!fromDimension && read > 0) this.total = Math.max(rowNo, read >= size ? rowNo : Math.round((rowNo * size) / read));
      yield* ready.splice(0);
    }
    if (!fromDimension) this.total = rowNo;
    yield* ready.splice(0);
  }

  dispose(): void {
    this.strings?.dispose();
    this.strings = null;
  }
}

/** The first sheet's rows (header included, row numbers as Excel shows them); a convenience over XlsxRows. */
export async function* readXlsx(source: LedgerSource): AsyncGenerator<SheetRow> {
  const reader = new XlsxRows(source);
  try {
    yield* reader.rows();
  } finally {
    reader.dispose();
  }
}
