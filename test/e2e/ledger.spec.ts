import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createUser } from '../../electron/core/accounts/accounts';
import { AppCore } from '../../electron/core/app/app-core';
import { DB_FILE } from '../../electron/core/app/paths';
import { startPreview, type RunningPreview } from '../support/preview';
import { ledgerRows } from '../../bench/ledger';
import { HEADERS, toCsv } from '../fixtures/ledger/make-fixtures';
import { ADMIN, COMMITTEE, shot, signInAs, watchConsole } from './support';

// Office staff import the committee's ledger (issue 5, LEDGER.md): a ledger with a bad row is refused with the
// row, column and reason and nothing is written; the sample ledger is checked, confirmed, imported, and the
// generated case numbers are shown to copy back.

const PASSPHRASE = 'e2e-ledger-白沙-2026';
const OFFICE = { username: 'zhengj', displayName: '郑洁', password: 'office-2026-baisha' };
const SAMPLE = '/work/shared/samples/ledger-sample.csv';

async function prepare(dataDir: string) {
  const core = new AppCore(join(dataDir, DB_FILE));
  try {
    await core.setup({ passphrase: PASSPHRASE, committee: { name: COMMITTEE, code: 'LG-BS-001', type: 'residential' }, admin: ADMIN });
    await core.db.transaction((tx) => createUser(tx, { ...OFFICE, role: 'office_staff' }, new Date(), null));
  } finally {
    await core.close();
  }
}

const BAD = `\uFEFF案件编号,登记日期,受理日期,纠纷类型,案件来源,申请人,涉及人数,主办调解员,调解结果,协议形式,调结日期,备注
,2026-03-02,2026-03-03,邻里,当事人申请,陈静,2,李娜,调解成功,书面,2026-03-20,
,2026-03-05,2026-03-01,邻里,当事人申请,刘洋,2,李娜,调解中,,,
,2026-03-06,2026-03-07,打架,当事人申请,杨帆,0,李娜,调解中,,,
`;

test('office staff import a ledger: bad rows refused, the sample checked, confirmed and imported', async ({ page }) => {
  const problems = watchConsole(page);
  const dataDir = mkdtempSync(join(tmpdir(), 'tiaojie-e2e-'));
  await prepare(dataDir);
  const preview: RunningPreview = await startPreview({ dataDir, env: { TIAOJIE_PASSPHRASE: PASSPHRASE } });
  try {
    await page.goto(preview.url);
    await signInAs(page, OFFICE);
    await expect(page.getByTestId('user-name')).toHaveText(OFFICE.displayName);

    await page.getByTestId('menu-statistics').click();
    await page.getByTestId('stats-import').click();
    await expect(page.getByTestId('ledger-page')).toBeVisible();
    await expect(page.getByRole('heading', { name: '导入台账' })).toBeVisible();

    // A ledger with bad rows: every one listed with 行, 列, 原因; no button to import.
    await page.getByTestId('ledger-page').locator('input[type=file]')
      .setInputFiles({ name: '台账-有错.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD, 'utf8') });
    const report = page.getByTestId('ledger-report');
    await expect(report).toContainText('台账中有 3 处错误，未导入任何案件');
    const errors = page.getByTestId('ledger-errors');
    await expect(errors.getByRole('columnheader', { name: '行' })).toBeVisible();
    await expect(errors).toContainText('第3行「受理日期」早于「登记日期」');
    await expect(errors).toContainText('第4行「纠纷类型」“打架”不是可用的纠纷类型');
    await expect(errors).toContainText('第4行「涉及人数」须为不小于1的整数：0');
    await expect(report).toContainText('备注');
    await expect(page.getByTestId('ledger-confirm')).toHaveCount(0);
    await shot(page, 'ledger-import-errors');
    await page.getByRole('button', { name: '重新选择文件' }).click();

    // The sample ledger: checked, then imported on confirmation.
    await page.getByTestId('ledger-page').locator('input[type=file]')
      .setInputFiles({ name: 'ledger-sample.csv', mimeType: 'text/csv', buffer: readFileSync(SAMPLE) });
    await expect(page.getByTestId('ledger-report')).toContainText('检查通过：可以导入 200 件案件，0 件已在系统中');
    await expect(page.getByText('前几行预览')).toBeVisible();
    await page.getByTestId('ledger-confirm').click();
    const result = page.getByTestId('ledger-result');
    await expect(result).toContainText('导入完成：已导入 200 件案件，跳过 0 件已有案件');
    await expect(page.getByTestId('ledger-generated')).toContainText('已为 71 件案件生成案件编号');
    await expect(page.getByTestId('ledger-generated')).toContainText('白沙人调字第');
    await shot(page, 'ledger-import');

    // Again: everything already present, nothing to import.
    await page.getByRole('button', { name: '重新选择文件' }).click();
    await page.getByTestId('ledger-page').locator('input[type=file]')
      .setInputFiles({ name: 'ledger-sample.csv', mimeType: 'text/csv', buffer: readFileSync(SAMPLE) });
    await expect(page.getByTestId('ledger-report')).toContainText('可以导入 0 件案件，200 件已在系统中');
    await expect(page.getByTestId('ledger-confirm')).toHaveCount(0);
    expect(problems).toEqual([]);
  } finally {
    await preview.stop();
  }
});

test('a 10,000-row ledger: the progress bar counts the rows as it checks and writes them', async ({ page }) => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'tiaojie-e2e-ledger-large-'));
  await prepare(dataDir);
  const problems = watchConsole(page);
  const preview: RunningPreview = await startPreview({ dataDir, env: { TIAOJIE_PASSPHRASE: PASSPHRASE } });
  try {
    await page.goto(preview.url);
    await signInAs(page, OFFICE);
    await page.getByTestId('menu-statistics').click();
    await page.getByTestId('stats-import').click();
    const csv = Buffer.from(`\uFEFF${toCsv([HEADERS, ...ledgerRows(10_000)])}`, 'utf8');
    await page.getByTestId('ledger-page').locator('input[type=file]').setInputFiles({ name: '台账-一万行.csv', mimeType: 'text/csv', buffer: csv });
    // The check's progress: a row count of the known total, and a bar between 0 and 100 %.
    const text = page.getByTestId('ledger-progress-text');
    await expect(text).toContainText(/已读 \d+ \/ 10000 行/, { timeout: 60_000 });
    await expect(page.getByTestId('ledger-report')).toContainText('检查通过：可以导入 10000 件案件', { timeout: 120_000 });
    await page.getByTestId('ledger-confirm').click();
    const seen = new Set<string>();
    const bar = page.getByTestId('ledger-progress').locator('.ant-progress');
    await expect(bar).toBeVisible();
    // Sample the bar until the result shows: it must have moved through more than one value below 100 %.
    while (await page.getByTestId('ledger-result').count() === 0) {
      const now = await bar.getAttribute('aria-valuenow', { timeout: 200 }).catch(() => null);
      if (now !== null) seen.add(now);
      if (seen.size === 2) await shot(page, 'ledger-import-progress');
      await page.waitForTimeout(50);
    }
    expect([...seen].filter((v) => Number(v) < 100).length).toBeGreaterThan(1);
    await expect(page.getByTestId('ledger-result')).toContainText('导入完成：已导入 10000 件案件，跳过 0 件已有案件');
    expect(problems).toEqual([]);
  } finally {
    await preview.stop();
  }
});
