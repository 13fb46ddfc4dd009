import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferSource, importLedger } from '../../electron/core/ledger';
import { computeFigures, drillDown, monthPeriod } from '../../electron/core/statistics';
import { SHEETS, statisticsXlsxBuffer } from '../../electron/core/statistics/xlsx';
import { drillSql, resolveFigure } from '../../electron/core/statistics/drilldown';
import { scopeParams } from '../../electron/core/statistics/figures';
import type { Actor } from '../../electron/core/context';
import type { Session } from '../../electron/ipc/session';
import type { Input } from '../../shared/ipc/contract';
import { committeeFixture, ok } from '../support/db';
import { HEADERS, toCsv } from '../fixtures/ledger/make-fixtures';

// Friday 27 November 2026, 10:00 in Shanghai.
const NOW = new Date('2026-11-27T02:00:00Z');
const NOVEMBER = monthPeriod('2026-11');

let f: Awaited<ReturnType<typeof committeeFixture>>;
let admin: Session;
let mediator: Session;
let office: Session;
let wages: number;

const caseInput = (over: Partial<Input<'cases:create'>> = {}): Input<'cases:create'> => ({
  category: 'other', channel: 'application', summary: '施工队拖欠五名工人三个月工资', registeredOn: '2026-11-10',
  parties: [{ role: 'applicant', name: '陈静' }, { role: 'respondent', name: '龙港市宏达建筑劳务有限公司', kind: 'organisation' }],
  ...over,
});
const localRow = async (id: number) =>
  (await f.core.db.query<{ name: string; rolls_up_to: string; active: number }>(`SELECT name, rolls_up_to, active FROM local_categories WHERE id = ?`, [id]))[0];
const tableCounts = async () => (await f.core.db.query<Record<string, number>>(
  `SELECT (SELECT count(*) FROM local_categories) AS categories, (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM parties) AS parties,
     (SELECT coalesce(sum(last_seq), 0) FROM case_number_counters) AS numbers`))[0];
const auditActions = async (action: string) =>
  (await f.core.db.query<{ n: number }>(`SELECT count(*) AS n FROM audit_events WHERE action = ?`, [action]))[0].n;

beforeAll(async () => {
  f = await committeeFixture({ clock: () => NOW });
  admin = await f.signedIn();
  await f.addUser('liming', 'mediator');
  await f.addUser('zhengjie', 'office_staff');
  mediator = await f.signedIn('liming', 'user-password-1');
  office = await f.signedIn('zhengjie', 'user-password-1');
}, 120_000); // set-up and three sign-ins: scrypt, on a shared machine
afterAll(async () => { await f?.close(); });

describe('local categories: reference data an admin keeps, each rolling up into one of the 15', () => {
  it('an admin creates one; every signed-in user lists it with its case count; the change is audited', async () => {
    wages = ok(await f.call(admin, 'categories:create', { name: ' 拖欠农民工工资 ', rollsUpTo: 'labour' })).id;
    expect(await localRow(wages)).toEqual({ name: '拖欠农民工工资', rolls_up_to: 'labour', active: 1 });
    expect(await auditActions('category.create')).toBe(1);
    const listed = ok(await f.call(mediator, 'categories:list', {}));
    expect(listed).toEqual([expect.objectContaining({ id: wages, name: '拖欠农民工工资', rollsUpTo: 'labour', active: true, caseCount: 0 })]);
  });

  it('a national name, or a name already taken, is refused with a Chinese message and nothing written', async () => {
    const before = await tableCounts();
    const national = await f.call(admin, 'categories:create', { name: '劳动争议', rollsUpTo: 'labour' });
    expect(national).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('“劳动争议”是国家统计的15类纠纷之一') } });
    expect(national.ok ? null : national.error.details?.[0].path).toBe('name');
    const renamed = await f.call(admin, 'categories:update', { id: wages, name: '道路交通事故' });
    expect(renamed).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('国家统计的15类纠纷之一') } });
    const twice = await f.call(admin, 'categories:create', { name: '拖欠农民工工资', rollsUpTo: 'contract' });
    expect(twice).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('已有名为“拖欠农民工工资”') } });
    expect(await tableCounts()).toEqual(before);
    expect(await localRow(wages)).toEqual({ name: '拖欠农民工工资', rolls_up_to: 'labour', active: 1 });
  });

  it('only an admin may create or change one', async () => {
    for (const s of [mediator, office]) {
      expect(await f.call(s, 'categories:create', { name: '非正常死亡纠纷', rollsUpTo: 'other' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await f.call(s, 'categories:update', { id: wages, active: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect((await tableCounts()).categories).toBe(1);
    expect((await localRow(wages)).active).toBe(1);
  });

  it('while no case uses it, its roll-up may change', async () => {
    ok(await f.call(admin, 'categories:update', { id: wages, rollsUpTo: 'contract' }));
    expect((await localRow(wages)).rolls_up_to).toBe('contract');
    ok(await f.call(admin, 'categories:update', { id: wages, rollsUpTo: 'labour' }));
    expect((await localRow(wages)).rolls_up_to).toBe('labour');
    expect(await auditActions('category.update')).toBe(2);
  });
});

describe('a case registered under a local category', () => {
  let caseId: number;

  it('stores the local category and its roll-up as the national category, whatever category the form sent', async () => {
    caseId = ok(await f.call(admin, 'cases:create', caseInput({ category: 'other', localCategoryId: wages }))).id;
    const [row] = await f.core.db.query<{ category: string; local_category_id: number }>(`SELECT category, local_category_id FROM cases WHERE id = ?`, [caseId]);
    expect(row).toEqual({ category: 'labour', local_category_id: wages });
    const detail = ok(await f.call(admin, 'cases:get', { id: caseId }));
    expect(detail).toMatchObject({ category: 'labour', localCategoryId: wages, localCategory: '拖欠农民工工资' });
    expect(ok(await f.call(admin, 'categories:list', {}))[0].caseCount).toBe(1);
  });

  it('the case list shows the local name and filters by national category (locals included) or by the local one', async () => {
    ok(await f.call(admin, 'cases:create', caseInput({ category: 'labour', summary: '加班费争议' })));
    ok(await f.call(admin, 'cases:create', caseInput({ category: 'neighbour', summary: '楼上噪音' })));
    const summaries = async (q: Input<'cases:list'>) => ok(await f.call(mediator, 'cases:list', q)).items.map((c) => c.localCategory ?? c.category);
    expect((await summaries({ category: ['labour'] })).sort()).toEqual(['labour', '拖欠农民工工资']);
    expect(await summaries({ localCategoryId: [wages] })).toEqual(['拖欠农民工工资']);
    expect((await summaries({ category: ['neighbour'], localCategoryId: [wages] })).sort()).toEqual(['neighbour', '拖欠农民工工资']);
    expect(await summaries({ category: ['neighbour'] })).toEqual(['neighbour']);
    expect(await summaries({ q: '陈静', localCategoryId: [wages] })).toEqual(['拖欠农民工工资']);
  });

  it('the case list filtered by a local category reads its index, not the whole table', async () => {
    // The statements cases:list really runs, captured, then explained with their own parameters.
    const db = f.core.db;
    const read = db.read.bind(db);
    const seen: { sql: string; params: unknown[] }[] = [];
    db.read = <T>(sql: string, params: unknown[] = []): T[] => { seen.push({ sql, params }); return read<T>(sql, params); };
    try {
      ok(await f.call(mediator, 'cases:list', { localCategoryId: [wages] }));
      ok(await f.call(mediator, 'cases:list', { localCategoryId: [wages], sortBy: 'category', order: 'asc' }));
    } finally { db.read = read; }
    const lists = seen.filter((s) => /FROM cases c/.test(s.sql));
    expect(lists.length).toBe(4); // a count and a page, twice
    for (const { sql, params } of lists) {
      const plan = read<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params).map((r) => r.detail).join(' | ');
      expect(plan, sql).toMatch(/cases_local_category/);
      expect(plan, sql).not.toMatch(/SCAN c(?! USING)/);
    }
  });

  it('counts under its national column in the figures, the report and the drill-down, which names the local category', async () => {
    ok(await f.call(admin, 'cases:accept', { caseId, acceptedOn: '2026-11-12' }));
    const figures = computeFigures(f.core.db, NOVEMBER, NOW);
    expect(figures.accepted_by_category.labour).toBe(1);
    expect(figures.accepted_by_category.other).toBe(0);
    const report = ok(await f.call(office, 'stats:report', NOVEMBER));
    expect(report.accepted_by_category).toEqual(figures.accepted_by_category);
    const drill = drillDown(f.core.db, NOVEMBER, 'accepted_by_category.labour');
    expect(drill.cases).toEqual([expect.objectContaining({ id: caseId, category: 'labour', localCategory: '拖欠农民工工资' })]);
    const registered = ok(await f.call(office, 'stats:cases', { ...NOVEMBER, figure: 'registered' }));
    expect(registered.cases.map((c) => c.localCategory)).toContain('拖欠农民工工资');
    // The local name is one primary-key lookup per row: the drill-down still searches its date index, never scans cases.
    const plan = f.core.db.read<{ detail: string }>(`EXPLAIN QUERY PLAN ${drillSql(resolveFigure('accepted_by_category.labour').figure)}`,
      [{ ...scopeParams(f.core.db, NOVEMBER), mediator: null }]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/SEARCH lc USING INTEGER PRIMARY KEY/);
    expect(plan).not.toMatch(/SCAN cases(?! USING)/);
  });

  it('the XLSX 案件清单 shows 劳动争议（拖欠农民工工资）', async () => {
    const { buffer } = await statisticsXlsxBuffer(f.core.db, computeFigures(f.core.db, NOVEMBER, NOW));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet(SHEETS.cases)!;
    const header = (sheet.getRow(1).values as unknown[]).indexOf('纠纷类型');
    const categories: unknown[] = [];
    sheet.eachRow((r, n) => { if (n > 1) categories.push(r.getCell(header).value); });
    expect(categories).toContain('劳动争议（拖欠农民工工资）');
    expect(categories).toContain('劳动争议');
  }, 60_000);

  it('once used, its roll-up change is refused with the reason and nothing written; rename and deactivation still work', async () => {
    const audit = await auditActions('category.update');
    const moved = await f.call(admin, 'categories:update', { id: wages, rollsUpTo: 'contract' });
    expect(moved).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('已有案件使用，不能再改为计入其他国家类别') } });
    expect(moved.ok ? null : moved.error.message).toContain('可以改名或停用');
    expect(await localRow(wages)).toEqual({ name: '拖欠农民工工资', rolls_up_to: 'labour', active: 1 });
    expect(await auditActions('category.update')).toBe(audit);
    // The same name and roll-up sent again is no change of roll-up.
    ok(await f.call(admin, 'categories:update', { id: wages, rollsUpTo: 'labour', name: '拖欠农民工工资（含劳务费）' }));
    expect(ok(await f.call(admin, 'cases:get', { id: caseId })).localCategory).toBe('拖欠农民工工资（含劳务费）');
    ok(await f.call(admin, 'categories:update', { id: wages, name: '拖欠农民工工资', active: false }));
    expect(await localRow(wages)).toEqual({ name: '拖欠农民工工资', rolls_up_to: 'labour', active: 0 });
  });

  it('an inactive or unknown local category is refused on a new case, with nothing written', async () => {
    const before = await tableCounts();
    const inactive = await f.call(admin, 'cases:create', caseInput({ category: 'labour', localCategoryId: wages }));
    expect(inactive).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('本地纠纷类型“拖欠农民工工资”已停用') } });
    expect(inactive.ok ? null : inactive.error.details?.map((d) => d.path)).toEqual(['localCategoryId']);
    const unknown = await f.call(admin, 'cases:create', caseInput({ category: 'labour', localCategoryId: 9999 }));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('所选本地纠纷类型不存在') } });
    expect(await tableCounts()).toEqual(before);
    // Listed still, as inactive, with its case.
    expect(ok(await f.call(mediator, 'categories:list', {}))).toEqual([expect.objectContaining({ id: wages, active: false, caseCount: 1 })]);
    ok(await f.call(admin, 'categories:update', { id: wages, active: true }));
  });
});

describe('ledger import: 纠纷类型 may name an active local category', () => {
  const ledgerRow = (over: Record<string, string>) => {
    const base: Record<string, string> = {
      登记日期: '2026-11-02', 受理日期: '2026-11-03', 纠纷类型: '拖欠农民工工资', 案件来源: '当事人申请', 申请人: '刘洋', 被申请人: '黄磊', 涉及人数: '2',
      主办调解员: '李明', 调解结果: '调解中',
    };
    const all = { ...base, ...over };
    return HEADERS.map((h) => all[h] ?? '');
  };
  const csv = (rows: string[][]) => Buffer.from(`\uFEFF${toCsv([HEADERS, ...rows])}`, 'utf8');
  let actor: Actor;
  beforeAll(async () => {
    const [u] = await f.core.db.query<{ id: number; person_id: number | null }>(`SELECT id, person_id FROM users WHERE username = 'zhengjie'`);
    actor = { userId: u.id, personId: u.person_id, role: 'office_staff', displayName: 'zhengjie' };
  });
  const run = (bytes: Buffer) => importLedger(f.core.db, bufferSource('台账.csv', bytes), { dryRun: false, actor, clock: () => NOW });

  it('a row naming a local category sets both the local category and its national one', async () => {
    const report = await run(csv([ledgerRow({ 申请人: '周敏' })]));
    expect(report.errors).toEqual([]);
    expect(report.imported).toBe(1);
    const rows = await f.core.db.query<{ category: string; local_category_id: number | null }>(
      `SELECT category, local_category_id FROM cases WHERE applicant_names = '周敏'`);
    expect(rows).toEqual([{ category: 'labour', local_category_id: wages }]);
    expect(computeFigures(f.core.db, NOVEMBER, NOW).accepted_by_category.labour).toBe(2);
  });

  it('an unknown name is refused with its row and column, saying local categories are configured in 设置 → 纠纷类型; nothing written', async () => {
    const before = await tableCounts();
    const report = await run(csv([ledgerRow({ 申请人: '徐丽', 纠纷类型: '劳动争议' }), ledgerRow({ 申请人: '孙浩', 纠纷类型: '非正常死亡纠纷' })]));
    expect(report.imported).toBe(0);
    expect(report.errors).toEqual([{ row: 3, column: '纠纷类型', message: expect.stringContaining('第3行「纠纷类型」“非正常死亡纠纷”不是可用的纠纷类型') }]);
    expect(report.errors[0].message).toContain('拖欠农民工工资');
    expect(report.errors[0].message).toContain('本地纠纷类型可在“设置 → 纠纷类型”中添加');
    expect(await tableCounts()).toEqual(before);
  });

  it('an inactive local category is not accepted either', async () => {
    ok(await f.call(admin, 'categories:update', { id: wages, active: false }));
    try {
      const report = await run(csv([ledgerRow({ 申请人: '胡军' })]));
      expect(report.imported).toBe(0);
      expect(report.errors).toEqual([expect.objectContaining({ row: 2, column: '纠纷类型' })]);
    } finally {
      ok(await f.call(admin, 'categories:update', { id: wages, active: true }));
    }
  });
});
