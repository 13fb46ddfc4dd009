import { CaseCreateSchema, formatCaseNo, type CaseCreate } from '../../../shared/domain/case';
import { isReferral } from '../../../shared/domain/enums';
import { shanghaiDate } from '../../../shared/domain/dates';
import type { Issue } from '../../../shared/ipc/result';
import type { Database } from '../../db/data-source';
import { casesRepo } from '../../db/repositories/cases-repo';
import { committeeRepo } from '../../db/repositories/committee-repo';
import { peopleRepo } from '../../db/repositories/people-repo';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { badState, invalid } from '../errors';
import { resolveCaseCategory } from '../categories/categories';
import { indexCase } from '../search/indexer';
import { checkParty, type PartyFields } from './parties';

const NO_PREVENTION = {
  prevented_criminal: 0, prevented_criminal_persons: 0, prevented_suicide: 0, prevented_suicide_persons: 0,
  prevented_group_petition: 0, prevented_group_petition_persons: 0, prevented_group_fight: 0, prevented_group_fight_persons: 0,
};

const joinNames = (parties: PartyFields[], role: string) =>
  parties.filter((p) => p.role === role).map((p) => p.name).join('、');

/**
 * Registers a dispute with its parties under the next number of its registration year,
 * in one transaction: a refused registration writes nothing, not even a number.
 */
export async function registerCase(db: Database, actor: Actor, raw: CaseCreate, clock: Clock): Promise<{ id: number; caseNo: string }> {
  const input = CaseCreateSchema.parse(raw);
  const now = clock();
  const today = shanghaiDate(now);
  const registeredOn = input.registeredOn ?? today;
  const issues: Issue[] = [];
  if (registeredOn > today) {
    issues.push({ path: 'registeredOn', key: 'validation.registeredOn.future', message: '登记日期不能晚于今天' });
  }
  if (!input.parties.some((p) => p.role === 'applicant')) {
    issues.push({ path: 'parties', key: 'validation.parties.applicant', message: '至少需要一位申请人' });
  }
  if (isReferral(input.channel) && !input.referralBody) {
    issues.push({ path: 'referralBody', key: 'validation.referralBody.missing', message: '委托移送的案件请填写移送单位' });
  }
  const parties: PartyFields[] = [];
  input.parties.forEach((p, i) => {
    const checked = checkParty(p, i, today);
    issues.push(...checked.issues);
    if (checked.row) parties.push(checked.row);
  });

  return db.transaction(async (tx) => {
    if (input.leadMediatorId !== undefined && !(await peopleRepo.exists(tx, input.leadMediatorId))) {
      issues.push({ path: 'leadMediatorId', key: 'validation.leadMediator.unknown', message: '所选主办调解员不存在' });
    }
    // A local category is stored with its roll-up: the figures read `category` alone.
    const chosen = await resolveCaseCategory(tx, input.category, input.localCategoryId);
    if (chosen.issue) issues.push(chosen.issue);
    if (issues.length || chosen.issue) throw invalid(issues);
    const committee = await committeeRepo.get(tx);
    if (!committee) throw badState('调解委员会尚未设置，无法登记案件');

    const year = Number(registeredOn.slice(0, 4));
    const seq = await casesRepo.nextSeq(tx, year);
    const caseNo = formatCaseNo(year, committee.short_name, seq);
    const stamp = now.toISOString();
    const row = {
      case_no: caseNo, case_year: year, case_seq: seq, category: chosen.category, local_category_id: chosen.localCategoryId, channel: input.channel,
      referral_body: isReferral(input.channel) ? (input.referralBody ?? null) : null,
      summary: input.summary, requests: JSON.stringify(input.requests), amount_fen: input.amountFen ?? null,
      persons_involved: input.personsInvolved ?? parties.length, status: 'registered', registered_on: registeredOn,
      accepted_on: null, rejection_reason: null, due_on: null, extended_due_on: null, outcome: null,
      concluded_on: null, closed_on: null, archived_on: null, retention: null, agreement_form: null,
      agreement_amount_fen: null, performance: null, jc_status: 'none', satisfaction: null,
      failure_routes: null, termination_reason: null, anonymised_at: null,
      ...NO_PREVENTION, lead_mediator_id: input.leadMediatorId ?? actor.personId,
      applicant_names: joinNames(parties, 'applicant'), respondent_names: joinNames(parties, 'respondent'),
      external_code: input.externalCode ?? null, created_by: actor.userId, created_at: stamp, updated_at: stamp,
    };
    const id = await casesRepo.insert(tx, row);
    await casesRepo.insertParties(tx, parties.map((p, position) => ({ ...p, case_id: id, position, created_at: stamp })));
    await indexCase(tx, id); // Searchable in the same transaction: a refused registration leaves no search row.
    await recordAudit(tx, { at: now, userId: actor.userId, action: 'case.create', entity: 'case', entityId: id, after: { ...row, parties } });
    return { id, caseNo };
  });
}
