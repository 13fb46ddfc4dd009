import { CommitteeEntity, SettingEntity, type CommitteeRow } from '../entities';
import type { Tx } from './tx';

export const committeeRepo = {
  get: (tx: Tx): Promise<CommitteeRow | null> => tx.getRepository(CommitteeEntity).findOneBy({ id: 1 }),
  insert: async (tx: Tx, row: Omit<CommitteeRow, 'id'>): Promise<void> => {
    await tx.getRepository(CommitteeEntity).insert({ id: 1, ...row });
  },
};

export const settingsRepo = {
  get: async (tx: Tx, key: string): Promise<string | null> =>
    (await tx.getRepository(SettingEntity).findOneBy({ key }))?.value ?? null,
  set: async (tx: Tx, key: string, value: string): Promise<void> => {
    await tx.getRepository(SettingEntity).upsert({ key, value }, ['key']);
  },
};
