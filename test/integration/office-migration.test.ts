import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../electron/db/data-source';
import { MIGRATIONS } from '../../electron/db/migrations';
import { OfficeDetailIndexes1765411200000 } from '../../electron/db/migrations/0014-office-detail-indexes';
import { tempDir } from '../support/db';

const DETAIL = ['office_parties', 'office_sessions', 'office_agreements', 'office_followups'];
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const indexesOf = async (db: Database, table: string) =>
  (await db.query<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? `, [table])).map((r) => r.name).sort();

describe('migration 0014: the office detail tables lose their case index', () => {
  it('drops (committee, case uuid) and keeps the unique (committee, uuid) every upsert needs', async () => {
    const path = join(tmp.dir, 'office.db');
    const key = Buffer.alloc(32, 7);
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(OfficeDetailIndexes1765411200000));
    const old = await Database.open(path, key, { migrations: before });
    for (const t of DETAIL) expect(await indexesOf(old, t)).toEqual([`${t}_case`, `sqlite_autoindex_${t}_1`]);
    await old.close();

    const db = await Database.open(path, key);
    for (const t of DETAIL) {
      expect(await indexesOf(db, t)).toEqual([`sqlite_autoindex_${t}_1`]);
      // The upsert's conflict target is still served by an index.
      const plan = await db.query<{ detail: string }>(`EXPLAIN QUERY PLAN SELECT id FROM ${t} WHERE committee_code = ? AND uuid = ?`, ['x', 'y']);
      expect(plan.map((p) => p.detail).join(' ')).toMatch(new RegExp(`USING (COVERING )?INDEX sqlite_autoindex_${t}_1`));
    }
    await db.close();
  });
});
