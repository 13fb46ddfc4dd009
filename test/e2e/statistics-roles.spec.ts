import { rmSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { StatisticsReport } from '../../shared/domain/statistics';
import { PASSPHRASE } from '../support/db';
import { startPreview, type RunningPreview } from '../support/preview';
import { expectedReport, statisticsFixture } from '../support/statistics-fixture';
import { rpc, shot, signInAs, watchConsole } from './support';

// 统计 for a mediator (stats.read without stats.write): the report, the charts and the sweep log, but no
// 冻结/导出/导入/排查 write buttons, and the core refuses the writes when called directly. A legal-aid volunteer has no
// statistics at all (docs/permissions.md): no menu entry, and the core refuses the figures.
// The 图表 tab reads its twelve-month trend in one stats:trend call. 存为PDF is the desktop app's: not in the preview.

const EXPECTED = expectedReport('expected-2026-03.json') as StatisticsReport;
const MARCH = '#/statistics?kind=month&from=2026-03-01&to=2026-03-31';
const WRITE_BUTTONS = ['stats-freeze', 'stats-xlsx', 'stats-import', 'stats-pdf'];

async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('sign-in-form')).toBeVisible();
}

/** The channels the window called through the preview's /rpc/<channel>, in order. */
function watchRpc(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (r) => {
    const m = /\/rpc\/([\w:]+)$/.exec(new URL(r.url()).pathname);
    if (m) calls.push(m[1]);
  });
  return calls;
}

async function readsWithoutWriting(page: Page, who: string) {
  await page.evaluate((hash) => { window.location.hash = hash; }, MARCH);
  await expect(page.getByTestId('stats-form-title')).toHaveText('人民调解工作统计月报');
  await expect(page.getByTestId('stats-form').locator('[data-figure="accepted"]').first()).toHaveText(String(EXPECTED.accepted));
  await expect(page.getByTestId('stats-csv')).toBeVisible();
  await expect(page.getByTestId('stats-print')).toBeVisible();
  for (const id of WRITE_BUTTONS) await expect(page.getByTestId(id), `${who}: ${id}`).toHaveCount(0);

  await page.getByTestId('stats-tab-sweeps').click();
  await expect(page.getByTestId('sweeps-table').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('stats-sweeps')).toContainText('排查记录由办公室人员或管理员登记');
  await expect(page.getByTestId('sweep-add')).toHaveCount(0);
  await expect(page.getByTestId('sweep-remove')).toHaveCount(0);
  await shot(page, `statistics-read-only-${who}`);

  // Called directly, the writes are refused by the core, and nothing is logged or frozen.
  const sweep = { sweptOn: '2026-03-20', scope: '白沙新村东片', found: 1, prevented: 0 };
  await expect(rpc(page, 'stats:sweepAdd', sweep)).rejects.toThrow(/FORBIDDEN/);
  await expect(rpc(page, 'stats:snapshot', { from: '2026-03-01', to: '2026-03-31', reason: 'sent' })).rejects.toThrow(/FORBIDDEN/);
  expect(await rpc<unknown[]>(page, 'stats:sweeps', { from: '2026-03-01', to: '2026-03-31' })).toHaveLength(3);
  expect(await rpc<unknown[]>(page, 'stats:snapshots', {})).toHaveLength(0);
}

test('a mediator reads 统计 but cannot write to it, a volunteer has none; the trend is one call', async ({ page }) => {
  test.setTimeout(180_000);
  const f = await statisticsFixture();
  await f.addUser('volunteer', 'volunteer');
  await f.core.close();
  const preview: RunningPreview = await startPreview({ dataDir: f.dir, env: { TIAOJIE_PASSPHRASE: PASSPHRASE } });
  try {
    // ── A mediator (冯涛): cases.write, but not stats.write ─────────────────────────────────────
    const problems = watchConsole(page);
    await page.goto(preview.url);
    await signInAs(page, { username: 'mediator', password: 'user-password-1' });
    await expect(page.getByTestId('user-role')).toHaveText('人民调解员');
    await page.getByTestId('menu-statistics').click();
    await readsWithoutWriting(page, 'mediator');

    // ── 图表: the twelve months up to March in one stats:trend call, not a stats:report per month ───────
    const calls = watchRpc(page);
    await page.getByTestId('stats-tab-charts').click();
    await expect(page.getByTestId('chart-trend').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('chart-rate').locator('canvas')).toBeVisible();
    await expect.poll(() => calls.filter((c) => c === 'stats:trend').length).toBe(1);
    await page.waitForTimeout(1_200); // the charts' entry animation
    expect(calls.filter((c) => c === 'stats:report')).toEqual([]);
    const trend = await rpc<{ month: string; accepted: number }[]>(page, 'stats:trend', { to: '2026-03', months: 12 });
    expect(trend.at(-1)).toMatchObject({ month: '2026-03', accepted: EXPECTED.accepted });
    await shot(page, 'statistics-charts-mediator');

    // ── A legal-aid volunteer: cases and schedules, no statistics ─────────────────────────────────
    await signOut(page);
    await signInAs(page, { username: 'volunteer', password: 'user-password-1' });
    await expect(page.getByTestId('user-role')).toHaveText('法律援助志愿者');
    await expect(page.getByTestId('menu-schedule')).toBeVisible();
    await expect(page.getByTestId('menu-statistics')).toHaveCount(0);
    // Signed in where the mediator left off (统计): the address leads home instead.
    await expect(page.getByTestId('stats-form-title')).toHaveCount(0);
    await expect(page).toHaveURL(/#\/$/);
    await shot(page, 'statistics-none-volunteer');
    await expect(rpc(page, 'stats:report', { from: '2026-03-01', to: '2026-03-31' })).rejects.toThrow(/FORBIDDEN/);

    // ── Office staff in the preview: the exports are there, but 存为PDF is the desktop app's ───────────
    await signOut(page);
    await signInAs(page, { username: 'office', password: 'user-password-1' });
    await page.evaluate((hash) => { window.location.hash = hash; }, MARCH);
    await expect(page.getByTestId('stats-xlsx')).toBeVisible();
    await expect(page.getByTestId('stats-freeze')).toBeVisible();
    await expect(page.getByTestId('stats-pdf')).toHaveCount(0);
    // Called anyway, the preview refuses it in Chinese and freezes nothing.
    await expect(rpc(page, 'stats:savePdf', { from: '2026-03-01', to: '2026-03-31' })).rejects.toThrow(/预览模式不能直接存为PDF/);
    expect(await rpc<unknown[]>(page, 'stats:snapshots', {})).toHaveLength(0);

    // ── As the desktop window: a stand-in preload bridge (the same channels, carried to this preview's core) ─
    // makes isDesktop() true, so 存为PDF shows beside the exports; this core has no printer and says so.
    await page.addInitScript(() => {
      const invoke = async (channel: string, input: unknown) => {
        const token = document.querySelector('meta[name="tiaojie-token"]')?.getAttribute('content') ?? '';
        const r = await fetch(`./rpc/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tiaojie-token': token }, body: JSON.stringify(input ?? {}) });
        return r.json() as Promise<unknown>;
      };
      (window as unknown as { api: unknown }).api = { invoke };
    });
    await page.reload();
    await page.evaluate((hash) => { window.location.hash = hash; }, MARCH);
    await expect(page.getByTestId('stats-pdf')).toBeVisible();
    await expect(page.getByTestId('stats-pdf')).toHaveText('存为PDF');
    await shot(page, 'statistics-desktop-actions');
    await page.getByTestId('stats-pdf').click();
    await expect(page.getByText('预览模式不能直接存为PDF：请点“打印”，在打印对话框中选择“另存为PDF”')).toBeVisible();
    expect(problems).toEqual([]);
  } finally {
    await preview.stop();
    rmSync(f.dir, { recursive: true, force: true });
  }
});
