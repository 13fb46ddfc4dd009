import { CATEGORIES, CHANNEL_BUCKET, CHANNEL_BUCKETS, CHANNELS } from '../../../shared/domain/enums';
import { MEDIATION_DAYS } from '../../../shared/domain/lifecycle';
import { PREVENTED_KINDS } from '../../../shared/domain/statistics';

/**
 * Every figure of STATISTICS.md that counts cases, defined once, as SQL over one row of `cases` with the period's
 * `@from` and `@to`. The report sums these predicates; the drill-down lists the rows that satisfy them: the same
 * text, so a figure and the cases behind it cannot drift apart.
 */

/** Which cases a family of figures looks at. */
export type Scope = 'registered' | 'accepted' | 'concluded' | 'pending';

/**
 * Each scope as one or more disjoint branches whose union is the scope; each branch is answered from its own
 * covering index (migration 0006). Dates are `YYYY-MM-DD` text, so they compare as dates.
 */
export const SCOPES: Record<Scope, readonly string[]> = {
  // Intake figures count by accepted_on; registered and rejected by registered_on.
  registered: ['registered_on BETWEEN @from AND @to'],
  accepted: ['accepted_on BETWEEN @from AND @to'],
  // Outcome figures count by concluded_on, over cases whose outcome is set.
  concluded: ['concluded_on BETWEEN @from AND @to AND outcome IS NOT NULL'],
  // Read at `to`: accepted by then, not concluded by then, not rejected. Still open, or concluded after the end.
  // `concluded_on <= @horizon` never drops such a case (see HORIZON_SQL); it keeps a past period from reading
  // every case concluded since.
  pending: [
    `concluded_on IS NULL AND accepted_on <= @to AND status <> 'rejected'`,
    `concluded_on > @to AND concluded_on <= @horizon AND accepted_on <= @to AND status <> 'rejected'`,
  ],
};

/**
 * @horizon = `to` + the longest mediation on record (days from accepted_on to concluded_on, over every case). A case
 * accepted by `to` was concluded at most that many days later, so by the horizon: the bound is exact, not a guess.
 * Read from the cases_stats_duration index in one seek, in the same read transaction as the figures. `cases` may name
 * another relation with the same columns (the office's imported cases, FigureSource in figures.ts).
 */
export const horizonSql = (cases = 'cases'): string =>
  `SELECT date(@to, '+' || CAST(coalesce(max(julianday(concluded_on) - julianday(accepted_on)), 0) AS INTEGER) || ' days') AS horizon
  FROM ${cases} WHERE concluded_on IS NOT NULL AND accepted_on IS NOT NULL`;
export const HORIZON_SQL = horizonSql();

export interface CaseFigure {
  /** Its key path in the report (`accepted_by_category.neighbour`). */
  key: string;
  scope: Scope;
  /** Does a case of the scope count? SQL over the row's columns. */
  where: string;
  /** For a sum: the SQL value each counted case adds (a missing value adds 0), and what it is in. A count adds 1. */
  sum?: string;
  unit?: 'fen' | 'person';
}

/** A ratio of figures: Σ numerator ÷ Σ denominator, rounded half up to 4 decimals, null when the divisor is 0. */
export interface RateFigure {
  key: string;
  numerator: readonly string[];
  denominator: readonly string[];
}

const ALL = '1';
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const and = (...p: string[]) => p.filter((x) => x !== ALL).map((x) => `(${x})`).join(' AND ') || ALL;

const SUCCESS = `outcome = 'agreed'`;
/** due_on: extended_due_on if set, else accepted_on + 30 days (never the stored due_on, which a ledger may lack). */
export const DUE_ON = `coalesce(extended_due_on, date(accepted_on, '+${MEDIATION_DAYS} days'))`;
const channelsOf = (bucket: string) => CHANNELS.filter((c) => CHANNEL_BUCKET[c] === bucket).map(q).join(', ');
const SATISFACTION = ['satisfied', 'fairly_satisfied', 'dissatisfied'] as const;

export const CASE_FIGURES: readonly CaseFigure[] = [
  { key: 'registered', scope: 'registered', where: ALL },
  { key: 'rejected', scope: 'registered', where: `status = 'rejected'` },
  { key: 'accepted', scope: 'accepted', where: ALL },
  ...CHANNEL_BUCKETS.map((b): CaseFigure => ({ key: `accepted_by_bucket.${b}`, scope: 'accepted', where: `channel IN (${channelsOf(b)})` })),
  ...CATEGORIES.map((c): CaseFigure => ({ key: `accepted_by_category.${c}`, scope: 'accepted', where: `category = ${q(c)}` })),
  { key: 'concluded', scope: 'concluded', where: ALL },
  { key: 'success', scope: 'concluded', where: SUCCESS },
  { key: 'failed', scope: 'concluded', where: `outcome = 'failed'` },
  { key: 'withdrawn', scope: 'concluded', where: `outcome = 'withdrawn'` },
  ...CATEGORIES.map((c): CaseFigure => ({ key: `success_by_category.${c}`, scope: 'concluded', where: and(SUCCESS, `category = ${q(c)}`) })),
  { key: 'written_agreements', scope: 'concluded', where: and(SUCCESS, `agreement_form = 'written'`) },
  { key: 'oral_agreements', scope: 'concluded', where: and(SUCCESS, `agreement_form = 'oral'`) },
  // Summed in fen; the report shows 万元 (fenToWan).
  { key: 'agreement_amount_wan', scope: 'concluded', where: SUCCESS, sum: 'agreement_amount_fen', unit: 'fen' },
  { key: 'persons_involved', scope: 'accepted', where: ALL, sum: 'persons_involved', unit: 'person' },
  { key: 'performed', scope: 'concluded', where: and(SUCCESS, `performance = 'performed'`) },
  { key: 'jc_applied', scope: 'concluded', where: and(SUCCESS, `jc_status IN ('applied', 'confirmed', 'refused')`) },
  { key: 'jc_confirmed', scope: 'concluded', where: and(SUCCESS, `jc_status = 'confirmed'`) },
  ...PREVENTED_KINDS.flatMap((k): CaseFigure[] => [
    { key: `prevented.${k}.cases`, scope: 'concluded', where: `prevented_${k} = 1` },
    { key: `prevented.${k}.persons`, scope: 'concluded', where: `prevented_${k} = 1`, sum: `prevented_${k}_persons`, unit: 'person' },
  ]),
  { key: 'pending_at_end', scope: 'pending', where: ALL },
  { key: 'overdue_at_end', scope: 'pending', where: `${DUE_ON} < @to` },
  { key: 'satisfaction.recorded', scope: 'concluded', where: `satisfaction IN (${SATISFACTION.map(q).join(', ')})` },
  ...SATISFACTION.map((s): CaseFigure => ({ key: `satisfaction.${s}`, scope: 'concluded', where: `satisfaction = ${q(s)}` })),
];

export const RATE_FIGURES: readonly RateFigure[] = [
  { key: 'success_rate', numerator: ['success'], denominator: ['success', 'failed'] },
  { key: 'satisfaction.rate', numerator: ['satisfaction.satisfied', 'satisfaction.fairly_satisfied'], denominator: ['satisfaction.recorded'] },
];

const byKey = new Map(CASE_FIGURES.map((f) => [f.key, f]));
export const caseFigure = (key: string): CaseFigure | undefined => byKey.get(key);

/** by_mediator: the `accepted` and `success` figures, per lead mediator. */
export const MEDIATOR_FIELDS = { accepted: byKey.get('accepted')!, success: byKey.get('success')! } as const;
export type MediatorField = keyof typeof MEDIATOR_FIELDS;
export const MEDIATOR_COLUMN = 'lead_mediator_id';

/** A rate as one figure over the denominator's cases: each adds 1 if it is in the numerator. */
export function rateAsFigure(rate: RateFigure): CaseFigure {
  const parts = (keys: readonly string[]) => keys.map((k) => byKey.get(k)!);
  const den = parts(rate.denominator);
  const scope = den[0].scope;
  if ([...den, ...parts(rate.numerator)].some((f) => f.scope !== scope)) throw new Error(`${rate.key}: parts in different scopes`);
  const any = (fs: CaseFigure[]) => (fs.length === 1 ? fs[0].where : fs.map((f) => `(${f.where})`).join(' OR '));
  return { key: rate.key, scope, where: any(den), sum: `CASE WHEN ${any(parts(rate.numerator))} THEN 1 ELSE 0 END` };
}

/** People active at the end of the period: joined by then (created_at's day in Asia/Shanghai if not given), not yet left. */
export const ACTIVE_AT_END = `coalesce(joined_on, date(created_at, '+8 hours')) <= @to
  AND (left_on IS NULL OR left_on > @to) AND (active = 1 OR left_on IS NOT NULL)`;
