import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCaseNo } from '../../shared/domain/case';
import { isReferral, type Channel, type Role } from '../../shared/domain/enums';
import type { StatisticsReport } from '../../shared/domain/statistics';
import { createUser } from '../../electron/core/accounts/accounts';
import { insertCases, type BulkCase } from '../../electron/db/repositories/bulk-repo';
import { lifecycleRepo } from '../../electron/db/repositories/lifecycle-repo';
import { committeeFixture, ok } from './db';

const DIR = join(import.meta.dirname, '../fixtures/statistics');
const read = <T>(name: string): T => JSON.parse(readFileSync(join(DIR, name), 'utf8')) as T;

export interface FixturePerson {
  id: number; name: string; professions: string[]; employment: string | null; joined_on: string; left_on: string | null; active: boolean;
}
export interface FixtureCase {
  ref: string; registered_on: string; accepted_on: string | null; status: string; outcome: string | null; concluded_on: string | null;
  agreement_form: string | null; agreement_amount_fen: number | null; persons_involved: number; category: string; channel: string;
  lead_mediator_id: number | null; lead_mediator: string | null; performance: string | null; jc_status: string;
  prevented_criminal: number; prevented_criminal_persons: number; prevented_suicide: number; prevented_suicide_persons: number;
  prevented_group_petition: number; prevented_group_petition_persons: number; prevented_group_fight: number; prevented_group_fight_persons: number;
  due_on: string | null; extended_due_on: string | null; satisfaction: string | null;
}
interface FixtureSweep { swept_on: string; scope: string; found: number; prevented: number }
export interface Fixture { committee: { code: string; name: string }; people: FixturePerson[]; cases: FixtureCase[]; sweeps: FixtureSweep[] }

export const FIXTURE = read<Fixture>('cases.json');

/** An expected-*.json file without its `_why` notes: exactly a report. */
export function expectedReport(name: string): StatisticsReport & { _why?: unknown } {
  const { _why: _, ...report } = read<StatisticsReport & { _why: unknown }>(name);
  return report;
}

/** The moment the expected figures were worked out for (their as_of). */
export const AS_OF = new Date('2026-05-06T02:00:00.000Z');

// Two-character synthetic names for the parties.
const NAMES = ['陈静', '刘洋', '杨帆', '黄磊', '周敏', '徐丽', '孙浩', '胡军', '朱琳', '高峰', '马超', '罗兰'];
const stamp = (day: string) => `${day}T02:00:00.000Z`;

function bulkCase(c: FixtureCase, seq: number, shortName: string): BulkCase {
  const year = Number(c.registered_on.slice(0, 4));
  const [applicant, respondent] = [NAMES[seq % NAMES.length], NAMES[(seq + 5) % NAMES.length]];
  const closed = c.status === 'closed' || c.status === 'archived';
  const party = (role: string, name: string, position: number) => ({
    position, role, kind: 'person', name, sex: null, ethnicity: null, birth_date: null, id_type: 'none', id_number: null, phone: null,
    address: null, occupation: null, credit_code: null, representative: null, representative_title: null, created_at: stamp(c.registered_on),
  });
  return {
    row: {
      case_no: formatCaseNo(year, shortName, seq), case_year: year, case_seq: seq, category: c.category, channel: c.channel,
      referral_body: isReferral(c.channel as Channel) ? '龙港市人民法院' : null, summary: '统计用合成案件', requests: '[]', amount_fen: null,
      persons_involved: c.persons_involved, status: c.status, registered_on: c.registered_on, accepted_on: c.accepted_on,
      rejection_reason: c.status === 'rejected' ? '不属于人民调解受理范围' : null, due_on: c.due_on, extended_due_on: c.extended_due_on,
      outcome: c.outcome, concluded_on: c.concluded_on, closed_on: closed ? c.concluded_on : null,
      archived_on: c.status === 'archived' ? c.concluded_on : null, retention: closed ? '10y' : null,
      agreement_form: c.agreement_form, agreement_amount_fen: c.agreement_amount_fen, performance: c.performance, jc_status: c.jc_status,
      satisfaction: c.satisfaction,
      prevented_criminal: c.prevented_criminal, prevented_criminal_persons: c.prevented_criminal_persons,
      prevented_suicide: c.prevented_suicide, prevented_suicide_persons: c.prevented_suicide_persons,
      prevented_group_petition: c.prevented_group_petition, prevented_group_petition_persons: c.prevented_group_petition_persons,
      prevented_group_fight: c.prevented_group_fight, prevented_group_fight_persons: c.prevented_group_fight_persons,
      failure_routes: c.outcome === 'failed' ? '["litigation"]' : null, termination_reason: c.outcome === 'withdrawn' ? '申请人撤回调解申请' : null,
      anonymised_at: null, lead_mediator_id: c.lead_mediator_id, applicant_names: applicant, respondent_names: respondent,
      external_code: null, created_by: null, created_at: stamp(c.registered_on), updated_at: stamp(c.concluded_on ?? c.accepted_on ?? c.registered_on),
    },
    parties: [party('applicant', applicant, 0), party('respondent', respondent, 1)],
    agreement: c.outcome === 'agreed' ? {
      form: c.agreement_form!, facts: '统计用合成案件', terms: '["一、双方互谅互让"]', amount_fen: c.agreement_amount_fen,
      performance_method: null, performance_deadline: null, effective_on: c.concluded_on!, performance: c.performance!, jc_status: c.jc_status,
      jc_applied_on: c.jc_status === 'none' ? null : c.concluded_on, jc_decided_on: ['confirmed', 'refused'].includes(c.jc_status) ? c.concluded_on : null,
      created_at: stamp(c.concluded_on!),
    } : null,
    // The case's satisfaction is the latest follow-up's (DOMAIN.md).
    followups: c.satisfaction ? [{
      visited_on: c.concluded_on!, visitor_person_id: c.lead_mediator_id, performance: c.performance, satisfaction: c.satisfaction,
      notes: '回访', created_at: stamp(c.concluded_on!),
    }] : [],
  };
}

/**
 * The crafted case set in a real encrypted committee database: people through the repository, cases through the
 * bulk path the seed and the ledger import use, sweeps through the dispatcher as office staff. The clock starts at
 * set-up (2025-11-20, when the admin 王芳 joins) and then stands at AS_OF.
 */
export async function statisticsFixture() {
  let now = new Date(stamp(FIXTURE.people[0].joined_on));
  const f = await committeeFixture({ clock: () => now });
  const setNow = (d: Date) => { now = d; };
  setNow(AS_OF);
  const db = f.core.db;

  const [setupPerson] = await db.query<{ id: number; name: string; professions: string }>(`SELECT id, name, professions FROM persons`);
  if (setupPerson.id !== 1 || setupPerson.name !== FIXTURE.people[0].name) throw new Error('set-up did not make the expected person 1');
  await db.transaction(async (tx) => {
    for (const p of FIXTURE.people.slice(1)) {
      const id = await lifecycleRepo.insert(tx, 'persons', {
        name: p.name, sex: null, phone: null, professions: JSON.stringify(p.professions), employment: p.employment,
        active: p.active ? 1 : 0, created_at: stamp(p.joined_on), joined_on: p.joined_on, left_on: p.left_on,
      });
      if (id !== p.id) throw new Error(`${p.name}: id ${id}, the fixture says ${p.id}`);
    }
  });

  const [{ short_name: shortName }] = await db.query<{ short_name: string }>(`SELECT short_name FROM committee`);
  const counters = new Map<number, number>();
  const bulk = FIXTURE.cases.map((c) => {
    const year = Number(c.registered_on.slice(0, 4));
    counters.set(year, (counters.get(year) ?? 0) + 1);
    return bulkCase(c, counters.get(year)!, shortName);
  });
  insertCases(db, bulk, counters);
  const ids = (await db.query<{ id: number }>(`SELECT id FROM cases ORDER BY id`)).map((r) => r.id);
  if (ids.join() !== FIXTURE.cases.map((_, i) => i + 1).join()) throw new Error('cases did not get ids 1…n in fixture order');

  // Users with two-character names; their person records join now (May 2026), after every period here.
  const user = (username: string, displayName: string, role: Role) =>
    db.transaction((tx) => createUser(tx, { username, displayName, password: 'user-password-1', role }, now, null));
  await user('office', '郑洁', 'office_staff');
  await user('mediator', '冯涛', 'mediator');
  const office = await f.signedIn('office', 'user-password-1');
  for (const s of FIXTURE.sweeps) {
    ok(await f.call(office, 'stats:sweepAdd', { sweptOn: s.swept_on, scope: s.scope, found: s.found, prevented: s.prevented }));
  }
  /** Case id of a fixture ref (c07 → 7). */
  const idOf = (ref: string) => FIXTURE.cases.findIndex((c) => c.ref === ref) + 1;
  return { ...f, setNow, office, idOf };
}
