import { z } from 'zod';
import { RoleSchema } from './enums';

export const COMMITTEE_TYPES = ['village', 'residential', 'enterprise', 'industry'] as const;
export const CommitteeTypeSchema = z.enum(COMMITTEE_TYPES);

const SUFFIXES = ['社区人民调解委员会', '村人民调解委员会', '人民调解委员会'];

/** The short name for case numbers: the name without its 人民调解委员会 suffix (CLI.md, init). */
export function defaultShortName(name: string): string {
  const n = name.trim();
  for (const s of SUFFIXES) if (n.endsWith(s) && n.length > s.length) return n.slice(0, -s.length);
  return n;
}

export const CommitteeSchema = z.object({
  name: z.string(),
  code: z.string(),
  shortName: z.string(),
  type: CommitteeTypeSchema,
});
export type Committee = z.infer<typeof CommitteeSchema>;

export const PASSWORD_MIN = 8;
export const UsernameSchema = z.string().trim().regex(/^[A-Za-z0-9_.-]{2,32}$/, {
  message: '登录名为2至32位字母、数字、点、下划线或连字符',
});
export const PasswordSchema = z.string().min(PASSWORD_MIN, { message: `密码至少${PASSWORD_MIN}位` }).max(200);

export const SetupSchema = z.object({
  committee: z.object({
    name: z.string().trim().min(2, { message: '请填写调解委员会名称' }).max(100),
    code: z.string().trim().regex(/^[A-Za-z0-9-]{2,32}$/, { message: '委员会代码为2至32位字母、数字或连字符' }),
    shortName: z.string().trim().min(1).max(20).optional(),
    type: CommitteeTypeSchema.default('residential'),
  }).strict(),
  admin: z.object({
    username: UsernameSchema,
    displayName: z.string().trim().min(1, { message: '请填写管理员姓名' }).max(50),
    password: PasswordSchema,
  }).strict(),
});
export type SetupInput = z.input<typeof SetupSchema>;

export const UserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  personId: z.number().int().nullable(),
});
export type User = z.infer<typeof UserSchema>;

export const PersonOptionSchema = z.object({ id: z.number().int(), name: z.string() });
export type PersonOption = z.infer<typeof PersonOptionSchema>;
