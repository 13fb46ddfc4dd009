import { AuditEntity, type AuditRow } from '../entities';
import type { Tx } from './tx';

export const auditRepo = {
  lastHash: async (tx: Tx): Promise<string | null> =>
    (await tx.query(`SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1`))[0]?.hash ?? null,
  insert: async (tx: Tx, row: Omit<AuditRow, 'id'>): Promise<void> => {
    await tx.getRepository(AuditEntity).insert(row);
  },
  redactEntity: async (tx: Tx, entity: string, entityId: number, at: string): Promise<void> => {
    await tx.query(`UPDATE audit_events SET before_json = NULL, after_json = NULL, redacted_at = ? WHERE entity = ? AND entity_id = ? AND redacted_at IS NULL`, [at, entity, entityId]);
  },
  all: (tx: Tx): Promise<AuditRow[]> => tx.getRepository(AuditEntity).find({ order: { id: 'ASC' } }),
  forEntity: (tx: Tx, entity: string, entityId: number): Promise<AuditRow[]> =>
    tx.getRepository(AuditEntity).find({ where: { entity, entity_id: entityId }, order: { id: 'ASC' } }),
};
