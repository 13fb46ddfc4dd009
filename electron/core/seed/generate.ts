import { CHANNEL_BUCKET, isReferral, type Category, type Channel } from '../../../shared/domain/enums';
import { addDays } from '../../../shared/domain/dates';
import type { AgreementRow, CaseRow, FollowupRow, PartyRow } from '../../db/entities';
import { syntheticOrganisation, syntheticPerson } from './people';
import type { Random } from './random';
import { REFERRAL_BODIES, REJECTION_REASONS, STORIES } from './stories';

export type SeedCase = Omit<CaseRow, 'id' | 'case_no' | 'case_seq' | 'case_year'> & {
  parties: Omit<PartyRow, 'id' | 'case_id'>[];
  agreement: Omit<AgreementRow, 'id' | 'case_id'> | null;
  followups: Omit<FollowupRow, 'id' | 'case_id'>[];
  /** Rows of the lifecycle tables (case_members, case_records), written with the case. */
  related: { table: 'case_members' | 'case_records'; row: Record<string, unknown> }[];
};

const CHANNEL_WEIGHTS: Record<Channel, number> = {
  application: 40, initiative: 20, grid_report: 12, court_assigned: 6, court_entrusted: 3, police_referral: 8,
  petition_referral: 3, hotline_12345: 6, agency_referral: 2,
};
const CATEGORY_WEIGHTS: Record<Category, number> = {
  neighbour: 22, marriage_family: 18, contract: 10, housing_homestead: 8, damages: 8, property_management: 7,
  labour: 6, traffic: 5, consumer: 4, production_business: 3, forest_land: 2, land_requisition: 2, pollution: 2,
  medical: 1, other: 2,
};
const ORG_CATEGORIES = new Set<Category>(['contract', 'labour', 'consumer', 'property_management', 'production_business']);
const CN_NUM = ['一', '二', '三', '四', '五'];

const stamp = (date: string, r: Random) => `${date}T0${r.int(1, 9)}:${String(r.int(0, 59)).padStart(2, '0')}:00.000Z`;

/**
 * One synthetic case carried as far through its lifecycle as `asOf` allows (DOMAIN.md):
 * registered, rejected, accepted, in mediation, concluded with every outcome, agreements,
 * performance, judicial confirmation, follow-ups, closing and archiving.
 */
export function generateCase(r: Random, registeredOn: string, asOf: string, mediators: { id: number; name: string }[]): SeedCase {
  const lead = r.pick(mediators);
  const category = r.weighted(CATEGORY_WEIGHTS);
  const channel = r.weighted(CHANNEL_WEIGHTS);
  const story = STORIES[category];
  const year = Number(asOf.slice(0, 4));
  const parties: SeedCase['parties'] = [];
  const addPerson = (role: string) => {
    const p = syntheticPerson(r, year);
    const noId = r.chance(0.04); // Some parties have no document at hand.
    parties.push({
      position: parties.length, role, kind: 'person', name: p.name, sex: p.sex, ethnicity: p.ethnicity,
      birth_date: p.birthDate, id_type: noId ? 'none' : 'resident_id', id_number: noId ? null : p.idNumber,
      phone: p.phone, address: p.address, occupation: null, credit_code: null, representative: null,
      representative_title: null, created_at: stamp(registeredOn, r),
    });
  };
  const addOrg = (role: string) => {
    const o = syntheticOrganisation(r);
    parties.push({
      position: parties.length, role, kind: 'organisation', name: o.name, sex: null, ethnicity: null, birth_date: null,
      id_type: 'none', id_number: null, phone: `0577-6${String(r.int(0, 9_999_999)).padStart(7, '0')}`,
      address: `龙港市工业园区${r.int(1, 300)}号`, occupation: null, credit_code: o.creditCode,
      representative: o.representative, representative_title: '总经理', created_at: stamp(registeredOn, r),
    });
  };
  for (let i = r.chance(0.85) ? 1 : 2; i > 0; i--) addPerson('applicant');
  const respondents = r.weighted({ 0: 8, 1: 80, 2: 12 } as Record<string, number>);
  for (let i = Number(respondents); i > 0; i--) (ORG_CATEGORIES.has(category) && r.chance(0.5) ? addOrg : addPerson)('respondent');

  const [lo, hi] = story.amount;
  const amountFen = hi === 0 || r.chance(0.25) ? null : r.int(lo, hi) * 100;
  const base: SeedCase = {
    category, channel, referral_body: isReferral(channel) ? REFERRAL_BODIES[channel] : null,
    summary: r.pick(story.summary), requests: JSON.stringify([r.pick(story.requests)]), amount_fen: amountFen,
    persons_involved: parties.length + (r.chance(0.2) ? r.int(1, 4) : 0), status: 'registered', registered_on: registeredOn,
    accepted_on: null, rejection_reason: null, due_on: null, extended_due_on: null, outcome: null, concluded_on: null,
    closed_on: null, archived_on: null, retention: null, agreement_form: null, agreement_amount_fen: null,
    performance: null, jc_status: 'none', satisfaction: null, failure_routes: null, termination_reason: null, anonymised_at: null,
    prevented_criminal: 0, prevented_criminal_persons: 0, prevented_suicide: 0, prevented_suicide_persons: 0,
    prevented_group_petition: 0, prevented_group_petition_persons: 0, prevented_group_fight: 0, prevented_group_fight_persons: 0,
    lead_mediator_id: lead.id, applicant_names: '', respondent_names: '', external_code: null, created_by: null,
    created_at: stamp(registeredOn, r), updated_at: stamp(registeredOn, r), parties, agreement: null, followups: [], related: [],
  };
  base.applicant_names = parties.filter((p) => p.role === 'applicant').map((p) => p.name).join('、');
  base.respondent_names = parties.filter((p) => p.role === 'respondent').map((p) => p.name).join('、');
  const touch = (date: string) => { base.updated_at = stamp(date, r); };

  // Initiative and referred cases were already agreed to by the parties; applications can be refused.
  if (r.chance(CHANNEL_BUCKET[channel] === 'application' ? 0.05 : 0.02)) {
    Object.assign(base, { status: 'rejected', rejection_reason: r.pick(REJECTION_REASONS), lead_mediator_id: null });
    return base;
  }
  const acceptedOn = addDays(registeredOn, r.int(0, 2));
  if (acceptedOn > asOf || (registeredOn >= addDays(asOf, -2) && r.chance(0.5))) return base;
  Object.assign(base, { status: 'accepted', accepted_on: acceptedOn, due_on: addDays(acceptedOn, 30) });
  if (r.chance(0.05)) base.extended_due_on = addDays(acceptedOn, 45);
  touch(acceptedOn);
  base.related.push({ table: 'case_members', row: {
    person_id: lead.id, name: lead.name, role: 'lead_mediator', consent: null, added_at: stamp(acceptedOn, r), added_by: null,
    removed_at: null, removed_reason: null,
  } });
  const meeting = (heldOn: string, result: string | null) => base.related.push({ table: 'case_records', row: {
    kind: 'mediation', held_at: stamp(heldOn, r), place: '社区人民调解室', subject: base.summary, interviewee: null,
    attendees: '[]', parties_present: JSON.stringify(parties.map((p) => p.name)), private: 0,
    content: '调解员告知双方权利义务，双方分别陈述事实和请求，调解员释法说理，引导双方互谅互让。', result,
    recorder: lead.name, created_by: null, created_at: stamp(heldOn, r),
  } });

  const concludedOn = addDays(acceptedOn, r.chance(0.9) ? r.int(1, 25) : r.int(26, 50));
  if (concludedOn > asOf) {
    if (addDays(acceptedOn, 1) <= asOf) {
      base.status = 'in_mediation';
      meeting(addDays(acceptedOn, 1), null);
    }
    return base;
  }
  const outcome = r.weighted({ agreed: 82, failed: 11, withdrawn: 7 });
  meeting(concludedOn, { agreed: '双方自愿达成调解协议', failed: '双方分歧较大，未能达成协议', withdrawn: '申请人撤回调解申请' }[outcome]);
  Object.assign(base, { status: outcome, outcome, concluded_on: concludedOn });
  if (outcome === 'failed') base.failure_routes = JSON.stringify(r.chance(0.7) ? ['litigation'] : ['arbitration', 'litigation']);
  if (outcome === 'withdrawn') base.termination_reason = r.pick(['申请人撤回调解申请', '一方当事人要求终止调解', '双方已自行和解']);
  touch(concludedOn);
  if (r.chance(0.03)) Object.assign(base, { prevented_criminal: 1, prevented_criminal_persons: r.int(1, 3) });
  if (r.chance(0.01)) Object.assign(base, { prevented_suicide: 1, prevented_suicide_persons: 1 });
  if (r.chance(0.01)) Object.assign(base, { prevented_group_petition: 1, prevented_group_petition_persons: r.int(5, 30) });
  if (r.chance(0.005)) Object.assign(base, { prevented_group_fight: 1, prevented_group_fight_persons: r.int(6, 40) });

  let closedOn = addDays(concludedOn, r.int(0, 3));
  if (outcome === 'agreed') {
    const form = r.chance(0.55) ? 'written' : 'oral';
    const amount = amountFen === null ? null : Math.round((amountFen * r.int(40, 100)) / 100);
    const deadline = form === 'oral' && r.chance(0.7) ? concludedOn : addDays(concludedOn, r.int(3, 60));
    const performance = deadline > asOf ? 'performing' : r.weighted({ performed: 85, partial: 8, unperformed: 7 });
    const jc = form === 'written' && amount !== null && r.chance(0.15) ? r.weighted({ confirmed: 80, applied: 15, refused: 5 }) : 'none';
    const terms = [r.pick(story.requests), '双方今后互谅互让，不再因此事发生争执'].map((t, i) => `${CN_NUM[i]}、${t}`);
    base.agreement = {
      form, facts: base.summary, terms: JSON.stringify(terms), amount_fen: amount,
      performance_method: amount === null ? '按协议约定履行' : '现金或银行转账一次性支付', performance_deadline: deadline,
      effective_on: concludedOn, performance, jc_status: jc,
      jc_applied_on: jc === 'none' ? null : addDays(concludedOn, r.int(1, 20)),
      jc_decided_on: jc === 'confirmed' || jc === 'refused' ? addDays(concludedOn, r.int(21, 40)) : null,
      created_at: stamp(concludedOn, r),
    };
    Object.assign(base, { agreement_form: form, agreement_amount_fen: amount, performance, jc_status: jc });
    const visitedOn = addDays(concludedOn, r.int(7, 30));
    if (visitedOn <= asOf && r.chance(0.85)) {
      const satisfaction = r.weighted({ satisfied: 70, fairly_satisfied: 22, dissatisfied: 8 });
      base.followups.push({
        visited_on: visitedOn, visitor_person_id: base.lead_mediator_id, performance,
        satisfaction, notes: '双方对调解结果表示认可，未发现新的矛盾隐患', created_at: stamp(visitedOn, r),
      });
      base.satisfaction = satisfaction;
    }
    // An agreed case closes when performance has ended (DOMAIN.md).
    if (performance === 'performing') return base;
    closedOn = [deadline, base.followups[0]?.visited_on ?? deadline].sort()[1];
  }
  if (closedOn > asOf) return base;
  Object.assign(base, { status: 'closed', closed_on: closedOn, retention: r.chance(0.1) ? 'permanent' : '10y' });
  touch(closedOn);
  const archivedOn = addDays(closedOn, r.int(30, 90));
  if (archivedOn <= asOf) {
    Object.assign(base, { status: 'archived', archived_on: archivedOn });
    touch(archivedOn);
  }
  return base;
}
