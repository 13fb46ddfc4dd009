import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../electron/db/data-source';
import { MIGRATIONS } from '../../electron/db/migrations';
import { OfficeDetailIndexes1765411200000 } from '../../electron/db/migrations/0014-office-detail-indexes';
import { OfficeCityIndexes1765497600000 } from '../../electron/db/migrations/0015-office-city-indexes';
import { OfficeUnlinkedCases1765584000000 } from '../../electron/db/migrations/0016-office-unlinked-cases';
import { LINK_MEDIATORS } from '../../electron/core/office/apply';
import { officeSource } from '../../electron/core/office';
import { horizonSql, CASE_FIGURES, type Scope } from '../../electron/core/statistics/definitions';
import { mediatorSql, scopeSql } from '../../electron/core/statistics/figures';
import { tempDir } from '../support/db';

const DETAIL = ['office_parties', 'office_sessions', 'office_agreements', 'office_followups'];
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const KEY = Buffer.alloc(32, 7);

/** A new database migrated up to, not including, `migration`; then `check` on it, and it is closed. */
async function before(name: string, migration: (typeof MIGRATIONS)[number], check: (db: Database) => Promise<void>): Promise<string> {
  const path = join(tmp.dir, name);
  const old = await Database.open(path, KEY, { migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration)) });
  await check(old);
  await old.close();
  return path;
}

const indexesOf = async (db: Database, table: string) =>
  (await db.query<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? `, [table])).map((r) => r.name).sort();

describe('migration 0014: the office detail tables lose their case index', () => {
  it('drops (committee, case uuid) and keeps the unique (committee, uuid) every upsert needs', async () => {
    const path = await before('office.db', OfficeDetailIndexes1765411200000, async (old) => {
      for (const t of DETAIL) expect(await indexesOf(old, t)).toEqual([`${t}_case`, `sqlite_autoindex_${t}_1`]);
    });
    const db = await Database.open(path, KEY);
    for (const t of DETAIL) {
      expect(await indexesOf(db, t)).toEqual([`sqlite_autoindex_${t}_1`]);
      // The upsert's conflict target is still served by an index.
      const plan = await db.query<{ detail: string }>(`EXPLAIN QUERY PLAN SELECT id FROM ${t} WHERE committee_code = ? AND uuid = ?`, ['x', 'y']);
      expect(plan.map((p) => p.detail).join(' ')).toMatch(new RegExp(`USING (COVERING )?INDEX sqlite_autoindex_${t}_1`));
    }
    await db.close();
  });
});

const CITY = ['office_cases_accepted', 'office_cases_concluded', 'office_cases_duration', 'office_cases_open', 'office_cases_registered'];

describe('migration 0015: the office cases lose their city-wide date indexes', () => {
  it('drops them, and every city-wide figure query seeks the per-committee index of each registered committee', async () => {
    const path = await before('city.db', OfficeCityIndexes1765497600000, async (old) => {
      expect(await indexesOf(old, 'office_cases')).toEqual(expect.arrayContaining(CITY));
    });
    const db = await Database.open(path, KEY);
    const left = await indexesOf(db, 'office_cases');
    for (const name of CITY) expect(left).not.toContain(name);
    const { cases } = officeSource(null, { code: '全市', name: '市中心' });
    const queries = [
      horizonSql(cases),
      ...(['registered', 'accepted', 'concluded', 'pending'] as Scope[]).flatMap((s) => scopeSql(s, CASE_FIGURES.filter((f) => f.scope === s), cases)),
      ...mediatorSql('accepted', cases), ...mediatorSql('success', cases),
    ];
    for (const sql of queries) {
      const plan = (await db.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, [{ from: '2026-03-01', to: '2026-03-31', horizon: '2026-05-04' }]))
        .map((p) => p.detail).join(' | ');
      // One seek per committee (the IN list), never a scan of every imported case.
      expect(plan, sql.slice(0, 80)).toMatch(/SEARCH office_cases USING INDEX office_cases_c_\w+ \(committee_code=\?/);
      expect(plan, sql.slice(0, 80)).not.toMatch(/SCAN office_cases/);
    }
    await db.close();
  });
});

describe('migration 0016: the office cases waiting for their mediator are indexed by themselves', () => {
  it('replaces the index of every case naming a mediator; linking after a package seeks only the unlinked ones', async () => {
    const path = await before('unlinked.db', OfficeUnlinkedCases1765584000000, async (old) => {
      expect(await indexesOf(old, 'office_cases')).toContain('office_cases_mediator');
    });
    const db = await Database.open(path, KEY);
    const left = await indexesOf(db, 'office_cases');
    expect(left).toContain('office_cases_unlinked');
    expect(left).not.toContain('office_cases_mediator');
    const plan = (await db.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${LINK_MEDIATORS}`, ['330383-001'])).map((p) => p.detail).join(' | ');
    expect(plan).toMatch(/SEARCH office_cases USING INDEX office_cases_unlinked \(committee_code=\?\)/);
    await db.close();
  });
});
