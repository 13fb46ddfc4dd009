import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE_CHECK = "role IN ('mediator','volunteer','office_staff','admin')";

/** The foundation schema: committee, people, accounts, cases with parties, the audit chain. */
export class Init1764201600000 implements MigrationInterface {
  name = 'Init1764201600000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE committee (
        id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL, code TEXT NOT NULL,
        short_name TEXT NOT NULL, type TEXT NOT NULL, station_id TEXT NOT NULL, created_at TEXT NOT NULL)`,
      `CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
      `CREATE TABLE persons (
        id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, sex TEXT, phone TEXT,
        professions TEXT NOT NULL DEFAULT '[]', employment TEXT, active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL)`,
      `CREATE TABLE users (
        id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT NOT NULL COLLATE NOCASE UNIQUE,
        display_name TEXT NOT NULL, role TEXT NOT NULL CHECK (${ROLE_CHECK}), password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0, must_change_password INTEGER NOT NULL DEFAULT 0,
        person_id INTEGER REFERENCES persons(id), created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`,
      // One row per year; never decremented, so a number is never reused.
      `CREATE TABLE case_number_counters (year INTEGER PRIMARY KEY, last_seq INTEGER NOT NULL)`,
      `CREATE TABLE cases (
        id INTEGER PRIMARY KEY AUTOINCREMENT, case_no TEXT NOT NULL UNIQUE,
        case_year INTEGER NOT NULL, case_seq INTEGER NOT NULL,
        category TEXT NOT NULL, channel TEXT NOT NULL, referral_body TEXT,
        summary TEXT NOT NULL, requests TEXT NOT NULL DEFAULT '[]', amount_fen INTEGER,
        persons_involved INTEGER NOT NULL CHECK (persons_involved >= 1),
        status TEXT NOT NULL, registered_on TEXT NOT NULL, accepted_on TEXT, rejection_reason TEXT,
        due_on TEXT, extended_due_on TEXT,
        outcome TEXT CHECK (outcome IN ('agreed','failed','withdrawn')), concluded_on TEXT,
        closed_on TEXT, archived_on TEXT, retention TEXT,
        agreement_form TEXT CHECK (agreement_form IN ('written','oral')), agreement_amount_fen INTEGER,
        performance TEXT, jc_status TEXT NOT NULL DEFAULT 'none', satisfaction TEXT,
        prevented_criminal INTEGER NOT NULL DEFAULT 0, prevented_criminal_persons INTEGER NOT NULL DEFAULT 0,
        prevented_suicide INTEGER NOT NULL DEFAULT 0, prevented_suicide_persons INTEGER NOT NULL DEFAULT 0,
        prevented_group_petition INTEGER NOT NULL DEFAULT 0, prevented_group_petition_persons INTEGER NOT NULL DEFAULT 0,
        prevented_group_fight INTEGER NOT NULL DEFAULT 0, prevented_group_fight_persons INTEGER NOT NULL DEFAULT 0,
        lead_mediator_id INTEGER REFERENCES persons(id),
        applicant_names TEXT NOT NULL, respondent_names TEXT NOT NULL, external_code TEXT,
        created_by INTEGER REFERENCES users(id), created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        UNIQUE (case_year, case_seq))`,
      `CREATE INDEX cases_registered ON cases (registered_on, id)`,
      `CREATE INDEX cases_updated ON cases (updated_at, id)`,
      `CREATE INDEX cases_status ON cases (status, case_year, case_seq)`,
      `CREATE INDEX cases_category ON cases (category, case_year, case_seq)`,
      `CREATE INDEX cases_mediator ON cases (lead_mediator_id)`,
      `CREATE TABLE parties (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE, position INTEGER NOT NULL,
        role TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, sex TEXT, ethnicity TEXT, birth_date TEXT,
        id_type TEXT NOT NULL, id_number TEXT, phone TEXT, address TEXT, occupation TEXT,
        credit_code TEXT, representative TEXT, representative_title TEXT, created_at TEXT NOT NULL)`,
      `CREATE INDEX parties_case ON parties (case_id, position)`,
      `CREATE INDEX parties_id_number ON parties (id_number) WHERE id_number IS NOT NULL`,
      // The agreement of an agreed case (Art 28–30); performance and judicial confirmation are fields.
      `CREATE TABLE agreements (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id INTEGER NOT NULL UNIQUE REFERENCES cases(id) ON DELETE CASCADE,
        form TEXT NOT NULL CHECK (form IN ('written','oral')), facts TEXT, terms TEXT NOT NULL DEFAULT '[]',
        amount_fen INTEGER, performance_method TEXT, performance_deadline TEXT, effective_on TEXT NOT NULL,
        performance TEXT NOT NULL DEFAULT 'performing', jc_status TEXT NOT NULL DEFAULT 'none',
        jc_applied_on TEXT, jc_decided_on TEXT, created_at TEXT NOT NULL)`,
      `CREATE TABLE followups (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE, visited_on TEXT NOT NULL,
        visitor_person_id INTEGER REFERENCES persons(id), performance TEXT, satisfaction TEXT, notes TEXT,
        created_at TEXT NOT NULL)`,
      `CREATE INDEX followups_case ON followups (case_id, visited_on)`,
      `CREATE TABLE audit_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user_id INTEGER, action TEXT NOT NULL,
        entity TEXT, entity_id INTEGER, before_json TEXT, after_json TEXT,
        -- The chain covers the payloads' hashes, so personal data can be redacted past retention
        -- without breaking it; a redaction is itself recorded.
        before_sha256 TEXT, after_sha256 TEXT, redacted_at TEXT,
        prev_hash TEXT NOT NULL, hash TEXT NOT NULL)`,
      `CREATE INDEX audit_entity ON audit_events (entity, entity_id, id)`,
    ];
    for (const s of statements) await q.query(s);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['audit_events', 'followups', 'agreements', 'parties', 'cases', 'case_number_counters', 'users', 'persons', 'settings', 'committee']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
