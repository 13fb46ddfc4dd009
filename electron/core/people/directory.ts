import type { z } from 'zod';
import type { PersonDetail, PersonInputSchema, RelationInputSchema } from '../../../shared/domain/people';
import { checkPhone, checkResidentId } from '../../../shared/domain/identity';
import { shanghaiDate } from '../../../shared/domain/dates';
import type { Issue } from '../../../shared/ipc/result';
import type { Database } from '../../db/data-source';
import { lifecycleRepo } from '../../db/repositories/lifecycle-repo';
import type { Tx } from '../../db/repositories/tx';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { invalid, notFound } from '../errors';

type In<S extends z.ZodType> = z.output<S>;

function checkIdentity(i: { idNumber?: string; phone?: string }, today: string, prefix = '') {
  const issues: Issue[] = [];
  let idNumber: string | null = null;
  let phone: string | null = null;
  if (i.idNumber) {
    const r = checkResidentId(i.idNumber, today);
    if (r.ok) idNumber = r.value.number;
    else issues.push({ path: `${prefix}idNumber`, key: r.problem.key, message: r.problem.message, params: r.problem.params });
  }
  if (i.phone) {
    const r = checkPhone(i.phone);
    if (r.ok) phone = r.value;
    else issues.push({ path: `${prefix}phone`, key: r.problem.key, message: r.problem.message });
  }
  if (issues.length) throw invalid(issues);
  return { idNumber, phone };
}

/** Adds a mediator or helper to the committee's people. */
export function createPerson(db: Database, actor: Actor, clock: Clock, i: In<typeof PersonInputSchema>) {
  return db.transaction(async (tx) => {
    const now = clock();
    const { idNumber, phone } = checkIdentity(i, shanghaiDate(now));
    const row = {
      name: i.name, sex: i.sex ?? null, phone, id_number: idNumber, address: i.address || null,
      professions: JSON.stringify(i.professions), employment: i.employment ?? null, active: 1, created_at: now.toISOString(),
    };
    const id = await lifecycleRepo.insert(tx, 'persons', row);
    await recordAudit(tx, { at: now, userId: actor.userId, action: 'person.create', entity: 'person', entityId: id, after: { name: i.name, professions: i.professions } });
    return { id };
  });
}

export function updatePerson(db: Database, actor: Actor, clock: Clock, id: number, i: In<typeof PersonInputSchema>) {
  return db.transaction(async (tx) => {
    const now = clock();
    if (!(await lifecycleRepo.one(tx, `SELECT id FROM persons WHERE id = ?`, [id]))) throw notFound('该人员');
    const { idNumber, phone } = checkIdentity(i, shanghaiDate(now));
    await lifecycleRepo.update(tx, 'persons', id, {
      name: i.name, sex: i.sex ?? null, phone, id_number: idNumber, address: i.address || null,
      professions: JSON.stringify(i.professions), employment: i.employment ?? null,
    });
    await recordAudit(tx, { at: now, userId: actor.userId, action: 'person.update', entity: 'person', entityId: id, after: { name: i.name, professions: i.professions } });
  });
}

/** A declared relationship the conflict check reads (kin, neighbour, work unit). */
export function addRelation(db: Database, actor: Actor, clock: Clock, i: In<typeof RelationInputSchema>) {
  return db.transaction(async (tx) => {
    const now = clock();
    if (!(await lifecycleRepo.one(tx, `SELECT id FROM persons WHERE id = ?`, [i.personId]))) throw notFound('该人员');
    const { idNumber } = checkIdentity({ idNumber: i.otherIdNumber }, shanghaiDate(now), 'other');
    const id = await lifecycleRepo.insert(tx, 'person_relations', {
      person_id: i.personId, kind: i.kind, other_name: i.otherName, other_id_number: idNumber, note: i.note ?? null, created_at: now.toISOString(),
    });
    await recordAudit(tx, { at: now, userId: actor.userId, action: 'person.relation.add', entity: 'person', entityId: i.personId, after: { kind: i.kind } });
    return { id };
  });
}

export function removeRelation(db: Database, actor: Actor, clock: Clock, personId: number, relationId: number) {
  return db.transaction(async (tx) => {
    const r = await lifecycleRepo.one(tx, `SELECT id FROM person_relations WHERE id = ? AND person_id = ?`, [relationId, personId]);
    if (!r) throw notFound('该关系');
    await lifecycleRepo.exec(tx, `DELETE FROM person_relations WHERE id = ?`, [relationId]);
    await recordAudit(tx, { at: clock(), userId: actor.userId, action: 'person.relation.remove', entity: 'person', entityId: personId });
  });
}

async function detail(tx: Tx, id: number): Promise<PersonDetail> {
  const p = await lifecycleRepo.one<{ id: number; name: string; sex: string | null; phone: string | null; id_number: string | null; address: string | null; professions: string; employment: string | null; active: number }>(
    tx, `SELECT id, name, sex, phone, id_number, address, professions, employment, active FROM persons WHERE id = ?`, [id]);
  if (!p) throw notFound('该人员');
  const relations = await lifecycleRepo.rows<{ id: number; kind: string; other_name: string; other_id_number: string | null; note: string | null }>(
    tx, `SELECT id, kind, other_name, other_id_number, note FROM person_relations WHERE person_id = ? ORDER BY id`, [id]);
  return {
    id: p.id, name: p.name, sex: p.sex as PersonDetail['sex'], phone: p.phone, idNumber: p.id_number, address: p.address,
    professions: JSON.parse(p.professions), employment: p.employment as PersonDetail['employment'], active: p.active === 1,
    relations: relations.map((r) => ({ id: r.id, kind: r.kind as PersonDetail['relations'][number]['kind'], otherName: r.other_name, otherIdNumber: r.other_id_number, note: r.note })),
  };
}

export const getPerson = (db: Database, id: number) => db.transaction((tx) => detail(tx, id));

/** Everyone, active first, for the 人员 screen. */
export async function peopleDirectory(db: Database): Promise<PersonDetail[]> {
  return db.transaction(async (tx) => {
    const ids = await lifecycleRepo.rows<{ id: number }>(tx, `SELECT id FROM persons ORDER BY active DESC, name, id`);
    return Promise.all(ids.map((r) => detail(tx, r.id)));
  });
}
