import { PersonEntity, UserEntity, type PersonRow, type UserRow } from '../entities';
import type { Tx } from './tx';

export const peopleRepo = {
  insert: async (tx: Tx, row: Omit<PersonRow, 'id'>): Promise<number> => {
    const r = await tx.getRepository(PersonEntity).insert(row);
    return r.identifiers[0].id as number;
  },
  /** Active people whose professions include mediator, by name in code-point order. */
  mediators: (tx: Tx): Promise<{ id: number; name: string }[]> =>
    tx.query(
      `SELECT p.id, p.name FROM persons p, json_each(p.professions) j
       WHERE p.active = 1 AND j.value = 'mediator' ORDER BY p.name, p.id`,
    ),
  exists: async (tx: Tx, id: number): Promise<boolean> => (await tx.getRepository(PersonEntity).countBy({ id })) > 0,
};

export const usersRepo = {
  insert: async (tx: Tx, row: Omit<UserRow, 'id'>): Promise<number> => {
    const r = await tx.getRepository(UserEntity).insert(row);
    return r.identifiers[0].id as number;
  },
  // The column is COLLATE NOCASE: Admin and admin are one login.
  byUsername: (tx: Tx, username: string): Promise<UserRow | null> => tx.getRepository(UserEntity).findOneBy({ username }),
  byId: (tx: Tx, id: number): Promise<UserRow | null> => tx.getRepository(UserEntity).findOneBy({ id }),
  count: (tx: Tx): Promise<number> => tx.getRepository(UserEntity).count(),
};
