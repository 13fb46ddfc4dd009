/** The ledger's columns (LEDGER.md): header in Chinese, the other names committees use, the key. */
export const LEDGER_FIELDS = [
  { key: 'case_no', header: '案件编号', aliases: ['编号'], required: false },
  { key: 'registered_on', header: '登记日期', aliases: [], required: true },
  { key: 'accepted_on', header: '受理日期', aliases: [], required: false },
  { key: 'category', header: '纠纷类型', aliases: ['类型'], required: true },
  { key: 'channel', header: '案件来源', aliases: ['来源'], required: true },
  { key: 'applicants', header: '申请人', aliases: [], required: true },
  { key: 'respondents', header: '被申请人', aliases: [], required: false },
  { key: 'persons_involved', header: '涉及人数', aliases: [], required: true },
  { key: 'amount_yuan', header: '涉及金额（元）', aliases: ['涉及金额'], required: false },
  { key: 'lead_mediator', header: '主办调解员', aliases: ['调解员'], required: false },
  { key: 'outcome', header: '调解结果', aliases: ['结果'], required: true },
  { key: 'agreement_form', header: '协议形式', aliases: [], required: false },
  { key: 'agreement_amount_yuan', header: '协议金额（元）', aliases: ['协议金额'], required: false },
  { key: 'concluded_on', header: '调结日期', aliases: ['结案日期'], required: false },
  { key: 'performance', header: '履行情况', aliases: [], required: false },
  { key: 'jc_status', header: '司法确认', aliases: [], required: false },
  { key: 'prevented_criminal', header: '防止民转刑', aliases: [], required: false },
  { key: 'prevented_suicide', header: '防止自杀', aliases: [], required: false },
  { key: 'prevented_group_petition', header: '防止群体性上访', aliases: [], required: false },
  { key: 'prevented_group_fight', header: '防止群体性械斗', aliases: [], required: false },
  { key: 'prevented_criminal_persons', header: '防止民转刑人数', aliases: [], required: false },
  { key: 'prevented_suicide_persons', header: '防止自杀人数', aliases: [], required: false },
  { key: 'prevented_group_petition_persons', header: '防止群体性上访人数', aliases: [], required: false },
  { key: 'prevented_group_fight_persons', header: '防止群体性械斗人数', aliases: [], required: false },
  { key: 'satisfaction', header: '回访满意度', aliases: ['满意度'], required: false },
  { key: 'extended_due_on', header: '延期至', aliases: [], required: false },
  { key: 'summary', header: '纠纷简要情况', aliases: ['简要案情'], required: false },
] as const;

export type LedgerKey = (typeof LEDGER_FIELDS)[number]['key'];

export const HEADER_ZH = Object.fromEntries(LEDGER_FIELDS.map((f) => [f.key, f.header])) as Record<LedgerKey, string>;

/** Spaces, a BOM and half-width brackets are how hand-typed headers usually differ. */
const normalise = (s: string): string =>
  s.replace(/^\uFEFF/, '').replace(/[\s\u3000]/g, '').replace(/\(/g, '（').replace(/\)/g, '）');

const BY_NAME = new Map<string, LedgerKey>(
  LEDGER_FIELDS.flatMap((f) => [f.header, ...f.aliases].map((n) => [normalise(n), f.key] as [string, LedgerKey])),
);

export interface HeaderMap {
  /** Column index → key (null: an unknown or repeated column). */
  columns: (LedgerKey | null)[];
  /** Key → the header as written in the file, for messages. */
  names: Partial<Record<LedgerKey, string>>;
  unknown: string[];
  /** Required headers absent from the file. */
  missing: LedgerKey[];
  /** Headers naming a key a column before already took. */
  repeated: string[];
}

export function mapHeaders(cells: string[]): HeaderMap {
  const columns: (LedgerKey | null)[] = [];
  const names: Partial<Record<LedgerKey, string>> = {};
  const unknown: string[] = [];
  const repeated: string[] = [];
  for (const cell of cells) {
    const text = cell.replace(/^\uFEFF/, '').trim();
    const key = BY_NAME.get(normalise(text)) ?? null;
    if (key && names[key] === undefined) {
      names[key] = text;
      columns.push(key);
    } else {
      if (key) repeated.push(text);
      else if (text !== '') unknown.push(text);
      columns.push(null);
    }
  }
  const missing = LEDGER_FIELDS.filter((f) => f.required && names[f.key] === undefined).map((f) => f.key);
  return { columns, names, unknown, missing, repeated };
}

/** The header to name in a message: as the file wrote it, else the standard one. */
export const columnName = (map: HeaderMap, key: LedgerKey): string => map.names[key] ?? HEADER_ZH[key];
