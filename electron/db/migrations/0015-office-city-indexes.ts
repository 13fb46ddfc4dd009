import type { MigrationInterface, QueryRunner } from 'typeorm';

// As 0009 made them (a migration keeps its own copy: it must mean the same thing forever).
const CITY_INDEXES = [
  `CREATE INDEX office_cases_registered ON office_cases (registered_on, status) WHERE deleted = 0`,
  `CREATE INDEX office_cases_accepted ON office_cases (accepted_on) WHERE deleted = 0 AND accepted_on IS NOT NULL`,
  `CREATE INDEX office_cases_concluded ON office_cases (concluded_on, outcome) WHERE deleted = 0 AND concluded_on IS NOT NULL`,
  `CREATE INDEX office_cases_open ON office_cases (accepted_on, status) WHERE deleted = 0 AND concluded_on IS NULL`,
  `CREATE INDEX office_cases_duration ON office_cases (julianday(concluded_on) - julianday(accepted_on))
    WHERE deleted = 0 AND concluded_on IS NOT NULL AND accepted_on IS NOT NULL`,
] as const;

const nameOf = (sql: string) => /CREATE INDEX (\w+)/.exec(sql)![1];

/**
 * The office's cases lose their five city-wide date indexes: the city's figures read the per-committee ones instead,
 * one seek per registered committee (figures.ts, officeSource). A package's cases have dates spread over the whole
 * city-wide index, so each of them dirtied about 500 pages of it per package, which every commit encrypted and wrote:
 * half of all pages an import of 100 packages wrote. Within a committee's slice of the per-committee ones, far fewer.
 */
export class OfficeCityIndexes1765497600000 implements MigrationInterface {
  name = 'OfficeCityIndexes1765497600000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of CITY_INDEXES) await q.query(`DROP INDEX IF EXISTS ${nameOf(sql)}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of CITY_INDEXES) await q.query(sql);
  }
}
