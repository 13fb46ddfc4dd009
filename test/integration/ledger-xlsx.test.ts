import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { bufferSource, ByteSpool, fileSource, importLedger, spoolSource, type LedgerSource } from '../../electron/core/ledger';
import { readXlsx, XlsxRows, type SheetRow } from '../../electron/core/ledger/read-xlsx';
import { openEntry, zipEntries } from '../../electron/core/ledger/zip';
import { ledgerRows } from '../../bench/ledger';
import { committeeFixture, tempDir } from '../support/db';
import { HEADERS, writeXlsx } from '../fixtures/ledger/make-fixtures';

const tmp = tempDir();
afterAll(tmp.cleanup);
// Temp files of this file's imports go to a folder of its own (os.tmpdir() reads TMPDIR), so other processes'
// imports do not show up among them.
const privateTmp = join(tmp.dir, 'tmp');
mkdirSync(privateTmp);
process.env.TMPDIR = privateTmp;

const rowsOf = async (source: LedgerSource) => {
  const out: SheetRow[] = [];
  for await (const r of readXlsx(source)) out.push(r);
  return out;
};
const textOf = async (source: LedgerSource, name: string) => {
  const entry = (await zipEntries(source)).get(name)!;
  const chunks: Buffer[] = [];
  for await (const c of await openEntry(source, entry) as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
};
const leftovers = () => readdirSync(tmpdir()).filter((n) => n.startsWith('tiaojie-xlsx-'));

/** One valid ledger row under HEADERS (a dry run accepts it). */
const VALID: Record<string, string> = {
  登记日期: '2026-03-02', 受理日期: '2026-03-03', 纠纷类型: '邻里', 案件来源: '当事人申请', 申请人: '陈静', 被申请人: '刘洋',
  涉及人数: '2', 主办调解员: '王芳', 调解结果: '调解中', 纠纷简要情况: '楼上漏水',
};

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`;
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const col = (i: number) => String.fromCharCode(65 + i);
/** An inline-string cell, escaped. */
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</t></is></c>`;

/**
 * A workbook built part by part, in the order Excel writes them (the sheet before the shared strings): inline
 * strings, shared strings with a rich-text run and a phonetic guide, a date stored as a number with a custom date
 * format, one with a built-in one (14), a boolean, a number, a <dimension>, a sheet named through the relationships.
 */
function handmade(opts: { dimension?: boolean; oddRow?: boolean } = {}): Uint8Array {
  const cells = (row: number, values: string[]) => values.map((v, i) => v === '' ? '' : inline(`${ref(i)}${row}`, v)).join('');
  function ref(i: number) { return i < 26 ? col(i) : `A${col(i - 26)}`; }
  const at = (name: string) => ref(HEADERS.indexOf(name));
  const row2 = HEADERS.map((h) => (['登记日期', '受理日期', '申请人', '纠纷类型', '涉及人数', '防止民转刑'].includes(h) ? '' : VALID[h] ?? ''));
  const sheet = xml(`<worksheet ${NS} xmlns:r="${R}">${opts.dimension === false ? '' : '<dimension ref="A1:AA3"/>'}<sheetData>`
    + `<row r="1">${cells(1, HEADERS)}</row>`
    + `<row r="2">${cells(2, row2)}<c r="${at('登记日期')}2" s="1"><v>46083</v></c><c r="${at('受理日期')}2" s="2"><v>46084</v></c>`
    + `<c r="${at('申请人')}2" t="s"><v>0</v></c><c r="${at('纠纷类型')}2" t="s"><v>1</v></c><c r="${at('涉及人数')}2"><v>2</v></c>`
    + `<c r="${at('防止民转刑')}2" t="b"><v>0</v></c></row>`
    + (opts.oddRow === false ? '' : `<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c>`
      + '<c r="C3" t="str"><f>A1</f><v>公式结果</v></c><c r="E3" t="n"><v>3.5</v></c></row>')
    + '</sheetData></worksheet>');
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')),
    'xl/workbook.xml': strToU8(xml(`<workbook ${NS} xmlns:r="${R}"><workbookPr/><sheets><sheet name="台账" sheetId="7" r:id="rId9"/></sheets></workbook>`)),
    'xl/_rels/workbook.xml.rels': strToU8(xml('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + `<Relationship Id="rId9" Type="${R}/worksheet" Target="worksheets/ledger.xml"/>`
      + `<Relationship Id="rId2" Type="${R}/styles" Target="styles.xml"/>`
      + `<Relationship Id="rId3" Type="${R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)),
    'xl/styles.xml': strToU8(xml(`<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>`
      + '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
      + '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>')),
    'xl/worksheets/ledger.xml': strToU8(sheet),
    // After the sheet, as Excel writes it.
    'xl/sharedStrings.xml': strToU8(xml(`<sst ${NS} count="3" uniqueCount="3"><si><r><t>陈</t></r><r><t xml:space="preserve">静</t></r>`
      + '<rPh sb="0" eb="1"><t>チン</t></rPh></si><si><t>邻里</t></si><si><t>&lt;共享&gt; &amp; 字符串</t></si></sst>')),
  };
  return zipSync(files);
}

describe('reading a workbook through its zip directory', () => {
  it('exceljs\'s streaming writer puts the shared strings after the sheet; they are still resolved', async () => {
    const path = join(tmp.dir, 'shared-after.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
    const ws = wb.addWorksheet('台账');
    ws.addRow(HEADERS).commit();
    for (let i = 0; i < 50; i++) ws.addRow(HEADERS.map((h) => (h === '申请人' ? `申请人${i}` : VALID[h] ?? null))).commit();
    ws.commit();
    await wb.commit();
    const source = fileSource(path);
    const entries = await zipEntries(source);
    const [sheetAt, stringsAt] = ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml'].map((n) => entries.get(n)!.headerOffset);
    expect(stringsAt).toBeGreaterThan(sheetAt);
    expect(await textOf(source, 'xl/worksheets/sheet1.xml')).toContain('t="s"'); // the cells do point into the table
    const rows = await rowsOf(source);
    expect(rows).toHaveLength(51);
    expect(rows[0].cells).toEqual(HEADERS);
    expect(rows[50]).toMatchObject({ row: 51 });
    expect(rows[50].cells[HEADERS.indexOf('申请人')]).toBe('申请人49');
    expect(rows[1].cells[HEADERS.indexOf('纠纷类型')]).toBe('邻里');
    const report = await importLedger((await fixture()).core.db, source, { dryRun: true, actor: null, clock: () => new Date() });
    expect(report).toMatchObject({ format: 'xlsx', rows: 50, toImport: 50, errors: [] });
  });

  it('inline strings, rich text, phonetic guides left out, date cells by their style, booleans, numbers, formulas', async () => {
    const source = bufferSource('handmade.xlsx', handmade());
    const rows = await rowsOf(source);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(rows[0].cells).toEqual(HEADERS);
    const cell = (name: string) => rows[1].cells[HEADERS.indexOf(name)];
    expect(cell('登记日期')).toEqual(new Date('2026-03-02T00:00:00Z')); // 46083 under yyyy"年"m"月"d"日"
    expect(cell('受理日期')).toEqual(new Date('2026-03-03T00:00:00Z')); // 46084 under built-in format 14
    expect(cell('申请人')).toBe('陈静');
    expect(cell('纠纷类型')).toBe('邻里');
    expect(cell('涉及人数')).toBe(2);
    expect(cell('防止民转刑')).toBe('否');
    expect(cell('纠纷简要情况')).toBe('楼上漏水');
    expect(rows[2].cells).toEqual(['<共享> & 字符串', '富文本', '公式结果', null, 3.5]);
    expect(leftovers()).toEqual([]); // the strings' encrypted index is deleted
  });

  it('the handmade workbook imports (dry run), its date cells read as dates', async () => {
    const f = await fixture();
    const report = await importLedger(f.core.db, bufferSource('handmade.xlsx', handmade({ oddRow: false })), { dryRun: true, actor: null, clock: () => new Date() });
    expect(report).toMatchObject({ format: 'xlsx', rows: 1, toImport: 1, errors: [] });
    expect(report.preview.rows[0][HEADERS.indexOf('登记日期')]).toBe('2026-03-02');
  });

  it('the total (for the progress bar) is the <dimension>\'s from the first row; without one, known by the end', async () => {
    for (const dimension of [true, false]) {
      const reader = new XlsxRows(bufferSource('h.xlsx', handmade({ dimension })));
      const seen: number[] = [];
      try {
        for await (const _ of reader.rows()) seen.push(reader.total);
      } finally {
        reader.dispose();
      }
      if (dimension) expect(seen).toEqual([3, 3, 3]);
      expect(reader.total).toBe(3);
    }
  });
});

describe('an upload waits in an encrypted spool, readable from any offset', () => {
  it('gives back any range of what was appended, and holds none of it in clear on disk', async () => {
    const marker = Buffer.from('申请人陈静'.repeat(10));
    const bytes = Buffer.concat([randomBytes(100_000), marker, randomBytes(99_850)]);
    const spool = new ByteSpool();
    try {
      for (let at = 0; at < bytes.length; at += 65_536) spool.append(bytes.subarray(at, at + 65_536));
      const onDisk = readdirSync(tmpdir()).filter((n) => n.startsWith('tiaojie-upload-'))
        .flatMap((d) => { try { return [readFileSync(join(tmpdir(), d, 'bytes'))]; } catch { return []; } });
      expect(onDisk.some((b) => b.length === bytes.length)).toBe(true);
      expect(onDisk.some((b) => b.includes(marker))).toBe(false);
      const source = spoolSource('u.bin', spool);
      for (const [s, e] of [[0, 200_000], [1, 17], [15, 16], [16, 33], [65_535, 131_073], [100_000, 100_150], [199_990, 250_000], [5, 5]]) {
        const chunks: Buffer[] = [];
        for await (const c of source.range(s, e) as AsyncIterable<Buffer>) chunks.push(c);
        expect(Buffer.concat(chunks).equals(bytes.subarray(s, e)), `${s}..${e}`).toBe(true);
      }
    } finally {
      spool.dispose();
    }
  });

  it('a workbook uploaded into the spool imports from it', async () => {
    const spool = new ByteSpool();
    try {
      spool.append(handmade({ oddRow: false }));
      const report = await importLedger((await fixture()).core.db, spoolSource('spooled.xlsx', spool), { dryRun: true, actor: null, clock: () => new Date() });
      expect(report).toMatchObject({ format: 'xlsx', rows: 1, toImport: 1, errors: [] });
    } finally {
      spool.dispose();
    }
  });
});

let shared: Awaited<ReturnType<typeof committeeFixture>> | null = null;
const fixture = async () => (shared ??= await committeeFixture());
afterAll(async () => { await shared?.close(); });

describe('a 20,000-row workbook', () => {
  let path: string;
  beforeAll(async () => {
    path = join(tmp.dir, 'large.xlsx');
    await writeXlsx(path, HEADERS, ledgerRows(20_000));
  }, 120_000);

  it('is read in one pass: every byte of the file read at most about twice (the hash, the rows), the total known at once', async () => {
    const f = await fixture();
    const file = fileSource(path);
    let bytes = 0;
    const counted: LedgerSource = {
      ...file,
      stream: () => file.stream().on('data', (c: Buffer) => { bytes += c.length; }),
      range: (s, e) => file.range(s, e).on('data', (c: Buffer) => { bytes += c.length; }),
    };
    const checks: { read: number; total: number }[] = [];
    const report = await importLedger(f.core.db, counted, {
      dryRun: true, actor: null, clock: () => new Date(), onProgress: (p) => { if (p.phase === 'check') checks.push({ read: p.read, total: p.total }); },
    });
    expect(report).toMatchObject({ format: 'xlsx', rows: 20_000, toImport: 20_000, errors: [] });
    expect(bytes).toBeLessThan(2.1 * readFileSync(path).length);
    // exceljs writes a <dimension>: the first tick already knows the whole.
    expect(checks[0]).toEqual({ read: 250, total: 20_000 });
    expect(checks.every((c) => c.total === 20_000)).toBe(true);
    expect(leftovers()).toEqual([]);
  }, 120_000);
});
