import { readFileSync, rmSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { formatCaseNo } from '../../shared/domain/case';
import { formatDateZh } from '../../shared/domain/dates';
import { valueAt, type StatisticsReport } from '../../shared/domain/statistics';
import { PASSPHRASE } from '../support/db';
import { startPreview, type RunningPreview } from '../support/preview';
import { expectedReport, FIXTURE, statisticsFixture } from '../support/statistics-fixture';
import { SCREENS, shot, signInAs, watchConsole } from './support';

// Office staff open 统计 for 2026年3月 over the crafted case set whose figures were worked out by hand
// (test/fixtures/statistics/expected-2026-03.json): the monthly form shows exactly those numbers, a figure
// lists exactly its cases, the charts draw, a sweep logged changes the 排查 figures, and the report frozen
// as sent shows again exactly as frozen after the sweep log changes.

const EXPECTED = expectedReport('expected-2026-03.json') as StatisticsReport;
const OFFICE = { username: 'office', password: 'user-password-1' };
const MARCH = '#/statistics?kind=month&from=2026-03-01&to=2026-03-31';

/** The case number a fixture ref gets: numbered per registration year in fixture order (statistics-fixture.ts). */
function caseNoOf(ref: string): string {
  const i = FIXTURE.cases.findIndex((c) => c.ref === ref);
  const year = Number(FIXTURE.cases[i].registered_on.slice(0, 4));
  const seq = FIXTURE.cases.slice(0, i + 1).filter((c) => c.registered_on.startsWith(String(year))).length;
  return formatCaseNo(year, '白沙', seq);
}
const idOf = (ref: string) => FIXTURE.cases.findIndex((c) => c.ref === ref) + 1;

/** What the form prints for a figure: rates as a percentage with 2 decimals, money in 万元 with 2. */
function shown(key: string, report: StatisticsReport = EXPECTED): string {
  const v = valueAt(report, key);
  if (typeof v !== 'number') return '—';
  if (key.endsWith('rate')) return (Math.round(v * 10_000) / 100).toFixed(2);
  if (key === 'agreement_amount_wan') return v.toFixed(2);
  return String(v);
}

/** Every place the form shows a figure (the row and the figures below it) reads the same. */
async function expectFigure(page: Page, key: string, text: string) {
  const cells = page.getByTestId('stats-form').locator(`[data-figure="${key}"]`);
  await expect(cells.first()).toBeVisible();
  const re = new RegExp(`^${text.replace('.', '\\.')}( %)?$`);
  for (let i = 0; i < (await cells.count()); i += 1) await expect(cells.nth(i)).toHaveText(re);
}

async function expectDrill(page: Page, figure: string, refs: string[]) {
  await page.getByTestId('stats-form').locator(`[data-figure="${figure}"]`).first().click();
  const drawer = page.getByTestId('drill-drawer');
  await expect(drawer.getByTestId('drill-count')).toHaveAttribute('data-count', String(refs.length));
  await expect(drawer.getByTestId('drill-case')).toHaveText(refs.map(caseNoOf));
  for (const [i, ref] of refs.entries()) {
    await expect(drawer.getByTestId('drill-case').nth(i)).toHaveAttribute('href', `#/cases/${idOf(ref)}`);
  }
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
}

test('office staff read the March report, trace its figures, log a sweep and freeze the report', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  const f = await statisticsFixture();
  await f.core.close();
  const preview: RunningPreview = await startPreview({ dataDir: f.dir, env: { TIAOJIE_PASSPHRASE: PASSPHRASE } });

  try {
    await page.goto(preview.url);
    await signInAs(page, OFFICE);
    await expect(page.getByTestId('user-role')).toHaveText('办公室工作人员');

    // ── 统计 opens on last month; the month picker takes 2026年3月 typed in ────────────────────
    await page.getByTestId('menu-statistics').click();
    await expect(page.getByTestId('stats-form-title')).toHaveText('人民调解工作统计月报');
    const month = page.getByTestId('period-month');
    await month.click();
    await month.fill('2026年3月');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('stats-form-period')).toHaveText(`统计期间：2026年3月（${formatDateZh('2026-03-01')}至${formatDateZh('2026-03-31')}）`);
    await expect(page.getByTestId('stats-form-committee')).toContainText(EXPECTED.committee.name);
    await expect(page.getByTestId('stats-as-of')).toContainText('统计时点：');

    // ── The form: grouped headers as the Ministry's, and every figure as worked out by hand ─────────
    const table = page.getByTestId('stats-form-table');
    for (const h of ['排查预防', '调解纠纷', '案件来源', '结果', '防激化', '合计(件)', '依申请调解', '协议涉及金额(万元)', '防止民间纠纷转化为刑事案件']) {
      await expect(table.locator('thead th', { hasText: h }).first()).toBeVisible();
    }
    await expect(page.getByTestId('stats-form-row').locator('td')).toHaveCount(3 + 16 + 3 + 6 + 8);
    const keys = await page.getByTestId('stats-form').locator('[data-figure]').evaluateAll((els) => els.map((e) => e.getAttribute('data-figure')!));
    for (const must of ['sweeps', 'accepted', 'accepted_by_category.neighbour', 'accepted_by_bucket.referral', 'success_rate', 'agreement_amount_wan',
      'prevented.criminal.persons', 'registered', 'rejected', 'pending_at_end', 'overdue_at_end', 'satisfaction.rate', 'team.people', 'jc_confirmed']) {
      expect(keys).toContain(must);
    }
    for (const key of new Set(keys)) await expectFigure(page, key, shown(key));
    // The two hand-rounded cases: 11 ÷ 13 half up, and 1.005 万元 half up.
    await expectFigure(page, 'success_rate', '84.62');
    await expectFigure(page, 'agreement_amount_wan', '1.01');
    await shot(page, 'statistics-form');

    // ── A figure lists exactly the cases it counts ──────────────────────────────────────────────
    await expectDrill(page, 'accepted_by_category.neighbour', ['c29', 'c33', 'c45']);
    await expectDrill(page, 'overdue_at_end', ['c22', 'c24', 'c25']);
    await expectDrill(page, 'prevented.criminal.cases', ['c27', 'c37']);
    // A sum lists its cases with what each adds: 1.005 万元 shows as 1.01, as the report rounds it.
    await page.getByTestId('stats-form').locator('[data-figure="agreement_amount_wan"]').first().click();
    await expect(page.getByTestId('drill-drawer').getByTestId('drill-case')).toHaveText(['c26', 'c27', 'c28', 'c29', 'c30', 'c31', 'c32', 'c33', 'c34', 'c35', 'c36'].map(caseNoOf));
    await expect(page.getByTestId('drill-count')).toContainText('¥10,050.00（1.01 万元）');
    await page.keyboard.press('Escape');
    await page.getByTestId('stats-form').locator('[data-figure="accepted"]').first().click();
    await expect(page.getByTestId('drill-drawer').getByTestId('drill-case')).toHaveCount(EXPECTED.accepted);
    await page.waitForTimeout(500); // the drawer's slide-in
    await page.screenshot({ path: `${SCREENS}/statistics-drill.png` });
    await page.keyboard.press('Escape');

    // ── 按调解员 ──────────────────────────────────────────────────────────────────────────────────
    await page.getByTestId('stats-tab-mediators').click();
    const mediators = page.getByTestId('stats-mediators');
    await expect(mediators.locator('tbody tr')).toHaveCount(EXPECTED.by_mediator.length);
    await mediators.locator('[data-figure="by_mediator.3.accepted"]').click();
    await expect(page.getByTestId('drill-drawer').getByTestId('drill-case')).toHaveText(['c28', 'c34', 'c39', 'c46'].map(caseNoOf));
    await page.keyboard.press('Escape');

    // ── 图表: drawn on canvas; a bar opens its cases ─────────────────────────────────────────────
    await page.getByTestId('stats-tab-charts').click();
    const bars = page.getByTestId('chart-category');
    await expect(bars.locator('canvas')).toBeVisible();
    await expect(page.getByTestId('chart-trend').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('chart-rate').locator('canvas')).toBeVisible();
    await page.waitForTimeout(1_200); // the charts' entry animation
    await shot(page, 'statistics-charts');
    // 邻里 is the second of the 15 rows and the longest bar (3): its middle is inside the bar.
    const box = (await bars.boundingBox())!;
    const rowHeight = (box.height - 24) / 15;
    await page.mouse.click(box.x + box.width * 0.6, box.y + 16 + rowHeight * 1.5);
    await expect(page.getByTestId('drill-drawer').getByTestId('drill-case')).toHaveText(['c29', 'c33', 'c45'].map(caseNoOf));
    await page.keyboard.press('Escape');

    // ── 排查记录: a sweep logged on 20 March changes the 排查 figures ────────────────────────────────
    await page.getByTestId('stats-tab-form').click();
    await page.getByTestId('stats-form').locator('[data-figure="sweeps"]').click();
    await expect(page.getByTestId('sweeps-table').locator('tbody tr')).toHaveCount(3);
    await expect(page.getByTestId('sweeps-total')).toHaveText('本期共排查 3 次，发现纠纷 7 件，预防纠纷 4 件');
    await page.getByTestId('sweep-add').click();
    const date = page.getByTestId('sweep-date');
    await date.click();
    await date.fill(formatDateZh('2026-03-20'));
    await page.keyboard.press('Tab');
    await page.getByTestId('sweep-scope').fill('白沙新村东片');
    await page.getByTestId('sweep-found').fill('4');
    await page.getByTestId('sweep-prevented').fill('2');
    await page.getByTestId('sweep-note').fill('入户走访');
    await page.getByTestId('sweep-save').click();
    await expect(page.getByTestId('sweep-modal')).toBeHidden();
    await expect(page.getByTestId('sweeps-total')).toHaveText('本期共排查 4 次，发现纠纷 11 件，预防纠纷 6 件');
    await expect(page.getByTestId('sweeps-table')).toContainText('2026年3月20日');
    await page.getByTestId('stats-tab-form').click();
    await expectFigure(page, 'sweeps', '4');
    await expectFigure(page, 'sweep_found', '11');
    await expectFigure(page, 'prevented_disputes', '6');

    // ── 冻结报送, then the sweep is removed: the snapshot still shows what was sent ─────────────────
    await page.getByTestId('stats-freeze').click();
    // A click that lands while the confirmation is still opening is lost: click until it closes.
    const freezeOk = page.getByTestId('freeze-ok');
    await expect(async () => {
      if (await freezeOk.isVisible()) await freezeOk.click({ timeout: 2_000 });
      await expect(page.getByText('2026年3月的报表已冻结')).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 30_000 });
    await page.getByTestId('stats-tab-sweeps').click();
    const added = page.getByTestId('sweeps-table').locator('tr', { hasText: '白沙新村东片' });
    await added.getByTestId('sweep-remove').click();
    await page.getByTestId('sweep-remove-ok').click();
    await expect(page.getByTestId('sweeps-total')).toHaveText('本期共排查 3 次，发现纠纷 7 件，预防纠纷 4 件');
    await page.getByTestId('stats-tab-form').click();
    await expectFigure(page, 'sweeps', '3');

    await page.getByTestId('stats-tab-snapshots').click();
    const snapshots = page.getByTestId('snapshots-table');
    await expect(snapshots.locator('tbody tr')).toHaveCount(1);
    await expect(snapshots).toContainText('2026年3月');
    await expect(snapshots).toContainText('已报送');
    await snapshots.getByTestId('snapshot-open').click();
    await expect(page.getByTestId('snapshot-banner')).toContainText('已冻结');
    await expect(page.getByTestId('snapshot-banner')).toContainText('郑洁');
    await expect(page.getByTestId('snapshot-banner')).toContainText(/SHA-256：[0-9a-f]{64}/);
    await expectFigure(page, 'sweeps', '4');
    await expectFigure(page, 'sweep_found', '11');
    await expectFigure(page, 'accepted', String(EXPECTED.accepted));
    await expectFigure(page, 'success_rate', '84.62');
    await shot(page, 'statistics-snapshot');

    // ── 导出 CSV: the frozen report's lines (key path, label, value), UTF-8 with a BOM for Excel ─────────
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stats-csv').click()]);
    const csvText = readFileSync((await csv.path())!, 'utf8');
    expect(csvText.startsWith('\uFEFF')).toBe(true);
    expect(csvText).toContain('\r\naccepted,受理数,15\r\n');
    expect(csvText).toContain('\r\nsweeps,排查纠纷次数,4\r\n');
    expect(csvText).toContain('\r\nsuccess_rate,调解成功率,0.8462\r\n');

    // ── 导出 Excel (the workbook comes from the core); exporting freezes the report as exported ─────────
    await page.getByTestId('snapshot-back').click();
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stats-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString('latin1')).toBe('PK');
    await expect(snapshots.locator('tbody tr')).toHaveCount(2);
    await expect(snapshots).toContainText('已导出');

    // ── 季: the first quarter, with the figures worked out for it ─────────────────────────────────────
    const q1 = expectedReport('expected-2026-Q1.json') as StatisticsReport;
    await page.getByTestId('stats-tab-form').click();
    await page.getByTestId('period-kind-quarter').click();
    await expect(page.getByTestId('stats-form-title')).toHaveText('人民调解工作统计季报');
    await expect(page.getByTestId('stats-form-period')).toContainText('2026年第1季度');
    for (const key of ['accepted', 'success', 'success_rate', 'agreement_amount_wan', 'overdue_at_end']) await expectFigure(page, key, shown(key, q1));

    // ── Large text: the form and the charts stay readable ──────────────────────────────────────────
    await page.getByTestId('menu-settings').click();
    await page.getByTestId('settings-large-text').click();
    await page.evaluate((hash) => { window.location.hash = hash; }, MARCH);
    await expectFigure(page, 'accepted', String(EXPECTED.accepted));
    await shot(page, 'statistics-form-large-text');
    await page.getByTestId('stats-tab-charts').click();
    await expect(page.getByTestId('chart-rate').locator('canvas')).toBeVisible();
    await page.waitForTimeout(1_200);
    await shot(page, 'statistics-charts-large-text');
    await page.getByTestId('menu-settings').click();
    await page.getByTestId('settings-large-text').click();

    expect(problems).toEqual([]);
  } finally {
    await preview.stop();
    rmSync(f.dir, { recursive: true, force: true });
  }
});
