import { z } from 'zod';
import { CalendarDateSchema } from './case';
import { FailureRouteSchema, MemberRoleSchema, RetentionSchema } from './case-file';
import {
  AgreementFormSchema, JcStatusSchema, PerformanceSchema, SatisfactionSchema, type CaseStatus,
} from './enums';

/** The actions of the lifecycle (DOMAIN.md), and the states each may start from. */
export const TRANSITIONS = {
  accept: { from: ['registered'], to: 'accepted' },
  reject: { from: ['registered'], to: 'rejected' },
  startMediation: { from: ['accepted'], to: 'in_mediation' },
  conclude: { from: ['in_mediation'], to: null }, // agreed | failed | withdrawn
  close: { from: ['rejected', 'agreed', 'failed', 'withdrawn'], to: 'closed' },
  archive: { from: ['closed'], to: 'archived' },
} as const satisfies Record<string, { from: readonly CaseStatus[]; to: CaseStatus | null }>;
export type Transition = keyof typeof TRANSITIONS;

/** Work that is not a state change, and the states where it may be done. */
export const EDITS = {
  extend: ['accepted', 'in_mediation'],
  member: ['registered', 'accepted', 'in_mediation'],
  record: ['registered', 'accepted', 'in_mediation', 'agreed', 'failed', 'withdrawn'],
  attachment: ['registered', 'rejected', 'accepted', 'in_mediation', 'agreed', 'failed', 'withdrawn', 'closed'],
  escalation: ['registered', 'accepted', 'in_mediation', 'agreed', 'failed', 'withdrawn'],
  agreement: ['agreed', 'closed'],
  followup: ['agreed', 'failed', 'withdrawn', 'closed'],
  recusal: ['accepted', 'in_mediation'],
  // Meetings: investigation before acceptance, mediation, and a performance meeting after agreement.
  meeting: ['registered', 'accepted', 'in_mediation', 'agreed'],
} as const satisfies Record<string, readonly CaseStatus[]>;
export type Edit = keyof typeof EDITS;

export const canTransition = (status: CaseStatus, t: Transition): boolean =>
  (TRANSITIONS[t].from as readonly CaseStatus[]).includes(status);
export const canEdit = (status: CaseStatus, e: Edit): boolean => (EDITS[e] as readonly CaseStatus[]).includes(status);

/** Mediation is generally concluded within 30 days of acceptance (Art 28 practice, DOMAIN.md). */
export const MEDIATION_DAYS = 30;
/** The parties may apply for judicial confirmation within 30 days of the agreement taking effect (Art 33). */
export const JC_DAYS = 30;

const text = (max: number) => z.string().trim().min(1).max(max);
const CaseId = z.number().int().positive();

export const AcceptSchema = z.object({ caseId: CaseId, acceptedOn: CalendarDateSchema, leadMediatorId: z.number().int().positive().optional() }).strict();
export const RejectSchema = z.object({ caseId: CaseId, reason: text(500) }).strict();
export const StartMediationSchema = z.object({ caseId: CaseId }).strict();
export const ExtendSchema = z.object({ caseId: CaseId, newDueOn: CalendarDateSchema, consent: text(500) }).strict();

export const ConcludeSchema = z.discriminatedUnion('outcome', [
  z.object({
    caseId: CaseId, outcome: z.literal('agreed'), concludedOn: CalendarDateSchema, form: AgreementFormSchema,
    facts: z.string().trim().max(5000).optional(), terms: z.array(text(2000)).min(1).max(50),
    amountFen: z.number().int().min(0).max(1e15).optional(),
    performanceMethod: z.string().trim().max(1000).optional(), performanceDeadline: CalendarDateSchema.optional(),
    performedImmediately: z.boolean().default(false),
  }).strict(),
  z.object({
    caseId: CaseId, outcome: z.literal('failed'), concludedOn: CalendarDateSchema,
    failureRoutes: z.array(FailureRouteSchema).min(1).max(3), reason: z.string().trim().max(1000).optional(),
  }).strict(),
  z.object({ caseId: CaseId, outcome: z.literal('withdrawn'), concludedOn: CalendarDateSchema, reason: text(1000) }).strict(),
]);
export type ConcludeInput = z.input<typeof ConcludeSchema>;

export const PerformanceUpdateSchema = z.object({ caseId: CaseId, performance: PerformanceSchema, note: z.string().trim().max(1000).optional() }).strict();
export const TermPerformanceSchema = z.object({ caseId: CaseId, term: z.number().int().min(0).max(49), performance: PerformanceSchema }).strict();

/** The agreement as a whole, from its terms: any still being performed, all performed, none, or some. */
export function overallPerformance(terms: readonly z.infer<typeof PerformanceSchema>[]): z.infer<typeof PerformanceSchema> {
  if (terms.length === 0 || terms.some((t) => t === 'performing')) return 'performing';
  if (terms.every((t) => t === 'performed')) return 'performed';
  if (terms.every((t) => t === 'unperformed')) return 'unperformed';
  return 'partial';
}

export const JcUpdateSchema = z.object({ caseId: CaseId, jcStatus: JcStatusSchema.exclude(['none']), on: CalendarDateSchema }).strict();

export const FollowupInputSchema = z.object({
  caseId: CaseId, visitedOn: CalendarDateSchema, visitorPersonId: z.number().int().positive().optional(),
  performance: PerformanceSchema.optional(), satisfaction: SatisfactionSchema.optional(), notes: text(5000),
}).strict();

export const CloseSchema = z.object({ caseId: CaseId, closedOn: CalendarDateSchema }).strict();
export const ArchiveSchema = z.object({ caseId: CaseId, archivedOn: CalendarDateSchema, retention: RetentionSchema }).strict();

export const MemberInputSchema = z.object({
  caseId: CaseId, role: MemberRoleSchema.exclude(['lead_mediator']),
  personId: z.number().int().positive().optional(), name: z.string().trim().min(1).max(100).optional(),
  consent: z.string().trim().max(500).optional(),
}).strict().refine((m) => m.personId !== undefined || m.name !== undefined, { message: '请选择人员或填写姓名', path: ['name'] });

export const RemoveMemberSchema = z.object({ caseId: CaseId, memberId: z.number().int().positive(), reason: text(500) }).strict();

export const ConflictDecisionSchema = z.object({
  caseId: CaseId, checkId: z.number().int().positive(), decision: z.enum(['withdraw', 'proceed']), reason: text(1000),
}).strict();

export const RecusalRequestSchema = z.object({ caseId: CaseId, partyId: z.number().int().positive().optional(), reason: text(1000) }).strict();
export const RecusalDecisionSchema = z.object({
  caseId: CaseId, requestId: z.number().int().positive(), decision: z.enum(['replaced', 'refused']),
  replacementPersonId: z.number().int().positive().optional(), reason: text(1000),
}).strict();

export const RecordInputSchema = z.object({
  caseId: CaseId, kind: z.enum(['investigation', 'mediation']), heldAt: z.iso.datetime({ offset: true }),
  place: z.string().trim().max(200).optional(), subject: z.string().trim().max(500).optional(),
  interviewee: z.string().trim().max(200).optional(), attendees: z.array(text(100)).max(50).default([]),
  partiesPresent: z.array(text(200)).max(50).default([]), private: z.boolean().default(false),
  content: text(50000), result: z.string().trim().max(5000).optional(), recorder: z.string().trim().max(100).optional(),
}).strict();

export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
export const AttachmentInputSchema = z.object({
  caseId: CaseId, name: text(200), mime: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/).max(100),
  // Base64 over IPC: 20 MiB of file at most.
  contentBase64: z.string().max(Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 4).regex(/^[A-Za-z0-9+/]*={0,2}$/),
  note: z.string().trim().max(500).optional(),
}).strict();

export const PREVENTION_KINDS = ['criminal', 'suicide', 'group_petition', 'group_fight'] as const;
export const EscalationInputSchema = z.object({
  caseId: CaseId, risk: text(2000), steps: text(5000), policeReported: z.boolean().default(false),
  policeUnit: z.string().trim().max(200).optional(), policeReportedAt: CalendarDateSchema.optional(),
}).strict();
export const PreventionSchema = z.object({
  caseId: CaseId, kind: z.enum(PREVENTION_KINDS), prevented: z.boolean(), persons: z.number().int().min(0).max(100000),
}).strict();

export const RetentionActionSchema = z.object({ caseId: CaseId, reason: text(1000) }).strict();
