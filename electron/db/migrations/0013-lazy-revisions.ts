import type { MigrationInterface, QueryRunner } from 'typeorm';
import { EXCHANGE_TABLES, triggers, UUID_SQL } from './0008-exchange';

const NOW_SQL = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
const kindOf = (when: string, row: 'NEW' | 'OLD') => when.replace(/\bkind\b/g, `${row}.kind`);

/**
 * The statements that give every row still waiting for one (revision NULL) a uuid and a revision after the clock, in
 * id order, and move the clock past them: run when an export starts, so the bulk paths never pay for it per row.
 */
export function stampPendingSql(table: string, when: string): string[] {
  const only = when ? ` AND ${when}` : '';
  return [
    `UPDATE ${table} SET uuid = coalesce(uuid, ${UUID_SQL}), revision = (SELECT revision FROM exchange_clock WHERE id = 1) + id,
      revised_at = ${NOW_SQL} WHERE revision IS NULL${only}`,
    // changes() is the UPDATE's own count: the clock only moves when a row was stamped.
    `UPDATE exchange_clock SET revision = revision + (SELECT coalesce(max(id), 0) FROM ${table}) WHERE id = 1 AND changes() > 0`,
  ];
}

/**
 * No per-row insert trigger (issue 5: it and the random-order uuid index doubled a 10,000-row ledger import). The bulk
 * paths give their rows a uuid and revision as they write them (bulk-repo); a row the app inserts one at a time keeps
 * a NULL uuid and revision until the next export stamps it (stampPendingSql), and until then simply counts as "changed
 * since the last export". An update only ticks the clock for a row that already has a revision, and only such a row's
 * deletion is logged: a row no package ever carried needs no deletion record. The uuid's unique index goes: the
 * committee never looks a row up by uuid, and a random v4 uuid does not need an index to be unique.
 */
export class LazyRevisions1765324800000 implements MigrationInterface {
  name = 'LazyRevisions1765324800000';

  async up(q: QueryRunner): Promise<void> {
    for (const { table, file, when } of EXCHANGE_TABLES) {
      for (const t of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER ${table}_exchange_${t}`);
      await q.query(`DROP INDEX ${table}_uuid`);
      const onNew = when ? ` AND ${kindOf(when, 'NEW')}` : '';
      const onOld = when ? ` AND ${kindOf(when, 'OLD')}` : '';
      const tick = `UPDATE exchange_clock SET revision = revision + 1 WHERE id = 1;`;
      await q.query(`CREATE TRIGGER ${table}_exchange_update AFTER UPDATE ON ${table}
        WHEN OLD.revision IS NOT NULL AND NEW.revision IS OLD.revision${onNew} BEGIN
        ${tick}
        UPDATE ${table} SET revision = (SELECT revision FROM exchange_clock WHERE id = 1), revised_at = ${NOW_SQL} WHERE id = NEW.id;
      END`);
      await q.query(`CREATE TRIGGER ${table}_exchange_delete AFTER DELETE ON ${table} WHEN OLD.revision IS NOT NULL${onOld} BEGIN
        ${tick}
        INSERT INTO exchange_deletions (file, uuid, revision, deleted_at)
          VALUES ('${file}', OLD.uuid, (SELECT revision FROM exchange_clock WHERE id = 1), ${NOW_SQL});
      END`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table, file, when } of EXCHANGE_TABLES) {
      for (const sql of stampPendingSql(table, when)) await q.query(sql);
      for (const t of ['update', 'delete']) await q.query(`DROP TRIGGER ${table}_exchange_${t}`);
      await q.query(`CREATE UNIQUE INDEX ${table}_uuid ON ${table} (uuid)`);
      for (const sql of triggers(table, file, when)) await q.query(sql);
    }
  }
}
