import { CATEGORIES, CATEGORY_ZH } from '../../../shared/domain/enums';
import { PREVENTED_KINDS, type PreventedKind, type StatisticsReport } from '../../../shared/domain/statistics';

/**
 * The Ministry's monthly form (业务工作情况, STATISTICS.md "The monthly form as sent"): one column per figure, under
 * its group. Each column names the report key it shows, so the sheet, its test and the on-screen report read one list.
 */
export interface FormColumn {
  group: string;
  /** The column's own heading; for 防激化, the kind, which spans its 件 and 人 columns. */
  name: string;
  /** 件 / 人 under a 防激化 kind. */
  sub?: string;
  key: string;
  format: 'count' | 'rate' | 'wan';
  width: number;
}

const PREVENTED_ORDER: readonly PreventedKind[] = ['suicide', 'criminal', 'group_petition', 'group_fight'];
const PREVENTED_HEAD: Record<PreventedKind, string> = {
  suicide: '防止民间纠纷引起自杀', criminal: '防止民间纠纷转化为刑事案件', group_petition: '防止群体性上访', group_fight: '防止群体性械斗',
};
if (PREVENTED_ORDER.length !== PREVENTED_KINDS.length) throw new Error('every prevented kind has a column');

const count = (group: string, name: string, key: string, width = 7): FormColumn => ({ group, name, key, format: 'count', width });

export const FORM_COLUMNS: readonly FormColumn[] = [
  count('排查预防', '排查纠纷（次）', 'sweeps', 8),
  count('排查预防', '排查发现纠纷（件）', 'sweep_found', 8),
  count('排查预防', '预防纠纷（件）', 'prevented_disputes', 8),
  count('调解纠纷', '合计（件）', 'accepted', 7),
  ...CATEGORIES.map((c) => count('调解纠纷', CATEGORY_ZH[c], `accepted_by_category.${c}`, c === 'traffic' || c === 'housing_homestead' ? 7 : 6)),
  count('案件来源', '主动调解', 'accepted_by_bucket.initiative'),
  count('案件来源', '依申请调解', 'accepted_by_bucket.application'),
  count('案件来源', '接受委托移送', 'accepted_by_bucket.referral'),
  count('结果', '调解成功（件）', 'success', 8),
  { group: '结果', name: '成功率（%）', key: 'success_rate', format: 'rate', width: 9 },
  count('结果', '口头协议（件）', 'oral_agreements', 8),
  count('结果', '书面协议（件）', 'written_agreements', 8),
  { group: '结果', name: '协议涉及金额（万元）', key: 'agreement_amount_wan', format: 'wan', width: 11 },
  count('结果', '司法确认（件）', 'jc_applied', 8),
  ...PREVENTED_ORDER.flatMap((k): FormColumn[] => [
    { group: '防激化', name: PREVENTED_HEAD[k], sub: '件', key: `prevented.${k}.cases`, format: 'count', width: 6 },
    { group: '防激化', name: PREVENTED_HEAD[k], sub: '人', key: `prevented.${k}.persons`, format: 'count', width: 6 },
  ]),
];

export const FORM_TITLE = '人民调解工作统计月报（业务工作情况）';
/** The first column's heading, over the three header rows; its cell in the data row is the committee's name. */
export const FORM_UNIT = { name: '填报单位', width: 24 } as const;
export const FORM_NOTE = '注：调解纠纷合计为本期受理数；成功率＝调解成功÷（调解成功＋调解不成功），无调结时空白；'
  + '协议涉及金额以万元计，保留两位小数；司法确认为申请司法确认的件数；防激化按本期调结的案件统计。';

/** `2026-03-01` → 2026年3月1日 */
export const zhDate = (d: string): string => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
/** The report's moment in Asia/Shanghai, to the minute: `2026-05-06 10:00`. */
export const shanghaiMinute = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** `人民调解工作统计月报_白沙社区人民调解委员会_2026-03-01至2026-03-31.<ext>`, without characters Windows refuses. */
export function reportFileName(report: Pick<StatisticsReport, 'committee' | 'period'>, ext: 'xlsx' | 'pdf'): string {
  const name = report.committee.name.replace(/[\\/:*?"<>|\s]+/g, '');
  return `人民调解工作统计月报_${name}_${report.period.from}至${report.period.to}.${ext}`;
}

/** The form's line under the title: unit, period, and the day (and minute) the figures were read. */
export function formInfo(r: Pick<StatisticsReport, 'committee' | 'period' | 'as_of'>): { unit: string; period: string; filed: string } {
  return {
    unit: `填报单位：${r.committee.name}（${r.committee.code}）`,
    period: `统计期间：${zhDate(r.period.from)}至${zhDate(r.period.to)}`,
    filed: `填报日期：${zhDate(shanghaiMinute(r.as_of).slice(0, 10))}（数据截至${shanghaiMinute(r.as_of)}）`,
  };
}

/** Rows of the 月报 sheet: title, unit and period, three header rows, the committee's row, the note. */
export const FORM_ROWS = { title: 1, info: 2, group: 3, name: 4, sub: 5, data: 6, note: 7 } as const;
/** The first column is the committee (填报单位); the figures start in column B. */
export const FORM_FIRST = 2;
export const FORM_LAST = FORM_FIRST + FORM_COLUMNS.length - 1;

export const NUMBER_FORMATS = { count: '0', rate: '0.00%', wan: '0.00', yuan: '#,##0.00' } as const;

/**
 * A figure as the printed form shows it, the way NUMBER_FORMATS shows it in Excel: counts as they are, rates as
 * 84.62% (a report's rate has four decimals, so this is exact), 万元 with two decimals; a null rate is blank.
 */
export function formatFormValue(format: FormColumn['format'], v: number | string | null | undefined): string {
  if (typeof v !== 'number') return v ?? '';
  if (format === 'rate') {
    const n = Math.round(v * 10_000);
    return `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}%`;
  }
  return format === 'wan' ? v.toFixed(2) : String(v);
}

/** A1-style column letters (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** The text of each header cell by its A1 address (the rest of a merged range is empty). */
export function formHeaderText(): Map<string, string> {
  const { group, name, sub } = FORM_ROWS;
  const text = new Map<string, string>([[`A${group}`, FORM_UNIT.name]]);
  FORM_COLUMNS.forEach((c, i) => {
    const col = columnLetter(FORM_FIRST + i);
    if (i === 0 || FORM_COLUMNS[i - 1].group !== c.group) text.set(`${col}${group}`, c.group);
    if (!c.sub || FORM_COLUMNS[i - 1]?.name !== c.name) text.set(`${col}${name}`, c.name);
    if (c.sub) text.set(`${col}${sub}`, c.sub);
  });
  return text;
}

/** The merged ranges of the 月报 sheet's header, in the form's order: what the layout test checks cell by cell. */
export function formHeaderMerges(): string[] {
  const { group, name, sub } = FORM_ROWS;
  const merges = [`A${group}:A${sub}`];
  let i = 0;
  while (i < FORM_COLUMNS.length) {
    let j = i;
    while (j + 1 < FORM_COLUMNS.length && FORM_COLUMNS[j + 1].group === FORM_COLUMNS[i].group) j++;
    merges.push(`${columnLetter(FORM_FIRST + i)}${group}:${columnLetter(FORM_FIRST + j)}${group}`);
    for (let k = i; k <= j; k++) {
      const c = FORM_COLUMNS[k];
      const col = columnLetter(FORM_FIRST + k);
      if (!c.sub) merges.push(`${col}${name}:${col}${sub}`);
      else if (FORM_COLUMNS[k + 1]?.name === c.name && FORM_COLUMNS[k + 1]?.sub) merges.push(`${col}${name}:${columnLetter(FORM_FIRST + k + 1)}${name}`);
    }
    i = j + 1;
  }
  return merges;
}
