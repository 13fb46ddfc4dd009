import { describe, expect, it } from 'vitest';
import nodeIcal, { type VEvent } from 'node-ical';
import type { ScheduledMeeting } from '../../shared/domain/scheduling';
import { calendarName, eventUid, icsFileName, meetingsToIcs, scrubNumbers } from '../../electron/core/scheduling/ics-export';
import { anchorFloatingTimes, busyTimesFromIcs, importWindow } from '../../electron/core/scheduling/ics-import';
import { AppFailure } from '../../electron/core/errors';
import { makeResidentId } from '../support/identity';

const ID_A = makeResidentId('1980-02-03', 'female', 21);

function meeting(over: Partial<ScheduledMeeting> = {}): ScheduledMeeting {
  return {
    id: 1, uid: '4d6f0c1e-8a3b-4c55-9d0e-2f1a7b9c3e10', sequence: 0, caseId: 7, caseNo: '（2026）白沙人调字第0012号', caseTitle: '陈静',
    startsAt: '2026-12-01T01:30:00.000Z', endsAt: '2026-12-01T03:00:00.000Z',
    venue: { id: 1, name: '第一调解室', kind: 'room', capacity: 8, address: '白沙社区人民路1号', link: null, note: null, active: true },
    status: 'scheduled', cancelReason: null, purpose: '首次调解', note: null,
    people: [{ personId: 3, name: '王芳', role: 'lead_mediator' }, { personId: 4, name: '李明', role: 'volunteer' }],
    parties: [
      { partyId: 11, name: '陈静', role: 'applicant', phone: '13912345678' },
      { partyId: 12, name: '买买提·艾力', role: 'respondent', phone: '0577-63212345' },
    ],
    override: null, createdAt: '2026-11-01T02:00:00.000Z', updatedAt: '2026-11-02T08:15:00.000Z',
    ...over,
  };
}

const events = (ics: string): VEvent[] =>
  Object.values(nodeIcal.sync.parseICS(ics)).filter((c): c is VEvent => (c as { type?: string } | undefined)?.type === 'VEVENT');
const unfolded = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
const opts = { committeeName: '白沙社区人民调解委员会' };

describe('meetingsToIcs', () => {
  it('writes one VEVENT per meeting with a stable UID, SEQUENCE and Shanghai times', () => {
    const ics = meetingsToIcs([meeting({ sequence: 2 })], opts);
    const [e] = events(ics);
    expect(e.uid).toBe('4d6f0c1e-8a3b-4c55-9d0e-2f1a7b9c3e10@tiaojie');
    expect(e.sequence).toBe(2);
    expect(e.start.toISOString()).toBe('2026-12-01T01:30:00.000Z');
    expect(e.end!.toISOString()).toBe('2026-12-01T03:00:00.000Z');
    expect(e.start.tz).toBe('Asia/Shanghai');
    expect(ics).toContain('\r\nDTSTART;TZID=Asia/Shanghai:20261201T093000\r\n');
    expect(ics).toContain('\r\nDTEND;TZID=Asia/Shanghai:20261201T110000\r\n');
    expect(ics).toMatch(/\r\nBEGIN:VTIMEZONE\r\nTZID:Asia\/Shanghai\r\n[\s\S]*TZOFFSETTO:\+0800\r\n[\s\S]*END:VTIMEZONE\r\n/);
    // DTSTAMP is UTC, as RFC 5545 requires: the meeting's last change.
    expect(ics).toContain('\r\nDTSTAMP:20261102T081500Z\r\n');
    expect(ics).toContain('\r\nPRODID:-//Tiaojie//Tiaojie 调解//ZH\r\n');
    expect(unfolded(ics)).toContain('\r\nX-WR-CALNAME:白沙社区人民调解委员会 调解日程\r\n');
    expect(e.summary).toBe('首次调解：陈静 （2026）白沙人调字第0012号');
    expect(e.location).toBe('第一调解室，白沙社区人民路1号');
    expect(e.status).toBe('CONFIRMED');
    expect(e.class).toBe('PRIVATE');
    expect(e.description).toContain('当事人：陈静（申请人）、买买提·艾力（被申请人）');
    expect(e.description).toContain('调解人员：王芳（主办调解员）、李明（志愿者）');
  });

  it('is the same text for the same meetings, whatever the order given and the computer’s time zone', () => {
    const a = meeting({ id: 1 });
    const b = meeting({ id: 2, uid: 'b', startsAt: '2026-12-02T01:30:00.000Z', endsAt: '2026-12-02T02:30:00.000Z' });
    const first = meetingsToIcs([a, b], opts);
    const tz = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(meetingsToIcs([b, a], opts)).toBe(first);
    } finally {
      process.env.TZ = tz;
    }
  });

  it('exports a cancellation as STATUS:CANCELLED, free, with the reason and no reminder', () => {
    const ics = meetingsToIcs([meeting({ status: 'cancelled', cancelReason: '申请人生病', sequence: 1 })], { ...opts, reminderMinutes: 60 });
    const [e] = events(ics);
    expect(e.status).toBe('CANCELLED');
    expect(e.transparency).toBe('TRANSPARENT');
    expect(e.summary).toMatch(/^【已取消】/);
    expect(e.description).toContain('已取消：申请人生病');
    expect(ics).not.toContain('BEGIN:VALARM');
  });

  it('adds the committee reminder to meetings that take place', () => {
    const ics = meetingsToIcs([meeting()], { ...opts, reminderMinutes: 90 });
    expect(ics).toMatch(/BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT1H30M\r\n/);
  });

  it('gives an online meeting its link as LOCATION and URL', () => {
    const venue = { id: 2, name: '线上调解室', kind: 'online' as const, capacity: null, address: null, link: 'https://meeting.tencent.com/dm/abc', note: null, active: true };
    const ics = meetingsToIcs([meeting({ venue })], opts);
    const [e] = events(ics);
    expect(e.location).toBe('线上调解室（https://meeting.tencent.com/dm/abc）');
    expect(unfolded(ics)).toContain('\r\nURL;VALUE=URI:https://meeting.tencent.com/dm/abc\r\n');
  });

  it('never carries a phone or ID number, even typed into a note or reason', () => {
    const ics = meetingsToIcs([
      meeting({ note: `请陈静带身份证（${ID_A}）和合同，电话139 1234 5678，备用 0577-63212345，小区门卫(0577)88881234` }),
      meeting({ id: 2, uid: 'c', status: 'cancelled', cancelReason: '被申请人来电+86 135-8765-4321改期', caseTitle: `陈静${ID_A}` }),
    ], opts);
    const text = unfolded(ics).replace(/\\n/g, '\n');
    const digits = text.replace(/[\s-]/g, '');
    for (const n of ['13912345678', '057763212345', '057788881234', '13587654321', ID_A]) expect(digits).not.toContain(n);
    expect(text).toContain('［号码已隐去］');
    // Case numbers, dates and times are not phone numbers.
    expect(text).toContain('（2026）白沙人调字第0012号');
  });

  it('folds lines at 75 octets without splitting a character, and ends every line with CRLF', () => {
    const long = '双方就宅基地边界、排水沟走向及院墙修缮费用分担问题进一步协商，'.repeat(6);
    const ics = meetingsToIcs([meeting({ note: long, caseTitle: '陈静、张伟、买买提·艾力、欧阳娜娜' })], opts);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const lines = ics.slice(0, -2).split('\r\n');
    expect(lines.every((l) => !l.includes('\n') && !l.includes('\r'))).toBe(true);
    for (const l of lines) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    // Every folded piece is whole UTF-8: the round trip gives the note back.
    expect(events(ics)[0].description).toContain(long);
  });

  it('escapes the calendar name', () => {
    expect(unfolded(meetingsToIcs([], { committeeName: '甲,乙;丙' }))).toContain('X-WR-CALNAME:甲\\,乙\\;丙 调解日程\r\n');
    expect(calendarName({ committeeName: '白沙社区人民调解委员会', scopeLabel: '王芳' })).toBe('白沙社区人民调解委员会 调解日程（王芳）');
  });

  it('keeps a uid that already has a domain', () => {
    expect(eventUid({ uid: 'x@example.org' })).toBe('x@example.org');
    expect(eventUid({ uid: 'x' })).toBe('x@tiaojie');
  });
});

describe('scrubNumbers', () => {
  it('takes out mobiles, landlines and ID numbers but keeps dates, times and case numbers', () => {
    expect(scrubNumbers('电话13912345678。')).toBe('电话［号码已隐去］。');
    expect(scrubNumbers('手机 +86 139-1234-5678')).toBe('手机 ［号码已隐去］');
    expect(scrubNumbers('座机0577-63212345')).toBe('座机［号码已隐去］');
    expect(scrubNumbers(`证件${ID_A}`)).toBe('证件［号码已隐去］');
    expect(scrubNumbers('2026-12-01 09:30，（2026）白沙人调字第0012号，赔偿50000元')).toBe('2026-12-01 09:30，（2026）白沙人调字第0012号，赔偿50000元');
  });

  it('takes out a known number however it was written', () => {
    expect(scrubNumbers('分机 8888 1234', ['88881234'])).toBe('分机 ［号码已隐去］');
  });
});

describe('icsFileName', () => {
  it('names the file after what it holds, in Chinese, without characters a file system refuses', () => {
    expect(icsFileName({ kind: 'committee', from: '2026-11-30T16:00:00Z', to: '2026-12-31T16:00:00Z' })).toBe('调解日程-2026-12.ics');
    expect(icsFileName({ kind: 'person', label: '王芳', from: '2026-09-01T00:00:00Z', to: '2027-03-01T00:00:00Z' })).toBe('调解日程-王芳-2026-09至2027-03.ics');
    expect(icsFileName({ kind: 'meeting', caseNo: '（2026）白沙人调字第0012号', startsAt: '2026-12-01T17:00:00Z' })).toBe('调解会议-（2026）白沙人调字第0012号-20261202.ics');
    expect(icsFileName({ kind: 'case', caseNo: 'A/B:C*?' })).toBe('调解会议-A_B_C__.ics');
  });
});

describe('busyTimesFromIcs (pure)', () => {
  const window = importWindow(new Date('2026-11-20T02:00:00Z'));
  const cal = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');
  const ev = (...lines: string[]) => ['BEGIN:VEVENT', 'DTSTAMP:20261101T000000Z', ...lines, 'END:VEVENT'];
  const sample = cal(
    ...ev('UID:float', 'DTSTART:20261203T100000', 'DTEND:20261203T113000'),
    ...ev('UID:day', 'DTSTART;VALUE=DATE:20261205', 'DTEND;VALUE=DATE:20261206'),
    ...ev('UID:week', 'DTSTART:20261204T190000', 'DTEND:20261204T200000', 'RRULE:FREQ=WEEKLY;COUNT=3', 'EXDATE:20261211T190000'),
  );

  it('reads floating times and all-day dates as Shanghai’s, whatever this computer’s zone', () => {
    const results = ['UTC', 'America/New_York', 'Asia/Tokyo', 'Pacific/Kiritimati'].map((zone) => {
      const tz = process.env.TZ;
      process.env.TZ = zone;
      try { return busyTimesFromIcs(sample, window); } finally { process.env.TZ = tz; }
    });
    expect(results[0].busy).toEqual([
      { sourceUid: 'float', startsAt: '2026-12-03T02:00:00.000Z', endsAt: '2026-12-03T03:30:00.000Z' },
      { sourceUid: 'day', startsAt: '2026-12-04T16:00:00.000Z', endsAt: '2026-12-05T16:00:00.000Z' },
      { sourceUid: 'week#20261204T110000Z', startsAt: '2026-12-04T11:00:00.000Z', endsAt: '2026-12-04T12:00:00.000Z' },
      { sourceUid: 'week#20261218T110000Z', startsAt: '2026-12-18T11:00:00.000Z', endsAt: '2026-12-18T12:00:00.000Z' },
    ]);
    for (const r of results) expect(r).toEqual(results[0]);
  });

  it('leaves VTIMEZONE rules and zoned or UTC times alone when anchoring floating ones', () => {
    const text = anchorFloatingTimes(cal(
      'BEGIN:VTIMEZONE', 'TZID:X', 'BEGIN:STANDARD', 'DTSTART:19700101T000000', 'END:STANDARD', 'END:VTIMEZONE',
      ...ev('UID:a', 'DTSTART;TZID=Europe/Berlin:20261203T100000', 'DTEND:20261203T110000Z', 'EXDATE:20261210T100000,20261217T100000'),
    ));
    expect(text).toContain('\r\nDTSTART:19700101T000000\r\n');
    expect(text).toContain('\r\nDTSTART;TZID=Europe/Berlin:20261203T100000\r\n');
    expect(text).toContain('\r\nDTEND:20261203T110000Z\r\n');
    expect(text).toContain('\r\nEXDATE;TZID=Asia/Shanghai:20261210T100000,20261217T100000\r\n');
  });

  it('skips free, cancelled and hourly events, and counts them', () => {
    const r = busyTimesFromIcs(cal(
      ...ev('UID:h', 'DTSTART:20261203T010000Z', 'DTEND:20261203T013000Z', 'RRULE:FREQ=HOURLY'),
      ...ev('UID:f', 'DTSTART:20261203T010000Z', 'DTEND:20261203T013000Z', 'TRANSP:TRANSPARENT'),
      ...ev('UID:c', 'DTSTART:20261203T010000Z', 'DTEND:20261203T013000Z', 'STATUS:CANCELLED'),
      ...ev('UID:z', 'DTSTART:20261203T010000Z'),
      ...ev('UID:b', 'DTSTART:20261203T010000Z', 'DTEND:20261203T013000Z', 'TRANSP:OPAQUE', 'STATUS:TENTATIVE'),
    ), window);
    expect(r).toEqual({ busy: [{ sourceUid: 'b', startsAt: '2026-12-03T01:00:00.000Z', endsAt: '2026-12-03T01:30:00.000Z' }], skipped: 4 });
  });

  it('refuses what is not an iCalendar', () => {
    for (const bad of ['', 'hello', '<html><body>BEGIN:VCALENDAR</body></html>', 'BEGIN:VCARD\r\nFN:王芳\r\nEND:VCARD', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n']) {
      expect(() => busyTimesFromIcs(bad, window)).toThrow(AppFailure);
      expect(() => busyTimesFromIcs(bad, window)).toThrow('文件不是有效的iCalendar（.ics）日历文件');
    }
    expect(() => busyTimesFromIcs(cal(...ev('UID:x', 'DTSTART:garbage')), window)).toThrow(/时间无法识别/);
  });
});
