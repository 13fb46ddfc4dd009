import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flattenKeys, messages } from '../../shared/i18n';
import { daysBetween, endOfWeek, urgencyOf } from '../../renderer/cases/detail/dates';
import { actionKey } from '../../renderer/cases/detail/history-format';
import { chineseNumber, termMarker } from '../../renderer/cases/detail/numbering';

const ROOT = resolve(import.meta.dirname, '../..');

describe('the case page helpers', () => {
  it('numbers agreement terms the Chinese way', () => {
    expect([1, 2, 9, 10, 11, 20, 21, 50].map(chineseNumber)).toEqual(['一', '二', '九', '十', '十一', '二十', '二十一', '五十']);
    expect(termMarker(2, true)).toBe('二、');
    expect(termMarker(2, false)).toBe('2.');
  });

  it('colours deadlines: past is overdue, up to Sunday is this week', () => {
    // 2026-06-17 is a Wednesday.
    expect(endOfWeek('2026-06-17')).toBe('2026-06-21');
    expect(endOfWeek('2026-06-21')).toBe('2026-06-21');
    expect(urgencyOf('2026-06-16', '2026-06-17')).toBe('overdue');
    expect(urgencyOf('2026-06-17', '2026-06-17')).toBe('thisWeek');
    expect(urgencyOf('2026-06-21', '2026-06-17')).toBe('thisWeek');
    expect(urgencyOf('2026-06-22', '2026-06-17')).toBeNull();
    expect(daysBetween('2026-06-17', '2026-06-07')).toBe(-10);
  });

  it('has a label in both languages for every case action the core audits', () => {
    const codes = new Set<string>();
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
      .flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
    for (const file of walk(join(ROOT, 'electron/core'))) {
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/'(case\.[a-zA-Z.]+)'/g)) codes.add(m[1]);
    }
    // Codes built from a value: each outcome and each kind of record.
    for (const o of ['agreed', 'failed', 'withdrawn']) codes.add(`case.conclude.${o}`);
    for (const k of ['investigation', 'mediation']) codes.add(`case.record.${k}`);
    expect(codes.size).toBeGreaterThan(20);
    for (const lang of ['zh-CN', 'en'] as const) {
      const keys = new Set(flattenKeys(messages[lang]));
      expect([...codes].filter((c) => !keys.has(actionKey(c))), lang).toEqual([]);
    }
  });
});
