import { z } from 'zod';

export const ERROR_CODES = [
  'VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'BAD_STATE',
  'WRONG_PASSPHRASE', 'WRONG_PASSWORD', 'UNKNOWN_CHANNEL', 'INTERNAL',
  // Accounts (issue 7): sign-in locked after repeated failures; session locked after idle time; a password to change first.
  'RATE_LIMITED', 'SESSION_LOCKED', 'PASSWORD_CHANGE_REQUIRED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with the input, located by its path (`parties.1.idNumber`). */
export const IssueSchema = z.object({
  path: z.string(),
  key: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type Issue = z.infer<typeof IssueSchema>;

/** Errors cross the boundary as values: a code, a Chinese message, its i18n key and the params that fill it. */
export const AppErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  key: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  details: z.array(IssueSchema).optional(),
});
export type AppError = z.infer<typeof AppErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };
