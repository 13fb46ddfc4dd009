import { z } from 'zod';
import { FINGERPRINT_PATTERN, LEVELS, RECORD_FILES } from './exchange';
import { StatisticsReportSchema } from './statistics';

// The city legal-services office (EXCHANGE.md): what its channels take and give. The office pins committees' signing
// keys, imports their packages in order, and compiles the city's figures with the committees' own definitions.

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM 格式');
const Fingerprint = z.string().regex(FINGERPRINT_PATTERN);
/** A committee code as the office pins it (the code in the committee's packages). */
export const CommitteeCodeSchema = z.string().trim().min(1, '请填写调解委员会代码').max(40)
  .regex(/^[0-9A-Za-z][0-9A-Za-z._-]*$/, '调解委员会代码只能包含字母、数字、点、横线或下划线');

export const OfficeKeySchema = z.object({ recipient: z.string(), fingerprint: Fingerprint, label: z.string() });

/** `office:setup`: a new office database (the first-run screen in office mode). */
export const OfficeSetupInputSchema = z.object({
  name: z.string().trim().min(1, '请填写单位名称').max(100),
  /** The content of a key file made by stock `age-keygen`; a new identity is made without it. */
  identityText: z.string().max(20_000).optional(),
  admin: z.object({
    username: z.string().trim().min(1).max(50), displayName: z.string().trim().min(1).max(50), password: z.string().min(8).max(200),
  }).strict(),
}).strict();

export const OfficeSetupOutputSchema = z.object({ recoveryPassphrase: z.string(), recipient: z.string(), fingerprint: Fingerprint });

export const RegisterCommitteeInputSchema = z.object({
  code: CommitteeCodeSchema,
  publicKeyPem: z.string().trim().min(1, '请粘贴调解委员会的签名公钥（PEM）').max(2000),
  name: z.string().trim().max(100).optional(),
  /** A different key for a code already pinned: only on purpose, after reading the new fingerprint over the phone. */
  replace: z.boolean().default(false),
  reason: z.string().trim().max(500).optional(),
}).strict();

export const RegisterCommitteeOutputSchema = z.object({
  code: z.string(), fingerprint: Fingerprint, outcome: z.enum(['registered', 'unchanged', 'replaced']), previousFingerprint: Fingerprint.optional(),
});

export const OfficeStationSchema = z.object({
  station: z.string(), lastSequence: z.number().int(), lastSha256: z.string(), lastCreatedAt: z.string(), lastImportedAt: z.string(),
  /** Sequences the operator accepted as lost, over every receipt of this station. */
  gaps: z.array(z.object({ from: z.number().int(), to: z.number().int(), reason: z.string().nullable(), acceptedAt: z.string() })),
});

export const OfficeCommitteeSchema = z.object({
  code: z.string(), name: z.string(), fingerprint: Fingerprint, registeredAt: z.string(),
  stations: z.array(OfficeStationSchema),
  /** When the latest package of this committee was imported; null before the first. */
  lastImportedAt: z.string().nullable(),
  packages: z.number().int(),
  cases: z.number().int(),
});

export const ReceiptSchema = z.object({
  id: z.number().int(), committee: z.string(), station: z.string(), sequence: z.number().int(), fileName: z.string(), sha256: z.string(),
  level: z.enum(LEVELS), createdAt: z.string(), importedAt: z.string(), importedBy: z.string().nullable(),
  records: z.record(z.string(), z.number().int()),
  gap: z.object({ from: z.number().int(), to: z.number().int(), reason: z.string().nullable() }).nullable(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

export const OfficeStatusSchema = z.object({
  name: z.string(),
  keys: z.array(OfficeKeySchema),
  committees: z.array(OfficeCommitteeSchema),
  /** The latest receipts, newest first. */
  receipts: z.array(ReceiptSchema),
});
export type OfficeStatus = z.infer<typeof OfficeStatusSchema>;

/** `office:upload` sends a package in chunks, as ledger:upload does; `office:import` names the uploads (or paths, in the desktop app). */
export const OFFICE_CHUNK_BYTES = 4 * 1024 * 1024;
export const OFFICE_MAX_BYTES = 512 * 1024 * 1024;
export const OfficeUploadSchema = z.object({
  uploadId: z.string().max(64).optional(),
  offset: z.number().int().min(0),
  chunkBase64: z.string().max(Math.ceil(OFFICE_CHUNK_BYTES / 3) * 4 + 4),
}).strict();

export const OfficeImportInputSchema = z.object({
  files: z.array(z.union([
    z.object({ uploadId: z.string().min(1).max(64), fileName: z.string().trim().min(1).max(255) }).strict(),
    z.object({ path: z.string().min(1).max(4096) }).strict(),
  ])).min(1, '请选择要导入的数据包').max(1000),
  acceptGap: z.boolean().default(false),
  reason: z.string().trim().max(500).optional(),
}).strict().superRefine((v, ctx) => {
  if (v.acceptGap && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '接受缺号时请写明原因（例如：该数据包已丢失，已与调解委员会核实）' });
});

const FileCountsSchema = z.object({ lines: z.number().int(), applied: z.number().int(), older: z.number().int(), deleted: z.number().int() });

export const AppliedPackageSchema = z.object({
  receiptId: z.number().int(), fileName: z.string(), committee: z.string(), station: z.string(), sequence: z.number().int(), sha256: z.string(),
  level: z.enum(LEVELS),
  counts: z.object(Object.fromEntries(RECORD_FILES.map((f) => [f, FileCountsSchema])) as Record<(typeof RECORD_FILES)[number], typeof FileCountsSchema>),
  gap: z.object({ from: z.number().int(), to: z.number().int() }).nullable(),
});

export const OfficeImportResultSchema = z.object({
  applied: z.array(AppliedPackageSchema),
  /**
   * The refusal that stopped the import (REFUSALS code, a plain Chinese message, and its i18n key with the params that
   * fill it); the packages before it stay applied.
   */
  refused: z.object({
    fileName: z.string(), refusal: z.string(), message: z.string(),
    key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  }).nullable(),
});
export type OfficeImportResult = z.infer<typeof OfficeImportResultSchema>;

export const OfficeStatsInputSchema = z.object({
  month: Month,
  /** One committee's figures; the city's (every committee, plus the total) without it. */
  committee: CommitteeCodeSchema.optional(),
}).strict();

const Leaf = z.union([z.string(), z.number(), z.null()]);
/** Where the office's recomputation differs from the package's own statistics.json for the month. */
export const DifferenceSchema = z.object({ key: z.string(), label: z.string(), office: Leaf, package: Leaf });

export const CommitteeFiguresSchema = z.object({
  code: z.string(),
  name: z.string(),
  report: StatisticsReportSchema,
  /** The committee's own snapshot of the month, from its latest package that holds it; null when none does. */
  packageReport: StatisticsReportSchema.nullable(),
  packageFile: z.string().nullable(),
  differences: z.array(DifferenceSchema),
});

export const OfficeStatsSchema = z.object({
  month: Month,
  scope: z.enum(['city', 'committee']),
  /** The city's figures over every imported record (rates from the sums, never averaged), or the one committee's. */
  report: StatisticsReportSchema,
  committees: z.array(CommitteeFiguresSchema),
});
export type OfficeStats = z.infer<typeof OfficeStatsSchema>;
export type CommitteeFigures = z.infer<typeof CommitteeFiguresSchema>;
