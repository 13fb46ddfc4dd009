import { headToken, initialsToken, normalise } from './text';

/**
 * What a term is matched against (docs/ARCHITECTURE.md, Search):
 * - `code`: digits, or an ID-like mix of digits, Latin letters and hyphens (身份证 with X, 护照,
 *   0577-6888…): substring of the case number, phones, ID numbers and credit codes;
 * - `latin`: Latin letters only: substring of a party name's pinyin initials (zs → 张三), the
 *   start of a name's full pinyin (li → 李伟, zhangsan → 张三) or, from 3 letters, any part of
 *   it (jing → 陈静); Latin-script names themselves;
 * - `text`: anything else (Chinese): substring of party names, the summary or the case number.
 */
export type TermKind = 'code' | 'latin' | 'text';

export interface SearchTerm {
  kind: TermKind;
  value: string;
}

/**
 * A parsed query: every term must match (AND). Terms of 3+ characters go to case_search (trigram)
 * as one FTS5 expression; shorter ones, which no trigram can find, go to case_search_chars (one
 * token per character) as another. Every term is a quoted phrase, so FTS5 syntax typed by the
 * user (", *, OR, NEAR(, column:) is only text to find.
 */
export interface SearchPlan {
  /** FTS5 query on case_search, or null. */
  long: string | null;
  /** FTS5 query on case_search_chars, or null. */
  short: string | null;
  /**
   * 1–2 character terms with a character that is neither letter nor digit (静%, ·, （): the
   * tokenizer drops those, so the term is also tested as a substring of case_search's columns.
   */
  scan: string[];
}

const LONG_COLUMNS: Record<TermKind, string> = {
  code: '{case_no phones id_numbers}',
  latin: '{names initials pinyin}',
  text: '{case_no names summary}',
};

const LONG = 3;
const TOKEN = /[\p{L}\p{N}]/u;

export function termKind(value: string): TermKind {
  if (/^[a-z]+$/.test(value)) return 'latin';
  if (/[0-9]/.test(value) && /^[0-9a-z-]+$/.test(value)) return 'code';
  return 'text';
}

/** An FTS5 string: the whole term in double quotes, inner quotes doubled. */
export const ftsPhrase = (value: string): string => `"${value.replaceAll('"', '""')}"`;

/**
 * A 1–2 character term on case_search_chars. Code terms this short only make sense as part of a
 * case number (第0012号), so they look at the text column, where case numbers are.
 */
function shortExpression(kind: TermKind, tokens: string[]): string {
  const phrase = ftsPhrase(tokens.join(' '));
  if (kind !== 'latin') return `{text} : ${phrase}`;
  const letters = tokens.join('');
  const alternatives = [`{initials} : ${ftsPhrase(initialsToken(letters))}`, `{text} : ${phrase}`];
  // One letter is already an initial; two may also begin a full pinyin (li → 李伟).
  if (letters.length > 1) alternatives.push(`{heads} : ${ftsPhrase(headToken(letters))}`);
  return `(${alternatives.join(' OR ')})`;
}

/** Trimmed, split on white space; an empty query is no search at all (null). */
export function parseQuery(q: string | undefined | null): SearchPlan | null {
  const values = [...new Set(normalise(q ?? '').split(/\s+/u).filter(Boolean))];
  if (!values.length) return null;
  const long: string[] = [];
  const short: string[] = [];
  const scan: string[] = [];
  for (const value of values) {
    const kind = termKind(value);
    // Code points, not UTF-16 units: the trigram tokenizer counts characters.
    const chars = Array.from(value);
    if (chars.length >= LONG) long.push(`${LONG_COLUMNS[kind]} : ${ftsPhrase(value)}`);
    else {
      const tokens = chars.filter((c) => TOKEN.test(c));
      if (tokens.length) short.push(shortExpression(kind, tokens));
      if (tokens.length < chars.length) scan.push(value);
    }
  }
  return { long: long.length ? long.join(' AND ') : null, short: short.length ? short.join(' AND ') : null, scan };
}
