import { addDays } from '../../../shared/domain/dates';
import { periodIssues, type Period } from '../../../shared/domain/statistics';
import { invalid } from '../errors';

/**
 * Report periods: whole days in Asia/Shanghai, both ends included (STATISTICS.md). A month, a quarter, a year
 * or any range; every one is checked with a Chinese message saying what is wrong.
 */

const one = (path: string, message: string) => invalid([{ path, key: 'validation.period.invalid', message }]);

/** Refuses what is not a period. */
export function checkPeriod(p: Period): Period {
  const issues = periodIssues(p.from, p.to);
  if (issues.length) throw invalid(issues);
  return { from: p.from, to: p.to };
}

const lastDay = (year: number, month: number) => addDays(`${nextMonth(year, month)}-01`, -1);
const nextMonth = (year: number, month: number) => (month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`);
const yearOk = (y: number) => y >= 1900 && y <= 9999;

/** `2026-03` → 2026-03-01 … 2026-03-31. */
export function monthPeriod(month: string): Period {
  const m = /^(\d{4})-(\d{2})$/.exec(month.trim());
  if (!m || !yearOk(+m[1]) || +m[2] < 1 || +m[2] > 12) throw one('month', `月份无效：“${month}”。请按“年-月”填写，如2026-03`);
  return { from: `${m[1]}-${m[2]}-01`, to: lastDay(+m[1], +m[2]) };
}

/** `2026-Q1` (or `2026Q1`, `2026-1季度`) → 2026-01-01 … 2026-03-31. */
export function quarterPeriod(quarter: string): Period {
  const m = /^(\d{4})-?(?:Q([1-4])|([1-4])季度)$/i.exec(quarter.trim());
  if (!m || !yearOk(+m[1])) throw one('quarter', `季度无效：“${quarter}”。请按“年-Q季度”填写，如2026-Q1`);
  const q = Number(m[2] ?? m[3]);
  const first = (q - 1) * 3 + 1;
  return { from: `${m[1]}-${String(first).padStart(2, '0')}-01`, to: lastDay(+m[1], first + 2) };
}

/** `2026` → 2026-01-01 … 2026-12-31. */
export function yearPeriod(year: string): Period {
  const m = /^(\d{4})$/.exec(year.trim());
  if (!m || !yearOk(+m[1])) throw one('year', `年份无效：“${year}”。请填写四位年份，如2026`);
  return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
}

/** Any range of whole days. */
export const rangePeriod = (from: string, to: string): Period => checkPeriod({ from: from.trim(), to: to.trim() });

/** The period a text names: `2026-03`, `2026-Q1`, `2026`, or `2026-03-01..2026-03-15`. */
export function parsePeriod(text: string): Period {
  const t = text.trim();
  const range = /^(\S+)\s*(?:\.\.|至|~)\s*(\S+)$/.exec(t);
  if (range) return rangePeriod(range[1], range[2]);
  if (/^\d{4}$/.test(t)) return yearPeriod(t);
  if (/q|季度/i.test(t)) return quarterPeriod(t);
  return monthPeriod(t);
}
