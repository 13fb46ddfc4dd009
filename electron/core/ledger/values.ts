import {
  CATEGORIES, CATEGORY_ZH, CHANNELS, type AGREEMENT_FORMS, type Category, type Channel, type JC_STATUSES, type PERFORMANCE_STATES,
  type SATISFACTION_LEVELS,
} from '../../../shared/domain/enums';
import { isCalendarDate } from '../../../shared/domain/dates';

/** A cell as a reader hands it over: CSV gives text; a workbook may give numbers and dates. */
export type LedgerCell = string | number | Date | null;

/** A value, or the reason it is not one (completed into a sentence by the row rules). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
const good = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (reason: string): Parsed<never> => ({ ok: false, reason });

export const cellText = (c: LedgerCell): string => {
  if (c === null) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim();
};

export const isBlank = (c: LedgerCell): boolean => cellText(c) === '';

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number): string | null => {
  const s = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
  return isCalendarDate(s) ? s : null;
};

// Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included): serial 46300 is 2026-10-05.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** 2026-10-05, 2026/10/5, 2026.10.05, 2026年10月5日, an Excel date cell or date serial → YYYY-MM-DD. */
export function parseDate(c: LedgerCell): Parsed<string> {
  if (c instanceof Date) {
    if (Number.isNaN(c.getTime())) return bad('不是有效日期');
    // A workbook's date cell carries no time zone: its calendar day is the UTC one exceljs gives.
    return good(c.toISOString().slice(0, 10));
  }
  if (typeof c === 'number') {
    if (!Number.isInteger(Math.floor(c)) || c < 1 || c > 2_958_465) return bad(`不是有效日期：${c}`);
    return good(new Date(EXCEL_EPOCH_MS + Math.floor(c) * DAY_MS).toISOString().slice(0, 10));
  }
  const text = cellText(c);
  const m = /^(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?)$/.exec(text);
  if (m) {
    const date = ymd(Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5]));
    if (date) return good(date);
  } else if (/^\d{5}$/.test(text)) {
    return parseDate(Number(text)); // a serial that lost its date format on the way to CSV
  }
  return bad(`不是有效日期：${text}（可写作 2026-10-05、2026/10/5、2026.10.05 或 2026年10月5日）`);
}

/**
 * Decimal yuan → integer fen, rounded half up to the fen, in integer arithmetic on the digits: 0.285 is 29 fen,
 * where floating point would give 28.
 */
export function parseYuan(c: LedgerCell): Parsed<number> {
  let text: string;
  if (typeof c === 'number') {
    if (!Number.isFinite(c) || c < 0) return bad(`不是有效金额：${c}`);
    text = /e/i.test(String(c)) ? c.toFixed(6) : String(c);
  } else {
    text = cellText(c).replace(/[,，\s]/g, '').replace(/^[¥￥]/, '').replace(/元$/, '');
  }
  const m = /^(\d{1,13})(?:\.(\d*))?$/.exec(text);
  if (!m) return bad(`不是有效金额：${cellText(c)}`);
  const decimals = (m[2] ?? '').padEnd(3, '0');
  const fen = Number(m[1]) * 100 + Number(decimals.slice(0, 2)) + (Number(decimals[2]) >= 5 ? 1 : 0);
  return good(fen);
}

/** A whole number ≥ min (涉及人数 ≥ 1, persons prevented ≥ 0). */
export function parseWhole(c: LedgerCell, min: number): Parsed<number> {
  const text = cellText(c).replace(/人$/, '');
  if (!/^\d{1,7}(\.0+)?$/.test(text) || Number(text) < min) return bad(`须为不小于${min}的整数：${cellText(c)}`);
  return good(Number.parseInt(text, 10));
}

const lookup = <T extends string>(table: Record<string, T>, what: string) => (c: LedgerCell): Parsed<T> => {
  const text = cellText(c).replace(/[\s\u3000]/g, '');
  const v = table[text];
  return v === undefined ? bad(`“${cellText(c)}”不是可用的${what}（可填：${[...new Set(Object.keys(table))].join('、')}）`) : good(v);
};

const invert = <K extends string>(zh: Record<K, string>): Record<string, K> =>
  Object.fromEntries(Object.entries(zh).map(([k, v]) => [v, k])) as Record<string, K>;

export const CATEGORY_BY_ZH: Record<string, Category> = invert(CATEGORY_ZH);
export const parseCategory = lookup<Category>(CATEGORY_BY_ZH, '纠纷类型');

/** The committee's active local categories by name (设置 → 纠纷类型), each with the national category it counts in. */
export type LocalCategoryNames = ReadonlyMap<string, { id: number; rollsUpTo: string }>;
export interface LedgerCategory { category: Category; localCategoryId: number | null }

/** 纠纷类型: one of the 15 national names, or an active local category's name (which sets both). */
export const categoryParser = (locals: LocalCategoryNames) => (c: LedgerCell): Parsed<LedgerCategory> => {
  const text = cellText(c).replace(/[\s\u3000]/g, '');
  const national = CATEGORY_BY_ZH[text];
  if (national !== undefined) return good({ category: national, localCategoryId: null });
  const local = locals.get(text);
  if (local && isCategory(local.rollsUpTo)) return good({ category: local.rollsUpTo, localCategoryId: local.id });
  const names = [...Object.keys(CATEGORY_BY_ZH), ...locals.keys()].join('、');
  return bad(`“${cellText(c)}”不是可用的纠纷类型（可填：${names}；本地纠纷类型可在“设置 → 纠纷类型”中添加）`);
};

export const CHANNEL_ZH: Record<Channel, string> = {
  application: '当事人申请', initiative: '主动调解', grid_report: '网格员上报', court_assigned: '法院委派',
  court_entrusted: '法院委托', police_referral: '公安移送', petition_referral: '信访移送', hotline_12345: '12345热线转办',
  agency_referral: '其他部门移送',
};
/** The report's bucket words name a channel in that bucket: 委托移送 is the general referral (其他部门移送). */
export const parseChannel = lookup<Channel>({ ...invert(CHANNEL_ZH), 申请: 'application', 主动: 'initiative', 委托移送: 'agency_referral' }, '案件来源');

export type LedgerOutcome = 'agreed' | 'failed' | 'withdrawn' | 'rejected' | 'pending';
export const OUTCOME_ZH: Record<LedgerOutcome, string> = {
  agreed: '调解成功', failed: '调解不成功', withdrawn: '撤回', rejected: '不予受理', pending: '调解中',
};
export const parseOutcome = lookup<LedgerOutcome>(invert(OUTCOME_ZH), '调解结果');

type Form = (typeof AGREEMENT_FORMS)[number];
export const parseForm = lookup<Form>({ 书面: 'written', 口头: 'oral', 书面协议: 'written', 口头协议: 'oral' }, '协议形式');
type Performance = (typeof PERFORMANCE_STATES)[number];
export const parsePerformance = lookup<Performance>({ 已履行: 'performed', 部分履行: 'partial', 未履行: 'unperformed', 履行中: 'performing' }, '履行情况');
type Jc = (typeof JC_STATUSES)[number];
export const parseJc = lookup<Jc>({ 未申请: 'none', 已申请: 'applied', 已确认: 'confirmed', 不予确认: 'refused' }, '司法确认情况');
type Satisfaction = (typeof SATISFACTION_LEVELS)[number];
export const parseSatisfaction = lookup<Satisfaction>({ 满意: 'satisfied', 基本满意: 'fairly_satisfied', 不满意: 'dissatisfied' }, '满意度');
export const parseYesNo = (c: LedgerCell): Parsed<boolean> => {
  const t = cellText(c);
  if (t === '' || t === '否') return good(false);
  if (t === '是') return good(true);
  return bad(`须填“是”或“否”：${t}`);
};

/** Names separated by 、 , ， ; ；: a name keeps its · (买买提·艾力) and any other character. */
export const splitNames = (c: LedgerCell): string[] =>
  cellText(c).split(/[、,，;；\n]/).map((n) => n.trim()).filter((n) => n !== '');

export const isCategory = (s: string): s is Category => (CATEGORIES as readonly string[]).includes(s);
export const isChannel = (s: string): s is Channel => (CHANNELS as readonly string[]).includes(s);
