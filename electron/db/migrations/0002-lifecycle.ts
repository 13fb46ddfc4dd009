import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case lifecycle (DOMAIN.md): acceptance and extensions, the case team with conflict checks
 * and recusal, investigation and mediation records, attachments, escalation, closing and archive.
 */
export class Lifecycle1764288000000 implements MigrationInterface {
  name = 'Lifecycle1764288000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      // What a conflict check reads about a person: document, address and declared relationships.
      `ALTER TABLE persons ADD COLUMN id_number TEXT`,
      `ALTER TABLE persons ADD COLUMN address TEXT`,
      `CREATE TABLE person_relations (
        id INTEGER PRIMARY KEY AUTOINCREMENT, person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('kin','neighbour','work_unit','other')),
        other_name TEXT NOT NULL, other_id_number TEXT, note TEXT, created_at TEXT NOT NULL)`,
      `CREATE INDEX person_relations_person ON person_relations (person_id)`,
      `ALTER TABLE cases ADD COLUMN failure_routes TEXT`,
      `ALTER TABLE cases ADD COLUMN termination_reason TEXT`,
      `ALTER TABLE cases ADD COLUMN anonymised_at TEXT`,
      `CREATE INDEX cases_due ON cases (status, due_on)`,
      `CREATE TABLE case_extensions (
        id INTEGER PRIMARY KEY AUTOINCREMENT, case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        previous_due_on TEXT NOT NULL, new_due_on TEXT NOT NULL, consent TEXT NOT NULL,
        recorded_by INTEGER REFERENCES users(id), recorded_at TEXT NOT NULL)`,
      `CREATE TABLE case_members (
        id INTEGER PRIMARY KEY AUTOINCREMENT, case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        person_id INTEGER REFERENCES persons(id), name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('lead_mediator','co_mediator','lawyer','social_worker','counsellor','volunteer','relative','expert','organisation','recorder')),
        consent TEXT, added_at TEXT NOT NULL, added_by INTEGER REFERENCES users(id),
        removed_at TEXT, removed_reason TEXT)`,
      `CREATE INDEX case_members_case ON case_members (case_id)`,
      `CREATE INDEX case_members_person ON case_members (person_id, case_id)`,
      `CREATE TABLE conflict_checks (
        id INTEGER PRIMARY KEY AUTOINCREMENT, case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        member_id INTEGER REFERENCES case_members(id) ON DELETE CASCADE, person_name TEXT NOT NULL,
        hits TEXT NOT NULL, decision TEXT CHECK (decision IN ('withdraw','proceed')), reason TEXT,
        decided_by INTEGER REFERENCES users(id), decided_at TEXT, created_at TEXT NOT NULL)`,
      `CREATE INDEX conflict_checks_case ON conflict_checks (case_id)`,
      `CREATE TABLE recusal_requests (
        id INTEGER PRIMARY KEY AUTOINCREMENT, case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        party_id INTEGER REFERENCES parties(id), mediator_person_id INTEGER REFERENCES persons(id), reason TEXT NOT NULL,
        decision TEXT CHECK (decision IN ('replaced','refused')), decision_reason TEXT,
        replacement_person_id INTEGER REFERENCES persons(id), requested_at TEXT NOT NULL, decided_at TEXT)`,
      `CREATE TABLE case_records (
        id INTEGER PRIMARY KEY AUTOINCREMENT, case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('investigation','mediation')),
        held_at TEXT NOT NULL, place TEXT, subject TEXT, interviewee TEXT, attendees TEXT NOT NULL DEFAULT '[]',
        parties_present TEXT NOT NULL DEFAULT '[]', private INTEGER NOT NULL DEFAULT 0, content TEXT NOT NULL,
        result TEXT, recorder TEXT, created_by INTEGER REFERENCES users(id), created_at TEXT NOT NULL)`,
      `CREATE INDEX case_records_case ON case_records (case_id, kind, held_at)`,
      // Kept inside the encrypted database, never as plain files on disk.
      `CREATE TABLE attachments (
        id INTEGER PRIMARY KEY AUTOINCREMENT, case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        name TEXT NOT NULL, mime TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, content BLOB NOT NULL,
        note TEXT, created_by INTEGER REFERENCES users(id), created_at TEXT NOT NULL)`,
      `CREATE INDEX attachments_case ON attachments (case_id)`,
      `CREATE TABLE escalations (
        id INTEGER PRIMARY KEY AUTOINCREMENT, case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        risk TEXT NOT NULL, steps TEXT NOT NULL, police_reported INTEGER NOT NULL DEFAULT 0, police_unit TEXT,
        police_reported_at TEXT, recorded_by INTEGER REFERENCES users(id), recorded_at TEXT NOT NULL)`,
      `CREATE INDEX escalations_case ON escalations (case_id)`,
      `CREATE INDEX agreements_jc ON agreements (jc_status, effective_on)`,
      `CREATE INDEX followups_due ON followups (visited_on)`,
    ];
    for (const s of statements) await q.query(s);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['escalations', 'attachments', 'case_records', 'recusal_requests', 'conflict_checks', 'case_members', 'case_extensions', 'person_relations']) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query('DROP INDEX cases_due');
    for (const c of ['failure_routes', 'termination_reason', 'anonymised_at']) await q.query(`ALTER TABLE cases DROP COLUMN ${c}`);
    for (const c of ['id_number', 'address']) await q.query(`ALTER TABLE persons DROP COLUMN ${c}`);
  }
}
