import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { createUser } from '../../electron/core/accounts/accounts';
import { AppCore } from '../../electron/core/app/app-core';
import { DB_FILE } from '../../electron/core/app/paths';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { newSession } from '../../electron/ipc/session';
import { addDays, formatDateZh, shanghaiDate } from '../../shared/domain/dates';
import type { Channel, Input, Output } from '../../shared/ipc/contract';
import { startPreview, type RunningPreview } from '../support/preview';
import { ADMIN, COMMITTEE, SCREENS, pick, pickDate, rpc, shot, watchConsole } from './support';

// A legal-aid volunteer schedules mediation meetings (issue 4): meeting A for one case in 第一调解室,
// then meeting B for another case in the same room at an overlapping time. The clash is shown before
// anything is saved, naming meeting A's case number and time; B moves to the hour before A (ending
// exactly when A starts, which is no clash) and saves without a reason. In the week view B is dragged
// to a free slot, then onto A (the clash asks for a reason; 放弃 puts it back), and B's .ics is exported.

const PASSPHRASE = 'e2e-scheduling-白沙-2026';
const VOLUNTEER = { username: 'linxy', displayName: '林晓雨', password: 'volunteer-2026-baisha' };

/**
 * There is no screen to add user accounts yet, so the committee, the volunteer's account, two cases
 * with their teams and parties are made before the preview starts, through the same core: the set-up
 * and `createUser` the integration tests use, then the dispatcher as the admin. The preview is then
 * unlocked from the environment (TIAOJIE_PASSPHRASE), as the CLI is.
 */
async function prepare(dataDir: string) {
  const core = new AppCore(join(dataDir, DB_FILE));
  try {
    await core.setup({ passphrase: PASSPHRASE, committee: { name: COMMITTEE, code: 'LG-BS-001', type: 'residential' }, admin: ADMIN });
    await core.db.transaction((tx) => createUser(tx, { ...VOLUNTEER, role: 'volunteer', professions: ['volunteer'] }, new Date(), null));
    const dispatch = createDispatcher(core);
    const session = newSession();
    const call = async <C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> => {
      const r = await dispatch(session, channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.value as Output<C>;
    };
    const admin = await call('auth:signIn', { username: ADMIN.username, password: ADMIN.password });
    const people = await call('people:list', {});
    const volunteerId = people.find((p) => p.name === VOLUNTEER.displayName)!.id;
    const zhao = (await call('people:create', { name: '赵建国', professions: ['mediator'] })).id;

    const a = await call('cases:create', {
      category: 'neighbour', channel: 'application', summary: '楼上住户夜间噪音影响楼下休息，双方多次争吵。',
      leadMediatorId: admin.personId!, parties: [
        { role: 'applicant', name: '陈静', phone: '13912345678' },
        { role: 'respondent', name: '李伟', phone: '13812345678' },
      ],
    });
    const b = await call('cases:create', {
      category: 'property_management', channel: 'application', summary: '业主与物业公司就停车费收取标准发生争议。',
      leadMediatorId: zhao, parties: [
        { role: 'applicant', name: '张敏', phone: '13712345678' },
        { role: 'respondent', name: '王强', phone: '13612345678' },
      ],
    });
    // The volunteer helps on both cases' teams.
    for (const c of [a, b]) await call('cases:addMember', { caseId: c.id, role: 'volunteer', personId: volunteerId });
    return { a, b };
  } finally {
    await core.close();
  }
}

/** Drags a calendar event so that the point grabbed lands on a slot of the week view. */
async function dragTo(page: Page, event: Locator, day: string, time: string) {
  const from = (await event.boundingBox())!;
  const column = (await page.locator(`td.fc-timegrid-col[data-date="${day}"]`).boundingBox())!;
  const slot = (await page.locator(`td.fc-timegrid-slot-lane[data-time="${time}:00"]`).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + 6);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + 20, { steps: 4 });
  await page.mouse.move(column.x + column.width / 2, slot.y + 6, { steps: 12 });
  await page.mouse.up();
}

interface Meeting { id: number; uid: string; startsAt: string; endsAt: string; caseNo: string }

test('a volunteer schedules meetings, meets a room clash, moves the meeting and exports it', async ({ page }) => {
  const problems = watchConsole(page);
  const dataDir = mkdtempSync(join(tmpdir(), 'tiaojie-e2e-'));
  const { a, b } = await prepare(dataDir);
  const preview: RunningPreview = await startPreview({ dataDir, env: { TIAOJIE_PASSPHRASE: PASSPHRASE } });

  // Wednesday of next week: always ahead, and one week view holds both meetings.
  const today = shanghaiDate();
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay() || 7;
  const day = addDays(today, 8 - weekday + 2);
  const dayZh = formatDateZh(day);

  try {
    await page.goto(preview.url);
    await expect(page.getByTestId('sign-in-form')).toBeVisible();
    await page.getByTestId('sign-in-username').fill(VOLUNTEER.username);
    await page.getByTestId('sign-in-password').fill(VOLUNTEER.password);
    await page.getByTestId('sign-in-submit').click();
    await expect(page.getByTestId('user-role')).toHaveText('法律援助志愿者');

    // ── 场所: the volunteer adds 第一调解室 in 设置 (schedule.write) ───────────────────────
    await page.getByTestId('menu-settings').click();
    await page.getByTestId('venue-add').click();
    const venueModal = page.getByTestId('venue-modal');
    await venueModal.getByTestId('venue-name').fill('第一调解室');
    await venueModal.getByTestId('venue-capacity').fill('8');
    await page.getByTestId('venue-save').click();
    await expect(venueModal).toBeHidden();
    await expect(page.getByTestId('venues-card')).toContainText('第一调解室');

    const openCase = async (caseNo: string) => {
      await page.getByTestId('menu-cases').click();
      await page.getByTestId('case-table').locator('tr', { hasText: caseNo }).click();
      await expect(page.getByTestId('case-no')).toHaveText(caseNo);
    };
    const modal = page.getByTestId('meeting-modal');
    const check = modal.getByTestId('meeting-check');

    // ── Meeting A: case A, 09:00–10:30 in 第一调解室 ─────────────────────────────────────────
    await openCase(a.caseNo);
    // A volunteer schedules but does not run the case: no lifecycle actions, 安排会议 is there.
    await expect(page.getByTestId('case-actions')).toHaveCount(0);
    await expect(page.getByTestId('case-meetings-empty')).toHaveText('还没有安排会议');
    await page.getByTestId('meeting-add').click();
    await expect(modal).toBeVisible();
    await expect(modal.getByTestId('meeting-case-fixed')).toContainText(a.caseNo);
    // The lead mediator is invited, the volunteer is offered; every party is invited.
    await expect(modal.getByTestId('meeting-people').getByRole('checkbox', { checked: true })).toHaveCount(1);
    await expect(modal.getByTestId('meeting-people')).toContainText('林晓雨（志愿者）');
    await expect(modal.getByTestId('meeting-parties').getByRole('checkbox', { checked: true })).toHaveCount(2);
    await pickDate(page, modal.getByTestId('meeting-date'), day);
    await pick(page, modal.getByTestId('meeting-start'), '09:00');
    await pick(page, modal.getByTestId('meeting-end'), '10:30');
    await pick(page, modal.getByTestId('meeting-venue'), '第一调解室');
    await modal.getByTestId('meeting-purpose').locator('input').fill('首次调解');
    await expect(check).toHaveAttribute('data-state', 'clear');
    await page.getByTestId('meeting-modal-ok').click();
    await expect(modal).toBeHidden();
    await expect(page.getByTestId('case-meetings-table')).toContainText('09:00–10:30');
    await expect(page.getByTestId('case-meetings-table')).toContainText('第一调解室');

    // ── Meeting B: case B, same room, 10:00–11:00: the clash names meeting A ─────────────────
    await openCase(b.caseNo);
    await page.getByTestId('meeting-add').click();
    await expect(modal.getByTestId('meeting-case-fixed')).toContainText(b.caseNo);
    await pickDate(page, modal.getByTestId('meeting-date'), day);
    await pick(page, modal.getByTestId('meeting-start'), '10:00');
    await pick(page, modal.getByTestId('meeting-end'), '11:00');
    await pick(page, modal.getByTestId('meeting-venue'), '第一调解室');
    await expect(check).toHaveAttribute('data-state', 'clashes');
    const clash = check.getByTestId('clash-item');
    await expect(clash).toHaveCount(1);
    await expect(clash).toHaveAttribute('data-kind', 'room_busy');
    await expect(clash).toContainText('场所冲突');
    await expect(clash).toContainText(a.caseNo);
    await expect(clash).toContainText(`${dayZh} 周三 09:00–10:30`);
    // The window as the volunteer sees it (a full-page shot cuts a modal at the viewport).
    await page.screenshot({ path: `${SCREENS}/schedule-clash.png` });

    // Saving anyway needs a reason: nothing is written without one.
    await page.getByTestId('meeting-modal-ok').click();
    const decide = page.getByTestId('clash-modal');
    await expect(decide).toBeVisible();
    await expect(decide.getByTestId('clash-item')).toContainText(a.caseNo);
    await page.getByTestId('clash-override').click();
    await expect(decide).toContainText('请填写仍然安排的理由');
    await page.getByTestId('clash-abandon').click();
    await expect(decide).toBeHidden();
    expect(await rpc<Meeting[]>(page, 'schedule:range', { caseId: b.id, from: `${day}T00:00:00+08:00`, to: `${day}T23:59:00+08:00` })).toHaveLength(0);

    // 08:00–09:00 ends exactly when A starts: touching is not overlapping, so no warning and no reason.
    await pick(page, modal.getByTestId('meeting-start'), '08:00');
    await expect(modal.getByTestId('meeting-end')).toContainText('09:00');
    await expect(check).toHaveAttribute('data-state', 'clear');
    await expect(check).toContainText('这个时间没有冲突');
    await page.getByTestId('meeting-modal-ok').click();
    await expect(modal).toBeHidden();
    await expect(page.getByTestId('clash-modal')).toHaveCount(0);
    const [meetingB] = await rpc<Meeting[]>(page, 'schedule:range', { caseId: b.id, from: `${day}T00:00:00+08:00`, to: `${day}T23:59:00+08:00` });
    expect(meetingB.startsAt).toBe(new Date(`${day}T08:00:00+08:00`).toISOString());
    await expect(page.getByTestId('case-meetings-table')).toContainText('08:00–09:00');

    // ── The week view: both meetings, Monday first, 24-hour times ──────────────────────────────
    await page.getByTestId(`case-meeting-show-${meetingB.id}`).click();
    await expect(page.getByTestId('schedule-page')).toBeVisible();
    const drawer = page.getByTestId('meeting-drawer');
    const closeDrawer = async () => {
      await expect(drawer.getByTestId('meeting-time')).toBeVisible();
      await page.locator('.ant-drawer-close').click();
      await expect(drawer).toHaveCount(0);
    };
    await expect(drawer.getByTestId('meeting-time')).toContainText(`${dayZh} 周三 08:00–09:00`);
    await expect(drawer.getByTestId('meeting-venue')).toContainText('第一调解室');
    await closeDrawer();
    const calendar = page.getByTestId('schedule-calendar');
    await expect(calendar).toHaveAttribute('data-loaded', 'true');
    await expect(calendar.getByTestId('calendar-event')).toHaveCount(2);
    await expect(page.locator('.fc-col-header-cell').first()).toContainText('周一');
    await expect(page.locator('.fc-timegrid-slot-label[data-time="13:00:00"]')).toContainText('13:00');
    const eventB = calendar.locator(`[data-meeting-id="${meetingB.id}"]`);
    await expect(eventB).toContainText(b.caseNo);
    await expect(page.locator('.ant-message-notice')).toHaveCount(0);
    await shot(page, 'schedule-week');

    // ── Drag B to 11:00, a free slot: saved without a reason, recorded as a change ─────────────
    await dragTo(page, eventB, day, '11:00');
    await expect(page.getByText('会议时间已调整')).toBeVisible();
    await expect.poll(async () => (await rpc<Meeting>(page, 'schedule:get', { id: meetingB.id })).startsAt)
      .toBe(new Date(`${day}T11:00:00+08:00`).toISOString());
    await expect(eventB).toContainText('11:00');

    // ── Drag B onto A: the clash asks for a reason; 放弃 puts it back ──────────────────────────
    await dragTo(page, eventB, day, '09:30');
    await expect(decide).toBeVisible();
    await expect(decide.getByTestId('clash-item').first()).toContainText(a.caseNo);
    await page.getByTestId('clash-abandon').click();
    await expect(decide).toBeHidden();
    await expect(eventB).toContainText('11:00');
    expect((await rpc<Meeting>(page, 'schedule:get', { id: meetingB.id })).startsAt).toBe(new Date(`${day}T11:00:00+08:00`).toISOString());

    // ── Selecting free time starts 安排会议 for that slot, with a case to find ───────────────────
    const col = (await page.locator(`td.fc-timegrid-col[data-date="${day}"]`).boundingBox())!;
    const s14 = (await page.locator('td.fc-timegrid-slot-lane[data-time="14:00:00"]').boundingBox())!;
    const s1430 = (await page.locator('td.fc-timegrid-slot-lane[data-time="14:30:00"]').boundingBox())!;
    await page.mouse.move(col.x + col.width / 2, s14.y + 4);
    await page.mouse.down();
    await page.mouse.move(col.x + col.width / 2, s1430.y + 4, { steps: 8 });
    await page.mouse.up();
    await expect(modal).toBeVisible();
    await expect(modal.getByTestId('meeting-date')).toHaveValue(dayZh);
    await expect(modal.getByTestId('meeting-start')).toContainText('14:00');
    await expect(modal.getByTestId('meeting-end')).toContainText('14:45');
    await pick(page, modal.getByTestId('meeting-case'), '陈静');
    await expect(modal.getByTestId('meeting-parties').getByRole('checkbox', { checked: true })).toHaveCount(2);
    await page.locator('.ant-modal-footer button', { hasText: '取消' }).click();
    await expect(modal).toBeHidden();

    // ── Export B's .ics ──────────────────────────────────────────────────────────────────────
    await eventB.click();
    await expect(drawer.getByTestId('meeting-time')).toContainText('11:00–12:00');
    const downloading = page.waitForEvent('download');
    await drawer.getByTestId('meeting-ics').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    const ics = readFileSync((await download.path())!, 'utf8');
    const { uid } = await rpc<Meeting>(page, 'schedule:get', { id: meetingB.id });
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(`UID:${uid}`);
    expect(ics).toContain('TZID=Asia/Shanghai');

    // ── 调解通知书, one page per invited party, in the documents' own preview ──────────────────
    await drawer.getByTestId('meeting-notice').click();
    const notice = page.getByTestId('meeting-notice-modal');
    await expect(notice).toContainText('共 2 份，每位当事人一份：张敏、王强');
    await expect(notice.getByTestId('document-print')).toBeEnabled();
    const paper = page.frameLocator('[data-testid="document-frame"]');
    await expect(paper.locator('body')).toContainText('调解通知书');
    await expect(paper.locator('body')).toContainText('第一调解室');
    await page.screenshot({ path: `${SCREENS}/schedule-notice.png` });
    await page.keyboard.press('Escape');
    await expect(notice).toBeHidden();

    // ── 短信文本: each party's message, ready to copy ───────────────────────────────────────────
    await drawer.getByTestId('meeting-sms').click();
    const sms = page.getByTestId('meeting-sms-modal');
    await expect(sms.getByTestId('sms-item')).toHaveCount(2);
    await expect(sms.getByTestId('sms-item').first()).toContainText('张敏');
    await expect(sms.getByTestId('sms-item').first()).toContainText('13712345678');
    await expect(sms.getByTestId('sms-text').first()).toContainText('第一调解室');
    await page.keyboard.press('Escape');
    await expect(sms).toBeHidden();

    // ── Every change is in the case's history ────────────────────────────────────────────────
    await drawer.getByTestId('meeting-case-link').click();
    await expect(page.getByTestId('case-no')).toHaveText(b.caseNo);
    await page.getByTestId('tab-history').click();
    await expect(page.getByTestId('case-tabs')).toContainText('安排调解会议');
    await expect(page.getByTestId('case-tabs')).toContainText('调整调解会议');

    // ── Cancel meeting A with its reason: struck through in the calendar, or hidden ──────────
    await openCase(a.caseNo);
    const [meetingA] = await rpc<Meeting[]>(page, 'schedule:range', { caseId: a.id, from: `${day}T00:00:00+08:00`, to: `${day}T23:59:00+08:00` });
    await page.getByTestId(`case-meeting-${meetingA.id}`).click();
    await drawer.getByTestId('meeting-cancel').click();
    const cancel = page.getByTestId('meeting-cancel-modal');
    await page.getByTestId('meeting-cancel-modal-ok').click();
    await expect(cancel).toContainText('请填写取消的原因');
    await cancel.getByTestId('meeting-cancel-reason-choice-0').click();
    await page.getByTestId('meeting-cancel-modal-ok').click();
    await expect(cancel).toBeHidden();
    await expect(drawer.getByTestId('meeting-cancelled')).toContainText('当事人申请改期');
    await expect(drawer.getByTestId('meeting-edit')).toHaveCount(0);
    await closeDrawer();
    await expect(page.getByTestId(`case-meeting-${meetingA.id}`)).toContainText('已取消');
    await page.getByTestId(`case-meeting-show-${meetingA.id}`).click();
    await closeDrawer();
    await expect(calendar.locator(`[data-meeting-id="${meetingA.id}"]`)).toHaveAttribute('data-status', 'cancelled');
    await page.getByTestId('schedule-show-cancelled').click();
    await expect(calendar.locator(`[data-meeting-id="${meetingA.id}"]`)).toHaveCount(0);
    await expect(calendar.getByTestId('calendar-event')).toHaveCount(1);

    // ── Large text (设置 → 大字模式): the week and month views stay readable ─────────────────────
    await page.getByTestId('menu-settings').click();
    await page.getByTestId('settings-large-text').click();
    await openCase(b.caseNo);
    await page.getByTestId(`case-meeting-show-${meetingB.id}`).click();
    await closeDrawer();
    await expect(calendar.getByTestId('calendar-event')).toHaveCount(2);
    await expect(page.locator('.ant-message-notice')).toHaveCount(0);
    await shot(page, 'schedule-week-large');
    await page.locator('.fc-dayGridMonth-button').click();
    await expect(calendar.locator(`[data-meeting-id="${meetingB.id}"]`)).toBeVisible();
    await shot(page, 'schedule-month-large');

    // ── English: the same calendar, weeks still from Monday, 24-hour times ───────────────────
    await page.getByTestId('menu-settings').click();
    await page.getByTestId('settings-large-text').click();
    await page.getByTestId('settings-language').getByText('English').click();
    await openCase(b.caseNo);
    await page.getByTestId(`case-meeting-show-${meetingB.id}`).click();
    await expect(drawer.getByTestId('meeting-time')).toContainText(`${day} Wed 11:00–12:00`);
    await closeDrawer();
    await expect(page.locator('.fc-col-header-cell').first()).toContainText('Mon');
    await expect(page.locator('.fc-today-button')).toHaveText('Today');
    await expect(eventB).toContainText('11:00 - 12:00');
    await expect(page.locator('.ant-message-notice')).toHaveCount(0);
    await shot(page, 'schedule-week-en');

    expect(problems).toEqual([]);
  } finally {
    await preview.stop();
  }
});
