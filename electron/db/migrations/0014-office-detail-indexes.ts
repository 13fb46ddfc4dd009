import type { MigrationInterface, QueryRunner } from 'typeorm';

// As 0009 made them (a migration keeps its own copy: it must mean the same thing forever).
const DETAIL_TABLES = ['office_parties', 'office_sessions', 'office_agreements', 'office_followups'] as const;

/**
 * The office's parties, sessions, agreements and follow-ups lose their (committee, case uuid) index: no figure and no
 * screen reads them by case, and with a random uuid every imported line dirtied one more page of it, which each
 * package's commit encrypted and wrote again (a fifth of an import of 100 packages).
 */
export class OfficeDetailIndexes1765411200000 implements MigrationInterface {
  name = 'OfficeDetailIndexes1765411200000';

  async up(q: QueryRunner): Promise<void> {
    for (const t of DETAIL_TABLES) await q.query(`DROP INDEX IF EXISTS ${t}_case`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of DETAIL_TABLES) await q.query(`CREATE INDEX ${t}_case ON ${t} (committee_code, case_uuid)`);
  }
}
