import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The exported tables, the record file each travels in, and which rows of it are exported. */
export const EXCHANGE_TABLES = [
  { table: 'persons', file: 'people.ndjson', when: '' },
  { table: 'cases', file: 'cases.ndjson', when: '' },
  { table: 'parties', file: 'parties.ndjson', when: '' },
  // sessions.ndjson: the mediation records (docs/ARCHITECTURE.md, Exchange); investigations are not sessions.
  { table: 'case_records', file: 'sessions.ndjson', when: `kind = 'mediation'` },
  { table: 'agreements', file: 'agreements.ndjson', when: '' },
  { table: 'followups', file: 'followups.ndjson', when: '' },
  { table: 'sweeps', file: 'sweeps.ndjson', when: '' },
] as const;

/** A random version-4 UUID, evaluated per row. */
export const UUID_SQL = `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
  || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;
const NOW_SQL = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

export const SIGNING_PUBLIC_KEY = 'signing_public_key_pem';
export const DEIDENTIFY_SECRET = 'deidentify_secret';
export const EXCHANGE_RECIPIENTS = 'exchange_recipients';

/**
 * The exchange with the office (issue 6, EXCHANGE.md): every exported row gets a uuid and a revision from one
 * change clock, kept by triggers, so an export holds exactly the rows with `revision > ` the last export's
 * `to_revision`; deletions are logged with their uuid. Also the export log, and the committee's keys for existing
 * databases (new committees get them in setupCommittee).
 */
export class Exchange1764806400000 implements MigrationInterface {
  name = 'Exchange1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE exchange_clock (id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL)`);
    await q.query(`INSERT INTO exchange_clock (id, revision) VALUES (1, 0)`);
    await q.query(`CREATE TABLE exchange_deletions (
      id INTEGER PRIMARY KEY AUTOINCREMENT, file TEXT NOT NULL, uuid TEXT NOT NULL, revision INTEGER NOT NULL, deleted_at TEXT NOT NULL)`);
    await q.query(`CREATE INDEX exchange_deletions_revision ON exchange_deletions (revision)`);
    await q.query(`CREATE TABLE exchange_exports (
      id INTEGER PRIMARY KEY AUTOINCREMENT, station TEXT NOT NULL, sequence INTEGER NOT NULL, file_name TEXT NOT NULL,
      sha256 TEXT NOT NULL, level TEXT NOT NULL CHECK (level IN ('full','deidentified')), range_json TEXT NOT NULL,
      to_revision INTEGER NOT NULL, counts_json TEXT NOT NULL, bytes INTEGER NOT NULL,
      created_at TEXT NOT NULL, created_by INTEGER REFERENCES users(id), UNIQUE (station, sequence))`);

    for (const { table, file, when } of EXCHANGE_TABLES) {
      for (const c of ['uuid TEXT', 'revision INTEGER', 'revised_at TEXT']) await q.query(`ALTER TABLE ${table} ADD COLUMN ${c}`);
      // Existing rows: a uuid each, revisions after the clock in id order, the clock moved past them.
      const rows = when ? `WHERE ${when}` : '';
      await q.query(`UPDATE ${table} SET uuid = ${UUID_SQL}, revision = (SELECT revision FROM exchange_clock) + id,
        revised_at = ${NOW_SQL} ${rows}`);
      await q.query(`UPDATE exchange_clock SET revision = revision + coalesce((SELECT max(id) FROM ${table}), 0)`);
      await q.query(`CREATE UNIQUE INDEX ${table}_uuid ON ${table} (uuid)`);
      await q.query(`CREATE INDEX ${table}_revision ON ${table} (revision)`);
      for (const sql of triggers(table, file, when)) await q.query(sql);
    }

    // The committee's keys, for a database made before this migration (a new one gets them at setup).
    const [committee] = await q.query(`SELECT id FROM committee WHERE id = 1`);
    if (!committee) return;
    const get = async (key: string) => ((await q.query(`SELECT value FROM settings WHERE key = ?`, [key])) as { value: string }[])[0]?.value;
    const set = (key: string, value: string) => q.query(`INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)`, [key, value]);
    let privatePem = await get('signing_key_pem');
    if (!privatePem) {
      privatePem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      await set('signing_key_pem', privatePem);
    }
    await set(SIGNING_PUBLIC_KEY, createPublicKey(createPrivateKey(privatePem)).export({ type: 'spki', format: 'pem' }).toString());
    if (!(await get(DEIDENTIFY_SECRET))) await set(DEIDENTIFY_SECRET, randomBytes(32).toString('hex'));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table } of EXCHANGE_TABLES) {
      for (const t of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER ${table}_exchange_${t}`);
      await q.query(`DROP INDEX ${table}_revision`);
      await q.query(`DROP INDEX ${table}_uuid`);
      for (const c of ['revised_at', 'revision', 'uuid']) await q.query(`ALTER TABLE ${table} DROP COLUMN ${c}`);
    }
    for (const t of ['exchange_exports', 'exchange_deletions', 'exchange_clock']) await q.query(`DROP TABLE ${t}`);
    await q.query(`DELETE FROM settings WHERE key IN (?, ?, ?)`, [SIGNING_PUBLIC_KEY, DEIDENTIFY_SECRET, EXCHANGE_RECIPIENTS]);
  }
}

/**
 * Each change takes the next clock value as the row's revision. The update trigger skips its own write
 * (revision changed), so it stays finite even with recursive triggers on.
 */
export function triggers(table: string, file: string, when: string): string[] {
  const onNew = when ? ` AND ${when.replace(/\bkind\b/g, 'NEW.kind')}` : '';
  const onOld = when ? ` WHEN ${when.replace(/\bkind\b/g, 'OLD.kind')}` : '';
  const tick = `UPDATE exchange_clock SET revision = revision + 1 WHERE id = 1;`;
  const clock = `(SELECT revision FROM exchange_clock WHERE id = 1)`;
  return [
    // A bulk insert (bulk-repo) gives its rows their uuid and revision itself and moves the clock once.
    `CREATE TRIGGER ${table}_exchange_insert AFTER INSERT ON ${table} WHEN NEW.revision IS NULL${onNew} BEGIN
      ${tick}
      UPDATE ${table} SET uuid = coalesce(NEW.uuid, ${UUID_SQL}), revision = ${clock}, revised_at = ${NOW_SQL} WHERE id = NEW.id;
    END`,
    `CREATE TRIGGER ${table}_exchange_update AFTER UPDATE ON ${table} WHEN NEW.revision IS OLD.revision${onNew} BEGIN
      ${tick}
      UPDATE ${table} SET uuid = coalesce(NEW.uuid, ${UUID_SQL}), revision = ${clock}, revised_at = ${NOW_SQL} WHERE id = NEW.id;
    END`,
    `CREATE TRIGGER ${table}_exchange_delete AFTER DELETE ON ${table}${onOld} BEGIN
      ${tick}
      INSERT INTO exchange_deletions (file, uuid, revision, deleted_at) VALUES ('${file}', OLD.uuid, ${clock}, ${NOW_SQL});
    END`,
  ];
}
