import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import type { LocalCategory } from '../../shared/domain/categories';
import { CATEGORIES, type Category } from '../../shared/domain/enums';
import { api } from '../lib/api';

/** A picker's value for a local category: `local:7`; a national one is its code. */
export const localValue = (id: number): string => `local:${id}`;
export const parseLocalValue = (v: string | undefined): number | null => {
  const m = /^local:(\d+)$/.exec(v ?? '');
  return m ? Number(m[1]) : null;
};

/** The committee's local categories (设置 → 纠纷类型), active and inactive; empty until loaded or if the read fails. */
export function useLocalCategories(): LocalCategory[] {
  const [locals, setLocals] = useState<LocalCategory[]>([]);
  useEffect(() => {
    let live = true;
    void api.call('categories:list', {}).then((r) => { if (live && r.ok) setLocals(r.value); });
    return () => { live = false; };
  }, []);
  return locals;
}

/**
 * The 15 national categories in report order, each followed by its local ones (劳动争议 › 拖欠农民工工资). Inactive
 * local ones are left out of a picker for new cases, kept in a filter (old cases still carry them).
 */
export function categoryOptions(t: TFunction, locals: readonly LocalCategory[], withInactive = false): { value: string; label: string }[] {
  return CATEGORIES.flatMap((c) => {
    const national = t(`categories.${c}`);
    const own = locals.filter((l) => l.rollsUpTo === c && (withInactive || l.active));
    return [
      { value: c as string, label: national },
      ...own.map((l) => ({
        value: localValue(l.id),
        label: t('localCategories.option', { national, local: l.active ? l.name : t('localCategories.inactiveOption', { name: l.name }) }),
      })),
    ];
  });
}

/** The case's category as the case shows it: 拖欠农民工工资（计入劳动争议）, or the national name alone. */
export const caseCategoryText = (t: TFunction, category: Category, local: string | null | undefined): string =>
  local ? t('localCategories.counted', { local, national: t(`categories.${category}`) }) : t(`categories.${category}`);

/** The national category first, as the report counts it: 劳动争议（拖欠农民工工资）. */
export const reportCategoryText = (t: TFunction, category: string, local: string | null | undefined): string =>
  local ? t('localCategories.withLocal', { national: t(`categories.${category}`), local }) : t(`categories.${category}`);
