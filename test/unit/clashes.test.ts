import { describe, expect, it } from 'vitest';
import {
  findClashes, intervalOf, mergeWindows, overlaps, sameHuman, withinWeeklyHours, type ClashInput, type OtherMeeting, type WeeklyWindow,
} from '../../electron/core/scheduling/clashes';
import { weeklyIssues } from '../../electron/core/scheduling/availability';
import { smsText } from '../../electron/core/scheduling/sms';
import { longStart, shanghaiDateOf, shortSpan, weekdayOfDay, shanghaiDayMinute } from '../../electron/core/scheduling/time';

// Shanghai wall-clock → UTC instant: the fixtures read as the committee would say them.
const sh = (local: string) => new Date(`${local}:00+08:00`).toISOString();
const span = (a: string, b: string) => intervalOf(sh(a), sh(b));
const hours = (weekday: number, start: string, end: string): WeeklyWindow => {
  const m = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  return { weekday, startMinute: m(start), endMinute: m(end) };
};
// 2026-12-01 is a Tuesday (weekday 2).
const WORKDAY = [1, 2, 3, 4, 5].flatMap((d) => [hours(d, '08:30', '12:00'), hours(d, '14:00', '17:30')]);

describe('intervals are half-open', () => {
  it('a meeting ending at 10:00 does not clash with one starting at 10:00', () => {
    expect(overlaps(span('2026-12-01T09:00', '2026-12-01T10:00'), span('2026-12-01T10:00', '2026-12-01T11:00'))).toBe(false);
    expect(overlaps(span('2026-12-01T09:00', '2026-12-01T10:01'), span('2026-12-01T10:00', '2026-12-01T11:00'))).toBe(true);
    expect(overlaps(span('2026-12-01T09:00', '2026-12-01T12:00'), span('2026-12-01T10:00', '2026-12-01T11:00'))).toBe(true);
    expect(overlaps(span('2026-12-01T11:00', '2026-12-01T12:00'), span('2026-12-01T10:00', '2026-12-01T11:00'))).toBe(false);
  });
});

describe('Shanghai wall-clock time', () => {
  it('numbers weekdays from Monday and reads the Shanghai day, not the UTC one', () => {
    expect(weekdayOfDay(shanghaiDayMinute(Date.parse(sh('2026-12-01T09:00'))).day)).toBe(2);
    expect(weekdayOfDay(shanghaiDayMinute(Date.parse(sh('2026-12-06T09:00'))).day)).toBe(7);
    // 01:00 on Tuesday in Shanghai is still Monday in UTC.
    expect(weekdayOfDay(shanghaiDayMinute(Date.parse('2026-11-30T17:00:00Z')).day)).toBe(2);
    expect(shanghaiDateOf('2026-12-01T17:00:00Z')).toBe('2026-12-02');
  });

  it('writes times the way notices and clash messages say them', () => {
    expect(shortSpan(sh('2026-12-01T10:00'), sh('2026-12-01T11:00'))).toBe('12月1日 10:00–11:00');
    expect(shortSpan(sh('2026-12-01T22:00'), sh('2026-12-02T01:00'))).toBe('12月1日 22:00–12月2日 01:00');
    expect(shortSpan(sh('2026-12-01T22:00'), sh('2026-12-02T00:00'))).toBe('12月1日 22:00–24:00');
    expect(longStart(sh('2026-12-01T10:00'))).toBe('2026年12月1日（星期二）10:00');
  });
});

describe('weekly hours', () => {
  it('merges touching and overlapping windows of a day', () => {
    expect(mergeWindows([hours(1, '14:00', '17:30'), hours(1, '08:30', '12:00'), hours(1, '12:00', '13:00'), hours(1, '16:00', '18:00')]))
      .toEqual([[510, 780], [840, 1080]]);
  });

  it('covers a meeting inside one window, edges included', () => {
    expect(withinWeeklyHours(span('2026-12-01T08:30', '2026-12-01T12:00'), WORKDAY)).toBe(true);
    expect(withinWeeklyHours(span('2026-12-01T14:00', '2026-12-01T15:00'), WORKDAY)).toBe(true);
  });

  it('refuses a meeting that runs into the lunch break, starts early or falls on a day without hours', () => {
    expect(withinWeeklyHours(span('2026-12-01T11:30', '2026-12-01T12:30'), WORKDAY)).toBe(false);
    expect(withinWeeklyHours(span('2026-12-01T08:00', '2026-12-01T09:00'), WORKDAY)).toBe(false);
    expect(withinWeeklyHours(span('2026-12-01T12:00', '2026-12-01T14:00'), WORKDAY)).toBe(false);
    expect(withinWeeklyHours(span('2026-12-05T09:00', '2026-12-05T10:00'), WORKDAY)).toBe(false); // Saturday
  });

  it('takes the union of a day’s windows: two touching windows cover a meeting across their join', () => {
    const split = [hours(2, '08:00', '12:00'), hours(2, '12:00', '14:00')];
    expect(withinWeeklyHours(span('2026-12-01T11:00', '2026-12-01T13:00'), split)).toBe(true);
    const gap = [hours(2, '08:00', '12:00'), hours(2, '12:01', '14:00')];
    expect(withinWeeklyHours(span('2026-12-01T11:00', '2026-12-01T13:00'), gap)).toBe(false);
  });

  it('needs both days’ hours for a meeting past midnight', () => {
    const evenings = [hours(2, '20:00', '24:00'), hours(3, '00:00', '02:00')];
    expect(withinWeeklyHours(span('2026-12-01T23:00', '2026-12-02T01:00'), evenings)).toBe(true);
    expect(withinWeeklyHours(span('2026-12-01T23:00', '2026-12-02T01:00'), [hours(2, '20:00', '24:00')])).toBe(false);
    expect(withinWeeklyHours(span('2026-12-01T23:00', '2026-12-02T03:00'), evenings)).toBe(false);
    // Ending exactly at midnight touches only the first day.
    expect(withinWeeklyHours(span('2026-12-01T22:00', '2026-12-02T00:00'), [hours(2, '20:00', '24:00')])).toBe(true);
  });

  it('checks the rows a person enters: order and overlap within one weekday, with the row named', () => {
    expect(weeklyIssues([{ weekday: 1, start: '08:30', end: '12:00' }, { weekday: 1, start: '12:00', end: '17:30' }, { weekday: 2, start: '09:00', end: '12:00' }])).toEqual([]);
    const issues = weeklyIssues([
      { weekday: 1, start: '08:30', end: '12:00' }, { weekday: 1, start: '11:00', end: '13:00' }, { weekday: 3, start: '10:00', end: '09:00' },
    ]);
    expect(issues.map((i) => i.path)).toEqual(['weekly.1.start', 'weekly.2.end']);
    expect(issues[0].message).toBe('第2行（星期一 11:00–13:00）与第1行（星期一 08:30–12:00）时间重叠');
    expect(issues[1].message).toMatch(/^第3行（星期三 10:00–09:00）：结束时间应晚于开始时间/);
  });
});

describe('the same party across cases', () => {
  const chen = { id: 1, name: '陈静', idNumber: '330383198002030425', phone: '13912345678' };
  it('is the same ID number, whatever else differs', () => {
    expect(sameHuman(chen, { id: 2, name: '陈 静', idNumber: '330383198002030425', phone: null })).toBe(true);
    expect(sameHuman(chen, { id: 2, name: '陈静', idNumber: '330383197511300312', phone: '13912345678' })).toBe(false);
  });
  it('is the same name and phone where an ID number is missing', () => {
    expect(sameHuman({ ...chen, idNumber: null }, { id: 2, name: '陈静', idNumber: null, phone: '139 1234 5678' })).toBe(true);
    expect(sameHuman(chen, { id: 2, name: '陈静', idNumber: null, phone: '13912345678' })).toBe(true);
    expect(sameHuman({ ...chen, idNumber: null }, { id: 2, name: '陈静', idNumber: null, phone: '13900000000' })).toBe(false);
    expect(sameHuman({ ...chen, idNumber: null, phone: null }, { id: 2, name: '陈静', idNumber: null, phone: null })).toBe(false);
    expect(sameHuman({ ...chen, idNumber: null }, { id: 2, name: '陈晶', idNumber: null, phone: '13912345678' })).toBe(false);
  });
});

describe('findClashes', () => {
  const other = (over: Partial<OtherMeeting>): OtherMeeting => ({
    id: 7, caseId: 3, caseNo: '（2026）白沙人调字第0003号', startsAt: sh('2026-12-01T10:00'), endsAt: sh('2026-12-01T11:00'),
    venueId: 1, venue: '第一调解室', personIds: [], parties: [], ...over,
  });
  const base = (over: Partial<ClashInput> = {}): ClashInput => ({
    startsAt: sh('2026-12-01T10:00'), endsAt: sh('2026-12-01T11:00'),
    venue: { id: 1, name: '第一调解室', kind: 'room', capacity: 8 },
    people: [{ id: 11, name: '李明', role: 'lead_mediator', weekly: [], exceptions: [] }],
    parties: [{ id: 21, name: '陈静', idNumber: null, phone: '13912345678' }],
    dueOn: null, others: [], ...over,
  });

  it('names the meeting a person is already in', () => {
    const [c] = findClashes(base({ others: [other({ personIds: [11], venueId: 2, venue: '社区办公室' })] }));
    expect(c).toMatchObject({ kind: 'person_busy', subject: '李明', with: { meetingId: 7, caseNo: '（2026）白沙人调字第0003号', venue: '社区办公室' } });
    expect(c.message).toBe('调解员李明在该时段已有会议：（2026）白沙人调字第0003号，12月1日 10:00–11:00，社区办公室');
  });

  it('finds nothing with a meeting that only touches', () => {
    const touching = other({ personIds: [11], parties: [{ id: 21, name: '陈静', idNumber: null, phone: '13912345678' }], startsAt: sh('2026-12-01T09:00'), endsAt: sh('2026-12-01T10:00') });
    expect(findClashes(base({ others: [touching] }))).toEqual([]);
  });

  it('books rooms, offices and video links, never home visits', () => {
    expect(findClashes(base({ others: [other({})] })).map((c) => c.kind)).toEqual(['room_busy']);
    expect(findClashes(base({ venue: { id: 1, name: '线上视频调解', kind: 'online', capacity: null }, others: [other({})] })).map((c) => c.kind)).toEqual(['room_busy']);
    expect(findClashes(base({ venue: { id: 1, name: '上门调解', kind: 'home_visit', capacity: null }, others: [other({})] }))).toEqual([]);
  });

  it('finds a party invited elsewhere at the same time, in another case too', () => {
    const [c] = findClashes(base({ others: [other({ venueId: 2, parties: [{ id: 99, name: '陈静', idNumber: null, phone: '13912345678' }] })] }));
    expect(c).toMatchObject({ kind: 'party_busy', subject: '陈静', with: { meetingId: 7 } });
    expect(c.message).toContain('另一案件中的同一当事人');
  });

  it('finds leave, duties and busy times that overlap, and none that only touch', () => {
    const leave = { kind: 'leave' as const, note: '年休假', startsAt: sh('2026-11-30T00:00'), endsAt: sh('2026-12-01T10:30') };
    const [c] = findClashes(base({ people: [{ id: 11, name: '李明', role: 'lead_mediator', weekly: [], exceptions: [leave] }] }));
    expect(c).toMatchObject({ kind: 'unavailable', subject: '李明', with: null, detail: { exceptionKind: 'leave', exceptionNote: '年休假' } });
    expect(c.message).toBe('调解员李明在该时段请假：11月30日 00:00–12月1日 10:30（年休假）');
    const before = { kind: 'duty' as const, note: null, startsAt: sh('2026-12-01T08:00'), endsAt: sh('2026-12-01T10:00') };
    expect(findClashes(base({ people: [{ id: 11, name: '李明', role: 'lead_mediator', weekly: [], exceptions: [before] }] }))).toEqual([]);
  });

  it('checks weekly hours only for people who keep them', () => {
    const evening = { startsAt: sh('2026-12-01T18:00'), endsAt: sh('2026-12-01T19:00') };
    expect(findClashes(base(evening))).toEqual([]);
    const [c] = findClashes(base({ ...evening, people: [{ id: 11, name: '李明', role: 'lawyer', weekly: WORKDAY, exceptions: [] }] }));
    expect(c).toMatchObject({ kind: 'unavailable', detail: { outsideHours: true } });
    expect(c.message).toBe('该时段不在律师李明的工作时间内（星期二工作时间为08:30–12:00、14:00–17:30）');
  });

  it('compares the deadline with the meeting’s Shanghai date', () => {
    // 01:00 on 2 December in Shanghai is still 1 December in UTC.
    const late = { startsAt: sh('2026-12-02T01:00'), endsAt: sh('2026-12-02T02:00'), dueOn: '2026-12-01' };
    const [c] = findClashes(base(late));
    expect(c).toMatchObject({ kind: 'after_deadline', detail: { dueOn: '2026-12-01' } });
    expect(c.message).toBe('会议日期2026年12月2日晚于本案的调解期限（2026年12月1日）');
    expect(findClashes(base({ dueOn: '2026-12-01' }))).toEqual([]);
  });

  it('counts people and parties against the seats', () => {
    const two = { id: 1, name: '第一调解室', kind: 'room' as const, capacity: 2 };
    expect(findClashes(base({ venue: two }))).toEqual([]); // one person, one party: exactly full
    const [c] = findClashes(base({ venue: two, parties: [...base().parties, { id: 22, name: '买买提·艾力', idNumber: null, phone: null }] }));
    expect(c).toMatchObject({ kind: 'room_capacity', detail: { capacity: 2, invited: 3 } });
    expect(c.message).toBe('第一调解室只能容纳2人，本次邀请了3人');
  });
});

describe('the SMS to a party', () => {
  const facts = {
    committee: '白沙社区人民调解委员会', name: '陈静', category: 'neighbour' as const, startsAt: sh('2026-12-01T10:00'),
    venue: { kind: 'room' as const, name: '第一调解室', address: '龙港市白沙社区人民路1号', link: null }, contactPhone: '0577-68881234', cancelled: false,
  };
  it('says who, what dispute, when in Shanghai time, where, what to bring and whom to call', () => {
    expect(smsText(facts)).toBe('【白沙社区人民调解委员会】陈静您好：关于邻里纠纷一案，本委员会定于2026年12月1日（星期二）10:00在第一调解室（龙港市白沙社区人民路1号）进行调解，请准时参加，并携带身份证及相关证据材料。如有疑问，请致电0577-68881234。');
  });
  it('gives the link of an online meeting, and says so when a meeting is cancelled', () => {
    expect(smsText({ ...facts, venue: { kind: 'online', name: '线上视频调解', address: null, link: 'https://meeting.example.cn/j/123' } }))
      .toContain('通过线上视频（会议链接：https://meeting.example.cn/j/123）进行调解');
    expect(smsText({ ...facts, cancelled: true, contactPhone: null })).toBe('【白沙社区人民调解委员会】陈静您好：原定于2026年12月1日（星期二）10:00在第一调解室（龙港市白沙社区人民路1号）进行的邻里纠纷调解已取消，具体安排另行通知。');
  });
});
