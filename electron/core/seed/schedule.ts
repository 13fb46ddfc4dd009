import { addDays, shanghaiDate } from '../../../shared/domain/dates';
import { rawHandle, type Database } from '../../db/data-source';
import type { Clock } from '../context';
import type { Random } from './random';

/** The demo committee's venues: a room, the community office, home visits and a video link. */
const VENUES = [
  { name: '第一调解室', kind: 'room', capacity: 8, address: '社区服务中心一楼', link: null },
  { name: '社区办公室', kind: 'office', capacity: 12, address: '社区服务中心二楼', link: null },
  { name: '上门调解', kind: 'home_visit', capacity: null, address: null, link: null },
  { name: '线上视频调解', kind: 'online', capacity: null, address: null, link: 'https://meeting.example.cn/j/tiaojie-demo' },
] as const;

// Mon–Fri 08:30–12:00 and 14:00–17:30, in minutes of the Shanghai day.
const WEEKLY = [1, 2, 3, 4, 5].flatMap((weekday) => [[weekday, 510, 720], [weekday, 840, 1050]]);
// Meeting starts (minutes) and lengths inside those hours: a slot never runs into lunch or past 17:30.
const SLOTS = [[540, 90], [660, 60], [870, 60], [960, 60]] as const;
/** How many open cases get a meeting: the calendar is full enough to be real, not a wall. */
const MAX_MEETINGS = 240;

const PURPOSE: Record<string, string[]> = {
  registered: ['现场查看', '调查了解情况'],
  accepted: ['首次调解'],
  in_mediation: ['第二次调解', '背对背调解', '协议草拟'],
};

const at = (date: string, minute: number) =>
  new Date(`${date}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+08:00`).toISOString();

function uuidFrom(r: Random): string {
  const hex = Array.from({ length: 32 }, () => r.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = (8 + r.int(0, 3)).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/**
 * The demo calendar: venues, the mediators' weekly hours, one mediator's leave, and meetings for
 * the open cases from a week ago to four weeks ahead, without clashes (each mediator and room once
 * per slot, inside the hours and the deadline). Same seed and day, same calendar; one transaction.
 */
export function seedSchedule(db: Database, r: Random, clock: Clock, mediators: readonly { id: number }[]): number {
  const raw = rawHandle(db);
  const now = clock().toISOString();
  const today = shanghaiDate(clock());
  return raw.transaction(() => {
    const addVenue = raw.prepare(`INSERT OR IGNORE INTO venues (name, kind, capacity, address, link, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)`);
    for (const v of VENUES) addVenue.run(v.name, v.kind, v.capacity, v.address, v.link, now, now);
    const venueIds = VENUES.map((v) => (raw.prepare(`SELECT id FROM venues WHERE name = ?`).all(v.name)[0] as { id: number }).id);

    const hasHours = raw.prepare(`SELECT 1 FROM availability_hours WHERE person_id = ? LIMIT 1`);
    const addHours = raw.prepare(`INSERT INTO availability_hours (person_id, weekday, start_minute, end_minute) VALUES (?, ?, ?, ?)`);
    for (const m of mediators) if (!hasHours.all(m.id).length) for (const [w, s, e] of WEEKLY) addHours.run(m.id, w, s, e);

    // One mediator is on leave for three days next week: the calendar shows it, the meetings avoid it.
    const onLeave = mediators[1]?.id;
    const leaveFrom = addDays(today, 8);
    const leaveTo = addDays(today, 10);
    if (onLeave !== undefined) {
      raw.prepare(`INSERT INTO availability_exceptions (person_id, starts_at, ends_at, kind, note, source, created_at)
        SELECT ?, ?, ?, 'leave', '年休假', 'manual', ? WHERE NOT EXISTS (SELECT 1 FROM availability_exceptions WHERE person_id = ? AND starts_at = ?)`)
        .run(onLeave, at(leaveFrom, 0), at(addDays(leaveTo, 1), 0), now, onLeave, at(leaveFrom, 0));
    }

    // Working days from a week ago to four weeks ahead.
    const days: string[] = [];
    for (let d = addDays(today, -7); d <= addDays(today, 28); d = addDays(d, 1)) {
      const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6) days.push(d);
    }
    const slots = days.flatMap((day) => SLOTS.map(([start, length]) => ({ day, start, length })));
    const taken = new Set<string>(); // `${slot}:v${venue}` and `${slot}:p${person}`

    const open = raw.prepare(`SELECT c.id, c.status, c.lead_mediator_id AS lead, coalesce(c.extended_due_on, c.due_on) AS due FROM cases c
      WHERE c.status IN ('registered', 'accepted', 'in_mediation') AND c.lead_mediator_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.case_id = c.id) ORDER BY c.id DESC LIMIT ?`).all(MAX_MEETINGS) as
      { id: number; status: string; lead: number; due: string | null }[];
    const partiesOf = raw.prepare(`SELECT id FROM parties WHERE case_id = ? ORDER BY position LIMIT 6`);
    const addMeeting = raw.prepare(`INSERT INTO meetings (uid, sequence, case_id, venue_id, starts_at, ends_at, status, purpose, created_at, updated_at)
      VALUES (?, 0, ?, ?, ?, ?, 'scheduled', ?, ?, ?)`);
    const addPerson = raw.prepare(`INSERT INTO meeting_people (meeting_id, person_id) VALUES (?, ?)`);
    const addParty = raw.prepare(`INSERT INTO meeting_parties (meeting_id, party_id) VALUES (?, ?)`);

    /** Books the case's lead mediator and a venue in a free slot of [from, to), starting at a random one. */
    const book = (c: (typeof open)[number], venueChoices: number[], from: number, to: number): boolean => {
      if (to <= from) return false;
      const first = r.int(from, to - 1);
      for (let k = 0; k < to - from; k++) {
        const i = from + ((first - from + k) % (to - from));
        const s = slots[i];
        if (c.due && s.day > c.due) continue;
        if (c.lead === onLeave && s.day >= leaveFrom && s.day <= leaveTo) continue;
        if (taken.has(`${i}:p${c.lead}`)) continue;
        // Home visits do not occupy a venue; the others are booked once per slot.
        const v = venueChoices.find((x) => VENUES[x].kind === 'home_visit' || !taken.has(`${i}:v${x}`));
        if (v === undefined) continue;
        taken.add(`${i}:p${c.lead}`);
        if (VENUES[v].kind !== 'home_visit') taken.add(`${i}:v${v}`);
        const id = Number(addMeeting.run(uuidFrom(r), c.id, venueIds[v], at(s.day, s.start), at(s.day, s.start + s.length), r.pick(PURPOSE[c.status]), now, now).lastInsertRowid);
        addPerson.run(id, c.lead);
        for (const p of partiesOf.all(c.id) as { id: number }[]) addParty.run(id, p.id);
        return true;
      }
      return false;
    };
    const firstAhead = slots.findIndex((s) => s.day > today);
    const twoWeeks = slots.findIndex((s) => s.day > addDays(today, 14));
    let count = 0;
    for (const c of open) {
      // Registered cases get a home visit to look at the scene; the others a room, the office or a video call.
      const venueChoices = c.status === 'registered' ? [2] : r.chance(0.15) ? [3] : [0, 1];
      // Mostly in the coming two weeks, before the deadline; a case under mediation also met last week.
      if (book(c, venueChoices, firstAhead, twoWeeks) || book(c, venueChoices, firstAhead, slots.length)) count++;
      if (c.status === 'in_mediation' && book(c, venueChoices, 0, firstAhead)) count++;
    }
    return count;
  })();
}
