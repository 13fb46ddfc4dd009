import { z } from 'zod';
import {
  AgreementFormSchema, JcStatusSchema, OutcomeSchema, PerformanceSchema, SatisfactionSchema, CaseStatusSchema, CategorySchema, ChannelSchema, IdTypeSchema, PartyKindSchema, PartyRoleSchema, SexSchema,
} from './enums';
import { isCalendarDate } from './dates';

const text = (max: number) => z.string().trim().max(max);
export const CalendarDateSchema = z.string().refine(isCalendarDate, { message: '日期应为 YYYY-MM-DD 格式的有效日期' });

/** A party as the intake form sends it; the core checks documents and phones. */
export const PartyInputSchema = z.object({
  role: PartyRoleSchema,
  kind: PartyKindSchema.default('person'),
  name: text(200).min(1, { message: '请填写当事人姓名或名称' }),
  sex: SexSchema.optional(),
  ethnicity: text(20).optional(),
  birthDate: CalendarDateSchema.optional(),
  idType: IdTypeSchema.default('none'),
  idNumber: text(40).optional(),
  phone: text(40).optional(),
  address: text(300).optional(),
  occupation: text(100).optional(),
  // Organisations (协议书: 统一社会信用代码, 法定代表人或主要负责人 and 职务).
  creditCode: text(18).optional(),
  representative: text(100).optional(),
  representativeTitle: text(50).optional(),
}).strict(); // An unknown field is refused, not dropped (test/unit/input-guard.test.ts).
export type PartyInput = z.input<typeof PartyInputSchema>;

export const CaseCreateSchema = z.object({
  category: CategorySchema,
  /** A local category (设置 → 纠纷类型): the case is then written with its roll-up as `category`. */
  localCategoryId: z.number().int().positive().optional(),
  channel: ChannelSchema,
  referralBody: text(200).optional(),
  registeredOn: CalendarDateSchema.optional(),
  summary: text(5000).min(1, { message: '请填写纠纷简要情况' }),
  requests: z.array(text(1000).min(1)).max(50).default([]),
  amountFen: z.number().int().min(0).max(1e15).optional(),
  personsInvolved: z.number().int().min(1).max(100000).optional(),
  leadMediatorId: z.number().int().positive().optional(),
  externalCode: text(100).optional(),
  parties: z.array(PartyInputSchema).min(1).max(200),
});
export type CaseCreate = z.input<typeof CaseCreateSchema>;

export const PartySchema = z.object({
  id: z.number().int(),
  role: PartyRoleSchema,
  kind: PartyKindSchema,
  name: z.string(),
  sex: SexSchema.nullable(),
  ethnicity: z.string().nullable(),
  birthDate: z.string().nullable(),
  idType: IdTypeSchema,
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  occupation: z.string().nullable(),
  creditCode: z.string().nullable(),
  representative: z.string().nullable(),
  representativeTitle: z.string().nullable(),
});
export type Party = z.infer<typeof PartySchema>;

export const CaseSummarySchema = z.object({
  id: z.number().int(),
  caseNo: z.string(),
  category: CategorySchema,
  /** The local category the case was registered under, if any; `category` is its national roll-up. */
  // Always set by the core; optional so that a CaseDetail built elsewhere (a case file) may leave them out.
  localCategoryId: z.number().int().nullish(),
  localCategory: z.string().nullish(),
  channel: ChannelSchema,
  status: CaseStatusSchema,
  registeredOn: z.string(),
  acceptedOn: z.string().nullable(),
  applicants: z.string(),
  respondents: z.string(),
  leadMediator: z.string().nullable(),
  updatedAt: z.string(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export const CaseDetailSchema = CaseSummarySchema.extend({
  referralBody: z.string().nullable(),
  summary: z.string(),
  requests: z.array(z.string()),
  amountFen: z.number().int().nullable(),
  personsInvolved: z.number().int(),
  leadMediatorId: z.number().int().nullable(),
  externalCode: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  dueOn: z.string().nullable(),
  outcome: OutcomeSchema.nullable(),
  concludedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  agreementForm: AgreementFormSchema.nullable(),
  agreementAmountFen: z.number().int().nullable(),
  performance: PerformanceSchema.nullable(),
  jcStatus: JcStatusSchema,
  satisfaction: SatisfactionSchema.nullable(),
  parties: z.array(PartySchema),
});
export type CaseDetail = z.infer<typeof CaseDetailSchema>;

export const CASE_SORT_FIELDS = ['caseNo', 'registeredOn', 'category', 'status', 'updatedAt'] as const;

export const CaseListQuerySchema = z.object({
  page: z.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(20),
  sortBy: z.enum(CASE_SORT_FIELDS).default('caseNo'),
  order: z.enum(['asc', 'desc']).default('desc'),
  status: z.array(CaseStatusSchema).max(20).optional(),
  category: z.array(CategorySchema).max(20).optional(),
  /** Local categories; with `category` too, a case in either is listed (a national category includes its local ones). */
  localCategoryId: z.array(z.number().int().positive()).max(50).optional(),
  // Search (docs/ARCHITECTURE.md, Search): case number, names, pinyin initials, phones, ID numbers, summary.
  q: z.string().trim().max(100, { message: '搜索内容最多100个字' }).optional(),
  channel: z.array(ChannelSchema).max(20).optional(),
  leadMediatorId: z.array(z.number().int().positive()).max(50).optional(),
  registeredFrom: CalendarDateSchema.optional(),
  registeredTo: CalendarDateSchema.optional(),
});
export type CaseListQuery = z.input<typeof CaseListQuerySchema>;

export const CaseListSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(CaseSummarySchema),
});
export type CaseList = z.infer<typeof CaseListSchema>;

/** （2026）白沙人调字第0012号 — four digits at least, sequential per year. */
export const formatCaseNo = (year: number, shortName: string, seq: number): string =>
  `（${year}）${shortName}人调字第${String(seq).padStart(4, '0')}号`;
