import { mkdirSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';
import { formatDateZh } from '../../shared/domain/dates';
import { residentIdCheckChar } from '../../shared/domain/identity';

// Steps and checks shared by the end-to-end specs.

export const SCREENS = 'test-results/screens';
mkdirSync(SCREENS, { recursive: true });

/** A synthetic resident ID with a valid check character (never a real person's). */
export const residentId = (first17: string) => `${first17}${residentIdCheckChar(first17)}`;

export const COMMITTEE = '白沙社区人民调解委员会';
export const ADMIN = { username: 'wangtj', displayName: '王调解', password: 'baisha-2026-mediation' };

/** Fails the test on any console error, uncaught exception or CSP violation. */
const TRACE_IN_SANDBOX = /^Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed/;

export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    // Playwright's trace recorder snapshots every frame by script; the document preview frame is
    // sandboxed without scripts (as it must be), so the recorder's attempt is refused and logged.
    if (m.type() === 'error' && !TRACE_IN_SANDBOX.test(m.text())) problems.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
}

/**
 * Picks an option of an Ant Design Select by its visible label. Retried as a whole: on a busy
 * machine a click can land while the dropdown is still opening and choose nothing.
 */
export async function choose(page: Page, select: Locator, label: string) {
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: new RegExp(`^${label.replace(/[()（）]/g, '.')}$`) });
  await expect(async () => {
    if (!(await option.isVisible())) await select.click();
    await option.click({ timeout: 5_000 });
    await expect(select).toContainText(label, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

export async function signIn(page: Page) {
  await expect(page.getByTestId('sign-in-form')).toBeVisible();
  await page.getByTestId('sign-in-username').fill(ADMIN.username);
  await page.getByTestId('sign-in-password').fill(ADMIN.password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('main-menu')).toBeVisible();
  await expect(page.getByTestId('user-name')).toHaveText(ADMIN.displayName);
  await expect(page.getByTestId('user-role')).toHaveText('管理员');
}

/** A fresh committee at `url`: the first run, then signed in as its admin; returns the recovery passphrase. */
export async function newCommitteeSignedIn(page: Page, url: string): Promise<string> {
  await page.goto(url);
  const passphrase = await firstRun(page);
  await signIn(page);
  return passphrase;
}

/** First run without the detours: committee, admin, recovery passphrase; returns the passphrase. */
export async function firstRun(page: Page): Promise<string> {
  await expect(page.getByTestId('setup-wizard')).toBeVisible();
  await page.getByTestId('setup-committee-name').fill(COMMITTEE);
  await page.getByTestId('setup-committee-code').fill('LG-BS-001');
  await page.getByTestId('setup-next').click();
  await page.getByTestId('setup-admin-username').fill(ADMIN.username);
  await page.getByTestId('setup-admin-display-name').fill(ADMIN.displayName);
  await page.getByTestId('setup-admin-password').fill(ADMIN.password);
  await page.getByTestId('setup-admin-confirm').fill(ADMIN.password);
  await page.getByTestId('setup-submit').click();
  const passphrase = (await page.getByTestId('recovery-passphrase').innerText()).trim();
  await page.getByText('我已将恢复口令抄写在纸上并妥善保管').click();
  await page.getByTestId('setup-finish').click();
  return passphrase;
}

/** Sends an Enter the way an input method does when it confirms a candidate (keyCode 229, composing). */
export async function imeEnter(page: Page, field: Locator) {
  const cdp = await page.context().newCDPSession(page);
  await field.focus();
  await cdp.send('Input.dispatchKeyEvent', {
    type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229, text: '\r',
  });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229 });
  await cdp.detach();
}

/** Calls the core the way renderer/lib/api.ts does in the preview (`./rpc/<channel>` with the token header). */
export async function rpc<T>(page: Page, channel: string, input: unknown): Promise<T> {
  return page.evaluate(async ({ channel, input }) => {
    const token = document.querySelector('meta[name="tiaojie-token"]')?.getAttribute('content') ?? '';
    const r = await fetch(`./rpc/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tiaojie-token': token }, body: JSON.stringify(input) });
    const body = (await r.json()) as { ok: boolean; value?: unknown; error?: unknown };
    if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
    return body.value;
  }, { channel, input }) as Promise<T>;
}

/** Picks an option of a searchable Select (a quarter hour, a venue) by typing it, as a keyboard user would. */
export async function pick(page: Page, select: Locator, text: string) {
  const search = select.locator('input');
  await expect(async () => {
    // fill, not type: a retry replaces the search text instead of appending to what an earlier try left.
    await search.click();
    await search.fill(text);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first()
      .click({ timeout: 5_000 });
    await expect(select).toContainText(text, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** A date typed into a date picker (2026年10月7日), committed by leaving the field. */
export async function pickDate(page: Page, input: Locator, day: string) {
  await input.click();
  await input.fill(formatDateZh(day));
  await page.keyboard.press('Tab');
  await expect(input).toHaveValue(formatDateZh(day));
}

/** Signs in as any user and waits for the shell. */
export async function signInAs(page: Page, user: { username: string; password: string; displayName?: string }) {
  await expect(page.getByTestId('sign-in-form')).toBeVisible();
  await page.getByTestId('sign-in-username').fill(user.username);
  await page.getByTestId('sign-in-password').fill(user.password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('main-menu')).toBeVisible();
  if (user.displayName) await expect(page.getByTestId('user-name')).toHaveText(user.displayName);
}
