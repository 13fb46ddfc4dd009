export { importLedger, type ImportOptions, type LedgerProgress, type LedgerReport, type SkippedRow } from './import';
export { bufferSource, fileSource, type LedgerSource } from './source';
export { LEDGER_FIELDS, HEADER_ZH } from './headers';
export type { RowIssue } from './rows';
