import { z } from 'zod';
import type { Permission } from '../domain/permissions';
import {
  CaseCreateSchema, CaseDetailSchema, CaseListQuerySchema, CaseListSchema,
} from '../domain/case';
import { CommitteeSchema, PersonOptionSchema, SetupSchema, UserSchema } from '../domain/committee';
import { LedgerJobSchema, LedgerStartSchema, LedgerUploadSchema } from '../domain/ledger';
import {
  OfficeImportInputSchema, OfficeImportResultSchema, OfficeSetupInputSchema, OfficeSetupOutputSchema, OfficeStatsInputSchema, OfficeStatsSchema,
  OfficeStatusSchema, OfficeUploadSchema, RegisterCommitteeInputSchema, RegisterCommitteeOutputSchema,
} from '../domain/office';
import { CaseFileSchema } from '../domain/case-file';
import { PersonDetailSchema, PersonInputSchema, RelationInputSchema } from '../domain/people';
import { DocumentIdSchema, FileItemSchema, MeetingSchema } from '../domain/documents';
import {
  AcceptSchema, ArchiveSchema, AttachmentInputSchema, CloseSchema, ConcludeSchema, ConflictDecisionSchema, EscalationInputSchema,
  ExtendSchema, FollowupInputSchema, JcUpdateSchema, MemberInputSchema, PerformanceUpdateSchema, PreventionSchema,
  RecordInputSchema, RecusalDecisionSchema, RecusalRequestSchema, RejectSchema, RemoveMemberSchema, RetentionActionSchema,
  StartMediationSchema, TermPerformanceSchema,
} from '../domain/lifecycle';
import {
  AvailabilitySchema, CalendarMeetingSchema, ExceptionInputSchema, IcsExportSchema, IcsImportResultSchema, IcsImportSchema, MeetingCancelSchema,
  MeetingCheckSchema, MeetingCreateSchema, MeetingMoveSchema, MeetingRangeSchema, MeetingUpdateSchema, ScheduleResultSchema, ScheduledMeetingSchema,
  ScheduleSettingsSchema, SmsSchema, VenueInputSchema, VenueSchema, WeeklyHoursSchema, ClashSchema,
} from '../domain/scheduling';
import {
  DrillDownSchema, DrillInputSchema, PeriodSchema, ReportPdfInputSchema, SnapshotInputSchema, SnapshotSchema, SnapshotSummarySchema,
  StatisticsReportSchema, SweepInputSchema, SweepRangeSchema, SweepSchema, TrendInputSchema, TrendPointSchema,
} from '../domain/statistics';
import { LocalCategoryCreateSchema, LocalCategorySchema, LocalCategoryUpdateSchema } from '../domain/categories';
import {
  AccountSettingsSchema, ChangePasswordSchema, ResetPasswordSchema, UserAccountSchema, UserCreateSchema, UserUpdateSchema,
} from '../domain/accounts';
import {
  ExchangeExportInputSchema, ExchangeExportStartSchema, ExchangeInfoSchema, ExchangeJobSchema, RecipientSchema, SetRecipientsSchema,
} from '../domain/exchange-export';
import { ChangePassphraseSchema, RecoveryStatusSchema, SetEscrowSchema } from '../domain/recovery';
import { BackupRestoreInputSchema, BackupSchema, BackupSettingsSchema, BackupStatusSchema } from '../domain/backup';

interface ChannelSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  permission: Permission;
}
const channel = <I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>) => spec;

const none = z.object({}).strict();
const Id = z.object({ id: z.number().int().positive() }).strict();
const Done = z.object({});
const Created = z.object({ id: z.number().int() });
const Hit = z.object({ kind: z.string(), party: z.string(), evidence: z.string() });
const OpenCheck = z.object({ checkId: z.number().int(), hits: z.array(Hit) }).nullable();
const ConflictsOut = z.object({ conflicts: OpenCheck });
const MemberOut = z.object({ memberId: z.number().int(), conflicts: OpenCheck });
const ChecksOut = z.object({
  conflictChecks: z.array(z.object({
    id: z.number().int(), memberId: z.number().int().nullable(), personName: z.string(), hits: z.array(Hit),
    decision: z.enum(['withdraw', 'proceed']).nullable(), reason: z.string().nullable(), decidedAt: z.string().nullable(), createdAt: z.string(),
  })),
  recusals: z.array(z.object({
    id: z.number().int(), party: z.string().nullable(), mediator: z.string().nullable(), reason: z.string(),
    decision: z.enum(['replaced', 'refused']).nullable(), decisionReason: z.string().nullable(), replacement: z.string().nullable(),
    requestedAt: z.string(), decidedAt: z.string().nullable(),
  })),
});
const HistoryOut = z.object({
  chainIntact: z.boolean(),
  entries: z.array(z.object({ id: z.number().int(), at: z.string(), user: z.string().nullable(), action: z.string(), before: z.unknown(), after: z.unknown() })),
});
const RetentionDueOut = z.object({ id: z.number().int(), caseNo: z.string(), archivedOn: z.string(), retention: z.string(), expiredOn: z.string() });
const TodoItem = z.object({ id: z.number().int(), caseNo: z.string(), applicants: z.string(), leadMediator: z.string().nullable(), date: z.string(), mine: z.boolean() });
const TodoOut = z.object({
  today: z.string(), overdue: z.array(TodoItem), dueThisWeek: z.array(TodoItem), followupsDue: z.array(TodoItem), jcDeadlines: z.array(TodoItem),
});

export const AppStateSchema = z.enum(['uninitialized', 'locked', 'ready']);
export type AppState = z.infer<typeof AppStateSchema>;

/** Every channel: name → input schema, output schema, permission. The single source of truth. */
export const contract = {
  'app:status': channel({
    input: none,
    output: z.object({
      state: AppStateSchema, committee: CommitteeSchema.nullable(), user: UserSchema.nullable(),
      /** Once open: a committee's database or the city office's (EXCHANGE.md); null before set-up or while locked. */
      mode: z.enum(['committee', 'office']).nullable(),
    }),
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
    // mustChangePassword: the session may only change its password (and sign out) until it has (issue 7).
    output: UserSchema.extend({ mustChangePassword: z.boolean() }),
    permission: 'public',
  }),
  'auth:signOut': channel({ input: none, output: z.object({}), permission: 'signed_in' }),
  // Accounts (issue 7): the user's own password, the idle lock's heartbeat, and the admin's 设置 → 用户.
  'auth:changePassword': channel({ input: ChangePasswordSchema, output: Done, permission: 'signed_in' }),
  /** The renderer saw input: keeps the server-side idle clock in step with the screen's. */
  'auth:keepAlive': channel({ input: none, output: Done, permission: 'signed_in' }),
  /** The idle minutes every signed-in screen needs for its own lock timer. */
  'accounts:settings': channel({ input: none, output: AccountSettingsSchema, permission: 'signed_in' }),
  'accounts:saveSettings': channel({ input: AccountSettingsSchema, output: Done, permission: 'admin' }),
  'users:list': channel({ input: none, output: z.array(UserAccountSchema), permission: 'admin' }),
  'users:create': channel({ input: UserCreateSchema, output: Created, permission: 'admin' }),
  'users:update': channel({ input: UserUpdateSchema, output: Done, permission: 'admin' }),
  'users:disable': channel({ input: Id, output: Done, permission: 'admin' }),
  'users:enable': channel({ input: Id, output: Done, permission: 'admin' }),
  'users:resetPassword': channel({ input: ResetPasswordSchema, output: Done, permission: 'admin' }),
  'cases:create': channel({
    input: CaseCreateSchema.strict(),
    output: z.object({ id: z.number().int(), caseNo: z.string() }),
    permission: 'cases.write',
  }),
  'cases:list': channel({ input: CaseListQuerySchema.strict(), output: CaseListSchema, permission: 'cases.read' }),
  'cases:get': channel({ input: Id, output: CaseDetailSchema, permission: 'cases.read' }),
  'people:mediators': channel({ input: none, output: z.array(PersonOptionSchema), permission: 'cases.read' }),
  'people:list': channel({ input: none, output: z.array(PersonOptionSchema), permission: 'cases.read' }),
  'people:directory': channel({ input: none, output: z.array(PersonDetailSchema), permission: 'cases.read' }),
  'people:get': channel({ input: Id, output: PersonDetailSchema, permission: 'cases.read' }),
  'people:create': channel({ input: PersonInputSchema, output: Created, permission: 'cases.write' }),
  'people:update': channel({ input: z.object({ id: z.number().int().positive(), person: PersonInputSchema }).strict(), output: Done, permission: 'cases.write' }),
  'people:addRelation': channel({ input: RelationInputSchema, output: Created, permission: 'cases.write' }),
  'people:removeRelation': channel({
    input: z.object({ personId: z.number().int().positive(), relationId: z.number().int().positive() }).strict(), output: Done, permission: 'cases.write',
  }),

  // The lifecycle (DOMAIN.md): each step refused with its reason when the case's state forbids it.
  'cases:accept': channel({ input: AcceptSchema, output: ConflictsOut, permission: 'cases.write' }),
  'cases:reject': channel({ input: RejectSchema, output: Done, permission: 'cases.write' }),
  'cases:startMediation': channel({ input: StartMediationSchema, output: Done, permission: 'cases.write' }),
  'cases:extend': channel({ input: ExtendSchema, output: Done, permission: 'cases.write' }),
  'cases:conclude': channel({ input: ConcludeSchema, output: Done, permission: 'cases.write' }),
  'cases:performance': channel({ input: PerformanceUpdateSchema, output: Done, permission: 'cases.write' }),
  'cases:termPerformance': channel({ input: TermPerformanceSchema, output: Done, permission: 'cases.write' }),
  'cases:judicialConfirmation': channel({ input: JcUpdateSchema, output: Done, permission: 'cases.write' }),
  'cases:followup': channel({ input: FollowupInputSchema, output: Created, permission: 'cases.write' }),
  'cases:close': channel({ input: CloseSchema, output: Done, permission: 'cases.write' }),
  'cases:archive': channel({ input: ArchiveSchema, output: Done, permission: 'cases.write' }),
  'cases:addMember': channel({ input: MemberInputSchema, output: MemberOut, permission: 'cases.write' }),
  'cases:removeMember': channel({ input: RemoveMemberSchema, output: Done, permission: 'cases.write' }),
  'cases:decideConflict': channel({ input: ConflictDecisionSchema, output: Done, permission: 'cases.write' }),
  'cases:requestRecusal': channel({ input: RecusalRequestSchema, output: Created, permission: 'cases.write' }),
  'cases:decideRecusal': channel({ input: RecusalDecisionSchema, output: ConflictsOut, permission: 'cases.write' }),
  'cases:addRecord': channel({ input: RecordInputSchema, output: Created, permission: 'cases.write' }),
  'cases:addAttachment': channel({ input: AttachmentInputSchema, output: Created, permission: 'cases.write' }),
  'cases:attachment': channel({
    input: z.object({ caseId: z.number().int().positive(), id: z.number().int().positive() }).strict(),
    output: z.object({ name: z.string(), mime: z.string(), contentBase64: z.string() }),
    permission: 'cases.read',
  }),
  'cases:escalation': channel({ input: EscalationInputSchema, output: Created, permission: 'cases.write' }),
  'cases:prevention': channel({ input: PreventionSchema, output: Done, permission: 'cases.write' }),
  'cases:file': channel({ input: Id, output: CaseFileSchema, permission: 'cases.read' }),
  'cases:checks': channel({ input: Id, output: ChecksOut, permission: 'cases.read' }),
  'cases:history': channel({ input: Id, output: HistoryOut, permission: 'cases.read' }),
  'cases:retentionDue': channel({ input: none, output: z.array(RetentionDueOut), permission: 'admin' }),
  'cases:anonymise': channel({ input: RetentionActionSchema, output: Done, permission: 'admin' }),
  'cases:destroy': channel({ input: RetentionActionSchema, output: Done, permission: 'admin' }),
  'dashboard:todo': channel({ input: none, output: TodoOut, permission: 'cases.read' }),
  // A printable document as HTML for the preview (electron/documents); printing itself is main-process only.
  'documents:render': channel({
    input: z.object({
      caseId: z.number().int().positive(),
      document: DocumentIdSchema,
      meeting: MeetingSchema.optional(),
      /** A scheduled meeting's 调解通知书: the meeting's time, venue and invited parties fill the notice. */
      meetingId: z.number().int().positive().optional(),
      /** One investigation or mediation record, or one follow-up (回访记录); all of them when absent. */
      recordId: z.number().int().positive().optional(),
    }).strict(),
    output: z.object({ html: z.string(), title: z.string() }),
    permission: 'cases.read',
  }),
  /** Saves a document as PDF where the app can (Electron's printToPDF and a save dialog); refused in the preview. */
  'documents:savePdf': channel({
    input: z.object({ caseId: z.number().int().positive(), document: DocumentIdSchema, recordId: z.number().int().positive().optional() }).strict(),
    output: z.object({ saved: z.boolean() }),
    permission: 'cases.read',
  }),
  /** A document sent to the printer from the preview frame: recorded like every print (Art 15). */
  'documents:printed': channel({
    input: z.object({ caseId: z.number().int().positive(), document: DocumentIdSchema }).strict(), output: Done, permission: 'cases.read',
  }),
  /** The required (R) items of the 卷内目录 the case's file still lacks. */
  'documents:missing': channel({
    input: z.object({ caseId: z.number().int().positive() }).strict(),
    output: z.array(FileItemSchema),
    permission: 'cases.read',
  }),

  // Scheduling (issue 4): venues, availability, meetings with their clashes, reminders, iCalendar.
  'venues:list': channel({ input: none, output: z.array(VenueSchema), permission: 'cases.read' }),
  'venues:create': channel({ input: VenueInputSchema, output: Created, permission: 'schedule.write' }),
  'venues:update': channel({ input: z.object({ id: z.number().int().positive(), venue: VenueInputSchema }).strict(), output: Done, permission: 'schedule.write' }),
  'availability:get': channel({ input: z.object({ personId: z.number().int().positive() }).strict(), output: AvailabilitySchema, permission: 'cases.read' }),
  /** Replaces the person's weekly hours. */
  'availability:setWeekly': channel({
    input: z.object({ personId: z.number().int().positive(), weekly: z.array(WeeklyHoursSchema).max(50) }).strict(), output: Done, permission: 'schedule.write',
  }),
  'availability:addException': channel({ input: ExceptionInputSchema, output: Created, permission: 'schedule.write' }),
  'availability:removeException': channel({
    input: z.object({ personId: z.number().int().positive(), id: z.number().int().positive() }).strict(), output: Done, permission: 'schedule.write',
  }),
  /** Busy times from a volunteer's own calendar (.ics): re-importing the same file updates, never duplicates. */
  'availability:importIcs': channel({ input: IcsImportSchema, output: IcsImportResultSchema, permission: 'schedule.write' }),
  /** The clashes a meeting would have, without writing anything. */
  'schedule:check': channel({ input: MeetingCheckSchema, output: z.object({ clashes: z.array(ClashSchema) }), permission: 'cases.read' }),
  'schedule:create': channel({ input: MeetingCreateSchema, output: ScheduleResultSchema, permission: 'schedule.write' }),
  /** Changes a meeting: its times, venue, people, parties, purpose, note. */
  'schedule:update': channel({ input: MeetingUpdateSchema, output: ScheduleResultSchema, permission: 'schedule.write' }),
  /** A drag or a stretch in the calendar: new times only, everything else as it is; the same clash check and refusal. */
  'schedule:move': channel({ input: MeetingMoveSchema, output: ScheduleResultSchema, permission: 'schedule.write' }),
  'schedule:cancel': channel({ input: MeetingCancelSchema, output: Done, permission: 'schedule.write' }),
  'schedule:get': channel({ input: Id, output: ScheduledMeetingSchema, permission: 'cases.read' }),
  /** The calendar: each meeting as little as an event shows; the drawer reads the whole one with schedule:get. */
  'schedule:range': channel({ input: MeetingRangeSchema, output: z.array(CalendarMeetingSchema), permission: 'cases.read' }),
  /** 会议安排 on a case: all its meetings whole (people, parties), past and coming, cancelled ones included. */
  'schedule:caseMeetings': channel({
    input: z.object({ caseId: z.number().int().positive() }).strict(), output: z.array(ScheduledMeetingSchema), permission: 'cases.read',
  }),
  /** The next 7 days' meetings for 工作台: the signed-in user's, then the committee's. */
  'schedule:upcoming': channel({
    input: none,
    output: z.object({ mine: z.array(ScheduledMeetingSchema), committee: z.array(ScheduledMeetingSchema), reminderMinutes: z.number().int() }),
    permission: 'cases.read',
  }),
  /** Meetings starting within the reminder time not yet announced to this user; each is announced once (a desktop notification where the app can). */
  'schedule:dueReminders': channel({ input: none, output: z.array(ScheduledMeetingSchema), permission: 'cases.read' }),
  'schedule:sms': channel({ input: Id, output: z.array(SmsSchema), permission: 'cases.read' }),
  'schedule:exportIcs': channel({ input: IcsExportSchema, output: z.object({ fileName: z.string(), ics: z.string() }), permission: 'cases.read' }),
  'schedule:settings': channel({ input: none, output: ScheduleSettingsSchema, permission: 'cases.read' }),
  'schedule:saveSettings': channel({ input: ScheduleSettingsSchema, output: Done, permission: 'admin' }),

  // Statistics (issue 5, STATISTICS.md): the figures, the cases behind each, the sweep log, frozen reports.
  'stats:report': channel({ input: PeriodSchema, output: StatisticsReportSchema, permission: 'stats.read' }),
  /** The cases a figure counts, by its key path (`accepted_by_category.neighbour`, `by_mediator.3.success`). */
  'stats:cases': channel({ input: DrillInputSchema, output: DrillDownSchema, permission: 'stats.read' }),
  'stats:sweeps': channel({ input: SweepRangeSchema, output: z.array(SweepSchema), permission: 'stats.read' }),
  'stats:sweepAdd': channel({ input: SweepInputSchema, output: Created, permission: 'stats.write' }),
  'stats:sweepRemove': channel({ input: Id, output: Done, permission: 'stats.write' }),
  /** Freezes the period's report as sent or exported: shown again exactly, whatever changes later. */
  'stats:snapshot': channel({ input: SnapshotInputSchema, output: SnapshotSummarySchema, permission: 'stats.write' }),
  'stats:snapshots': channel({ input: none, output: z.array(SnapshotSummarySchema), permission: 'stats.read' }),
  'stats:snapshotGet': channel({ input: Id, output: SnapshotSchema, permission: 'stats.read' }),
  /** `--format csv` for the screen's 导出 CSV: the period's report, or a frozen snapshot's exactly as frozen. */
  'stats:csv': channel({
    input: z.union([PeriodSchema, z.object({ snapshotId: z.number().int().positive() }).strict()]),
    output: z.object({ fileName: z.string(), csv: z.string() }),
    permission: 'stats.read',
  }),
  /**
   * The XLSX workbook (月报 in the Ministry's form, every figure, the cases behind them, by mediator). Exporting freezes
   * the report as 'exported' and the workbook shows that snapshot: stats.write, as freezing does (stats:snapshot).
   */
  'stats:exportXlsx': channel({
    input: PeriodSchema,
    // The desktop streams the workbook to the file the user picks (saved; snapshotId null if the dialog was
    // cancelled, nothing frozen); the preview has no disk and sends the bytes back for the browser's download.
    output: z.object({ fileName: z.string(), snapshotId: z.number().int().nullable(), saved: z.boolean(), contentBase64: z.string().optional() }),
    permission: 'stats.write',
  }),
  /**
   * 存为PDF (the desktop only; refused in the preview): the period's report frozen as 'exported' and printed from that
   * snapshot, or a frozen snapshot printed as it is. stats.write, as the XLSX export.
   */
  'stats:savePdf': channel({
    input: ReportPdfInputSchema,
    output: z.object({ saved: z.boolean(), fileName: z.string(), snapshotId: z.number().int() }),
    permission: 'stats.write',
  }),
  /** The 图表 trend: accepted, success and success rate of each month up to `to`, in one read. */
  'stats:trend': channel({ input: TrendInputSchema, output: z.array(TrendPointSchema), permission: 'stats.read' }),

  // Ledger import (issue 5, LEDGER.md): the file goes up in chunks, the import runs as a job the window polls.
  'ledger:upload': channel({ input: LedgerUploadSchema, output: z.object({ uploadId: z.string(), size: z.number().int() }), permission: 'stats.write' }),
  /** Starts a dry run (the preview and report) or the import of an uploaded ledger; returns at once with the job. */
  'ledger:start': channel({ input: LedgerStartSchema, output: z.object({ jobId: z.string() }), permission: 'stats.write' }),
  'ledger:progress': channel({ input: z.object({ jobId: z.string().min(1).max(64) }).strict(), output: LedgerJobSchema, permission: 'stats.write' }),

  // The exchange with the office, committee side (issue 6, EXCHANGE.md): keys, recipients, an export job the window polls.
  'exchange:info': channel({ input: none, output: ExchangeInfoSchema, permission: 'stats.write' }),
  'exchange:setRecipients': channel({ input: SetRecipientsSchema, output: z.object({ recipients: z.array(RecipientSchema) }), permission: 'admin' }),
  /** Asks where to save (desktop; jobId null if cancelled), then writes the next package as a job; the preview downloads it. */
  'exchange:export': channel({ input: ExchangeExportInputSchema, output: ExchangeExportStartSchema, permission: 'stats.write' }),
  'exchange:progress': channel({ input: z.object({ jobId: z.string().min(1).max(64) }).strict(), output: ExchangeJobSchema, permission: 'stats.write' }),

  // The city office (issue 6, EXCHANGE.md): an office database pins committees' keys, imports their packages in order and
  // compiles the city's figures. Refused in a committee's database.
  /** First run in office mode: a new office database, its age identity (new, or age-keygen's file) and the first admin. */
  'office:setup': channel({ input: OfficeSetupInputSchema, output: OfficeSetupOutputSchema, permission: 'public' }),
  /** The office's keys, every pinned committee (fingerprint, stations with their last sequence and accepted gaps), recent receipts. */
  'office:status': channel({ input: none, output: OfficeStatusSchema, permission: 'office' }),
  /** Pins a committee's signing key; a different key for a known code only with `replace`, audited. */
  'office:register': channel({ input: RegisterCommitteeInputSchema, output: RegisterCommitteeOutputSchema, permission: 'admin' }),
  /** A package goes up in chunks, as ledger:upload; office:import names the uploads (or, in the desktop app, chosen paths). */
  'office:upload': channel({ input: OfficeUploadSchema, output: z.object({ uploadId: z.string(), size: z.number().int() }), permission: 'office' }),
  /** Verifies and applies the packages in order; stops at the first refusal, the ones before it stay applied. */
  'office:import': channel({ input: OfficeImportInputSchema, output: OfficeImportResultSchema, permission: 'office' }),
  /** A month's figures: the city's (one row per committee plus the total) or one committee's, with differences from its packages. */
  'office:stats': channel({ input: OfficeStatsInputSchema, output: OfficeStatsSchema, permission: 'office' }),
  'office:exportXlsx': channel({ input: OfficeStatsInputSchema, output: z.object({ fileName: z.string(), contentBase64: z.string() }), permission: 'office' }),

  // Local dispute categories (DOMAIN.md): each rolls up into one of the 15 national ones; cases are written with the roll-up.
  /** Active and inactive, with their case counts: the case form, the list's filter and 设置 → 纠纷类型 read it. */
  'categories:list': channel({ input: none, output: z.array(LocalCategorySchema), permission: 'signed_in' }),
  'categories:create': channel({ input: LocalCategoryCreateSchema, output: Created, permission: 'admin' }),
  /** Rename, deactivate or reactivate; the roll-up changes only while no case uses the category. */
  'categories:update': channel({ input: LocalCategoryUpdateSchema, output: Done, permission: 'admin' }),

  // Recovery (issue 7): a new recovery passphrase rewraps the data key only; the optional escrow to the office's key.
  'recovery:status': channel({ input: none, output: RecoveryStatusSchema, permission: 'admin' }),
  /** The current passphrase, or (unlocked by the key store) the admin's password; the new one twice. Audited. */
  'recovery:changePassphrase': channel({ input: ChangePassphraseSchema, output: Done, permission: 'admin' }),
  'recovery:setEscrow': channel({ input: SetEscrowSchema, output: RecoveryStatusSchema, permission: 'admin' }),

  // Backups (issue 7): encrypted copies in the admin's folder, daily, before migrations and on demand; restore after checks.
  'backup:status': channel({ input: none, output: BackupStatusSchema, permission: 'admin' }),
  'backup:saveSettings': channel({ input: BackupSettingsSchema, output: BackupSettingsSchema, permission: 'admin' }),
  /** The desktop folder dialog; refused in the preview, where the path is typed. */
  'backup:chooseFolder': channel({ input: none, output: z.object({ folder: z.string().nullable() }), permission: 'admin' }),
  'backup:create': channel({ input: none, output: BackupSchema, permission: 'admin' }),
  /** Checks, takes a safety backup, swaps the file in and reopens; the session is signed out. */
  'backup:restore': channel({ input: BackupRestoreInputSchema, output: z.object({ restored: z.string(), safetyBackup: z.string() }), permission: 'admin' }),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type Output<C extends Channel> = z.infer<Contract[C]['output']>;

export const CHANNELS = Object.keys(contract) as Channel[];
export const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
