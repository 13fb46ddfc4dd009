import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCaseNo } from '../../shared/domain/case';
import { addDays } from '../../shared/domain/dates';
import {
  AGREEMENT_FORMS, CATEGORIES, CHANNEL_BUCKET, CHANNEL_BUCKETS, CHANNELS, isReferral, JC_STATUSES, PERFORMANCE_STATES, SATISFACTION_LEVELS,
  type Category,
} from '../../shared/domain/enums';
import { PREVENTED_KINDS, valueAt, type Period, type StatisticsReport } from '../../shared/domain/statistics';
import { caseFigureKeys, computeFigures, drillDown, fenToWan, rate, statisticsXlsxBuffer } from '../../electron/core/statistics';
import { rawHandle } from '../../electron/db/data-source';
import { insertCases, type BulkCase } from '../../electron/db/repositories/bulk-repo';
import { lifecycleRepo } from '../../electron/db/repositories/lifecycle-repo';
import { committeeFixture } from '../support/db';

/**
 * Properties of the figures (issue 5) over random case sets that obey the lifecycle (DOMAIN.md): accepted on or after
 * registration, concluded on or after acceptance, an outcome exactly when concluded, a form for every agreement, no
 * acceptance for a rejected case. One real encrypted database; the cases are deleted between runs.
 */

const WINDOW_START = '2026-01-01';
const WINDOW_DAYS = 120;
const AS_OF = new Date('2026-07-01T02:00:00.000Z');
const RUNS = 20;

type Kind = 'registered' | 'rejected' | 'open' | 'concluded';
interface GenCase {
  kind: Kind; registered: number; acceptDelay: number; concludeDelay: number; outcome: 'agreed' | 'failed' | 'withdrawn';
  form: (typeof AGREEMENT_FORMS)[number]; amountFen: number | null; persons: number; category: Category; channel: (typeof CHANNELS)[number];
  mediator: number | null; performance: (typeof PERFORMANCE_STATES)[number]; jc: (typeof JC_STATUSES)[number];
  satisfaction: (typeof SATISFACTION_LEVELS)[number] | null; extend: number | null; closed: boolean;
  prevented: { flag: boolean; persons: number }[];
}

const genCase = (mediators: number): fc.Arbitrary<GenCase> => fc.record({
  kind: fc.constantFrom<Kind>('registered', 'rejected', 'open', 'concluded', 'concluded'),
  registered: fc.integer({ min: 0, max: WINDOW_DAYS - 1 }),
  acceptDelay: fc.integer({ min: 0, max: 10 }),
  concludeDelay: fc.integer({ min: 0, max: 70 }),
  outcome: fc.constantFrom('agreed' as const, 'failed' as const, 'withdrawn' as const),
  form: fc.constantFrom(...AGREEMENT_FORMS),
  amountFen: fc.option(fc.integer({ min: 0, max: 50_000_000 }), { nil: null }),
  persons: fc.integer({ min: 1, max: 30 }),
  category: fc.constantFrom(...CATEGORIES),
  channel: fc.constantFrom(...CHANNELS),
  mediator: fc.option(fc.integer({ min: 0, max: mediators - 1 }), { nil: null }),
  performance: fc.constantFrom(...PERFORMANCE_STATES),
  jc: fc.constantFrom(...JC_STATUSES),
  satisfaction: fc.option(fc.constantFrom(...SATISFACTION_LEVELS), { nil: null }),
  extend: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
  closed: fc.boolean(),
  prevented: fc.array(fc.record({ flag: fc.boolean(), persons: fc.integer({ min: 1, max: 50 }) }), { minLength: 4, maxLength: 4 }),
});

/** A period inside the window: from a day up to 60 days long. */
const genPeriod: fc.Arbitrary<Period> = fc.tuple(fc.integer({ min: 0, max: WINDOW_DAYS - 1 }), fc.integer({ min: 0, max: 60 }))
  .map(([start, length]) => ({ from: addDays(WINDOW_START, start), to: addDays(WINDOW_START, start + length) }));

let fx: Awaited<ReturnType<typeof committeeFixture>>;
let mediatorIds: number[] = [];
let seq = 0;

beforeAll(async () => {
  fx = await committeeFixture({ clock: () => AS_OF });
  mediatorIds = await fx.core.db.transaction(async (tx) => {
    const ids: number[] = [];
    for (const name of ['张伟', '李娜', '𠮷田', '赵敏']) {
      ids.push(await lifecycleRepo.insert(tx, 'persons', {
        name, sex: null, phone: null, professions: '["mediator"]', employment: 'part_time', active: 1, created_at: '2025-01-01T00:00:00.000Z',
        joined_on: '2025-01-01', left_on: null,
      }));
    }
    return ids;
  });
}, 120_000);
afterAll(async () => { await fx?.close(); });

const stamp = (day: string) => `${day}T02:00:00.000Z`;

function toBulk(g: GenCase): BulkCase {
  seq++;
  const registeredOn = addDays(WINDOW_START, g.registered);
  const acceptedOn = g.kind === 'open' || g.kind === 'concluded' ? addDays(registeredOn, g.acceptDelay) : null;
  const concludedOn = g.kind === 'concluded' ? addDays(acceptedOn!, g.concludeDelay) : null;
  const outcome = concludedOn ? g.outcome : null;
  const agreed = outcome === 'agreed';
  const status = g.kind === 'registered' ? 'registered' : g.kind === 'rejected' ? 'rejected' : g.kind === 'open' ? 'in_mediation'
    : g.closed ? 'closed' : outcome!;
  const prevented = Object.fromEntries(PREVENTED_KINDS.flatMap((k, i) => {
    const p = concludedOn && g.prevented[i].flag ? g.prevented[i] : null;
    return [[`prevented_${k}`, p ? 1 : 0], [`prevented_${k}_persons`, p ? p.persons : 0]];
  }));
  return {
    row: {
      case_no: formatCaseNo(2026, '白沙', seq), case_year: 2026, case_seq: seq, category: g.category, channel: g.channel,
      referral_body: isReferral(g.channel) ? '龙港市人民法院' : null, summary: '性质测试用合成案件', requests: '[]', amount_fen: null,
      persons_involved: g.persons, status, registered_on: registeredOn, accepted_on: acceptedOn,
      rejection_reason: g.kind === 'rejected' ? '不属于人民调解受理范围' : null,
      due_on: acceptedOn ? addDays(acceptedOn, 30) : null, extended_due_on: acceptedOn && g.extend ? addDays(acceptedOn, 30 + g.extend) : null,
      outcome, concluded_on: concludedOn, closed_on: status === 'closed' ? concludedOn : null, archived_on: null,
      retention: status === 'closed' ? '10y' : null,
      agreement_form: agreed ? g.form : null, agreement_amount_fen: agreed ? g.amountFen : null,
      performance: agreed ? g.performance : null, jc_status: agreed ? g.jc : 'none',
      satisfaction: concludedOn ? g.satisfaction : null,
      ...prevented,
      failure_routes: outcome === 'failed' ? '["litigation"]' : null, termination_reason: outcome === 'withdrawn' ? '申请人撤回调解申请' : null,
      anonymised_at: null, lead_mediator_id: g.mediator === null ? null : mediatorIds[g.mediator % mediatorIds.length],
      applicant_names: '陈静', respondent_names: '刘洋', external_code: null, created_by: null,
      created_at: stamp(registeredOn), updated_at: stamp(concludedOn ?? acceptedOn ?? registeredOn),
    } as BulkCase['row'],
    parties: [], agreement: null, followups: [],
  };
}

function load(cases: GenCase[]): void {
  const raw = rawHandle(fx.core.db);
  raw.prepare('DELETE FROM cases').run();
  seq = 0;
  insertCases(fx.core.db, cases.map(toBulk), new Map([[2026, cases.length]]));
}

const report = (p: Period) => computeFigures(fx.core.db, p, AS_OF);
const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
// Up to 40 cases, most runs near the top: fast-check's default size would give mostly a handful.
const cases = (mediators = 4) => fc.array(genCase(mediators), { minLength: 1, maxLength: 40, size: 'max' });

describe('statistics properties (random lifecycles, real encrypted database)', () => {
  it('(a) the splits always add up to their totals, and the report checks itself without complaint', () => {
    const seen = { accepted: 0, success: 0, failed: 0, pending: 0 };
    fc.assert(fc.property(cases(), genPeriod, (cs, period) => {
      load(cs);
      const r = report(period); // computeFigures runs checkReport: it would throw here.
      expect(sum(r.accepted_by_category)).toBe(r.accepted);
      expect(sum(r.accepted_by_bucket)).toBe(r.accepted);
      expect(Object.keys(r.accepted_by_category)).toEqual([...CATEGORIES]);
      expect(Object.keys(r.accepted_by_bucket)).toEqual([...CHANNEL_BUCKETS]);
      expect(sum(r.success_by_category)).toBe(r.success);
      expect(r.written_agreements + r.oral_agreements).toBe(r.success);
      expect(r.success + r.failed + r.withdrawn).toBe(r.concluded);
      expect(r.success_rate).toBe(rate(r.success, r.success + r.failed));
      // And against the generated cases themselves, counted in plain TypeScript.
      const inP = (d: string | null) => d !== null && d >= period.from && d <= period.to;
      const accepted = cs.map(toRowLike).filter((c) => inP(c.acceptedOn));
      expect(r.accepted).toBe(accepted.length);
      for (const b of CHANNEL_BUCKETS) expect(r.accepted_by_bucket[b]).toBe(accepted.filter((c) => CHANNEL_BUCKET[c.channel] === b).length);
      seen.accepted += r.accepted;
      seen.success += r.success;
      seen.failed += r.failed;
      seen.pending += r.pending_at_end;
    }), { numRuns: RUNS });
    // The generator reaches every part of the lifecycle, not just empty periods.
    expect(Object.values(seen).every((n) => n > 0), JSON.stringify(seen)).toBe(true);
  });

  it('(b) a case concluded outside the period changes no outcome figure', () => {
    const OUTCOME_KEYS = [
      'concluded', 'success', 'failed', 'withdrawn', 'success_rate', 'agreement_amount_wan', 'success_by_category', 'written_agreements',
      'oral_agreements', 'performed', 'jc_applied', 'jc_confirmed', 'prevented', 'satisfaction',
    ] as const;
    const pick = (r: StatisticsReport) => Object.fromEntries(OUTCOME_KEYS.map((k) => [k, r[k]]));
    fc.assert(fc.property(cases(), genPeriod, genCase(4), fc.boolean(), fc.integer({ min: 1, max: 40 }), (cs, period, extra, before, gap) => {
      load(cs);
      const r1 = report(period);
      // The extra case is concluded `gap` days before the period starts or after it ends; its other dates follow.
      const concluded = before ? addDays(period.from, -gap) : addDays(period.to, gap);
      const accepted = addDays(concluded, -extra.concludeDelay);
      const registered = addDays(accepted, -extra.acceptDelay);
      const g: GenCase = { ...extra, kind: 'concluded', registered: daysFrom(WINDOW_START, registered), concludeDelay: extra.concludeDelay };
      insertCases(fx.core.db, [toBulk(g)], new Map([[2026, seq]]));
      const r2 = report(period);
      expect(pick(r2)).toEqual(pick(r1));
    }), { numRuns: RUNS });
  });

  it('(c) every drill-down lists as many cases as its figure counts (sums and rates recomputed from its rows)', () => {
    fc.assert(fc.property(cases(), genPeriod, (cs, period) => {
      load(cs);
      const r = report(period);
      for (const key of caseFigureKeys(r)) {
        const d = drillDown(fx.core.db, period, key);
        const total = d.cases.reduce((a, c) => a + c.value, 0);
        const again = d.kind === 'count' ? d.cases.length
          : d.kind === 'rate' ? rate(total, d.cases.length)
          : key === 'agreement_amount_wan' ? fenToWan(total) : total;
        expect(again, key).toBe(valueAt(r, key));
        expect(new Set(d.cases.map((c) => c.id)).size, key).toBe(d.cases.length);
      }
    }), { numRuns: 15 });
  });

  it('(e) the workbook lists as many cases as any figure of the period counts, and its list gives the figures back', async () => {
    await fc.assert(fc.asyncProperty(cases(), genPeriod, async (cs, period) => {
      load(cs);
      const r = report(period);
      // statisticsXlsxBuffer refuses (BAD_STATE) when the listed cases do not add up to the report's figures.
      const { cases: listed } = await statisticsXlsxBuffer(fx.core.db, r);
      const ids = new Set(caseFigureKeys(r).flatMap((k) => drillDown(fx.core.db, period, k).cases.map((c) => c.id)));
      expect(listed).toBe(ids.size);
    }), { numRuns: 8 });
  });
});

/** The dates a generated case gets, as toBulk gives them. */
function toRowLike(g: GenCase) {
  const registeredOn = addDays(WINDOW_START, g.registered);
  const acceptedOn = g.kind === 'open' || g.kind === 'concluded' ? addDays(registeredOn, g.acceptDelay) : null;
  return { acceptedOn, channel: g.channel };
}
const daysFrom = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

describe('rounding half up, against a BigInt reference', () => {
  // Half up in exact integers: floor((2n·a + b) / 2b).
  const halfUp = (a: bigint, b: bigint) => (2n * a + b) / (2n * b);
  const MAX_COUNT = Math.floor(Number.MAX_SAFE_INTEGER / 10_000);

  it('(d) rate(num, den) is num ÷ den rounded half up to 4 decimals, null for 0', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_COUNT }), fc.integer({ min: 0, max: MAX_COUNT }), (num, den) => {
      const got = rate(num, den);
      if (den === 0) {
        expect(got).toBeNull();
        return;
      }
      const ref = halfUp(BigInt(num) * 10_000n, BigInt(den));
      expect(got).toBe(Number(ref) / 10_000);
      // It prints as the decimal it is: at most 4 places, exactly the reference's digits.
      expect(BigInt(Math.round(got! * 10_000))).toBe(ref);
    }), { numRuns: 2000 });
    // Small counts, where ties (x.xxxx5) are common.
    fc.assert(fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 400 }), (num, den) => {
      expect(rate(num, den)).toBe(Number(halfUp(BigInt(num) * 10_000n, BigInt(den))) / 10_000);
    }), { numRuns: 2000 });
  });

  it('(d) fenToWan(fen) is fen ÷ 1,000,000 rounded half up to 2 decimals', () => {
    fc.assert(fc.property(fc.oneof(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 100 }).map((k) => k * 5_000)), (fen) => {
      const ref = halfUp(BigInt(fen), 10_000n);
      const got = fenToWan(fen);
      expect(got).toBe(Number(ref) / 100);
      const [whole, frac = ''] = String(got).split('.');
      expect(frac.length).toBeLessThanOrEqual(2);
      if (!String(got).includes('e')) expect(BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0') || '0')).toBe(ref);
    }), { numRuns: 3000 });
  });
});
