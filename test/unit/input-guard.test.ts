import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inputProblems, MAX_DEPTH } from '../../electron/ipc/input-guard';
import { CalendarDateSchema } from '../../shared/domain/case';
import { CHANNELS, contract } from '../../shared/ipc/contract';

type Js = { type?: string; properties?: Record<string, Js>; items?: Js; anyOf?: Js[]; oneOf?: Js[]; additionalProperties?: unknown };
const schemaOf = (c: (typeof CHANNELS)[number]) => z.toJSONSchema(contract[c].input as z.ZodType, { unrepresentable: 'any', io: 'input' }) as Js;
const depth = (js: Js): number => {
  const kids = [...Object.values(js.properties ?? {}), ...(js.items ? [js.items] : []), ...(js.anyOf ?? []), ...(js.oneOf ?? [])];
  const inner = Math.max(0, ...kids.map(depth));
  return js.type === 'object' || js.type === 'array' ? inner + 1 : inner;
};

describe('the input guard (before zod, in the dispatcher)', () => {
  it('refuses prototype-pollution keys wherever they are, naming where', () => {
    const p = inputProblems(JSON.parse('{"caseId":1,"meeting":{"__proto__":{"isAdmin":true}}}'));
    expect(p).toHaveLength(1);
    expect(p[0].message).toBe('meeting的__proto__：是不允许的字段名');
    expect(inputProblems({ parties: [{ constructor: 'x' }] })[0].message).toBe('当事人第1项的constructor：是不允许的字段名');
    expect(inputProblems({ prototype: 1 })).toHaveLength(1);
  });

  it('refuses control characters but keeps tabs and line breaks', () => {
    expect(inputProblems({ summary: '第一行\n第二行\r\n\t缩进' })).toEqual([]);
    for (const c of ['\u0000', '\u0007', '\u001b', '\u007f', '\u000b']) {
      const [issue] = inputProblems({ summary: `漏${c}水` });
      expect(issue.message).toBe('纠纷简要情况：含有不可见的控制字符，请删除后重试');
      expect(issue.key).toBe('validation.control_chars');
    }
    expect(inputProblems(['\u0000'])[0].path).toBe('0');
  });

  it('refuses nesting deeper than any channel takes, and floods of values', () => {
    let v: unknown = 1;
    for (let i = 0; i < 10_000; i++) v = { a: v };
    expect(inputProblems(v)[0].message).toMatch(/嵌套层次过深/);
    expect(inputProblems({ parties: new Array(200_000).fill(0) })[0].message).toBe('当事人：内容过多');
    for (const c of CHANNELS) expect(depth(schemaOf(c)), c).toBeLessThan(MAX_DEPTH);
  });

  it('refuses what is not plain data (a Date passed z.object({}).strict() as an empty object)', () => {
    for (const v of [new Date(), new Map([['a', 1]]), new Set([1]), new Uint8Array(4), /x/, 10n]) {
      expect(inputProblems(v)[0].message, String(v)).toBe('输入：类型不对');
    }
    expect(inputProblems({ meeting: { startsAt: new Date() } })[0].path).toBe('meeting.startsAt');
    expect(inputProblems(Object.assign(Object.create(null) as object, { id: 1 }))).toEqual([]);
  });

  it('lets ordinary input through untouched', () => {
    expect(inputProblems({ caseId: 3, parties: [{ name: '买买提·艾力', address: '龙港市白沙社区人民路128号' }], amountFen: 0, ok: null })).toEqual([]);
    expect(inputProblems(undefined)).toEqual([]);
  });

  it('bounds every string of every channel: a maximum length, a bounded pattern, or a calendar date', () => {
    const unbounded: string[] = [];
    const walk = (js: Js & { maxLength?: number; pattern?: string; format?: string; enum?: unknown; const?: unknown }, where: string, key: string) => {
      if (js.type === 'string') {
        const bounded = js.maxLength !== undefined || js.enum !== undefined || js.const !== undefined || js.format === 'date-time'
          || (js.pattern !== undefined && /^\^.*\$$/.test(js.pattern) && !/[*+]|\{\d+,\}/.test(js.pattern))
          // A calendar date is a refinement JSON Schema cannot show; its check is a fixed-length pattern (below).
          || /(^on$|On$|^from$|^to$|Date$|Deadline$|At$|^registered(From|To)$)/.test(key);
        if (!bounded) unbounded.push(where);
      }
      for (const [k, v] of Object.entries(js.properties ?? {})) walk(v, `${where}.${k}`, k);
      if (js.items) walk(js.items, `${where}[]`, key);
      for (const x of [...(js.anyOf ?? []), ...(js.oneOf ?? [])]) walk(x, where, key);
    };
    for (const c of CHANNELS) walk(schemaOf(c), c, '');
    expect(unbounded).toEqual([]);
    expect(CalendarDateSchema.safeParse(`2026-10-05${'0'.repeat(100_000)}`).success).toBe(false);
  });

  it('every channel’s input is a strict object all the way down: unknown keys are refused, not dropped', () => {
    const loose: string[] = [];
    const walk = (js: Js, where: string) => {
      if (js.type === 'object' && js.additionalProperties !== false) loose.push(where || '(input)');
      for (const [k, v] of Object.entries(js.properties ?? {})) walk(v, `${where}.${k}`);
      if (js.items) walk(js.items, `${where}[]`);
      for (const a of [...(js.anyOf ?? []), ...(js.oneOf ?? [])]) walk(a, where);
    };
    for (const c of CHANNELS) walk(schemaOf(c), c);
    expect(loose).toEqual([]);
  });
});
