import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { addDays, shanghaiDate } from '../../shared/domain/dates';
import { startPreview, type RunningPreview } from '../support/preview';
import { firstPagePng, inspectPdf, pageToPdf, startDocServer } from '../support/pdf';
import { choose, imeEnter, newCommitteeSignedIn, SCREENS, shot, watchConsole } from './support';

// One case carried through its whole life on the case page, as a mediator would: registered,
// accepted, a volunteer who turns out to share the applicant's name withdraws, a mediation meeting,
// a written agreement, judicial confirmation applied for, a follow-up, closing and archiving.

const APPLICANT = '陈静';
const DOCS = join(import.meta.dirname, '../../test-results/documents');
/** A 2×2 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4IiYDRAwQCgAdlgPZqN1lOwAAAABJRU5ErkJggg==';
const RESPONDENT = '李伟';
const n = (i: number) => String(i).padStart(2, '0');

// Only this run's screenshots: the numbering changes when steps do.
for (const f of readdirSync(SCREENS)) if (f.startsWith('lifecycle-')) rmSync(join(SCREENS, f));

/** The page's lifecycle: the status tag and the current step of the Steps. */
async function expectStage(page: Page, status: string, step: number) {
  const detail = page.getByTestId('case-detail');
  await expect(detail.getByTestId('case-status').first()).toHaveText(status);
  await expect(page.getByTestId('case-lifecycle')).toHaveAttribute('data-current', String(step));
}

/** Calls the core the way the page does (the preview's RPC), for data the test needs but does not walk through. */
async function rpc(page: Page, channel: string, input: unknown): Promise<unknown> {
  return page.evaluate(async ({ channel, input }) => {
    const token = document.querySelector('meta[name="tiaojie-token"]')?.getAttribute('content') ?? '';
    const r = await fetch(`./rpc/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tiaojie-token': token }, body: JSON.stringify(input) });
    const body = (await r.json()) as { ok: boolean; value?: unknown; error?: unknown };
    if (!body.ok) throw new Error(JSON.stringify(body.error));
    return body.value;
  }, { channel, input });
}

test('a case from registration to archive, run from the case page', async ({ page }) => {
  const problems = watchConsole(page);
  const preview: RunningPreview = await startPreview();
  let step = 0;
  const snap = (name: string) => shot(page, `lifecycle-${n(++step)}-${name}`);
  try {
    await newCommitteeSignedIn(page, preview.url);

    // ── Register ──────────────────────────────────────────────────────────────────────────
    await page.keyboard.press('Control+n');
    await expect(page.getByTestId('case-register-form')).toBeVisible();
    await choose(page, page.getByTestId('case-category'), '邻里');
    await choose(page, page.getByTestId('case-channel'), '当事人申请');
    await page.getByTestId('case-summary').fill('楼上住户夜间噪音影响楼下休息，双方多次争吵。');
    await page.getByTestId('case-request-0').fill('被申请人停止夜间噪音');
    await page.getByTestId('party-applicants-0-name').fill(APPLICANT);
    await page.getByTestId('party-respondents-0-name').fill(RESPONDENT);
    await choose(page, page.getByTestId('party-respondents-0-idType'), '无证件');
    await page.getByTestId('case-submit').click();
    await expect(page.getByTestId('case-detail')).toBeVisible();
    await expectStage(page, '已登记', 0);
    const actions = page.getByTestId('case-actions');
    await expect(actions.getByRole('button')).toHaveText(['受理', '不予受理']);
    await snap('registered');

    // ── 受理 ──────────────────────────────────────────────────────────────────────────────
    await page.getByTestId('action-accept').click();
    const accept = page.getByTestId('accept-modal');
    await expect(accept.locator('.ant-picker input')).toHaveValue(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    await expect(page.getByTestId('accept-lead')).toContainText('王调解');
    await page.getByTestId('accept-modal-ok').click();
    await expectStage(page, '已受理', 1);
    await expect(page.getByTestId('case-progress')).toContainText('调解期限');
    await expect(actions.getByRole('button')).toHaveText(['开始调解', '延长调解期限']);
    await snap('accepted');

    // ── A volunteer with the applicant's name: the conflict check needs a decision ─────────
    await page.getByTestId('tab-team').click();
    await page.getByTestId('member-add').click();
    await choose(page, page.getByTestId('member-role'), '志愿者');
    await page.getByTestId('member-name').fill(APPLICANT);
    await page.getByTestId('member-modal-ok').click();
    const conflict = page.getByTestId('conflict-modal');
    await expect(conflict).toBeVisible();
    await expect(conflict.getByTestId('conflict-hit')).toContainText(['姓名相同']);
    await expect(conflict.getByTestId('conflict-hit')).toContainText([`当事人：${APPLICANT}`]);
    // A decision is required: no cancel, no close button, Esc does nothing.
    await expect(page.locator('.ant-modal-close')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(conflict).toBeVisible();
    await snap('conflict');
    await conflict.getByTestId('conflict-decision').getByText('回避（退出本案调解）').click();
    await expect(conflict.getByTestId('conflict-reason')).not.toBeEmpty();
    await page.getByTestId('conflict-modal-ok').click();
    await expect(conflict).toBeHidden();
    await expect(page.getByTestId('pending-alerts')).toHaveCount(0);
    await expect(page.getByTestId('team-removed')).toContainText(`${APPLICANT}（志愿者）于`);
    await expect(page.getByTestId('conflict-checks')).toContainText('已回避');
    await expect(page.getByTestId('team-members')).not.toContainText(APPLICANT);
    await snap('team');

    // ── 调解记录: the first meeting puts the case in mediation ──────────────────────────
    await page.getByTestId('tab-records').click();
    await page.getByTestId('record-add-mediation').click();
    const record = page.getByTestId('record-modal');
    await record.getByTestId('record-place').fill('白沙社区调解室');
    // Enter confirming an input-method candidate must not submit the form.
    await imeEnter(page, record.getByTestId('record-place'));
    await page.waitForTimeout(300);
    await expect(record).toBeVisible();
    await record.getByTestId('record-subject').fill('双方就夜间噪音问题进行调解');
    await expect(record.getByTestId('record-parties').getByRole('checkbox')).toHaveCount(2);
    await record.getByTestId('record-content').fill('调解员告知双方权利义务；申请人陈述夜间噪音情况，被申请人表示愿意改正。');
    await record.getByTestId('record-result').fill('达成书面协议');
    await snap('record-modal');
    await page.getByTestId('record-modal-ok').click();
    await expect(record).toBeHidden();
    await expectStage(page, '调解中', 2);
    await expect(page.getByTestId('records-tab')).toContainText('白沙社区调解室');
    await expect(page.getByTestId('tab-records')).toContainText('（1）');

    // ── 附件: a photo kept in the database, shown from a blob: URL (allowed by the CSP for images) ──
    await page.getByTestId('tab-attachments').click();
    await page.getByTestId('attachment-note').fill('现场照片');
    await page.getByTestId('attachment-file').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: Buffer.from(PNG, 'base64') });
    const attachments = page.getByTestId('attachments');
    await expect(attachments).toContainText('现场照片.png');
    await attachments.getByRole('button', { name: '查看' }).click();
    const photo = page.getByTestId('attachment-preview').locator('img');
    await expect(photo).toHaveAttribute('src', /^blob:/);
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);
    await page.keyboard.press('Escape');
    await expect(photo).toBeHidden();

    // ── 调结: a written agreement with two terms ─────────────────────────────────────────
    await page.getByTestId('action-conclude').click();
    const conclude = page.getByTestId('conclude-modal');
    await conclude.getByTestId('conclude-outcome').getByText('调解成功', { exact: true }).click();
    await conclude.getByTestId('conclude-form').getByText('书面协议', { exact: true }).click();
    await conclude.getByTestId('conclude-term-0').fill('被申请人自即日起晚上十时后不再进行产生噪音的活动');
    await conclude.getByTestId('conclude-add-term').click();
    await conclude.getByTestId('conclude-term-1').fill('被申请人向申请人赔偿精神损失费五百元');
    await conclude.getByTestId('conclude-amount').fill('500');
    await conclude.getByTestId('conclude-method').fill('现金当面支付');
    await snap('conclude-modal');
    await page.getByTestId('conclude-modal-ok').click();
    await expect(conclude).toBeHidden();
    await expectStage(page, '达成协议', 3);
    const agreement = page.getByTestId('case-agreement');
    await expect(agreement.getByTestId('agreement-terms')).toContainText('一、被申请人自即日起晚上十时后不再进行产生噪音的活动');
    await expect(agreement.getByTestId('agreement-terms')).toContainText('二、被申请人向申请人赔偿精神损失费五百元');
    await expect(agreement).toContainText('¥500.00');
    await expect(agreement.getByTestId('agreement-performance')).toHaveText('履行中');
    await expect(agreement.getByTestId('agreement-jc-status')).toHaveText('未申请');
    await expect(page.getByTestId('action-close')).toBeDisabled();
    // Each term is performed on its own: the first done, the agreement is still being performed.
    await choose(page, agreement.getByTestId('term-performance-0'), '已履行');
    await expect(agreement.getByTestId('term-performance-0')).toContainText('已履行');
    await expect(agreement.getByTestId('agreement-performance')).toHaveText('履行中');
    await snap('agreed');

    // ── 司法确认: applied ─────────────────────────────────────────────────────────────────
    await page.getByTestId('action-jc').click();
    await expect(page.getByTestId('jc-modal')).toContainText('申请期限');
    await page.getByTestId('jc-modal-ok').click();
    await expect(agreement.getByTestId('agreement-jc-status')).toHaveText('已申请');
    await expect(page.getByTestId('action-jc')).toHaveText('登记司法确认结果');

    // ── 回访: performed, satisfied ────────────────────────────────────────────────────────
    await page.getByTestId('action-followup').click();
    const followup = page.getByTestId('followup-modal');
    await followup.getByTestId('followup-performance').getByText('已履行', { exact: true }).click();
    await followup.getByTestId('followup-satisfaction').getByText('满意', { exact: true }).click();
    await followup.getByTestId('followup-notes').fill('被申请人已按协议履行，双方关系缓和，申请人表示满意。');
    await page.getByTestId('followup-modal-ok').click();
    await expect(followup).toBeHidden();
    await expect(agreement.getByTestId('agreement-performance')).toHaveText('已履行');
    await expect(page.getByTestId('case-followups')).toContainText('满意');
    await expect(page.getByTestId('action-close')).toBeEnabled();
    await snap('followed-up');

    // ── 结案, 归档 ────────────────────────────────────────────────────────────────────────
    await page.getByTestId('action-close').click();
    await page.getByTestId('close-modal-ok').click();
    await expectStage(page, '已结案', 4);
    await snap('closed');
    await page.getByTestId('action-archive').click();
    const archive = page.getByTestId('archive-modal');
    await archive.getByTestId('archive-retention').getByText('10年', { exact: true }).click();
    await page.getByTestId('archive-modal-ok').click();
    await expect(archive).toBeHidden();
    await expectStage(page, '已归档', 5);
    await expect(page.getByTestId('case-lifecycle')).toHaveAttribute('data-state', 'finish');
    await expect(page.getByTestId('case-actions')).toHaveCount(0);
    await expect(page.getByTestId('case-progress')).toContainText('10年');
    await snap('archived');

    // ── The history lists every action, with its before and after ─────────────────────────
    await page.getByTestId('tab-history').click();
    const history = page.getByTestId('history-timeline');
    for (const action of ['登记纠纷', '受理', '添加调解人员', '回避审查决定', '填写调解记录', '调结：调解成功', '司法确认', '回访', '结案', '归档']) {
      await expect(history.getByText(action, { exact: true }).first()).toBeVisible();
    }
    await expect(history.locator('[data-action="case.accept"]')).toContainText('状态：已登记');
    await expect(history.locator('[data-action="case.accept"]')).toContainText('已受理');
    await expect(history.locator('[data-action="case.archive"]')).toContainText('保管期限：—');
    await expect(history.locator('[data-action="case.member.add"]')).toContainText(`${APPLICANT}（志愿者）`);
    await expect(history.locator('[data-action="case.conflict.decide"]')).toContainText(`${APPLICANT}：已回避`);
    await expect(page.getByTestId('history-chain-broken')).toHaveCount(0);
    await snap('history');

    // ── 文书: the agreement as it prints, from the case itself; its PDF's first page as PNG ──
    await page.getByTestId('tab-documents').click();
    await expect(page.getByTestId('document-select')).toContainText('人民调解协议书');
    // Read from the frame's source: the sandboxed frame runs no script, not even a test's.
    const frameEl = page.getByTestId('document-frame');
    await expect(frameEl).toHaveAttribute('srcdoc', /人民调解协议书/);
    await expect(frameEl).toHaveAttribute('srcdoc', /经调解，自愿达成如下协议：/);
    await expect(frameEl).toHaveAttribute('srcdoc', /被申请人向申请人赔偿精神损失费五百元/);
    // The respondent came without a document: the file still lacks that item, and only that one.
    await expect(page.getByTestId('file-missing')).toContainText('3. 当事人身份证明');
    await expect(page.getByTestId('file-missing').locator('.ant-tag')).toHaveCount(1);
    await snap('documents');
    const html = await frameEl.getAttribute('srcdoc');
    const docs = await startDocServer();
    const printer = await page.context().newPage();
    try {
      // The same HTML, fonts beside it as in the app (dist/renderer/fonts ↔ /fonts/).
      const pdf = await pageToPdf(printer, docs.put('agreement', html!.replaceAll('./fonts/', '../fonts/')));
      mkdirSync(DOCS, { recursive: true });
      const file = join(DOCS, 'e2e-agreement.pdf');
      writeFileSync(file, pdf);
      const facts = await inspectPdf(file);
      expect(facts.size[0]).toBeCloseTo(595, 0);
      expect(facts.fonts.length).toBeGreaterThan(0);
      expect(facts.fonts.every((f) => f.emb)).toBe(true);
      expect(facts.text).toContain('被申请人自即日起晚上十时后不再进行产生噪音的活动');
      expect(facts.text).toContain(APPLICANT);
      await firstPagePng(file, SCREENS, `lifecycle-${n(++step)}-agreement-pdf`);
    } finally {
      await printer.close();
      await docs.close();
    }

    // ── 工作台: an overdue case of mine, listed first with its red tag ─────────────────────
    const today = shanghaiDate();
    const { id: overdueId } = await rpc(page, 'cases:create', {
      category: 'contract', channel: 'application', summary: '拖欠装修款纠纷', registeredOn: addDays(today, -40),
      parties: [{ role: 'applicant', name: '周平' }, { role: 'respondent', name: '吴刚' }],
    }) as { id: number };
    await rpc(page, 'cases:accept', { caseId: overdueId, acceptedOn: addDays(today, -40) });
    await page.getByTestId('menu-dashboard').click();
    const overdue = page.getByTestId('todo-overdue');
    await expect(overdue.getByTestId('todo-overdue-count')).toHaveText('1');
    await expect(overdue.getByTestId('todo-overdue-item')).toContainText('周平');
    await expect(overdue.getByTestId('todo-mine')).toHaveText('我的');
    await expect(overdue.locator('[data-urgency="overdue"]')).toHaveText('已超期10天');
    await expect(page.getByTestId('todo-dueThisWeek-count')).toHaveText('0');
    await snap('dashboard');

    // ── Search (Ctrl+K): a 2-character name, its pinyin initials; an IME Enter never searches ──
    await page.keyboard.press('Control+k');
    const search = page.getByTestId('case-search').locator('input');
    await expect(search).toBeFocused();
    await search.fill('cj');
    await search.press('Enter');
    await expect(page.getByTestId('case-total')).toContainText('1');
    await expect(page.getByTestId('case-table')).toContainText(APPLICANT);
    await expect(page.getByTestId('case-table')).not.toContainText('周平');
    await search.fill('周平');
    await imeEnter(page, search);
    await expect(page.getByTestId('case-table')).toContainText(APPLICANT); // the composition Enter did not search
    await search.press('Enter');
    await expect(page.getByTestId('case-table')).toContainText('周平');
    await expect(page.getByTestId('case-table')).not.toContainText(APPLICANT);
    await snap('search');

    // ── Large text: the case page of the overdue case, and the retention list ─────────────
    await page.getByTestId('menu-settings').click();
    await expect(page.getByTestId('retention-due')).toContainText('没有保管期满的卷宗');

    // ── 人员: a lawyer and the kin he declares, which the conflict check will read ─────────
    await page.getByTestId('person-add').click();
    const person = page.getByTestId('person-modal');
    await person.getByTestId('person-name').fill('周律');
    await person.getByText('律师', { exact: true }).click();
    // The modal's own button: the settings page has other 保存 buttons (weekly hours, reminders).
    await person.getByRole('button', { name: '保存', exact: true }).click();
    await expect(person).toBeHidden();
    const row = page.getByTestId('people-card').getByRole('row', { name: /周律/ });
    await row.getByRole('button').click();
    const relations = page.getByTestId('relations-modal');
    await choose(page, relations.locator('.ant-select'), '亲属');
    await relations.getByPlaceholder('对方姓名').fill('吴刚');
    await relations.getByRole('button', { name: /登记/ }).click();
    await expect(relations.getByRole('cell', { name: '吴刚' })).toBeVisible();
    await snap('people-relations');
    await page.keyboard.press('Escape');
    await expect(row).toContainText('1 项');
    await page.getByTestId('settings-large-text').click();
    await page.getByTestId('menu-dashboard').click();
    await page.getByTestId('todo-overdue-item').click();
    await expectStage(page, '已受理', 1);
    await expect(page.getByTestId('case-due-tag')).toHaveText('已超期10天');
    await snap('large-text-case');
    await page.getByTestId('menu-settings').click();
    await page.getByTestId('settings-large-text').click();

    expect(problems).toEqual([]);
  } finally {
    await preview.stop();
  }
});
