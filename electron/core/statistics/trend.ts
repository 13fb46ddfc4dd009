import type { TrendPoint } from '../../../shared/domain/statistics';
import type { Database } from '../../db/data-source';
import { computeFigures } from './figures';
import { monthPeriod } from './periods';

/** `2026-03`, 3 → 2026-01, 2026-02, 2026-03. */
export function monthsUpTo(to: string, months: number): string[] {
  const [y, m] = to.split('-').map(Number);
  return Array.from({ length: months }, (_, i) => {
    const k = y * 12 + (m - 1) - (months - 1 - i);
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

/**
 * The 图表 trend: each month's accepted, success and success rate, exactly as that month's report has them
 * (computeFigures), all read in one transaction so the months agree with each other.
 */
export function monthlyTrend(db: Database, to: string, months: number, asOf: Date): TrendPoint[] {
  const list = monthsUpTo(monthPeriod(to).from.slice(0, 7), months);
  return db.readConsistent(() => list.map((month) => {
    const r = computeFigures(db, monthPeriod(month), asOf);
    return { month, accepted: r.accepted, success: r.success, success_rate: r.success_rate };
  }));
}
