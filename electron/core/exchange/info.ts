import type { ExchangeInfo } from '../../../shared/domain/exchange-export';
import { PackageRangeSchema } from '../../../shared/domain/exchange';
import type { Database } from '../../db/data-source';
import { EXCHANGE_TABLES } from '../../db/migrations/0008-exchange';
import { badState } from '../errors';
import { listExports } from './export';
import { listRecipients, signingPublicKey } from './keys';

/**
 * Records changed or deleted after `after` (the revision the last "since last" export went up to); a row written
 * since the last export has no revision yet (migration 0013) and counts as changed.
 */
function changesAfter(db: Database, after: number): number {
  const parts = EXCHANGE_TABLES.map(({ table, when }) =>
    `(SELECT count(*) FROM ${table} WHERE (revision > @after OR revision IS NULL)${when ? ` AND ${when}` : ''})`);
  return db.read<{ n: number }>(`SELECT ${parts.join(' + ')} + (SELECT count(*) FROM exchange_deletions WHERE revision > @after) AS n`, [{ after }])[0].n;
}

/** What the committee's exchange screen shows: keys, recipients, past exports and what the next one would carry. */
export function exchangeInfo(db: Database): ExchangeInfo {
  return db.readConsistent(() => {
    const committee = db.read<{ code: string; name: string; station_id: string }>(`SELECT code, name, station_id FROM committee WHERE id = 1`)[0];
    if (!committee) throw badState('调解委员会尚未设置');
    const rows = listExports(db);
    const users = new Map(db.read<{ id: number; display_name: string }>(`SELECT id, display_name FROM users`).map((u) => [u.id, u.display_name]));
    const exports = rows.map((r) => ({
      id: r.id, sequence: r.sequence, fileName: r.file_name, sha256: r.sha256, level: r.level,
      range: PackageRangeSchema.parse(JSON.parse(r.range_json)), counts: JSON.parse(r.counts_json) as Record<string, number>, bytes: r.bytes,
      createdAt: r.created_at, createdBy: r.created_by === null ? null : users.get(r.created_by) ?? null,
    }));
    const last = exports.find((e) => e.range.kind === 'since_last');
    return {
      committee: { code: committee.code, name: committee.name, station: committee.station_id },
      signingKey: signingPublicKey(db),
      recipients: listRecipients(db),
      exports,
      changesSinceLast: changesAfter(db, last?.range.to_revision ?? 0),
    };
  });
}
