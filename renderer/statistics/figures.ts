import { CATEGORIES, CHANNEL_BUCKETS, PROFESSIONS } from '../../shared/domain/enums';
import { PREVENTED_KINDS, type StatisticsReport } from '../../shared/domain/statistics';

/** A ratio of 4 decimals (0.8174) as a percentage of 2 (81.74), in whole numbers so 0.8462 never shows 84.61. */
export function percent(rate: number | null): string | null {
  if (rate === null) return null;
  const n = Math.round(rate * 10_000);
  return `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
}

/** 万元 with two decimals, as the report rounded them. */
export const wan = (v: number): string => v.toFixed(2);

/** Figures not counted from cases: clicking them opens the sweep log instead of a case list. */
export const SWEEP_FIGURES = new Set(['sweeps', 'sweep_found', 'prevented_disputes']);

/** The form's (业务工作情况) columns, in its order: a key path each, grouped as STATISTICS.md's table. */
export const FORM_GROUPS = [
  { group: 'sweep', columns: ['sweeps', 'sweep_found', 'prevented_disputes'] },
  { group: 'disputes', columns: ['accepted', ...CATEGORIES.map((c) => `accepted_by_category.${c}`)] },
  { group: 'source', columns: ['accepted_by_bucket.initiative', 'accepted_by_bucket.application', 'accepted_by_bucket.referral'] },
  { group: 'result', columns: ['success', 'success_rate', 'oral_agreements', 'written_agreements', 'agreement_amount_wan', 'jc_applied'] },
] as const;

/** 防激化 in the form's order: 自杀, 刑事案件, 群体性上访, 群体性械斗; each as 件 and 人. */
export const FORM_PREVENTED = ['suicide', 'criminal', 'group_petition', 'group_fight'] as const satisfies readonly (typeof PREVENTED_KINDS)[number][];

/** The figures below the form, in sections. */
export const OTHER_SECTIONS: { section: string; keys: string[] }[] = [
  { section: 'intake', keys: ['registered', 'rejected', 'accepted', 'persons_involved'] },
  { section: 'outcome', keys: ['concluded', 'success', 'failed', 'withdrawn', 'success_rate', 'agreement_amount_wan'] },
  { section: 'after', keys: ['performed', 'jc_applied', 'jc_confirmed', 'pending_at_end', 'overdue_at_end'] },
  {
    section: 'satisfaction',
    keys: ['satisfaction.recorded', 'satisfaction.satisfied', 'satisfaction.fairly_satisfied', 'satisfaction.dissatisfied', 'satisfaction.rate'],
  },
  {
    section: 'team',
    keys: ['team.people', 'team.mediators', 'team.full_time', 'team.part_time', ...PROFESSIONS.map((p) => `team.by_profession.${p}`)],
  },
];

/** Key paths whose value is not a count of cases the drill-down can list. */
export const isDrillable = (key: string): boolean => !SWEEP_FIGURES.has(key) && !key.startsWith('team.');

/** A figure by its key path. */
export function figure(report: StatisticsReport, key: string): number | null {
  let node: unknown = report;
  for (const k of key.split('.')) node = (node as Record<string, unknown> | null)?.[k];
  return typeof node === 'number' ? node : null;
}

/** A value as the form prints it: rates as 81.74, money as 1.01 (万元), counts as they are. */
export function display(report: StatisticsReport, key: string): string | null {
  const v = figure(report, key);
  if (key === 'success_rate' || key === 'satisfaction.rate') return percent(v);
  if (key === 'agreement_amount_wan') return v === null ? null : wan(v);
  return v === null ? null : String(v);
}

export { CATEGORIES, CHANNEL_BUCKETS, PREVENTED_KINDS };
