import { z } from 'zod';
import { CalendarDateSchema } from './case';

/**
 * Scheduling mediation meetings (issue 4): venues, people's availability, meetings and their clashes.
 * Times cross the wire as ISO-8601 instants; weekly hours are Asia/Shanghai wall-clock times.
 */

/** 调解室 · 社区办公室 · 上门 · 线上视频. Home visits never clash with each other; the others are booked. */
export const VENUE_KINDS = ['room', 'office', 'home_visit', 'online'] as const;
export const VenueKindSchema = z.enum(VENUE_KINDS);
export type VenueKind = z.infer<typeof VenueKindSchema>;
/** Venues that one meeting at a time occupies. */
export const EXCLUSIVE_VENUE_KINDS: readonly VenueKind[] = ['room', 'office', 'online'];

const Id = z.number().int().positive();
const Instant = z.iso.datetime({ offset: true });
const optionalText = (max: number) => z.string().trim().max(max).optional();

export const VenueInputSchema = z.object({
  name: z.string().trim().min(1, { message: '请填写场所名称' }).max(60),
  kind: VenueKindSchema,
  /** Seats; required for a room or office (the capacity clash), absent for home visits and online. */
  capacity: z.number().int().min(1).max(500).optional(),
  address: optionalText(200),
  /** The video meeting's link, for an online venue. */
  link: z.url({ message: '请填写以 https:// 开头的会议链接' }).max(500).optional(),
  note: optionalText(500),
  active: z.boolean().default(true),
}).strict();
export const VenueSchema = z.object({
  id: z.number().int(), name: z.string(), kind: VenueKindSchema, capacity: z.number().int().nullable(),
  address: z.string().nullable(), link: z.string().nullable(), note: z.string().nullable(), active: z.boolean(),
});
export type Venue = z.infer<typeof VenueSchema>;

/** HH:mm, 24-hour, Asia/Shanghai. */
export const ClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: '时间格式应为 时:分，例如 09:00' });
/** Weekly hours: Monday is 1, Sunday 7 (weeks start on Monday). */
export const WeeklyHoursSchema = z.object({ weekday: z.number().int().min(1).max(7), start: ClockTimeSchema, end: ClockTimeSchema }).strict();
export type WeeklyHours = z.infer<typeof WeeklyHoursSchema>;

/** 请假 · 其他公务 · 忙碌 (busy, e.g. imported from the person's own calendar). */
export const EXCEPTION_KINDS = ['leave', 'duty', 'busy'] as const;
export const ExceptionKindSchema = z.enum(EXCEPTION_KINDS);
export const ExceptionInputSchema = z.object({
  personId: Id, startsAt: Instant, endsAt: Instant, kind: ExceptionKindSchema, note: optionalText(200),
}).strict();
export const ExceptionSchema = z.object({
  id: z.number().int(), startsAt: z.string(), endsAt: z.string(), kind: ExceptionKindSchema, note: z.string().nullable(),
  /** `manual`, or `ics` for busy times imported from a calendar file (updated, not duplicated, on re-import). */
  source: z.enum(['manual', 'ics']),
});
export const AvailabilitySchema = z.object({
  personId: z.number().int(),
  /** Empty: no hours recorded, so availability is not checked for this person. */
  weekly: z.array(WeeklyHoursSchema),
  exceptions: z.array(ExceptionSchema),
});
export type Availability = z.infer<typeof AvailabilitySchema>;

/** Meetings last from 15 minutes to 12 hours (also what bounds the clash query). */
export const MEETING_MIN_MINUTES = 15;
export const MEETING_MAX_MINUTES = 12 * 60;

/** A meeting as proposed: created, or changed (`meetingId` excludes itself from the clash check). */
export const MeetingDraftSchema = z.object({
  caseId: Id,
  startsAt: Instant,
  endsAt: Instant,
  venueId: Id,
  /** 首次调解, 背对背调解, 现场查看 … */
  purpose: optionalText(100),
  /** People from the case team (persons.id). */
  personIds: z.array(Id).max(50).default([]),
  /** The case's parties invited (parties.id). */
  partyIds: z.array(Id).max(200).default([]),
  note: optionalText(1000),
}).strict();
export type MeetingDraft = z.input<typeof MeetingDraftSchema>;

export const CLASH_KINDS = ['person_busy', 'room_busy', 'unavailable', 'party_busy', 'after_deadline', 'room_capacity'] as const;
export const ClashKindSchema = z.enum(CLASH_KINDS);
export type ClashKind = z.infer<typeof ClashKindSchema>;

/** The meeting a clash is with. */
export const ClashWithSchema = z.object({
  meetingId: z.number().int(), caseId: z.number().int(), caseNo: z.string(), startsAt: z.string(), endsAt: z.string(), venue: z.string(),
});
/** One clash, with what it clashes with; `message` is the Chinese sentence (CLI, logs, audit). */
export const ClashSchema = z.object({
  kind: ClashKindSchema,
  /** Who or what: the person, the party, the room. */
  subject: z.string(),
  with: ClashWithSchema.nullable(),
  /** unavailable: the leave or duty, or the hours kept; after_deadline: the due date; room_capacity: seats and invited. */
  detail: z.object({
    exceptionKind: ExceptionKindSchema.optional(), exceptionNote: z.string().nullable().optional(),
    exceptionStartsAt: z.string().optional(), exceptionEndsAt: z.string().optional(), outsideHours: z.boolean().optional(),
    dueOn: CalendarDateSchema.optional(), capacity: z.number().int().optional(), invited: z.number().int().optional(),
  }).default({}),
  message: z.string(),
});
export type Clash = z.infer<typeof ClashSchema>;

/** Created or changed: or refused with the clashes when they exist and no reason was given (nothing written). */
export const ScheduleResultSchema = z.object({ id: z.number().int().nullable(), clashes: z.array(ClashSchema) });

/** Going ahead despite clashes needs a reason, which is recorded with the clashes. */
const OverrideReason = z.string().trim().min(1, { message: '请填写仍然安排的理由' }).max(500).optional();
export const MeetingCreateSchema = MeetingDraftSchema.extend({ overrideReason: OverrideReason }).strict();
export const MeetingUpdateSchema = MeetingDraftSchema.omit({ caseId: true }).extend({ id: Id, overrideReason: OverrideReason }).strict();
export const MeetingCheckSchema = MeetingDraftSchema.extend({ meetingId: Id.optional() }).strict();
/** A drag or a stretch in the calendar: new times only; the venue, people, parties, purpose and note stay. */
export const MeetingMoveSchema = z.object({ id: Id, startsAt: Instant, endsAt: Instant, overrideReason: OverrideReason }).strict();
export const MeetingCancelSchema = z.object({ id: Id, reason: z.string().trim().min(1, { message: '请填写取消的原因' }).max(500) }).strict();

export const MEETING_STATUSES = ['scheduled', 'cancelled'] as const;
export const ScheduledMeetingSchema = z.object({
  id: z.number().int(),
  /** Stable across changes: the iCalendar UID. */
  uid: z.string(),
  /** iCalendar SEQUENCE: bumped by every change. */
  sequence: z.number().int(),
  caseId: z.number().int(),
  caseNo: z.string(),
  /** The applicants' names, for a calendar title. */
  caseTitle: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  venue: VenueSchema,
  status: z.enum(MEETING_STATUSES),
  cancelReason: z.string().nullable(),
  purpose: z.string().nullable(),
  note: z.string().nullable(),
  people: z.array(z.object({ personId: z.number().int(), name: z.string(), role: z.string().nullable() })),
  parties: z.array(z.object({ partyId: z.number().int(), name: z.string(), role: z.string(), phone: z.string().nullable() })),
  /** The clashes accepted when it was scheduled or last changed, and why. */
  override: z.object({ reason: z.string(), clashes: z.array(ClashSchema) }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ScheduledMeeting = z.infer<typeof ScheduledMeetingSchema>;

/**
 * A meeting as the calendar shows it: what an event needs (title, colour by venue kind, cancelled
 * greyed), read in one statement. The drawer loads the whole meeting (`schedule:get`).
 */
export const CalendarMeetingSchema = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  caseNo: z.string(),
  caseTitle: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  venue: z.object({ id: z.number().int(), name: z.string(), kind: VenueKindSchema }),
  status: z.enum(MEETING_STATUSES),
  purpose: z.string().nullable(),
});
export type CalendarMeeting = z.infer<typeof CalendarMeetingSchema>;

/** The calendar's query: a window, and whose calendar (one person, one room, one case or the committee). */
export const MeetingRangeSchema = z.object({
  from: Instant, to: Instant,
  personId: Id.optional(), venueId: Id.optional(), caseId: Id.optional(),
  includeCancelled: z.boolean().default(true),
}).strict();

/** What an .ics export covers: one meeting, a person's schedule, a room's, one case's, or the whole committee's. */
export const IcsExportSchema = z.object({
  meetingId: Id.optional(), personId: Id.optional(), venueId: Id.optional(), caseId: Id.optional(),
  /** The window for a schedule export; defaults to 90 days back and 365 ahead. */
  from: Instant.optional(), to: Instant.optional(),
}).strict();
export const IcsImportSchema = z.object({ personId: Id, ics: z.string().min(1).max(5_000_000) }).strict();
export const IcsImportResultSchema = z.object({ added: z.number().int(), updated: z.number().int(), removed: z.number().int(), skipped: z.number().int() });

/** Committee-wide: how long before a meeting the reminder comes, and the phone a notice gives. */
export const ScheduleSettingsSchema = z.object({
  reminderMinutes: z.number().int().min(5).max(7 * 24 * 60),
  contactPhone: z.string().trim().max(40).nullable(),
}).strict();
export type ScheduleSettings = z.infer<typeof ScheduleSettingsSchema>;
export const DEFAULT_SCHEDULE_SETTINGS: ScheduleSettings = { reminderMinutes: 60, contactPhone: null };

/** The text of an SMS to one party, to copy into a phone. */
export const SmsSchema = z.object({ partyId: z.number().int(), name: z.string(), phone: z.string().nullable(), text: z.string() });
