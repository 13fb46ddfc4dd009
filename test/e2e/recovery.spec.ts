import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startPreview } from '../support/preview';
import { newCommitteeSignedIn, rpc, shot, watchConsole } from './support';

// 设置 → 恢复口令与托管: an admin changes the recovery passphrase (a wrong current one is refused) and turns the
// escrow to the office's key on and off.

test('an admin changes the recovery passphrase and turns the escrow on and off', async ({ page }) => {
  test.setTimeout(200_000);
  const problems = watchConsole(page);
  const preview = await startPreview();
  try {
    const passphrase = await newCommitteeSignedIn(page, preview.url);
    const idFile = join(preview.dataDir, 'office.key');
    execFileSync('age-keygen', ['-o', idFile], { stdio: 'ignore' });
    const recipient = execFileSync('age-keygen', ['-y', idFile], { encoding: 'utf8' }).trim();
    await rpc(page, 'exchange:setRecipients', { recipients: [recipient] });

    await page.getByTestId('menu-settings').click();
    const card = page.getByTestId('recovery-card');
    await card.scrollIntoViewIfNeeded();
    await expect(card.getByTestId('recovery-escrow-state')).toHaveText('未开启');
    await card.screenshot({ path: 'test-results/screens/recovery-card.png' });

    const next = '新的恢复口令-白沙-2027';
    await card.getByTestId('recovery-current').fill('这不是原来的恢复口令啊');
    await card.getByTestId('recovery-next').fill(next);
    await card.getByTestId('recovery-confirm').fill(next);
    await card.getByTestId('recovery-submit').click();
    await expect(card.getByTestId('recovery-error')).toContainText('当前恢复口令不正确');
    await card.getByTestId('recovery-current').fill(passphrase);
    await card.getByTestId('recovery-submit').click();
    await expect(card.getByTestId('recovery-changed')).toContainText('恢复口令已更改');
    await expect(card.getByTestId('recovery-error')).toHaveCount(0);

    await card.getByTestId('recovery-escrow-on').click();
    await page.locator('.ant-popover').getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect(card.getByTestId('recovery-escrow-state')).toHaveText('已开启');
    await expect(card).toContainText(/托管给公钥指纹 [0-9A-F ]+，开启于 \d{4}年\d{1,2}月\d{1,2}日/);
    const keys = JSON.parse(readFileSync(join(preview.dataDir, 'tiaojie.db.keys.json'), 'utf8')) as { escrow?: { recipient: string } };
    expect(keys.escrow?.recipient).toBe(recipient);
    await card.screenshot({ path: 'test-results/screens/recovery-card-escrow-on.png' });
    await shot(page, 'recovery-settings');

    await card.getByTestId('recovery-escrow-off').click();
    await page.locator('.ant-popover').getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect(card.getByTestId('recovery-escrow-state')).toHaveText('未开启');
    expect(problems).toEqual([]);
  } finally {
    await preview.stop();
  }
});
