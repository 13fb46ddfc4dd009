import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseCreate } from '../../shared/domain/case';
import type { Session } from '../../electron/ipc/session';
import { findConflicts, namePinyin, surnameOf } from '../../electron/core/cases/conflicts';
import { endOfWeek } from '../../electron/core/cases/dashboard';
import { verifyAudit } from '../../electron/core/audit/audit';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { makeResidentId } from '../support/identity';
import { committeeFixture, ok } from '../support/db';

// A clock the tests move: the lifecycle is about dates.
let now = new Date('2026-06-15T02:00:00Z');
const clock = () => now;
const setToday = (day: string) => { now = new Date(`${day}T02:00:00Z`); };

let f: Awaited<ReturnType<typeof committeeFixture>>;
let admin: Session;
let mediatorId: number;
beforeAll(async () => {
  f = await committeeFixture({ clock });
  admin = await f.signedIn();
  mediatorId = ok(await f.call(admin, 'people:mediators', {}))[0].id;
});
afterAll(() => f.close());

const ID_A = makeResidentId('1980-02-03', 'female', 21);
const ID_B = makeResidentId('1975-11-30', 'male', 34);

async function register(over: Partial<CaseCreate> = {}) {
  return ok(await f.call(admin, 'cases:create', {
    category: 'neighbour', channel: 'application', summary: '楼上住户夜间噪音影响楼下休息', registeredOn: '2026-06-01',
    parties: [
      { role: 'applicant', name: '陈静', idType: 'resident_id', idNumber: ID_A, address: '龙港市白沙社区人民路1号' },
      { role: 'respondent', name: '买买提·艾力', idType: 'resident_id', idNumber: ID_B },
    ],
    ...over,
  })).id;
}

/** A case registered, refused, closed and archived in January 2014: past a 10-year retention by now. */
async function archivedIn2014(g: Awaited<ReturnType<typeof committeeFixture>>, s: Session): Promise<number> {
  setToday('2014-03-01');
  const id = ok(await g.call(s, 'cases:create', {
    category: 'contract', channel: 'application', summary: '拖欠货款纠纷，陈静欠款', registeredOn: '2014-01-02',
    parties: [{ role: 'applicant', name: '陈静', idType: 'resident_id', idNumber: ID_A, phone: '13912345678' }, { role: 'respondent', name: '李伟' }],
  })).id;
  ok(await g.call(s, 'cases:reject', { caseId: id, reason: '一方拒绝调解' }));
  ok(await g.call(s, 'cases:close', { caseId: id, closedOn: '2014-01-03' }));
  ok(await g.call(s, 'cases:archive', { caseId: id, archivedOn: '2014-01-04', retention: '10y' }));
  return id;
}

const status = async (id: number) => ok(await f.call(admin, 'cases:get', { id })).status;

/** An illegal step: refused with the reason, and the case unchanged. */
async function refusedStep(id: number, channel: Parameters<typeof f.dispatch>[1], input: unknown, message: RegExp) {
  const before = ok(await f.call(admin, 'cases:file', { id }));
  const r = await f.dispatch(admin, channel, input);
  expect(r).toMatchObject({ ok: false });
  if (!r.ok) expect(r.error.message).toMatch(message);
  const after = ok(await f.call(admin, 'cases:file', { id }));
  expect(after.case).toEqual({ ...before.case, updatedAt: after.case.updatedAt });
  expect(after.case.updatedAt).toBe(before.case.updatedAt);
}

describe('the lifecycle state machine', () => {
  it('carries a case from registration to archive', async () => {
    setToday('2026-06-15');
    const id = await register();
    const accepted = ok(await f.call(admin, 'cases:accept', { caseId: id, acceptedOn: '2026-06-02', leadMediatorId: mediatorId }));
    expect(accepted.conflicts).toBeNull();
    let c = ok(await f.call(admin, 'cases:get', { id }));
    expect(c).toMatchObject({ status: 'accepted', acceptedOn: '2026-06-02', dueOn: '2026-07-02' });
    ok(await f.call(admin, 'cases:extend', { caseId: id, newDueOn: '2026-07-20', consent: '双方当事人口头同意延长' }));
    expect(ok(await f.call(admin, 'cases:get', { id })).dueOn).toBe('2026-07-20');
    ok(await f.call(admin, 'cases:addRecord', { caseId: id, kind: 'mediation', heldAt: '2026-06-10T02:00:00Z', content: '双方陈述了意见', partiesPresent: ['陈静', '买买提·艾力'] }));
    expect(await status(id)).toBe('in_mediation');
    ok(await f.call(admin, 'cases:conclude', {
      caseId: id, outcome: 'agreed', concludedOn: '2026-06-12', form: 'written', terms: ['一、停止夜间噪音', '二、赔偿500元'],
      amountFen: 50000, performanceDeadline: '2026-06-30',
    }));
    c = ok(await f.call(admin, 'cases:get', { id }));
    expect(c).toMatchObject({ status: 'agreed', outcome: 'agreed', concludedOn: '2026-06-12', agreementForm: 'written', agreementAmountFen: 50000, performance: 'performing', jcStatus: 'none' });
    ok(await f.call(admin, 'cases:judicialConfirmation', { caseId: id, jcStatus: 'applied', on: '2026-06-14' }));
    await refusedStep(id, 'cases:close', { caseId: id, closedOn: '2026-06-15' }, /协议仍在履行中/);
    setToday('2026-07-05');
    ok(await f.call(admin, 'cases:judicialConfirmation', { caseId: id, jcStatus: 'confirmed', on: '2026-07-01' }));
    ok(await f.call(admin, 'cases:followup', { caseId: id, visitedOn: '2026-07-03', performance: 'performed', satisfaction: 'satisfied', notes: '已按期履行' }));
    c = ok(await f.call(admin, 'cases:get', { id }));
    expect(c).toMatchObject({ performance: 'performed', jcStatus: 'confirmed', satisfaction: 'satisfied' });
    expect(ok(await f.call(admin, 'cases:file', { id })).agreement?.termPerformance).toEqual(['performed', 'performed']);
    ok(await f.call(admin, 'cases:close', { caseId: id, closedOn: '2026-07-04' }));
    ok(await f.call(admin, 'cases:archive', { caseId: id, archivedOn: '2026-07-05', retention: '10y' }));
    const file = ok(await f.call(admin, 'cases:file', { id }));
    expect(file).toMatchObject({ retention: '10y', archivedOn: '2026-07-05', agreement: { jcStatus: 'confirmed', jcDeadline: '2026-07-12', terms: ['一、停止夜间噪音', '二、赔偿500元'] } });
    expect(file.members.map((m) => m.role)).toEqual(['lead_mediator']);
    expect(file.extensions).toEqual([expect.objectContaining({ previousDueOn: '2026-07-02', newDueOn: '2026-07-20' })]);
    // Archived: nothing can be edited any more.
    await refusedStep(id, 'cases:addRecord', { caseId: id, kind: 'investigation', heldAt: '2026-07-05T01:00:00Z', content: 'x' }, /已归档.*不能填写调查或调解记录/);
    await refusedStep(id, 'cases:followup', { caseId: id, visitedOn: '2026-07-05', notes: 'x' }, /已归档/);
    const history = ok(await f.call(admin, 'cases:history', { id }));
    expect(history.chainIntact).toBe(true);
    expect(history.entries.map((e) => e.action)).toEqual(expect.arrayContaining([
      'case.create', 'case.accept', 'case.extend', 'case.record.mediation', 'case.conclude.agreed', 'case.judicialConfirmation',
      'case.followup', 'case.close', 'case.archive',
    ]));
    const accept = history.entries.find((e) => e.action === 'case.accept')!;
    expect(accept.before).toMatchObject({ status: 'registered', accepted_on: null });
    expect(accept.after).toMatchObject({ status: 'accepted', accepted_on: '2026-06-02' });
  });

  it('refuses every illegal step with its reason, changing nothing', async () => {
    setToday('2026-06-15');
    const id = await register();
    await refusedStep(id, 'cases:conclude', { caseId: id, outcome: 'agreed', concludedOn: '2026-06-10', form: 'oral', terms: ['x'] }, /已登记.*不能调结/);
    await refusedStep(id, 'cases:startMediation', { caseId: id }, /不能开始调解/);
    await refusedStep(id, 'cases:close', { caseId: id, closedOn: '2026-06-10' }, /不能结案/);
    await refusedStep(id, 'cases:archive', { caseId: id, archivedOn: '2026-06-10', retention: '10y' }, /不能归档/);
    await refusedStep(id, 'cases:extend', { caseId: id, newDueOn: '2026-08-01', consent: '同意' }, /不能延长调解期限/);
    await refusedStep(id, 'cases:followup', { caseId: id, visitedOn: '2026-06-10', notes: 'x' }, /不能登记回访/);
    await refusedStep(id, 'cases:addRecord', { caseId: id, kind: 'mediation', heldAt: '2026-06-10T02:00:00Z', content: 'x' }, /受理后才能填写调解记录/);
    await refusedStep(id, 'cases:accept', { caseId: id, acceptedOn: '2026-05-31' }, /受理日期不能早于登记日期/);
    await refusedStep(id, 'cases:accept', { caseId: id, acceptedOn: '2026-06-16' }, /受理日期不能晚于今天/);
    ok(await f.call(admin, 'cases:accept', { caseId: id, acceptedOn: '2026-06-01' }));
    await refusedStep(id, 'cases:accept', { caseId: id, acceptedOn: '2026-06-01' }, /已受理.*不能受理/);
    await refusedStep(id, 'cases:reject', { caseId: id, reason: 'x' }, /不能不予受理/);
    await refusedStep(id, 'cases:extend', { caseId: id, newDueOn: '2026-06-20', consent: '同意' }, /应晚于目前的期限/);
    ok(await f.call(admin, 'cases:startMediation', { caseId: id }));
    await refusedStep(id, 'cases:conclude', { caseId: id, outcome: 'failed', concludedOn: '2026-06-10', failureRoutes: [] }, /./);
    await refusedStep(id, 'cases:conclude', { caseId: id, outcome: 'agreed', concludedOn: '2026-05-20', form: 'oral', terms: ['x'] }, /不能早于受理日期/);
    ok(await f.call(admin, 'cases:conclude', { caseId: id, outcome: 'failed', concludedOn: '2026-06-14', failureRoutes: ['litigation', 'arbitration'] }));
    await refusedStep(id, 'cases:performance', { caseId: id, performance: 'performed' }, /不能更新协议履行/);
    expect(ok(await f.call(admin, 'cases:file', { id })).failureRoutes).toEqual(['litigation', 'arbitration']);
    ok(await f.call(admin, 'cases:close', { caseId: id, closedOn: '2026-06-15' }));
    expect(await status(id)).toBe('closed');
  });

  it('rejects (不予受理) with the reason, then closes', async () => {
    const id = await register();
    ok(await f.call(admin, 'cases:reject', { caseId: id, reason: '纠纷已由人民法院受理' }));
    expect(ok(await f.call(admin, 'cases:file', { id }))).toMatchObject({ rejectionReason: '纠纷已由人民法院受理', case: { status: 'rejected' } });
    await refusedStep(id, 'cases:accept', { caseId: id, acceptedOn: '2026-06-02' }, /不予受理.*不能受理/);
    ok(await f.call(admin, 'cases:close', { caseId: id, closedOn: '2026-06-15' }));
  });

  it('records withdrawal, oral agreements performed at once, escalation and prevention', async () => {
    const a = await register();
    ok(await f.call(admin, 'cases:accept', { caseId: a, acceptedOn: '2026-06-02' }));
    ok(await f.call(admin, 'cases:startMediation', { caseId: a }));
    ok(await f.call(admin, 'cases:escalation', { caseId: a, risk: '双方言语冲突，有动手迹象', steps: '分开调解，通知网格员关注', policeReported: true, policeUnit: '白沙派出所', policeReportedAt: '2026-06-05' }));
    ok(await f.call(admin, 'cases:prevention', { caseId: a, kind: 'criminal', prevented: true, persons: 2 }));
    expect(await f.dispatch(admin, 'cases:prevention', { caseId: a, kind: 'suicide', prevented: true, persons: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    ok(await f.call(admin, 'cases:conclude', { caseId: a, outcome: 'withdrawn', concludedOn: '2026-06-06', reason: '申请人撤回调解申请' }));
    const fa = ok(await f.call(admin, 'cases:file', { id: a }));
    expect(fa).toMatchObject({ terminationReason: '申请人撤回调解申请', escalations: [expect.objectContaining({ policeReported: true, policeUnit: '白沙派出所' })] });
    const row = (await f.core.db.query<{ prevented_criminal: number; prevented_criminal_persons: number }>('SELECT prevented_criminal, prevented_criminal_persons FROM cases WHERE id = ?', [a]))[0];
    expect(row).toEqual({ prevented_criminal: 1, prevented_criminal_persons: 2 });

    const b = await register();
    ok(await f.call(admin, 'cases:accept', { caseId: b, acceptedOn: '2026-06-02' }));
    ok(await f.call(admin, 'cases:startMediation', { caseId: b }));
    ok(await f.call(admin, 'cases:conclude', { caseId: b, outcome: 'agreed', concludedOn: '2026-06-03', form: 'oral', terms: ['当场赔礼道歉'], performedImmediately: true }));
    expect(ok(await f.call(admin, 'cases:file', { id: b })).agreement).toMatchObject({ form: 'oral', performance: 'performed', performanceMethod: '已即时履行' });
    ok(await f.call(admin, 'cases:close', { caseId: b, closedOn: '2026-06-03' }));
  });

  it('refuses judicial confirmation applied for after 30 days', async () => {
    setToday('2026-08-30');
    const id = await register();
    ok(await f.call(admin, 'cases:accept', { caseId: id, acceptedOn: '2026-06-02' }));
    ok(await f.call(admin, 'cases:startMediation', { caseId: id }));
    ok(await f.call(admin, 'cases:conclude', { caseId: id, outcome: 'agreed', concludedOn: '2026-06-05', form: 'written', terms: ['x'] }));
    await refusedStep(id, 'cases:judicialConfirmation', { caseId: id, jcStatus: 'applied', on: '2026-07-06' }, /协议生效之日起30日内（至2026-07-05）/);
    await refusedStep(id, 'cases:judicialConfirmation', { caseId: id, jcStatus: 'confirmed', on: '2026-07-01' }, /“未申请”，不能改为“已确认”/);
    ok(await f.call(admin, 'cases:judicialConfirmation', { caseId: id, jcStatus: 'applied', on: '2026-07-05' }));
  });
});

describe('conflict of interest (回避)', () => {
  it('finds each kind of conflict with its evidence', () => {
    const parties = [
      { name: '陈静', idNumber: ID_A, address: '龙港市白沙社区人民路1号' },
      { name: '买买提·艾力', idNumber: ID_B, address: null },
    ];
    const kinds = (person: Parameters<typeof findConflicts>[0], former: { caseNo: string; name: string }[] = []) =>
      findConflicts(person, parties, former).map((h) => [h.kind, h.party]);
    const nobody = { name: '周平', idNumber: null, address: null, relations: [] };
    expect(kinds(nobody)).toEqual([]);
    expect(kinds({ ...nobody, idNumber: ID_A })).toEqual([['same_person', '陈静']]);
    expect(kinds({ ...nobody, relations: [{ kind: 'kin', otherName: '某人', otherIdNumber: ID_B }] })).toEqual([['relation', '买买提·艾力']]);
    expect(kinds({ ...nobody, relations: [{ kind: 'neighbour', otherName: '陈静', otherIdNumber: null }] })).toEqual([['relation', '陈静']]);
    expect(kinds({ name: '陈伟', idNumber: null, address: '龙港市白沙社区 人民路1号', relations: [] })).toEqual([['surname_address', '陈静']]);
    expect(kinds({ name: '陈晶', idNumber: null, address: null, relations: [] })).toEqual([['pinyin_name', '陈静']]);
    expect(kinds({ name: '陈静', idNumber: null, address: null, relations: [] })).toEqual([['same_name', '陈静']]);
    expect(kinds({ name: '买买提·艾力', idNumber: null, address: null, relations: [] })).toEqual([['same_name', '买买提·艾力']]);
    expect(kinds(nobody, [{ caseNo: '（2025）白沙人调字第0003号', name: '周平' }])).toEqual([['former_party', '周平']]);
    const evidence = findConflicts({ ...nobody, idNumber: ID_A }, parties, [])[0].evidence;
    expect(evidence).toContain('证件号码相同');
    expect(evidence).not.toContain(ID_A.slice(4, 14));
  });

  it('reads names the way people say them', () => {
    expect(namePinyin('单雄')).toBe('shanxiong');
    expect(namePinyin('买买提·艾力')).toBe('maimaitiaili');
    expect(surnameOf('欧阳娜')).toBe('欧阳');
    expect(surnameOf('买买提·艾力')).toBeNull();
  });

  it('needs a decision before mediation goes on, and a withdrawal removes the person', async () => {
    setToday('2026-06-15');
    const id = await register();
    ok(await f.call(admin, 'cases:accept', { caseId: id, acceptedOn: '2026-06-02' }));
    // A volunteer who shares the applicant's name, and a neighbour of the respondent.
    const added = ok(await f.call(admin, 'cases:addMember', { caseId: id, role: 'volunteer', name: '陈静' }));
    expect(added.conflicts?.hits).toEqual([expect.objectContaining({ kind: 'same_name', party: '陈静' })]);
    await refusedStep(id, 'cases:startMediation', { caseId: id }, /陈静的回避审查尚未作出决定/);
    ok(await f.call(admin, 'cases:decideConflict', { caseId: id, checkId: added.conflicts!.checkId, decision: 'withdraw', reason: '与申请人同名，为避嫌回避' }));
    const relative = ok(await f.call(admin, 'cases:addMember', { caseId: id, role: 'relative', name: '陈晶', consent: '双方当事人同意' }));
    expect(relative.conflicts?.hits[0].kind).toBe('pinyin_name');
    ok(await f.call(admin, 'cases:decideConflict', { caseId: id, checkId: relative.conflicts!.checkId, decision: 'proceed', reason: '经核实与申请人无亲属关系' }));
    ok(await f.call(admin, 'cases:startMediation', { caseId: id }));
    const file = ok(await f.call(admin, 'cases:file', { id }));
    expect(file.members.filter((m) => m.removedAt === null).map((m) => [m.name, m.role])).toEqual([[expect.any(String), 'lead_mediator'], ['陈晶', 'relative']]);
    const checks = ok(await f.call(admin, 'cases:checks', { id }));
    expect(checks.conflictChecks.map((c) => [c.personName, c.decision])).toEqual([['陈静', 'withdraw'], ['陈晶', 'proceed']]);
    expect(await f.dispatch(admin, 'cases:addMember', { caseId: id, role: 'expert', name: '周平' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('第二十条') } });
  });

  it('replaces the mediator on a party\'s request, checking the new one', async () => {
    const id = await register();
    ok(await f.call(admin, 'cases:accept', { caseId: id, acceptedOn: '2026-06-02' }));
    const file = ok(await f.call(admin, 'cases:file', { id }));
    const req = ok(await f.call(admin, 'cases:requestRecusal', { caseId: id, partyId: file.case.parties[1].id, reason: '认为调解员与申请人熟识' }));
    // A new mediator who was a party in an earlier case (same ID number).
    const other = (await f.core.db.query<{ id: number }>(`INSERT INTO persons (name, professions, active, created_at, id_number) VALUES ('周平', '["mediator"]', 1, '2026-01-01', ?) RETURNING id`, [ID_A]))[0].id;
    const decided = ok(await f.call(admin, 'cases:decideRecusal', { caseId: id, requestId: req.id, decision: 'replaced', replacementPersonId: other, reason: '同意更换' }));
    expect(decided.conflicts?.hits.map((h) => h.kind)).toEqual(expect.arrayContaining(['same_person', 'former_party']));
    const after = ok(await f.call(admin, 'cases:file', { id }));
    expect(after.case.leadMediatorId).toBe(other);
    expect(after.members.filter((m) => m.role === 'lead_mediator').map((m) => [m.name, m.removedAt === null])).toEqual([[expect.any(String), false], ['周平', true]]);
    expect(ok(await f.call(admin, 'cases:checks', { id })).recusals[0]).toMatchObject({ decision: 'replaced', replacement: '周平', party: '买买提·艾力' });
  });
});

describe('records, attachments and the audit chain', () => {
  it('keeps attachments inside the encrypted database and audits every opening', async () => {
    const id = await register();
    const content = Buffer.from('%PDF-1.4 synthetic evidence 证据');
    const { id: attId } = ok(await f.call(admin, 'cases:addAttachment', { caseId: id, name: '现场照片.pdf', mime: 'application/pdf', contentBase64: content.toString('base64') }));
    expect(Buffer.from(ok(await f.call(admin, 'cases:attachment', { caseId: id, id: attId })).contentBase64, 'base64')).toEqual(content);
    expect(await f.dispatch(admin, 'cases:attachment', { caseId: id + 1000, id: attId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const actions = ok(await f.call(admin, 'cases:history', { id })).entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['case.attachment.add', 'case.attachment.open']));
  });

  it('detects a tampered or deleted audit record', async () => {
    expect(await verifyAudit(f.core.db.manager)).toMatchObject({ ok: true });
    const [{ id }] = await f.core.db.query<{ id: number }>(`SELECT id FROM audit_events WHERE action = 'case.accept' LIMIT 1`);
    const [{ after_json }] = await f.core.db.query<{ after_json: string }>(`SELECT after_json FROM audit_events WHERE id = ?`, [id]);
    await f.core.db.query(`UPDATE audit_events SET after_json = ? WHERE id = ?`, [after_json.replace('2026-06-02', '2026-06-03'), id]);
    expect(await verifyAudit(f.core.db.manager)).toMatchObject({ ok: false, brokenAt: id, reason: 'altered' });
    await f.core.db.query(`UPDATE audit_events SET after_json = ? WHERE id = ?`, [after_json, id]);
    expect(await verifyAudit(f.core.db.manager)).toMatchObject({ ok: true });
    await f.core.db.query(`DELETE FROM audit_events WHERE id = ?`, [id]);
    expect(await verifyAudit(f.core.db.manager)).toMatchObject({ ok: false, brokenAt: id + 1, reason: 'missing' });
  });
});

describe('deadlines on the dashboard, and retention', () => {
  it('lists overdue, due this week, follow-ups and judicial-confirmation deadlines, mine first', async () => {
    const g = await committeeFixture({ clock });
    try {
      const s = await g.signedIn();
      setToday('2026-06-17'); // a Wednesday
      const reg = async (registeredOn: string) => ok(await g.call(s, 'cases:create', {
        category: 'neighbour', channel: 'application', summary: 'x', registeredOn, parties: [{ role: 'applicant', name: '陈静' }],
      })).id;
      const overdue = await reg('2026-05-01');
      ok(await g.call(s, 'cases:accept', { caseId: overdue, acceptedOn: '2026-05-01' }));
      const dueSoon = await reg('2026-05-20');
      ok(await g.call(s, 'cases:accept', { caseId: dueSoon, acceptedOn: '2026-05-20' })); // due 2026-06-19
      const agreed = await reg('2026-05-01');
      ok(await g.call(s, 'cases:accept', { caseId: agreed, acceptedOn: '2026-05-01' }));
      ok(await g.call(s, 'cases:startMediation', { caseId: agreed }));
      ok(await g.call(s, 'cases:conclude', { caseId: agreed, outcome: 'agreed', concludedOn: '2026-05-20', form: 'written', terms: ['x'] }));
      const t = ok(await g.call(s, 'dashboard:todo', {}));
      expect(t.today).toBe('2026-06-17');
      expect(t.overdue.map((i) => [i.id, i.date, i.mine])).toEqual([[overdue, '2026-05-31', true]]);
      expect(t.dueThisWeek.map((i) => i.id)).toEqual([dueSoon]);
      expect(t.followupsDue.map((i) => [i.id, i.date])).toEqual([[agreed, '2026-05-27']]);
      expect(t.jcDeadlines.map((i) => [i.id, i.date])).toEqual([[agreed, '2026-06-19']]);
      expect(endOfWeek('2026-06-21')).toBe('2026-06-21');
      expect(endOfWeek('2026-06-15')).toBe('2026-06-21');
    } finally {
      await g.close();
    }
  });

  it('lists files past retention; anonymising keeps the figures and the audit chain, destroying audits the number only', async () => {
    const g = await committeeFixture({ clock });
    try {
      const s = await g.signedIn();
      setToday('2014-03-01');
      const [a, b] = [await archivedIn2014(g, s), await archivedIn2014(g, s)];
      expect(ok(await g.call(s, 'cases:retentionDue', {}))).toEqual([]);
      expect(await g.dispatch(s, 'cases:anonymise', { caseId: a, reason: '保管期满' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('尚未超过保管期限') } });
      setToday('2026-06-15');
      expect(ok(await g.call(s, 'cases:retentionDue', {})).map((r) => [r.id, r.expiredOn])).toEqual([[a, '2024-01-04'], [b, '2024-01-04']]);
      ok(await g.call(s, 'cases:anonymise', { caseId: a, reason: '保管期满，经委员会决定匿名化' }));
      const file = ok(await g.call(s, 'cases:file', { id: a }));
      expect(file.case).toMatchObject({ summary: '（已匿名化）', applicants: '当事人一', respondents: '当事人二', category: 'contract', status: 'archived' });
      expect(file.case.parties.map((p) => [p.name, p.idNumber, p.phone])).toEqual([['当事人一', null, null], ['当事人二', null, null]]);
      const leftovers = await g.core.db.query(`SELECT id FROM audit_events WHERE (before_json LIKE '%陈静%' OR after_json LIKE '%陈静%' OR after_json LIKE ?) AND entity_id = ?`, [`%${ID_A}%`, a]);
      expect(leftovers).toEqual([]);
      expect(await verifyAudit(g.core.db.manager)).toMatchObject({ ok: true });
      ok(await g.call(s, 'cases:destroy', { caseId: b, reason: '保管期满，经委员会决定销毁' }));
      expect(await g.dispatch(s, 'cases:get', { id: b })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const [destroyed] = await g.core.db.query<{ after_json: string }>(`SELECT after_json FROM audit_events WHERE action = 'case.destroy'`);
      expect(JSON.parse(destroyed.after_json)).toMatchObject({ caseNo: '（2014）白沙人调字第0002号', reason: '保管期满，经委员会决定销毁' });
      expect(await verifyAudit(g.core.db.manager)).toMatchObject({ ok: true });
      await g.addUser('m1', 'mediator');
      const m = await g.signedIn('m1', 'user-password-1');
      expect(await g.dispatch(m, 'cases:retentionDue', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      await g.close();
    }
  });
});

describe('retention and the search index', () => {
  it('forgets an anonymised or destroyed case in search', async () => {
    const g = await committeeFixture({ clock });
    try {
      const s = await g.signedIn();
      setToday('2014-03-01');
      const [a, b] = [await archivedIn2014(g, s), await archivedIn2014(g, s)];
      expect(ok(await g.call(s, 'cases:list', { q: '陈静' })).total).toBe(2);
      setToday('2026-06-15');
      ok(await g.call(s, 'cases:anonymise', { caseId: a, reason: '保管期满' }));
      ok(await g.call(s, 'cases:destroy', { caseId: b, reason: '保管期满' }));
      for (const q of ['陈静', 'cj', '13912345678']) expect(ok(await g.call(s, 'cases:list', { q })).total).toBe(0);
      expect(ok(await g.call(s, 'cases:list', { q: '当事人一' })).items.map((c) => c.id)).toEqual([a]);
    } finally {
      await g.close();
    }
  });
});

describe('reading is an access', () => {
  it('records every opening of the case file', async () => {
    const id = await register();
    ok(await f.call(admin, 'cases:file', { id }));
    ok(await f.call(admin, 'cases:file', { id }));
    const views = await f.core.db.query(`SELECT id FROM audit_events WHERE action = 'case.view' AND entity_id = ?`, [id]);
    expect(views).toHaveLength(2);
  });
});

describe('saving a document as PDF', () => {
  it('goes through the desktop shell, is audited, and is refused plainly where there is none', async () => {
    const id = await register();
    expect(await f.dispatch(admin, 'documents:savePdf', { caseId: id, document: 'application' })).toMatchObject({
      ok: false, error: { code: 'BAD_STATE', message: expect.stringContaining('另存为PDF') },
    });
    const saved: { html: string; name: string }[] = [];
    const desktop = createDispatcher(f.core, { platform: { savePdf: async (html, name) => { saved.push({ html, name }); return true; } } });
    expect(await desktop(admin, 'documents:savePdf', { caseId: id, document: 'application' })).toEqual({ ok: true, value: { saved: true } });
    expect(saved[0].name).toMatch(/^（2026）白沙人调字第\d{4}号人民调解申请书\.pdf$/);
    expect(saved[0].html).toContain('陈静');
    expect(await f.core.db.query(`SELECT id FROM audit_events WHERE action = 'document.export' AND entity_id = ?`, [id])).toHaveLength(1);
  });
});

describe('the committee\'s people, and what the conflict check reads about them', () => {
  it('finds a declared relationship and the same person, through the real tables', async () => {
    setToday('2026-06-15');
    const id = await register();
    ok(await f.call(admin, 'cases:accept', { caseId: id, acceptedOn: '2026-06-02' }));
    const lawyer = ok(await f.call(admin, 'people:create', { name: '周平', professions: ['lawyer'], phone: '0577-68881234', address: '龙港市白沙社区人民路1号' })).id;
    ok(await f.call(admin, 'people:addRelation', { personId: lawyer, kind: 'kin', otherName: '买买提·艾力', otherIdNumber: ID_B, note: '表兄弟' }));
    expect(ok(await f.call(admin, 'people:get', { id: lawyer }))).toMatchObject({ name: '周平', professions: ['lawyer'], phone: '0577-68881234', relations: [{ kind: 'kin', otherIdNumber: ID_B }] });
    const added = ok(await f.call(admin, 'cases:addMember', { caseId: id, role: 'lawyer', personId: lawyer }));
    expect(added.conflicts?.hits.map((h) => [h.kind, h.party])).toEqual([['relation', '买买提·艾力']]);
    expect(added.conflicts?.hits[0].evidence).toContain('亲属');

    const twin = ok(await f.call(admin, 'people:create', { name: '王芳芳', professions: ['volunteer'], idNumber: ID_A })).id;
    const hit = ok(await f.call(admin, 'cases:addMember', { caseId: id, role: 'volunteer', personId: twin }));
    expect(hit.conflicts?.hits.map((h) => h.kind)).toContain('same_person');
    expect(await f.dispatch(admin, 'people:create', { name: '赵六', idNumber: '330383198002030000' })).toMatchObject({ ok: false, error: { details: [expect.objectContaining({ path: 'idNumber' })] } });
    expect(await f.dispatch(admin, 'cases:addMember', { caseId: id, role: 'lawyer', personId: lawyer })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(ok(await f.call(admin, 'people:directory', {})).map((p) => p.name)).toEqual(expect.arrayContaining(['周平', '王芳芳']));
  });
});

describe('prints are recorded', () => {
  it('audits a print and a preview of a document', async () => {
    const id = await register();
    ok(await f.call(admin, 'documents:render', { caseId: id, document: 'registration' }));
    ok(await f.call(admin, 'documents:printed', { caseId: id, document: 'registration' }));
    const actions = (await f.core.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_id = ? AND action LIKE 'document.%'`, [id])).map((r) => r.action);
    expect(actions).toEqual(['document.render', 'document.print']);
  });
});

describe('performance of each term', () => {
  it('tracks each term, and the agreement follows from its terms', async () => {
    setToday('2026-06-15');
    const id = await register();
    ok(await f.call(admin, 'cases:accept', { caseId: id, acceptedOn: '2026-06-02' }));
    ok(await f.call(admin, 'cases:startMediation', { caseId: id }));
    ok(await f.call(admin, 'cases:conclude', { caseId: id, outcome: 'agreed', concludedOn: '2026-06-05', form: 'written', terms: ['一、道歉', '二、赔偿', '三、修复'] }));
    const perf = async () => {
      const file = ok(await f.call(admin, 'cases:file', { id }));
      return [file.agreement!.termPerformance, file.agreement!.performance, file.case.performance];
    };
    expect(await perf()).toEqual([['performing', 'performing', 'performing'], 'performing', 'performing']);
    ok(await f.call(admin, 'cases:termPerformance', { caseId: id, term: 0, performance: 'performed' }));
    expect(await perf()).toEqual([['performed', 'performing', 'performing'], 'performing', 'performing']);
    ok(await f.call(admin, 'cases:termPerformance', { caseId: id, term: 1, performance: 'performed' }));
    ok(await f.call(admin, 'cases:termPerformance', { caseId: id, term: 2, performance: 'unperformed' }));
    expect(await perf()).toEqual([['performed', 'performed', 'unperformed'], 'partial', 'partial']);
    ok(await f.call(admin, 'cases:termPerformance', { caseId: id, term: 2, performance: 'performed' }));
    expect(await perf()).toEqual([['performed', 'performed', 'performed'], 'performed', 'performed']);
    await refusedStep(id, 'cases:termPerformance', { caseId: id, term: 3, performance: 'performed' }, /协议没有第4条/);
    ok(await f.call(admin, 'cases:performance', { caseId: id, performance: 'unperformed' }));
    expect(await perf()).toEqual([['unperformed', 'unperformed', 'unperformed'], 'unperformed', 'unperformed']);
    ok(await f.call(admin, 'cases:close', { caseId: id, closedOn: '2026-06-15' }));
    await refusedStep(id, 'cases:termPerformance', { caseId: id, term: 0, performance: 'performed' }, /已结案/);
    expect(ok(await f.call(admin, 'cases:history', { id })).entries.filter((e) => e.action === 'case.termPerformance')).toHaveLength(4);
  });
});
