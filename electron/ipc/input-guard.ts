import type { Issue } from '../../shared/ipc/result';
import { describePath } from './zod-issues';

/** Deeper than any channel's input (the deepest, office:import's files, is 3): nothing real is refused. */
export const MAX_DEPTH = 8;
const MAX_ISSUES = 5;
/** Far more values than any input holds (office:import's 1,000 files are about 3,000). */
const MAX_NODES = 100_000;
/** Keys that name the prototype chain: no input has them, and merged into an object they would reach every object. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** C0 controls but tab, line feed and carriage return, and DEL: nothing a person types or pastes, nothing a field keeps. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/; // eslint-disable-line no-control-regex

/**
 * What zod does not look at, checked once over the raw input before it: prototype-pollution keys (zod lists a strict
 * object's unknown keys, but a loose one would drop them silently), control characters in any string, values that are
 * not plain data (a Date passes z.object({}).strict()), and nesting deeper than any input has (refused before a schema
 * walks it).
 */
export function inputProblems(input: unknown): Issue[] {
  const issues: Issue[] = [];
  const add = (path: PropertyKey[], key: string, what: string) =>
    issues.push({ path: path.map(String).join('.'), key, message: `${describePath(path)}：${what}` });
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: input, path: [] }];
  let nodes = 0;
  while (stack.length && issues.length < MAX_ISSUES) {
    if (++nodes > MAX_NODES) {
      add([], 'validation.too_big', '内容过多');
      break;
    }
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (CONTROL.test(value)) add(path, 'validation.control_chars', '含有不可见的控制字符，请删除后重试');
      continue;
    }
    if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') {
      add(path, 'validation.invalid_type', '类型不对');
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    // Plain data only: a Date, Map or typed array has no own keys, and a strict object schema would take it for {}.
    const proto = Object.getPrototypeOf(value) as unknown;
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) {
      add(path, 'validation.invalid_type', '类型不对');
      continue;
    }
    if (path.length >= MAX_DEPTH) {
      add(path, 'validation.too_deep', '嵌套层次过深');
      continue;
    }
    if (Array.isArray(value)) {
      if (nodes + value.length > MAX_NODES) {
        add(path, 'validation.too_big', '内容过多');
        break;
      }
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i] as unknown, path: [...path, i] });
      continue;
    }
    for (const k of Object.keys(value)) {
      if (PROTOTYPE_KEYS.has(k)) add([...path, k], 'validation.prototype_key', '是不允许的字段名');
      else stack.push({ value: (value as Record<string, unknown>)[k], path: [...path, k] });
    }
  }
  return issues;
}
