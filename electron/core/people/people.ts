import type { PersonOption } from '../../../shared/domain/committee';
import type { Database } from '../../db/data-source';
import { peopleRepo } from '../../db/repositories/people-repo';

/** The people a case may name as lead mediator. */
export const listMediators = (db: Database): Promise<PersonOption[]> => peopleRepo.mediators(db.manager);
