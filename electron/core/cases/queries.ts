import type { z } from 'zod';
import type { CaseListQuerySchema, CaseDetail, CaseList, CaseSummary } from '../../../shared/domain/case';
import type { Category, CaseStatus, Channel, IdType, PartyKind, PartyRole, Sex } from '../../../shared/domain/enums';
import type { Database } from '../../db/data-source';
import type { CaseRow } from '../../db/entities';
import { casesRepo, type CaseListFilter, type CaseListRow } from '../../db/repositories/cases-repo';
import { categoriesRepo } from '../../db/repositories/categories-repo';
import { searchRepo } from '../../db/repositories/search-repo';
import { usersRepo } from '../../db/repositories/people-repo';
import type { Tx } from '../../db/repositories/tx';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { notFound } from '../errors';
import { parseQuery } from '../search/query';

const summary = (r: CaseListRow): CaseSummary => ({
  id: r.id, caseNo: r.case_no, category: r.category as Category, localCategoryId: r.local_category_id, localCategory: r.local_category,
  channel: r.channel as Channel, status: r.status as CaseStatus, registeredOn: r.registered_on, acceptedOn: r.accepted_on,
  applicants: r.applicant_names, respondents: r.respondent_names, leadMediator: r.lead_mediator, updatedAt: r.updated_at,
});

// One index entry walked and tested costs about this fraction of one case fetched (measured on
// 100,000 seeded cases: a cold fetch decrypts a page of the table).
const DENSE_WALK_COST = 0.02;

/**
 * Whether to walk the list's ORDER BY index, testing each case against the matches, rather than
 * fetch every match and sort: the walk reads about (cases ÷ matches) index entries per row it
 * returns, the fetch reads every matching case.
 */
export const isDense = (matches: number, cases: number, rowsNeeded: number): boolean =>
  (cases / matches) * rowsNeeded * DENSE_WALK_COST < matches;

/** One page of the case list, and the total for the pager; filtered and searched (docs/ARCHITECTURE.md, Search). */
export async function listCases(db: Database, q: z.output<typeof CaseListQuerySchema>): Promise<CaseList> {
  const filter: CaseListFilter = {
    status: q.status, category: q.category, localCategoryId: q.localCategoryId, channel: q.channel, leadMediatorId: q.leadMediatorId,
    registeredFrom: q.registeredFrom, registeredTo: q.registeredTo,
  };
  const offset = (q.page - 1) * q.pageSize;
  const search = parseQuery(q.q);
  let total: number;
  if (search) {
    // The index counts its matches without touching the cases (one row per case).
    const matches = searchRepo.count(db, search);
    if (matches === 0) return { total: 0, page: q.page, pageSize: q.pageSize, items: [] };
    const filtered = Object.values(filter).some((v) => v !== undefined);
    Object.assign(filter, { search, dense: isDense(matches, casesRepo.count(db, {}), offset + q.pageSize) });
    total = filtered ? casesRepo.count(db, filter) : matches;
  } else total = casesRepo.count(db, filter);
  const rows = casesRepo.page(db, filter, q.sortBy, q.order, q.pageSize, offset);
  return { total, page: q.page, pageSize: q.pageSize, items: rows.map(summary) };
}

/** A case with its parties, as the detail screen and the documents show it. */
export async function loadCaseDetail(tx: Tx, id: number): Promise<CaseDetail> {
  const c: CaseRow | null = await casesRepo.byId(tx, id);
  if (!c) throw notFound('该案件');
  const [parties, lead, creator, local] = await Promise.all([
    casesRepo.parties(tx, id),
    c.lead_mediator_id === null ? null : tx.query(`SELECT name FROM persons WHERE id = ?`, [c.lead_mediator_id]),
    c.created_by === null ? null : usersRepo.byId(tx, c.created_by),
    c.local_category_id ? categoriesRepo.byId(tx, c.local_category_id) : null,
  ]);
  return {
    id: c.id, caseNo: c.case_no, category: c.category as Category, localCategoryId: c.local_category_id ?? null,
    localCategory: local?.name ?? null, channel: c.channel as Channel, status: c.status as CaseStatus, registeredOn: c.registered_on, acceptedOn: c.accepted_on,
    applicants: c.applicant_names, respondents: c.respondent_names, leadMediator: lead?.[0]?.name ?? null,
    updatedAt: c.updated_at, referralBody: c.referral_body, summary: c.summary,
    requests: JSON.parse(c.requests) as string[], amountFen: c.amount_fen, personsInvolved: c.persons_involved,
    leadMediatorId: c.lead_mediator_id, externalCode: c.external_code, createdAt: c.created_at,
    createdBy: creator?.display_name ?? null, dueOn: c.extended_due_on ?? c.due_on,
    outcome: c.outcome as CaseDetail['outcome'], concludedOn: c.concluded_on, closedOn: c.closed_on,
    agreementForm: c.agreement_form as CaseDetail['agreementForm'], agreementAmountFen: c.agreement_amount_fen,
    performance: c.performance as CaseDetail['performance'], jcStatus: c.jc_status as CaseDetail['jcStatus'],
    satisfaction: c.satisfaction as CaseDetail['satisfaction'],
    parties: parties.map((p) => ({
      id: p.id, role: p.role as PartyRole, kind: p.kind as PartyKind, name: p.name, sex: p.sex as Sex | null,
      ethnicity: p.ethnicity, birthDate: p.birth_date, idType: p.id_type as IdType, idNumber: p.id_number,
      phone: p.phone, address: p.address, occupation: p.occupation, creditCode: p.credit_code,
      representative: p.representative, representativeTitle: p.representative_title,
    })),
  };
}

/** Opening a case is recorded: reading a case is an access (Art 15). */
export async function getCase(db: Database, actor: Actor, id: number, clock: Clock): Promise<CaseDetail> {
  return db.transaction(async (tx) => {
    const detail = await loadCaseDetail(tx, id);
    await recordAudit(tx, { at: clock(), userId: actor.userId, action: 'case.view', entity: 'case', entityId: id });
    return detail;
  });
}
