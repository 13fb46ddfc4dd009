import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import {
  caseFigureKeys, checkReport, computeFigures, drillDown, fenToWan, monthPeriod, parsePeriod, quarterPeriod, rate, reportToCsv,
  StatisticsCheckError, yearPeriod,
} from '../../electron/core/statistics';
import { mediatorSql, scopeParams, scopeSql } from '../../electron/core/statistics/figures';
import { drillSql, resolveFigure } from '../../electron/core/statistics/drilldown';
import { CASE_FIGURES, HORIZON_SQL, type Scope } from '../../electron/core/statistics/definitions';
import { AppFailure } from '../../electron/core/errors';
import { rawHandle } from '../../electron/db/data-source';
import type { CaseRow } from '../../electron/db/entities';
import { insertCases } from '../../electron/db/repositories/bulk-repo';
import { compareCodePoints, reportLeaves, valueAt, type Period, type StatisticsReport } from '../../shared/domain/statistics';
import { ok, PASSPHRASE } from '../support/db';
import { AS_OF, expectedReport, FIXTURE, statisticsFixture } from '../support/statistics-fixture';

type Fx = Awaited<ReturnType<typeof statisticsFixture>>;
let fx: Fx;
beforeAll(async () => { fx = await statisticsFixture(); });
afterAll(async () => { await fx?.close(); });

const PERIODS: { name: string; file: string; period: Period }[] = [
  { name: 'March 2026', file: 'expected-2026-03.json', period: monthPeriod('2026-03') },
  { name: 'the first quarter of 2026', file: 'expected-2026-Q1.json', period: quarterPeriod('2026-Q1') },
  { name: 'December 2025 (nothing concluded)', file: 'expected-2025-12.json', period: monthPeriod('2025-12') },
];
const figures = (period: Period) => computeFigures(fx.core.db, period, AS_OF);
/** Figure by figure, so a failure names the key path that differs. */
const leaves = (r: StatisticsReport) => Object.fromEntries(reportLeaves(r));
const keyTree = (o: unknown): unknown =>
  Array.isArray(o) ? o.map(keyTree) : o !== null && typeof o === 'object' ? Object.entries(o).map(([k, v]) => [k, keyTree(v)]) : typeof o;

async function cli(args: string[], env: Record<string, string> = { TIAOJIE_PASSPHRASE: PASSPHRASE }) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, env, { out: (s) => { out.push(s); }, err: (s) => { err.push(s); }, isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the figures of STATISTICS.md over the crafted case set', () => {
  it.each(PERIODS)('$name: every figure equals the one worked out by hand', ({ file, period }) => {
    const expected = expectedReport(file);
    const got = figures(period);
    expect(leaves(got)).toEqual(leaves(expected));
    expect(got).toEqual(expected);
    // Exactly the keys of the definition, in its order.
    expect(keyTree(got)).toEqual(keyTree(expected));
  });

  it('the dispatcher gives office staff the same report', async () => {
    const r = ok(await fx.call(fx.office, 'stats:report', monthPeriod('2026-03')));
    expect(r).toEqual({ ...expectedReport('expected-2026-03.json'), as_of: AS_OF.toISOString() });
  });

  it('a mediator may read the figures; the period is checked with a Chinese message', async () => {
    const mediator = await fx.signedIn('mediator', 'user-password-1');
    expect((await fx.call(mediator, 'stats:report', monthPeriod('2026-03'))).ok).toBe(true);
    const bad = await fx.call(mediator, 'stats:report', { from: '2026-03-31', to: '2026-03-01' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('统计截止日期（2026-03-01）不能早于起始日期（2026-03-31）') } });
    const notADay = await fx.call(mediator, 'stats:report', { from: '2026-02-30', to: '2026-03-01' });
    expect(notADay).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('统计起始日期无效') } });
  });
});

describe('drill-down: the cases behind each figure', () => {
  it.each(PERIODS)('$name: for every figure that counts cases, the list gives the figure back', ({ period }) => {
    const report = figures(period);
    const keys = caseFigureKeys(report);
    expect(keys.length).toBeGreaterThan(60);
    for (const key of keys) {
      const d = drillDown(fx.core.db, period, key);
      const value = valueAt(report, key);
      const total = d.cases.reduce((a, c) => a + c.value, 0);
      const again = d.kind === 'count' ? d.cases.length
        : d.kind === 'rate' ? rate(total, d.cases.length)
        : key === 'agreement_amount_wan' ? fenToWan(total) : total;
      expect(again, key).toBe(value);
      if (d.kind === 'count') expect(d.cases.every((c) => c.value === 1), key).toBe(true);
      expect(new Set(d.cases.map((c) => c.id)).size, `${key}: a case listed twice`).toBe(d.cases.length);
    }
  });

  it('lists exactly the cases the hand-worked notes name, in case-number order', () => {
    const march = monthPeriod('2026-03');
    const refs = (key: string, p = march) => drillDown(fx.core.db, p, key).cases.map((c) => FIXTURE.cases[c.id - 1].ref);
    expect(refs('overdue_at_end')).toEqual(['c22', 'c24', 'c25']);
    expect(refs('pending_at_end')).toEqual(['c22', 'c23', 'c24', 'c25', 'c45', 'c46', 'c47', 'c48']);
    expect(refs('prevented.criminal.cases')).toEqual(['c27', 'c37']);
    expect(refs('prevented.group_fight.persons')).toEqual([]);
    expect(refs('accepted_by_category.neighbour')).toEqual(['c29', 'c33', 'c45']);
    expect(refs('rejected')).toEqual(['c42']);
    expect(refs('by_mediator.4.accepted')).toEqual([]);
    expect(refs('by_mediator.2.success')).toEqual(['c26', 'c31', 'c36']);
    expect(refs('success_rate').length).toBe(13);
    expect(refs('overdue_at_end', monthPeriod('2025-12'))).toEqual(['c06']);
    const amount = drillDown(fx.core.db, march, 'agreement_amount_wan');
    expect(amount).toMatchObject({ kind: 'sum', unit: 'fen', label: '协议涉及金额（万元）' });
    expect(amount.cases.filter((c) => c.value > 0).map((c) => [FIXTURE.cases[c.id - 1].ref, c.value])).toEqual([['c26', 12345], ['c27', 300000], ['c28', 692655]]);
    const mediator = drillDown(fx.core.db, march, 'by_mediator.5.accepted');
    expect(mediator).toMatchObject({ label: '按调解员·𠮷田·受理数', kind: 'count' });
    expect(mediator.cases[0]).toMatchObject({ caseNo: '（2026）白沙人调字第0023号', leadMediator: '𠮷田', category: 'neighbour', acceptedOn: '2026-03-02' });
  });

  it('refuses, in Chinese, a figure that is not about cases or does not exist; the dispatcher too', async () => {
    const march = monthPeriod('2026-03');
    expect(() => drillDown(fx.core.db, march, 'sweeps')).toThrow(/「排查纠纷次数」不是按案件统计的数字/);
    expect(() => drillDown(fx.core.db, march, 'team.people')).toThrow(/不是按案件统计的数字/);
    expect(() => drillDown(fx.core.db, march, 'accepted_by_category.nonsense')).toThrow(/没有这个统计项/);
    const r = await fx.call(fx.office, 'stats:cases', { ...march, figure: 'overdue_at_end' });
    expect(ok(r).cases.map((c) => c.id)).toEqual([fx.idOf('c22'), fx.idOf('c24'), fx.idOf('c25')]);
    expect(await fx.call(fx.office, 'stats:cases', { ...march, figure: "success' OR 1=1 --" })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('the report checks itself', () => {
  const march = () => figures(monthPeriod('2026-03'));
  const failing = (tamper: (r: StatisticsReport) => void): StatisticsCheckError => {
    const r = structuredClone(march());
    tamper(r);
    try {
      checkReport(r);
    } catch (e) {
      expect(e).toBeInstanceOf(StatisticsCheckError);
      return e as StatisticsCheckError;
    }
    throw new Error('the check passed a tampered report');
  };

  it('names the figure that does not add up', () => {
    expect(() => checkReport(march())).not.toThrow();
    const cases: [string, (r: StatisticsReport) => void][] = [
      ['accepted_by_category', (r) => { r.accepted_by_category.neighbour++; }],
      ['accepted_by_bucket', (r) => { r.accepted_by_bucket.referral--; }],
      ['success_by_category', (r) => { r.success_by_category.other++; }],
      ['concluded', (r) => { r.withdrawn++; }],
      ['written_agreements', (r) => { r.oral_agreements++; }],
      ['success_rate', (r) => { r.success_rate = 0.8461; }],
      ['satisfaction.recorded', (r) => { r.satisfaction.dissatisfied++; }],
      ['overdue_at_end', (r) => { r.overdue_at_end = r.pending_at_end + 1; }],
      ['by_mediator', (r) => { r.by_mediator.reverse(); }],
      ['persons_involved', (r) => { r.persons_involved = Number.NaN; }],
    ];
    for (const [figure, tamper] of cases) {
      const e = failing(tamper);
      expect(e.figure, figure).toBe(figure);
      expect(e.message).toContain(`（${figure}）`);
      expect(e.message).toMatch(/^统计自检未通过：「.+」/);
    }
    expect(failing((r) => { r.accepted_by_category.neighbour++; }).message).toContain('「受理数（按类型）」');
  });

  it('refuses to produce figures from data that do not add up, and says which', async () => {
    const db = fx.core.db;
    const id = fx.idOf('c33');
    await db.query(`UPDATE cases SET agreement_form = NULL WHERE id = ?`, [id]);
    try {
      expect(() => figures(monthPeriod('2026-03'))).toThrow(StatisticsCheckError);
      expect(() => figures(monthPeriod('2026-03'))).toThrow(/（written_agreements）/);
      const r = await fx.call(fx.office, 'stats:report', monthPeriod('2026-03'));
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_STATE', message: expect.stringContaining('书面与口头协议数之和') } });
      expect(figures(monthPeriod('2025-12')).concluded).toBe(0); // Other periods are unaffected.
    } finally {
      await db.query(`UPDATE cases SET agreement_form = 'oral' WHERE id = ?`, [id]);
    }
  });
});

describe('the CLI', () => {
  const march = () => ({ ...expectedReport('expected-2026-03.json') });

  it('stats --month prints exactly the keys of the definition as JSON', async () => {
    const r = await cli(['stats', '--db', fx.dbPath, '--month', '2026-03']);
    expect(r).toMatchObject({ code: 0, err: '' });
    const got = JSON.parse(r.out) as StatisticsReport;
    expect(keyTree(got)).toEqual(keyTree(march()));
    expect({ ...got, as_of: AS_OF.toISOString() }).toEqual(march());
    expect(Number.isNaN(Date.parse(got.as_of))).toBe(false);
  });

  it('stats --from --to takes any range', async () => {
    const r = await cli(['stats', '--db', fx.dbPath, '--from', '2026-01-01', '--to', '2026-03-31']);
    expect(r.code).toBe(0);
    expect({ ...JSON.parse(r.out), as_of: AS_OF.toISOString() }).toEqual(expectedReport('expected-2026-Q1.json'));
  });

  it('--format csv: UTF-8 with a BOM, one line per figure: key path, Chinese label, value', async () => {
    const r = await cli(['stats', '--db', fx.dbPath, '--month', '2026-03', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.out.startsWith('\uFEFF')).toBe(true);
    const lines = `${r.out}\n`.slice(1).split('\r\n').filter(Boolean);
    const rows = lines.map((l) => l.split(','));
    expect(rows.every((cells) => cells.length === 3)).toBe(true);
    expect(rows.map((c) => c[0])).toEqual(reportLeaves(march()).map(([k]) => k));
    const byKey = new Map(rows.map(([k, label, v]) => [k, { label, v }]));
    expect(byKey.get('registered')).toEqual({ label: '登记数', v: '18' });
    expect(byKey.get('success_rate')).toEqual({ label: '调解成功率', v: '0.8462' });
    expect(byKey.get('agreement_amount_wan')).toEqual({ label: '协议涉及金额（万元）', v: '1.01' });
    expect(byKey.get('accepted_by_category.marriage_family')).toEqual({ label: '受理数（按类型）·婚姻家庭', v: '2' });
    expect(byKey.get('prevented.criminal.persons')).toEqual({ label: '防止民间纠纷转化为刑事案件（人）', v: '5' });
    expect(byKey.get('by_mediator.5.name')).toEqual({ label: '按调解员·𠮷田·姓名', v: '𠮷田' });
    expect(byKey.get('team.full_time')).toEqual({ label: '组织队伍·专职调解员', v: '3' });
    expect(rows.every(([, label]) => /[\u4e00-\u9fff]/.test(label))).toBe(true);
    // A null rate is an empty cell.
    expect(reportToCsv(expectedReport('expected-2025-12.json'))).toContain('\r\nsuccess_rate,调解成功率,\r\n');
  });

  it('--out writes the file and keeps stdout empty', async () => {
    const file = join(fx.dir, 'march.csv');
    const r = await cli(['stats', '--db', fx.dbPath, '--month', '2026-03', '--format', 'csv', '--out', file]);
    expect(r).toMatchObject({ code: 0, out: '' });
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').endsWith('\r\n')).toBe(true);
  });

  it('exit codes: 2 for usage, 1 for refusal', async () => {
    const db = ['--db', fx.dbPath];
    expect(await cli(['stats', ...db])).toMatchObject({ code: 2, err: expect.stringContaining('--month') });
    expect((await cli(['stats', ...db, '--month', '2026-13'])).code).toBe(2);
    expect((await cli(['stats', ...db, '--month', '2026-03', '--from', '2026-03-01'])).code).toBe(2);
    expect((await cli(['stats', ...db, '--from', '2026-03-01'])).err).toContain('--to');
    expect(await cli(['stats', ...db, '--from', '2026-03-31', '--to', '2026-03-01'])).toMatchObject({ code: 2, err: expect.stringContaining('不能早于起始日期') });
    expect(await cli(['stats', ...db, '--month', '2026-03', '--format', 'xlsx'])).toMatchObject({ code: 2, err: expect.stringContaining('xlsx') });
    expect((await cli(['stats', ...db, '--month', '2026-03'], {})).code).toBe(1);
    expect((await cli(['--lang', 'en', 'stats', ...db])).err).toContain('--month YYYY-MM');
  });
});

describe('sweeps (排查) in the figures', () => {
  it('a sweep logged in the period adds to sweeps, sweep_found and prevented_disputes; removing it takes it away; both audited', async () => {
    const march = monthPeriod('2026-03');
    const before = figures(march);
    expect([before.sweeps, before.sweep_found, before.prevented_disputes]).toEqual([3, 7, 4]);
    const { id } = ok(await fx.call(fx.office, 'stats:sweepAdd', { sweptOn: '2026-03-20', scope: '农贸市场', found: 2, prevented: 1, note: '节前排查' }));
    const after = figures(march);
    expect([after.sweeps, after.sweep_found, after.prevented_disputes]).toEqual([4, 9, 5]);
    expect(figures(monthPeriod('2026-04')).sweeps).toBe(1);
    const listed = ok(await fx.call(fx.office, 'stats:sweeps', march));
    expect(listed.map((s) => s.sweptOn)).toEqual(['2026-03-31', '2026-03-20', '2026-03-15', '2026-03-01']);
    expect(listed[1]).toMatchObject({ scope: '农贸市场', found: 2, prevented: 1, note: '节前排查', createdBy: '郑洁' });
    ok(await fx.call(fx.office, 'stats:sweepRemove', { id }));
    expect(figures(march)).toEqual(before);
    const audit = await fx.core.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity = 'sweep' AND entity_id = ? ORDER BY id`, [id]);
    expect(audit.map((a) => a.action)).toEqual(['sweep.add', 'sweep.remove']);
  });

  it('refuses a sweep in the future, negative counts, and writers without stats.write', async () => {
    expect(await fx.call(fx.office, 'stats:sweepAdd', { sweptOn: '2026-05-07', scope: '第一网格', found: 1, prevented: 0 }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '排查日期不能晚于今天' } });
    expect(await fx.call(fx.office, 'stats:sweepAdd', { sweptOn: '2026-05-01', scope: '第一网格', found: -1, prevented: 0 }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('件数不能为负数') } });
    const mediator = await fx.signedIn('mediator', 'user-password-1');
    expect(await fx.call(mediator, 'stats:sweepAdd', { sweptOn: '2026-05-01', scope: '第一网格', found: 1, prevented: 0 }))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await fx.call(mediator, 'stats:sweeps', {})).ok).toBe(true);
  });
});

describe('the team report (组织队伍情况)', () => {
  it('counts the people active at the end of the period, whenever the report is made', async () => {
    const team = (p: Period) => figures(p).team;
    // 钱红 left on 15 March, 李娜 on 20 April; 周杰 joined on 10 April, the two users on 6 May.
    expect(team(monthPeriod('2026-02'))).toMatchObject({ people: 10, mediators: 7, by_profession: { volunteer: 1 } });
    expect(team(monthPeriod('2026-03'))).toMatchObject({ people: 9, mediators: 7, by_profession: { volunteer: 0 } });
    expect(team(monthPeriod('2026-04'))).toEqual({
      people: 9, mediators: 6, full_time: 3, part_time: 2,
      by_profession: { mediator: 6, lawyer: 2, social_worker: 1, counsellor: 1, volunteer: 1 },
    });
    // A person added today joins today: not in March's team.
    ok(await fx.call(await fx.signedIn(), 'people:create', { name: '何平', professions: ['counsellor'] }));
    expect(team(monthPeriod('2026-03')).by_profession.counsellor).toBe(1);
    expect(team(monthPeriod('2026-05')).by_profession.counsellor).toBe(2);
  });
});

describe('frozen reports', () => {
  it('a report as sent is shown again exactly after a case changes; the stored text cannot be changed', async () => {
    const march = monthPeriod('2026-03');
    const frozen = ok(await fx.call(fx.office, 'stats:snapshot', { ...march, reason: 'sent' }));
    expect(frozen).toMatchObject({ from: '2026-03-01', to: '2026-03-31', reason: 'sent', createdBy: '郑洁', asOf: AS_OF.toISOString() });
    expect(frozen.sha256).toMatch(/^[0-9a-f]{64}$/);
    const sent = ok(await fx.call(fx.office, 'stats:snapshotGet', { id: frozen.id })).figures;

    // c35 (agreed on 31 March, performing) is now performed: the live figure moves, the sent one does not.
    const admin = await fx.signedIn();
    ok(await fx.call(admin, 'cases:performance', { caseId: fx.idOf('c35'), performance: 'performed' }));
    expect(ok(await fx.call(fx.office, 'stats:report', march)).performed).toBe(8);
    const again = ok(await fx.call(fx.office, 'stats:snapshotGet', { id: frozen.id }));
    expect(again.figures).toEqual(sent);
    expect(again.figures.performed).toBe(7);
    expect(JSON.stringify(again.figures)).toBe(JSON.stringify(sent));
    expect(again.sha256).toBe(frozen.sha256);

    expect(ok(await fx.call(fx.office, 'stats:snapshots', {})).map((s) => s.id)).toContain(frozen.id);
    const [audit] = await fx.core.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity = 'report_snapshot' AND entity_id = ?`, [frozen.id]);
    expect(audit.action).toBe('statistics.sent');
    await expect(fx.core.db.query(`UPDATE report_snapshots SET figures = '{}' WHERE id = ?`, [frozen.id])).rejects.toThrow(/frozen/);
    await expect(fx.core.db.query(`DELETE FROM report_snapshots WHERE id = ?`, [frozen.id])).rejects.toThrow(/frozen/);
    const mediator = await fx.signedIn('mediator', 'user-password-1');
    expect(await fx.call(mediator, 'stats:snapshot', { ...march, reason: 'exported' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('periods', () => {
  it('months, quarters, years and ranges; refused with Chinese messages', () => {
    expect(monthPeriod('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthPeriod('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(quarterPeriod('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(yearPeriod('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(parsePeriod('2026-03-01..2026-03-15')).toEqual({ from: '2026-03-01', to: '2026-03-15' });
    expect(parsePeriod('2026-2季度')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(() => monthPeriod('2026-3')).toThrow(/月份无效/);
    expect(() => quarterPeriod('2026-Q5')).toThrow(/季度无效/);
    expect(() => parsePeriod('2026-03-15..2026-03-01')).toThrow(AppFailure);
  });
});

describe('rounding and ordering', () => {
  it('rounds half up in integers', () => {
    expect(rate(25, 32)).toBe(0.7813);
    expect(rate(1, 32)).toBe(0.0313);
    expect(rate(11, 13)).toBe(0.8462);
    expect(rate(0, 5)).toBe(0);
    expect(rate(3, 0)).toBeNull();
    expect(fenToWan(1_005_000)).toBe(1.01);
    expect(fenToWan(2_345_000)).toBe(2.35);
    expect(fenToWan(4_999)).toBe(0);
    expect(fenToWan(5_000)).toBe(0.01);
  });

  it('orders names by code point, not by UTF-16 unit', () => {
    expect(['𠮷田', '﨑川', '张伟', '吴刚'].sort(compareCodePoints)).toEqual(['吴刚', '张伟', '﨑川', '𠮷田']);
    expect(['𠮷田', '﨑川'].sort()).toEqual(['𠮷田', '﨑川']); // What a plain sort would do.
    expect(compareCodePoints('张', '张伟')).toBe(-1);
  });
});

describe('query plans', () => {
  const plan = (sql: string) =>
    (rawHandle(fx.core.db).prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ from: '2026-03-01', to: '2026-03-31', horizon: '2026-05-04', mediator: 1 }) as { detail: string }[])
      .map((r) => r.detail);

  it('every figure query reads a covering index, never the whole table', () => {
    const queries = [
      ...(['registered', 'accepted', 'concluded', 'pending'] as Scope[]).flatMap((s) => scopeSql(s, CASE_FIGURES.filter((f) => f.scope === s))),
      ...mediatorSql('accepted'), ...mediatorSql('success'),
    ];
    for (const sql of queries) {
      const details = plan(sql);
      expect(details.join(' | '), sql.slice(0, 80)).toMatch(/USING COVERING INDEX cases_stats_\w+ \(/);
      expect(details.some((d) => /^SCAN cases\b(?! USING)/.test(d)), details.join(' | ')).toBe(false);
    }
  });

  it('the longest mediation on record is one index seek', () => {
    expect(plan(HORIZON_SQL)).toEqual(['SEARCH cases USING INDEX cases_stats_duration']);
    // c06: accepted 2025-11-12, concluded 2026-01-15, 64 days, the longest in the fixture.
    expect(scopeParams(fx.core.db, monthPeriod('2026-03')).horizon).toBe('2026-06-03');
  });

  it('drill-downs use the same indexes to find their rows', () => {
    for (const key of ['accepted', 'overdue_at_end', 'success_rate', 'registered', 'by_mediator.2.success']) {
      const details = plan(drillSql(resolveFigure(key).figure)).join(' | ');
      // A drill-down also reads case_no, so no index covers it: it searches one, by the scope's date.
      expect(details, key).toMatch(/SEARCH cases USING (COVERING )?INDEX cases_\w+ \((registered_on|accepted_on|concluded_on)/);
      expect(details, key).not.toMatch(/SCAN cases(?! USING)/);
    }
  });
});

describe('pending_at_end for a past period', () => {
  it('still counts a case open for longer than any other: the horizon is exact', async () => {
    const db = fx.core.db;
    // Accepted on 30 June 2025 and concluded 305 days later, on 1 May 2026: the longest mediation on record, so the
    // end of June 2025 plus 305 days is the horizon, and the case is concluded exactly on it.
    const [row] = await db.query<CaseRow>(`SELECT * FROM cases WHERE id = ?`, [fx.idOf('c05')]);
    const { id: _id, ...fields } = row;
    insertCases(db, [{
      row: { ...fields, case_no: '（2025）白沙人调字第0099号', case_seq: 99, registered_on: '2025-06-30', accepted_on: '2025-06-30',
        due_on: '2025-07-30', concluded_on: '2026-05-01', status: 'closed' },
      parties: [], agreement: null, followups: [],
    }], new Map());
    const [{ id }] = await db.query<{ id: number }>(`SELECT id FROM cases WHERE case_no = '（2025）白沙人调字第0099号'`);
    try {
      const june = monthPeriod('2025-06');
      expect(scopeParams(db, june).horizon).toBe('2026-05-01');
      expect(figures(june)).toMatchObject({ registered: 1, accepted: 1, pending_at_end: 1, overdue_at_end: 0 });
      expect(drillDown(db, june, 'pending_at_end').cases.map((x) => x.id)).toEqual([id]);
      expect(figures(monthPeriod('2025-12')).pending_at_end).toBe(5); // Still open then too: with c01 c03 c05 c06.
    } finally {
      await db.query(`DELETE FROM cases WHERE id = ?`, [id]);
    }
    expect(scopeParams(db, monthPeriod('2025-06')).horizon).toBe('2025-09-02');
    expect(figures(monthPeriod('2025-12')).pending_at_end).toBe(4);
  });
});
