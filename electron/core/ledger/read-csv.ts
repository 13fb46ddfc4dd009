import type { LedgerSource, TextEncoding } from './source';

export interface RawRow { row: number; cells: string[] }

/**
 * Streams a CSV's records (RFC 4180: quoted fields may hold commas, quotes as "" and newlines), decoding as it
 * goes; only the current record is held. Row numbers are the records' as a spreadsheet shows them (header = 1).
 */
export async function* readCsv(source: LedgerSource, encoding: TextEncoding): AsyncGenerator<RawRow> {
  const decoder = new TextDecoder(encoding); // drops a UTF-8 BOM
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let quoteSeen = false; // a quote inside a quoted field: closes it, or is the first of ""
  let pendingCr = false;
  let row = 0;
  const endRecord = function* (): Generator<RawRow> {
    cells.push(field);
    field = '';
    row++;
    const record = cells;
    cells = [];
    yield { row, cells: record };
  };
  const feed = function* (text: string): Generator<RawRow> {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (pendingCr) {
        pendingCr = false;
        if (ch === '\n') continue;
      }
      if (quoteSeen) {
        quoteSeen = false;
        if (ch === '"') { field += '"'; continue; }
        quoted = false;
      }
      if (quoted) {
        if (ch === '"') quoteSeen = true; else field += ch;
        continue;
      }
      if (ch === '"' && field === '') { quoted = true; continue; }
      if (ch === ',') { cells.push(field); field = ''; continue; }
      if (ch === '\n' || ch === '\r') {
        if (ch === '\r') pendingCr = true;
        yield* endRecord();
        continue;
      }
      field += ch;
    }
  };
  for await (const chunk of source.stream() as AsyncIterable<Buffer>) yield* feed(decoder.decode(chunk, { stream: true }));
  yield* feed(decoder.decode());
  quoteSeen = false;
  if (field !== '' || cells.length) yield* endRecord();
}
