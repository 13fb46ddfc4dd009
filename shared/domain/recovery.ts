import { z } from 'zod';

// The recovery passphrase and the optional escrow to the city office (设置 → 恢复口令).

export const RecoveryStatusSchema = z.object({
  unlockedBy: z.enum(['setup', 'passphrase', 'keyStore']).nullable(),
  keyStoreAvailable: z.boolean(),
  escrow: z.object({ recipient: z.string(), fingerprint: z.string(), enabledAt: z.string() }).nullable(),
  officeRecipients: z.array(z.object({ recipient: z.string(), fingerprint: z.string() })),
});
export type RecoveryStatus = z.infer<typeof RecoveryStatusSchema>;

export const ChangePassphraseSchema = z.object({
  current: z.string().max(500).optional(),
  adminPassword: z.string().max(200).optional(),
  next: z.string().max(500),
  confirm: z.string().max(500),
}).strict();

/** A recipient turns the escrow on (or moves it); null turns it off. */
export const SetEscrowSchema = z.object({ recipient: z.string().max(200).nullable() }).strict();
