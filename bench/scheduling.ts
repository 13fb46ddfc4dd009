import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import os, { loadavg } from 'node:os';
import { join } from 'node:path';
import { AppCore } from '../electron/core/app/app-core';
import { windowFilter } from '../electron/core/scheduling/queries';
import { addMinutes } from '../electron/core/scheduling/time';
import { seedCases } from '../electron/core/seed/seed';
import { Random } from '../electron/core/seed/random';
import { rawHandle } from '../electron/db/data-source';
import { calendarSql, CLASH_CANDIDATES, meetingWhere } from '../electron/db/repositories/scheduling-repo';
import { createDispatcher } from '../electron/ipc/dispatcher';
import { newSession } from '../electron/ipc/session';
import { summarise, time } from './stats';

/** Latencies and the mean CPU time per call: on a shared machine the wall clock also counts the wait for a core. */
async function measure(times: number, fn: () => unknown) {
  const cpu = process.cpuUsage();
  const samples = await time(times, fn);
  const used = process.cpuUsage(cpu);
  return { ...summarise(samples), cpuMean: (used.user + used.system) / 1000 / times };
}

export interface BenchRow { figure: string; value: string; target?: string; met?: boolean }

const MEETINGS = 50_000;
const CASES = 3_000;
const PEOPLE = 30;
const ROOMS = 10;
// 50,000 meetings over 25 months: about 2,000 a month, as the calendar target has it.
const FIRST_DAY = '2025-01-01';
const DAYS = 761;
const SLOTS = [[540, 60], [540, 90], [630, 60], [660, 60], [840, 90], [870, 60], [960, 60], [1140, 120]] as const;

const at = (day: string, minute: number) => new Date(Date.parse(`${day}T00:00:00+08:00`) + minute * 60_000).toISOString();
const dayAfter = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Scheduling (issue 4): the clash check of a new meeting against 50,000 meetings (target < 10 ms p95)
 * and a month of the committee calendar holding ~2,000 meetings (target < 50 ms p95): `schedule:range`,
 * the calendar's light events from one statement. Each through the dispatcher and as the same SQL raw, in the same run.
 */
export async function benchScheduling(keep = false): Promise<{ rows: BenchRow[]; results: Record<string, unknown> }> {
  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-bench-scheduling-'));
  // Before the meetings: the check refuses a start in the past, and every meeting is then ahead.
  const core = new AppCore(join(dir, 'tiaojie.db'), { clock: () => new Date('2024-12-01T02:00:00Z') });
  await core.setup({
    passphrase: 'bench passphrase 2026',
    committee: { name: '白沙社区人民调解委员会', code: '330383-001' },
    admin: { username: 'admin', displayName: '王芳', password: 'bench-password-1' },
  });
  const dispatch = createDispatcher(core);
  const session = newSession();
  await dispatch(session, 'auth:signIn', { username: 'admin', password: 'bench-password-1' });
  await seedCases(core.db, { cases: CASES, seed: 'bench-scheduling' }, core.clock);

  const raw = rawHandle(core.db);
  const r = new Random('bench-scheduling');
  const stamp = new Date().toISOString();
  const t0 = performance.now();
  const rooms = raw.transaction(() => {
    const addPerson = raw.prepare(`INSERT INTO persons (name, professions, active, created_at) VALUES (?, '["mediator"]', 1, ?)`);
    const people = Array.from({ length: PEOPLE }, (_, i) => Number(addPerson.run(`调解员${i + 1}`, stamp).lastInsertRowid));
    const addHours = raw.prepare(`INSERT INTO availability_hours (person_id, weekday, start_minute, end_minute) VALUES (?, ?, 480, 1260)`);
    for (const p of people) for (let w = 1; w <= 7; w++) addHours.run(p, w);
    // Busy times as an .ics import would leave them: a few hundred per person.
    const addBusy = raw.prepare(`INSERT INTO availability_exceptions (person_id, starts_at, ends_at, kind, source, source_uid, created_at) VALUES (?, ?, ?, 'busy', 'ics', ?, ?)`);
    for (const p of people) {
      for (let k = 0; k < 300; k++) {
        const day = dayAfter(FIRST_DAY, r.int(0, DAYS - 1));
        addBusy.run(p, at(day, 1200), at(day, 1260), `bench-${p}-${k}`, stamp);
      }
    }
    const addVenue = raw.prepare(`INSERT INTO venues (name, kind, capacity, active, created_at, updated_at) VALUES (?, 'room', 20, 1, ?, ?)`);
    const rooms = Array.from({ length: ROOMS }, (_, i) => Number(addVenue.run(`测试调解室${i + 1}`, stamp, stamp).lastInsertRowid));

    const cases = (raw.prepare(`SELECT id FROM cases ORDER BY id`).all() as { id: number }[]).map((c) => c.id);
    const partiesOf = raw.prepare(`SELECT id FROM parties WHERE case_id = ? ORDER BY position LIMIT 3`);
    const addMeeting = raw.prepare(`INSERT INTO meetings (uid, case_id, venue_id, starts_at, ends_at, status, purpose, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, '调解', ?, ?)`);
    const invite = raw.prepare(`INSERT OR IGNORE INTO meeting_people (meeting_id, person_id) VALUES (?, ?)`);
    const party = raw.prepare(`INSERT INTO meeting_parties (meeting_id, party_id) VALUES (?, ?)`);
    for (let i = 0; i < MEETINGS; i++) {
      const day = dayAfter(FIRST_DAY, r.int(0, DAYS - 1));
      const [start, length] = r.pick(SLOTS);
      const caseId = r.pick(cases);
      const id = Number(addMeeting.run(`bench-${i}`, caseId, r.pick(rooms), at(day, start), at(day, start + length), r.chance(0.05) ? 'cancelled' : 'scheduled', stamp, stamp).lastInsertRowid);
      invite.run(id, r.pick(people));
      if (r.chance(0.5)) invite.run(id, r.pick(people));
      for (const p of partiesOf.all(caseId) as { id: number }[]) party.run(id, p.id);
    }
    return rooms;
  })();
  const loadSeconds = (performance.now() - t0) / 1000;
  // No ANALYZE: the app never runs it, so the plans measured are the plans users get.

  // Proposed meetings: a case with its lead mediator on the team and its parties, on a weekday in the data.
  const subject = raw.prepare(`SELECT c.id, c.lead_mediator_id AS lead FROM cases c
    WHERE c.status IN ('accepted', 'in_mediation') AND c.lead_mediator_id IS NOT NULL ORDER BY c.id LIMIT 1`).all()[0] as { id: number; lead: number };
  const subjectParties = (raw.prepare(`SELECT id FROM parties WHERE case_id = ?`).all(subject.id) as { id: number }[]).map((p) => p.id);
  await core.db.query(`UPDATE cases SET due_on = NULL, extended_due_on = NULL WHERE id = ?`, [subject.id]);
  let n = 0;
  const nextDraft = () => {
    const day = dayAfter('2025-06-02', (n++ * 7) % 400);
    return {
      caseId: subject.id, startsAt: at(day, 600), endsAt: at(day, 660), venueId: rooms[n % ROOMS],
      personIds: [subject.lead], partyIds: subjectParties,
    };
  };
  const check = async () => {
    const res = await dispatch(session, 'schedule:check', nextDraft());
    if (!res.ok) throw new Error(res.error.message);
  };
  // The same reads as raw prepared statements: the case, venue, team, people, parties, the candidates, hours and busy times.
  const q = {
    case: raw.prepare(`SELECT id, case_no, status, category, lead_mediator_id, coalesce(extended_due_on, due_on) AS due_on FROM cases WHERE id = ?`),
    venue: raw.prepare(`SELECT id, name, kind, capacity, address, link, note, active FROM venues WHERE id = ?`),
    team: raw.prepare(`SELECT person_id, role FROM case_members WHERE case_id = ? AND removed_at IS NULL AND person_id IS NOT NULL
      UNION ALL SELECT lead_mediator_id, 'lead_mediator' FROM cases WHERE id = ? AND lead_mediator_id IS NOT NULL`),
    person: raw.prepare(`SELECT id, name FROM persons WHERE id IN (?)`),
    parties: raw.prepare(`SELECT id, case_id, name, id_number, phone FROM parties WHERE id IN (${subjectParties.map(() => '?').join(', ')})`),
    candidates: raw.prepare(CLASH_CANDIDATES),
    hours: raw.prepare(`SELECT person_id, weekday, start_minute, end_minute FROM availability_hours WHERE person_id IN (?) ORDER BY person_id, weekday, start_minute`),
    busy: raw.prepare(`SELECT person_id, kind, note, starts_at, ends_at FROM availability_exceptions WHERE person_id IN (?) AND starts_at < ? AND ends_at > ? ORDER BY starts_at, id`),
  };
  const rawCheck = () => {
    const d = nextDraft();
    const [s, e] = [new Date(d.startsAt).toISOString(), new Date(d.endsAt).toISOString()];
    q.case.all(d.caseId); q.venue.all(d.venueId); q.team.all(d.caseId, d.caseId); q.person.all(subject.lead); q.parties.all(...subjectParties);
    for (const m of q.candidates.all(addMinutes(s, -720), e, s, null) as { personIds: string; parties: string }[]) { JSON.parse(m.personIds); JSON.parse(m.parties); }
    q.hours.all(subject.lead); q.busy.all(subject.lead, e, s);
  };
  for (let i = 0; i < 500; i++) { await check(); rawCheck(); }
  (globalThis as { gc?: () => void }).gc?.();
  const clashD = await measure(1000, check);
  const clashR = await measure(1000, rawCheck);
  const candidates = (q.candidates.all(addMinutes(at('2025-06-02', 600), -720), at('2025-06-02', 660), at('2025-06-02', 600), null)).length;

  // A month of the committee calendar: January 2026, every meeting, cancelled ones included.
  const month = { from: at('2026-01-01', 0), to: at('2026-02-01', 0) };
  const range = async () => {
    const res = await dispatch(session, 'schedule:range', month);
    if (!res.ok) throw new Error(res.error.message);
    return res.value as unknown[];
  };
  const w = meetingWhere(windowFilter(month.from, month.to, { statuses: ['scheduled', 'cancelled'] }));
  // The same single statement (meetings ⋈ cases ⋈ venues), rows as arrays, as the app makes it.
  const monthStmt = raw.prepare(calendarSql(`${w.where} ${w.order}`)).raw(true);
  const rawMonth = () => monthStmt.all(...w.params);
  const inMonth = (await range()).length;
  for (let i = 0; i < 30; i++) { await range(); rawMonth(); }
  (globalThis as { gc?: () => void }).gc?.();
  const monthD = await measure(200, range);
  const monthR = await measure(200, rawMonth);
  const lean = createDispatcher(core, { checkOutput: false });
  const monthLean = await measure(200, async () => { await lean(session, 'schedule:range', month); });
  const load = loadavg()[0];

  await core.close();
  if (!keep) rmSync(dir, { recursive: true, force: true });

  const rows: BenchRow[] = [
    { figure: `scheduling: load ${MEETINGS.toLocaleString()} meetings (raw)`, value: `${loadSeconds.toFixed(1)} s` },
    { figure: `clash check p95 vs ${MEETINGS.toLocaleString()} meetings (dispatcher; ${candidates} in the window)`, value: `${clashD.p95.toFixed(2)} ms`, target: '< 10 ms', met: clashD.p95 < 10 },
    {
      figure: 'clash check p50: dispatcher / raw SQL (CPU per call)',
      value: `${clashD.p50.toFixed(3)} ms / ${clashR.p50.toFixed(3)} ms (${(clashD.p50 / clashR.p50).toFixed(1)}×; CPU ${clashD.cpuMean.toFixed(2)} / ${clashR.cpuMean.toFixed(2)} ms)`,
    },
    { figure: `committee calendar, one month (${inMonth.toLocaleString()} meetings) p95 (schedule:range via dispatcher)`, value: `${monthD.p95.toFixed(2)} ms`, target: '< 50 ms', met: monthD.p95 < 50 },
    {
      figure: 'calendar month p50: dispatcher / the same one statement raw (CPU per call)',
      value: `${monthD.p50.toFixed(1)} ms / ${monthR.p50.toFixed(1)} ms (${(monthD.p50 / monthR.p50).toFixed(2)}×; CPU ${monthD.cpuMean.toFixed(1)} / ${monthR.cpuMean.toFixed(1)} ms; without the output check ${monthLean.p50.toFixed(1)} ms)`,
    },
    { figure: 'machine load (1-minute average, for reading the wall-clock figures)', value: `${load.toFixed(2)} on ${os.cpus().length} CPUs` },
  ];
  const results = {
    meetings: MEETINGS, loadSeconds, loadAverage: load, cpus: os.cpus().length,
    clashCheck: { candidatesInWindow: candidates, dispatcher: clashD, raw: clashR, ratio: clashD.p50 / clashR.p50 },
    calendarMonth: { meetings: inMonth, read: 'schedule:range → CalendarMeeting, one statement (meetings ⋈ cases ⋈ venues)', dispatcher: monthD, dispatcherWithoutOutputCheck: monthLean, raw: monthR, ratio: monthD.p50 / monthR.p50 },
  };
  return { rows, results };
}
