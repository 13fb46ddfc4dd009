import i18next from 'i18next';
import { expect } from 'vitest';
import { LANGUAGES, messages } from '../../shared/i18n';
import { refusalOfKey } from '../../electron/core/exchange/package/refusal';

// The texts of the core's refusals as the renderer shows them (renderer/lib/errors.ts useProblemText: `t(key, params)`),
// with i18next set up as renderer/i18n/index.ts sets it, but with no fallback: a key missing in English must not pass
// by borrowing the Chinese.
const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: messages[l] }])),
  lng: 'zh-CN',
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
const zh = i18n.getFixedT('zh-CN');
const en = i18n.getFixedT('en');

/** Chinese characters, and the full-width punctuation that goes with them (“”，。（）： are all caught). */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

const leaf = (tree: object, key: string): unknown =>
  key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], tree);

export interface ProblemLike {
  key: string;
  message: string;
  params?: Record<string, string | number>;
}

/**
 * A refusal's text in both languages: its key is a string in zh-CN and in en; `t(key, params)` in zh-CN is exactly the
 * core's Chinese message (the two cannot drift); in English it is filled (no `{{…}}` left) and has no Chinese but what
 * the params bring (a committee's name, a file name). With `refusal`, the key is `exchange.refused.<refusal>.<detail>`.
 * Returns the English text.
 */
export function expectRefusalText(p: ProblemLike, refusal?: string): string {
  for (const lang of LANGUAGES) expect(typeof leaf(messages[lang], p.key), `${lang}: ${p.key}`).toBe('string');
  const params = p.params ?? {};
  expect(zh(p.key, params), p.key).toBe(p.message);
  const english = en(p.key, params);
  expect(english, p.key).not.toMatch(/\{\{|\}\}/);
  const own = Object.values(params).map(String).filter(Boolean).sort((a, b) => b.length - a.length);
  const rest = own.reduce((text, v) => text.split(v).join(''), english);
  expect(rest, `${p.key}: ${english}`).not.toMatch(CJK);
  if (refusal !== undefined) {
    expect(p.key).toMatch(/^exchange\.refused\.\w+\.\w+$/);
    expect(refusalOfKey(p.key), p.key).toBe(refusal);
  }
  return english;
}
