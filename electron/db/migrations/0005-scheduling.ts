import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Scheduling (issue 4): venues, people's availability, meetings with invited people and parties, reminders. */
export class Scheduling1764547200000 implements MigrationInterface {
  name = 'Scheduling1764547200000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE venues (
        id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('room','office','home_visit','online')),
        capacity INTEGER CHECK (capacity IS NULL OR capacity > 0), address TEXT, link TEXT, note TEXT,
        active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`,
      `CREATE UNIQUE INDEX venues_name ON venues (name)`,
      // Weekly hours in Asia/Shanghai wall-clock minutes; weekday 1 = Monday.
      `CREATE TABLE availability_hours (
        id INTEGER PRIMARY KEY AUTOINCREMENT, person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1440),
        end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 0 AND 1440), CHECK (start_minute < end_minute))`,
      `CREATE INDEX availability_hours_person ON availability_hours (person_id, weekday)`,
      // Leave, other duties, busy times; `source_uid` keys a busy time imported from an .ics (UID + RECURRENCE-ID).
      `CREATE TABLE availability_exceptions (
        id INTEGER PRIMARY KEY AUTOINCREMENT, person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        starts_at TEXT NOT NULL, ends_at TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('leave','duty','busy')),
        note TEXT, source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual','ics')), source_uid TEXT,
        created_at TEXT NOT NULL, CHECK (starts_at < ends_at))`,
      `CREATE INDEX availability_exceptions_person ON availability_exceptions (person_id, starts_at, ends_at)`,
      `CREATE UNIQUE INDEX availability_exceptions_uid ON availability_exceptions (person_id, source_uid) WHERE source_uid IS NOT NULL`,
      `CREATE TABLE meetings (
        id INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL UNIQUE, sequence INTEGER NOT NULL DEFAULT 0,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE, venue_id INTEGER NOT NULL REFERENCES venues(id),
        starts_at TEXT NOT NULL, ends_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled','cancelled')), cancel_reason TEXT,
        purpose TEXT, note TEXT, override_reason TEXT, override_clashes TEXT,
        created_by INTEGER REFERENCES users(id), created_at TEXT NOT NULL, updated_at TEXT NOT NULL, CHECK (starts_at < ends_at))`,
      // The clash and calendar queries: a window on starts_at (meetings are at most 12 hours), by room or by case.
      // case_id, venue_id and purpose make it covering for the clash check and the calendar of a window.
      `CREATE INDEX meetings_time ON meetings (status, starts_at, ends_at, case_id, venue_id, purpose)`,
      `CREATE INDEX meetings_venue ON meetings (venue_id, status, starts_at, ends_at, case_id, purpose)`,
      `CREATE INDEX meetings_case ON meetings (case_id, starts_at)`,
      `CREATE TABLE meeting_people (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES persons(id), PRIMARY KEY (meeting_id, person_id)) WITHOUT ROWID`,
      `CREATE INDEX meeting_people_person ON meeting_people (person_id, meeting_id)`,
      `CREATE TABLE meeting_parties (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        party_id INTEGER NOT NULL REFERENCES parties(id) ON DELETE CASCADE, PRIMARY KEY (meeting_id, party_id)) WITHOUT ROWID`,
      `CREATE INDEX meeting_parties_party ON meeting_parties (party_id, meeting_id)`,
      // A party in two cases is two rows: the same person is found by ID number, or by name and phone.
      `CREATE INDEX parties_name_phone ON parties (name, phone)`,
      // One reminder per user per meeting start: a moved meeting is announced again.
      `CREATE TABLE meeting_reminders (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE, user_id INTEGER NOT NULL REFERENCES users(id),
        starts_at TEXT NOT NULL, reminded_at TEXT NOT NULL, PRIMARY KEY (meeting_id, user_id, starts_at)) WITHOUT ROWID`,
    ]) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['meeting_reminders', 'meeting_parties', 'meeting_people', 'meetings', 'availability_exceptions', 'availability_hours', 'venues']) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`DROP INDEX parties_name_phone`);
  }
}
