import { z } from 'zod';
import { UsernameSchema } from './committee';
import { RoleSchema } from './enums';

// Accounts (issue 7): the password rule both the core and the screens apply, and the admin screens' shapes.

export const PASSWORD_RULE = { min: 10, strongMin: 12, classes: 3, strongClasses: 2 } as const;

/** A short list of passwords every guessing tool tries first; compared without case, digits and symbols kept. */
export const COMMON_PASSWORDS: readonly string[] = [
  '123456', '12345678', '123456789', '1234567890', '0123456789', '1qaz2wsx', '1qaz2wsx3edc', 'password', 'password1',
  'password123', 'passw0rd', 'p@ssw0rd', 'p@ssw0rd123', 'admin123', 'admin@123', 'admin12345', 'qwerty123', 'qwertyuiop',
  'abc123456', 'abcd1234', 'iloveyou', 'woaini1314', 'aa123456', 'a123456789', 'qwe123456', 'zxcvbnm123', 'asdfghjkl',
  '88888888', '11111111', '00000000', '66666666', '147258369', '5201314', 'welcome1', 'letmein123', 'changeme',
  'p@ssword1', 'password@123', 'admin@12345', 'abc@12345', 'tiaojie123', 'tiaojie@123',
];

export type PasswordProblem = 'length' | 'classes' | 'username' | 'common';

const classesOf = (p: string): number =>
  [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(p)).length;

/**
 * What a new password lacks: at least 10 characters, and 3 of lower/upper/digit/symbol (or 12+ with 2);
 * not containing the login name (3+ characters), not a common password. Empty when it is strong enough.
 */
export function passwordProblems(password: string, username?: string): PasswordProblem[] {
  const p = password.normalize('NFKC');
  const problems: PasswordProblem[] = [];
  const length = [...p].length;
  if (length < PASSWORD_RULE.min) problems.push('length');
  const classes = classesOf(p);
  if (classes < PASSWORD_RULE.classes && !(length >= PASSWORD_RULE.strongMin && classes >= PASSWORD_RULE.strongClasses)) {
    problems.push('classes');
  }
  const name = username?.trim().toLowerCase() ?? '';
  if (name.length >= 3 && p.toLowerCase().includes(name)) problems.push('username');
  if (COMMON_PASSWORDS.includes(p.toLowerCase())) problems.push('common');
  return problems;
}

const PROBLEM_ZH: Record<PasswordProblem, string> = {
  length: `至少${PASSWORD_RULE.min}位`,
  classes: `需包含小写字母、大写字母、数字、符号中的至少${PASSWORD_RULE.classes}类（${PASSWORD_RULE.strongMin}位以上时至少${PASSWORD_RULE.strongClasses}类）`,
  username: '不能包含登录名',
  common: '不能使用常见密码',
};

/** The Chinese message the core sends: what is missing, all of it at once. */
export const passwordProblemText = (problems: PasswordProblem[]): string =>
  `密码强度不够：${problems.map((p) => PROBLEM_ZH[p]).join('；')}`;

export const NewPasswordSchema = z.string().min(1).max(200);

export const UserAccountSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserAccount = z.infer<typeof UserAccountSchema>;

export const UserCreateSchema = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(50),
  role: RoleSchema,
  /** A first password the admin hands over; the user must change it at the first sign-in. */
  password: NewPasswordSchema,
}).strict();
export type UserCreate = z.infer<typeof UserCreateSchema>;

export const UserUpdateSchema = z.object({
  id: z.number().int().positive(),
  displayName: z.string().trim().min(1).max(50).optional(),
  role: RoleSchema.optional(),
}).strict();
export type UserUpdate = z.infer<typeof UserUpdateSchema>;

export const ResetPasswordSchema = z.object({ id: z.number().int().positive(), password: NewPasswordSchema }).strict();

export const ChangePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: NewPasswordSchema,
}).strict();

export const IDLE_MINUTES_DEFAULT = 15;
export const AccountSettingsSchema = z.object({
  /** Minutes without input before the session locks; 0 = never. */
  idleMinutes: z.number().int().min(0).max(480),
}).strict();
export type AccountSettings = z.infer<typeof AccountSettingsSchema>;

/** Sign-in rate limit: after this many failures in the window, locked for the next step of the ladder. */
export const SIGN_IN_LIMIT = { failures: 5, windowMinutes: 15, lockMinutes: [1, 5, 15] } as const;
