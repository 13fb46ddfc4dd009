import { en } from './en';
import { zhCN, type Messages } from './zh-CN';

export type { Messages };
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export const messages: Record<Language, Messages> = { 'zh-CN': zhCN, en };

/** Every leaf key as a dotted path (`validation.residentId.checksum`). */
export function flattenKeys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' ? flattenKeys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]);
}
