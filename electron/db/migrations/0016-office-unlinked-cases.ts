import type { MigrationInterface, QueryRunner } from 'typeorm';

// As 0009 made it (a migration keeps its own copy: it must mean the same thing forever).
const MEDIATOR_INDEX = `CREATE INDEX office_cases_mediator ON office_cases (committee_code, lead_mediator_uuid) WHERE lead_mediator_uuid IS NOT NULL`;

/**
 * The office's cases waiting for their lead mediator's record (it came after them) are indexed by themselves, instead of
 * every case that names a mediator: after each package the import links them (apply.ts, linkMediators), and through
 * the old index it read every case of the committee to find the few, or none, still unlinked.
 */
export class OfficeUnlinkedCases1765584000000 implements MigrationInterface {
  name = 'OfficeUnlinkedCases1765584000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS office_cases_mediator`);
    await q.query(`CREATE INDEX office_cases_unlinked ON office_cases (committee_code)
      WHERE lead_mediator_uuid IS NOT NULL AND lead_mediator_id IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS office_cases_unlinked`);
    await q.query(MEDIATOR_INDEX);
  }
}
