import { z } from 'zod';

// Backups (issue 7): encrypted copies of the database in a folder the admin chooses.

export const BACKUP_KINDS = ['auto', 'manual', 'pre-migration', 'pre-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export const KEEP_DEFAULT = 7;

export const BackupSettingsSchema = z.object({
  /** Absolute folder path; null until the admin chooses one (no automatic backups until then). */
  folder: z.string().trim().min(1).max(1000).nullable(),
  /** How many automatic backups are kept; older ones the app made are deleted. */
  keep: z.number().int().min(1).max(365),
  enabled: z.boolean(),
}).strict();
export type BackupSettings = z.infer<typeof BackupSettingsSchema>;

export const BackupSchema = z.object({
  file: z.string(),
  name: z.string(),
  kind: z.enum(BACKUP_KINDS),
  at: z.string(),
  bytes: z.number().int(),
});
export type Backup = z.infer<typeof BackupSchema>;

export const BackupStatusSchema = z.object({
  settings: BackupSettingsSchema,
  backups: z.array(BackupSchema),
  /** The last automatic backup that failed, with a reason code (no personal data); null once one succeeds. */
  lastFailure: z.object({ at: z.string(), reason: z.string() }).nullable(),
  /** Whether the desktop shell can show a folder chooser (the preview types the path). */
  canChooseFolder: z.boolean(),
});

export const BackupRestoreInputSchema = z.object({ file: z.string().trim().min(1).max(2000) }).strict();
