import { figureLabel, reportLeaves, type SnapshotSummary, type StatisticsReport } from '../../../shared/domain/statistics';
import { SANS_STACK, SERIF_STACK } from '../../documents/fonts';
import { dateTimeZh } from '../../documents/format';
import { html, join, trusted, type SafeHtml } from '../../documents/html';
import { documentPage } from '../../documents/parts';
import {
  columnLetter, FORM_COLUMNS, FORM_LAST, FORM_NOTE, FORM_ROWS, FORM_TITLE, formatFormValue, formHeaderMerges, formHeaderText,
  formInfo, reportFileName, type FormColumn,
} from './xlsx-layout';

/**
 * The report as a printable page (存为PDF): A4 landscape, the monthly form laid out from the same column list and header
 * merges as the XLSX 月报 sheet, then the other figures (the CSV's lines), the team, the mediators, and 制表人/审核人 to
 * sign. A standalone page like the case documents: no script, the shipped fonts by URL (electron/documents).
 */

export interface ReportPageOptions {
  /** The frozen snapshot the figures come from: its number and hash go in the footer. */
  snapshot?: Pick<SnapshotSummary, 'id' | 'reason' | 'sha256' | 'createdAt'>;
  /** As renderDocument's: where the font files are (`../fonts/` beside `/documents/<page>.html`). */
  fontBaseUrl?: string;
}

export const pdfFileName = (report: Pick<StatisticsReport, 'committee' | 'period'>): string => reportFileName(report, 'pdf');

const REASON_ZH = { sent: '已报送', exported: '已导出' } as const;
// The XLSX columns' widths, but a narrower unit (the name wraps) and a wider rate (84.62% is printed whole, not shrunk).
const UNIT_WIDTH = 15;
const widthOf = (c: FormColumn) => (c.format === 'rate' ? c.width + 4 : c.width);
const WIDTH_TOTAL = UNIT_WIDTH + FORM_COLUMNS.reduce((a, c) => a + widthOf(c), 0);
const pct = (w: number) => `${((100 * w) / WIDTH_TOTAL).toFixed(3)}%`;
// As classes: the page carries no style attributes, as the documents do not.
const COLUMN_CSS = [`col.fc-unit { width: ${pct(UNIT_WIDTH)}; }`, ...FORM_COLUMNS.map((c, i) => `col.fc-${i} { width: ${pct(widthOf(c))}; }`)].join('\n');

const REPORT_CSS = `
@page { size: A4 landscape; margin: 12mm 11mm 12mm 11mm; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #000; background: #fff; font-family: ${SERIF_STACK}; font-size: 10pt; line-height: 1.45;
  font-kerning: none; text-rendering: geometricPrecision; }
h1 { font-family: ${SANS_STACK}; font-weight: 700; font-size: 18pt; line-height: 1.3; text-align: center; letter-spacing: 0.08em; margin: 0 0 3mm; }
h2 { font-family: ${SANS_STACK}; font-weight: 700; font-size: 11pt; margin: 4mm 0 1.5mm; break-after: avoid; }
.info { display: flex; justify-content: space-between; gap: 0 6mm; font-size: 10pt; margin: 0 0 1.5mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.75pt solid #000; padding: 0.8mm 0.6mm; text-align: center; vertical-align: middle; }
th { font-family: ${SANS_STACK}; font-weight: 700; }
thead th { background: #f2f2f2; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
table.form { font-size: 8pt; line-height: 1.25; }
table.form thead th { padding: 1mm 0.3mm; }
table.form tbody td { font-size: 10pt; height: 9mm; font-variant-numeric: tabular-nums; }
table.form tbody th { font-family: ${SERIF_STACK}; font-weight: 400; font-size: 9pt; text-align: left; padding: 0.8mm 1.2mm; }
${COLUMN_CSS}
.note { font-size: 8.5pt; margin: 1.2mm 0 0; }
table.figures td { font-size: 8.5pt; padding: 0.6mm 1.2mm; }
table.figures td.k { text-align: left; }
table.figures td.v { font-variant-numeric: tabular-nums; }
col.k { width: 17%; }
col.v { width: 8%; }
.pair { display: flex; gap: 0 6mm; align-items: flex-start; }
.pair > section { flex: 1 1 0; min-width: 0; }
.pair > section.left { flex-grow: 1.6; }
table.team, table.mediators { font-size: 8.5pt; }
table.team td, table.mediators td { padding: 0.6mm; }
table.team th, table.mediators th { font-size: 8.5pt; }
table.mediators td.name { text-align: left; padding-left: 2mm; }
table.mediators tr.total td { font-family: ${SANS_STACK}; font-weight: 700; }
.signs { display: flex; justify-content: flex-start; gap: 0 16mm; margin-top: 10mm; font-size: 10.5pt; break-inside: avoid; }
.sign { display: flex; align-items: flex-end; }
.sign > .line { display: inline-block; width: 32mm; border-bottom: 0.75pt solid #000; height: 1.4em; margin-left: 1mm; }
.snapshot { margin-top: 4mm; font-size: 8.5pt; overflow-wrap: anywhere; }
`;

/** `B3:D3` → rows 3..3, columns 2..4. */
function parseRange(range: string): { r1: number; c1: number; r2: number; c2: number } {
  const cell = (a: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a)!;
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return { row: Number(m[2]), col };
  };
  const [a, b] = range.split(':').map(cell);
  return { r1: a.row, c1: a.col, r2: b.row, c2: b.col };
}

/** The three header rows, cell for cell as the XLSX sheet merges them: a merged range is one cell spanning it. */
function formHead(): SafeHtml {
  const { group, sub } = FORM_ROWS;
  const text = formHeaderText();
  const spans = new Map<string, { rows: number; cols: number }>();
  const covered = new Set<string>();
  for (const m of formHeaderMerges()) {
    const { r1, c1, r2, c2 } = parseRange(m);
    spans.set(`${r1}:${c1}`, { rows: r2 - r1 + 1, cols: c2 - c1 + 1 });
    for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) if (r !== r1 || c !== c1) covered.add(`${r}:${c}`);
  }
  const rows: SafeHtml[] = [];
  for (let r = group; r <= sub; r++) {
    const cells: SafeHtml[] = [];
    for (let c = 1; c <= FORM_LAST; c++) {
      if (covered.has(`${r}:${c}`)) continue;
      const span = spans.get(`${r}:${c}`);
      cells.push(html`<th${span && span.rows > 1 ? trusted(` rowspan="${span.rows}"`) : ''}${span && span.cols > 1 ? trusted(` colspan="${span.cols}"`) : ''}>${text.get(`${columnLetter(c)}${r}`) ?? ''}</th>`);
    }
    rows.push(html`<tr>${cells}</tr>`);
  }
  return join(rows);
}

function formTable(r: StatisticsReport): SafeHtml {
  const values = new Map(reportLeaves(r));
  const cols = [html`<col class="fc-unit">`, ...FORM_COLUMNS.map((_, i) => html`<col class="${`fc-${i}`}">`)];
  const cells = FORM_COLUMNS.map((c) => html`<td data-figure="${c.key}">${formatFormValue(c.format, values.get(c.key))}</td>`);
  return html`<table class="form"><colgroup>${cols}</colgroup><thead>${formHead()}</thead>
<tbody><tr><th scope="row">${r.committee.name}</th>${cells}</tr></tbody></table>`;
}

// The CSV's lines that the form, the team and the mediators tables do not already show.
const SHOWN_ELSEWHERE = new Set(FORM_COLUMNS.map((c) => c.key));
const isOther = (key: string) =>
  !SHOWN_ELSEWHERE.has(key) && !/^(period|committee|team|by_mediator)\./.test(key) && key !== 'as_of';
const leafText = (key: string, v: string | number | null) => formatFormValue(key.endsWith('rate') ? 'rate' : 'count', v);

function otherFigures(r: StatisticsReport): SafeHtml {
  const items = reportLeaves(r).filter(([k]) => isOther(k));
  const PER_ROW = 4;
  const rows: SafeHtml[] = [];
  for (let i = 0; i < items.length; i += PER_ROW) {
    const line = items.slice(i, i + PER_ROW);
    const cells = line.map(([k, v]) => html`<td class="k">${figureLabel(k, r) ?? k}</td><td class="v" data-figure="${k}">${leafText(k, v)}</td>`);
    const blanks = Array.from({ length: PER_ROW - line.length }, () => html`<td class="k"></td><td class="v"></td>`);
    rows.push(html`<tr>${cells}${blanks}</tr>`);
  }
  const cols = Array.from({ length: PER_ROW }, () => html`<col class="k"><col class="v">`);
  return html`<h2>其他指标</h2><table class="figures"><colgroup>${cols}</colgroup><tbody>${rows}</tbody></table>`;
}

function team(r: StatisticsReport): SafeHtml {
  const items = reportLeaves(r).filter(([k]) => k.startsWith('team.'));
  const heads = items.map(([k]) => html`<th>${(figureLabel(k, r) ?? k).replace(/^组织队伍·/, '')}</th>`);
  const cells = items.map(([k, v]) => html`<td data-figure="${k}">${leafText(k, v)}</td>`);
  return html`<h2>组织队伍情况（人）</h2><table class="team"><thead><tr>${heads}</tr></thead>
<tbody><tr>${cells}</tr></tbody></table>`;
}

function mediators(r: StatisticsReport): SafeHtml {
  const rows = r.by_mediator.map((m, i) => html`<tr><td>${i + 1}</td><td class="name">${m.name}</td><td>${m.accepted}</td><td>${m.success}</td></tr>`);
  const sum = (f: 'accepted' | 'success') => r.by_mediator.reduce((a, m) => a + m[f], 0);
  const empty = r.by_mediator.length ? '' : html`<tr><td colspan="4">本期无受理或调结的案件</td></tr>`;
  return html`<section class="mediators"><h2>按调解员</h2><table class="mediators">
<thead><tr><th>序号</th><th>主调解员</th><th>受理（件）</th><th>调解成功（件）</th></tr></thead>
<tbody>${rows}${empty}<tr class="total"><td colspan="2">合计</td><td>${sum('accepted')}</td><td>${sum('success')}</td></tr></tbody></table></section>`;
}

function footer(opts: ReportPageOptions): SafeHtml {
  const s = opts.snapshot;
  const frozen = s
    ? html`<p class="snapshot">本表据报表快照第${s.id}号（${REASON_ZH[s.reason]}，${dateTimeZh(s.createdAt)}冻结）打印；SHA-256：${s.sha256}</p>`
    : '';
  return html`<div class="signs"><span class="sign">制表人：<span class="line"></span></span><span class="sign">审核人：<span class="line"></span></span></div>${frozen}`;
}

/** The complete HTML page of a report (no script, A4 landscape) and its title. Pure: no I/O. */
export function renderReportHtml(report: StatisticsReport, opts: ReportPageOptions = {}): { html: string; title: string } {
  const info = formInfo(report);
  const body = html`<main class="report">
<h1>${FORM_TITLE}</h1>
<div class="info"><span>${info.unit}</span><span>${info.period}</span><span>${info.filed}</span></div>
${formTable(report)}
<p class="note">${FORM_NOTE}</p>
${otherFigures(report)}
<div class="pair"><section class="left">${team(report)}${footer(opts)}</section>${mediators(report)}</div>
</main>`;
  return { html: documentPage(FORM_TITLE, body, opts.fontBaseUrl, REPORT_CSS), title: FORM_TITLE };
}
