import { figureLabel, type DrillDown, type DrillRow, type Period, type StatisticsReport } from '../../../shared/domain/statistics';
import type { Database } from '../../db/data-source';
import { invalid } from '../errors';
import {
  CASE_FIGURES, caseFigure, MEDIATOR_COLUMN, MEDIATOR_FIELDS, RATE_FIGURES, rateAsFigure, SCOPES, type CaseFigure, type MediatorField,
} from './definitions';
import { scopeParams } from './figures';
import { checkPeriod } from './periods';

/**
 * A figure's cases (STATISTICS.md: clicking a figure lists exactly the cases it counts). The rows come from the
 * figure's own definition (definitions.ts): the scope's branches and the predicate the report sums, so the list
 * and the number cannot disagree. For a sum each row carries what it adds; for a rate, the divisor's cases, each
 * with 1 if it is also in the numerator.
 */

export interface ResolvedFigure {
  figure: CaseFigure;
  kind: DrillDown['kind'];
  mediatorId?: number;
}

const NOT_CASES = /^(sweeps|sweep_found|prevented_disputes|team(\..+)?|period(\..+)?|as_of|committee(\..+)?)$/;
const MEDIATOR_KEY = /^by_mediator\.(\d{1,12})\.(accepted|success)$/;

const refuse = (message: string) => invalid([{ path: 'figure', key: 'validation.statistics.figure', message }]);

export function resolveFigure(key: string): ResolvedFigure {
  const f = caseFigure(key);
  if (f) return { figure: f, kind: f.sum ? 'sum' : 'count' };
  const r = RATE_FIGURES.find((x) => x.key === key);
  if (r) return { figure: rateAsFigure(r), kind: 'rate' };
  const m = MEDIATOR_KEY.exec(key);
  if (m) {
    const base = MEDIATOR_FIELDS[m[2] as MediatorField];
    // Unary + keeps the planner on the period's index: a mediator's cases over all years are many more.
    return { figure: { ...base, key, where: `(${base.where}) AND +${MEDIATOR_COLUMN} = @mediator` }, kind: 'count', mediatorId: Number(m[1]) };
  }
  if (NOT_CASES.test(key)) {
    throw refuse(`「${figureLabel(key) ?? key}」不是按案件统计的数字，没有对应的案件清单${key.startsWith('sweep') || key === 'prevented_disputes' ? '（请查看排查记录）' : ''}`);
  }
  throw refuse(`没有这个统计项：“${key}”`);
}

/** The rows behind a figure: the union of its scope's branches, filtered by its predicate. */
export function drillSql(f: CaseFigure): string {
  const value = f.sum ? `coalesce(${f.sum}, 0)` : '1';
  const branches = SCOPES[f.scope].map((branch) =>
    `SELECT id, case_no, case_year, case_seq, status, category, channel, registered_on, accepted_on, concluded_on, lead_mediator_id,
       applicant_names, local_category_id, ${value} AS value FROM cases WHERE ${branch} AND (${f.where})`);
  return `SELECT x.id, x.case_no AS caseNo, x.status, x.category, x.channel, x.registered_on AS registeredOn, x.accepted_on AS acceptedOn,
      x.concluded_on AS concludedOn, p.name AS leadMediator, x.applicant_names AS applicants, lc.name AS localCategory, x.value
    FROM (${branches.join(' UNION ALL ')}) x LEFT JOIN persons p ON p.id = x.${MEDIATOR_COLUMN}
      LEFT JOIN local_categories lc ON lc.id = x.local_category_id
    ORDER BY x.case_year, x.case_seq, x.id`;
}

/** The cases a figure of the period counts, in case-number order. */
export function drillDown(db: Database, period: Period, key: string): DrillDown {
  const checked = checkPeriod(period);
  const { figure, kind, mediatorId } = resolveFigure(key.trim());
  const cases = db.readConsistent(() => db.read<DrillRow>(drillSql(figure), [{ ...scopeParams(db, checked), mediator: mediatorId ?? null }]));
  const name = mediatorId === undefined ? undefined : db.read<{ name: string }>(`SELECT name FROM persons WHERE id = ?`, [mediatorId])[0]?.name;
  const label = figureLabel(figure.key, name === undefined ? undefined : { by_mediator: [{ id: mediatorId!, name, accepted: 0, success: 0 }] });
  return { figure: figure.key, label: label ?? figure.key, kind, unit: figure.unit ?? 'case', cases };
}

/** Every figure of a report that counts cases: the ones a drill-down answers. */
export function caseFigureKeys(report: Pick<StatisticsReport, 'by_mediator'>): string[] {
  return [
    ...CASE_FIGURES.map((f) => f.key),
    ...RATE_FIGURES.map((r) => r.key),
    ...report.by_mediator.flatMap((m) => [`by_mediator.${m.id}.accepted`, `by_mediator.${m.id}.success`]),
  ];
}
