import type { Category, Channel } from '../../../shared/domain/enums';
import { columnName, type HeaderMap, type LedgerKey } from './headers';
import {
  categoryParser, cellText, isBlank, OUTCOME_ZH, parseChannel, parseDate, parseForm, parseJc, parseOutcome,
  parsePerformance, parseSatisfaction, parseWhole, parseYesNo, parseYuan, splitNames,
  type LedgerCell, type LedgerOutcome, type LocalCategoryNames, type Parsed,
} from './values';

/** One refusal: the file's row number (the header is row 1), the column as the file names it, a sentence. */
export interface RowIssue { row: number; column: string; message: string }

export const PREVENTED_KINDS = ['criminal', 'suicide', 'group_petition', 'group_fight'] as const;
type Kind = (typeof PREVENTED_KINDS)[number];

/** A valid ledger row, in the app's terms. */
export interface LedgerRow {
  row: number;
  caseNo: string | null;
  registeredOn: string;
  acceptedOn: string | null;
  category: Category;
  /** A local category named in 纠纷类型; `category` is then its roll-up. */
  localCategoryId: number | null;
  channel: Channel;
  applicants: string[];
  respondents: string[];
  persons: number;
  amountFen: number | null;
  mediator: string | null;
  outcome: LedgerOutcome;
  agreementForm: 'written' | 'oral' | null;
  agreementAmountFen: number | null;
  concludedOn: string | null;
  performance: 'performing' | 'performed' | 'partial' | 'unperformed' | null;
  jcStatus: 'none' | 'applied' | 'confirmed' | 'refused';
  prevented: Record<Kind, { flag: boolean; persons: number }>;
  satisfaction: 'satisfied' | 'fairly_satisfied' | 'dissatisfied' | null;
  extendedDueOn: string | null;
  summary: string;
}

const NO_LOCALS: LocalCategoryNames = new Map();

/** Reads one data row; every problem in it is reported, not just the first. `locals`: the active local categories. */
export function readRow(
  cells: LedgerCell[], headers: HeaderMap, row: number, locals: LocalCategoryNames = NO_LOCALS,
): { value: LedgerRow | null; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const at = new Map<LedgerKey, LedgerCell>();
  headers.columns.forEach((key, i) => { if (key) at.set(key, cells[i] ?? null); });
  const cell = (key: LedgerKey): LedgerCell => at.get(key) ?? null;
  const col = (key: LedgerKey) => columnName(headers, key);
  const say = (key: LedgerKey, text: string) => issues.push({ row, column: col(key), message: `第${row}行「${col(key)}」${text}` });

  function field<T>(key: LedgerKey, parse: (c: LedgerCell) => Parsed<T>, required: boolean): T | null {
    const c = cell(key);
    if (isBlank(c)) {
      if (required) say(key, '未填写');
      return null;
    }
    const p = parse(c);
    if (!p.ok) { say(key, p.reason); return null; }
    return p.value;
  }

  const outcome = field('outcome', parseOutcome, true);
  const registeredOn = field('registered_on', parseDate, true);
  const acceptedOn = field('accepted_on', parseDate, false);
  const concludedOn = field('concluded_on', parseDate, false);
  const category = field('category', categoryParser(locals), true);
  const channel = field('channel', parseChannel, true);
  const applicants = splitNames(cell('applicants'));
  if (!applicants.length) say('applicants', '未填写');
  const persons = field('persons_involved', (c) => parseWhole(c, 1), true);
  const amountFen = field('amount_yuan', parseYuan, false);
  const mediator = cellText(cell('lead_mediator')) || null;
  const agreementForm = field('agreement_form', parseForm, false);
  const agreementAmountFen = field('agreement_amount_yuan', parseYuan, false);
  const performance = field('performance', parsePerformance, false);
  const jcStatus = field('jc_status', parseJc, false) ?? 'none';
  const satisfaction = field('satisfaction', parseSatisfaction, false);
  const extendedDueOn = field('extended_due_on', parseDate, false);
  const prevented = Object.fromEntries(PREVENTED_KINDS.map((k) => [k, {
    flag: field(`prevented_${k}`, parseYesNo, false) ?? false,
    persons: field(`prevented_${k}_persons`, (c) => parseWhole(c, 0), false) ?? 0,
  }])) as LedgerRow['prevented'];

  // Whole-row rules (LEDGER.md).
  if (outcome) {
    const name = OUTCOME_ZH[outcome];
    if (outcome === 'rejected') {
      if (!isBlank(cell('accepted_on'))) say('accepted_on', `不应填写：「${name}」的案件没有受理日期`);
    } else {
      if (!isBlank(cell('outcome')) && isBlank(cell('accepted_on'))) say('accepted_on', `未填写：「${name}」的案件须有受理日期`);
      if (isBlank(cell('lead_mediator'))) say('lead_mediator', `未填写：「${name}」的案件须有主办调解员`);
    }
    if (['agreed', 'failed', 'withdrawn'].includes(outcome) && isBlank(cell('concluded_on'))) {
      say('concluded_on', `未填写：「${name}」的案件须有调结日期`);
    }
    if (outcome === 'agreed' && isBlank(cell('agreement_form'))) say('agreement_form', '未填写：「调解成功」的案件须注明协议形式（书面或口头）');
  }
  if (registeredOn && acceptedOn && acceptedOn < registeredOn) say('accepted_on', `早于「${col('registered_on')}」`);
  if (acceptedOn && concludedOn && concludedOn < acceptedOn) say('concluded_on', `早于「${col('accepted_on')}」`);
  if (acceptedOn && extendedDueOn && extendedDueOn < acceptedOn) say('extended_due_on', `早于「${col('accepted_on')}」`);

  if (issues.length) return { value: null, issues };
  const caseNo = cellText(cell('case_no')).replace(/\s/g, '') || null;
  const concluded = outcome === 'agreed' || outcome === 'failed' || outcome === 'withdrawn';
  return {
    issues,
    value: {
      row, caseNo, registeredOn: registeredOn!, acceptedOn: outcome === 'rejected' ? null : acceptedOn, category: category!.category,
      localCategoryId: category!.localCategoryId,
      channel: channel!, applicants, respondents: splitNames(cell('respondents')), persons: persons!, amountFen,
      mediator, outcome: outcome!, agreementForm: outcome === 'agreed' ? agreementForm : null,
      agreementAmountFen: outcome === 'agreed' ? agreementAmountFen : null, concludedOn: concluded ? concludedOn : null,
      performance: outcome === 'agreed' ? (performance ?? 'performing') : null, jcStatus, prevented, satisfaction,
      extendedDueOn, summary: cellText(cell('summary')),
    },
  };
}
