import { SANS_STACK, SERIF_STACK } from './fonts';

/**
 * The one print stylesheet of every document. A4 portrait; titles 二号 (22pt) heiti, letter text
 * 四号 (14pt) songti, tables and records 小四 (12pt); ruled lines for handwriting. Margins follow the
 * official-document layout (GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), trimmed
 * at top and bottom so one form fits one page.
 */
// Column widths for bordered forms, as classes (the documents carry no style attributes).
const COLUMN_WIDTHS = Array.from({ length: 96 }, (_, i) => `col.cw-${i + 4} { width: ${i + 4}%; }`).join('\n');

export const PRINT_CSS = `
@page { size: A4 portrait; margin: 25mm 26mm 22mm 28mm; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #000; background: #fff; font-family: ${SERIF_STACK}; font-size: 14pt; line-height: 1.8;
  font-kerning: none; text-rendering: geometricPrecision; overflow-wrap: anywhere; }
.doc { break-after: page; }
.doc:last-child { break-after: auto; }
.small { font-size: 12pt; }
h1 { font-family: ${SANS_STACK}; font-weight: 700; font-size: 22pt; line-height: 1.4; text-align: center;
  letter-spacing: 0.12em; margin: 0 0 4mm; }
h1.cover-committee { font-size: 26pt; letter-spacing: 0.05em; margin-top: 35mm; }
h1.cover-title { font-size: 42pt; letter-spacing: 0.5em; margin: 12mm 0 28mm; text-indent: 0.5em; }
.no { text-align: right; font-size: 12pt; margin: 0 0 3mm; }
p { margin: 0; }
.p { text-indent: 2em; }
.label { white-space: nowrap; }
.section { margin-top: 2mm; }
.section > .head { font-family: ${SANS_STACK}; font-weight: 700; }
/* A line of fields: labels, and values on an underline that grows to fill the line. */
.row { display: flex; align-items: flex-end; gap: 0 0.4em; margin: 0.3mm 0; line-height: 1.7; }
.row > .label { flex: none; }
.v { flex: 1 1 0; min-width: 2em; border-bottom: 0.75pt solid #000; text-align: center; padding: 0 0.2em; min-height: 1.7em; }
/* Short fields keep a minimum width and grow with their text rather than wrap it. */
.v.w2, .v.w3, .v.w4, .v.w6, .v.w8 { flex: 0 0 auto; white-space: nowrap; }
.v.w2 { min-width: 2.6em; } .v.w3 { min-width: 3.6em; } .v.w4 { min-width: 5em; } .v.w6 { min-width: 7em; } .v.w8 { min-width: 9.5em; }
.v.left { text-align: left; }
.inline-v { display: inline-block; min-width: 6em; border-bottom: 0.75pt solid #000; text-align: center; padding: 0 0.3em; text-indent: 0; line-height: 1.5; }
/* Ruled text: every line sits on a rule, and blank fields are rules only. */
/* Rules are real borders on a layer behind each paragraph (gradients print as blurred hairlines).
   Every line box is exactly --lh high, so the text sits on the rules; the layer has more rules than
   lines and is clipped to the paragraph. */
.ruled { --lh: 2.1em; line-height: var(--lh); }
.ruled i { display: block; height: var(--lh); border-bottom: 0.75pt solid #000; }
.ruled .rp { position: relative; break-inside: avoid; }
.ruled .rules { position: absolute; inset: 0; overflow: hidden; }
.ruled .rp > p { position: relative; top: 0.28em; margin: 0; line-height: var(--lh); }
/* A block of parties, one per party. */
.party { display: flex; gap: 0 0.6em; margin: 1mm 0 2mm; }
.party > .role { flex: 0 0 4.2em; font-family: ${SANS_STACK}; font-weight: 700; padding-top: 0.1em; }
.party > .fields { flex: 1 1 auto; min-width: 0; }
.party .agent { margin-top: 0.6mm; }
/* Signatures: a label and a line to sign on. */
.signs { display: flex; justify-content: space-between; gap: 0 8mm; margin-top: 6mm; font-size: 12pt; }
.signs > .col { flex: 1 1 0; }
.signs > .col:first-child { flex-grow: 1.4; }
.keep { break-inside: avoid; }
.sign { display: flex; align-items: flex-end; margin: 0 0 4mm; }
.sign > .label { flex: none; }
.sign > .line { flex: 1 1 auto; border-bottom: 0.75pt solid #000; min-width: 4em; height: 1.6em; }
.seal { text-align: right; margin-top: 6mm; padding-right: 2em; }
.date { text-align: right; padding-right: 2em; }
.seal + .date { margin-top: 1mm; }
.note { font-size: 10.5pt; margin-top: 2mm; }
/* Bordered forms (登记表, 报告表, 目录). */
table.form { width: 100%; border-collapse: collapse; font-size: 12pt; line-height: 1.7; table-layout: fixed; }
table.form td, table.form th { border: 0.75pt solid #000; padding: 1.5mm 1.5mm; vertical-align: middle; }
table.form th { font-family: ${SANS_STACK}; font-weight: 700; text-align: center; }
table.form td.k { text-align: center; font-family: ${SANS_STACK}; font-weight: 700; }
table.form td.signrow { padding-top: 5mm; }
table.form td.signrow .signs { margin-top: 0; }
table.form td.top { vertical-align: top; }
table.form td.c { text-align: center; }
table.form td.nowrap { white-space: nowrap; }
table.form tr { break-inside: avoid; }
${COLUMN_WIDTHS}
table.form .ruled { --lh: 1.85em; }
table.inner { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.inner { font-size: 10.5pt; line-height: 1.5; }
table.inner td, table.inner th { border: 0; border-bottom: 0.5pt solid #000; padding: 0.8mm 0.6mm; text-align: left; font-family: inherit; font-weight: 400; }
table.inner td.nowrap { white-space: nowrap; }
table.inner th { font-size: 9pt; }
table.inner tr:last-child td { border-bottom: 0; }
.box { display: inline-flex; align-items: center; justify-content: center; width: 0.9em; height: 0.9em; border: 0.75pt solid #000; vertical-align: middle; margin: -0.15em 0.2em 0 0; line-height: 1; text-indent: 0; overflow: hidden; }
.box > b { font-family: ${SANS_STACK}; font-weight: 700; font-size: 0.8em; line-height: 1; }
.choice { display: inline-block; margin-right: 1.2em; white-space: nowrap; }
.cover { text-align: center; }
.cover .fields { width: 130mm; margin: 0 auto; font-size: 16pt; text-align: left; }
.cover .row { margin: 5mm 0; }
.cover .label { display: inline-block; width: 5.2em; text-align-last: justify; }
.law { margin-top: 1mm; }
.spacer { height: 4mm; }
@media screen {
  html { background: #e8e8e8; }
  body { padding: 8mm 0; background: #e8e8e8; }
  .doc { width: 210mm; min-height: 297mm; margin: 0 auto 8mm; padding: 25mm 26mm 22mm 28mm; background: #fff;
    box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25); }
}
`;
