import { figureLabel, reportLeaves, StatisticsReportSchema, type Leaf, type Period, type StatisticsReport } from '../../../shared/domain/statistics';
import type { CommitteeFigures, OfficeStats } from '../../../shared/domain/office';
import type { Database } from '../../db/data-source';
import { notFound } from '../errors';
import { computeFigures, type FigureSource } from '../statistics/figures';
import { monthPeriod } from '../statistics/periods';
import { notOffice } from './setup';

/** The city's report names the office as its unit, with this in place of a committee code. */
export const CITY_CODE = '全市';

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The office's imported records as the relations the statistics definitions read (figures.ts, FigureSource): live
 * records only, of one committee or of all. The definitions are the committee's own, so the figures mean the same.
 */
export function officeSource(committee: string | null, unit: { code: string; name: string }): FigureSource {
  // City-wide, every registered committee in turn: the cases' date indexes are per committee (migration 0015).
  const only = committee === null ? ' AND committee_code IN (SELECT code FROM office_committees)' : ` AND committee_code = ${literal(committee)}`;
  return {
    cases: `(SELECT * FROM office_cases WHERE deleted = 0${only})`,
    // A de-identified package may carry no names: by_mediator then shows an empty one, as for a nameless person.
    persons: `(SELECT id, coalesce(name, '') AS name, professions, employment, active, joined_on, left_on, created_at
      FROM office_people WHERE deleted = 0${only})`,
    sweeps: `(SELECT swept_on, found, prevented FROM office_sweeps WHERE deleted = 0${only})`,
    committee: () => unit,
  };
}

/** The package's own snapshot of the month: `statistics.json` is `{ months: { 'YYYY-MM': report } }`. */
function packageReport(db: Database, code: string, month: string): { report: StatisticsReport; file: string } | null {
  const rows = db.read<{ file_name: string; report: string | null }>(
    `SELECT file_name, json_extract(statistics, '$.months.' || json_quote(?)) AS report FROM office_receipts
     WHERE committee_code = ? ORDER BY created_at DESC, id DESC`, [month, code],
  );
  for (const r of rows) {
    if (r.report === null) continue;
    const parsed = StatisticsReportSchema.safeParse(JSON.parse(r.report));
    if (parsed.success) return { report: parsed.data, file: r.file_name };
  }
  return null;
}

const SKIPPED = /^(as_of|period\.|committee\.|by_mediator\.)/;

/**
 * Where the office's recomputation differs from the committee's snapshot: every figure but the report's own
 * identity, and by_mediator by name (the office numbers people its own way). Current-state figures (performance,
 * judicial confirmation, satisfaction) may differ honestly when records changed after the committee's snapshot.
 */
export function reportDifferences(office: StatisticsReport, pkg: StatisticsReport): CommitteeFigures['differences'] {
  const theirs = new Map(reportLeaves(pkg));
  const out: CommitteeFigures['differences'] = [];
  for (const [key, value] of reportLeaves(office)) {
    if (SKIPPED.test(key)) continue;
    const other = theirs.get(key) ?? null;
    if (other !== value) out.push({ key, label: figureLabel(key) ?? key, office: value, package: other });
  }
  // A de-identified package carries no names: the mediators are then compared as a list of (accepted, success).
  if (office.by_mediator.some((m) => !m.name)) {
    const pairs = (r: StatisticsReport) => r.by_mediator.map((m) => `${m.accepted}/${m.success}`).sort().join(' ');
    const [a, b] = [pairs(office), pairs(pkg)];
    if (a !== b) out.push({ key: 'by_mediator', label: '按调解员（受理数/调解成功数）', office: a, package: b });
    return out;
  }
  const byName = (r: StatisticsReport) => {
    const m = new Map<string, { accepted: number; success: number }>();
    for (const x of r.by_mediator) {
      const c = m.get(x.name) ?? { accepted: 0, success: 0 };
      m.set(x.name, { accepted: c.accepted + x.accepted, success: c.success + x.success });
    }
    return m;
  };
  const [ours, pkgs] = [byName(office), byName(pkg)];
  for (const name of [...new Set([...ours.keys(), ...pkgs.keys()])].sort()) {
    for (const f of ['accepted', 'success'] as const) {
      const [a, b]: [Leaf, Leaf] = [ours.get(name)?.[f] ?? 0, pkgs.get(name)?.[f] ?? 0];
      if (a !== b) out.push({ key: `by_mediator.${name}.${f}`, label: `按调解员·${name}·${f === 'accepted' ? '受理数' : '调解成功数'}`, office: a, package: b });
    }
  }
  return out;
}

/**
 * The office's figures for a month (EXCHANGE.md, "The office's figures"): city-wide over every imported record of every
 * committee (so the city's success rate is Σ success ÷ Σ (success + failed), never an average of rates), one row per
 * committee, each compared with the committee's own statistics.json for the month. With `committee`, that one only.
 */
export function officeFigures(db: Database, month: string, asOf: Date, committee?: string): OfficeStats {
  const period = monthPeriod(month);
  return db.readConsistent(() => figuresOf(db, period, month, asOf, committee));
}

function figuresOf(db: Database, period: Period, month: string, asOf: Date, committee?: string): OfficeStats {
  const office = db.read<{ name: string }>(`SELECT name FROM office WHERE id = 1`)[0];
  if (!office) throw notOffice();
  const committees = db.read<{ code: string; name: string }>(
    committee === undefined ? `SELECT code, name FROM office_committees ORDER BY code` : `SELECT code, name FROM office_committees WHERE code = ?`,
    committee === undefined ? [] : [committee],
  );
  if (committee !== undefined && !committees.length) throw notFound(`调解委员会 ${committee}（尚未在本中心登记）`);
  const rows = committees.map((c): CommitteeFigures => {
    const report = computeFigures(db, period, asOf, officeSource(c.code, c));
    const pkg = packageReport(db, c.code, month);
    return {
      code: c.code, name: c.name, report, packageReport: pkg?.report ?? null, packageFile: pkg?.file ?? null,
      differences: pkg ? reportDifferences(report, pkg.report) : [],
    };
  });
  const report = committee === undefined ? computeFigures(db, period, asOf, officeSource(null, { code: CITY_CODE, name: office.name })) : rows[0].report;
  return { month, scope: committee === undefined ? 'city' : 'committee', report, committees: rows };
}
