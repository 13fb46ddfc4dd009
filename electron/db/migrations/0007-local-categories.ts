import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Local dispute categories (DOMAIN.md: categories are reference data): a committee's own names, each rolling up into
 * one of the 15 national ones. `cases.category` stays the national category, written with the roll-up applied, so
 * the statistics, indexes and exchange keep reading one column; `local_category_id` says which local name was used.
 */
// The 15 national codes as of this migration (shared/domain/enums.ts CATEGORIES): a migration never follows later code.
const NATIONAL = `'marriage_family', 'neighbour', 'housing_homestead', 'contract', 'production_business', 'damages', 'forest_land',
  'land_requisition', 'pollution', 'labour', 'consumer', 'medical', 'traffic', 'property_management', 'other'`;

export class LocalCategories1764720000000 implements MigrationInterface {
  name = 'LocalCategories1764720000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE local_categories (
        id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE,
        rolls_up_to TEXT NOT NULL CHECK (rolls_up_to IN (${NATIONAL})),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)), created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`,
      `ALTER TABLE cases ADD COLUMN local_category_id INTEGER REFERENCES local_categories(id)`,
      // The case list's filter on a local category walks this like cases_category; it also counts a category's cases.
      `CREATE INDEX cases_local_category ON cases (local_category_id, case_year, case_seq) WHERE local_category_id IS NOT NULL`,
    ]) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_local_category`);
    await q.query(`ALTER TABLE cases DROP COLUMN local_category_id`);
    await q.query(`DROP TABLE local_categories`);
  }
}
