import { CATEGORIES, CATEGORY_ZH } from '../../../shared/domain/enums';
import { PREVENTED_KINDS, type PreventedKind } from '../../../shared/domain/statistics';

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

/** Rows of the 月报 sheet: title, unit and period, three header rows, the committee's row, the note. */
export const FORM_ROWS = { title: 1, info: 2, group: 3, name: 4, sub: 5, data: 6, note: 7 } as const;
/** The first column is the committee (填报单位); the figures start in column B. */
export const FORM_FIRST = 2;
export const FORM_LAST = FORM_FIRST + FORM_COLUMNS.length - 1;

export const NUMBER_FORMATS = { count: '0', rate: '0.00%', wan: '0.00', yuan: '#,##0.00' } as const;

/** A1-style column letters (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
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
