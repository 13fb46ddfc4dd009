import { z } from 'zod';
import { ProfessionSchema, SexSchema } from './enums';

export const EMPLOYMENTS = ['full_time', 'part_time'] as const;
export const RELATION_KINDS = ['kin', 'neighbour', 'work_unit', 'other'] as const;

const opt = (max: number) => z.string().trim().max(max).optional();

/** A person of the committee: a mediator or a helper (lawyer, social worker, counsellor, volunteer). */
export const PersonInputSchema = z.object({
  name: z.string().trim().min(1, { message: '请填写姓名' }).max(100),
  sex: SexSchema.optional(),
  phone: opt(40),
  /** A resident ID, checked like a party's; it lets the conflict check find the same person as a party. */
  idNumber: opt(18),
  address: opt(300),
  professions: z.array(ProfessionSchema).max(5).default([]),
  employment: z.enum(EMPLOYMENTS).optional(),
}).strict();
export type PersonInput = z.input<typeof PersonInputSchema>;

/** A declared relationship: whoever has one with a party should withdraw (回避). */
export const RelationInputSchema = z.object({
  personId: z.number().int().positive(),
  kind: z.enum(RELATION_KINDS),
  otherName: z.string().trim().min(1, { message: '请填写对方姓名' }).max(100),
  otherIdNumber: opt(18),
  note: opt(300),
}).strict();

export const PersonDetailSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  sex: SexSchema.nullable(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  address: z.string().nullable(),
  professions: z.array(ProfessionSchema),
  employment: z.enum(EMPLOYMENTS).nullable(),
  active: z.boolean(),
  relations: z.array(z.object({
    id: z.number().int(), kind: z.enum(RELATION_KINDS), otherName: z.string(), otherIdNumber: z.string().nullable(), note: z.string().nullable(),
  })),
});
export type PersonDetail = z.infer<typeof PersonDetailSchema>;
