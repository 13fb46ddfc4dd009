import { formatCaseNo } from '../../../shared/domain/case';
import type { Database } from '../../db/data-source';
import { countersNow, insertCases, type BulkCase } from '../../db/repositories/bulk-repo';
import { categoriesRepo } from '../../db/repositories/categories-repo';
import { lifecycleRepo } from '../../db/repositories/lifecycle-repo';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { badState } from '../errors';
import { indexCases } from '../search/indexer';
import { HEADER_ZH, mapHeaders, type HeaderMap } from './headers';
import { readCsv } from './read-csv';
import { XlsxRows } from './read-xlsx';
import { PREVENTED_KINDS, readRow, type LedgerRow, type RowIssue } from './rows';
import { scanSource, type LedgerFormat, type LedgerSource, type TextEncoding } from './source';
import { Spool } from './spool';
import { cellText, type LedgerCell } from './values';

export type LedgerPhase = 'scan' | 'check' | 'write' | 'index' | 'done';
export interface LedgerProgress { phase: LedgerPhase; read: number; total: number }

export interface SkippedRow {
  row: number;
  /** The number as the ledger gives it, or null for a row matched on its content. */
  caseNo: string | null;
  /** The case already in the database. */
  existing: string;
  reason: 'number' | 'match';
  /** The ledger row says something else than the case in the database (nothing is overwritten). */
  differs: boolean;
}

export interface LedgerReport {
  fileName: string;
  sha256: string;
  format: LedgerFormat;
  encoding: TextEncoding | null;
  dryRun: boolean;
  /** Data rows read (blank rows are not counted). */
  rows: number;
  /** Rows the import would add (dry run) or added. */
  toImport: number;
  imported: number;
  skipped: SkippedRow[];
  generated: { row: number; caseNo: string }[];
  newMediators: string[];
  errors: RowIssue[];
  warnings: RowIssue[];
  unknownColumns: string[];
  preview: { headers: string[]; rows: string[][] };
}

export interface ImportOptions {
  dryRun: boolean;
  /** Who imports; null from the command line. */
  actor: Actor | null;
  clock: Clock;
  onProgress?: (p: LedgerProgress) => void;
}

const PREVIEW_ROWS = 5;
const YIELD_EVERY = 250;

const CASE_NO = /^[（(](\d{4})[）)](.+)人调字第(\d+)号$/;
const ORGANISATION = /(公司|委员会|居委会|村委会|合作社|工厂|厂$|商店|超市|酒店|医院|学校|银行|中心$|局$|物业|集团|协会)/;

interface Spooled { r: LedgerRow; year: number; seq: number }

type Existing = {
  id: number; case_no: string; registered_on: string; accepted_on: string | null; category: string; channel: string;
  persons_involved: number; status: string; outcome: string | null; concluded_on: string | null; applicant_names: string;
  respondent_names: string; agreement_form: string | null; agreement_amount_fen: number | null;
};
const EXISTING_COLUMNS = `id, case_no, registered_on, accepted_on, category, channel, persons_involved, status, outcome, concluded_on,
  applicant_names, respondent_names, agreement_form, agreement_amount_fen`;

const statusOf = (r: LedgerRow): string =>
  ({ pending: 'in_mediation', agreed: 'agreed', failed: 'failed', withdrawn: 'withdrawn', rejected: 'rejected' })[r.outcome];
const outcomeOf = (r: LedgerRow): string | null => (r.outcome === 'agreed' || r.outcome === 'failed' || r.outcome === 'withdrawn' ? r.outcome : null);

/** Whether the database's case says what the ledger row says (the fields a ledger carries). */
function differs(e: Existing, r: LedgerRow): boolean {
  const same = e.registered_on === r.registeredOn && e.accepted_on === r.acceptedOn && e.category === r.category
    && e.channel === r.channel && e.persons_involved === r.persons && e.applicant_names === r.applicants.join('、')
    && e.respondent_names === r.respondents.join('、') && e.outcome === outcomeOf(r)
    && (e.status === 'rejected') === (r.outcome === 'rejected') && e.concluded_on === r.concludedOn
    && (r.outcome !== 'agreed' || (e.agreement_form === r.agreementForm && e.agreement_amount_fen === r.agreementAmountFen));
  return !same;
}

function rowsOf(source: LedgerSource, xlsx: XlsxRows | null, encoding: TextEncoding): AsyncGenerator<{ row: number; cells: LedgerCell[] }> {
  return xlsx ? xlsx.rows() : readCsv(source, encoding);
}

const blank = (cells: LedgerCell[]) => cells.every((c) => cellText(c) === '');
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Imports a case ledger (LEDGER.md). Every row is checked first, streaming, with checked rows spooled (encrypted)
 * and only the keys duplicate detection needs kept in memory; nothing is written unless every row is valid, and
 * then everything is written in one transaction with one audit record naming the file and its SHA-256.
 */
export async function importLedger(db: Database, source: LedgerSource, opts: ImportOptions): Promise<LedgerReport> {
  const progress = opts.onProgress ?? (() => {});
  progress({ phase: 'scan', read: 0, total: 0 });
  const scan = await scanSource(source);
  // The progress bar's total without a second pass: the CSV's records counted by the scan; the sheet's rows as its
  // reader knows them (its <dimension>, or an estimate from the bytes read), header excluded.
  const xlsx = scan.format === 'xlsx' ? new XlsxRows(source) : null;
  const total = () => Math.max(0, (xlsx ? xlsx.total : scan.records) - 1);
  const report: LedgerReport = {
    fileName: source.name, sha256: scan.sha256, format: scan.format, encoding: scan.format === 'csv' ? scan.encoding : null,
    dryRun: opts.dryRun, rows: 0, toImport: 0, imported: 0, skipped: [], generated: [], newMediators: [], errors: [], warnings: [],
    unknownColumns: [], preview: { headers: [], rows: [] },
  };
  const [committee] = db.read<{ short_name: string }>(`SELECT short_name FROM committee`);
  if (!committee) throw badState('调解委员会尚未设置，无法导入台账');
  const byNumber = (no: string) => db.read<Existing>(`SELECT ${EXISTING_COLUMNS} FROM cases WHERE case_no = ?`, [no])[0];
  const byContent = (r: LedgerRow) => db.read<Existing>(
    `SELECT ${EXISTING_COLUMNS} FROM cases WHERE registered_on = ? AND applicant_names = ? AND respondent_names = ? AND category = ?
       AND persons_involved = ? ORDER BY id LIMIT 1`,
    [r.registeredOn, r.applicants.join('、'), r.respondents.join('、'), r.category, r.persons],
  )[0];
  const mediators = new Map<string, number>();
  for (const p of db.read<{ id: number; name: string }>(`SELECT id, name FROM persons ORDER BY id`)) if (!mediators.has(p.name)) mediators.set(p.name, p.id);
  const newMediators = new Set<string>();
  const locals = categoriesRepo.activeByName(db);

  const counters = countersNow(db);
  const inFile = new Map<string, number>(); // case number → the first row that gave it
  // Rows whose year and sequence are given after the check: those without a number (it is generated), and those
  // whose number cannot be read as one of the series or whose sequence is taken (the number is kept as written).
  const late: { row: number; year: number; caseNo: string | null }[] = [];
  const usedSeqs = new Set<string>();
  const seqTaken = (year: number, seq: number) =>
    seq < 1 || usedSeqs.has(`${year}:${seq}`) || db.read(`SELECT 1 FROM cases WHERE case_year = ? AND case_seq = ?`, [year, seq]).length > 0;
  const spool = new Spool<Spooled>();
  try {
    let headers: HeaderMap | null = null;
    for await (const { row, cells } of rowsOf(source, xlsx, scan.encoding)) {
      if (!headers) {
        headers = mapHeaders(cells.map(cellText));
        report.preview.headers = cells.map(cellText);
        report.unknownColumns = headers.unknown;
        for (const h of headers.repeated) report.warnings.push({ row, column: h, message: `第${row}行列名「${h}」重复出现，只读取第一列` });
        for (const k of headers.missing) {
          report.errors.push({ row, column: HEADER_ZH[k], message: `第${row}行（表头）缺少必填列「${HEADER_ZH[k]}」` });
        }
        if (headers.missing.length) break;
        continue;
      }
      if (blank(cells)) continue;
      report.rows++;
      if (report.preview.rows.length < PREVIEW_ROWS) report.preview.rows.push(report.preview.headers.map((_, i) => cellText(cells[i] ?? null)));
      if (report.rows % YIELD_EVERY === 0) {
        progress({ phase: 'check', read: report.rows, total: Math.max(total(), report.rows) });
        await tick(); // lets the window's progress polls through
      }
      const { value: r, issues } = readRow(cells, headers, row, locals);
      report.errors.push(...issues);
      if (!r) continue;

      if (r.caseNo) {
        const first = inFile.get(r.caseNo);
        if (first !== undefined) {
          const column = headers.names.case_no ?? HEADER_ZH.case_no;
          report.errors.push({ row, column, message: `第${row}行「${column}」与第${first}行重复：${r.caseNo}` });
          continue;
        }
        inFile.set(r.caseNo, row);
      }
      const existing = r.caseNo ? byNumber(r.caseNo) : byContent(r);
      if (existing) {
        const d = differs(existing, r);
        report.skipped.push({ row, caseNo: r.caseNo, existing: existing.case_no, reason: r.caseNo ? 'number' : 'match', differs: d });
        if (d) {
          report.warnings.push({
            row, column: headers.names.case_no ?? HEADER_ZH.case_no,
            message: `第${row}行案件编号 ${existing.case_no} 已在系统中，但台账内容与系统记录不一致；已跳过，系统记录未作更改，请核对`,
          });
        }
        continue;
      }
      if (r.mediator && !mediators.has(r.mediator)) newMediators.add(r.mediator);
      let year = Number(r.registeredOn.slice(0, 4));
      let seq = 0; // 0: a number in the committee's series is given after the check
      const m = r.caseNo ? CASE_NO.exec(r.caseNo) : null;
      if (m && !seqTaken(Number(m[1]), Number(m[3]))) {
        year = Number(m[1]);
        seq = Number(m[3]);
        usedSeqs.add(`${year}:${seq}`);
        // Numbers already used in the series: the next generated one comes after them.
        counters.set(year, Math.max(counters.get(year) ?? 0, seq));
      } else {
        late.push({ row, year, caseNo: r.caseNo });
      }
      spool.push({ r, year, seq });
    }
    report.errors.sort((a, b) => a.row - b.row);
    report.newMediators = [...newMediators];
    progress({ phase: 'check', read: report.rows, total: report.rows });

    // Sequences for the late rows, after every kept number of the file is known; numbers for those without one.
    const lateSeqs: number[] = [];
    for (const u of late) {
      let seq = counters.get(u.year) ?? 0;
      let caseNo: string;
      do caseNo = u.caseNo ?? formatCaseNo(u.year, committee.short_name, ++seq);
      while (u.caseNo ? seqTaken(u.year, ++seq) : inFile.has(caseNo) || byNumber(caseNo) || seqTaken(u.year, seq));
      usedSeqs.add(`${u.year}:${seq}`);
      counters.set(u.year, seq);
      lateSeqs.push(seq);
      if (!u.caseNo) report.generated.push({ row: u.row, caseNo });
    }
    report.toImport = spool.count;
    if (report.errors.length || opts.dryRun || spool.count === 0) return report;

    const now = opts.clock();
    const stamp = now.toISOString();
    progress({ phase: 'write', read: 0, total: spool.count });
    await db.transaction(async (tx) => {
      for (const name of report.newMediators) {
        const id = await lifecycleRepo.insert(tx, 'persons', {
          name, sex: null, phone: null, professions: JSON.stringify(['mediator']), employment: null, active: 1, created_at: stamp,
          joined_on: null, left_on: null,
        });
        mediators.set(name, id);
      }
      let written = 0;
      let l = 0;
      let g = 0;
      const generated = report.generated;
      const cases = function* (): Generator<BulkCase> {
        for (const { r, year, seq: kept } of spool.read()) {
          const seq = kept || lateSeqs[l++];
          const number = { caseNo: r.caseNo ?? generated[g++].caseNo, year, seq };
          yield toBulk(r, number, r.mediator ? mediators.get(r.mediator) ?? null : null, opts.actor, stamp);
          if (++written % 500 === 0) progress({ phase: 'write', read: written, total: spool.count });
        }
      };
      report.imported = insertCases(db, cases(), counters);
      await recordAudit(tx, {
        at: now, userId: opts.actor?.userId ?? null, action: 'ledger.import', entity: 'ledger',
        after: {
          file: source.name, sha256: scan.sha256, rows: report.rows, imported: report.imported, skipped: report.skipped.length,
          generated: report.generated.length, newMediators: report.newMediators.length,
        },
      });
    });
    // Searchable: pinyin needs JS, so the index is built after the bulk write, in batches, as the seed does.
    progress({ phase: 'index', read: 0, total: report.imported });
    await indexCases(db, { mode: 'missing', batchSize: 500, onProgress: (n) => progress({ phase: 'index', read: n, total: report.imported }) });
    progress({ phase: 'done', read: report.imported, total: report.imported });
    return report;
  } finally {
    spool.dispose();
    xlsx?.dispose();
  }
}

function toBulk(r: LedgerRow, no: { caseNo: string; year: number; seq: number }, mediatorId: number | null, actor: Actor | null, stamp: string): BulkCase {
  const party = (role: string, name: string, position: number) => ({
    position, role, kind: ORGANISATION.test(name) ? 'organisation' : 'person', name, sex: null, ethnicity: null, birth_date: null,
    id_type: 'none', id_number: null, phone: null, address: null, occupation: null, credit_code: null, representative: null,
    representative_title: null, created_at: stamp,
  });
  const prevented = Object.fromEntries(PREVENTED_KINDS.flatMap((k) => [
    [`prevented_${k}`, r.prevented[k].flag ? 1 : 0], [`prevented_${k}_persons`, r.prevented[k].persons],
  ])) as Record<`prevented_${(typeof PREVENTED_KINDS)[number]}` | `prevented_${(typeof PREVENTED_KINDS)[number]}_persons`, number>;
  const agreed = r.outcome === 'agreed';
  return {
    row: {
      case_no: no.caseNo, case_year: no.year, case_seq: no.seq, category: r.category, channel: r.channel, referral_body: null,
      summary: r.summary, requests: '[]', amount_fen: r.amountFen, persons_involved: r.persons, status: statusOf(r),
      registered_on: r.registeredOn, accepted_on: r.acceptedOn, rejection_reason: r.outcome === 'rejected' ? '台账记载为不予受理' : null,
      // As for every ledger-imported case, no stored due date: the figures use 延期至 or 受理日期 + 30 days.
      due_on: null, extended_due_on: r.extendedDueOn, outcome: outcomeOf(r), concluded_on: r.concludedOn, closed_on: null,
      archived_on: null, retention: null, agreement_form: r.agreementForm, agreement_amount_fen: r.agreementAmountFen,
      performance: r.performance, jc_status: r.jcStatus, satisfaction: r.satisfaction, ...prevented,
      failure_routes: null, termination_reason: null, anonymised_at: null, lead_mediator_id: mediatorId,
      applicant_names: r.applicants.join('、'), respondent_names: r.respondents.join('、'), external_code: null,
      created_by: actor?.userId ?? null, created_at: stamp, updated_at: stamp, local_category_id: r.localCategoryId,
    },
    parties: [...r.applicants.map((n) => ['applicant', n]), ...r.respondents.map((n) => ['respondent', n])]
      .map(([role, name], i) => party(role, name, i)),
    agreement: agreed ? {
      form: r.agreementForm!, facts: r.summary || null, terms: '[]', amount_fen: r.agreementAmountFen, performance_method: null,
      performance_deadline: null, effective_on: r.concludedOn!, performance: r.performance ?? 'performing', jc_status: r.jcStatus,
      jc_applied_on: r.jcStatus === 'none' ? null : r.concludedOn, jc_decided_on: ['confirmed', 'refused'].includes(r.jcStatus) ? r.concludedOn : null,
      created_at: stamp,
    } : null,
    // The case's satisfaction is its latest follow-up's: the ledger's 回访满意度 becomes one follow-up record.
    followups: r.satisfaction ? [{
      visited_on: r.concludedOn ?? r.acceptedOn ?? r.registeredOn, visitor_person_id: mediatorId, performance: r.performance,
      satisfaction: r.satisfaction, notes: '台账导入', created_at: stamp,
    }] : [],
  };
}
