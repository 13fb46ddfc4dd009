export { importLedger, type ImportOptions, type LedgerProgress, type LedgerReport, type SkippedRow } from './import';
export { bufferSource, fileSource, spoolSource, type LedgerSource } from './source';
export { ByteSpool } from './spool';
export { LEDGER_FIELDS, HEADER_ZH } from './headers';
export type { RowIssue } from './rows';
