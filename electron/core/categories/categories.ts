import type { z } from 'zod';
import type { LocalCategory, LocalCategoryCreateSchema, LocalCategoryUpdateSchema } from '../../../shared/domain/categories';
import { CATEGORY_ZH, type Category } from '../../../shared/domain/enums';
import type { Issue } from '../../../shared/ipc/result';
import type { Database } from '../../db/data-source';
import { categoriesRepo, type LocalCategoryDbRow } from '../../db/repositories/categories-repo';
import { lifecycleRepo } from '../../db/repositories/lifecycle-repo';
import type { Tx } from '../../db/repositories/tx';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { invalid, notFound } from '../errors';

type Create = z.output<typeof LocalCategoryCreateSchema>;
type Update = z.output<typeof LocalCategoryUpdateSchema>;

const NATIONAL_NAMES = new Set(Object.values(CATEGORY_ZH));

const toCategory = (r: LocalCategoryDbRow & { case_count: number }): LocalCategory => ({
  id: r.id, name: r.name, rollsUpTo: r.rolls_up_to as Category, active: r.active === 1, caseCount: r.case_count,
  createdAt: r.created_at, updatedAt: r.updated_at,
});
const audited = (r: Pick<LocalCategoryDbRow, 'name' | 'rolls_up_to' | 'active'>) => ({ name: r.name, rolls_up_to: r.rolls_up_to, active: r.active });

/** Every local category, active ones first, with how many cases use each. */
export async function listLocalCategories(db: Database): Promise<LocalCategory[]> {
  return (await categoriesRepo.list(db.manager)).map(toCategory);
}

/** A name must be the category's own: neither a national category's name nor another local one's. */
async function checkName(tx: Tx, name: string, path: string, self?: number): Promise<void> {
  if (NATIONAL_NAMES.has(name)) {
    throw invalid([{ path, key: 'validation.localCategory.national', params: { name }, message: `“${name}”是国家统计的15类纠纷之一，不能再作为本地纠纷类型，请换一个名称` }]);
  }
  const other = await categoriesRepo.idByName(tx, name);
  if (other !== null && other !== self) {
    throw invalid([{ path, key: 'validation.localCategory.duplicate', params: { name }, message: `已有名为“${name}”的本地纠纷类型，请换一个名称` }]);
  }
}

export async function createLocalCategory(db: Database, actor: Actor, clock: Clock, input: Create): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    await checkName(tx, input.name, 'name');
    const now = clock().toISOString();
    const row = { name: input.name, rolls_up_to: input.rollsUpTo, active: 1 };
    const id = await lifecycleRepo.insert(tx, 'local_categories', { ...row, created_at: now, updated_at: now });
    await recordAudit(tx, { at: clock(), userId: actor.userId, action: 'category.create', entity: 'local_category', entityId: id, after: row });
    return { id };
  });
}

/**
 * Renames, re-points, deactivates or reactivates a local category, in one transaction. Its roll-up may change only
 * while no case uses it: the cases carry the national category they were written with, so re-pointing a used one
 * would make the category say one thing and its past reports another.
 */
export async function updateLocalCategory(db: Database, actor: Actor, clock: Clock, input: Update): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await categoriesRepo.byId(tx, input.id);
    if (!before) throw notFound('该本地纠纷类型');
    const after = {
      name: input.name ?? before.name,
      rolls_up_to: input.rollsUpTo ?? before.rolls_up_to,
      active: input.active === undefined ? before.active : input.active ? 1 : 0,
    };
    if (after.name !== before.name) await checkName(tx, after.name, 'name', before.id);
    if (after.rolls_up_to !== before.rolls_up_to && (await categoriesRepo.used(tx, before.id))) {
      const from = CATEGORY_ZH[before.rolls_up_to as Category];
      throw invalid([{
        path: 'rollsUpTo', key: 'validation.localCategory.used', params: { name: before.name, from },
        message: `“${before.name}”已有案件使用，不能再改为计入其他国家类别（目前计入“${from}”），否则会改变已报送的统计；可以改名或停用，另建一个计入“${CATEGORY_ZH[after.rolls_up_to as Category]}”的本地类型`,
      }]);
    }
    await lifecycleRepo.update(tx, 'local_categories', before.id, { ...after, updated_at: clock().toISOString() });
    await recordAudit(tx, {
      at: clock(), userId: actor.userId, action: 'category.update', entity: 'local_category', entityId: before.id, before: audited(before), after,
    });
  });
}

export const deactivateLocalCategory = (db: Database, actor: Actor, clock: Clock, id: number): Promise<void> =>
  updateLocalCategory(db, actor, clock, { id, active: false });
export const reactivateLocalCategory = (db: Database, actor: Actor, clock: Clock, id: number): Promise<void> =>
  updateLocalCategory(db, actor, clock, { id, active: true });

/**
 * The category a case is written with: the national one as given, or, with a local category, that category's roll-up.
 * An unknown or inactive local category is an issue on `path` (the form shows it under the field).
 */
export async function resolveCaseCategory(
  tx: Tx, category: Category, localCategoryId: number | null | undefined, path = 'localCategoryId',
): Promise<{ category: Category; localCategoryId: number | null; issue?: undefined } | { issue: Issue }> {
  if (localCategoryId === undefined || localCategoryId === null) return { category, localCategoryId: null };
  const local = await categoriesRepo.byId(tx, localCategoryId);
  if (!local) return { issue: { path, key: 'validation.localCategory.unknown', message: '所选本地纠纷类型不存在，请重新选择纠纷类型' } };
  if (local.active !== 1) {
    return { issue: { path, key: 'validation.localCategory.inactive', params: { name: local.name }, message: `本地纠纷类型“${local.name}”已停用，不能用于新的案件，请选择其他纠纷类型` } };
  }
  return { category: local.rolls_up_to as Category, localCategoryId: local.id };
}
