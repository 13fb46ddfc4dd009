import { z } from 'zod';
import { FINGERPRINT_PATTERN, LEVELS, PackageRangeSchema } from './exchange';

// The committee's exchange screen (IPC `exchange:*`): its keys, the office recipients, past exports, an export job.

const Day = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '请按“年-月-日”填写日期，如2026-03-01' });
const Fingerprint = z.string().regex(FINGERPRINT_PATTERN);

export const RecipientSchema = z.object({ recipient: z.string(), fingerprint: Fingerprint });

export const ExchangeExportRowSchema = z.object({
  id: z.number().int(),
  sequence: z.number().int(),
  fileName: z.string(),
  sha256: z.string(),
  level: z.enum(LEVELS),
  range: PackageRangeSchema,
  /** Records per file (deletions included). */
  counts: z.record(z.string(), z.number().int()),
  bytes: z.number().int(),
  createdAt: z.string(),
  /** Display name of who exported; null from the command line. */
  createdBy: z.string().nullable(),
});
export type ExchangeExportRow = z.infer<typeof ExchangeExportRowSchema>;

export const ExchangeInfoSchema = z.object({
  committee: z.object({ code: z.string(), name: z.string(), station: z.string() }),
  /** The signing public key to register with the office, and its fingerprint to read aloud. */
  signingKey: z.object({ publicPem: z.string(), fingerprint: Fingerprint }),
  recipients: z.array(RecipientSchema),
  /** Newest first. */
  exports: z.array(ExchangeExportRowSchema),
  /** Records changed or deleted since the last "since last" export: what the next one would carry. */
  changesSinceLast: z.number().int().nonnegative(),
});
export type ExchangeInfo = z.infer<typeof ExchangeInfoSchema>;

export const SetRecipientsSchema = z.object({
  recipients: z.array(z.string().trim().min(1).max(200)).min(1, { message: '请至少填写一个接收方公钥' }).max(10),
}).strict();

export const ExchangeExportInputSchema = z.object({
  level: z.enum(LEVELS).default('full'),
  /** The records touched in a date range; without it, the changes since the last export. */
  range: z.object({ from: Day, to: Day }).strict().optional(),
  /** Defaults to the recipients set for this committee. */
  recipients: z.array(z.string().trim().min(1).max(200)).min(1).max(10).optional(),
}).strict();
export type ExchangeExportInput = z.input<typeof ExchangeExportInputSchema>;

export const ExchangeExportStartSchema = z.object({
  /** null when the user cancelled the save dialog (desktop). */
  jobId: z.string().nullable(),
});

export const ExchangeExportResultSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  sequence: z.number().int(),
  level: z.enum(LEVELS),
  range: PackageRangeSchema,
  counts: z.record(z.string(), z.number().int()),
  months: z.array(z.string()),
  /** Where the desktop app saved it; null in the preview. */
  savedTo: z.string().nullable(),
  /** The package's bytes for the browser to download (preview only); null in the desktop app. */
  contentBase64: z.string().nullable(),
});
export type ExchangeExportResult = z.infer<typeof ExchangeExportResultSchema>;

export const ExchangeJobSchema = z.object({
  phase: z.enum(['starting', 'statistics', 'records', 'done']),
  /** The record file being written and its records so far. */
  file: z.string().nullable(),
  records: z.number().int(),
  done: z.boolean(),
  /** A plain Chinese message when the export failed (nothing was written). */
  error: z.string().nullable(),
  result: ExchangeExportResultSchema.nullable(),
});
export type ExchangeJob = z.infer<typeof ExchangeJobSchema>;
