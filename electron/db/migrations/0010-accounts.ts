import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in rate limit (issue 7): failures per login name, known or not, so a restart does not reset the count and an
 * unknown name is limited like a real one. `lockouts` makes each further lock longer; a successful sign-in clears the row.
 */
export class Accounts1764979200000 implements MigrationInterface {
  name = 'Accounts1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sign_in_throttle (
      username TEXT PRIMARY KEY COLLATE NOCASE, failures INTEGER NOT NULL DEFAULT 0, window_start TEXT,
      lockouts INTEGER NOT NULL DEFAULT 0, locked_until TEXT, updated_at TEXT NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sign_in_throttle`);
  }
}
