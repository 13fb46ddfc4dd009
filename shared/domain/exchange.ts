import { z } from 'zod';

// The exchange package of EXCHANGE.md: what the committee writes and the office verifies. The record lines'
// own schemas are in exchange-records.ts; this page is the envelope both sides agree on.

export const PACKAGE_FORMAT = 'tiaojie-exchange';
export const PACKAGE_VERSION = 1;
export const PACKAGE_EXTENSION = '.tiaojie.age';

/** The record files, in the order they are written and applied (a case before its parties). */
export const RECORD_FILES = [
  'people.ndjson', 'cases.ndjson', 'parties.ndjson', 'sessions.ndjson', 'agreements.ndjson', 'followups.ndjson', 'sweeps.ndjson',
] as const;
export type RecordFile = (typeof RECORD_FILES)[number];
export const STATISTICS_FILE = 'statistics.json';
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';

export const LEVELS = ['full', 'deidentified'] as const;
export type Level = (typeof LEVELS)[number];

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** What the package holds: the changes since the station's previous export, or the records touched in a range. */
export const PackageRangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('since_last'), after_revision: z.number().int().nonnegative(), to_revision: z.number().int().nonnegative() }).strict(),
  z.object({ kind: z.literal('range'), from: Day, to: Day, to_revision: z.number().int().nonnegative() }).strict(),
]);
export type PackageRange = z.infer<typeof PackageRangeSchema>;

export const ManifestFileSchema = z.object({
  name: z.string(), sha256: Sha256, records: z.number().int().nonnegative(),
}).strict();

export const ManifestSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  version: z.literal(PACKAGE_VERSION),
  committee: z.object({ code: z.string().min(1), name: z.string().min(1), signing_public_key_pem: z.string().min(1) }).strict(),
  station: z.string().min(1),
  sequence: z.number().int().positive(),
  /** SHA-256 (hex) of the station's previous package file; '' for its first. */
  previous_sha256: z.union([Sha256, z.literal('')]),
  created_at: z.string(),
  level: z.enum(LEVELS),
  range: PackageRangeSchema,
  files: z.array(ManifestFileSchema),
}).strict();
export type Manifest = z.infer<typeof ManifestSchema>;

/** `<committee code>-<sequence, 6 digits>-<YYYYMMDD>.tiaojie.age` (the date in Asia/Shanghai). */
export const packageFileName = (code: string, sequence: number, shanghaiDay: string): string =>
  `${code}-${String(sequence).padStart(6, '0')}-${shanghaiDay.replaceAll('-', '')}${PACKAGE_EXTENSION}`;

/** Why the office refused a package (EXCHANGE.md, "What the office's import refuses"); each has its own message. */
export const REFUSALS = [
  'not_age', // not an age file at all
  'wrong_key', // not addressed to any of this office's identities
  'damaged', // ciphertext fails authentication (a flipped byte)
  'truncated', // the file ends early
  'bad_archive', // not a ZIP, or manifest.json / manifest.sig / a listed file missing, or an unlisted file present
  'unknown_version', // format or version this Tiaojie does not know
  'bad_manifest', // manifest.json does not parse against ManifestSchema
  'unregistered', // no signing key pinned for the committee code
  'key_mismatch', // signed by (or naming) a key other than the pinned one
  'bad_signature', // manifest.sig does not verify over manifest.json's bytes
  'hash_mismatch', // a file's SHA-256 or record count differs from the manifest
  'bad_record', // a line that does not parse against its record schema
  'sequence_gap', // the station's sequence skips (accept with --accept-gap, recorded)
  'sequence_repeat', // already applied (a replay)
  'sequence_fork', // previous_sha256 is not the hash of the station's last applied package
] as const;
export type Refusal = (typeof REFUSALS)[number];

/**
 * A key's fingerprint as read aloud over the phone (EXCHANGE.md, Keys): SHA-256 of the raw 32-byte public key,
 * first 16 bytes, 8 groups of 4 uppercase hex digits separated by single spaces.
 */
export const FINGERPRINT_PATTERN = /^[0-9A-F]{4}( [0-9A-F]{4}){7}$/;
