import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { shanghaiDate } from '../../shared/domain/dates';
import { FINGERPRINT_PATTERN, packageFileName } from '../../shared/domain/exchange';
import { valueAt, type StatisticsReport } from '../../shared/domain/statistics';
import { PASSPHRASE } from '../support/db';
import { startPreview, type RunningPreview } from '../support/preview';
import { FIXTURE, statisticsFixture } from '../support/statistics-fixture';
import { rpc, shot, signInAs, watchConsole } from './support';

// Issue 6 end to end, two real previews side by side: the committee (the statistics fixture's database) and a fresh city
// office set up through the first-run screen. The committee admin sets the office's key and sees its fingerprint; office
// staff export a full package; the office pins the committee's signing key, imports the package, lists the committee at
// sequence 1, and its March figures equal the committee's own report. A copy with one byte flipped is refused.

const COMMITTEE_ADMIN = { username: 'admin', password: 'baisha-pass-2026', displayName: '王芳' };
const COMMITTEE_STAFF = { username: 'office', password: 'user-password-1', displayName: '郑洁' };
const CITY = { name: '龙港市公共法律服务中心' };
const CITY_ADMIN = { username: 'zhaozx', displayName: '赵主任', password: 'longgang-office-2026' };
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

/** What the form prints for a figure (statistics.spec.ts): rates as a percentage with 2 decimals, money in 万元 with 2. */
function shown(report: StatisticsReport, key: string): string {
  const v = valueAt(report, key);
  if (typeof v !== 'number') return '—';
  if (key.endsWith('rate')) return (Math.round(v * 10_000) / 100).toFixed(2);
  if (key === 'agreement_amount_wan') return v.toFixed(2);
  return String(v);
}

const match = async (page: Page, testId: string, re: RegExp): Promise<string> => {
  const text = (await page.getByTestId(testId).first().textContent()) ?? '';
  const m = re.exec(text);
  if (!m) throw new Error(`${testId}: no ${re} in “${text}”`);
  return m[0];
};
const FP = new RegExp(FINGERPRINT_PATTERN.source.slice(1, -1));

async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('sign-in-form')).toBeVisible();
}

test('a committee exports a package; the city office pins its key, imports it and compiles the month', async ({ page, context }) => {
  test.setTimeout(240_000);
  const f = await statisticsFixture();
  await f.core.close();
  const committee: RunningPreview = await startPreview({ dataDir: f.dir, env: { TIAOJIE_PASSPHRASE: PASSPHRASE } });
  const city: RunningPreview = await startPreview();
  const office = await context.newPage();
  const problems = watchConsole(page);
  const officeProblems = watchConsole(office);
  const work = mkdtempSync(join(tmpdir(), 'tiaojie-e2e-exchange-'));

  try {
    // ── The city office's first run: the mode choice, the office, its admin; its key shown with the fingerprint ─────
    await office.goto(city.url);
    await expect(office.getByTestId('setup-mode')).toContainText('本机为人民调解委员会');
    await office.getByTestId('setup-mode-office').click();
    await expect(office.getByTestId('office-setup-wizard')).toBeVisible();
    await office.getByTestId('office-setup-name').fill(CITY.name);
    await office.getByTestId('setup-next').click();
    await office.getByTestId('setup-admin-username').fill(CITY_ADMIN.username);
    await office.getByTestId('setup-admin-display-name').fill(CITY_ADMIN.displayName);
    await office.getByTestId('setup-admin-password').fill(CITY_ADMIN.password);
    await office.getByTestId('setup-admin-confirm').fill(CITY_ADMIN.password);
    await office.getByTestId('setup-submit').click();
    await expect(office.getByTestId('office-setup-key')).toContainText('age1');
    await office.getByText('我已将恢复口令抄写在纸上并妥善保管').click();
    await office.getByTestId('setup-finish').click();
    await signInAs(office, CITY_ADMIN);
    await expect(office.getByTestId('office-name')).toHaveText(CITY.name);
    await expect(office.getByTestId('menu-office-committees')).toHaveText('委员会');
    const recipient = await match(office, 'office-recipient', /age1[0-9a-z]+/);
    const officeFingerprint = await match(office, 'office-recipient-fingerprint', FP);

    // ── The committee admin sets the office as recipient and reads back its fingerprint ──────────────────────────
    await page.goto(committee.url);
    await signInAs(page, COMMITTEE_ADMIN);
    await page.getByTestId('menu-exchange').click();
    await expect(page.getByTestId('exchange-no-recipients')).toBeVisible();
    await expect(page.getByTestId('exchange-export-start')).toBeDisabled();
    await page.getByTestId('exchange-recipients-input').fill(recipient);
    await page.getByTestId('exchange-recipients-save').click();
    await expect(page.getByTestId('exchange-recipient-fingerprint')).toHaveText(officeFingerprint);
    const signingPem = await page.getByTestId('exchange-signing-pem').inputValue();
    expect(signingPem).toContain('-----BEGIN PUBLIC KEY-----');
    const signingFingerprint = await match(page, 'exchange-signing-fingerprint', FP);
    const own = await rpc<StatisticsReport>(page, 'stats:report', MARCH);
    await signOut(page);

    // ── Office staff export the full package: progress, then the download named as EXCHANGE.md says ─────────────
    await signInAs(page, COMMITTEE_STAFF);
    await page.getByTestId('menu-exchange').click();
    await expect(page.getByTestId('exchange-recipients')).toContainText('接收方公钥由管理员设置');
    const fileName = packageFileName(FIXTURE.committee.code, 1, shanghaiDate());
    await expect(page.getByTestId('exchange-next-file')).toHaveText(`文件名：${fileName}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('exchange-export-start').click()]);
    expect(download.suggestedFilename()).toBe(fileName);
    const pkg = join(work, fileName);
    await download.saveAs(pkg);
    await expect(page.getByTestId('exchange-export-done')).toContainText(`数据包已导出：${fileName}`);
    const history = page.getByTestId('exchange-history').locator('tbody tr.ant-table-row');
    await expect(history).toHaveCount(1);
    await expect(history.first()).toContainText(fileName);
    await expect(history.first().locator('td').first()).toHaveText('1');
    await expect(history.first()).toContainText('完整');
    await shot(page, 'exchange-committee');

    // ── The office pins the committee's signing key; the fingerprint read aloud matches ──────────────────────────
    await office.getByTestId('office-register-code').fill(FIXTURE.committee.code);
    await office.getByTestId('office-register-name').fill(FIXTURE.committee.name);
    await office.getByTestId('office-register-pem').fill(signingPem);
    await office.getByTestId('office-register-submit').click();
    await expect(office.getByTestId('office-register-done')).toContainText(signingFingerprint);
    const row = office.getByTestId('office-committee-list').locator(`tr[data-code="${FIXTURE.committee.code}"]`);
    await expect(row.getByTestId('office-committee-fingerprint')).toHaveText(signingFingerprint);
    await expect(row).toContainText('尚未导入');

    // ── Import the downloaded package through the file chooser ───────────────────────────────────────────────────
    await office.getByTestId('menu-office-import').click();
    const [chooser] = await Promise.all([office.waitForEvent('filechooser'), office.getByText('点击或将数据包拖到此处').click()]);
    await chooser.setFiles(pkg);
    const applied = office.getByTestId('office-import-applied');
    await expect(applied).toHaveCount(1);
    await expect(applied).toContainText(`${fileName}：已导入（${FIXTURE.committee.code} 第 1 号）`);
    await expect(applied.locator('[data-file="cases.ndjson"]')).toContainText(`案件 ${FIXTURE.cases.length}/${FIXTURE.cases.length}`);
    await expect(office.getByTestId('office-receipts').locator('tbody tr.ant-table-row')).toHaveCount(1);
    await shot(office, 'office-import');

    // ── A copy with one byte flipped is refused, with its reason, and nothing is written ─────────────────────────
    const bytes = readFileSync(pkg);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] ^= 0x01;
    await office.getByTestId('office-import-another').click();
    const [chooser2] = await Promise.all([office.waitForEvent('filechooser'), office.getByText('点击或将数据包拖到此处').click()]);
    await chooser2.setFiles({ name: `副本-${fileName}`, mimeType: 'application/octet-stream', buffer: bytes });
    const refused = office.getByTestId('office-import-refused');
    await expect(refused).toHaveAttribute('data-refusal', 'damaged');
    await expect(refused).toContainText(`副本-${fileName}：未导入`);
    await expect(office.getByTestId('office-import-refused-message')).toContainText('数据包已损坏');
    // Named as it was chosen, not by the upload's temp file.
    await expect(office.getByTestId('office-import-refused-message')).toContainText(`（文件 副本-${fileName}）`);
    await expect(office.getByTestId('office-import-applied')).toHaveCount(0);
    await expect(office.getByTestId('office-receipts').locator('tbody tr.ant-table-row')).toHaveCount(1);
    await shot(office, 'office-import-refused');

    // ── 委员会: listed with sequence 1 and its package's date ──────────────────────────────────────────────────────
    await office.getByTestId('menu-office-committees').click();
    await expect(row.getByTestId('office-committee-sequence')).toHaveText('1');
    await expect(row).toContainText('第 1 号');
    await expect(row).not.toContainText('尚未导入');
    await shot(office, 'office-committees');

    // ── 全市统计 for March: the committee's row and the total equal the committee's own report ─────────────────────
    await office.getByTestId('menu-office-stats').click();
    const month = office.getByTestId('office-stats-month');
    await month.click();
    await month.fill('2026年3月');
    await office.keyboard.press('Enter');
    await expect(office.getByTestId('stats-form-period')).toContainText('2026年3月');
    const rows = office.getByTestId('stats-form-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0).locator('th')).toHaveText(FIXTURE.committee.name);
    await expect(rows.nth(1).locator('th')).toHaveText('合计');
    const form = office.getByTestId('stats-form');
    const keys = [...new Set(await form.locator('[data-figure]').evaluateAll((els) => els.map((e) => e.getAttribute('data-figure')!)))];
    expect(keys).toContain('accepted');
    expect(keys).toContain('success_rate');
    expect(own.accepted).toBeGreaterThan(0);
    for (const key of keys) {
      const cells = form.locator(`[data-figure="${key}"]`);
      const want = new RegExp(`^${shown(own, key).replace('.', '\\.')}( %)?$`);
      for (let i = 0; i < (await cells.count()); i += 1) await expect(cells.nth(i), key).toHaveText(want);
    }
    await expect(office.getByTestId('office-stats-consistent')).toBeVisible();
    await expect(office.getByTestId('office-stats-differences')).toHaveCount(0);
    const [xlsx] = await Promise.all([office.waitForEvent('download'), office.getByTestId('office-stats-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString('latin1')).toBe('PK');
    await shot(office, 'office-stats');

    expect([...problems, ...officeProblems]).toEqual([]);
  } finally {
    await committee.stop();
    await city.stop();
  }
});
