import { z } from 'zod';
import { CategorySchema } from './enums';

/**
 * Local dispute categories (DOMAIN.md): a committee's own names (拖欠农民工工资, 非正常死亡纠纷), each rolling up into one
 * of the 15 national categories for the report. A case keeps both: the local one it was registered under and the
 * national one it counts in.
 */
const Name = z.string().trim().min(1, { message: '请填写纠纷类型名称' }).max(30, { message: '纠纷类型名称最多30个字' });

export const LocalCategorySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  rollsUpTo: CategorySchema,
  active: z.boolean(),
  /** Cases registered under it: once there is one, its roll-up can no longer change. */
  caseCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LocalCategory = z.infer<typeof LocalCategorySchema>;

export const LocalCategoryCreateSchema = z.object({ name: Name, rollsUpTo: CategorySchema }).strict();
export type LocalCategoryCreate = z.input<typeof LocalCategoryCreateSchema>;

/** Rename, re-point (only while unused), deactivate or reactivate; fields left out stay as they are. */
export const LocalCategoryUpdateSchema = z.object({
  id: z.number().int().positive(),
  name: Name.optional(),
  rollsUpTo: CategorySchema.optional(),
  active: z.boolean().optional(),
}).strict();
export type LocalCategoryUpdate = z.input<typeof LocalCategoryUpdateSchema>;
