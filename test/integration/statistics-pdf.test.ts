import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeFigures, monthPeriod, renderReportHtml } from '../../electron/core/statistics';
import { FORM_COLUMNS, formatFormValue } from '../../electron/core/statistics/xlsx-layout';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { reportLeaves, type StatisticsReport } from '../../shared/domain/statistics';
import type { Channel, Input, Output } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';
import { ok } from '../support/db';
import { compact, firstPagePng, inspectPdf, launchChromium, pageToPdf, startDocServer, writePdf, type DocServer, type PdfFacts } from '../support/pdf';
import { AS_OF, expectedReport, statisticsFixture } from '../support/statistics-fixture';

// 存为PDF for the statistics report: the page (electron/core/statistics/report-html.ts) printed by Debian's Chromium as
// Electron's printToPDF prints it, read back with poppler; and stats:savePdf / stats:trend through the dispatcher.

const OUT = resolve(import.meta.dirname, '../../test-results/statistics');
const MARCH_REPORT = expectedReport('expected-2026-03.json') as StatisticsReport;
const SNAPSHOT = { id: 7, reason: 'exported' as const, sha256: 'c0ffee'.padEnd(64, '0'), createdAt: '2026-05-06T02:00:00.000Z' };
const MM = 72 / 25.4;
const MARGIN_X = 11 * MM;

interface Word { x1: number; y1: number; x2: number; y2: number; text: string }
const cx = (w: Word) => (w.x1 + w.x2) / 2;

/** Every word of page 1 with its box (pdftotext -bbox), in points from the top left. */
async function words(pdf: string): Promise<Word[]> {
  const { stdout } = await promisify(execFile)('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
  return [...stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
    .map((m) => ({ x1: +m[1], y1: +m[2], x2: +m[3], y2: +m[4], text: m[5].replace(/&amp;/g, '&') }));
}

describe('the report page printed to PDF', () => {
  let server: DocServer;
  let browser: Browser;
  let facts: PdfFacts;
  let page1: Word[];
  let html: string;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    [server, browser] = await Promise.all([startDocServer(), launchChromium()]);
    html = renderReportHtml(MARCH_REPORT, { snapshot: SNAPSHOT }).html;
    const page = await browser.newPage();
    const path = writePdf(OUT, 'report-2026-03', await pageToPdf(page, server.put('report-2026-03', html)));
    await page.close();
    facts = await inspectPdf(path);
    page1 = await words(path);
    await firstPagePng(path, OUT, 'report-2026-03');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is one A4 landscape page with the fonts embedded', () => {
    expect(facts.pages).toBe(1);
    expect(facts.size[0]).toBeCloseTo(841.9, 0);
    expect(facts.size[1]).toBeCloseTo(595.0, 0);
    expect(facts.fonts.some((f) => /NotoSerifSC/.test(f.name) && f.emb)).toBe(true);
    expect(facts.fonts.some((f) => /NotoSansSC/.test(f.name) && f.emb)).toBe(true);
  });

  it('shows the title, the committee, the period in Chinese dates, and what to sign', () => {
    const text = compact(facts.text);
    for (const phrase of [
      '人民调解工作统计月报（业务工作情况）', '填报单位：白沙社区人民调解委员会（330383-001）', '统计期间：2026年3月1日至2026年3月31日',
      '填报日期：2026年5月6日（数据截至2026-05-0610:00）', '制表人：', '审核人：',
      `本表据报表快照第7号（已导出，2026年5月6日10时00分冻结）打印；SHA-256：${SNAPSHOT.sha256}`,
      // The other figures as the CSV labels them, the team, the mediators with their total.
      '登记数18', '不予受理数1', '期末超期数3', '回访满意度·满意率85.71%', '组织队伍情况（人）', '按调解员', '吴刚32',
    ]) expect(text).toContain(phrase);
  });

  it('puts every figure of the form in its column, formatted as the XLSX shows it', () => {
    // The committee's row: the words on the line of the rate (84.62% = 11 ÷ 13, half up).
    const rate = page1.find((w) => w.text === '84.62%')!;
    expect(rate).toBeDefined();
    // (The committee's name in the first column wraps onto the same line: its words are not figures.)
    const row = page1.filter((w) => Math.abs(w.y1 - rate.y1) < 2 && /^[\d.%]+$/.test(w.text)).sort((a, b) => a.x1 - b.x1);
    const values = new Map(reportLeaves(MARCH_REPORT));
    expect(row.map((w) => w.text)).toEqual(FORM_COLUMNS.map((c) => formatFormValue(c.format, values.get(c.key))));
    expect(row[3].text).toBe('15'); // 调解纠纷 · 合计（件）
    expect(row.find((w) => w.text === '1.01')).toBeDefined(); // 1.005 万元, half up
    // Under their headings: the value's centre lies within its heading's width.
    const head = (text: string) => page1.find((w) => w.text === text && w.y2 < rate.y1)!;
    for (const [heading, value] of [['成功率', rate], ['合计', row[3]], ['协议涉', row.find((w) => w.text === '1.01')!]] as const) {
      const h = head(heading);
      expect(Math.abs(cx(h) - cx(value)), heading).toBeLessThan((h.x2 - h.x1) / 2);
    }
  });

  it('totals the mediators under their columns', () => {
    const total = page1.filter((w) => w.text === '合计').sort((a, b) => b.y1 - a.y1)[0];
    const line = page1.filter((w) => Math.abs(w.y1 - total.y1) < 2 && w.x1 > total.x2).sort((a, b) => a.x1 - b.x1);
    expect(line.map((w) => w.text)).toEqual([String(MARCH_REPORT.accepted), String(MARCH_REPORT.success)]);
  });

  it('fits the form across one page width, margin to margin', () => {
    const [width] = facts.size;
    for (const w of page1) {
      expect(w.x1, w.text).toBeGreaterThanOrEqual(MARGIN_X - 1);
      expect(w.x2, w.text).toBeLessThanOrEqual(width - MARGIN_X + 1);
    }
    // The last column (防止群体性械斗 · 人) ends at the right margin: the table spans the page, not a shrunk part of it.
    const rate = page1.find((w) => w.text === '84.62%')!;
    const last = page1.filter((w) => Math.abs(w.y1 - rate.y1) < 2).sort((a, b) => b.x2 - a.x2)[0];
    expect(last.x2).toBeGreaterThan(width - MARGIN_X - 15);
  });

  it('is a page without script, under its own CSP, and escapes what it prints', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;;');
    const hostile = { ...MARCH_REPORT, committee: { code: '1', name: '<img src=x onerror=alert(1)>' } };
    const page = renderReportHtml(hostile).html;
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // No snapshot, no snapshot line.
    expect(page).not.toContain('报表快照');
  });
});

describe('stats:savePdf and stats:trend through the dispatcher', () => {
  type Fx = Awaited<ReturnType<typeof statisticsFixture>>;
  let fx: Fx;
  const printed: { html: string; name: string }[] = [];
  let answer = true;
  let desktop: <C extends Channel>(s: Fx['office'], c: C, i: Input<C>) => Promise<Result<Output<C>>>;

  beforeAll(async () => {
    fx = await statisticsFixture();
    // The desktop shell's Platform (electron/main.ts prints and asks where to save); here it keeps what it was given.
    const dispatch = createDispatcher(fx.core, { platform: { savePdf: async (h, name) => { printed.push({ html: h, name }); return answer; } } });
    desktop = (s, c, i) => dispatch(s, c, i) as never;
  }, 120_000);
  afterAll(async () => { await fx?.close(); });

  const snapshots = () => fx.core.db.query<{ id: number; reason: string }>(`SELECT id, reason FROM report_snapshots ORDER BY id`);
  const audits = (id: number) => fx.core.db.query<{ action: string; after_json: string }>(
    `SELECT action, after_json FROM audit_events WHERE entity = 'report_snapshot' AND entity_id = ? ORDER BY id`, [id]);

  it('freezes the period as exported, prints that snapshot and audits the file', async () => {
    const before = (await snapshots()).length;
    const r = ok(await desktop(fx.office, 'stats:savePdf', monthPeriod('2026-03')));
    expect(r.fileName).toBe('人民调解工作统计月报_白沙社区人民调解委员会_2026-03-01至2026-03-31.pdf');
    expect(r.saved).toBe(true);
    const rows = await snapshots();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toEqual({ id: r.snapshotId, reason: 'exported' });
    const last = printed.at(-1)!;
    expect(last.name).toBe(r.fileName);
    expect(last.html).toContain(`报表快照第${r.snapshotId}号（已导出`);
    expect(last.html).toContain('84.62%');
    const audit = await audits(r.snapshotId);
    expect(audit.map((a) => a.action)).toEqual(['statistics.exported', 'statistics.export']);
    expect(JSON.parse(audit[1].after_json)).toMatchObject({ format: 'pdf', fileName: r.fileName, saved: true });
  });

  it('prints a frozen snapshot as it is, without freezing another; a cancelled save is audited as not saved', async () => {
    const sent = ok(await fx.call(fx.office, 'stats:snapshot', { ...monthPeriod('2025-12'), reason: 'sent' }));
    const count = (await snapshots()).length;
    answer = false;
    const r = ok(await desktop(fx.office, 'stats:savePdf', { snapshotId: sent.id }));
    answer = true;
    expect(r).toEqual({ saved: false, fileName: '人民调解工作统计月报_白沙社区人民调解委员会_2025-12-01至2025-12-31.pdf', snapshotId: sent.id });
    expect(await snapshots()).toHaveLength(count);
    expect(printed.at(-1)!.html).toContain(`报表快照第${sent.id}号（已报送`);
    expect(printed.at(-1)!.html).toContain('统计期间：2025年12月1日至2025年12月31日');
    const audit = await audits(sent.id);
    expect(audit.map((a) => a.action)).toEqual(['statistics.sent', 'statistics.export']);
    expect(JSON.parse(audit[1].after_json)).toMatchObject({ format: 'pdf', saved: false });
  });

  it('is refused in the preview (no platform), to a mediator, and for a snapshot that does not exist', async () => {
    const count = (await snapshots()).length;
    expect(await fx.call(fx.office, 'stats:savePdf', monthPeriod('2026-03'))).toMatchObject({
      ok: false, error: { code: 'BAD_STATE', message: '预览模式不能直接存为PDF：请点“打印”，在打印对话框中选择“另存为PDF”' },
    });
    expect(await snapshots()).toHaveLength(count);
    const mediator = await fx.signedIn('mediator', 'user-password-1');
    expect(await desktop(mediator, 'stats:savePdf', monthPeriod('2026-03'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await desktop(fx.office, 'stats:savePdf', { snapshotId: 9999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('stats:trend gives each month exactly as that month\'s report has it', async () => {
    const trend = ok(await fx.call(fx.office, 'stats:trend', { to: '2026-03', months: 12 }));
    expect(trend.map((p) => p.month)).toEqual([
      '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03',
    ]);
    for (const p of trend) {
      const r = computeFigures(fx.core.db, monthPeriod(p.month), AS_OF);
      expect(p, p.month).toEqual({ month: p.month, accepted: r.accepted, success: r.success, success_rate: r.success_rate });
    }
    const dec = expectedReport('expected-2025-12.json');
    expect(trend.find((p) => p.month === '2025-12')).toEqual({ month: '2025-12', accepted: dec.accepted, success: dec.success, success_rate: dec.success_rate });
    expect(trend.at(-1)).toEqual({ month: '2026-03', accepted: 15, success: 11, success_rate: 0.8462 });
    // Across a year boundary, and the default of twelve months.
    expect(ok(await fx.call(fx.office, 'stats:trend', { to: '2026-02', months: 3 })).map((p) => p.month)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(ok(await fx.call(fx.office, 'stats:trend', { to: '2026-03' }))).toHaveLength(12);
    expect(await fx.call(fx.office, 'stats:trend', { to: '2026-13', months: 12 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
