import { z } from 'zod';
import type { Permission } from '../domain/permissions';
import {
  CaseCreateSchema, CaseDetailSchema, CaseListQuerySchema, CaseListSchema,
} from '../domain/case';
import { CommitteeSchema, PersonOptionSchema, SetupSchema, UserSchema } from '../domain/committee';

interface ChannelSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  permission: Permission;
}
const channel = <I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>) => spec;

const none = z.object({}).strict();
const Id = z.object({ id: z.number().int().positive() }).strict();

export const AppStateSchema = z.enum(['uninitialized', 'locked', 'ready']);
export type AppState = z.infer<typeof AppStateSchema>;

/** Every channel: name → input schema, output schema, permission. The single source of truth. */
export const contract = {
  'app:status': channel({
    input: none,
    output: z.object({ state: AppStateSchema, committee: CommitteeSchema.nullable(), user: UserSchema.nullable() }),
    permission: 'public',
  }),
  'app:setup': channel({
    input: SetupSchema.strict(),
    output: z.object({ recoveryPassphrase: z.string() }),
    permission: 'public',
  }),
  'app:unlock': channel({
    input: z.object({ passphrase: z.string().min(1).max(500) }).strict(),
    output: z.object({}),
    permission: 'public',
  }),
  'auth:signIn': channel({
    input: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) }).strict(),
    output: UserSchema,
    permission: 'public',
  }),
  'auth:signOut': channel({ input: none, output: z.object({}), permission: 'signed_in' }),
  'cases:create': channel({
    input: CaseCreateSchema.strict(),
    output: z.object({ id: z.number().int(), caseNo: z.string() }),
    permission: 'cases.write',
  }),
  'cases:list': channel({ input: CaseListQuerySchema.strict(), output: CaseListSchema, permission: 'cases.read' }),
  'cases:get': channel({ input: Id, output: CaseDetailSchema, permission: 'cases.read' }),
  'people:mediators': channel({ input: none, output: z.array(PersonOptionSchema), permission: 'cases.read' }),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type Output<C extends Channel> = z.infer<Contract[C]['output']>;

export const CHANNELS = Object.keys(contract) as Channel[];
export const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
