import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/enums';
import type { Clash } from '../../shared/domain/scheduling';
import type { Input } from '../../shared/ipc/contract';
import { createUser } from '../../electron/core/accounts/accounts';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { newSession, type Session } from '../../electron/ipc/session';
import { calendarSql, CLASH_CANDIDATES, meetingPartiesSql, meetingPeopleSql, meetingSql, meetingWhere } from '../../electron/db/repositories/scheduling-repo';
import { windowFilter } from '../../electron/core/scheduling/queries';
import { seedCases } from '../../electron/core/seed/seed';
import { makeResidentId } from '../support/identity';
import { committeeFixture, ok } from '../support/db';

// Friday 27 November 2026, 10:00 in Shanghai: every meeting below is ahead of it.
const NOW = new Date('2026-11-27T02:00:00Z');
const clock = () => NOW;
/** Shanghai wall-clock → the instant the UI sends. */
const sh = (local: string) => `${local}:00+08:00`;

const ID_CHEN = makeResidentId('1980-02-03', 'female', 21);
const ID_LI = makeResidentId('1975-11-30', 'male', 34);

let f: Awaited<ReturnType<typeof committeeFixture>>;
let admin: Session;
let mediator: Session;
let volunteer: Session;
let staff: Session;
const person: Record<'li' | 'zhao' | 'staff', number> = { li: 0, zhao: 0, staff: 0 };
const venue: Record<'room' | 'office' | 'home' | 'online' | 'small', number> = { room: 0, office: 0, home: 0, online: 0, small: 0 };
const cases: Record<'a' | 'b' | 'c' | 'd', { id: number; caseNo: string; parties: Record<string, number> }> = {} as never;
const notified: { title: string; body: string }[] = [];
let desktop: ReturnType<typeof createDispatcher>;

async function user(username: string, displayName: string, role: Role): Promise<{ session: Session; personId: number }> {
  const id = await f.core.db.transaction((tx) => createUser(tx, { username, displayName, password: 'user-password-1', role }, NOW, null));
  const [{ person_id }] = await f.core.db.query<{ person_id: number }>('SELECT person_id FROM users WHERE id = ?', [id]);
  return { session: await f.signedIn(username, 'user-password-1'), personId: person_id };
}

async function newCase(key: 'a' | 'b' | 'c' | 'd', input: Input<'cases:create'>, acceptedOn?: string) {
  const { id, caseNo } = ok(await f.call(admin, 'cases:create', input));
  if (acceptedOn) ok(await f.call(admin, 'cases:accept', { caseId: id, acceptedOn, leadMediatorId: person.li }));
  const detail = ok(await f.call(admin, 'cases:get', { id }));
  cases[key] = { id, caseNo, parties: Object.fromEntries(detail.parties.map((p) => [p.name, p.id!])) };
}

beforeAll(async () => {
  f = await committeeFixture({ clock });
  admin = await f.signedIn();
  const li = await user('liming', '李明', 'mediator');
  const zhao = await user('zhaoxue', '赵雪', 'volunteer');
  const st = await user('qianli', '钱丽', 'office_staff');
  [mediator, volunteer, staff] = [li.session, zhao.session, st.session];
  Object.assign(person, { li: li.personId, zhao: zhao.personId, staff: st.personId });
  await f.core.db.query(`UPDATE persons SET professions = '["mediator"]' WHERE id = ?`, [person.li]);

  await newCase('a', {
    category: 'neighbour', channel: 'application', summary: '楼上住户夜间噪音影响楼下休息', registeredOn: '2026-11-20',
    parties: [
      { role: 'applicant', name: '陈静', idType: 'resident_id', idNumber: ID_CHEN, phone: '13912345678' },
      { role: 'respondent', name: '买买提·艾力', idType: 'none', phone: '0577-68881234' },
    ],
  }, '2026-11-20');
  ok(await f.call(admin, 'cases:addMember', { caseId: cases.a.id, role: 'volunteer', personId: person.zhao }));
  // The same 陈静 in another dispute: found by her ID number.
  await newCase('b', {
    category: 'contract', channel: 'application', summary: '拖欠货款纠纷', registeredOn: '2026-11-21',
    parties: [
      { role: 'applicant', name: '陈静', idType: 'resident_id', idNumber: ID_CHEN },
      { role: 'respondent', name: '李伟', idType: 'resident_id', idNumber: ID_LI, phone: '13800000001' },
    ],
  }, '2026-11-21');
  // The same 买买提·艾力, with no document either time: found by name and phone. Registered only: no deadline yet.
  await newCase('c', {
    category: 'damages', channel: 'application', summary: '饲养的狗咬伤路人引发赔偿纠纷', registeredOn: '2026-11-22', leadMediatorId: person.li,
    parties: [
      { role: 'applicant', name: '买买提·艾力', idType: 'none', phone: '0577 6888 1234' },
      { role: 'respondent', name: '王强', idType: 'none', phone: '13800000002' },
    ],
  });
  // Another 陈静 with no document and another phone: not the same person.
  await newCase('d', {
    category: 'consumer', channel: 'application', summary: '预付卡商家停业无法退款', registeredOn: '2026-11-23',
    parties: [{ role: 'applicant', name: '陈静', idType: 'none', phone: '13900000009' }, { role: 'respondent', name: '赵刚', idType: 'none' }],
  }, '2026-11-23');

  const v = async (input: Input<'venues:create'>) => ok(await f.call(admin, 'venues:create', input)).id;
  venue.room = await v({ name: '第一调解室', kind: 'room', capacity: 8, address: '龙港市白沙社区人民路1号' });
  venue.office = await v({ name: '社区办公室', kind: 'office', capacity: 12 });
  venue.home = await v({ name: '上门调解', kind: 'home_visit' });
  venue.online = await v({ name: '线上视频调解', kind: 'online', link: 'https://meeting.example.cn/j/8675309' });
  venue.small = await v({ name: '小调解室', kind: 'room', capacity: 3 });

  desktop = createDispatcher(f.core, { platform: { savePdf: async () => false, notify: (title, body) => { notified.push({ title, body }); } } });
}, 120_000); // four accounts, each a scrypt hash and a sign-in
afterAll(() => f.close());

type Draft = Partial<Input<'schedule:create'>> & { caseId: number };
const at = (day: string, from: string, to: string) => ({ startsAt: sh(`${day}T${from}`), endsAt: sh(`${day}T${to}`) });
const schedule = async (d: Draft, s: Session = admin) =>
  ok(await f.call(s, 'schedule:create', { venueId: venue.home, ...at('2026-12-15', '10:00', '11:00'), ...d }));
const kinds = (clashes: Clash[]) => clashes.map((c) => c.kind);
const counts = async () => (await f.core.db.query<Record<string, number>>(
  `SELECT (SELECT count(*) FROM meetings) AS meetings, (SELECT count(*) FROM meeting_people) AS people,
     (SELECT count(*) FROM meeting_parties) AS parties, (SELECT count(*) FROM audit_events) AS audit,
     (SELECT group_concat(updated_at) FROM cases) AS touched`))[0];
const history = async (caseId: number) => ok(await f.call(admin, 'cases:history', { id: caseId })).entries;
const failure = async (channel: Parameters<typeof f.dispatch>[1], input: unknown, s: Session = admin) => {
  const r = await f.dispatch(s, channel, input);
  if (r.ok) throw new Error(`${channel} was accepted`);
  return r.error;
};

describe('venues', () => {
  it('keeps rooms with seats, home visits and video links; names are unique', async () => {
    const list = ok(await f.call(admin, 'venues:list', {}));
    expect(list.map((v) => v.name)).toEqual(expect.arrayContaining(['第一调解室', '社区办公室', '上门调解', '线上视频调解']));
    expect(list.find((v) => v.id === venue.room)).toMatchObject({ kind: 'room', capacity: 8, active: true });
    expect(list.find((v) => v.id === venue.online)).toMatchObject({ link: 'https://meeting.example.cn/j/8675309', capacity: null });
    const dup = await failure('venues:create', { name: '第一调解室', kind: 'office', capacity: 4 });
    expect(dup).toMatchObject({ code: 'VALIDATION', details: [{ path: 'name' }] });
    expect(dup.message).toContain('已有名为“第一调解室”的场所');
    expect((await failure('venues:create', { name: '第二调解室', kind: 'room' })).message).toMatch(/可容纳的人数/);
    expect((await failure('venues:create', { name: '视频', kind: 'online' })).message).toMatch(/须填写会议链接/);
    expect((await failure('venues:update', { id: venue.office, venue: { name: '第一调解室', kind: 'office', capacity: 12 } })).details?.[0].path).toBe('venue.name');
    ok(await f.call(admin, 'venues:update', { id: venue.office, venue: { name: '社区办公室', kind: 'office', capacity: 12, address: '白沙社区服务中心二楼' } }));
    expect(ok(await f.call(admin, 'venues:list', {})).find((v) => v.id === venue.office)?.address).toBe('白沙社区服务中心二楼');
    expect((await failure('venues:create', { name: '调解室三', kind: 'room', capacity: 4 }, staff)).code).toBe('FORBIDDEN');
  });
});

describe('availability', () => {
  it('keeps weekly hours, refusing a row that overlaps another of the same weekday, and exceptions', async () => {
    const bad = await failure('availability:setWeekly', {
      personId: person.zhao, weekly: [{ weekday: 1, start: '08:30', end: '12:00' }, { weekday: 1, start: '11:30', end: '13:00' }],
    });
    expect(bad.details).toEqual([expect.objectContaining({ path: 'weekly.1.start', message: '第2行（星期一 11:30–13:00）与第1行（星期一 08:30–12:00）时间重叠' })]);
    const weekly = [1, 2, 3, 4, 5].flatMap((weekday) => [{ weekday, start: '08:30', end: '12:00' }, { weekday, start: '14:00', end: '17:30' }]);
    ok(await f.call(volunteer, 'availability:setWeekly', { personId: person.zhao, weekly }));
    const { id } = ok(await f.call(volunteer, 'availability:addException', {
      personId: person.zhao, kind: 'duty', note: '区司法局培训', ...at('2026-12-08', '08:00', '17:00'),
    }));
    const got = ok(await f.call(admin, 'availability:get', { personId: person.zhao }));
    expect(got.weekly).toHaveLength(10);
    expect(got.weekly[0]).toEqual({ weekday: 1, start: '08:30', end: '12:00' });
    expect(got.exceptions).toEqual([expect.objectContaining({ id, kind: 'duty', note: '区司法局培训', source: 'manual', startsAt: '2026-12-08T00:00:00.000Z' })]);
    expect((await failure('availability:removeException', { personId: person.li, id })).code).toBe('NOT_FOUND');
  });
});

describe('scheduling and its clashes', () => {
  it('schedules a meeting from a case, with a UID, in the case history', async () => {
    const r = await schedule({
      caseId: cases.a.id, venueId: venue.room, ...at('2026-12-01', '10:00', '11:00'), purpose: '首次调解',
      personIds: [person.li], partyIds: [cases.a.parties['陈静'], cases.a.parties['买买提·艾力']],
    });
    expect(r.clashes).toEqual([]);
    const m = ok(await f.call(admin, 'schedule:get', { id: r.id! }));
    expect(m).toMatchObject({
      caseId: cases.a.id, caseNo: cases.a.caseNo, caseTitle: '陈静', startsAt: '2026-12-01T02:00:00.000Z', endsAt: '2026-12-01T03:00:00.000Z',
      venue: { id: venue.room, name: '第一调解室' }, status: 'scheduled', sequence: 0, purpose: '首次调解', override: null,
      people: [{ personId: person.li, name: '李明', role: 'lead_mediator' }],
      parties: [{ name: '陈静', role: 'applicant' }, { name: '买买提·艾力', role: 'respondent', phone: '0577-68881234' }],
    });
    expect(m.uid).toMatch(/^[0-9a-f-]{36}$/);
    const entry = (await history(cases.a.id)).find((e) => e.action === 'case.meeting.schedule')!;
    expect(entry.after).toEqual({
      meeting_starts_at: '2026年12月1日（星期二）10:00', meeting_ends_at: '2026年12月1日（星期二）11:00', meeting_venue: '第一调解室',
      meeting_people: '李明', meeting_parties: '陈静、买买提·艾力', meeting_purpose: '首次调解',
    });
    expect(entry.before).toMatchObject({ meeting_starts_at: null, meeting_venue: null });
  });

  it('refuses a person already in another meeting, naming it, and writes nothing', async () => {
    const [first] = ok(await f.call(admin, 'schedule:range', { from: sh('2026-12-01T00:00'), to: sh('2026-12-02T00:00') }));
    const before = await counts();
    const r = await schedule({ caseId: cases.b.id, venueId: venue.office, ...at('2026-12-01', '10:30', '11:30'), personIds: [person.li] });
    expect(r.id).toBeNull();
    expect(r.clashes).toEqual([expect.objectContaining({
      kind: 'person_busy', subject: '李明',
      with: { meetingId: first.id, caseId: cases.a.id, caseNo: cases.a.caseNo, startsAt: first.startsAt, endsAt: first.endsAt, venue: '第一调解室' },
      message: `调解员李明在该时段已有会议：${cases.a.caseNo}，12月1日 10:00–11:00，第一调解室`,
    })]);
    expect(await counts()).toEqual(before);
    // The check channel says the same, writing nothing either.
    const check = ok(await f.call(volunteer, 'schedule:check', { caseId: cases.b.id, venueId: venue.office, ...at('2026-12-01', '10:30', '11:30'), personIds: [person.li] }));
    expect(kinds(check.clashes)).toEqual(['person_busy']);
    expect(await counts()).toEqual(before);
  });

  it('lets a meeting start when the other ends (half-open intervals)', async () => {
    const r = await schedule({ caseId: cases.b.id, venueId: venue.room, ...at('2026-12-01', '11:00', '12:00'), personIds: [person.li], partyIds: [cases.b.parties['陈静']] });
    expect(r).toMatchObject({ clashes: [] });
    expect(r.id).not.toBeNull();
  });

  it('books a room once at a time, never a home visit', async () => {
    const room = await schedule({ caseId: cases.b.id, venueId: venue.room, ...at('2026-12-01', '09:30', '10:30') });
    expect(room.id).toBeNull();
    expect(room.clashes).toEqual([expect.objectContaining({ kind: 'room_busy', subject: '第一调解室', message: expect.stringContaining('第一调解室在该时段已被占用') })]);
    expect((await schedule({ caseId: cases.d.id, venueId: venue.home, ...at('2026-12-01', '10:00', '11:00') })).clashes).toEqual([]);
    expect((await schedule({ caseId: cases.d.id, venueId: venue.home, ...at('2026-12-01', '10:00', '11:00') })).clashes).toEqual([]);
  });

  it('finds a party invited to two meetings at once across cases: by ID number, by name and phone', async () => {
    const a = await schedule({ caseId: cases.a.id, venueId: venue.room, ...at('2026-12-02', '10:00', '11:00'), partyIds: [cases.a.parties['陈静'], cases.a.parties['买买提·艾力']] });
    expect(a.clashes).toEqual([]);
    const byId = await schedule({ caseId: cases.b.id, venueId: venue.office, ...at('2026-12-02', '10:30', '11:30'), partyIds: [cases.b.parties['陈静']] });
    expect(byId.id).toBeNull();
    expect(byId.clashes).toEqual([expect.objectContaining({ kind: 'party_busy', subject: '陈静', with: expect.objectContaining({ meetingId: a.id, caseNo: cases.a.caseNo }) })]);
    expect(byId.clashes[0].message).toContain('另一案件中的同一当事人');
    const byNamePhone = await schedule({ caseId: cases.c.id, venueId: venue.online, ...at('2026-12-02', '09:00', '10:30'), partyIds: [cases.c.parties['买买提·艾力']] });
    expect(byNamePhone.clashes).toEqual([expect.objectContaining({ kind: 'party_busy', subject: '买买提·艾力', with: expect.objectContaining({ meetingId: a.id }) })]);
    // 王强 is nobody else; the other 陈静 has another phone and no ID number.
    expect((await schedule({ caseId: cases.c.id, venueId: venue.online, ...at('2026-12-02', '10:00', '11:00'), partyIds: [cases.c.parties['王强']] })).clashes).toEqual([]);
    expect((await schedule({ caseId: cases.d.id, venueId: venue.office, ...at('2026-12-02', '10:00', '11:00'), partyIds: [cases.d.parties['陈静']] })).clashes).toEqual([]);
  });

  it('does not count a cancelled meeting; cancelling needs a reason and is in the history', async () => {
    const first = await schedule({ caseId: cases.a.id, venueId: venue.room, ...at('2026-12-03', '10:00', '11:00'), personIds: [person.li] });
    expect((await failure('schedule:cancel', { id: first.id, reason: ' ' })).code).toBe('VALIDATION');
    ok(await f.call(volunteer, 'schedule:cancel', { id: first.id!, reason: '申请人临时住院' }));
    expect((await failure('schedule:cancel', { id: first.id, reason: '重复取消' })).code).toBe('BAD_STATE');
    const m = ok(await f.call(admin, 'schedule:get', { id: first.id! }));
    expect(m).toMatchObject({ status: 'cancelled', cancelReason: '申请人临时住院', sequence: 1 });
    const entry = (await history(cases.a.id)).filter((e) => e.action === 'case.meeting.cancel').pop()!;
    expect(entry.after).toMatchObject({ cancel_reason: '申请人临时住院', meeting_starts_at: '2026年12月3日（星期四）10:00' });
    expect(entry.before).toMatchObject({ cancel_reason: null });
    expect((await schedule({ caseId: cases.b.id, venueId: venue.room, ...at('2026-12-03', '10:00', '11:00'), personIds: [person.li] })).clashes).toEqual([]);
    // The calendar shows it struck through unless asked not to; a cancelled meeting cannot be moved.
    const day = { from: sh('2026-12-03T00:00'), to: sh('2026-12-04T00:00') };
    expect(ok(await f.call(admin, 'schedule:range', day)).map((x) => x.status).sort()).toEqual(['cancelled', 'scheduled']);
    expect(ok(await f.call(admin, 'schedule:range', { ...day, includeCancelled: false })).map((x) => x.status)).toEqual(['scheduled']);
    expect((await failure('schedule:update', { id: first.id, venueId: venue.room, ...at('2026-12-03', '14:00', '15:00') })).code).toBe('BAD_STATE');
    expect((await failure('schedule:move', { id: first.id, ...at('2026-12-03', '14:00', '15:00') })).code).toBe('BAD_STATE');
  });

  it('moves a meeting without clashing with itself: same UID, next SEQUENCE; a move into a clash changes nothing', async () => {
    const a = await schedule({ caseId: cases.a.id, venueId: venue.room, ...at('2026-12-04', '10:00', '11:00'), personIds: [person.li], partyIds: [cases.a.parties['陈静']] });
    const was = ok(await f.call(admin, 'schedule:get', { id: a.id! }));
    const moved = ok(await f.call(admin, 'schedule:update', {
      id: a.id!, venueId: venue.room, ...at('2026-12-04', '10:30', '11:30'), personIds: [person.li], partyIds: [cases.a.parties['陈静']],
    }));
    expect(moved).toEqual({ id: a.id, clashes: [] });
    const now = ok(await f.call(admin, 'schedule:get', { id: a.id! }));
    expect(now).toMatchObject({ uid: was.uid, sequence: 1, startsAt: '2026-12-04T02:30:00.000Z' });
    const entry = (await history(cases.a.id)).filter((e) => e.action === 'case.meeting.update').pop()!;
    expect(entry.before).toEqual({ meeting_starts_at: '2026年12月4日（星期五）10:00', meeting_ends_at: '2026年12月4日（星期五）11:00' });
    expect(entry.after).toEqual({ meeting_starts_at: '2026年12月4日（星期五）10:30', meeting_ends_at: '2026年12月4日（星期五）11:30' });

    const b = await schedule({ caseId: cases.b.id, venueId: venue.room, ...at('2026-12-04', '14:00', '15:00') });
    expect(b.clashes).toEqual([]);
    const before = await counts();
    const clash = ok(await f.call(admin, 'schedule:update', { id: a.id!, venueId: venue.room, ...at('2026-12-04', '14:30', '15:30'), personIds: [person.li] }));
    expect(clash.id).toBeNull();
    expect(kinds(clash.clashes)).toEqual(['room_busy']);
    expect(await counts()).toEqual(before);
    expect(ok(await f.call(admin, 'schedule:get', { id: a.id! }))).toMatchObject({ sequence: 1, startsAt: '2026-12-04T02:30:00.000Z', parties: [{ name: '陈静' }] });
  });

  it('moves a meeting by its times alone (the calendar’s drag), keeping the rest; a clash needs a reason, which is stored', async () => {
    const a = await schedule({
      caseId: cases.a.id, venueId: venue.room, ...at('2026-12-14', '10:00', '11:00'), purpose: '第二次调解', note: '请带物业证明',
      personIds: [person.li, person.zhao], partyIds: [cases.a.parties['陈静'], cases.a.parties['买买提·艾力']],
    });
    expect(a.clashes).toEqual([]);
    const was = ok(await f.call(admin, 'schedule:get', { id: a.id! }));
    expect(ok(await f.call(admin, 'schedule:move', { id: a.id!, ...at('2026-12-14', '10:30', '12:00') }))).toEqual({ id: a.id, clashes: [] });
    const now = ok(await f.call(admin, 'schedule:get', { id: a.id! }));
    expect(now).toEqual({
      ...was, sequence: 1, startsAt: '2026-12-14T02:30:00.000Z', endsAt: '2026-12-14T04:00:00.000Z', updatedAt: now.updatedAt,
    });
    const moved = (await history(cases.a.id)).filter((e) => e.action === 'case.meeting.update').pop()!;
    expect(moved.before).toEqual({ meeting_starts_at: '2026年12月14日（星期一）10:00', meeting_ends_at: '2026年12月14日（星期一）11:00' });
    expect(moved.after).toEqual({ meeting_starts_at: '2026年12月14日（星期一）10:30', meeting_ends_at: '2026年12月14日（星期一）12:00' });

    // Into the room's afternoon meeting: refused with the clash, nothing written.
    const b = await schedule({ caseId: cases.b.id, venueId: venue.room, ...at('2026-12-14', '14:00', '15:00') });
    expect(b.clashes).toEqual([]);
    const before = await counts();
    const refused = ok(await f.call(admin, 'schedule:move', { id: a.id!, ...at('2026-12-14', '14:30', '15:30') }));
    expect(refused.id).toBeNull();
    expect(refused.clashes).toEqual([expect.objectContaining({ kind: 'room_busy', subject: '第一调解室', with: expect.objectContaining({ meetingId: b.id }) })]);
    expect(await counts()).toEqual(before);
    expect(ok(await f.call(admin, 'schedule:get', { id: a.id! }))).toEqual(now);

    // With a reason it goes ahead: the reason and the clashes are kept with the meeting and in the history.
    const going = ok(await f.call(admin, 'schedule:move', { id: a.id!, ...at('2026-12-14', '14:30', '15:30'), overrideReason: '双方只有下午有空' }));
    expect(going).toEqual({ id: a.id, clashes: refused.clashes });
    const after = ok(await f.call(admin, 'schedule:get', { id: a.id! }));
    expect(after).toMatchObject({
      sequence: 2, startsAt: '2026-12-14T06:30:00.000Z', endsAt: '2026-12-14T07:30:00.000Z', venue: { id: venue.room }, purpose: '第二次调解', note: '请带物业证明',
      override: { reason: '双方只有下午有空', clashes: refused.clashes },
    });
    expect(after.people).toEqual(was.people);
    expect(after.parties).toEqual(was.parties);
    const entry = (await history(cases.a.id)).filter((e) => e.action === 'case.meeting.update').pop()!;
    expect(entry.after).toEqual({
      meeting_starts_at: '2026年12月14日（星期一）14:30', meeting_ends_at: '2026年12月14日（星期一）15:30',
      override_reason: '双方只有下午有空', clashes: refused.clashes[0].message,
    });

    expect((await failure('schedule:move', { id: a.id, ...at('2026-12-14', '16:00', '17:00'), overrideReason: ' ' })).code).toBe('VALIDATION');
    expect((await failure('schedule:move', { id: a.id, startsAt: '2026-11-27T01:00:00Z', endsAt: '2026-11-27T02:00:00Z' })).details?.map((d) => d.path)).toEqual(['startsAt']);
    expect((await failure('schedule:move', { id: a.id, ...at('2026-12-14', '16:00', '17:00'), venueId: venue.office })).code).toBe('VALIDATION');
    expect((await failure('schedule:move', { id: a.id, ...at('2026-12-14', '16:00', '17:00') }, staff)).code).toBe('FORBIDDEN');
    expect((await failure('schedule:move', { id: 999_999, ...at('2026-12-14', '16:00', '17:00') })).code).toBe('NOT_FOUND');
  });

  it('checks weekly hours and leave of those who keep them', async () => {
    const base = { caseId: cases.a.id, venueId: venue.home, personIds: [person.zhao] };
    expect((await schedule({ ...base, ...at('2026-12-07', '09:00', '10:00') })).clashes).toEqual([]);
    const evening = await schedule({ ...base, ...at('2026-12-07', '17:00', '18:30') });
    expect(evening.clashes).toEqual([expect.objectContaining({
      kind: 'unavailable', subject: '赵雪', detail: { outsideHours: true },
      message: '该时段不在志愿者赵雪的工作时间内（星期一工作时间为08:30–12:00、14:00–17:30）',
    })]);
    const training = await schedule({ ...base, ...at('2026-12-08', '09:00', '10:00') });
    expect(training.clashes).toEqual([expect.objectContaining({
      kind: 'unavailable', detail: expect.objectContaining({ exceptionKind: 'duty', exceptionNote: '区司法局培训' }),
      message: '志愿者赵雪在该时段有其他公务：12月8日 08:00–17:00（区司法局培训）',
    })]);
    const [exception] = ok(await f.call(admin, 'availability:get', { personId: person.zhao })).exceptions;
    ok(await f.call(admin, 'availability:removeException', { personId: person.zhao, id: exception.id }));
    expect((await schedule({ ...base, ...at('2026-12-08', '09:00', '10:00') })).clashes).toEqual([]);
    // 李明 keeps no hours: never outside them.
    expect((await schedule({ caseId: cases.a.id, venueId: venue.home, personIds: [person.li], ...at('2026-12-07', '19:00', '20:00') })).clashes).toEqual([]);
  });

  it('warns of a meeting after the mediation deadline, the extended one where there is one', async () => {
    const late = { caseId: cases.a.id, venueId: venue.home, ...at('2026-12-28', '10:00', '11:00') };
    const before = await schedule(late);
    expect(before.clashes).toEqual([expect.objectContaining({ kind: 'after_deadline', detail: { dueOn: '2026-12-20' }, message: '会议日期2026年12月28日晚于本案的调解期限（2026年12月20日）' })]);
    ok(await f.call(admin, 'cases:extend', { caseId: cases.a.id, newDueOn: '2027-01-10', consent: '双方当事人同意延长' }));
    expect((await schedule(late)).clashes).toEqual([]);
    expect(kinds((await schedule({ ...late, ...at('2027-01-11', '10:00', '11:00') })).clashes)).toEqual(['after_deadline']);
    expect((await schedule({ ...late, ...at('2027-01-10', '20:00', '21:00') })).clashes).toEqual([]);
    // No deadline before acceptance: nothing to check.
    expect((await schedule({ caseId: cases.c.id, venueId: venue.home, ...at('2027-03-01', '10:00', '11:00') })).clashes).toEqual([]);
  });

  it('warns of a room too small; going ahead with a reason stores it with the clashes, in the history', async () => {
    const draft = {
      caseId: cases.a.id, venueId: venue.small, ...at('2026-12-09', '10:00', '11:00'),
      personIds: [person.li, person.zhao], partyIds: [cases.a.parties['陈静'], cases.a.parties['买买提·艾力']],
    };
    const refused = await schedule(draft);
    expect(refused).toEqual({ id: null, clashes: [expect.objectContaining({ kind: 'room_capacity', detail: { capacity: 3, invited: 4 }, message: '小调解室只能容纳3人，本次邀请了4人' })] });
    const empty = await failure('schedule:create', { ...draft, overrideReason: '   ' });
    expect(empty.code).toBe('VALIDATION');
    const going = await schedule({ ...draft, overrideReason: '买买提·艾力通过电话参加' });
    expect(going.id).not.toBeNull();
    expect(kinds(going.clashes)).toEqual(['room_capacity']);
    const m = ok(await f.call(admin, 'schedule:get', { id: going.id! }));
    expect(m.override).toEqual({ reason: '买买提·艾力通过电话参加', clashes: refused.clashes });
    const entry = (await history(cases.a.id)).filter((e) => e.action === 'case.meeting.schedule').pop()!;
    expect(entry.after).toMatchObject({ override_reason: '买买提·艾力通过电话参加', clashes: '小调解室只能容纳3人，本次邀请了4人' });
    // Changed to a bigger room: no clash left, so no override either.
    const { caseId: _case, ...fields } = draft;
    ok(await f.call(admin, 'schedule:update', { id: going.id!, ...fields, venueId: venue.office }));
    expect(ok(await f.call(admin, 'schedule:get', { id: going.id! })).override).toBeNull();
  });

  it('refuses what cannot be a meeting, saying what and where', async () => {
    const base = { caseId: cases.a.id, venueId: venue.room };
    const path = async (input: object) => (await failure('schedule:create', { ...base, ...input })).details?.map((d) => d.path);
    expect(await path({ startsAt: '2026-11-27T01:00:00Z', endsAt: '2026-11-27T01:30:00Z' })).toEqual(['startsAt']);
    expect(await path(at('2026-12-10', '10:00', '10:10'))).toEqual(['endsAt']);
    expect(await path(at('2026-12-10', '08:00', '20:30'))).toEqual(['endsAt']);
    expect(await path(at('2026-12-10', '10:00', '10:00'))).toEqual(['endsAt']);
    const outsider = await failure('schedule:create', { ...base, ...at('2026-12-10', '10:00', '11:00'), personIds: [person.staff] });
    expect(outsider.details).toEqual([expect.objectContaining({ path: 'personIds.0', message: '钱丽不是本案的调解人员，请先在案件中添加后再邀请' })]);
    const stranger = await failure('schedule:create', { ...base, ...at('2026-12-10', '10:00', '11:00'), partyIds: [cases.b.parties['李伟']] });
    expect(stranger.details).toEqual([expect.objectContaining({ path: 'partyIds.0', message: '李伟不是本案的当事人' })]);
    const spare = ok(await f.call(admin, 'venues:create', { name: '旧会议室', kind: 'room', capacity: 6, active: false })).id;
    expect((await failure('schedule:create', { ...base, venueId: spare, ...at('2026-12-10', '10:00', '11:00') })).message).toBe('场所“旧会议室”已停用，请选择其他场所');
    expect((await failure('schedule:create', { ...base, caseId: 999_999, ...at('2026-12-10', '10:00', '11:00') })).code).toBe('NOT_FOUND');
  });

  it('lets volunteers schedule, not office staff; only an admin sets the reminder time', async () => {
    const d = { caseId: cases.d.id, venueId: venue.office, ...at('2026-12-10', '14:00', '15:00') };
    expect((await failure('schedule:create', d, staff)).code).toBe('FORBIDDEN');
    expect((await schedule(d, volunteer)).clashes).toEqual([]);
    expect(ok(await f.call(staff, 'schedule:range', { from: sh('2026-12-10T00:00'), to: sh('2026-12-11T00:00') }))).toHaveLength(1);
    expect((await failure('schedule:saveSettings', { reminderMinutes: 30, contactPhone: null }, volunteer)).code).toBe('FORBIDDEN');
    expect((await failure('availability:setWeekly', { personId: person.li, weekly: [] }, staff)).code).toBe('FORBIDDEN');
  });
});

describe('reminders, 工作台, notices and text messages', () => {
  it('reminds each user of their own meetings once, and again after a move', async () => {
    ok(await f.call(admin, 'schedule:saveSettings', { reminderMinutes: 60, contactPhone: '0577-68880000' }));
    expect(ok(await f.call(volunteer, 'schedule:settings', {}))).toEqual({ reminderMinutes: 60, contactPhone: '0577-68880000' });
    const soon = await schedule({ caseId: cases.b.id, venueId: venue.office, ...at('2026-11-27', '10:30', '11:00'), personIds: [person.li], purpose: '背对背调解' });
    const later = await schedule({ caseId: cases.b.id, venueId: venue.office, ...at('2026-11-27', '11:30', '12:00'), personIds: [person.li] });
    const li = newSession();
    ok(await desktop(li, 'auth:signIn', { username: 'liming', password: 'user-password-1' }));
    const due = async (s: Session) => {
      const r = await desktop(s, 'schedule:dueReminders', {});
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as { id: number }[]).map((m) => m.id);
    };
    expect(await due(li)).toEqual([soon.id]);
    expect(notified).toEqual([{ title: '调解会议提醒', body: `11月27日 10:30–11:00 · 社区办公室\n${cases.b.caseNo} · 背对背调解` }]);
    expect(await due(li)).toEqual([]);
    expect(notified).toHaveLength(1);
    // The admin scheduled it: it is theirs too. The volunteer has nothing to do with it.
    expect(ok(await f.call(admin, 'schedule:dueReminders', {})).map((m) => m.id)).toEqual([soon.id]);
    expect(ok(await f.call(volunteer, 'schedule:dueReminders', {}))).toEqual([]);
    ok(await f.call(admin, 'schedule:update', { id: soon.id!, venueId: venue.office, ...at('2026-11-27', '10:45', '11:15'), personIds: [person.li] }));
    expect(await due(li)).toEqual([soon.id]);
    expect(await due(li)).toEqual([]);
    expect(later.id).not.toBeNull(); // 11:30 is past the hour: not yet
  });

  it('lists the next seven days on 工作台: mine, and the committee’s', async () => {
    const up = ok(await f.call(mediator, 'schedule:upcoming', {}));
    expect(up.reminderMinutes).toBe(60);
    expect(up.mine.length).toBeGreaterThan(3);
    expect(up.mine.every((m) => m.people.some((p) => p.personId === person.li))).toBe(true);
    expect(up.committee.length).toBeGreaterThan(up.mine.length);
    expect(up.committee.every((m) => m.status === 'scheduled' && m.startsAt < '2026-12-04T02:00:00.000Z' && m.endsAt > NOW.toISOString())).toBe(true);
    expect(up.committee.map((m) => m.startsAt)).toEqual([...up.committee.map((m) => m.startsAt)].sort());
    const mine = ok(await f.call(volunteer, 'schedule:upcoming', {})).mine;
    expect(mine.map((m) => m.caseId)).toEqual([]); // 赵雪's meetings are from 7 December on
  });

  it('gives each invited party the text of an SMS', async () => {
    const [m] = ok(await f.call(admin, 'schedule:range', { from: sh('2026-12-01T09:00'), to: sh('2026-12-01T10:30'), caseId: cases.a.id }));
    const sms = ok(await f.call(admin, 'schedule:sms', { id: m.id }));
    expect(sms.map((s) => [s.name, s.phone])).toEqual([['陈静', '13912345678'], ['买买提·艾力', '0577-68881234']]);
    expect(sms[0].text).toBe('【白沙社区人民调解委员会】陈静您好：关于邻里纠纷一案，本委员会定于2026年12月1日（星期二）10:00在第一调解室（龙港市白沙社区人民路1号）进行调解，请准时参加，并携带身份证及相关证据材料。如有疑问，请致电0577-68880000。');
  });

  it('prints the 调解通知书 of a scheduled meeting for the parties invited', async () => {
    const [m] = ok(await f.call(admin, 'schedule:range', { from: sh('2026-12-04T00:00'), to: sh('2026-12-05T00:00'), caseId: cases.a.id }));
    const doc = ok(await f.call(admin, 'documents:render', { caseId: cases.a.id, document: 'meeting_notice', meetingId: m.id }));
    expect(doc.title).toBe('调解通知书');
    expect(doc.html).toContain('陈静：');
    expect(doc.html).not.toContain('买买提·艾力：'); // not invited to this one
    expect(doc.html).toContain('2026年12月4日10时30分');
    expect(doc.html).toContain('第一调解室（龙港市白沙社区人民路1号）');
    expect(doc.html).toContain('0577-68880000');
    expect((await failure('documents:render', { caseId: cases.b.id, document: 'meeting_notice', meetingId: m.id })).code).toBe('NOT_FOUND');
  });
});

describe('the calendar', () => {
  it('shows one person’s, one room’s, one case’s or the committee’s meetings overlapping a window', async () => {
    const week = { from: sh('2026-11-30T00:00'), to: sh('2026-12-07T00:00') };
    const all = ok(await f.call(admin, 'schedule:range', week));
    expect(all.length).toBeGreaterThan(8);
    // Each event as little as the calendar shows, and the same as the whole meeting says.
    const whole = await Promise.all(all.map(async (m) => ok(await f.call(admin, 'schedule:get', { id: m.id }))));
    expect(all).toEqual(whole.map((m) => ({
      id: m.id, caseId: m.caseId, caseNo: m.caseNo, caseTitle: m.caseTitle, startsAt: m.startsAt, endsAt: m.endsAt,
      venue: { id: m.venue.id, name: m.venue.name, kind: m.venue.kind }, status: m.status, purpose: m.purpose,
    })));
    expect(all.map((m) => m.startsAt)).toEqual([...all.map((m) => m.startsAt)].sort());
    expect(all.some((m) => m.status === 'cancelled')).toBe(true);
    expect(ok(await f.call(admin, 'schedule:range', { ...week, includeCancelled: false }))).toEqual(all.filter((m) => m.status === 'scheduled'));
    const ofLi = ok(await f.call(admin, 'schedule:range', { ...week, personId: person.li }));
    expect(ofLi.length).toBeGreaterThan(2);
    expect(ofLi).toEqual(all.filter((_, i) => whole[i].people.some((p) => p.personId === person.li)));
    const ofRoom = ok(await f.call(admin, 'schedule:range', { ...week, venueId: venue.room }));
    expect(ofRoom.length).toBeGreaterThan(2);
    expect(ofRoom).toEqual(all.filter((m) => m.venue.id === venue.room));
    expect(ok(await f.call(admin, 'schedule:range', { ...week, venueId: venue.room, includeCancelled: false })))
      .toEqual(all.filter((m) => m.venue.id === venue.room && m.status === 'scheduled'));
    expect(ok(await f.call(admin, 'schedule:range', { ...week, caseId: cases.b.id })).every((m) => m.caseId === cases.b.id)).toBe(true);
    // A meeting overlapping the window's start is in it; one ending at its start is not.
    const edge = ok(await f.call(admin, 'schedule:range', { from: sh('2026-12-01T10:30'), to: sh('2026-12-01T10:31'), venueId: venue.room }));
    expect(edge.map((m) => m.startsAt)).toEqual(['2026-12-01T02:00:00.000Z']);
    expect(ok(await f.call(admin, 'schedule:range', { from: sh('2026-12-01T12:00'), to: sh('2026-12-01T13:00'), venueId: venue.room }))).toEqual([]);
    expect((await failure('schedule:range', { from: sh('2026-12-02T00:00'), to: sh('2026-12-01T00:00') })).code).toBe('VALIDATION');
  });

  it('reads meetings through the time index, never a scan of all meetings', async () => {
    const plan = async (sql: string, params: unknown[]) =>
      (await f.core.db.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((r) => r.detail).join('\n');
    const t = '2026-12-01T02:00:00.000Z';
    const clash = await plan(CLASH_CANDIDATES, ['2026-11-30T14:00:00.000Z', t, t, null]);
    expect(clash).toMatch(/SEARCH m USING (COVERING )?INDEX meetings_time/);
    expect(clash).not.toMatch(/SCAN m\b/);
    const w = meetingWhere(windowFilter(t, '2026-12-31T16:00:00.000Z', { statuses: ['scheduled', 'cancelled'] }));
    for (const sql of [meetingSql(`${w.where} ${w.order}`), meetingPeopleSql(w.where), meetingPartiesSql(w.where)]) {
      const month = await plan(sql, w.params);
      expect(month).toMatch(/SEARCH m USING (COVERING )?INDEX meetings_time/);
      expect(month).not.toMatch(/SCAN (m|mp|mq)\b/);
    }
    // The calendar's one statement: the committee's and a person's on the time index, a room's on the venue's.
    const calendar = async (extra: { personId?: number; venueId?: number }) => {
      const c = meetingWhere(windowFilter(t, '2026-12-31T16:00:00.000Z', { statuses: ['scheduled', 'cancelled'], ...extra }));
      return plan(calendarSql(`${c.where} ${c.order}`), c.params);
    };
    for (const [extra, index] of [[{}, 'meetings_time'], [{ personId: person.li }, 'meetings_time'], [{ venueId: venue.room }, 'meetings_venue']] as const) {
      const month = await calendar(extra);
      expect(month).toMatch(new RegExp(`SEARCH m USING (COVERING )?INDEX ${index}`));
      expect(month).not.toMatch(/SCAN (m|c|v|x)\b/);
    }
    expect(await calendar({ personId: person.li })).toMatch(/SEARCH x (EXISTS )?USING (PRIMARY KEY|(COVERING )?INDEX meeting_people_person)/);
  });

  it('lists one case’s meetings whole, past and coming, cancelled ones included', async () => {
    const list = ok(await f.call(mediator, 'schedule:caseMeetings', { caseId: cases.a.id }));
    const ids = (await f.core.db.query<{ id: number }>('SELECT id FROM meetings WHERE case_id = ? ORDER BY starts_at, id', [cases.a.id])).map((r) => r.id);
    expect(list.map((m) => m.id)).toEqual(ids);
    expect(list.some((m) => m.status === 'cancelled')).toBe(true);
    expect(list.every((m) => m.caseId === cases.a.id)).toBe(true);
    expect(list[0]).toEqual(ok(await f.call(admin, 'schedule:get', { id: list[0].id })));
    expect(list[0].people).toEqual([{ personId: person.li, name: '李明', role: 'lead_mediator' }]);
    expect(ok(await f.call(admin, 'schedule:caseMeetings', { caseId: cases.c.id })).every((m) => m.caseId === cases.c.id)).toBe(true);
    expect((await failure('schedule:caseMeetings', { caseId: 999_999 })).code).toBe('NOT_FOUND');
    const w = meetingWhere({ statuses: ['scheduled', 'cancelled'], caseId: cases.a.id });
    expect((await f.core.db.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${meetingSql(`${w.where} ${w.order}`)}`, w.params)).map((r) => r.detail).join('\n'))
      .toMatch(/SEARCH m USING (COVERING )?INDEX meetings_case/);
  });
});

describe('the demo seed', () => {
  it('fills the calendar around today with meetings that clash with nothing, the same for the same seed', async () => {
    const seeded = async () => {
      const g = await committeeFixture({ clock });
      await seedCases(g.core.db, { cases: 400, seed: 'calendar' }, g.core.clock);
      return g;
    };
    const [g, h] = [await seeded(), await seeded()];
    try {
      const s = await g.signedIn();
      const venues = ok(await g.call(s, 'venues:list', {}));
      expect(venues.map((v) => [v.name, v.kind, v.capacity])).toEqual(expect.arrayContaining([
        ['第一调解室', 'room', 8], ['社区办公室', 'office', 12], ['上门调解', 'home_visit', null], ['线上视频调解', 'online', null],
      ]));
      expect(venues.find((v) => v.kind === 'online')?.link).toMatch(/^https:\/\//);
      const [lead] = ok(await g.call(s, 'people:mediators', {})).filter((p) => p.name !== '王芳');
      expect(ok(await g.call(s, 'availability:get', { personId: lead.id })).weekly).toContainEqual({ weekday: 1, start: '08:30', end: '12:00' });
      const window = { from: NOW.toISOString(), to: new Date(NOW.getTime() + 28 * 86_400_000).toISOString() };
      const ahead = ok(await g.call(s, 'schedule:range', window));
      expect(ahead.length).toBeGreaterThan(8);
      for (const { id } of ahead) {
        const m = ok(await g.call(s, 'schedule:get', { id }));
        const { clashes } = ok(await g.call(s, 'schedule:check', {
          meetingId: m.id, caseId: m.caseId, startsAt: m.startsAt, endsAt: m.endsAt, venueId: m.venue.id,
          personIds: m.people.map((p) => p.personId), partyIds: m.parties.map((p) => p.partyId),
        }));
        expect(clashes.map((c) => c.message), m.caseNo).toEqual([]);
      }
      const shape = async (x: typeof g) => (await x.core.db.query(`SELECT m.uid, m.starts_at, m.ends_at, v.name, c.case_no FROM meetings m
        JOIN venues v ON v.id = m.venue_id JOIN cases c ON c.id = m.case_id ORDER BY m.id`));
      expect(await shape(h)).toEqual(await shape(g));
    } finally {
      await g.close();
      await h.close();
    }
  }, 120_000);
});
