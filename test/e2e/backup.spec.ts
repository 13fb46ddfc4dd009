import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startPreview } from '../support/preview';
import { newCommitteeSignedIn, shot, signIn, watchConsole } from './support';

// An administrator chooses the backup folder in 设置 → 备份与恢复, backs up now, is refused a damaged backup
// with the file and the reason named, restores a good one and signs in again.

test('an admin backs up in 设置, a damaged backup is refused, a good one restores', async ({ page }) => {
  test.setTimeout(200_000);
  const problems = watchConsole(page);
  const preview = await startPreview();
  try {
    await newCommitteeSignedIn(page, preview.url);
    await page.getByTestId('menu-settings').click();
    const card = page.getByTestId('backup-card');
    await expect(card).toContainText('尚未设置备份文件夹');
    await expect(card.getByTestId('backup-now')).toBeDisabled();

    // The preview has no folder dialog: the path is typed.
    const folder = join(preview.dataDir, '调解备份');
    await card.getByTestId('backup-folder').fill(folder);
    await card.getByTestId('backup-save').click();
    await expect(page.getByText('备份设置已保存')).toBeVisible();
    await expect(card).not.toContainText('尚未设置备份文件夹');

    await card.getByTestId('backup-now').click();
    await expect(page.getByText(/已备份：tiaojie-LG-BS-001-/)).toBeVisible();
    const rows = card.getByTestId('backup-list').locator('tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('手动');
    await expect(rows.first()).toContainText(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    const name = (await rows.first().locator('td').nth(3).innerText()).trim();

    // Damage it (bytes flipped in the middle): the restore is refused, naming the file and the reason.
    const file = join(folder, name);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(64, 0x5a), 0, 64, Math.floor(statSync(file).size / 2));
    closeSync(fd);
    await card.getByTestId(`backup-restore-${name}`).click();
    await expect(page.getByText('从这份备份恢复？')).toBeVisible();
    await expect(page.getByText('恢复前会自动把当前数据另存一份')).toBeVisible();
    await page.getByTestId('backup-restore-ok').click();
    const refusal = page.getByTestId('backup-restore-error');
    await expect(refusal).toContainText('已损坏');
    await expect(refusal).toContainText(name);
    await shot(page, 'backup-refused');
    await page.getByRole('dialog').screenshot({ path: 'test-results/screens/backup-refused-dialog.png' });
    await page.getByRole('button', { name: '取 消' }).or(page.getByRole('button', { name: '取消' })).click();

    // A good one restores; everyone signs in again; the safety copy is listed.
    await card.getByTestId('backup-now').click();
    await expect(rows).toHaveCount(2);
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'backup-card');
    await card.screenshot({ path: 'test-results/screens/backup-card-only.png' });
    const good = (await rows.first().locator('td').nth(3).innerText()).trim();
    expect(good).not.toBe(name);
    await card.getByTestId(`backup-restore-${good}`).click();
    await page.getByTestId('backup-restore-ok').click();
    await expect(page.getByTestId('sign-in-form')).toBeVisible();
    await signIn(page);
    await page.getByTestId('menu-settings').click();
    await expect(card.getByTestId('backup-list')).toContainText('恢复前');
    expect(problems).toEqual([]);
  } finally {
    await preview.stop();
  }
});
