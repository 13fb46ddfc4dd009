import type { PersonOption } from '../../../shared/domain/committee';
import type { Database } from '../../db/data-source';
import { peopleRepo } from '../../db/repositories/people-repo';

/** The people a case may name as lead mediator. */
export const listMediators = (db: Database): Promise<PersonOption[]> => peopleRepo.mediators(db.manager);

/** Everyone active who can join a case team: mediators and helpers. */
export const listPeople = (db: Database): Promise<PersonOption[]> =>
  db.manager.query(`SELECT id, name FROM persons WHERE active = 1 ORDER BY name, id`);
