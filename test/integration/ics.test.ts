import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodeIcal, { type VEvent } from 'node-ical';
import type { Session } from '../../electron/ipc/session';
import { verifyAudit } from '../../electron/core/audit/audit';
import { ICS_NOTE } from '../../electron/core/scheduling/ics-import';
import { makeResidentId } from '../support/identity';
import { committeeFixture, ok } from '../support/db';

// A clock the tests move: the import window is from a day ago to 180 days ahead.
let now = new Date('2026-11-20T02:00:00Z');
const clock = () => now;

const ID_A = makeResidentId('1980-02-03', 'female', 21);
const ID_B = makeResidentId('1975-11-30', 'male', 34);
const PHONE_A = '13912345678';
const PHONE_B = '13587654321';

let f: Awaited<ReturnType<typeof committeeFixture>>;
let admin: Session;
let mediator: { id: number; name: string };
let volunteerId: number;
let caseId: number;
let caseNo: string;
let partyIds: number[];
let roomId: number;
let onlineId: number;
const meetingIds: number[] = [];

/** Shanghai wall-clock time → the instant. */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

async function schedule(startsAt: string, endsAt: string, venueId: number, over: Record<string, unknown> = {}) {
  const r = ok(await f.call(admin, 'schedule:create', {
    caseId, startsAt, endsAt, venueId, personIds: [mediator.id], partyIds, purpose: '首次调解', ...over,
  }));
  expect(r.clashes).toEqual([]);
  return r.id!;
}

const events = (ics: string): VEvent[] =>
  Object.values(nodeIcal.sync.parseICS(ics)).filter((c): c is VEvent => (c as { type?: string } | undefined)?.type === 'VEVENT');
const byUid = (ics: string) => new Map(events(ics).map((e) => [e.uid, e]));
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

const exceptionsOf = async (personId: number) =>
  f.core.db.query<{ starts_at: string; ends_at: string; kind: string; note: string | null; source: string; source_uid: string | null }>(
    `SELECT starts_at, ends_at, kind, note, source, source_uid FROM availability_exceptions WHERE person_id = ? ORDER BY starts_at, source_uid`, [personId]);
const auditsOf = (action: string) =>
  f.core.db.query<{ entity: string | null; entity_id: number | null; after_json: string }>(`SELECT entity, entity_id, after_json FROM audit_events WHERE action = ? ORDER BY id`, [action]);

beforeAll(async () => {
  f = await committeeFixture({ clock });
  admin = await f.signedIn();
  mediator = ok(await f.call(admin, 'people:mediators', {}))[0];
  volunteerId = ok(await f.call(admin, 'people:create', { name: '李明', professions: ['volunteer'] })).id;
  caseId = ok(await f.call(admin, 'cases:create', {
    category: 'neighbour', channel: 'application', summary: '楼上住户夜间噪音影响楼下休息', registeredOn: '2026-11-18',
    parties: [
      { role: 'applicant', name: '陈静', idType: 'resident_id', idNumber: ID_A, phone: PHONE_A, address: '龙港市白沙社区人民路1号' },
      { role: 'respondent', name: '买买提·艾力', idType: 'resident_id', idNumber: ID_B, phone: PHONE_B },
    ],
  })).id;
  ok(await f.call(admin, 'cases:accept', { caseId, acceptedOn: '2026-11-20', leadMediatorId: mediator.id }));
  const c = ok(await f.call(admin, 'cases:get', { id: caseId }));
  caseNo = c.caseNo;
  partyIds = c.parties.map((p) => p.id);
  roomId = ok(await f.call(admin, 'venues:create', { name: '第一调解室', kind: 'room', capacity: 8, address: '白沙社区人民路1号' })).id;
  onlineId = ok(await f.call(admin, 'venues:create', { name: '线上调解室', kind: 'online', link: 'https://meeting.tencent.com/dm/abc' })).id;
  meetingIds.push(await schedule(sh('2026-12-01T09:30:00'), sh('2026-12-01T11:00:00'), roomId, { note: `请陈静带上购房合同，联系电话${PHONE_A}` }));
  meetingIds.push(await schedule(sh('2026-12-03T14:00:00'), sh('2026-12-03T15:30:00'), onlineId, { purpose: '背对背调解' }));
  meetingIds.push(await schedule(sh('2026-12-05T10:00:00'), sh('2026-12-05T11:00:00'), roomId));
  ok(await f.call(admin, 'schedule:cancel', { id: meetingIds[2], reason: '被申请人外出务工，改期' }));
});
afterAll(() => f.close());

describe('schedule:exportIcs', () => {
  it('exports a person’s schedule that an independent parser reads back: UIDs, Shanghai times, cancellations', async () => {
    const { fileName, ics } = ok(await f.call(admin, 'schedule:exportIcs', { personId: mediator.id }));
    expect(fileName).toMatch(new RegExp(`^调解日程-${mediator.name}-\\d{4}-\\d{2}至\\d{4}-\\d{2}\\.ics$`));
    const meetings = await Promise.all(meetingIds.map(async (id) => ok(await f.call(admin, 'schedule:get', { id }))));
    const parsed = byUid(ics);
    expect(parsed.size).toBe(3);
    for (const m of meetings) {
      const e = parsed.get(`${m.uid}@tiaojie`)!;
      expect(e).toBeDefined();
      expect(e.start.toISOString()).toBe(m.startsAt);
      expect(e.end!.toISOString()).toBe(m.endsAt);
      expect(e.start.tz).toBe('Asia/Shanghai');
      expect(e.sequence).toBe(m.sequence);
      expect(e.status).toBe(m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED');
    }
    expect(ics).toContain('\r\nDTSTART;TZID=Asia/Shanghai:20261201T093000\r\n');
    expect(ics).toContain('\r\nBEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\n');
    expect(unfold(ics)).toContain(`X-WR-CALNAME:白沙社区人民调解委员会 调解日程（${mediator.name}）`);
    const online = parsed.get(`${meetings[1].uid}@tiaojie`)!;
    expect(online.location).toContain('https://meeting.tencent.com/dm/abc');
    const cancelled = parsed.get(`${meetings[2].uid}@tiaojie`)!;
    expect(cancelled.description).toContain('被申请人外出务工，改期');
    expect(parsed.get(`${meetings[0].uid}@tiaojie`)!.description).toContain('当事人：陈静（申请人）、买买提·艾力（被申请人）');
  });

  it('carries no phone or ID number of a party, not even the one typed into a note', async () => {
    const { ics } = ok(await f.call(admin, 'schedule:exportIcs', {}));
    const digits = unfold(ics).replace(/[\s-]/g, '');
    for (const n of [PHONE_A, PHONE_B, ID_A, ID_B]) expect(digits).not.toContain(n);
    expect(unfold(ics)).toContain('陈静');
  });

  it('writes CRLF lines of at most 75 octets', async () => {
    const { ics } = ok(await f.call(admin, 'schedule:exportIcs', {}));
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const lines = ics.slice(0, -2).split('\r\n');
    for (const l of lines) {
      expect(l).not.toMatch(/[\r\n]/);
      expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    }
  });

  it('keeps the UID across exports and after a move, with a higher SEQUENCE', async () => {
    const id = meetingIds[1];
    const before = byUid(ok(await f.call(admin, 'schedule:exportIcs', { meetingId: id })).ics);
    const again = byUid(ok(await f.call(admin, 'schedule:exportIcs', { meetingId: id })).ics);
    expect([...again.keys()]).toEqual([...before.keys()]);
    const [uid] = [...before.keys()];
    const m = ok(await f.call(admin, 'schedule:get', { id }));
    ok(await f.call(admin, 'schedule:update', {
      id, startsAt: sh('2026-12-04T14:00:00'), endsAt: sh('2026-12-04T15:30:00'), venueId: onlineId, personIds: [mediator.id], partyIds, purpose: '背对背调解',
    }));
    const { fileName, ics } = ok(await f.call(admin, 'schedule:exportIcs', { meetingId: id }));
    expect(fileName).toBe(`调解会议-${caseNo}-20261204.ics`);
    const moved = byUid(ics).get(uid)!;
    expect(moved).toBeDefined();
    expect(moved.sequence).toBeGreaterThan(before.get(uid)!.sequence!);
    expect(moved.sequence).toBe(m.sequence + 1);
    expect(moved.start.toISOString()).toBe(sh('2026-12-04T14:00:00'));
  });

  it('exports a case whole, and records every export (Art 15)', async () => {
    const audits = (await auditsOf('schedule.export')).length;
    const { fileName, ics } = ok(await f.call(admin, 'schedule:exportIcs', { caseId }));
    expect(fileName).toBe(`调解会议-${caseNo}.ics`);
    expect(events(ics)).toHaveLength(3);
    const rows = await auditsOf('schedule.export');
    expect(rows).toHaveLength(audits + 1);
    const last = rows[rows.length - 1];
    expect(last).toMatchObject({ entity: 'case', entity_id: caseId });
    expect(JSON.parse(last.after_json)).toMatchObject({ scope: 'case', caseId, fileName, meetings: 3 });
    expect(JSON.parse(last.after_json).meetingIds.sort()).toEqual([...meetingIds].sort());
    ok(await f.call(admin, 'schedule:exportIcs', { personId: mediator.id }));
    expect((await auditsOf('schedule.export')).at(-1)).toMatchObject({ entity: 'person', entity_id: mediator.id });
    expect((await verifyAudit(f.core.db.manager)).ok).toBe(true);
  });

  it('refuses an unknown meeting or person', async () => {
    expect(await f.call(admin, 'schedule:exportIcs', { meetingId: 9999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await f.call(admin, 'schedule:exportIcs', { personId: 9999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('availability:importIcs: the round trip', () => {
  let exported: string;

  it('imports a person’s exported schedule as another’s busy times; cancelled meetings are not busy', async () => {
    exported = ok(await f.call(admin, 'schedule:exportIcs', { personId: mediator.id })).ics;
    const r = ok(await f.call(admin, 'availability:importIcs', { personId: volunteerId, ics: exported }));
    expect(r).toEqual({ added: 2, updated: 0, removed: 0, skipped: 1 });
    const scheduled = await Promise.all(meetingIds.slice(0, 2).map(async (id) => ok(await f.call(admin, 'schedule:get', { id }))));
    expect(await exceptionsOf(volunteerId)).toEqual(scheduled.map((m) => ({
      starts_at: m.startsAt, ends_at: m.endsAt, kind: 'busy', note: ICS_NOTE, source: 'ics', source_uid: `${m.uid}@tiaojie`,
    })));
    const availability = ok(await f.call(admin, 'availability:get', { personId: volunteerId }));
    expect(availability.exceptions.map((e) => e.source)).toEqual(['ics', 'ics']);
  });

  it('changes nothing when the same file comes again', async () => {
    const before = await exceptionsOf(volunteerId);
    expect(ok(await f.call(admin, 'availability:importIcs', { personId: volunteerId, ics: exported }))).toEqual({ added: 0, updated: 0, removed: 0, skipped: 1 });
    expect(await exceptionsOf(volunteerId)).toEqual(before);
  });

  it('updates a busy time whose time changed in the file, and removes one the file no longer has', async () => {
    const changed = exported.replace('DTSTART;TZID=Asia/Shanghai:20261201T093000', 'DTSTART;TZID=Asia/Shanghai:20261201T100000');
    expect(changed).not.toBe(exported);
    expect(ok(await f.call(admin, 'availability:importIcs', { personId: volunteerId, ics: changed }))).toEqual({ added: 0, updated: 1, removed: 0, skipped: 1 });
    expect((await exceptionsOf(volunteerId))[0]).toMatchObject({ starts_at: sh('2026-12-01T10:00:00'), ends_at: sh('2026-12-01T11:00:00') });

    // Drop the first VEVENT (the meeting of 1 December) from the file.
    const first = changed.indexOf('BEGIN:VEVENT');
    const dropped = changed.slice(0, first) + changed.slice(changed.indexOf('END:VEVENT\r\n', first) + 'END:VEVENT\r\n'.length);
    expect(events(dropped)).toHaveLength(2);
    expect(ok(await f.call(admin, 'availability:importIcs', { personId: volunteerId, ics: dropped }))).toEqual({ added: 0, updated: 0, removed: 1, skipped: 1 });
    expect(await exceptionsOf(volunteerId)).toHaveLength(1);
  });

  it('makes the imported busy time a clash when the person is invited then', async () => {
    ok(await f.call(admin, 'cases:addMember', { caseId, role: 'volunteer', personId: volunteerId }));
    const { clashes } = ok(await f.call(admin, 'schedule:check', {
      caseId, startsAt: sh('2026-12-04T14:30:00'), endsAt: sh('2026-12-04T15:00:00'), venueId: roomId, personIds: [volunteerId], partyIds: [],
    }));
    const busy = clashes.filter((c) => c.kind === 'unavailable');
    expect(busy).toHaveLength(1);
    expect(busy[0]).toMatchObject({ subject: '李明', detail: { exceptionKind: 'busy', exceptionNote: ICS_NOTE } });
    expect(busy[0].message).toContain('在该时段忙碌：12月4日 14:00–15:30（个人日历）');
  });

  it('audits each import with its counts', async () => {
    const rows = await auditsOf('availability.importIcs');
    expect(rows).toHaveLength(4);
    expect(rows.at(-1)).toMatchObject({ entity: 'person', entity_id: volunteerId });
    expect(JSON.parse(rows.at(-1)!.after_json)).toMatchObject({ added: 0, updated: 0, removed: 1, skipped: 1 });
  });
});

// A volunteer's own calendar, as Outlook or a phone would export it (folded, one zone given by name).
const HAND_WRITTEN = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Example Corp.//Calendar 1.0//EN', 'CALSCALE:GREGORIAN',
  // Weekly, 14:00–16:00 Shanghai from 2 December, four times; the 9th excluded, the 16th moved to the 17th 09:00–10:00.
  'BEGIN:VEVENT', 'UID:weekly@example.com', 'DTSTAMP:20261101T000000Z',
  'DTSTART;TZID=Asia/Shanghai:20261202T140000', 'DTEND;TZID=Asia/Shanghai:20261202T160000',
  'RRULE:FREQ=WEEKLY;COUNT=4', 'EXDATE;TZID=Asia/Shanghai:20261209T140000',
  'SUMMARY:社区志愿服务例会，讨论下个月的安排与分工，请大家准时参加并带好笔记本和上次会议的纪',
  ' 要', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:weekly@example.com', 'DTSTAMP:20261101T000000Z', 'RECURRENCE-ID;TZID=Asia/Shanghai:20261216T140000',
  'DTSTART;TZID=Asia/Shanghai:20261217T090000', 'DTEND;TZID=Asia/Shanghai:20261217T100000', 'SUMMARY:例会（改期）', 'END:VEVENT',
  // Daily in UTC, three times, the middle one cancelled by an override.
  'BEGIN:VEVENT', 'UID:daily@example.com', 'DTSTAMP:20261101T000000Z', 'DTSTART:20261207T013000Z', 'DTEND:20261207T020000Z',
  'RRULE:FREQ=DAILY;COUNT=3', 'SUMMARY:晨练', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:daily@example.com', 'DTSTAMP:20261101T000000Z', 'RECURRENCE-ID:20261208T013000Z',
  'DTSTART:20261208T013000Z', 'DTEND:20261208T020000Z', 'STATUS:CANCELLED', 'SUMMARY:晨练', 'END:VEVENT',
  // Two whole days (24 and 25 December).
  'BEGIN:VEVENT', 'UID:allday@example.com', 'DTSTAMP:20261101T000000Z', 'DTSTART;VALUE=DATE:20261224', 'DTEND;VALUE=DATE:20261226', 'SUMMARY:回老家', 'END:VEVENT',
  // Floating: Shanghai wall-clock time.
  'BEGIN:VEVENT', 'UID:float@example.com', 'DTSTAMP:20261101T000000Z', 'DTSTART:20261210T190000', 'DTEND:20261210T203000', 'SUMMARY:医院复查', 'END:VEVENT',
  // Another zone, and a duration instead of an end.
  'BEGIN:VEVENT', 'UID:berlin@example.com', 'DTSTAMP:20261101T000000Z', 'DTSTART;TZID=Europe/Berlin:20261211T100000', 'DTEND;TZID=Europe/Berlin:20261211T110000', 'SUMMARY:视频会', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:duration@example.com', 'DTSTAMP:20261101T000000Z', 'DTSTART;TZID=Asia/Shanghai:20261214T150000', 'DURATION:PT45M', 'SUMMARY:接孩子', 'END:VEVENT',
  // Not busy: free, cancelled, long past, beyond 180 days.
  'BEGIN:VEVENT', 'UID:free@example.com', 'DTSTAMP:20261101T000000Z', 'DTSTART:20261215T010000Z', 'DTEND:20261215T020000Z', 'TRANSP:TRANSPARENT', 'SUMMARY:提醒', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:cancelled@example.com', 'DTSTAMP:20261101T000000Z', 'DTSTART:20261216T010000Z', 'DTEND:20261216T020000Z', 'STATUS:CANCELLED', 'SUMMARY:取消', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:past@example.com', 'DTSTAMP:20250101T000000Z', 'DTSTART:20250301T010000Z', 'DTEND:20250301T020000Z', 'SUMMARY:去年', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:later@example.com', 'DTSTAMP:20261101T000000Z', 'DTSTART:20270801T010000Z', 'DTEND:20270801T020000Z', 'SUMMARY:明年', 'END:VEVENT',
  'END:VCALENDAR', '',
].join('\r\n');

describe('availability:importIcs: a calendar from elsewhere', () => {
  let personId: number;
  beforeAll(async () => {
    personId = ok(await f.call(admin, 'people:create', { name: '周婷', professions: ['volunteer'] })).id;
    // A leave entered by hand is never touched by an import.
    ok(await f.call(admin, 'availability:addException', { personId, startsAt: sh('2026-12-21T00:00:00'), endsAt: sh('2026-12-22T00:00:00'), kind: 'leave', note: '年假' }));
  });

  const expected = [
    { source_uid: 'weekly@example.com#20261202T060000Z', starts_at: '2026-12-02T06:00:00.000Z', ends_at: '2026-12-02T08:00:00.000Z' },
    { source_uid: 'daily@example.com#20261207T013000Z', starts_at: '2026-12-07T01:30:00.000Z', ends_at: '2026-12-07T02:00:00.000Z' },
    { source_uid: 'daily@example.com#20261209T013000Z', starts_at: '2026-12-09T01:30:00.000Z', ends_at: '2026-12-09T02:00:00.000Z' },
    { source_uid: 'float@example.com', starts_at: '2026-12-10T11:00:00.000Z', ends_at: '2026-12-10T12:30:00.000Z' },
    { source_uid: 'berlin@example.com', starts_at: '2026-12-11T09:00:00.000Z', ends_at: '2026-12-11T10:00:00.000Z' },
    { source_uid: 'duration@example.com', starts_at: '2026-12-14T07:00:00.000Z', ends_at: '2026-12-14T07:45:00.000Z' },
    { source_uid: 'weekly@example.com#20261216T060000Z', starts_at: '2026-12-17T01:00:00.000Z', ends_at: '2026-12-17T02:00:00.000Z' },
    { source_uid: 'weekly@example.com#20261223T060000Z', starts_at: '2026-12-23T06:00:00.000Z', ends_at: '2026-12-23T08:00:00.000Z' },
    { source_uid: 'allday@example.com', starts_at: '2026-12-23T16:00:00.000Z', ends_at: '2026-12-25T16:00:00.000Z' },
  ];
  const imported = async () => (await exceptionsOf(personId)).filter((e) => e.source === 'ics');

  it('expands recurrences with their exclusions and overrides, whole days, floating and zoned times', async () => {
    const r = ok(await f.call(admin, 'availability:importIcs', { personId, ics: HAND_WRITTEN }));
    expect(r).toEqual({ added: expected.length, updated: 0, removed: 0, skipped: 4 });
    expect((await imported()).map(({ source_uid, starts_at, ends_at }) => ({ source_uid, starts_at, ends_at }))
      .sort((a, b) => a.starts_at.localeCompare(b.starts_at))).toEqual(expected);
    // The titles of a private calendar stay there.
    for (const e of await imported()) expect(e).toMatchObject({ kind: 'busy', note: ICS_NOTE });
    expect(JSON.stringify(await exceptionsOf(personId))).not.toMatch(/医院|回老家|晨练/);
    expect((await exceptionsOf(personId)).filter((e) => e.source === 'manual')).toEqual([
      { starts_at: sh('2026-12-21T00:00:00'), ends_at: sh('2026-12-22T00:00:00'), kind: 'leave', note: '年假', source: 'manual', source_uid: null },
    ]);
  });

  it('reads the same file with LF line ends the same way, and again without duplicates', async () => {
    const r = ok(await f.call(admin, 'availability:importIcs', { personId, ics: HAND_WRITTEN.replace(/\r\n/g, '\n') }));
    expect(r).toEqual({ added: 0, updated: 0, removed: 0, skipped: 4 });
    expect(await imported()).toHaveLength(expected.length);
  });

  it('keeps busy times already past the window when a later file no longer has them', async () => {
    now = new Date('2026-12-12T02:00:00Z');
    try {
      const empty = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\nEND:VCALENDAR\r\n';
      const r = ok(await f.call(admin, 'availability:importIcs', { personId, ics: empty }));
      // From 11 December on: the 11th (Berlin), the 14th, 17th, 23rd and the two whole days go; the earlier ones stay.
      expect(r).toEqual({ added: 0, updated: 0, removed: 5, skipped: 0 });
      expect((await imported()).map((e) => e.source_uid)).toEqual(expected.slice(0, 4).map((e) => e.source_uid));
    } finally {
      now = new Date('2026-11-20T02:00:00Z');
    }
  });

  it('refuses a file that is not an iCalendar, in plain Chinese, and writes nothing', async () => {
    const before = await exceptionsOf(personId);
    const audits = (await f.core.db.query<{ n: number }>(`SELECT count(*) AS n FROM audit_events`))[0].n;
    const bad = [
      'hello',
      '<!DOCTYPE html><html><body>BEGIN:VCALENDAR</body></html>',
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:周婷\r\nTEL:13800000000\r\nEND:VCARD\r\n',
      HAND_WRITTEN.slice(0, HAND_WRITTEN.indexOf('END:VCALENDAR')),
      HAND_WRITTEN.replace('DTSTART:20261210T190000', 'DTSTART:明天晚上七点'),
    ];
    for (const ics of bad) {
      const r = await f.call(admin, 'availability:importIcs', { personId, ics });
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      if (!r.ok) expect(r.error.message).toMatch(/^文件不是有效的iCalendar（\.ics）日历文件/);
    }
    expect(await exceptionsOf(personId)).toEqual(before);
    expect((await f.core.db.query<{ n: number }>(`SELECT count(*) AS n FROM audit_events`))[0].n).toBe(audits);
  });

  it('refuses an unknown person', async () => {
    expect(await f.call(admin, 'availability:importIcs', { personId: 9999, ics: HAND_WRITTEN })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
