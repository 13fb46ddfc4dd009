import { z } from 'zod';
import type { Issue } from '../ipc/result';
import { isCalendarDate } from './dates';
import { CATEGORIES, CATEGORY_ZH, CHANNEL_BUCKETS, PROFESSIONS, type Category, type ChannelBucket, type Profession } from './enums';

// The figures of STATISTICS.md: one object feeds the screen, the CSV/XLSX exports, the CLI and the roll-up.

export const PREVENTED_KINDS = ['criminal', 'suicide', 'group_petition', 'group_fight'] as const;
export type PreventedKind = (typeof PREVENTED_KINDS)[number];

const DATE_MESSAGE = '请填写有效的日期（年-月-日，如2026-03-01）';

/** What is wrong with a period, in Chinese; empty when it is a period (whole days, both ends included). */
export function periodIssues(from: string, to: string): Issue[] {
  const issues: Issue[] = [];
  if (!isCalendarDate(from)) issues.push({ path: 'from', key: 'validation.date.invalid', message: `统计起始日期无效：${DATE_MESSAGE}` });
  if (!isCalendarDate(to)) issues.push({ path: 'to', key: 'validation.date.invalid', message: `统计截止日期无效：${DATE_MESSAGE}` });
  if (!issues.length && from > to) {
    issues.push({ path: 'to', key: 'validation.period.order', message: `统计截止日期（${to}）不能早于起始日期（${from}）` });
  }
  return issues;
}

const Day = z.string().trim();
export const PeriodSchema = z.object({ from: Day, to: Day }).strict().superRefine((p, ctx) => {
  for (const i of periodIssues(p.from, p.to)) ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
});
export type Period = z.infer<typeof PeriodSchema>;

const Count = z.number().int().nonnegative();
const Rate = z.number().min(0).max(1).nullable();
const byKey = <K extends string>(keys: readonly K[], value: z.ZodType<number>) =>
  z.object(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, z.ZodType<number>>).strict();

export const MediatorFiguresSchema = z.object({ id: z.number().int(), name: z.string(), accepted: Count, success: Count }).strict();

/** The machine-readable report (STATISTICS.md): exactly these keys, in this order. */
export const StatisticsReportSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }).strict(),
  as_of: z.string(),
  committee: z.object({ code: z.string(), name: z.string() }).strict(),
  registered: Count,
  rejected: Count,
  accepted: Count,
  accepted_by_bucket: byKey(CHANNEL_BUCKETS, Count),
  accepted_by_category: byKey(CATEGORIES, Count),
  concluded: Count,
  success: Count,
  failed: Count,
  withdrawn: Count,
  success_rate: Rate,
  success_by_category: byKey(CATEGORIES, Count),
  written_agreements: Count,
  oral_agreements: Count,
  agreement_amount_wan: z.number().nonnegative(),
  persons_involved: Count,
  performed: Count,
  jc_applied: Count,
  jc_confirmed: Count,
  prevented: z.object(Object.fromEntries(PREVENTED_KINDS.map((k) => [k, z.object({ cases: Count, persons: Count }).strict()])) as
    Record<PreventedKind, z.ZodObject<{ cases: typeof Count; persons: typeof Count }>>).strict(),
  pending_at_end: Count,
  overdue_at_end: Count,
  satisfaction: z.object({ recorded: Count, satisfied: Count, fairly_satisfied: Count, dissatisfied: Count, rate: Rate }).strict(),
  by_mediator: z.array(MediatorFiguresSchema),
  sweeps: Count,
  sweep_found: Count,
  prevented_disputes: Count,
  team: z.object({
    people: Count, mediators: Count, full_time: Count, part_time: Count, by_profession: byKey(PROFESSIONS, Count),
  }).strict(),
}).strict();
export type StatisticsReport = z.infer<typeof StatisticsReportSchema>;

/** One case behind a figure; `value` is what it adds: 1 for a count, its amount or persons for a sum, 0/1 (in the numerator) for a rate. */
export const DrillRowSchema = z.object({
  id: z.number().int(), caseNo: z.string(), status: z.string(), category: z.string(), channel: z.string(),
  registeredOn: z.string(), acceptedOn: z.string().nullable(), concludedOn: z.string().nullable(),
  leadMediator: z.string().nullable(), applicants: z.string().nullable(),
  /** The local category the case was registered under (its `category` is the roll-up the figures count). */
  localCategory: z.string().nullable(),
  value: z.number(),
});
export type DrillRow = z.infer<typeof DrillRowSchema>;

export const DrillInputSchema = z.object({ from: Day, to: Day, figure: z.string().trim().min(1).max(100) }).strict()
  .superRefine((p, ctx) => {
    for (const i of periodIssues(p.from, p.to)) ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
  });
/** `unit` says what a row's value is in: a case (counts and rates), fen (agreement_amount_wan) or persons. */
export const DrillDownSchema = z.object({
  figure: z.string(), label: z.string(), kind: z.enum(['count', 'sum', 'rate']), unit: z.enum(['case', 'fen', 'person']),
  cases: z.array(DrillRowSchema),
});
export type DrillDown = z.infer<typeof DrillDownSchema>;

export const SweepInputSchema = z.object({
  sweptOn: Day.refine(isCalendarDate, { message: `排查日期无效：${DATE_MESSAGE}` }),
  scope: z.string().trim().min(1, { message: '请填写排查范围（如第一网格、工业园区）' }).max(200),
  found: z.number({ message: '请填写排查发现纠纷件数' }).int({ message: '件数应为整数' }).min(0, { message: '件数不能为负数' }).max(100_000),
  prevented: z.number({ message: '请填写预防纠纷件数' }).int({ message: '件数应为整数' }).min(0, { message: '件数不能为负数' }).max(100_000),
  note: z.string().trim().max(1000).optional(),
}).strict();
export type SweepInput = z.input<typeof SweepInputSchema>;

export const SweepSchema = z.object({
  id: z.number().int(), sweptOn: z.string(), scope: z.string(), found: Count, prevented: Count, note: z.string().nullable(),
  createdBy: z.string().nullable(), createdAt: z.string(),
});
export type Sweep = z.infer<typeof SweepSchema>;

export const SweepRangeSchema = z.object({ from: Day.optional(), to: Day.optional() }).strict().superRefine((p, ctx) => {
  if (p.from !== undefined || p.to !== undefined) {
    for (const i of periodIssues(p.from ?? '1900-01-01', p.to ?? '9999-12-31')) ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
  }
});

export const SNAPSHOT_REASONS = ['sent', 'exported'] as const;
export const SnapshotInputSchema = z.object({ from: Day, to: Day, reason: z.enum(SNAPSHOT_REASONS) }).strict().superRefine((p, ctx) => {
  for (const i of periodIssues(p.from, p.to)) ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
});
export const SnapshotSummarySchema = z.object({
  id: z.number().int(), from: z.string(), to: z.string(), asOf: z.string(), reason: z.enum(SNAPSHOT_REASONS),
  sha256: z.string(), createdBy: z.string().nullable(), createdAt: z.string(),
});
export type SnapshotSummary = z.infer<typeof SnapshotSummarySchema>;
export const SnapshotSchema = SnapshotSummarySchema.extend({ figures: StatisticsReportSchema });
export type Snapshot = z.infer<typeof SnapshotSchema>;

/** 存为PDF: the period's report (frozen as 'exported' first) or a frozen snapshot as it is. */
export const ReportPdfInputSchema = z.union([PeriodSchema, z.object({ snapshotId: z.number().int().positive() }).strict()]);
export type ReportPdfInput = z.infer<typeof ReportPdfInputSchema>;

/** The 图表 trend: the months up to and including `to` (YYYY-MM), oldest first. */
export const TrendInputSchema = z.object({
  to: z.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份无效：请按“年-月”填写，如2026-03' }),
  months: z.number().int().min(1).max(36).default(12),
}).strict();
export const TrendPointSchema = z.object({ month: z.string(), accepted: Count, success: Count, success_rate: Rate }).strict();
export type TrendPoint = z.infer<typeof TrendPointSchema>;

// Chinese labels of every key path (STATISTICS.md's 中文 column), for the CSV and drill-down titles.
const BUCKET_ZH: Record<ChannelBucket, string> = { application: '申请', initiative: '主动', referral: '委托移送' };
const PREVENTED_ZH: Record<PreventedKind, string> = {
  criminal: '防止民间纠纷转化为刑事案件', suicide: '防止民间纠纷引起自杀', group_petition: '防止群体性上访', group_fight: '防止群体性械斗',
};
const PROFESSION_ZH: Record<Profession, string> = {
  mediator: '人民调解员', lawyer: '律师', social_worker: '社会工作者', counsellor: '心理咨询师', volunteer: '法律援助志愿者',
};
const SATISFACTION_ZH = { recorded: '已记录', satisfied: '满意', fairly_satisfied: '基本满意', dissatisfied: '不满意', rate: '满意率' } as const;

export const FIGURE_LABELS: Record<string, string> = {
  'period.from': '统计期间（起）', 'period.to': '统计期间（止）', as_of: '统计时点',
  'committee.code': '调解委员会代码', 'committee.name': '调解委员会名称',
  registered: '登记数', rejected: '不予受理数', accepted: '受理数',
  accepted_by_bucket: '受理数（按来源）', accepted_by_category: '受理数（按类型）', success_by_category: '成功数（按类型）',
  prevented: '防激化', satisfaction: '回访满意度', by_mediator: '按调解员', team: '组织队伍',
  ...Object.fromEntries(CHANNEL_BUCKETS.map((b) => [`accepted_by_bucket.${b}`, `受理数（按来源）·${BUCKET_ZH[b]}`])),
  ...Object.fromEntries(CATEGORIES.map((c: Category) => [`accepted_by_category.${c}`, `受理数（按类型）·${CATEGORY_ZH[c]}`])),
  concluded: '调结数', success: '调解成功数', failed: '调解不成功数', withdrawn: '撤回终止数', success_rate: '调解成功率',
  ...Object.fromEntries(CATEGORIES.map((c: Category) => [`success_by_category.${c}`, `成功数（按类型）·${CATEGORY_ZH[c]}`])),
  written_agreements: '书面协议数', oral_agreements: '口头协议数', agreement_amount_wan: '协议涉及金额（万元）',
  persons_involved: '涉及当事人人次', performed: '已履行数', jc_applied: '申请司法确认数', jc_confirmed: '确认司法确认数',
  ...Object.fromEntries(PREVENTED_KINDS.flatMap((k) => [
    [`prevented.${k}.cases`, `${PREVENTED_ZH[k]}（件）`], [`prevented.${k}.persons`, `${PREVENTED_ZH[k]}（人）`],
  ])),
  pending_at_end: '期末在办数', overdue_at_end: '期末超期数',
  ...Object.fromEntries(Object.entries(SATISFACTION_ZH).map(([k, v]) => [`satisfaction.${k}`, `回访满意度·${v}`])),
  sweeps: '排查纠纷次数', sweep_found: '排查发现纠纷件数', prevented_disputes: '预防纠纷件数',
  'team.people': '组织队伍·人员总数', 'team.mediators': '组织队伍·调解员', 'team.full_time': '组织队伍·专职调解员',
  'team.part_time': '组织队伍·兼职调解员',
  ...Object.fromEntries(PROFESSIONS.map((p) => [`team.by_profession.${p}`, `组织队伍·${PROFESSION_ZH[p]}`])),
};

/** `by_mediator.<id>.accepted` and the like: the name comes from the report. */
export function figureLabel(key: string, report?: Pick<StatisticsReport, 'by_mediator'>): string | undefined {
  const m = /^by_mediator\.(\d+)\.(name|accepted|success)$/.exec(key);
  if (m) {
    const name = report?.by_mediator.find((x) => x.id === Number(m[1]))?.name ?? `#${m[1]}`;
    return `按调解员·${name}·${{ name: '姓名', accepted: '受理数', success: '调解成功数' }[m[2] as 'name' | 'accepted' | 'success']}`;
  }
  return FIGURE_LABELS[key];
}

/** Names in code-point order (STATISTICS.md, by_mediator): not UTF-16 order, which misplaces characters outside the BMP. */
export function compareCodePoints(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(j)!;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return Math.sign((a.length - i) - (b.length - j));
}

export type Leaf = string | number | null;

/** Every leaf of a report with its key path, in the report's order; a mediator's path uses the id (`by_mediator.3.success`). */
export function reportLeaves(report: StatisticsReport): [string, Leaf][] {
  const out: [string, Leaf][] = [];
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      for (const m of node as StatisticsReport['by_mediator']) {
        for (const f of ['name', 'accepted', 'success'] as const) out.push([`${path}.${m.id}.${f}`, m[f]]);
      }
    } else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
    } else {
      out.push([path, node as Leaf]);
    }
  };
  walk(report, '');
  return out;
}

/** The value at a key path, or undefined if the report has no such figure. */
export function valueAt(report: StatisticsReport, key: string): Leaf | undefined {
  return reportLeaves(report).find(([k]) => k === key)?.[1];
}
