import { expect, test } from '@playwright/test';
import { startPreview } from '../support/preview';
import { choose, newCommitteeSignedIn, pick, shot, watchConsole } from './support';

// An administrator adds the province's 拖欠农民工工资 as a local category counted in 劳动争议 (设置 → 纠纷类型),
// registers a case under it, and the case shows it with the national category it counts in.

test('an admin adds a local category in 设置 and registers a case under it', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  const preview = await startPreview();
  try {
    await newCommitteeSignedIn(page, preview.url);

    // ── 设置 → 纠纷类型 ─────────────────────────────────────────────────────────────────────
    await page.getByTestId('menu-settings').click();
    const card = page.getByTestId('local-categories-card');
    await expect(card).toContainText('还没有本地纠纷类型');
    const modal = page.getByTestId('local-category-modal');
    // A national name is refused by the core, and the form says why under the field.
    await card.getByTestId('local-category-add').click();
    await modal.getByTestId('local-category-name').fill('劳动争议');
    await pick(page, modal.getByTestId('local-category-rollup'), '劳动争议');
    await page.getByTestId('local-category-save').click();
    await expect(modal).toContainText('是国家统计的15类纠纷之一');
    await modal.getByTestId('local-category-name').fill('拖欠农民工工资');
    await page.getByTestId('local-category-save').click();
    await expect(modal).toBeHidden();
    const row = card.locator('[data-testid="local-category-row"][data-name="拖欠农民工工资"]');
    await expect(row).toContainText('劳动争议');
    await expect(row.getByTestId('local-category-status')).toHaveText('启用');

    // ── 登记 under it: 劳动争议 › 拖欠农民工工资 ───────────────────────────────────────────────
    await page.keyboard.press('Control+n');
    await expect(page.getByTestId('case-register-form')).toBeVisible();
    // The picker lists each national category with its local ones under it.
    await page.getByTestId('case-category').click();
    await page.getByTestId('case-category').locator('input').fill('劳动');
    const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    await expect(options).toHaveText(['劳动争议', '劳动争议 › 拖欠农民工工资']);
    await shot(page, 'local-categories-picker');
    await pick(page, page.getByTestId('case-category'), '劳动争议 › 拖欠农民工工资');
    await choose(page, page.getByTestId('case-channel'), '当事人申请');
    await page.getByTestId('case-summary').fill('施工队拖欠五名工人三个月工资，共计四万二千元。');
    await page.getByTestId('party-applicants-0-name').fill('陈静');
    await page.getByTestId('party-respondents-0-name').fill('刘洋');
    await choose(page, page.getByTestId('party-respondents-0-idType'), '无证件');
    await page.getByTestId('case-submit').click();
    await expect(page.getByTestId('case-detail')).toBeVisible();
    await expect(page.getByTestId('case-category-text')).toHaveText('拖欠农民工工资（计入劳动争议）');
    await shot(page, 'local-categories-case-detail');

    // ── 案件 list: the local name, and its filter ───────────────────────────────────────────
    await page.getByTestId('menu-cases').click();
    await expect(page.locator('.ant-table-row').first()).toContainText('拖欠农民工工资');

    // ── Used now: its roll-up is locked; renaming still works ───────────────────────────────
    await page.getByTestId('menu-settings').click();
    await expect(row).toContainText('1');
    await row.getByTestId('local-category-edit').click();
    await expect(modal.getByTestId('local-category-rollup')).toHaveClass(/ant-select-disabled/);
    await expect(modal).toContainText('已有 1 件案件使用，不能再改计入的国家类别');
    await modal.getByTestId('local-category-rollup').hover();
    await expect(page.locator('.ant-tooltip:not(.ant-tooltip-hidden)')).toContainText('不能再改计入的国家类别');
    await page.getByRole('button', { name: '取消' }).click();
    await expect(modal).toBeHidden();
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: 'test-results/screens/settings-local-categories.png' });
    expect(problems).toEqual([]);
  } finally {
    await preview.stop();
  }
});
