import { describe, expect, it } from 'vitest';
import { flattenKeys, messages } from '../../shared/i18n';
import { ERROR_CODES } from '../../shared/ipc/result';
import { CATEGORIES, CHANNELS, CASE_STATUSES, ID_TYPES, ROLES } from '../../shared/domain/enums';
import { checkIdDocument, checkPhone } from '../../shared/domain/identity';

const zh = new Set(flattenKeys(messages['zh-CN']));
const en = new Set(flattenKeys(messages.en));

const leaf = (tree: object, key: string): unknown =>
  key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], tree);

describe('i18n resources', () => {
  it('English has every Chinese key', () => {
    expect([...zh].filter((k) => !en.has(k))).toEqual([]);
  });

  it('Chinese has every English key', () => {
    expect([...en].filter((k) => !zh.has(k))).toEqual([]);
  });

  it('no message is empty', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const k of flattenKeys(messages[lang])) {
        const v = leaf(messages[lang], k);
        expect(typeof v === 'string' && v.trim().length > 0, `${lang} ${k}`).toBe(true);
      }
    }
  });

  it('carries the keys the core sends and every enumeration value', () => {
    const required = [
      ...ERROR_CODES.map((c) => `errors.${c}`),
      'validation.residentId.length', 'validation.residentId.chars', 'validation.residentId.birthDate',
      'validation.residentId.checksum', 'validation.idNumber.missing', 'validation.idNumber.shape',
      'validation.phone.shape', 'validation.required', 'validation.invalid',
      'validation.referralBody.missing', 'validation.registeredOn.future', 'validation.parties.applicant',
      'validation.leadMediator.unknown', 'errors.accountDisabled', 'errors.databaseKey',
      ...CATEGORIES.map((c) => `categories.${c}`),
      ...CHANNELS.map((c) => `channels.${c}`),
      ...CASE_STATUSES.map((s) => `statuses.${s}`),
      ...ID_TYPES.map((t) => `idTypes.${t}`),
      ...ROLES.map((r) => `roles.${r}`),
    ];
    expect(required.filter((k) => !zh.has(k) || !en.has(k))).toEqual([]);
  });

  it('interpolates the same parameters in both languages', () => {
    const params = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const k of zh) {
      expect(params(leaf(messages.en, k)), k).toEqual(params(leaf(messages['zh-CN'], k)));
    }
  });

  it('speaks the committee’s words for the check digit', () => {
    expect(leaf(messages['zh-CN'], 'validation.residentId.checksum')).toBe('身份证号码第18位校验码不符，请核对');
  });

  it('says in Chinese exactly what the domain checks say', () => {
    const problems = [
      checkIdDocument('resident_id', '3303'),
      checkIdDocument('resident_id', '33032719900101123A'),
      checkIdDocument('resident_id', '330327199002301234'),
      checkIdDocument('resident_id', '330327199001011230'),
      checkIdDocument('passport', ''),
      checkIdDocument('passport', '护照'),
      checkPhone('12'),
    ];
    for (const r of problems) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      const { key, message, params = {} } = r.problem;
      const text = String(leaf(messages['zh-CN'], key)).replace(/\{\{(\w+)\}\}/g, (_, p: string) => String(params[p]));
      expect(text, key).toBe(message);
    }
  });
});
