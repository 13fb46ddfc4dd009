import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Performance of each term of an agreement, aligned with `terms` (DOMAIN.md, after agreement). */
export class TermPerformance1764460800000 implements MigrationInterface {
  name = 'TermPerformance1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agreements ADD COLUMN term_performance TEXT NOT NULL DEFAULT '[]'`);
    // Existing agreements: every term as the agreement as a whole stands.
    await q.query(`UPDATE agreements SET term_performance = (SELECT json_group_array(a2.performance) FROM agreements a2, json_each(a2.terms) WHERE a2.id = agreements.id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agreements DROP COLUMN term_performance`);
  }
}
