import fc from 'fast-check';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { RECORD_FILES, type RecordFile } from '../../shared/domain/exchange';
import { DeletionLineSchema, PERSONAL_FIELDS, RECORD_LINE_SCHEMAS } from '../../shared/domain/exchange-records';
import { compileCheck } from '../../electron/core/office/line-check';

/**
 * The office's compiled line check (line-check.ts) must accept exactly what zod accepts: a line it accepts skips zod
 * on import, so one it wrongly accepted would be written. Random edits of valid lines of every file, at both levels.
 */

const U = (n: number) => `${String(n).repeat(8)}-1111-4111-8111-${String(n).repeat(12)}`;
const stamp = '2026-03-01T01:00:00.000Z';
const live = (n: number) => ({ uuid: U(n), revision: 7, updated_at: stamp });

const VALID: Record<RecordFile, Record<string, unknown>> = {
  'people.ndjson': {
    ...live(1), name: '周敏', phone: null, sex: 'female', professions: ['mediator', 'lawyer'], employment: 'part_time', active: true,
    joined_on: '2024-01-01', left_on: null, created_at: stamp,
  },
  'cases.ndjson': {
    ...live(2), case_no: '（2026）测调字第1号', category: 'neighbour', local_category: null, channel: 'application', referral_body: null,
    status: 'agreed', registered_on: '2026-01-02', accepted_on: '2026-01-02', due_on: '2026-02-01', extended_due_on: null, outcome: 'agreed',
    concluded_on: '2026-01-20', closed_on: null, archived_on: null, amount_fen: 1000, persons_involved: 2, agreement_form: 'written',
    agreement_amount_fen: 500, performance: 'performed', jc_status: 'none', satisfaction: 'satisfied', prevented_criminal: false,
    prevented_criminal_persons: 0, prevented_suicide: false, prevented_suicide_persons: 0, prevented_group_petition: true,
    prevented_group_petition_persons: 3, prevented_group_fight: false, prevented_group_fight_persons: 0, lead_mediator_uuid: U(1),
    failure_routes: null, external_code: null, created_at: stamp, summary: '邻里纠纷', requests: ['疏通排水'], applicant_names: '甲',
    respondent_names: '乙', rejection_reason: null, termination_reason: null,
  },
  'parties.ndjson': {
    ...live(3), case_uuid: U(2), position: 0, role: 'applicant', kind: 'person', pseudonym: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', sex: 'male',
    age_band: '30-39', id_type: 'none', created_at: stamp, name: '某某', ethnicity: null, birth_date: '1990-05-01', id_number: null, phone: null,
    address: null, occupation: null, credit_code: null, representative: null, representative_title: null,
  },
  'sessions.ndjson': {
    ...live(4), case_uuid: U(2), held_at: stamp, parties_present_count: 2, attendees_count: 1, private: false, created_at: stamp,
    place: '调解室', parties_present: ['甲', '乙'], attendees: ['丙'], content: '双方陈述', result: '达成一致', recorder: '丁',
  },
  'agreements.ndjson': {
    ...live(5), case_uuid: U(2), form: 'written', amount_fen: 500, performance_deadline: null, effective_on: '2026-01-20',
    performance: 'performed', term_performance: ['performed'], jc_status: 'none', jc_applied_on: null, jc_decided_on: null, created_at: stamp,
    facts: '事实', terms: ['条款'], performance_method: '一次性',
  },
  'followups.ndjson': {
    ...live(6), case_uuid: U(2), visited_on: '2026-02-01', visitor_person_uuid: null, performance: 'performed', satisfaction: 'satisfied',
    created_at: stamp, notes: null,
  },
  'sweeps.ndjson': { ...live(7), swept_on: '2026-02-03', found: 2, prevented: 1, created_at: stamp, area: '一组', note: null },
};

// Values of every kind the schemas tell apart: valid enum members, days, uuids, bounds of the integers, wrong types.
const POOL: unknown[] = [
  null, undefined, true, false, 0, -0, 1, -1, 1.5, 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER, '', 'x', ' ', '2026-01-01', '2026-1-1',
  '20260101', U(9), U(9).toUpperCase(), `${U(9)}x`, '00000000-0000-0000-0000-000000000000', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz',
  '30-39', '1000-1', 'male', 'female', 'mediator', 'volunteer', 'full_time', 'neighbour', 'application', 'agreed', 'failed', 'withdrawn',
  'in_mediation', 'written', 'oral', 'performed', 'partial', 'none', 'applied', 'satisfied', 'applicant', 'person', 'resident_id', [], ['x'],
  ['performed'], ['mediator', 'nobody'], [null], {}, { a: 1 },
];

type Edit = { key: string; value: unknown; remove: boolean };

function levelSchema(file: RecordFile, level: 'full' | 'deidentified'): z.ZodObject {
  const schema = RECORD_LINE_SCHEMAS[file] as z.ZodObject;
  return level === 'full' ? schema : schema.omit(Object.fromEntries(PERSONAL_FIELDS[file].map((k) => [k, true])) as Record<string, true>);
}

function validLine(file: RecordFile, level: 'full' | 'deidentified') {
  const line = { ...VALID[file] };
  if (level === 'deidentified') for (const k of PERSONAL_FIELDS[file]) delete line[k];
  return line;
}

describe('the office line check agrees with the zod line schemas', () => {
  it('every line schema compiles, and the valid lines pass both', () => {
    for (const file of RECORD_FILES) {
      for (const level of ['full', 'deidentified'] as const) {
        const schema = levelSchema(file, level);
        const check = compileCheck(schema);
        expect(check, file).not.toBeNull();
        expect(schema.safeParse(validLine(file, level)).success, file).toBe(true);
        expect(check!(validLine(file, level)), `${file} ${level}`).toBe(true);
      }
    }
    expect(compileCheck(DeletionLineSchema)!({ uuid: U(1), deleted: true, revision: 3 })).toBe(true);
  });

  for (const file of RECORD_FILES) {
    for (const level of ['full', 'deidentified'] as const) {
      it(`${file} at ${level}: random edits are accepted exactly when zod accepts them`, () => {
        const schema = levelSchema(file, level);
        const check = compileCheck(schema)!;
        const keys = [...Object.keys(schema.shape), 'deleted', 'extra', '__proto__', 'constructor'];
        const edit = fc.record({ key: fc.constantFrom(...keys), value: fc.constantFrom(...POOL), remove: fc.boolean() });
        let accepted = 0;
        let refused = 0;
        fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits: Edit[]) => {
          const line: Record<string, unknown> = JSON.parse(JSON.stringify(validLine(file, level)));
          for (const e of edits) {
            if (e.remove) delete line[e.key];
            else Object.defineProperty(line, e.key, { value: e.value, enumerable: true, writable: true, configurable: true });
          }
          // As a line arrives: JSON text parsed (undefined values drop out, __proto__ becomes an own key).
          const parsed: unknown = JSON.parse(JSON.stringify(line));
          const zod = schema.safeParse(parsed).success;
          if (zod) accepted++;
          else refused++;
          expect(check(parsed)).toBe(zod);
        }), { numRuns: 1500, seed: 6 });
        expect(accepted).toBeGreaterThan(20);
        expect(refused).toBeGreaterThan(20);
      });
    }
  }

  it('deletion lines: random edits are accepted exactly when zod accepts them', () => {
    const check = compileCheck(DeletionLineSchema)!;
    const edit = fc.record({ key: fc.constantFrom('uuid', 'deleted', 'revision', 'updated_at', 'name'), value: fc.constantFrom(...POOL), remove: fc.boolean() });
    fc.assert(fc.property(fc.array(edit, { minLength: 0, maxLength: 2 }), (edits: Edit[]) => {
      const line: Record<string, unknown> = { uuid: U(1), deleted: true, revision: 3 };
      for (const e of edits) if (e.remove) delete line[e.key]; else line[e.key] = e.value;
      const parsed: unknown = JSON.parse(JSON.stringify(line));
      expect(check(parsed)).toBe(DeletionLineSchema.safeParse(parsed).success);
    }), { numRuns: 1000, seed: 6 });
  });

  it('what is not a line at all is refused by both', () => {
    const check = compileCheck(RECORD_LINE_SCHEMAS['sweeps.ndjson'])!;
    for (const v of [null, 1, 'x', [], [VALID['sweeps.ndjson']], true]) expect(check(v)).toBe(RECORD_LINE_SCHEMAS['sweeps.ndjson'].safeParse(v).success);
  });
});
