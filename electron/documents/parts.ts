import type { CaseFile } from '../../shared/domain/case-file';
import type { Party } from '../../shared/domain/case';
import { CATEGORY_ZH } from '../../shared/domain/enums';
import type { Meeting } from '../../shared/domain/documents';
import { shanghaiDate } from '../../shared/domain/dates';
import { ageAt, chineseNumber, dateZh } from './format';
import { fontFaceCss } from './fonts';
import { escapeHtml, html, isBlank, join, SafeHtml, type HtmlValue } from './html';
import { PRINT_CSS } from './styles';
import { fill, WORDING, type Wording } from './wording';

export interface RenderOptions {
  /** Today (YYYY-MM-DD, Asia/Shanghai): the date of documents the file does not date itself. */
  today?: string;
  /**
   * Where the font files are, relative to the document or absolute. The default `../fonts/` fits a
   * document at `<origin>/documents/x.html` with the fonts at `<origin>/fonts/` (app://tiaojie or
   * the test server alike).
   */
  fontBaseUrl?: string;
  /** One investigation or mediation record; every record of that kind, one page each, when absent. */
  recordId?: number;
  /** One follow-up; every follow-up when absent. */
  followupId?: number;
  /** The meeting a 调解通知书 announces. */
  meeting?: Meeting;
  /** Another wording (a province's variant); the Ministry's when absent. */
  wording?: Wording;
}

export interface Ctx {
  file: CaseFile;
  w: Wording;
  today: string;
  opts: RenderOptions;
}

export const ctxOf = (file: CaseFile, opts: RenderOptions = {}): Ctx => ({
  file, w: opts.wording ?? WORDING, today: opts.today ?? shanghaiDate(), opts,
});

/** What a template makes: the page title and the body, one `.doc` section per printed form. */
export interface DocBody {
  title: string;
  body: SafeHtml;
}

export interface RenderedDocument {
  html: string;
  title: string;
}

/** The complete HTML page of a document: no script, inline styles, fonts by URL; `css` for a page that is not A4 portrait. */
export function documentPage(title: string, body: SafeHtml, fontBaseUrl = '../fonts/', css = PRINT_CSS): string {
  const fonts = fontFaceCss(title + body.value, fontBaseUrl);
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/]+/i.exec(fontBaseUrl)?.[0];
  // The document's own policy, on top of whatever the server sends: no script, nothing remote.
  const csp = `default-src 'none'; style-src 'unsafe-inline'; font-src 'self'${absolute ? ` ${absolute}` : ''}; img-src 'self' data:; base-uri 'none'; form-action 'none'`;
  return '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
    + `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`
    + `<title>${escapeHtml(title)}</title>\n<style>\n${fonts}\n${css}</style></head>\n<body>\n${body.value}\n</body></html>\n`;
}

// ——— the case's people ———

const ROLE_ORDER = { applicant: 0, respondent: 1, third_party: 2 } as const;

export const orderedParties = (file: CaseFile): Party[] =>
  [...file.case.parties].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.id - b.id);

export const namesOf = (ps: readonly { name: string }[], w: Wording): string => ps.map((p) => p.name).join(w.common.partiesJoin);

/** A、B — every party, applicants first (受理登记表). */
export const allPartyNames = (c: Ctx): string => namesOf(orderedParties(c.file), c.w);

/** 张伟与买买提·艾力邻里纠纷 */
export function disputeName(c: Ctx): string {
  const ps = c.file.case.parties;
  const side = (r: Party['role']) => namesOf(ps.filter((p) => p.role === r), c.w);
  const sides = [side('applicant'), side('respondent')].filter(Boolean).join(c.w.common.sidesJoin);
  return fill(c.w.common.disputeName, { parties: sides, category: CATEGORY_ZH[c.file.case.category] });
}

/** 张伟与买买提·艾力等邻里纠纷: the first party of each side, for a file's name. */
export function disputeShortName(c: Ctx): string {
  const ps = orderedParties(c.file);
  const sides = (['applicant', 'respondent'] as const).map((r) => ps.filter((p) => p.role === r)).filter((s) => s.length > 0);
  const more = ps.length > sides.length;
  const names = sides.map((s) => s[0].name).join(c.w.common.sidesJoin) + (more ? c.w.common.andOthers : '');
  return fill(c.w.common.disputeShortName, { parties: names, category: CATEGORY_ZH[c.file.case.category] });
}

export const categoryName = (c: Ctx): string => `${CATEGORY_ZH[c.file.case.category]}${c.w.common.categorySuffix}`;

const activeMembers = (c: Ctx, roles: string[]) =>
  c.file.members.filter((m) => roles.includes(m.role) && m.removedAt === null).map((m) => m.name);

/** The lead mediator first, then co-mediators. */
export function mediatorNames(c: Ctx): string[] {
  const names = [c.file.case.leadMediator, ...activeMembers(c, ['lead_mediator', 'co_mediator'])].filter((n): n is string => !!n);
  return [...new Set(names)];
}

export const recorderNames = (c: Ctx): string[] => [...new Set(activeMembers(c, ['recorder']))];

// ——— layout pieces ———

/** Paragraphs: text split at line breaks, or a list (empty entries dropped). */
export type Paras = string | null | undefined | readonly (string | SafeHtml | null | undefined | false)[];

const toParas = (content: Paras): (string | SafeHtml)[] =>
  (typeof content === 'string' || content === null || content === undefined ? (content ?? '').split(/\r?\n/) : content)
    .filter((x): x is string | SafeHtml => x instanceof SafeHtml || (typeof x === 'string' && x.trim() !== ''))
    .map((x) => (typeof x === 'string' ? x.trim() : x));

/**
 * Text on ruled lines, one block per paragraph (a page breaks between paragraphs, where the rules
 * line up); blank → `minLines` empty rules to write on. Filled text gets no spare lines: nothing can
 * be added by hand under an agreement's terms.
 */
export function ruled(content: Paras, minLines = 3): SafeHtml {
  const paras = toParas(content);
  if (paras.length === 0) return html`<div class="ruled blank">${new SafeHtml('<i></i>'.repeat(minLines))}</div>`;
  return html`<div class="ruled">${paras.map((p) => {
    const chars = [...(p instanceof SafeHtml ? p.value.replace(/<[^>]*>/g, '') : p)].length;
    // More rules than lines (at least 20 characters fit a line anywhere); the block clips the rest.
    const rules = new SafeHtml('<i></i>'.repeat(Math.ceil(chars / 20) + 1));
    return html`<div class="rp"><div class="rules">${rules}</div><p class="p">${p}</p></div>`;
  })}</div>`;
}

/** A label and its underlined value, inside a `.row`. */
export const field = (label: string, value: HtmlValue, width = '', colon = false): SafeHtml =>
  html`<span class="label">${label}${colon ? '：' : ''}</span><span class="${`v ${width}`.trim()}">${value}</span>`;

export const row = (...fields: SafeHtml[]): SafeHtml => html`<div class="row">${fields}</div>`;

/** A value inside running text, on a line. */
export const inlineValue = (value: HtmlValue): SafeHtml => html`<span class="inline-v">${value}</span>`;

export const sign = (label: string): SafeHtml => html`<div class="sign"><span class="label">${label}</span><span class="line"></span></div>`;

export const box = (checked: boolean): SafeHtml => html`<span class="box">${checked ? html`<b>√</b>` : ''}</span>`;

export const choice = (checked: boolean, label: HtmlValue): SafeHtml => html`<span class="choice">${box(checked)}${label}</span>`;

export const sealAndDate = (c: Ctx, date: string | null): SafeHtml =>
  html`<p class="seal">${c.w.common.seal}</p><p class="date">${date ? dateZh(date) : '　　年　　月　　日'}</p>`;

export const dateLine = (date: string | null): SafeHtml => html`<p class="date">${date ? dateZh(date) : '　　年　　月　　日'}</p>`;

export const caseNoLine = (c: Ctx): SafeHtml => html`<p class="no">${c.w.common.caseNo}${c.file.case.caseNo}</p>`;

export const doc = (id: string, ...content: HtmlValue[]): SafeHtml => html`<section class="${`doc doc-${id}`}">${content}</section>`;

/** One party's block (协议书, 申请书): a person's or an organisation's fields. */
export function partyBlock(c: Ctx, p: Party | null, roleLabel: string, on: string): SafeHtml {
  const pw = c.w.common.person;
  const ow = c.w.common.organisation;
  let fields: SafeHtml;
  if (p && p.kind === 'organisation') {
    fields = join([
      row(field(ow.name, p.name, 'left')),
      row(field(ow.creditCode, p.creditCode, 'left')),
      row(field(ow.address, p.address, 'left')),
      row(field(ow.representative, p.representative), field(ow.title, p.representativeTitle, 'w6')),
      row(field(ow.phone, p.phone, 'left')),
    ]);
  } else {
    fields = join([
      row(field(pw.name, p?.name), field(pw.sex, p?.sex ? c.w.common.sex[p.sex] : '', 'w2'),
        field(pw.ethnicity, p?.ethnicity, 'w3'), field(pw.age, p ? ageAt(p.birthDate, on) : '', 'w2')),
      row(field(pw.occupation, p?.occupation), field(pw.phone, p?.phone, 'w8')),
      row(field(pw.address, p?.address, 'left')),
    ]);
  }
  return html`<div class="party"><div class="role">${roleLabel}</div><div class="fields">${fields}</div></div>`;
}

/** Like `fill`, but the values may be markup (an underlined value inside a sentence). */
export function fillHtml(template: string, values: Record<string, HtmlValue>): SafeHtml {
  const parts = template.split(/\{(\w+)\}/);
  return join(parts.map((part, i) => (i % 2 === 1 ? (part in values ? values[part] : `{${part}}`) : part)));
}

/** <colgroup> with widths in per cent. */
export const cols = (...widths: number[]): SafeHtml => html`<colgroup>${widths.map((n) => html`<col class="${`cw-${n}`}">`)}</colgroup>`;

/** A compact table of the parties (登记表, 口头协议登记表, 结案报告表); widths in per cent. */
export function partyTable(c: Ctx, columns: readonly string[], widths: number[], cells: (p: Party) => HtmlValue[], minRows = 2, nowrap: number[] = []): SafeHtml {
  const ps = orderedParties(c.file);
  const rows = ps.map((p) => html`<tr>${cells(p).map((v, i) => html`<td class="${nowrap.includes(i) ? 'nowrap' : ''}">${v}</td>`)}</tr>`);
  for (let i = ps.length; i < minRows; i++) rows.push(html`<tr>${columns.map(() => html`<td>&nbsp;</td>`)}</tr>`);
  return html`<table class="inner">${cols(...widths)}<tr>${columns.map((h) => html`<th>${h}</th>`)}</tr>${rows}</table>`;
}

export const roleName = (c: Ctx, p: Party): string => c.w.common.roles[p.role];
export const sexName = (c: Ctx, p: Party): string => (p.sex ? c.w.common.sex[p.sex] : '');
export const age = (p: Party, on: string): string => (p.kind === 'person' ? ageAt(p.birthDate, on) : '');

/** 1．2．3． or 一、二、三、 before each item. */
export const numbered = (items: readonly string[], style: 'arabic' | 'chinese'): string[] =>
  items.filter((t) => !isBlank(t)).map((t, i) => `${style === 'arabic' ? `${i + 1}．` : `${chineseNumber(i + 1)}、`}${t.trim()}`);
