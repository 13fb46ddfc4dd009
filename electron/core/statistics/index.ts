// Statistics (STATISTICS.md): what the IPC handlers, the CLI, the exports and the ledger import use.
export { computeFigures } from './figures';
export { checkReport, StatisticsCheckError } from './checks';
export { caseFigureKeys, drillDown, resolveFigure } from './drilldown';
export { checkPeriod, monthPeriod, parsePeriod, quarterPeriod, rangePeriod, yearPeriod } from './periods';
export { addSweep, listSweeps, removeSweep } from './sweeps';
export { freezeReport, getSnapshot, listSnapshots } from './snapshots';
export { reportToCsv } from './csv';
export { fenToWan, rate } from './rounding';
export { statisticsXlsxBuffer, writeStatisticsXlsx, xlsxFileName } from './xlsx';
export { exportReportXlsx } from './xlsx-export';
export { pdfFileName, renderReportHtml } from './report-html';
export { exportReportPdf } from './pdf-export';
export { monthlyTrend } from './trend';
