import type { Database } from '../../db/data-source';
import { EXCHANGE_TABLES } from '../../db/migrations/0008-exchange';
import { stampPendingSql } from '../../db/migrations/0013-lazy-revisions';

/** Gives the rows written since the last export their uuids and revisions (migration 0013), in one transaction. */
export const stampPending = (db: Database): Promise<void> =>
  db.transaction(async (tx) => {
    for (const { table, when } of EXCHANGE_TABLES) for (const sql of stampPendingSql(table, when)) await tx.query(sql);
  });

