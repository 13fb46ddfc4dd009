import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../electron/core/audit/audit';
import { inputProblems } from '../../electron/ipc/input-guard';
import type { Session } from '../../electron/ipc/session';
import { newSession } from '../../electron/ipc/session';
import { CHANNELS, contract, type Channel } from '../../shared/ipc/contract';
import { ERROR_CODES, type Result } from '../../shared/ipc/result';
import { validInput, type FixtureIds } from '../support/channel-inputs';
import { committeeFixture, ok } from '../support/db';
import { makeResidentId } from '../support/identity';

// Every IPC channel fed generated malformed input (issue 7, Proof: Fuzzing): wrong types, huge strings, control
// characters, deep nesting, prototype-pollution keys, NaN and Infinity, arrays for objects. No throw escapes the
// dispatcher, every answer is a refusal with a Chinese message, nothing is written, Object.prototype stays clean.
// Runs: RUNS malformed inputs per channel signed in as admin and UNAUTH_RUNS signed out (~13,500 calls for ~115
// channels): about 35 s of the file's ~50 s on the shared 2-core machine (150 runs took 52 s, too close to the minute
// budget). Generated inputs that happen to be valid are filtered out, not counted. FUZZ_RUNS=1000 to look harder.
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const UNAUTH_RUNS = Math.max(10, Math.round(RUNS / 6));

const now = new Date('2026-10-10T02:00:00Z');
let f: Awaited<ReturnType<typeof committeeFixture>>;
let admin: Session;
let ids: FixtureIds;
let tables: string[];

beforeAll(async () => {
  f = await committeeFixture({ clock: () => now });
  admin = await f.signedIn();
  const personId = ok(await f.call(admin, 'people:mediators', {}))[0].id;
  const caseId = ok(await f.call(admin, 'cases:create', {
    category: 'neighbour', channel: 'application', summary: '楼上住户装修噪音影响楼下休息', registeredOn: '2026-10-08',
    parties: [
      { role: 'applicant', name: '陈静', idType: 'resident_id', idNumber: makeResidentId('1980-02-03', 'female', 21), phone: '13857700001' },
      { role: 'respondent', name: '赵刚', idType: 'none' },
    ],
  })).id;
  ok(await f.call(admin, 'cases:accept', { caseId, acceptedOn: '2026-10-09', leadMediatorId: personId }));
  const venueId = ok(await f.call(admin, 'venues:create', { name: '第一调解室', kind: 'room', capacity: 8 })).id;
  const meetingId = ok(await f.call(admin, 'schedule:create', {
    caseId, venueId, startsAt: '2026-10-20T01:00:00.000Z', endsAt: '2026-10-20T02:00:00.000Z',
  })).id!;
  ids = { caseId, personId, meetingId, venueId };
  tables = (await f.core.db.query<{ name: string }>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit_events' ORDER BY name`,
  )).map((t) => t.name);
}, 60_000);

afterAll(() => f.close());

/** Every table's content but the audit log's, as one hash: equal before and after means nothing was written. */
async function digest(): Promise<string> {
  const h = createHash('sha256');
  for (const t of tables) {
    h.update(t);
    const rows = await f.core.db.query(`SELECT * FROM "${t}"`);
    h.update(JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v)));
  }
  return h.digest('hex');
}
const auditActions = async (afterId: number) =>
  (await f.core.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE id > ? ORDER BY id`, [afterId])).map((r) => r.action);
const lastAuditId = async () => (await f.core.db.query<{ n: number | null }>(`SELECT max(id) AS n FROM audit_events`))[0].n ?? 0;

// An object with an own key the prototype chain would otherwise answer (as JSON.parse makes them).
const polluted = fc.constantFrom('__proto__', 'constructor', 'prototype').map((k) => JSON.parse(`{"${k}":{"polluted":true,"isAdmin":true}}`) as object);
const nest = (depth: number, asArray: boolean): unknown => {
  let v: unknown = '底';
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
};
const control = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 40 })
  .map((s) => `张${s}伟\u007f\u202e`);
const huge = fc.tuple(fc.integer({ min: 60_000, max: 200_000 }), fc.constantFrom('调', 'a', '\u0000', '𠀀', ' ')).map(([n, c]) => c.repeat(n));

/** A value of the wrong kind for almost any field. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, NaN, Infinity, -Infinity, -0, Number.MAX_SAFE_INTEGER + 2, 1e308, -1, 0, 0.5, true, false, '', ' ', '\u0000'),
  fc.integer(), fc.double(), fc.string(), fc.string({ unit: 'grapheme' }), control, huge,
  fc.date({ noInvalidDate: false }), fc.bigInt(), fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
  fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }),
  fc.tuple(fc.integer({ min: 20, max: 3000 }), fc.boolean()).map(([d, a]) => nest(d, a)),
  polluted,
);

/** A valid input with one field (existing, known to the schema, or new) replaced by junk, maybe one level down. */
function mutated(c: Channel): fc.Arbitrary<unknown> {
  const base = validInput(c, ids);
  if (!base || typeof base !== 'object' || Array.isArray(base)) return junk;
  const keys = Object.keys(base);
  const key = keys.length ? fc.oneof(fc.constantFrom(...keys), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'id', 'zzz')) : fc.constantFrom('__proto__', 'id', 'zzz');
  return fc.tuple(key, junk, fc.boolean()).map(([k, v, down]) => {
    const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
    // Own fields only: copy.__proto__ is Object.prototype itself, which the test must not pollute.
    const inner = Object.hasOwn(copy, k) ? copy[k] : undefined;
    if (down && inner && typeof inner === 'object') {
      const ik = Array.isArray(inner) ? '0' : (Object.keys(inner)[0] ?? 'zzz');
      Object.defineProperty(inner, ik, { value: v, enumerable: true, configurable: true, writable: true });
    } else Object.defineProperty(copy, k, { value: v, enumerable: true, configurable: true, writable: true });
    return copy;
  });
}

/** The valid input with a prototype-pollution key added as JSON would bring it. */
const pollutedValid = (c: Channel) => fc.constantFrom('__proto__', 'constructor', 'prototype').map((k) => {
  const base = validInput(c, ids);
  const json = JSON.stringify(base);
  return JSON.parse(json.startsWith('{') && json !== '{}' ? `{"${k}":{"polluted":true},${json.slice(1)}` : `{"${k}":{"polluted":true}}`) as unknown;
});

/**
 * Malformed for the channel: its schema or the input guard refuses it. A generated input that happens to be valid (a
 * random but well-formed name, a junk id that parses) is not malformed and is left out, so every answer must be a
 * refusal; that no string is unbounded is checked on the schemas (test/unit/input-guard.test.ts).
 */
const malformed = (c: Channel) => fc.oneof(junk, mutated(c), pollutedValid(c))
  .filter((x) => inputProblems(x).length > 0 || !contract[c].input.safeParse(x ?? {}).success);

const HAS_CHINESE = /[\u4e00-\u9fff]/;
function checkAnswer(c: Channel, r: Result<unknown>, signedIn: boolean): void {
  expect(r && typeof r === 'object').toBe(true);
  expect(r.ok, `${c} answered a malformed input`).toBe(false);
  if (r.ok) return;
  expect(Object.keys(r).sort()).toEqual(['error', 'ok']);
  expect(ERROR_CODES).toContain(r.error.code);
  expect(r.error.message, `${c}: ${r.error.code} without a Chinese message`).toMatch(HAS_CHINESE);
  expect(r.error.code, `${c}: ${r.error.message}`).not.toBe('INTERNAL');
  if (!signedIn && contract[c].permission !== 'public') expect(['UNAUTHENTICATED', 'VALIDATION']).toContain(r.error.code);
}

// What the built-in prototypes own before any input: they must own exactly that after every call.
const BUILT_INS = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Object] as const;
const pristine = BUILT_INS.map((o) => Object.getOwnPropertyNames(o).sort().join());
const prototypeClean = () => {
  BUILT_INS.forEach((o, i) => expect(Object.getOwnPropertyNames(o).sort().join()).toBe(pristine[i]));
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
};

describe('every channel, fed malformed input', () => {
  it('answers each with a proper refusal, writes nothing, pollutes nothing', async () => {
    const problems: string[] = [];
    for (const c of CHANNELS) {
      const before = await digest();
      const auditFrom = await lastAuditId();
      const run = async (signedIn: boolean, runs: number) => fc.assert(fc.asyncProperty(malformed(c), async (input) => {
        const session = signedIn ? { ...admin } : newSession();
        let r: Result<unknown>;
        try {
          r = await f.dispatch(session, c, input);
        } catch (e) {
          throw new Error(`${c}: the dispatcher threw ${(e as Error).message}`, { cause: e });
        }
        checkAnswer(c, r, signedIn);
        prototypeClean();
      }), { numRuns: runs, seed: 20261127, endOnFailure: true });
      try {
        await run(true, RUNS);
        await run(false, UNAUTH_RUNS);
      } catch (e) {
        problems.push(`${c}: ${String((e as Error).message).split('\n').slice(0, 8).join(' | ').slice(0, 1500)}`);
        continue;
      }
      if ((await digest()) !== before) problems.push(`${c}: wrote to the database`);
      // The dispatcher audits refusals of permission only, none for an admin; malformed input is refused before that.
      const audited = await auditActions(auditFrom);
      if (audited.length) problems.push(`${c}: audit rows ${audited.join(',')}`);
    }
    expect(problems).toEqual([]);
  }, 600_000);

  it('leaves the app healthy: it still answers, the database and its audit chain are whole', async () => {
    expect(ok(await f.call(admin, 'app:status', {})).state).toBe('ready');
    expect(ok(await f.call(admin, 'cases:list', {})).total).toBe(1);
    const [check] = await f.core.db.query<{ integrity_check: string }>('PRAGMA integrity_check');
    expect(check.integrity_check).toBe('ok');
    expect((await f.core.db.transaction((tx) => verifyAudit(tx))).ok).toBe(true);
    prototypeClean();
  });
});
