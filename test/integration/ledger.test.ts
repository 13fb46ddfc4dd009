import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { computeFigures } from '../../electron/core/statistics';
import { bufferSource, fileSource, importLedger, type LedgerReport } from '../../electron/core/ledger';
import { parseDate, parseYuan, splitNames } from '../../electron/core/ledger/values';
import { createUser } from '../../electron/core/accounts/accounts';
import { lifecycleRepo } from '../../electron/db/repositories/lifecycle-repo';
import type { Actor } from '../../electron/core/context';
import type { StatisticsReport } from '../../shared/domain/statistics';
import { LEDGER_CHUNK_BYTES } from '../../shared/domain/ledger';
import { committeeFixture, ok, PASSPHRASE, tempDir } from '../support/db';
import { AS_OF, expectedReport, FIXTURE } from '../support/statistics-fixture';
import { craftedCsv, HEADERS, LEFT_OUT, toCsv, writeCraftedXlsx, writeXlsx } from '../fixtures/ledger/make-fixtures';

const FIX = join(import.meta.dirname, '../fixtures/ledger');
const SAMPLE = '/work/shared/samples/ledger-sample.csv';
const stamp = (day: string) => `${day}T02:00:00.000Z`;
const tmp = tempDir();
afterAll(tmp.cleanup);

/** A committee with the statistics fixture's people, users and sweeps, and no cases: the ledger brings those. */
async function ledgerCommittee() {
  let now = new Date(stamp(FIXTURE.people[0].joined_on));
  const f = await committeeFixture({ clock: () => now });
  now = AS_OF;
  const db = f.core.db;
  await db.transaction(async (tx) => {
    for (const p of FIXTURE.people.slice(1)) {
      await lifecycleRepo.insert(tx, 'persons', {
        name: p.name, sex: null, phone: null, professions: JSON.stringify(p.professions), employment: p.employment,
        active: p.active ? 1 : 0, created_at: stamp(p.joined_on), joined_on: p.joined_on, left_on: p.left_on,
      });
    }
  });
  const office = await db.transaction((tx) => createUser(tx, { username: 'office', displayName: '郑洁', password: 'user-password-1', role: 'office_staff' }, now, null));
  void office;
  const session = await f.signedIn('office', 'user-password-1');
  for (const s of FIXTURE.sweeps) ok(await f.call(session, 'stats:sweepAdd', { sweptOn: s.swept_on, scope: s.scope, found: s.found, prevented: s.prevented }));
  const [user] = await db.query<{ id: number; person_id: number | null }>(`SELECT id, person_id FROM users WHERE username = 'office'`);
  const actor: Actor = { userId: user.id, personId: user.person_id, role: 'office_staff', displayName: '郑洁' };
  const counts = async () => (await db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM parties) AS parties, (SELECT count(*) FROM audit_events) AS audit,
            (SELECT count(*) FROM persons) AS persons, (SELECT count(*) FROM agreements) AS agreements, (SELECT count(*) FROM followups) AS followups`))[0];
  const run = (source: Parameters<typeof importLedger>[1], dryRun = false) => importLedger(db, source, { dryRun, actor, clock: () => now });
  return { ...f, session, actor, counts, run };
}

/**
 * The expected figures, for what a ledger can say: the two cases only registered, not yet accepted (c44, c49), have
 * no ledger form, and a ledger names mediators by name only, so the two called 张伟 (ids 2 and 6) are one person
 * to it: their cases go to the first 张伟 (id 2).
 */
function expectedFromLedger(name: string): StatisticsReport {
  const e = expectedReport(name);
  const { from, to } = e.period;
  const leftOut = LEFT_OUT.filter((c) => c.registered_on >= from && c.registered_on <= to).length;
  const merged = new Map<string, StatisticsReport['by_mediator'][number]>();
  for (const m of e.by_mediator) {
    const first = merged.get(m.name);
    if (first) { first.accepted += m.accepted; first.success += m.success; } else merged.set(m.name, { ...m });
  }
  return { ...e, registered: e.registered - leftOut, by_mediator: [...merged.values()] };
}
const EXPECTED = ['expected-2025-12.json', 'expected-2026-03.json', 'expected-2026-Q1.json'];

describe('values', () => {
  it('reads every date form, Excel serials and cells', () => {
    for (const t of ['2026-10-05', '2026/10/5', '2026.10.05', '2026年10月5日', ' 2026 年 10 月 5 日 ']) expect(parseDate(t)).toEqual({ ok: true, value: '2026-10-05' });
    expect(parseDate(46300)).toEqual({ ok: true, value: '2026-10-05' });
    expect(parseDate(new Date('2026-10-05T00:00:00Z'))).toEqual({ ok: true, value: '2026-10-05' });
    for (const t of ['2026-02-30', '2026/13/1', '五月', '2026-1']) expect(parseDate(t).ok).toBe(false);
  });
  it('rounds amounts half up to the fen in integer arithmetic', () => {
    expect(parseYuan('0.285')).toEqual({ ok: true, value: 29 }); // 0.285 * 100 is 28.499999… in floating point
    expect(parseYuan('1,234.5')).toEqual({ ok: true, value: 123450 });
    expect(parseYuan(1.005)).toEqual({ ok: true, value: 101 });
    expect(parseYuan('¥12,345.00')).toEqual({ ok: true, value: 1234500 });
    expect(parseYuan(0.1 + 0.2)).toEqual({ ok: true, value: 30 });
    for (const t of ['abc', '-5', '1.2.3']) expect(parseYuan(t).ok).toBe(false);
  });
  it('splits names on 、 , ， ; ； and keeps ·', () => {
    expect(splitNames('买买提·艾力、陈静，刘洋;杨帆；黄磊,周敏')).toEqual(['买买提·艾力', '陈静', '刘洋', '杨帆', '黄磊', '周敏']);
  });
});

describe('the crafted ledger: the statistics fixture in ledger form', () => {
  for (const [kind, make] of [
    ['csv', async () => fileSource(join(FIX, 'crafted.csv'))],
    ['xlsx', async () => { const p = join(tmp.dir, 'crafted.xlsx'); await writeCraftedXlsx(p); return fileSource(p); }],
  ] as const) {
    it(`${kind}: imports, and computeFigures gives the hand-worked figures`, async () => {
      const f = await ledgerCommittee();
      try {
        const r = await f.run(await make());
        expect(r.errors).toEqual([]);
        expect(r.imported).toBe(FIXTURE.cases.length - LEFT_OUT.length);
        expect(r.newMediators).toEqual([]);
        for (const name of EXPECTED) {
          const e = expectedFromLedger(name);
          expect(computeFigures(f.core.db, e.period, AS_OF), name).toEqual(e);
        }
        // One audit record naming the file and its SHA-256.
        const audit = await f.core.db.query<{ after_json: string }>(`SELECT after_json FROM audit_events WHERE action = 'ledger.import'`);
        expect(audit).toHaveLength(1);
        expect(JSON.parse(audit[0].after_json)).toMatchObject({ file: `crafted.${kind}`, sha256: r.sha256, imported: r.imported });
        // Again: nothing added, every row skipped and none differs.
        const before = await f.counts();
        const again = await f.run(await make());
        expect(again).toMatchObject({ imported: 0, toImport: 0, errors: [], warnings: [] });
        expect(again.skipped).toHaveLength(r.imported);
        expect(await f.counts()).toEqual(before);
      } finally { await f.close(); }
    });
  }

  it('the committed crafted.csv is what make-fixtures writes', () => {
    expect(readFileSync(join(FIX, 'crafted.csv'), 'utf8')).toBe(craftedCsv());
  });

  it('states: 调解中 → in_mediation, 调解成功 → agreed with its agreement, 不予受理 → rejected; numbers generated and listed', async () => {
    const f = await ledgerCommittee();
    try {
      const r = await f.run(fileSource(join(FIX, 'crafted.csv')));
      const rows = await f.core.db.query<{ status: string; n: number }>(`SELECT status, count(*) AS n FROM cases GROUP BY status ORDER BY status`);
      expect(Object.fromEntries(rows.map((x) => [x.status, x.n]))).toEqual({ agreed: 26, failed: 7, in_mediation: 8, rejected: 3, withdrawn: 3 });
      const [a] = await f.core.db.query<{ n: number }>(`SELECT count(*) AS n FROM agreements a JOIN cases c ON c.id = a.case_id
        WHERE a.form = c.agreement_form AND a.effective_on = c.concluded_on AND a.performance = c.performance`);
      expect(a.n).toBe(26);
      expect(r.generated.length).toBe(47 - 16);
      for (const g of r.generated) expect(g.caseNo).toMatch(/^（20\d\d）白沙人调字第\d{4}号$/);
      const stored = await f.core.db.query<{ case_no: string }>(`SELECT case_no FROM cases`);
      expect(new Set(stored.map((s) => s.case_no)).size).toBe(47);
      // 买买提·艾力 stays one party.
      const [p] = await f.core.db.query<{ n: number }>(`SELECT count(*) AS n FROM parties WHERE name = '买买提·艾力'`);
      expect(p.n).toBeGreaterThan(0);
    } finally { await f.close(); }
  });
});

describe('the sample ledger', () => {
  it('imports cleanly; re-importing it adds nothing', async () => {
    const f = await ledgerCommittee();
    try {
      const dry = await f.run(fileSource(SAMPLE), true);
      expect(dry).toMatchObject({ rows: 200, toImport: 200, imported: 0, errors: [], encoding: 'utf-8' });
      expect((await f.counts()).cases).toBe(0);
      const r = await f.run(fileSource(SAMPLE));
      expect(r).toMatchObject({ rows: 200, imported: 200, errors: [], unknownColumns: [] });
      expect(r.generated.map((g) => g.caseNo)).toEqual(dry.generated.map((g) => g.caseNo));
      expect(r.newMediators.length).toBeGreaterThan(0);
      const before = await f.counts();
      const again = await f.run(fileSource(SAMPLE));
      expect(again).toMatchObject({ imported: 0, errors: [], warnings: [] });
      expect(again.skipped.map((s) => s.reason).sort()).toEqual([...Array(129).fill('number'), ...Array(71).fill('match')].sort());
      expect(await f.counts()).toEqual(before);
    } finally { await f.close(); }
  });
});

/** A valid row (the header order of HEADERS) with some columns changed. */
function row(over: Record<string, string> = {}): string[] {
  const base: Record<string, string> = {
    登记日期: '2026-03-02', 受理日期: '2026-03-03', 纠纷类型: '邻里', 案件来源: '当事人申请', 申请人: '陈静', 被申请人: '刘洋', 涉及人数: '2',
    主办调解员: '李娜', 调解结果: '调解成功', 协议形式: '书面', 调结日期: '2026-03-20', 履行情况: '已履行',
  };
  const all = { ...base, ...over };
  return HEADERS.map((h) => all[h] ?? '');
}
const csvOf = (rows: string[][], bom = true) => Buffer.from(`${bom ? '\uFEFF' : ''}${toCsv([HEADERS, ...rows])}`, 'utf8');

describe('bad rows: refused with row and column, nothing written', () => {
  it('every kind of bad row', async () => {
    const f = await ledgerCommittee();
    try {
      const rows = [
        row({ 案件编号: '（2026）白沙人调字第0500号' }), // 2: fine
        row({ 登记日期: '2026/13/45' }), // 3
        row({ 受理日期: '2026-03-01' }), // 4: accepted before registered
        row({ 调结日期: '2026-03-02' }), // 5: concluded before accepted
        row({ 纠纷类型: '' }), // 6
        row({ 纠纷类型: '打架' }), // 7
        row({ 案件来源: '路人' }), // 8
        row({ 调解结果: '和解' }), // 9
        row({ 协议形式: '' }), // 10
        row({ 调解结果: '不予受理', 协议形式: '', 调结日期: '', 主办调解员: '' }), // 11: rejected with an acceptance date
        row({ 涉及人数: '0' }), // 12
        row({ 案件编号: '（2026）白沙人调字第0500号' }), // 13: the number of row 2 again
        row({ '涉及金额（元）': '十万' }), // 14
        row({ 调解结果: '调解不成功', 调结日期: '' }), // 15: concluded without 调结日期
        row({ 受理日期: '' }), // 16: 调解成功 without 受理日期
      ];
      const before = await f.counts();
      const r = await f.run(bufferSource('bad.csv', csvOf(rows)));
      const at = (n: number) => r.errors.filter((e) => e.row === n).map((e) => [e.column, e.message]);
      expect(at(2)).toEqual([]);
      expect(at(3)).toEqual([['登记日期', expect.stringMatching(/^第3行「登记日期」不是有效日期：2026\/13\/45/)]]);
      expect(at(4)).toEqual([['受理日期', '第4行「受理日期」早于「登记日期」']]);
      expect(at(5)).toEqual([['调结日期', '第5行「调结日期」早于「受理日期」']]);
      expect(at(6)).toEqual([['纠纷类型', '第6行「纠纷类型」未填写']]);
      expect(at(7)).toEqual([['纠纷类型', expect.stringMatching(/^第7行「纠纷类型」“打架”不是可用的纠纷类型/)]]);
      expect(at(8)).toEqual([['案件来源', expect.stringMatching(/^第8行「案件来源」“路人”不是可用的案件来源/)]]);
      expect(at(9)).toEqual([['调解结果', expect.stringMatching(/^第9行「调解结果」“和解”不是可用的调解结果/)]]);
      expect(at(10)).toEqual([['协议形式', expect.stringContaining('第10行「协议形式」未填写')]]);
      expect(at(11)).toEqual([['受理日期', expect.stringContaining('第11行「受理日期」不应填写')]]);
      expect(at(12)).toEqual([['涉及人数', '第12行「涉及人数」须为不小于1的整数：0']]);
      expect(at(13)).toEqual([['案件编号', '第13行「案件编号」与第2行重复：（2026）白沙人调字第0500号']]);
      expect(at(14)).toEqual([['涉及金额（元）', '第14行「涉及金额（元）」不是有效金额：十万']]);
      expect(at(15)).toEqual([['调结日期', expect.stringContaining('第15行「调结日期」未填写')]]);
      expect(at(16)).toEqual([['受理日期', expect.stringContaining('第16行「受理日期」未填写')]]);
      expect(r.imported).toBe(0);
      expect(await f.counts()).toEqual(before);
      // The column is named as the file names it.
      const alt = Buffer.from(`结案日期,登记日期,受理日期,类型,来源,申请人,涉及人数,调解员,结果,协议形式\n2026-03-01,2026-03-02,2026-03-03,邻里,申请,陈静,2,李娜,调解成功,书面\n`);
      const r2 = await f.run(bufferSource('alt.csv', alt));
      expect(r2.errors).toEqual([{ row: 2, column: '结案日期', message: '第2行「结案日期」早于「受理日期」' }]);
      // A missing required column is named too.
      const r3 = await f.run(bufferSource('cols.csv', Buffer.from('登记日期,申请人,备注\n2026-03-02,陈静,x\n')));
      expect(r3.errors.map((e) => e.column)).toEqual(['纠纷类型', '案件来源', '涉及人数', '调解结果']);
      expect(r3.unknownColumns).toEqual(['备注']);
      expect(await f.counts()).toEqual(before);
    } finally { await f.close(); }
  });

  it('a row whose number is already present but says something else: skipped, with a warning, nothing overwritten', async () => {
    const f = await ledgerCommittee();
    try {
      await f.run(bufferSource('a.csv', csvOf([row({ 案件编号: '（2026）白沙人调字第0009号' })])));
      const r = await f.run(bufferSource('b.csv', csvOf([row({ 案件编号: '（2026）白沙人调字第0009号', 涉及人数: '3' }), row({ 申请人: '新人' })])));
      expect(r).toMatchObject({ imported: 1, skipped: [{ row: 2, reason: 'number', differs: true }] });
      expect(r.warnings[0].message).toContain('不一致');
      const [c] = await f.core.db.query<{ persons_involved: number }>(`SELECT persons_involved FROM cases WHERE case_no = '（2026）白沙人调字第0009号'`);
      expect(c.persons_involved).toBe(2);
      // The generated number follows the kept one in the committee's series.
      expect(r.generated).toEqual([{ row: 3, caseNo: '（2026）白沙人调字第0010号' }]);
    } finally { await f.close(); }
  });
});

describe('encodings and workbooks', () => {
  it('GB18030, UTF-8 with and without BOM, CRLF or LF, all read alike', async () => {
    const f = await ledgerCommittee();
    try {
      const gb = await f.run(fileSource(join(FIX, 'gb18030.csv')), true);
      expect(gb).toMatchObject({ encoding: 'gb18030', rows: 3, toImport: 3, errors: [] });
      expect(gb.preview.rows[0].slice(5, 7)).toEqual(['欧阳娜娜、买买提·艾力', '诸葛亮']);
      expect(gb.preview.rows[1][5]).toBe('𠮷田花子');
      const real = await f.run(fileSource(join(FIX, 'gb18030.csv')));
      expect(real.imported).toBe(3);
      const [a] = await f.core.db.query<{ amount_fen: number; agreement_amount_fen: number }>(`SELECT amount_fen, agreement_amount_fen FROM cases WHERE applicant_names LIKE '欧阳%'`);
      expect(a).toEqual({ amount_fen: 120050, agreement_amount_fen: 80046 });
      const text = toCsv([HEADERS, row(), row({ 申请人: '杨帆' })]);
      const withBom = await f.run(bufferSource('bom.csv', Buffer.from(`\uFEFF${text}`)), true);
      const noBom = await f.run(bufferSource('nobom.csv', Buffer.from(text.replace(/\r\n/g, '\n'))), true);
      expect(withBom).toMatchObject({ encoding: 'utf-8', toImport: 2, errors: [] });
      expect(noBom).toMatchObject({ encoding: 'utf-8', toImport: 2, errors: [] });
      expect(noBom.preview).toEqual(withBom.preview);
    } finally { await f.close(); }
  });

  it('an xlsx with Excel date cells, date serials, numbers and the first sheet only', async () => {
    const f = await ledgerCommittee();
    try {
      const p = join(tmp.dir, 'dates.xlsx');
      const r = row();
      const at = (h: string) => HEADERS.indexOf(h);
      const cells: (string | number | Date | null)[] = [...r];
      cells[at('登记日期')] = new Date('2026-10-05T00:00:00Z');
      cells[at('受理日期')] = 46300; // the serial of 2026-10-05
      cells[at('调结日期')] = '2026年10月20日';
      cells[at('涉及人数')] = 4;
      cells[at('协议金额（元）')] = 1234.565;
      await writeXlsx(p, HEADERS, [cells]);
      const rep = await f.run(fileSource(p));
      expect(rep).toMatchObject({ format: 'xlsx', imported: 1, errors: [] });
      const [c] = await f.core.db.query(`SELECT registered_on, accepted_on, concluded_on, persons_involved, agreement_amount_fen FROM cases`);
      expect(c).toEqual({ registered_on: '2026-10-05', accepted_on: '2026-10-05', concluded_on: '2026-10-20', persons_involved: 4, agreement_amount_fen: 123457 });
    } finally { await f.close(); }
  });
});

describe('property: for random valid ledgers the figures count the rows', () => {
  const day = fc.integer({ min: 0, max: 89 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10));
  const plus = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const ledgerRowArb = fc.record({
    reg: day, acc: fc.integer({ min: 0, max: 20 }), con: fc.integer({ min: 0, max: 40 }),
    outcome: fc.constantFrom('调解成功', '调解不成功', '撤回', '不予受理', '调解中'),
    category: fc.constantFrom('邻里', '婚姻家庭', '合同', '物业', '其他'), channel: fc.constantFrom('申请', '主动', '委托移送', '公安移送'),
    persons: fc.integer({ min: 1, max: 30 }), who: fc.integer({ min: 0, max: 9999 }), form: fc.constantFrom('书面', '口头'),
    fen: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }), numbered: fc.boolean(),
  });
  let f: Awaited<ReturnType<typeof ledgerCommittee>>;
  beforeAll(async () => { f = await ledgerCommittee(); }, 60_000);
  afterAll(async () => { await f.close(); }, 60_000);
  let run = 0;

  it('accepted = rows with 受理日期 in the period, success, persons; a re-import adds nothing', async () => {
    await fc.assert(fc.asyncProperty(fc.array(ledgerRowArb, { minLength: 1, maxLength: 25 }), async (spec) => {
      run++;
      await f.core.db.query(`DELETE FROM cases`);
      const rows = spec.map((s, i) => {
        const acc = s.outcome === '不予受理' ? '' : plus(s.reg, s.acc);
        const con = ['调解成功', '调解不成功', '撤回'].includes(s.outcome) ? plus(acc, s.con) : '';
        return row({
          案件编号: s.numbered ? `（2030）测试${run}人调字第${i + 1}号` : '', 登记日期: s.reg, 受理日期: acc, 调结日期: con, 调解结果: s.outcome,
          纠纷类型: s.category, 案件来源: s.channel, 涉及人数: String(s.persons), 申请人: `甲${s.who}`, 被申请人: `乙${i}`,
          协议形式: s.outcome === '调解成功' ? s.form : '', '协议金额（元）': s.fen === undefined ? '' : `${Math.trunc(s.fen / 100)}.${String(s.fen % 100).padStart(2, '0')}`,
          主办调解员: s.outcome === '不予受理' ? '' : '李娜',
        });
      });
      const file = csvOf(rows);
      const r: LedgerReport = await f.run(bufferSource('p.csv', file));
      expect(r.errors).toEqual([]);
      expect(r.imported).toBe(rows.length);
      const period = { from: '2026-02-01', to: '2026-03-31' };
      const inP = (d: string) => d !== '' && d >= period.from && d <= period.to;
      const col = (h: string) => HEADERS.indexOf(h);
      const fig = computeFigures(f.core.db, period, AS_OF);
      const accepted = rows.filter((x) => inP(x[col('受理日期')]));
      expect(fig.accepted).toBe(accepted.length);
      expect(fig.registered).toBe(rows.filter((x) => inP(x[col('登记日期')])).length);
      expect(fig.persons_involved).toBe(accepted.reduce((n, x) => n + Number(x[col('涉及人数')]), 0));
      expect(fig.success).toBe(rows.filter((x) => x[col('调解结果')] === '调解成功' && inP(x[col('调结日期')])).length);
      expect(fig.rejected).toBe(rows.filter((x) => x[col('调解结果')] === '不予受理' && inP(x[col('登记日期')])).length);
      const again = await f.run(bufferSource('p.csv', file));
      expect(again.imported).toBe(0);
      expect(again.skipped).toHaveLength(rows.length);
    }), { numRuns: 25 });
  });
});

describe('through the dispatcher and the command line', () => {
  it('ledger:upload in chunks, ledger:start, ledger:progress; office staff may, mediators may not', async () => {
    const f = await ledgerCommittee();
    try {
      const bytes = readFileSync(SAMPLE);
      let uploadId: string | undefined;
      for (let offset = 0; offset < bytes.length; offset += LEDGER_CHUNK_BYTES / 4) {
        const chunk = bytes.subarray(offset, offset + LEDGER_CHUNK_BYTES / 4).toString('base64');
        uploadId = ok(await f.call(f.session, 'ledger:upload', { uploadId, offset, chunkBase64: chunk })).uploadId;
      }
      const poll = async (jobId: string) => {
        for (;;) {
          const p = ok(await f.call(f.session, 'ledger:progress', { jobId }));
          if (p.done) return p;
          expect(p.read).toBeLessThanOrEqual(Math.max(p.total, 200));
          await new Promise((res) => setTimeout(res, 5));
        }
      };
      const dry = await poll(ok(await f.call(f.session, 'ledger:start', { uploadId: uploadId!, fileName: 'ledger-sample.csv', dryRun: true })).jobId);
      expect(dry.report).toMatchObject({ dryRun: true, rows: 200, toImport: 200, errors: [] });
      expect((await f.counts()).cases).toBe(0);
      const done = await poll(ok(await f.call(f.session, 'ledger:start', { uploadId: uploadId!, fileName: 'ledger-sample.csv', dryRun: false })).jobId);
      expect(done.report).toMatchObject({ imported: 200 });
      const [audit] = await f.core.db.query<{ user_id: number }>(`SELECT user_id FROM audit_events WHERE action = 'ledger.import'`);
      expect(audit.user_id).toBe(f.actor.userId);

      await f.addUser('med', 'mediator');
      const med = await f.signedIn('med', 'user-password-1');
      const refused = await f.call(med, 'ledger:upload', { offset: 0, chunkBase64: 'YQ==' });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.code).toBe('FORBIDDEN');
      const wrongType = await f.call(f.session, 'ledger:start', { uploadId: 'x', fileName: 'a.pdf', dryRun: true });
      expect(wrongType.ok).toBe(false);
    } finally { await f.close(); }
  });

  it('import-ledger: exit 1 with the report on a bad file, 0 on a good one', async () => {
    const f = await ledgerCommittee();
    const env = { TIAOJIE_PASSPHRASE: PASSPHRASE };
    try {
      await f.core.close();
      const bad = join(tmp.dir, 'bad.csv');
      writeFileSync(bad, csvOf([row(), row({ 受理日期: '2026-03-01' })]));
      const cli = async (args: string[]) => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(args, env, { out: (s) => { out.push(s); }, err: (s) => { err.push(s); }, isTTY: false });
        return { code, out: out.join('\n'), err: err.join('\n') };
      };
      const r1 = await cli(['import-ledger', '--db', f.dbPath, bad]);
      expect(r1.code).toBe(1);
      expect(r1.err).toContain('3\t受理日期\t第3行「受理日期」早于「登记日期」');
      expect(r1.err).toContain('未导入任何案件');
      const dry = await cli(['import-ledger', '--db', f.dbPath, join(FIX, 'crafted.csv'), '--dry-run']);
      expect(dry.code).toBe(0);
      expect(dry.out).toContain('试导入：将导入 47 件');
      const good = await cli(['import-ledger', '--db', f.dbPath, join(FIX, 'crafted.csv')]);
      expect(good.code).toBe(0);
      expect(good.out).toContain('已导入 47 件');
      expect(good.out).toMatch(/（2025）白沙人调字第\d{4}号/);
      const again = await cli(['import-ledger', '--db', f.dbPath, join(FIX, 'crafted.csv'), '--lang', 'en']);
      expect(again.out).toContain('Imported 0 cases; skipped 47');
      expect((await cli(['import-ledger', '--db', f.dbPath])).code).toBe(2);
      expect((await cli(['import-ledger', '--db', f.dbPath, join(tmp.dir, 'none.csv')])).code).toBe(1);
    } finally { await f.close(); }
  });
});
