import { CATEGORIES, CHANNEL_BUCKETS, PROFESSIONS, type Profession } from '../../../shared/domain/enums';
import { compareCodePoints, PREVENTED_KINDS, type Period, type StatisticsReport } from '../../../shared/domain/statistics';
import type { Database } from '../../db/data-source';
import { badState } from '../errors';
import { checkReport } from './checks';
import {
  ACTIVE_AT_END, CASE_FIGURES, horizonSql, MEDIATOR_COLUMN, MEDIATOR_FIELDS, RATE_FIGURES, SCOPES, type CaseFigure, type MediatorField,
  type Scope,
} from './definitions';
import { checkPeriod } from './periods';
import { fenToWan, rate } from './rounding';

/** The named parameters every figure query takes. */
export type Params = { from: string; to: string; horizon: string };

/**
 * Where the figures are read: the relations the definitions name (the same columns as the committee's tables). The
 * committee reads its own tables; the office reads its imported records of one committee or of all (core/office).
 */
export interface FigureSource {
  /** The columns definitions.ts reads, with `lead_mediator_id` an id of `persons`. */
  cases: string;
  /** id, name, professions (JSON array), employment, active, joined_on, left_on, created_at. */
  persons: string;
  /** swept_on, found, prevented. */
  sweeps: string;
  /** The unit the report is for (null: not set up). */
  committee(db: Database): { code: string; name: string } | null;
}

export const COMMITTEE_SOURCE: FigureSource = {
  cases: 'cases', persons: 'persons', sweeps: 'sweeps',
  committee: (db) => db.read<{ code: string; name: string }>(`SELECT code, name FROM committee WHERE id = 1`)[0] ?? null,
};

/** The period and its horizon (definitions.ts, horizonSql); call inside the read transaction that uses them. */
export function scopeParams(db: Database, p: Period, cases = COMMITTEE_SOURCE.cases): Params {
  const [{ horizon }] = db.read<{ horizon: string }>(horizonSql(cases), [p]);
  return { from: p.from, to: p.to, horizon };
}

/** SUM(CASE WHEN …): what one figure adds up over the rows of a query. */
export const aggregateOf = (f: CaseFigure): string =>
  `coalesce(SUM(CASE WHEN ${f.where} THEN ${f.sum ? `coalesce(${f.sum}, 0)` : '1'} ELSE 0 END), 0)`;

/** One aggregate query per branch of the scope, each read from its covering index: every figure of the scope at once. */
export function scopeSql(scope: Scope, figures: readonly CaseFigure[], cases = COMMITTEE_SOURCE.cases): string[] {
  return SCOPES[scope].map((branch) => `SELECT ${figures.map((f, i) => `${aggregateOf(f)} AS f${i}`).join(', ')} FROM ${cases} WHERE ${branch}`);
}

/** The same, grouped by lead mediator (by_mediator). */
export function mediatorSql(field: MediatorField, cases = COMMITTEE_SOURCE.cases): string[] {
  const f = MEDIATOR_FIELDS[field];
  return SCOPES[f.scope].map((branch) =>
    `SELECT ${MEDIATOR_COLUMN} AS id, ${aggregateOf(f)} AS n FROM ${cases} WHERE ${branch} AND ${MEDIATOR_COLUMN} IS NOT NULL GROUP BY ${MEDIATOR_COLUMN}`);
}

function caseTotals(db: Database, p: Params, source: FigureSource): Map<string, number> {
  const values = new Map<string, number>();
  for (const scope of Object.keys(SCOPES) as Scope[]) {
    const figures = CASE_FIGURES.filter((f) => f.scope === scope);
    for (const sql of scopeSql(scope, figures, source.cases)) {
      const [row] = db.read<Record<string, number>>(sql, [p]);
      figures.forEach((f, i) => values.set(f.key, (values.get(f.key) ?? 0) + row[`f${i}`]));
    }
  }
  return values;
}

function byMediator(db: Database, p: Params, source: FigureSource): StatisticsReport['by_mediator'] {
  const counts = new Map<number, { accepted: number; success: number }>();
  for (const field of Object.keys(MEDIATOR_FIELDS) as MediatorField[]) {
    for (const sql of mediatorSql(field, source.cases)) {
      for (const { id, n } of db.read<{ id: number; n: number }>(sql, [p])) {
        const c = counts.get(id) ?? { accepted: 0, success: 0 };
        c[field] += n;
        counts.set(id, c);
      }
    }
  }
  // Listed: every lead mediator with a case accepted or concluded in the period (a row in either query).
  const names = new Map(db.read<{ id: number; name: string }>(
    `SELECT id, name FROM ${source.persons} WHERE id IN (SELECT value FROM json_each(?))`, [JSON.stringify([...counts.keys()])],
  ).map((r) => [r.id, r.name]));
  return [...counts].map(([id, c]) => ({ id, name: names.get(id) ?? '', accepted: c.accepted, success: c.success }))
    .sort((a, b) => compareCodePoints(a.name, b.name) || a.id - b.id);
}

/** The team (组织队伍情况) at the end of the period: active people by profession, mediators full- and part-time. */
function team(db: Database, p: Params, source: FigureSource): StatisticsReport['team'] {
  const rows = db.read<{ professions: string; employment: string | null }>(
    `SELECT professions, employment FROM ${source.persons} WHERE ${ACTIVE_AT_END}`, [p]);
  const by_profession = Object.fromEntries(PROFESSIONS.map((k) => [k, 0])) as Record<Profession, number>;
  let full_time = 0;
  let part_time = 0;
  for (const r of rows) {
    const professions = new Set(JSON.parse(r.professions) as string[]);
    for (const k of PROFESSIONS) if (professions.has(k)) by_profession[k]++;
    if (professions.has('mediator') && r.employment === 'full_time') full_time++;
    if (professions.has('mediator') && r.employment === 'part_time') part_time++;
  }
  return { people: rows.length, mediators: by_profession.mediator, full_time, part_time, by_profession };
}

/**
 * The figures of STATISTICS.md for a period, as one object with exactly the keys of its machine-readable form. All
 * reads see one state of the database; the report checks itself before it is returned (StatisticsCheckError).
 * `asOf` is the moment the report is made: performance, judicial confirmation and satisfaction are read as they are now.
 * `source` is the committee's own tables unless the office names its imported records (the same definitions, so the
 * city's figures are computed over all records, never averaged).
 */
export function computeFigures(db: Database, period: Period, asOf: Date, source: FigureSource = COMMITTEE_SOURCE): StatisticsReport {
  const checked = checkPeriod(period);
  const report = db.readConsistent((): StatisticsReport => {
    const p = scopeParams(db, checked, source.cases);
    const committee = source.committee(db);
    if (!committee) throw badState('调解委员会尚未设置，无法统计');
    const values = caseTotals(db, p, source);
    const v = (key: string) => values.get(key)!;
    const split = <K extends string>(prefix: string, keys: readonly K[]) =>
      Object.fromEntries(keys.map((k) => [k, v(`${prefix}.${k}`)])) as Record<K, number>;
    const total = (keys: readonly string[]) => keys.reduce((a, k) => a + v(k), 0);
    const rates = new Map(RATE_FIGURES.map((r) => [r.key, rate(total(r.numerator), total(r.denominator))]));
    const sweeps = db.read<{ n: number; found: number; prevented: number }>(
      `SELECT count(*) AS n, coalesce(SUM(found), 0) AS found, coalesce(SUM(prevented), 0) AS prevented FROM ${source.sweeps} WHERE swept_on BETWEEN @from AND @to`,
      [p],
    )[0];
    return {
      period: { from: p.from, to: p.to },
      as_of: asOf.toISOString(),
      committee: { code: committee.code, name: committee.name },
      registered: v('registered'),
      rejected: v('rejected'),
      accepted: v('accepted'),
      accepted_by_bucket: split('accepted_by_bucket', CHANNEL_BUCKETS),
      accepted_by_category: split('accepted_by_category', CATEGORIES),
      concluded: v('concluded'),
      success: v('success'),
      failed: v('failed'),
      withdrawn: v('withdrawn'),
      success_rate: rates.get('success_rate') ?? null,
      success_by_category: split('success_by_category', CATEGORIES),
      written_agreements: v('written_agreements'),
      oral_agreements: v('oral_agreements'),
      agreement_amount_wan: fenToWan(v('agreement_amount_wan')),
      persons_involved: v('persons_involved'),
      performed: v('performed'),
      jc_applied: v('jc_applied'),
      jc_confirmed: v('jc_confirmed'),
      prevented: Object.fromEntries(PREVENTED_KINDS.map((k) => [k, { cases: v(`prevented.${k}.cases`), persons: v(`prevented.${k}.persons`) }])) as
        StatisticsReport['prevented'],
      pending_at_end: v('pending_at_end'),
      overdue_at_end: v('overdue_at_end'),
      satisfaction: {
        recorded: v('satisfaction.recorded'), satisfied: v('satisfaction.satisfied'),
        fairly_satisfied: v('satisfaction.fairly_satisfied'), dissatisfied: v('satisfaction.dissatisfied'),
        rate: rates.get('satisfaction.rate') ?? null,
      },
      by_mediator: byMediator(db, p, source),
      sweeps: sweeps.n,
      sweep_found: sweeps.found,
      prevented_disputes: sweeps.prevented,
      team: team(db, p, source),
    };
  });
  checkReport(report);
  return report;
}
