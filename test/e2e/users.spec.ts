import { expect, test, type Page } from '@playwright/test';
import { startPreview } from '../support/preview';
import { ADMIN, choose, newCommitteeSignedIn, shot, signInAs, watchConsole } from './support';

// 设置 → 用户 (issue 7): the admin adds a user and resets the password; the user must change it right after signing
// in (and can change it again from the menu); the idle lock covers the page and keeps it; repeated failures lock a login name with a message saying how long.

const USER = { username: 'liuyang', displayName: '刘洋' };

/** Signs out through the user menu; the menu is opened again if a click landed while it was still animating. */
async function signOut(page: Page) {
  const form = page.getByTestId('sign-in-form');
  await expect(async () => {
    if (!(await form.isVisible())) {
      await page.getByTestId('user-name').click();
      await page.getByTestId('sign-out').click({ timeout: 3_000 });
    }
    await expect(form).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

test('an admin adds a user and resets the password; the user changes it at sign-in; idle lock; sign-in lockout', async ({ page }) => {
  test.setTimeout(240_000);
  const problems = watchConsole(page);
  await page.clock.install();
  const preview = await startPreview();
  try {
    await newCommitteeSignedIn(page, preview.url);

    // ── 设置 → 用户: add ─────────────────────────────────────────────────────────────────────────
    await page.getByTestId('menu-settings').click();
    const card = page.getByTestId('users-card');
    await expect(card.locator(`[data-testid="user-row"][data-username="${ADMIN.username}"]`)).toContainText('（本人）');
    await card.getByTestId('user-add').click();
    const modal = page.getByTestId('user-modal');
    await modal.getByTestId('user-username').fill(USER.username);
    await modal.getByTestId('user-display-name').fill(USER.displayName);
    await choose(page, modal.getByTestId('user-role'), '人民调解员');
    // The rule says what is missing before anything is sent.
    await modal.getByTestId('user-password').fill('liuyang123');
    await page.getByTestId('user-save').click();
    await expect(modal).toContainText('不能包含登录名');
    await expect(modal).toContainText('至少3类');
    await modal.getByTestId('user-password').fill('Qingshan-2026');
    await page.getByTestId('user-save').click();
    await expect(modal).toBeHidden();
    const row = card.locator(`[data-testid="user-row"][data-username="${USER.username}"]`);
    await expect(row).toContainText('人民调解员');
    await expect(row.getByTestId('user-status')).toHaveText('在用');
    await expect(row.getByTestId('user-must-change')).toHaveText('须改密码');

    // The last admin stays one: demoting oneself is refused with the reason.
    await card.locator(`[data-testid="user-row"][data-username="${ADMIN.username}"]`).getByTestId('user-edit').click();
    await choose(page, modal.getByTestId('user-role'), '人民调解员');
    await page.getByTestId('user-save').click();
    await expect(page.getByTestId('user-modal-error')).toContainText('这是最后一位在用的管理员');
    await modal.getByRole('button', { name: /取\s*消/ }).click();
    await expect(modal).toBeHidden();

    // ── reset the password; the idle lock to 1 minute ─────────────────────────────────────────────
    await row.getByTestId('user-reset').click();
    await expect(modal).toContainText('临时密码');
    await modal.getByTestId('user-password').fill('Linshi-2026-x');
    await page.getByTestId('user-save').click();
    await expect(modal).toBeHidden();
    await expect(page.getByText(`已为“${USER.displayName}”重设密码`)).toBeVisible();
    await card.getByTestId('idle-minutes').fill('1');
    await card.getByTestId('idle-save').click();
    await expect(page.locator('.ant-message').getByText('已保存')).toBeVisible();
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: 'test-results/screens/users-card.png' });
    await signOut(page);

    // ── the user signs in with the temporary password: change it first ──────────────────────────────
    await page.getByTestId('sign-in-username').fill(USER.username);
    await page.getByTestId('sign-in-password').fill('Linshi-2026-x');
    await page.getByTestId('sign-in-submit').click();
    await expect(page.getByTestId('change-password-form')).toBeVisible();
    await expect(page.getByTestId('main-menu')).toHaveCount(0);
    await page.getByTestId('change-password-current').fill('Linshi-2026-x');
    await page.getByTestId('change-password-new').fill('password123');
    await page.getByTestId('change-password-confirm').fill('password123');
    await page.getByTestId('change-password-submit').click();
    await expect(page.getByTestId('change-password-form')).toContainText('不能使用常见密码');
    await shot(page, 'change-password');
    await page.getByTestId('change-password-new').fill('Hupan-Lu-88');
    await page.getByTestId('change-password-confirm').fill('Hupan-Lu-88');
    await page.getByTestId('change-password-submit').click();
    await expect(page.getByTestId('main-menu')).toBeVisible();
    await expect(page.getByTestId('user-name')).toHaveText(USER.displayName);

    // ── idle lock: the page stays under it, the same password opens it ─────────────────────────────
    await page.getByTestId('menu-cases').click();
    await expect(page).toHaveURL(/#\/cases/);
    await page.clock.fastForward('02:00');
    const lock = page.getByTestId('idle-lock');
    await expect(lock).toBeVisible();
    await expect(lock).toContainText(`${USER.displayName}（${USER.username}）`);
    await shot(page, 'idle-lock');
    await lock.getByTestId('idle-lock-password').fill('not-my-password');
    await lock.getByTestId('idle-lock-submit').click();
    await expect(lock.getByTestId('idle-lock-error')).toContainText('登录名或密码不正确');
    await lock.getByTestId('idle-lock-password').fill('Hupan-Lu-88');
    await lock.getByTestId('idle-lock-submit').click();
    await expect(lock).toBeHidden();
    await expect(page).toHaveURL(/#\/cases/);
    await expect(page.getByTestId('user-name')).toHaveText(USER.displayName);

    // Their own change, any time, from the menu under their name.
    await page.getByTestId('user-name').click();
    await page.getByTestId('change-password').click();
    const changeModal = page.getByTestId('change-password-modal');
    await changeModal.getByTestId('change-password-current').fill('Hupan-Lu-88');
    await changeModal.getByTestId('change-password-new').fill('Hupan-Lu-99');
    await changeModal.getByTestId('change-password-confirm').fill('Hupan-Lu-99');
    await changeModal.getByTestId('change-password-submit').click();
    await expect(changeModal).toBeHidden();
    await expect(page.locator('.ant-message').getByText('密码已修改')).toBeVisible();
    await expect(page).toHaveURL(/#\/cases/);

    // Someone else at the lock screen: back to the start, as them.
    await page.clock.fastForward('02:00');
    await expect(lock).toBeVisible();
    await lock.getByTestId('idle-lock-other').click();
    await lock.getByTestId('idle-lock-username').fill(ADMIN.username);
    await lock.getByTestId('idle-lock-password').fill(ADMIN.password);
    await lock.getByTestId('idle-lock-submit').click();
    await expect(lock).toBeHidden();
    await expect(page.getByTestId('user-name')).toHaveText(ADMIN.displayName);
    await expect(page).not.toHaveURL(/#\/cases/);
    // The change shows in the admin's list: no longer must-change.
    await page.getByTestId('menu-settings').click();
    await expect(page.locator(`[data-testid="user-row"][data-username="${USER.username}"]`).getByTestId('user-must-change')).toHaveCount(0);
    await signOut(page);

    // ── sign-in lockout after 5 failures, with how long ─────────────────────────────────────────────
    for (let i = 0; i < 5; i++) {
      await page.getByTestId('sign-in-username').fill(USER.username);
      await page.getByTestId('sign-in-password').fill(`wrong-guess-${i}`);
      await page.getByTestId('sign-in-submit').click();
      await expect(page.getByTestId('sign-in-error')).toContainText(i < 4 ? '登录名或密码不正确' : '请1分钟后再试');
      if (i < 4) await expect(page.getByTestId('sign-in-submit')).toBeEnabled();
    }
    await page.getByTestId('sign-in-password').fill('Hupan-Lu-99');
    await page.getByTestId('sign-in-submit').click();
    await expect(page.getByTestId('sign-in-error')).toContainText('分钟后再试');
    await shot(page, 'sign-in-locked');
    // The admin is another name: not locked.
    await signInAs(page, { ...ADMIN });
    expect(problems).toEqual([]);
  } finally {
    await preview.stop();
  }
});
