import { z } from 'zod';
import { CalendarDateSchema } from './case';

/** The printable case-file documents (DOCUMENTS.md); templates live in electron/documents/. */
export const DOCUMENT_IDS = [
  'application', // 人民调解申请书
  'registration', // 人民调解受理登记表
  'rights_notice', // 人民调解当事人权利义务告知书
  'investigation_record', // 人民调解调查记录
  'mediation_record', // 人民调解记录
  'agreement', // 人民调解协议书
  'oral_agreement', // 口头协议登记表
  'followup_record', // 人民调解回访记录
  'closing_report', // 结案报告表
  'cover', // 卷宗封面
  'contents', // 卷内目录
  'meeting_notice', // 调解通知书
] as const;
export const DocumentIdSchema = z.enum(DOCUMENT_IDS);
/** The minutes themselves: printed only with `cases.minutes` (shared/domain/permissions.ts). */
export const MINUTES_DOCUMENT_IDS: readonly DocumentId[] = ['investigation_record', 'mediation_record'];
export type DocumentId = z.infer<typeof DocumentIdSchema>;

/** The meeting a 调解通知书 announces: it is scheduled, not yet part of the case file. */
export const MeetingSchema = z.object({
  startsAt: z.iso.datetime({ offset: true }),
  place: z.string().trim().min(1, { message: '请填写调解地点' }).max(200),
  /** The committee's phone for questions; blank lines when absent. */
  contactPhone: z.string().trim().max(40).optional(),
  /** What to bring; the notice lists ID card and evidence when absent. */
  bring: z.array(z.string().trim().min(1).max(200)).max(10).optional(),
  /** The parties notified, one page each; every party when absent. */
  partyIds: z.array(z.number().int().positive()).max(200).optional(),
  issuedOn: CalendarDateSchema.optional(),
}).strict();
export type Meeting = z.infer<typeof MeetingSchema>;

/** An item of the 卷内目录 (1–13) the case's file still lacks. */
export const FileItemSchema = z.object({ item: z.number().int().min(1).max(13), title: z.string(), required: z.boolean() });
export type FileItem = z.infer<typeof FileItemSchema>;
