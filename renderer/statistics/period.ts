import { addDays, shanghaiDate } from '../../shared/domain/dates';

// Report periods as the core reads them (electron/core/statistics/periods.ts): whole days, both ends included.

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'range'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export interface UiPeriod { kind: PeriodKind; from: string; to: string }

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (year: number, month: number) =>
  addDays(month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`, -1);

export const monthOf = (year: number, month: number): UiPeriod =>
  ({ kind: 'month', from: `${year}-${pad(month)}-01`, to: lastDayOf(year, month) });
export const quarterOf = (year: number, quarter: number): UiPeriod =>
  ({ kind: 'quarter', from: `${year}-${pad((quarter - 1) * 3 + 1)}-01`, to: lastDayOf(year, quarter * 3) });
export const yearOf = (year: number): UiPeriod => ({ kind: 'year', from: `${year}-01-01`, to: `${year}-12-31` });

/** The month before today's (Asia/Shanghai): the report office staff compile at the start of a month. */
export function lastMonth(today = shanghaiDate()): UiPeriod {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? monthOf(y - 1, 12) : monthOf(y, m - 1);
}

/** The same kind of period around a day (switching 月 → 季 keeps the year and quarter of the month shown). */
export function periodAround(kind: PeriodKind, day: string, current: UiPeriod): UiPeriod {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  if (kind === 'month') return monthOf(y, m);
  if (kind === 'quarter') return quarterOf(y, Math.floor((m - 1) / 3) + 1);
  if (kind === 'year') return yearOf(y);
  return { kind: 'range', from: current.from, to: current.to };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The period in the address (?kind=month&from=…&to=…), or null when there is none or it is not one. */
export function periodFromSearch(params: URLSearchParams): UiPeriod | null {
  const kind = params.get('kind') as PeriodKind | null;
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (!kind || !PERIOD_KINDS.includes(kind) || !DAY.test(from) || !DAY.test(to) || from > to) return null;
  return { kind, from, to };
}

/** Parts for the period's title: 2026年3月, 2026年第1季度, 2026年, or a range of days. */
export function periodParts(p: UiPeriod): { year: number; month: number; quarter: number } {
  const month = Number(p.from.slice(5, 7));
  return { year: Number(p.from.slice(0, 4)), month, quarter: Math.floor((month - 1) / 3) + 1 };
}

/** What kind of period a from/to pair is (a frozen snapshot keeps only the days). */
export function kindOf(from: string, to: string): PeriodKind {
  const y = Number(from.slice(0, 4));
  const m = Number(from.slice(5, 7));
  const same = (p: UiPeriod) => p.from === from && p.to === to;
  if (same(monthOf(y, m))) return 'month';
  if ((m - 1) % 3 === 0 && same(quarterOf(y, (m - 1) / 3 + 1))) return 'quarter';
  if (same(yearOf(y))) return 'year';
  return 'range';
}
