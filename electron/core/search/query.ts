import { normalise } from './text';

/**
 * What a term is matched against:
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
 * A parsed query. Terms of 3+ characters go to FTS5 MATCH (trigram index) as one expression;
 * shorter ones cannot (a trigram needs 3 characters) and are checked on the candidate rows, or
 * by a scan when the query has no long term.
 */
export interface SearchPlan {
  /** FTS5 query, every long term quoted as a phrase under a column filter, AND-ed; null if none. */
  match: string | null;
  /** Terms of 1–2 characters, normalised. */
  short: SearchTerm[];
}

const COLUMNS: Record<TermKind, string> = {
  code: '{case_no phones id_numbers}',
  latin: '{names initials pinyin}',
  text: '{case_no names summary}',
};

const LONG = 3;

export function termKind(value: string): TermKind {
  if (/^[a-z]+$/.test(value)) return 'latin';
  if (/[0-9]/.test(value) && /^[0-9a-z-]+$/.test(value)) return 'code';
  return 'text';
}

/**
 * An FTS5 string literal: the whole term in double quotes, inner quotes doubled, so query syntax
 * in what the user typed (", *, OR, NEAR(, column:) is just text to find.
 */
export const ftsPhrase = (value: string): string => `"${value.replaceAll('"', '""')}"`;

/** Trimmed, split on white space (all terms must match); an empty query is no search at all. */
export function parseQuery(q: string | undefined | null): SearchPlan | null {
  const values = [...new Set(normalise(q ?? '').split(/\s+/u).filter(Boolean))];
  if (!values.length) return null;
  const long: string[] = [];
  const short: SearchTerm[] = [];
  for (const value of values) {
    const kind = termKind(value);
    // Code points, not UTF-16 units: the trigram tokenizer counts characters.
    if (Array.from(value).length >= LONG) long.push(`${COLUMNS[kind]} : ${ftsPhrase(value)}`);
    else short.push({ kind, value });
  }
  return { match: long.length ? long.join(' AND ') : null, short };
}
