import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns every imported record has: whose it is, its uuid, the committee's revision, deletion, the rest of its line (JSON). */
const RECORD = `committee_code TEXT NOT NULL REFERENCES office_committees(code), uuid TEXT NOT NULL,
  revision INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)), updated_at TEXT,
  receipt_id INTEGER NOT NULL REFERENCES office_receipts(id), data TEXT`;

/** Records that statistics do not read: their lines as JSON, with the case they belong to. */
const DETAIL_TABLES = ['office_parties', 'office_sessions', 'office_agreements', 'office_followups'] as const;

/**
 * The city legal-services office (issue 6, EXCHANGE.md): the office's own age identity, the committees whose signing
 * keys it has pinned, each station's last applied package, a receipt per package, and the imported records. A
 * database is an office's when its `office` row exists and its `committee` row does not.
 */
export class Office1764892800000 implements MigrationInterface {
  name = 'Office1764892800000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      // The identity (AGE-SECRET-KEY-1…) lives only here, in the encrypted database.
      `CREATE TABLE office (
        id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL, identity TEXT NOT NULL, recipient TEXT NOT NULL,
        created_at TEXT NOT NULL)`,
      // Further identities packages may be addressed to (a backup key, a key being rolled over).
      `CREATE TABLE office_identities (
        recipient TEXT PRIMARY KEY, identity TEXT NOT NULL, label TEXT NOT NULL, added_at TEXT NOT NULL)`,
      `CREATE TABLE office_committees (
        code TEXT PRIMARY KEY, name TEXT NOT NULL, signing_public_key_pem TEXT NOT NULL, fingerprint TEXT NOT NULL,
        registered_at TEXT NOT NULL, registered_by INTEGER REFERENCES users(id))`,
      `CREATE TABLE office_stations (
        committee_code TEXT NOT NULL REFERENCES office_committees(code), station TEXT NOT NULL,
        last_sequence INTEGER NOT NULL, last_sha256 TEXT NOT NULL, last_created_at TEXT NOT NULL, last_imported_at TEXT NOT NULL,
        PRIMARY KEY (committee_code, station))`,
      // One per applied package; a gap the operator accepted says who, why, and which sequences are missing.
      `CREATE TABLE office_receipts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        committee_code TEXT NOT NULL REFERENCES office_committees(code), station TEXT NOT NULL, sequence INTEGER NOT NULL,
        file_name TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE, bytes INTEGER NOT NULL, level TEXT NOT NULL,
        created_at TEXT NOT NULL, counts TEXT NOT NULL, statistics TEXT NOT NULL,
        imported_at TEXT NOT NULL, imported_by INTEGER REFERENCES users(id),
        accepted_gap INTEGER NOT NULL DEFAULT 0 CHECK (accepted_gap IN (0, 1)), gap_from INTEGER, gap_reason TEXT,
        gap_accepted_by INTEGER REFERENCES users(id),
        UNIQUE (committee_code, station, sequence))`,
      `CREATE INDEX office_receipts_committee ON office_receipts (committee_code, imported_at)`,
      // People get a local integer id: by_mediator names a mediator by it, as the committee's report does.
      `CREATE TABLE office_people (
        id INTEGER PRIMARY KEY AUTOINCREMENT, ${RECORD},
        name TEXT, professions TEXT NOT NULL DEFAULT '[]', employment TEXT, active INTEGER NOT NULL DEFAULT 0,
        joined_on TEXT, left_on TEXT, created_at TEXT,
        UNIQUE (committee_code, uuid))`,
      // Every column the statistics definitions read, under the committee's own names (definitions.ts).
      `CREATE TABLE office_cases (
        id INTEGER PRIMARY KEY AUTOINCREMENT, ${RECORD},
        category TEXT, channel TEXT, status TEXT, registered_on TEXT, accepted_on TEXT, due_on TEXT, extended_due_on TEXT,
        outcome TEXT, concluded_on TEXT, persons_involved INTEGER, agreement_form TEXT, agreement_amount_fen INTEGER,
        performance TEXT, jc_status TEXT, satisfaction TEXT,
        prevented_criminal INTEGER, prevented_criminal_persons INTEGER, prevented_suicide INTEGER, prevented_suicide_persons INTEGER,
        prevented_group_petition INTEGER, prevented_group_petition_persons INTEGER,
        prevented_group_fight INTEGER, prevented_group_fight_persons INTEGER,
        lead_mediator_uuid TEXT, lead_mediator_id INTEGER REFERENCES office_people(id),
        UNIQUE (committee_code, uuid))`,
      // The figures' scopes, city-wide and per committee; deleted records are never counted.
      `CREATE INDEX office_cases_registered ON office_cases (registered_on, status) WHERE deleted = 0`,
      `CREATE INDEX office_cases_accepted ON office_cases (accepted_on) WHERE deleted = 0 AND accepted_on IS NOT NULL`,
      `CREATE INDEX office_cases_concluded ON office_cases (concluded_on, outcome) WHERE deleted = 0 AND concluded_on IS NOT NULL`,
      `CREATE INDEX office_cases_open ON office_cases (accepted_on, status) WHERE deleted = 0 AND concluded_on IS NULL`,
      `CREATE INDEX office_cases_c_registered ON office_cases (committee_code, registered_on) WHERE deleted = 0`,
      `CREATE INDEX office_cases_c_accepted ON office_cases (committee_code, accepted_on) WHERE deleted = 0 AND accepted_on IS NOT NULL`,
      `CREATE INDEX office_cases_c_concluded ON office_cases (committee_code, concluded_on) WHERE deleted = 0 AND concluded_on IS NOT NULL`,
      `CREATE INDEX office_cases_c_open ON office_cases (committee_code, accepted_on) WHERE deleted = 0 AND concluded_on IS NULL`,
      // The longest mediation on record (definitions.ts, horizonSql), city-wide and per committee, in one seek each.
      `CREATE INDEX office_cases_duration ON office_cases (julianday(concluded_on) - julianday(accepted_on))
        WHERE deleted = 0 AND concluded_on IS NOT NULL AND accepted_on IS NOT NULL`,
      `CREATE INDEX office_cases_c_duration ON office_cases (committee_code, julianday(concluded_on) - julianday(accepted_on))
        WHERE deleted = 0 AND concluded_on IS NOT NULL AND accepted_on IS NOT NULL`,
      // A mediator whose record arrives after the cases that name them is linked then.
      `CREATE INDEX office_cases_mediator ON office_cases (committee_code, lead_mediator_uuid) WHERE lead_mediator_uuid IS NOT NULL`,
      `CREATE TABLE office_sweeps (
        id INTEGER PRIMARY KEY AUTOINCREMENT, ${RECORD},
        swept_on TEXT, found INTEGER, prevented INTEGER,
        UNIQUE (committee_code, uuid))`,
      `CREATE INDEX office_sweeps_date ON office_sweeps (swept_on, found, prevented) WHERE deleted = 0`,
      `CREATE INDEX office_sweeps_c_date ON office_sweeps (committee_code, swept_on) WHERE deleted = 0`,
      ...DETAIL_TABLES.flatMap((t) => [
        `CREATE TABLE ${t} (id INTEGER PRIMARY KEY AUTOINCREMENT, ${RECORD}, case_uuid TEXT, UNIQUE (committee_code, uuid))`,
        `CREATE INDEX ${t}_case ON ${t} (committee_code, case_uuid)`,
      ]),
    ]) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [...DETAIL_TABLES, 'office_sweeps', 'office_cases', 'office_people', 'office_receipts', 'office_stations',
      'office_committees', 'office_identities', 'office']) await q.query(`DROP TABLE ${t}`);
  }
}
