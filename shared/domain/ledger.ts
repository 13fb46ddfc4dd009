import { z } from 'zod';

/** The ledger import (LEDGER.md) across the IPC boundary: an upload in chunks, a job, its progress and report. */
export const LEDGER_MAX_BYTES = 50 * 1024 * 1024;
/** Chunks stay well under the preview transport's request limit and keep each IPC message small. */
export const LEDGER_CHUNK_BYTES = 512 * 1024;

export const LedgerUploadSchema = z.object({
  /** Absent for the first chunk: the answer names the upload the next chunks go to. */
  uploadId: z.string().max(64).optional(),
  offset: z.number().int().min(0),
  chunkBase64: z.string().max(Math.ceil(LEDGER_CHUNK_BYTES / 3) * 4 + 4),
}).strict();

export const LedgerStartSchema = z.object({
  uploadId: z.string().min(1).max(64),
  fileName: z.string().min(1).max(255).regex(/\.(xlsx|csv)$/i, '请选择 .xlsx 或 .csv 格式的台账文件'),
  dryRun: z.boolean(),
}).strict();

export const LedgerIssueSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export type LedgerIssue = z.infer<typeof LedgerIssueSchema>;

export const LedgerReportSchema = z.object({
  fileName: z.string(),
  sha256: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.enum(['utf-8', 'gb18030']).nullable(),
  dryRun: z.boolean(),
  rows: z.number().int(),
  toImport: z.number().int(),
  imported: z.number().int(),
  skipped: z.array(z.object({
    row: z.number().int(), caseNo: z.string().nullable(), existing: z.string(), reason: z.enum(['number', 'match']), differs: z.boolean(),
  })),
  generated: z.array(z.object({ row: z.number().int(), caseNo: z.string() })),
  newMediators: z.array(z.string()),
  errors: z.array(LedgerIssueSchema),
  warnings: z.array(LedgerIssueSchema),
  unknownColumns: z.array(z.string()),
  preview: z.object({ headers: z.array(z.string()), rows: z.array(z.array(z.string())) }),
});
export type LedgerReport = z.infer<typeof LedgerReportSchema>;

export const LedgerJobSchema = z.object({
  phase: z.enum(['scan', 'check', 'write', 'index', 'done']),
  read: z.number().int(),
  total: z.number().int(),
  done: z.boolean(),
  report: LedgerReportSchema.nullable(),
  /** The refusal or failure, in Chinese, when the job ended without a report. */
  error: z.string().nullable(),
});
export type LedgerJob = z.infer<typeof LedgerJobSchema>;
