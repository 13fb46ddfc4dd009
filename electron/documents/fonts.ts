import { FONT_SUBSETS } from './font-ranges';

/**
 * The CJK fonts the documents ship with: Noto Serif SC (songti style, body) and Noto Sans SC bold
 * (heiti style, titles), as @fontsource splits them into ~100 woff2 files by unicode-range. The
 * build copies the files into one folder (copyDocumentFonts), served next to the documents.
 *
 * Each document declares only the subsets its own text touches, each narrowed to the characters it
 * uses, so the HTML stays small and the browser fetches only the files it needs.
 */
export const DOCUMENT_FONTS = [
  { key: 'serif', family: 'Tiaojie Serif SC', pkg: 'noto-serif-sc', weight: 400 },
  { key: 'sans', family: 'Tiaojie Sans SC', pkg: 'noto-sans-sc', weight: 700 },
] as const;

/** Fallbacks after the shipped fonts: installed CJK fonts, then the generic family. */
export const SERIF_STACK = "'Tiaojie Serif SC', 'Noto Serif CJK SC', 'Source Han Serif SC', 'SimSun', 'Songti SC', serif";
export const SANS_STACK = "'Tiaojie Sans SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'SimHei', 'Heiti SC', sans-serif";

export const fontFileName = (pkg: string, subset: string, weight: number): string => `${pkg}-${subset}-${weight}-normal.woff2`;

/** Every woff2 file the documents may reference (what the build copies). */
export const documentFontFiles = (): string[] =>
  DOCUMENT_FONTS.flatMap((f) => FONT_SUBSETS.map(([id]) => fontFileName(f.pkg, id, f.weight)));

type Interval = readonly [number, number];

let parsed: { id: string; intervals: Interval[] }[] | null = null;
function subsets() {
  parsed ??= FONT_SUBSETS.map(([id, range]) => ({
    id,
    intervals: range.split(',').map((r): Interval => {
      const [a, b] = r.split('-');
      return [parseInt(a, 16), parseInt(b ?? a, 16)];
    }),
  }));
  return parsed;
}

const inside = (cp: number, intervals: Interval[]): boolean => intervals.some(([a, b]) => cp >= a && cp <= b);

/** Sorted code points → U+4e00-4e01,U+4e09 */
function toUnicodeRange(cps: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < cps.length; i++) {
    let j = i;
    while (j + 1 < cps.length && cps[j + 1] === cps[j] + 1) j++;
    const a = cps[i].toString(16);
    out.push(j > i ? `U+${a}-${cps[j].toString(16)}` : `U+${a}`);
    i = j;
  }
  return out.join(',');
}

/** Which subsets (in @fontsource order) carry which of the given characters. */
export function subsetsFor(text: string): { id: string; codePoints: number[] }[] {
  const cps = [...new Set([...text].map((c) => c.codePointAt(0)!))].filter((cp) => cp > 0x20).sort((a, b) => a - b);
  return subsets()
    .map((s) => ({ id: s.id, codePoints: cps.filter((cp) => inside(cp, s.intervals)) }))
    .filter((s) => s.codePoints.length > 0);
}

/** A base URL for the font folder goes into CSS url("…"): refuse anything that could break out of it. */
export function checkFontBaseUrl(base: string): string {
  if (!/^[A-Za-z0-9:/._~%-]*$/.test(base)) throw new Error('fontBaseUrl may contain only URL path characters');
  return base === '' || base.endsWith('/') ? base : `${base}/`;
}

/** The @font-face rules for both families, limited to the characters of `text`. */
export function fontFaceCss(text: string, fontBaseUrl: string): string {
  const base = checkFontBaseUrl(fontBaseUrl);
  const used = subsetsFor(text);
  return DOCUMENT_FONTS.flatMap((f) => used.map((s) =>
    `@font-face{font-family:'${f.family}';font-style:normal;font-weight:${f.weight};font-display:block;`
    + `src:url("${base}${fontFileName(f.pkg, s.id, f.weight)}") format("woff2");unicode-range:${toUnicodeRange(s.codePoints)}}`,
  )).join('\n');
}

/**
 * Run in the loaded document before printing (Electron executeJavaScript, Playwright evaluate; the
 * page's own CSP allows no script, these run from outside it). The load event does not wait for
 * fonts that layout has not asked for yet, so: lay out, wait for the fonts that layout requested,
 * and again until nothing is pending. Resolves to document.fonts.status.
 */
export const FONTS_READY_SCRIPT = `(async () => {
  for (let i = 0; i < 5; i++) {
    void document.body.getBoundingClientRect();
    void document.body.offsetHeight;
    await document.fonts.ready;
    if (document.fonts.status === 'loaded') break;
  }
  return document.fonts.status;
})()`;
