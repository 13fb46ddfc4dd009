// The city office (EXCHANGE.md): what the IPC handlers, the CLI and the bench use.
export { databaseMode, officeIdentities, officeInfo, setupOffice, type DatabaseMode, type OfficeKey, type OfficeSetup } from './setup';
export { initOffice } from './init';
export { keyFingerprint, pinnedCommittees, registerCommittee, type RegisterInput, type RegisterResult } from './committees';
export { importPackages, type AppliedPackage, type ImportOptions, type ImportResult } from './import';
export { OFFICE_RECORD_TABLES } from './apply';
export { CITY_CODE, officeFigures, officeSource, reportDifferences } from './figures';
export { officeStatus } from './status';
export { OFFICE_SHEETS, officeFormRows, officeXlsxBuffer, officeXlsxFileName, TOTAL_LABEL, writeOfficeXlsx } from './xlsx';
