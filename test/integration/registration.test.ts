import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseCreate } from '../../shared/domain/case';
import { verifyAudit } from '../../electron/core/audit/audit';
import { newSession, type Session } from '../../electron/ipc/session';
import { breakCheckChar, makeResidentId } from '../support/identity';
import { committeeFixture, ok } from '../support/db';

let f: Awaited<ReturnType<typeof committeeFixture>>;
let admin: Session;
beforeAll(async () => {
  f = await committeeFixture();
  admin = await f.signedIn();
});
afterAll(() => f.close());

const ID_A = makeResidentId('1980-02-03', 'female', 21);
const ID_B = makeResidentId('1975-11-30', 'male', 34);

const valid = (over: Partial<CaseCreate> = {}): CaseCreate => ({
  category: 'neighbour',
  channel: 'application',
  summary: '楼上住户夜间噪音影响楼下休息',
  requests: ['停止夜间噪音'],
  registeredOn: '2026-03-02',
  parties: [
    { role: 'applicant', name: '陈静', idType: 'resident_id', idNumber: ID_A, phone: '139 1234 5678' },
    { role: 'respondent', name: '李伟', idType: 'resident_id', idNumber: ID_B, phone: '0577-68881234' },
  ],
  ...over,
});

/** Submits a registration that must be refused, and checks nothing at all was written. */
async function refused(input: unknown, expected: { code?: string; path?: string; message?: string | RegExp }) {
  const before = await f.counts();
  const r = await f.dispatch(admin, 'cases:create', input);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe(expected.code ?? 'VALIDATION');
  if (expected.path) expect(r.error.details?.map((d) => d.path)).toContain(expected.path);
  if (expected.message) expect(r.error.message).toMatch(expected.message);
  expect(await f.counts()).toEqual(before);
}

describe('registering a dispute', () => {
  it('registers a case with its parties under the next number, and reads it back', async () => {
    const created = ok(await f.call(admin, 'cases:create', valid()));
    expect(created.caseNo).toBe('（2026）白沙人调字第0001号');
    const c = ok(await f.call(admin, 'cases:get', { id: created.id }));
    expect(c).toMatchObject({
      caseNo: created.caseNo, status: 'registered', category: 'neighbour', channel: 'application',
      registeredOn: '2026-03-02', applicants: '陈静', respondents: '李伟', leadMediator: '王芳', createdBy: '王芳',
      requests: ['停止夜间噪音'], personsInvolved: 2,
    });
    // The resident ID fills in sex and birth date; phones are normalised.
    expect(c.parties[0]).toMatchObject({ name: '陈静', sex: 'female', birthDate: '1980-02-03', idNumber: ID_A, phone: '13912345678' });
    expect(c.parties[1]).toMatchObject({ name: '李伟', sex: 'male', birthDate: '1975-11-30', phone: '0577-68881234' });
  });

  it('accepts names with ·, landlines, organisations and parties without a document', async () => {
    const c = ok(await f.call(admin, 'cases:create', valid({
      channel: 'police_referral', referralBody: '龙港市公安局白沙派出所', amountFen: 1234567,
      parties: [
        { role: 'applicant', name: '买买提·艾力', idType: 'none', phone: '0577-6888123' },
        { role: 'respondent', kind: 'organisation', name: '龙港市鑫达印刷有限公司', creditCode: '91330383MA2ABCDE1X', representative: '周平' },
        { role: 'third_party', name: '王五', idType: 'passport', idNumber: 'e1234567' },
      ],
    })));
    const d = ok(await f.call(admin, 'cases:get', { id: c.id }));
    expect(d.parties.map((p) => [p.name, p.idType, p.idNumber])).toEqual([
      ['买买提·艾力', 'none', null], ['龙港市鑫达印刷有限公司', 'none', null], ['王五', 'passport', 'E1234567'],
    ]);
    expect(d).toMatchObject({ referralBody: '龙港市公安局白沙派出所', amountFen: 1234567 });
  });

  it('numbers per year of registration, across the year boundary, never reusing a number', async () => {
    const n = async (registeredOn: string) => ok(await f.call(admin, 'cases:create', valid({ registeredOn }))).caseNo;
    expect(await n('2025-12-31')).toBe('（2025）白沙人调字第0001号');
    expect(await n('2026-01-01')).toBe('（2026）白沙人调字第0003号');
    expect(await n('2025-12-30')).toBe('（2025）白沙人调字第0002号');
    await refused(valid({ registeredOn: '2025-12-29', parties: [{ role: 'applicant', name: '陈静', idType: 'resident_id', idNumber: breakCheckChar(ID_A) }] }), {});
    expect(await n('2025-12-29')).toBe('（2025）白沙人调字第0003号');
  });

  it('refuses a wrong check digit with the Chinese message, naming the party', async () => {
    await refused(valid({ parties: [{ role: 'applicant', name: '陈静', idType: 'resident_id', idNumber: breakCheckChar(ID_A) }] }), {
      path: 'parties.0.idNumber', message: /第1位当事人（申请人 陈静）：身份证号码第18位校验码不符，请核对/,
    });
  });

  it('refuses every kind of bad input, writing nothing', async () => {
    const applicant = { role: 'applicant' as const, name: '陈静' };
    await refused(valid({ parties: [{ ...applicant, idType: 'resident_id', idNumber: '33038319800203' }] }), { path: 'parties.0.idNumber', message: /应为18位/ });
    await refused(valid({ parties: [{ ...applicant, idType: 'resident_id', idNumber: '330383198002300211' }] }), { path: 'parties.0.idNumber', message: /出生日期无效/ });
    await refused(valid({ parties: [{ ...applicant, idType: 'resident_id' }] }), { path: 'parties.0.idNumber', message: /请填写居民身份证号码/ });
    await refused(valid({ parties: [{ ...applicant, idType: 'hk_macao_permit', idNumber: 'X123' }] }), { path: 'parties.0.idNumber', message: /港澳居民来往内地通行证号码格式不正确/ });
    await refused(valid({ parties: [{ ...applicant, phone: '12345' }] }), { path: 'parties.0.phone', message: /联系电话/ });
    await refused(valid({ parties: [{ role: 'respondent', name: '李伟' }] }), { path: 'parties', message: /至少需要一位申请人/ });
    await refused(valid({ channel: 'court_assigned' }), { path: 'referralBody', message: /移送单位/ });
    await refused(valid({ leadMediatorId: 9999 }), { path: 'leadMediatorId', message: /主办调解员不存在/ });
    await refused(valid({ registeredOn: '2999-01-01' }), { path: 'registeredOn', message: /不能晚于今天/ });
    await refused(valid({ registeredOn: '2026-02-30' }), { path: 'registeredOn' });
    await refused(valid({ summary: '   ' }), { path: 'summary', message: /纠纷简要情况/ });
    await refused({ ...valid(), category: 'piracy' }, { path: 'category', message: /纠纷类型/ });
    await refused({ ...valid(), parties: [] }, { path: 'parties' });
    await refused({ ...valid(), amountFen: 12.5 }, { path: 'amountFen', message: /涉及金额/ });
    await refused({ ...valid(), isAdmin: true }, { message: /无法识别的字段（isAdmin）/ });
    await refused('not an object', {});
    await refused(null, {});
  });

  it('lists with paging and sorting, and counts the total', async () => {
    const page1 = ok(await f.call(admin, 'cases:list', { page: 1, pageSize: 2, sortBy: 'caseNo', order: 'asc' }));
    const all = ok(await f.call(admin, 'cases:list', { page: 1, pageSize: 200, sortBy: 'caseNo', order: 'asc' }));
    expect(page1.total).toBe(all.total);
    expect(page1.items.map((c) => c.caseNo)).toEqual(all.items.slice(0, 2).map((c) => c.caseNo));
    expect(all.items[0].caseNo).toBe('（2025）白沙人调字第0001号');
    const page2 = ok(await f.call(admin, 'cases:list', { page: 2, pageSize: 2, sortBy: 'caseNo', order: 'asc' }));
    expect(page2.items.map((c) => c.caseNo)).toEqual(all.items.slice(2, 4).map((c) => c.caseNo));
    const byDate = ok(await f.call(admin, 'cases:list', { pageSize: 200, sortBy: 'registeredOn', order: 'desc' }));
    const dates = byDate.items.map((c) => c.registeredOn);
    expect(dates).toEqual([...dates].sort().reverse());
    const filtered = ok(await f.call(admin, 'cases:list', { status: ['rejected'] }));
    expect(filtered.total).toBe(0);
    expect(await f.dispatch(admin, 'cases:list', { pageSize: 100000 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await f.dispatch(admin, 'cases:get', { id: 424242 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('records creation and every opening in the hash-chained audit log', async () => {
    const { id } = ok(await f.call(admin, 'cases:create', valid()));
    ok(await f.call(admin, 'cases:get', { id }));
    const events = await f.core.db.query<{ action: string; user_id: number }>(`SELECT action, user_id FROM audit_events WHERE entity = 'case' AND entity_id = ?`, [id]);
    expect(events.map((e) => e.action)).toEqual(['case.create', 'case.view']);
    expect(await verifyAudit(f.core.db.manager)).toMatchObject({ ok: true });
    await f.core.db.query(`UPDATE audit_events SET after_json = '{}' WHERE entity_id = ? AND action = 'case.create'`, [id]);
    expect(await verifyAudit(f.core.db.manager)).toMatchObject({ ok: false, reason: 'altered' });
  });
});

describe('permissions, enforced by the dispatcher whatever the UI shows', () => {
  it('refuses every case channel before sign-in', async () => {
    for (const [channel, input] of [['cases:list', {}], ['cases:get', { id: 1 }], ['cases:create', valid()], ['people:mediators', {}]] as const) {
      expect(await f.dispatch(newSession(), channel, input)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
    }
  });

  it('refuses registration to office staff and volunteers, writing nothing, and audits the refusal', async () => {
    await f.addUser('office1', 'office_staff');
    await f.addUser('volunteer1', 'volunteer');
    for (const who of ['office1', 'volunteer1']) {
      const s = await f.signedIn(who, 'user-password-1');
      const before = await f.counts();
      expect(await f.dispatch(s, 'cases:create', valid())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '您的角色无权进行此操作' } });
      expect(await f.counts()).toEqual(before);
      expect(ok(await f.call(s, 'cases:list', {})).total).toBeGreaterThan(0);
    }
    const refusals = await f.core.db.query(`SELECT * FROM audit_events WHERE action = 'permission.refused'`);
    expect(refusals).toHaveLength(2);
  });

  it('refuses a wrong password and an unknown user alike, and audits both', async () => {
    for (const [username, password] of [['admin', 'wrong-password'], ['nobody', 'whatever-1']]) {
      expect(await f.dispatch(newSession(), 'auth:signIn', { username, password })).toMatchObject({
        ok: false, error: { code: 'WRONG_PASSWORD', message: '登录名或密码不正确，请重新输入' },
      });
    }
    expect(await f.core.db.query(`SELECT * FROM audit_events WHERE action = 'auth.signInFailed'`)).toHaveLength(2);
  });

  it('signs out: the session no longer reaches the cases', async () => {
    const s = await f.signedIn();
    ok(await f.call(s, 'auth:signOut', {}));
    expect(await f.dispatch(s, 'cases:list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('answers an unknown channel as a value', async () => {
    expect(await f.dispatch(admin, 'cases:drop', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await f.dispatch(admin, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });
});
