import { pinyin } from 'pinyin-pro';

// Dot-like marks people type inside names (买买提·艾力, 买买提•艾力, 买买提.艾力): all one dot.
const DOTS = /[.•‧∙・･\u2e31\u318d]/g;
// Private-use characters are the index's own markers (SEP, HEAD): never taken from text or queries.
const PRIVATE = /[\ue000-\uf8ff]/g;

/**
 * The one folding applied to indexed text and to queries alike: NFKC (full-width digits, letters
 * and brackets from an input method become ASCII), one middle dot, lower case.
 */
export const normalise = (s: string): string => s.normalize('NFKC').replace(PRIVATE, '').replace(DOTS, '·').toLowerCase();

/** Between values in case_search_chars.text, so a phrase never runs from one name into the next. */
export const SEP = '\ue000';
/** One token per character for case_search_chars' unicode61 tokenizer. */
export const spaced = (s: string): string => Array.from(s).join(' ');
/**
 * case_search_chars.initials holds every 1–2 letter piece of each name's initials as one token
 * (张三丰 zsf: 1z 1s 1f 1zs 1sf), and .heads the first two letters of each name's full pinyin
 * (李伟: 2li). The digit keeps them apart from the letters in .text, so each lookup reads one
 * short doclist instead of a phrase over the doclists of single letters.
 */
export const initialsToken = (letters: string): string => `1${letters}`;
export const headToken = (letters: string): string => `2${letters}`;

function initialsPieces(initials: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < initials.length; i++) {
    pieces.push(initialsToken(initials[i]));
    if (i + 1 < initials.length) pieces.push(initialsToken(initials.slice(i, i + 2)));
  }
  return pieces;
}

export interface NameKeys {
  /** First letters of each syllable (and of each Latin word), e.g. 张三 → zs, 买买提·艾力 → mmtal. */
  initials: string;
  /** Full toneless pinyin without separators, ü as v, e.g. 张三 → zhangsan, 吕静 → lvjing. */
  pinyin: string;
}

// Names repeat (the same parties come back, seeds repeat names): bounded, so memory stays flat.
const cache = new Map<string, NameKeys>();
const CACHE_LIMIT = 50_000;

/**
 * Pinyin keys of a name. A person's name is read with surname readings (单 shan, 曾 zeng, 解 xie),
 * an organisation's as ordinary words; other polyphonic characters take pinyin-pro's reading in
 * context. Anything that is not a letter (·, digits, spaces) adds nothing.
 */
export function nameKeys(name: string, kind: 'person' | 'organisation' = 'person'): NameKeys {
  const key = `${kind[0]}${name}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const syllables = pinyin(name, {
    toneType: 'none', type: 'array', v: true, nonZh: 'consecutive', surname: kind === 'person' ? 'head' : 'off',
  });
  let initials = '';
  let full = '';
  for (const item of syllables) {
    const lower = item.toLowerCase();
    if (/^[a-z]+$/.test(lower)) {
      initials += lower[0];
      full += lower;
      continue;
    }
    // Non-Chinese runs come through whole ("Tom ", "ABC"): each Latin word gives one initial.
    for (const word of normalise(item).split(/[^a-z]+/)) {
      if (!word) continue;
      initials += word[0];
      full += word;
    }
  }
  const keys = { initials, pinyin: full };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, keys);
  return keys;
}

/** What one case contributes to the index: read from the case and its parties. */
export interface SearchSource {
  caseNo: string;
  externalCode: string | null;
  summary: string;
  parties: {
    kind: string; name: string; representative: string | null; phone: string | null; idNumber: string | null; creditCode: string | null;
  }[];
}

/** The case's rows: case_search (every column normalised, values separated by spaces) and case_search_chars. */
export interface SearchDocument {
  case_no: string;
  names: string;
  initials: string;
  pinyin: string;
  phones: string;
  id_numbers: string;
  summary: string;
  chars: { text: string; initials: string; heads: string };
}

const distinct = (values: Iterable<string | null | undefined>): string[] =>
  [...new Set([...values].filter((v): v is string => !!v).map(normalise))];

export function searchDocument(s: SearchSource): SearchDocument {
  // Every party's name, organisations' representatives included.
  const names = s.parties.flatMap((p) => [
    { name: p.name, kind: p.kind === 'organisation' ? 'organisation' as const : 'person' as const },
    { name: p.representative, kind: 'person' as const },
  ]).filter((n): n is { name: string; kind: 'person' | 'organisation' } => !!n.name && n.name.trim().length > 0);
  const keys = names.map((n) => nameKeys(n.name, n.kind));
  const phones = s.parties.flatMap((p) => (p.phone ? [p.phone, p.phone.replace(/\D/g, '')] : []));
  // The other platform's code (external_code) is searched like the case number.
  const caseNos = distinct([s.caseNo, s.externalCode]);
  const nameList = distinct(names.map((n) => n.name));
  const initials = distinct(keys.map((k) => k.initials));
  const fullPinyin = distinct(keys.map((k) => k.pinyin));
  const summary = normalise(s.summary);
  return {
    case_no: caseNos.join(' '),
    names: nameList.join(' '),
    initials: initials.join(' '),
    pinyin: fullPinyin.join(' '),
    phones: distinct(phones).join(' '),
    id_numbers: distinct(s.parties.flatMap((p) => [p.idNumber, p.creditCode])).join(' '),
    summary,
    chars: {
      text: spaced([...nameList, ...caseNos, summary].join(SEP)),
      initials: [...new Set(initials.flatMap(initialsPieces))].join(' '),
      heads: [...new Set(fullPinyin.filter((p) => p.length >= 2).map((p) => headToken(p.slice(0, 2))))].join(' '),
    },
  };
}
