import { z } from 'zod';
import {
  AgreementFormSchema, CategorySchema, CaseStatusSchema, ChannelSchema, IdTypeSchema, JcStatusSchema, OutcomeSchema, PartyKindSchema,
  PartyRoleSchema, PerformanceSchema, ProfessionSchema, SatisfactionSchema, SexSchema,
} from './enums';
import type { Level, RecordFile } from './exchange';
import { EMPLOYMENTS } from './people';

// One line of each record file of an exchange package (EXCHANGE.md). Both levels share one schema per file:
// at `deidentified` the personal fields (PERSONAL_FIELDS below) are absent, everything else is the same, so
// the office applies both with the same code and recomputes the same figures. Records refer to each other by
// uuid (a case's lead mediator, a party's case), never by the committee's local integer ids.

const Uuid = z.uuid();
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Instant = z.string().min(1);
const Revision = z.number().int().positive();
const Fen = z.number().int();
/** A personal or free-text field: present (possibly null) at `full`, absent at `deidentified`. */
const personal = <T extends z.ZodType>(t: T) => t.nullish();

/** Every live line: its record's uuid, the committee's change counter for it, and when it last changed (display only). */
const live = { uuid: Uuid, revision: Revision, updated_at: Instant };

/** A deleted record, in whichever file held it. */
export const DeletionLineSchema = z.object({ uuid: Uuid, deleted: z.literal(true), revision: Revision }).strict();
export type DeletionLine = z.infer<typeof DeletionLineSchema>;

/** people.ndjson: the committee's mediators and helpers (the team report, by_mediator). */
export const PersonLineSchema = z.object({
  ...live,
  name: personal(z.string()),
  phone: personal(z.string()),
  sex: SexSchema.nullable(),
  professions: z.array(ProfessionSchema),
  employment: z.enum(EMPLOYMENTS).nullable(),
  active: z.boolean(),
  /** Joined and left the committee; when joined_on is null the team counts from created_at's day in Asia/Shanghai. */
  joined_on: Day.nullable(),
  left_on: Day.nullable(),
  created_at: Instant,
}).strict();

const PREVENTED = {
  prevented_criminal: z.boolean(), prevented_criminal_persons: z.number().int().nonnegative(),
  prevented_suicide: z.boolean(), prevented_suicide_persons: z.number().int().nonnegative(),
  prevented_group_petition: z.boolean(), prevented_group_petition_persons: z.number().int().nonnegative(),
  prevented_group_fight: z.boolean(), prevented_group_fight_persons: z.number().int().nonnegative(),
};

/** cases.ndjson: every column the statistics definitions read, plus the case's identity and dates. */
export const CaseLineSchema = z.object({
  ...live,
  case_no: z.string(),
  category: CategorySchema,
  /** The committee's own finer category (migration 0007), by name; full level only. */
  local_category: personal(z.string()),
  channel: ChannelSchema,
  referral_body: z.string().nullable(),
  status: CaseStatusSchema,
  registered_on: Day,
  accepted_on: Day.nullable(),
  due_on: Day.nullable(),
  extended_due_on: Day.nullable(),
  outcome: OutcomeSchema.nullable(),
  concluded_on: Day.nullable(),
  closed_on: Day.nullable(),
  archived_on: Day.nullable(),
  amount_fen: Fen.nullable(),
  persons_involved: z.number().int().positive(),
  agreement_form: AgreementFormSchema.nullable(),
  agreement_amount_fen: Fen.nullable(),
  performance: PerformanceSchema.nullable(),
  jc_status: JcStatusSchema,
  satisfaction: SatisfactionSchema.nullable(),
  ...PREVENTED,
  lead_mediator_uuid: Uuid.nullable(),
  /** Where a failed case was pointed (litigation, arbitration…), as recorded. */
  failure_routes: z.array(z.string()).nullable(),
  external_code: z.string().nullable(),
  created_at: Instant,
  // Personal and free text: full level only.
  summary: personal(z.string()),
  requests: personal(z.array(z.string())),
  applicant_names: personal(z.string()),
  respondent_names: personal(z.string()),
  rejection_reason: personal(z.string()),
  termination_reason: personal(z.string()),
}).strict();

/** parties.ndjson: a party of a case. `pseudonym` links the same person across cases and packages at both levels. */
export const PartyLineSchema = z.object({
  ...live,
  case_uuid: Uuid,
  position: z.number().int().nonnegative(),
  role: PartyRoleSchema,
  kind: PartyKindSchema,
  /** base32 (RFC 4648, no padding) of the first 16 bytes of HMAC-SHA-256(committee secret, normalised ID number or name + birth date). */
  pseudonym: z.string().regex(/^[A-Z2-7]{26}$/),
  sex: SexSchema.nullable(),
  /** '30-39': ten-year band of the age on the case's registration date; null without a birth date. */
  age_band: z.string().regex(/^\d{1,3}-\d{1,3}$/).nullable(),
  id_type: IdTypeSchema,
  created_at: Instant,
  // Personal: full level only.
  name: personal(z.string()),
  ethnicity: personal(z.string()),
  birth_date: personal(Day),
  id_number: personal(z.string()),
  phone: personal(z.string()),
  address: personal(z.string()),
  occupation: personal(z.string()),
  credit_code: personal(z.string()),
  representative: personal(z.string()),
  representative_title: personal(z.string()),
}).strict();

/** sessions.ndjson: the mediation records of a case (case_records of kind 'mediation'; docs/ARCHITECTURE.md, Exchange). */
export const SessionLineSchema = z.object({
  ...live,
  case_uuid: Uuid,
  held_at: Instant,
  /** How many parties and others attended (the names are personal). */
  parties_present_count: z.number().int().nonnegative(),
  attendees_count: z.number().int().nonnegative(),
  private: z.boolean(),
  created_at: Instant,
  // Personal and free text: full level only.
  place: personal(z.string()),
  parties_present: personal(z.array(z.string())),
  attendees: personal(z.array(z.string())),
  content: personal(z.string()),
  result: personal(z.string()),
  recorder: personal(z.string()),
}).strict();

/** agreements.ndjson: the agreement of an agreed case; performance and judicial confirmation are fields. */
export const AgreementLineSchema = z.object({
  ...live,
  case_uuid: Uuid,
  form: AgreementFormSchema,
  amount_fen: Fen.nullable(),
  performance_deadline: Day.nullable(),
  effective_on: Day,
  performance: PerformanceSchema,
  /** Each term's performance, aligned with `terms` (their text is full level only). */
  term_performance: z.array(PerformanceSchema),
  jc_status: JcStatusSchema,
  jc_applied_on: Day.nullable(),
  jc_decided_on: Day.nullable(),
  created_at: Instant,
  // Free text: full level only.
  facts: personal(z.string()),
  terms: personal(z.array(z.string())),
  performance_method: personal(z.string()),
}).strict();

/** followups.ndjson: a return visit (回访) after the agreement. */
export const FollowupLineSchema = z.object({
  ...live,
  case_uuid: Uuid,
  visited_on: Day,
  visitor_person_uuid: Uuid.nullable(),
  performance: PerformanceSchema.nullable(),
  satisfaction: SatisfactionSchema.nullable(),
  created_at: Instant,
  notes: personal(z.string()),
}).strict();

/** sweeps.ndjson: the committee's proactive checks of its area (排查). */
export const SweepLineSchema = z.object({
  ...live,
  swept_on: Day,
  found: z.number().int().nonnegative(),
  prevented: z.number().int().nonnegative(),
  created_at: Instant,
  /** The area checked (sweeps.scope) and the note: full level only. */
  area: personal(z.string()),
  note: personal(z.string()),
}).strict();

/** Each record file's live-line schema. */
export const RECORD_LINE_SCHEMAS = {
  'people.ndjson': PersonLineSchema,
  'cases.ndjson': CaseLineSchema,
  'parties.ndjson': PartyLineSchema,
  'sessions.ndjson': SessionLineSchema,
  'agreements.ndjson': AgreementLineSchema,
  'followups.ndjson': FollowupLineSchema,
  'sweeps.ndjson': SweepLineSchema,
} as const satisfies Record<RecordFile, z.ZodType>;

export type PersonLine = z.infer<typeof PersonLineSchema>;
export type CaseLine = z.infer<typeof CaseLineSchema>;
export type PartyLine = z.infer<typeof PartyLineSchema>;
export type SessionLine = z.infer<typeof SessionLineSchema>;
export type AgreementLine = z.infer<typeof AgreementLineSchema>;
export type FollowupLine = z.infer<typeof FollowupLineSchema>;
export type SweepLine = z.infer<typeof SweepLineSchema>;
export type RecordLine<F extends RecordFile> = z.infer<(typeof RECORD_LINE_SCHEMAS)[F]>;

/** The fields each file carries at `full` only; a de-identified line has none of them. */
export const PERSONAL_FIELDS = {
  'people.ndjson': ['name', 'phone'],
  'cases.ndjson': ['local_category', 'summary', 'requests', 'applicant_names', 'respondent_names', 'rejection_reason', 'termination_reason'],
  'parties.ndjson': ['name', 'ethnicity', 'birth_date', 'id_number', 'phone', 'address', 'occupation', 'credit_code', 'representative', 'representative_title'],
  'sessions.ndjson': ['place', 'parties_present', 'attendees', 'content', 'result', 'recorder'],
  'agreements.ndjson': ['facts', 'terms', 'performance_method'],
  'followups.ndjson': ['notes'],
  'sweeps.ndjson': ['area', 'note'],
} as const satisfies { [F in RecordFile]: readonly (keyof RecordLine<F>)[] };

/** A line of `file` at `level`: a deletion, or a live record (at `deidentified`, one without any personal field). */
export function recordLineSchema(file: RecordFile, level: Level): z.ZodType {
  const schema = RECORD_LINE_SCHEMAS[file] as z.ZodObject;
  const liveLine = level === 'full'
    ? schema
    : schema.omit(Object.fromEntries(PERSONAL_FIELDS[file].map((k) => [k, true])) as Record<string, true>);
  return z.union([DeletionLineSchema, liveLine]);
}

/** Parses one line of `file` at `level`, or returns the zod issues. */
export function parseRecordLine(file: RecordFile, level: Level, line: unknown) {
  return recordLineSchema(file, level).safeParse(line);
}
