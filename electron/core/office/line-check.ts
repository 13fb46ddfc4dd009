import type { z } from 'zod';

/** True only when zod would accept the value as it is; false means "not sure": zod then decides, and words the refusal. */
export type LineCheck = (value: unknown) => boolean;

type Def = {
  type: string;
  checks?: { _zod: { def: Record<string, unknown> } }[];
  format?: string;
  pattern?: RegExp;
  entries?: Record<string, unknown>;
  values?: unknown[];
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
};

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const NEVER: LineCheck = () => false;

/** A check of every refinement a string or number carries; null when one is not understood (zod alone then). */
function refinements(def: Def): LineCheck | null {
  const parts: LineCheck[] = [];
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'min_length' && typeof d.minimum === 'number') parts.push((v) => (v as string).length >= (d.minimum as number));
    else if (d.check === 'max_length' && typeof d.maximum === 'number') parts.push((v) => (v as string).length <= (d.maximum as number));
    else if (d.check === 'string_format' && d.format === 'regex' && d.pattern instanceof RegExp) parts.push(regexCheck(d.pattern));
    else if (d.check === 'number_format' && d.format === 'safeint') parts.push((v) => Number.isSafeInteger(v));
    else if (d.check === 'greater_than' && typeof d.value === 'number') {
      const min = d.value;
      parts.push(d.inclusive ? (v) => (v as number) >= min : (v) => (v as number) > min);
    } else if (d.check === 'less_than' && typeof d.value === 'number') {
      const max = d.value;
      parts.push(d.inclusive ? (v) => (v as number) <= max : (v) => (v as number) < max);
    } else return null;
  }
  return (v) => {
    for (const p of parts) if (!p(v)) return false;
    return true;
  };
}

/** As zod tests a pattern: from the start of the string each time. */
const regexCheck = (pattern: RegExp): LineCheck => (v) => {
  pattern.lastIndex = 0;
  return pattern.test(v as string);
};

/**
 * Compiles a zod schema of the exchange line schemas' kinds (strict objects, strings with lengths, regexes and uuid,
 * safe integers with bounds, booleans, enums, literals, arrays, nullable, optional) into a plain check; anything else
 * gives null, and such a value is left to zod. Same rules, a fraction of the cost per line (no issue lists, no copies).
 */
export function compileCheck(schema: z.ZodType): LineCheck | null {
  const def = defOf(schema);
  switch (def.type) {
    case 'string': {
      const more = refinements(def);
      if (!more) return null;
      if (def.format !== undefined) {
        if (def.format !== 'uuid' && def.format !== 'regex') return null;
        if (!(def.pattern instanceof RegExp)) return null;
        const own = regexCheck(def.pattern);
        return (v) => typeof v === 'string' && own(v) && more(v);
      }
      return (v) => typeof v === 'string' && more(v);
    }
    case 'number': {
      if (def.format !== undefined) return null;
      const more = refinements(def);
      return more && ((v) => typeof v === 'number' && Number.isFinite(v) && more(v));
    }
    case 'boolean':
      return def.checks?.length ? null : (v) => typeof v === 'boolean';
    case 'enum': {
      if (def.checks?.length || !def.entries) return null;
      const values = new Set(Object.values(def.entries));
      return (v) => values.has(v);
    }
    case 'literal': {
      if (def.checks?.length || !def.values) return null;
      const values = new Set(def.values);
      return (v) => values.has(v);
    }
    case 'nullable': {
      const inner = def.checks?.length || !def.innerType ? null : compileCheck(def.innerType);
      return inner && ((v) => v === null || inner(v));
    }
    case 'optional': {
      const inner = def.checks?.length || !def.innerType ? null : compileCheck(def.innerType);
      return inner && ((v) => v === undefined || inner(v));
    }
    case 'array': {
      const element = def.checks?.length || !def.element ? null : compileCheck(def.element);
      if (!element) return null;
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (const item of v) if (!element(item)) return false;
        return true;
      };
    }
    case 'object': {
      // Strict objects only: a stripping object would hand back a different object than it was given.
      if (def.checks?.length || !def.shape || !def.catchall || defOf(def.catchall).type !== 'never') return null;
      const fields: [string, LineCheck][] = [];
      for (const [key, field] of Object.entries(def.shape)) {
        const check = compileCheck(field);
        if (!check) return null;
        fields.push([key, check]);
      }
      // A key Object.prototype also has would read through to it below: zod alone for such a schema.
      if (fields.some(([key]) => key in Object.prototype)) return null;
      return compiledObject(fields);
    }
    default:
      return null;
  }
}

/**
 * A strict object's check as code of its own, generated from the schema's keys (the schema's, never a line's): each
 * field read by name, so the engine reads every line's fields at fixed places instead of looking each key up; about a
 * fifth of an office import's checking. An own key the schema does not have makes the count of keys differ from the
 * count of fields present (JSON gives no undefined values), so it is refused as zod refuses it.
 */
function compiledObject(fields: [string, LineCheck][]): LineCheck {
  const reads = fields.map(([key], i) => `v = o[${JSON.stringify(key)}]; if (v !== undefined) present++; if (!c${i}(v)) return false;`);
  const make = new Function(...fields.map((_, i) => `c${i}`), `return function check(o) {
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return false;
    let keys = 0;
    for (const k in o) keys++;
    let present = 0, v;
    ${reads.join('\n    ')}
    return present === keys;
  };`) as (...checks: LineCheck[]) => LineCheck;
  return make(...fields.map(([, check]) => check));
}

/** compileCheck, or a check that is never sure (every value then goes through zod). */
export const lineCheck = (schema: z.ZodType): LineCheck => compileCheck(schema) ?? NEVER;
