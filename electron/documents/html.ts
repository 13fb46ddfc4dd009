/**
 * HTML building for the documents. Every interpolation in an `html` template is escaped unless it
 * is already SafeHtml, so party names, summaries and terms (user input) can never become markup.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text → HTML text or attribute value (quoted). Control characters other than tab and newline go. */
export function escapeHtml(value: unknown): string {
  // eslint-disable-next-line no-control-regex
  return String(value ?? '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}

/** Markup known to be safe: built by `html` or by this module's helpers. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(v);
}

/** Tagged template: the literal parts are trusted, every value is escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Trusted markup from this code base (the stylesheet), never from data. */
export const trusted = (s: string): SafeHtml => new SafeHtml(s);

export const join = (parts: readonly HtmlValue[], sep: HtmlValue = ''): SafeHtml =>
  new SafeHtml(parts.map(render).join(render(sep)));

export const isBlank = (s: string | null | undefined): boolean => s === null || s === undefined || s.trim() === '';
