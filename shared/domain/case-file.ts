import { z } from 'zod';
import { CaseDetailSchema } from './case';
import { CommitteeSchema } from './committee';
import { AgreementFormSchema, JcStatusSchema, PerformanceSchema, SatisfactionSchema } from './enums';

export const MEMBER_ROLES = [
  'lead_mediator', 'co_mediator', 'lawyer', 'social_worker', 'counsellor', 'volunteer', 'relative', 'expert',
  'organisation', 'recorder',
] as const;
export const MemberRoleSchema = z.enum(MEMBER_ROLES);
export type MemberRole = z.infer<typeof MemberRoleSchema>;
/** Relatives, experts and organisations join only with the parties' consent (Art 20). */
export const CONSENT_ROLES: readonly MemberRole[] = ['relative', 'expert', 'organisation'];

export const FAILURE_ROUTES = ['arbitration', 'administrative', 'litigation'] as const;
export const FailureRouteSchema = z.enum(FAILURE_ROUTES);

export const RETENTIONS = ['10y', '30y', 'permanent'] as const;
export const RetentionSchema = z.enum(RETENTIONS);

export const CaseMemberSchema = z.object({
  id: z.number().int(), personId: z.number().int().nullable(), name: z.string(), role: MemberRoleSchema,
  consent: z.string().nullable(), addedAt: z.string(), removedAt: z.string().nullable(), removedReason: z.string().nullable(),
});
export type CaseMember = z.infer<typeof CaseMemberSchema>;

export const CaseRecordSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['investigation', 'mediation']),
  heldAt: z.string(), // ISO-8601 UTC
  place: z.string().nullable(),
  subject: z.string().nullable(), // 事由 (mediation) or what was investigated
  interviewee: z.string().nullable(), // 被调查人 (investigation)
  attendees: z.array(z.string()), // 参加人: people invited to help
  partiesPresent: z.array(z.string()),
  private: z.boolean(),
  content: z.string(),
  result: z.string().nullable(),
  recorder: z.string().nullable(),
});
export type CaseRecord = z.infer<typeof CaseRecordSchema>;

export const AgreementSchema = z.object({
  form: AgreementFormSchema,
  facts: z.string().nullable(),
  terms: z.array(z.string()),
  /** Each term's performance, aligned with `terms`. */
  termPerformance: z.array(PerformanceSchema).optional(),
  amountFen: z.number().int().nullable(),
  performanceMethod: z.string().nullable(),
  performanceDeadline: z.string().nullable(),
  effectiveOn: z.string(),
  performance: PerformanceSchema,
  jcStatus: JcStatusSchema,
  jcAppliedOn: z.string().nullable(),
  jcDecidedOn: z.string().nullable(),
  /** 30 days after the agreement takes effect (Art 33). */
  jcDeadline: z.string(),
});
export type Agreement = z.infer<typeof AgreementSchema>;

export const FollowupSchema = z.object({
  id: z.number().int(), visitedOn: z.string(), visitor: z.string().nullable(), performance: PerformanceSchema.nullable(),
  satisfaction: SatisfactionSchema.nullable(), notes: z.string().nullable(),
});
export type Followup = z.infer<typeof FollowupSchema>;

export const EscalationSchema = z.object({
  id: z.number().int(), risk: z.string(), steps: z.string(), policeReported: z.boolean(), policeUnit: z.string().nullable(),
  policeReportedAt: z.string().nullable(), recordedAt: z.string(),
});

export const ExtensionSchema = z.object({ previousDueOn: z.string(), newDueOn: z.string(), consent: z.string(), recordedAt: z.string() });

export const AttachmentMetaSchema = z.object({
  id: z.number().int(), name: z.string(), mime: z.string(), size: z.number().int(), note: z.string().nullable(), createdAt: z.string(),
});

/** Everything the case file (一案一卷) and its printed documents are made from. */
export const CaseFileSchema = z.object({
  committee: CommitteeSchema,
  case: CaseDetailSchema,
  rejectionReason: z.string().nullable(),
  extensions: z.array(ExtensionSchema),
  members: z.array(CaseMemberSchema),
  records: z.array(CaseRecordSchema),
  agreement: AgreementSchema.nullable(),
  followups: z.array(FollowupSchema),
  escalations: z.array(EscalationSchema),
  attachments: z.array(AttachmentMetaSchema),
  failureRoutes: z.array(FailureRouteSchema),
  terminationReason: z.string().nullable(),
  archivedOn: z.string().nullable(),
  retention: RetentionSchema.nullable(),
});
export type CaseFile = z.infer<typeof CaseFileSchema>;
