import { expect, test, type Page } from '@playwright/test';
import { startPreview, type RunningPreview } from '../support/preview';
import { ADMIN, COMMITTEE, choose, residentId, shot, signIn, watchConsole } from './support';

// The foundation, end to end through the real UI, core and encrypted database: first-run set-up,
// sign-in, registering a walk-in dispute, finding it again after a reload and after "quitting the app".

const withWrongCheck = (id: string) => `${id.slice(0, 17)}${id[17] === '1' ? '2' : '1'}`;

const APPLICANT_ID = residentId('33032719850312122'); // 1985-03-12, 17th digit even: female
const SUMMARY = '申请人与被申请人系楼上楼下邻居，因楼上卫生间漏水致楼下天花板受损，双方就维修费用协商未果。';

async function openCaseFromList(page: Page, caseNo: string) {
  await page.getByTestId('menu-cases').click();
  const row = page.getByTestId('case-table').locator('tr', { hasText: caseNo });
  await expect(row).toBeVisible();
  return row;
}

test('first run, sign-in, register a dispute, find it after reload and after restart', async ({ page }) => {
  const problems = watchConsole(page);
  let preview: RunningPreview | null = await startPreview();
  const dataDir = preview.dataDir;
  try {
    // ── First run: the set-up wizard ──────────────────────────────────────────────────────
    await page.goto(preview.url);
    await expect(page.getByTestId('setup-wizard')).toBeVisible();
    await page.getByTestId('setup-committee-name').fill(COMMITTEE);
    await expect(page.getByTestId('setup-committee-short-name')).toHaveValue('白沙');
    await page.getByTestId('setup-committee-code').fill('LG-BS-001');
    await shot(page, '01-setup-committee');
    await page.getByTestId('setup-next').click();

    await expect(page.getByTestId('setup-admin-form')).toBeVisible();
    await page.getByTestId('setup-admin-username').fill(ADMIN.username);
    await page.getByTestId('setup-admin-display-name').fill(ADMIN.displayName);
    await page.getByTestId('setup-admin-password').fill(ADMIN.password);
    await page.getByTestId('setup-admin-confirm').fill(`${ADMIN.password}x`);
    await page.getByTestId('setup-admin-confirm').blur();
    await expect(page.getByText('两次输入的密码不一致')).toBeVisible();
    await page.getByTestId('setup-admin-confirm').fill(ADMIN.password);
    await shot(page, '02-setup-admin');
    await page.getByTestId('setup-submit').click();

    const passphraseBox = page.getByTestId('recovery-passphrase');
    await expect(passphraseBox).toBeVisible();
    const passphrase = (await passphraseBox.innerText()).trim();
    expect(passphrase.length).toBeGreaterThan(10);
    await expect(page.getByTestId('setup-finish')).toBeDisabled();
    await shot(page, '03-setup-passphrase');
    await page.getByText('我已将恢复口令抄写在纸上并妥善保管').click();
    await page.getByTestId('setup-finish').click();

    // ── Sign in ───────────────────────────────────────────────────────────────────────────
    await expect(page.getByTestId('sign-in-form')).toBeVisible();
    await expect(page.getByText(COMMITTEE)).toBeVisible();
    await shot(page, '04-sign-in');
    await signIn(page);
    await expect(page.getByTestId('committee-name')).toHaveText(COMMITTEE);
    await expect(page.getByTestId('dashboard-greeting')).toContainText(ADMIN.displayName);
    await shot(page, '05-dashboard');

    // ── Register a dispute ────────────────────────────────────────────────────────────────
    await page.getByTestId('menu-cases').click();
    await expect(page.getByTestId('case-list-page')).toBeVisible();
    await expect(page.getByTestId('case-total')).toHaveText('共 0 件');
    await shot(page, '06-cases-empty');
    // Ctrl+N registers a new case from anywhere in the shell.
    await page.keyboard.press('Control+n');
    await expect(page.getByTestId('case-register-form')).toBeVisible();

    await choose(page, page.getByTestId('case-category'), '邻里');
    await choose(page, page.getByTestId('case-channel'), '法院委派（诉前）');
    await page.getByTestId('case-referral-body').fill('龙港市人民法院');
    await page.getByTestId('case-summary').fill(SUMMARY);
    await page.getByTestId('case-request-0').fill('被申请人修复漏水的卫生间防水层');
    await page.getByTestId('case-add-request').click();
    await page.getByTestId('case-request-1').fill('被申请人赔偿天花板维修费用');
    await page.getByTestId('case-amount').fill('3,280.50');

    await page.getByTestId('party-applicants-0-name').fill('陈静');
    const idInput = page.getByTestId('party-applicants-0-idNumber');
    await idInput.fill(withWrongCheck(APPLICANT_ID));
    await idInput.press('Tab');
    await expect(page.getByText('身份证号码第18位校验码不符，请核对')).toBeVisible();
    await shot(page, '07-register-id-error');
    await idInput.fill(APPLICANT_ID);
    await expect(page.getByText('身份证号码第18位校验码不符，请核对')).toHaveCount(0);
    // The ID fills in sex and birth date.
    await expect(page.getByTestId('party-applicants-0').getByRole('radio', { name: '女' })).toBeChecked();
    await expect(page.getByTestId('party-applicants-0').locator('.ant-picker input')).toHaveValue('1985年3月12日');
    await page.getByTestId('party-applicants-0-phone').fill('13857712345');
    await page.getByTestId('party-applicants-0-address').fill('龙港市白沙社区人民路88号402室');

    // A respondent with a name in two scripts and no document at hand.
    await page.getByTestId('party-respondents-0-name').fill('买买提·艾力');
    await choose(page, page.getByTestId('party-respondents-0-idType'), '无证件');
    await shot(page, '08-register-filled');

    // Enter that confirms an input-method candidate must not submit (keyCode 229, composing).
    const cdp = await page.context().newCDPSession(page);
    await page.getByTestId('party-respondents-0-name').focus();
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229, text: '\r',
    });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229 });
    await page.waitForTimeout(800);
    await expect(page.getByTestId('case-register-form')).toBeVisible();
    expect(page.url()).toContain('#/cases/new');

    await page.getByTestId('case-submit').click();
    await expect(page.getByTestId('case-detail')).toBeVisible();
    const caseNo = (await page.getByTestId('case-no').innerText()).trim();
    expect(caseNo).toMatch(/^（\d{4}）白沙人调字第\d{4,}号$/);
    await expect(page.getByText(`已登记，案件编号 ${caseNo}`)).toBeVisible();
    const detail = page.getByTestId('case-detail');
    await expect(detail.getByTestId('case-status').first()).toHaveText('已登记');
    await expect(detail.getByText('龙港市人民法院')).toBeVisible();
    await expect(detail.getByText('¥3,280.50')).toBeVisible();
    await expect(detail.getByTestId('case-requests').locator('li')).toHaveCount(2);
    await expect(detail.getByTestId('parties-applicant')).toContainText('陈静');
    await expect(detail.getByTestId('parties-applicant').getByTestId('party-id-number'))
      .toHaveText(`${APPLICANT_ID.slice(0, 4)}**********${APPLICANT_ID.slice(-4)}`);
    await expect(detail.getByTestId('parties-respondent')).toContainText('买买提·艾力');
    await expect(detail.getByTestId('parties-respondent').getByTestId('party-no-document')).toHaveText('未提供证件');
    await shot(page, '09-case-detail');

    // ── Listed, and still there after a reload ────────────────────────────────────────────
    let row = await openCaseFromList(page, caseNo);
    await expect(row).toContainText('陈静');
    await expect(row).toContainText('买买提·艾力');
    await expect(row).toContainText('邻里');
    await expect(page.getByTestId('case-total')).toHaveText('共 1 件');
    await shot(page, '10-cases-list');
    await page.reload();
    row = page.getByTestId('case-table').locator('tr', { hasText: caseNo });
    await expect(row).toBeVisible();
    await row.click();
    await expect(page.getByTestId('case-no')).toHaveText(caseNo);

    // ── 数据交换 opens on the committee's keys, asking for the office's; settings switch language and text size ───
    await page.getByTestId('menu-exchange').click();
    await expect(page.getByTestId('exchange-no-recipients')).toBeVisible();
    await shot(page, '11-exchange');
    await page.getByTestId('menu-settings').click();
    await expect(page.getByTestId('settings-page')).toBeVisible();
    await shot(page, '12-settings');
    await page.getByTestId('settings-large-text').click();
    await page.getByTestId('menu-cases').click();
    await expect(page.getByTestId('case-table').locator('tr', { hasText: caseNo })).toBeVisible();
    await shot(page, '13-cases-large-text');
    await page.getByTestId('case-register-button').click();
    await expect(page.getByTestId('case-register-form')).toBeVisible();
    await shot(page, '14-register-large-text');
    await page.getByTestId('menu-settings').click();
    await page.getByTestId('settings-large-text').click();
    await page.getByTestId('settings-language').getByText('English').click();
    await expect(page.getByTestId('menu-cases')).toHaveText('Cases');
    await page.getByTestId('menu-cases').click();
    await expect(page.getByTestId('case-table').locator('tr', { hasText: caseNo })).toContainText('Neighbours');
    await shot(page, '15-cases-english');
    await page.getByTestId('menu-settings').click();
    await page.getByTestId('settings-language').getByText('中文').click();
    await expect(page.getByTestId('menu-cases')).toHaveText('案件');

    // ── "Quit the app": a new server on the same data, opened with the recovery passphrase ──
    await preview.stop();
    preview = null;
    preview = await startPreview({ dataDir });
    await page.goto(preview.url);
    await expect(page.getByTestId('unlock-form')).toBeVisible();
    await page.getByTestId('unlock-passphrase').fill('这不是恢复口令');
    await page.getByTestId('unlock-submit').click();
    await expect(page.getByTestId('unlock-error')).toHaveText('恢复口令不正确，请对照纸上抄写的口令重新输入');
    await shot(page, '16-unlock-wrong');
    await page.getByTestId('unlock-passphrase').fill(passphrase);
    await page.getByTestId('unlock-submit').click();
    await signIn(page);
    row = await openCaseFromList(page, caseNo);
    await row.click();
    await expect(page.getByTestId('case-no')).toHaveText(caseNo);
    await expect(page.getByTestId('parties-applicant')).toContainText('陈静');
    await shot(page, '17-case-after-restart');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await expect(page.getByTestId('sign-in-form')).toBeVisible();

    expect(problems).toEqual([]);
  } finally {
    await preview?.stop();
  }
});
