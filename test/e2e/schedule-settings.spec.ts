import { expect, test } from '@playwright/test';
import { addDays, formatDateZh, shanghaiDate } from '../../shared/domain/dates';
import { startPreview } from '../support/preview';
import { newCommitteeSignedIn, pick, pickDate, rpc, SCREENS, signIn, watchConsole } from './support';

// Scheduling as the committee sets it up and meets it on the 工作台: venues (a room with its seats, an
// online room with its link, an old office deactivated), a mediator's weekly hours and leave, busy
// times imported from a calendar file (twice: the second time adds nothing), the reminder settings,
// then a meeting half an hour away (arranged on the case page) shown as 即将开始 with its in-app reminder.

/** 20261201T020000Z */
const icsTime = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const hoursFromNow = (h: number) => new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + h * 3_600_000);

function calendarFile(): string {
  const event = (uid: string, from: Date, hours: number, summary: string) => [
    'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260101T000000Z', `DTSTART:${icsTime(from)}`,
    `DTEND:${icsTime(new Date(from.getTime() + hours * 3_600_000))}`, `SUMMARY:${summary}`, 'END:VEVENT',
  ];
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Tiaojie e2e//ZH',
    ...event('e2e-lecture-1@tiaojie.test', hoursFromNow(50), 2, '社区法律讲座'),
    ...event('e2e-training-2@tiaojie.test', hoursFromNow(74), 3, '志愿者培训'),
    'END:VCALENDAR', '',
  ].join('\r\n');
}

/** An instant on a Shanghai clock, as the 工作台 shows it. */
const clock = (at: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

test('venues, availability, reminder settings, and the 工作台 meetings with their reminder', async ({ page }) => {
  const problems = watchConsole(page);
  const preview = await startPreview();
  try {
    await newCommitteeSignedIn(page, preview.url);
    await page.getByTestId('menu-settings').click();

    // ── 场所 ──────────────────────────────────────────────────────────────────────────────
    const venues = page.getByTestId('venues-card');
    await expect(venues).toContainText('还没有场所');
    const modal = page.getByTestId('venue-modal');
    await page.getByTestId('venue-add').click();
    await modal.getByTestId('venue-name').fill('第一调解室');
    // A room needs its seats: the form says so before anything is sent.
    await page.getByTestId('venue-save').click();
    await expect(modal).toContainText('调解室和社区办公室请填写座位数');
    await modal.getByTestId('venue-capacity').fill('8');
    await modal.getByTestId('venue-address').fill('白沙社区服务中心二楼');
    await page.getByTestId('venue-save').click();
    await expect(modal).toBeHidden();

    await page.getByTestId('venue-add').click();
    await modal.getByTestId('venue-name').fill('线上调解室');
    await modal.getByTestId('venue-kind').getByText('线上视频').click();
    await expect(modal.getByTestId('venue-capacity')).toHaveCount(0);
    await modal.getByTestId('venue-link').fill('meeting.example.org/baisha');
    await page.getByTestId('venue-save').click();
    await expect(modal).toContainText('请填写以 https:// 开头的会议链接');
    await modal.getByTestId('venue-link').fill('https://meeting.example.org/baisha');
    await page.getByTestId('venue-save').click();
    await expect(modal).toBeHidden();

    // An office no longer used is deactivated, never deleted.
    await page.getByTestId('venue-add').click();
    await modal.getByTestId('venue-name').fill('老村委会议室');
    await modal.getByTestId('venue-kind').getByText('社区办公室').click();
    await modal.getByTestId('venue-capacity').fill('12');
    await page.getByTestId('venue-save').click();
    await expect(modal).toBeHidden();
    const old = venues.locator('[data-testid="venue-row"][data-venue="老村委会议室"]');
    await old.getByTestId('venue-deactivate').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '停用' }).click();
    await expect(old.getByTestId('venue-status')).toHaveText('已停用');

    const room = venues.locator('[data-testid="venue-row"][data-venue="第一调解室"]');
    await expect(room).toContainText('调解室');
    await expect(room).toContainText('8 人');
    await expect(room).toContainText('白沙社区服务中心二楼');
    await expect(room.getByTestId('venue-status')).toHaveText('在用');
    const online = venues.locator('[data-testid="venue-row"][data-venue="线上调解室"]');
    await expect(online).toContainText('线上视频');
    await expect(online).toContainText('https://meeting.example.org/baisha');
    await venues.screenshot({ path: `${SCREENS}/settings-venues.png` });

    // ── 人员可预约时间: weekly hours ───────────────────────────────────────────────────────
    const availability = page.getByTestId('availability-card');
    await expect(availability.getByTestId('availability-person')).toContainText('王调解');
    await expect(availability.getByTestId('weekly-empty')).toBeVisible();
    await availability.getByTestId('weekly-preset-workdays').click();
    await expect(availability.getByTestId('weekly-1-range')).toHaveCount(2);
    await expect(availability.getByTestId('weekly-5-range')).toHaveCount(2);
    await expect(availability.getByTestId('weekly-6-closed')).toBeVisible();
    // Saturday morning as well, picked by hand; a range that ends before it starts is caught.
    await availability.getByTestId('weekly-6-add').click();
    await pick(page, availability.getByTestId('weekly-6-0-start'), '10:00');
    await pick(page, availability.getByTestId('weekly-6-0-end'), '09:00');
    await expect(availability.getByTestId('weekly-day-6')).toContainText('星期六的时段结束时间应晚于开始时间');
    await pick(page, availability.getByTestId('weekly-6-0-end'), '11:30');
    await expect(availability.getByTestId('weekly-unsaved')).toBeVisible();
    await availability.getByTestId('weekly-save').click();
    await expect(page.getByText('每周可预约时间已保存')).toBeVisible();
    await expect(availability.getByTestId('weekly-unsaved')).toHaveCount(0);

    // ── Leave ─────────────────────────────────────────────────────────────────────────────
    await availability.getByTestId('exception-add').click();
    const leave = page.getByTestId('exception-modal');
    await expect(leave.getByTestId('exception-kind').getByRole('radio', { name: '请假' })).toBeChecked();
    await leave.getByTestId('exception-note').fill('到街道参加培训');
    await page.getByTestId('exception-save').click();
    await expect(leave).toBeHidden();
    const tomorrow = addDays(shanghaiDate(), 1);
    const leaveRow = availability.getByTestId('exception-row').filter({ hasText: '到街道参加培训' });
    await expect(leaveRow).toContainText(`${formatDateZh(tomorrow)}（全天）`);
    await expect(leaveRow).toContainText('请假');
    await expect(leaveRow).toContainText('手工录入');

    // ── 导入日历(.ics): counts, then the same file again adds nothing ─────────────────────────
    const file = { name: 'my-calendar.ics', mimeType: 'text/calendar', buffer: Buffer.from(calendarFile()) };
    await availability.getByTestId('ics-file').setInputFiles(file);
    const result = availability.getByTestId('ics-result');
    await expect(result).toContainText('已导入日历：新增 2 项');
    await expect(availability.getByTestId('exception-from-ics')).toHaveCount(2);
    await expect(availability.getByTestId('exception-row').filter({ hasText: '日历导入' }).first()).toContainText('忙碌');
    await availability.getByTestId('ics-file').setInputFiles(file);
    await expect(result).toContainText('新增 0 项');
    await expect(availability.getByTestId('exception-from-ics')).toHaveCount(2);
    // A file that is no calendar is refused in plain Chinese.
    await availability.getByTestId('ics-file').setInputFiles({ name: 'notes.ics', mimeType: 'text/calendar', buffer: Buffer.from('这不是日历文件') });
    await expect(result).toHaveClass(/ant-alert-error/);
    await expect(result).toContainText('没有导入：');
    await expect(availability.getByTestId('exception-from-ics')).toHaveCount(2);
    await availability.screenshot({ path: `${SCREENS}/settings-availability.png` });

    // The hours are kept: back on the page later, Monday still has its two ranges.
    await page.getByTestId('menu-dashboard').click();
    await page.getByTestId('menu-settings').click();
    await expect(availability.getByTestId('weekly-1-range')).toHaveCount(2);
    await expect(availability.getByTestId('weekly-1-0-start')).toContainText('08:30');
    await expect(availability.getByTestId('weekly-6-0-end')).toContainText('11:30');

    // ── 日程提醒 (administrator): an hour ahead by default, and the committee's phone ─────────
    const reminders = page.getByTestId('reminder-settings-card');
    await expect(reminders.getByTestId('reminder-amount')).toHaveValue('1');
    await expect(reminders.getByTestId('reminder-unit')).toContainText('小时');
    await reminders.getByTestId('reminder-phone').fill('0571-86001234');
    await reminders.getByTestId('reminder-save').click();
    await expect(page.getByText('提醒设置已保存')).toBeVisible();

    // ── A meeting about half an hour away, arranged on the case page ───────────────────────
    // The case is registered and accepted through RPCs from the page (as renderer/lib/api.ts calls
    // the preview): registering is lifecycle.spec.ts's subject, not this one's.
    const me = (await rpc<{ user: { personId: number } }>(page, 'app:status', {})).user;
    const { id: caseId } = await rpc<{ id: number }>(page, 'cases:create', {
      category: 'neighbour', channel: 'application', summary: '楼上漏水致楼下天花板受损', leadMediatorId: me.personId,
      parties: [{ role: 'applicant', name: '赵敏' }, { role: 'respondent', name: '钱进' }],
    });
    await rpc(page, 'cases:accept', { caseId, acceptedOn: shanghaiDate() });
    const caseNo = (await rpc<{ caseNo: string }>(page, 'cases:get', { id: caseId })).caseNo;
    await page.getByTestId('menu-cases').click();
    await page.getByTestId('case-table').locator('tr', { hasText: caseNo }).click();
    await expect(page.getByTestId('case-no')).toHaveText(caseNo);

    // The next quarter hour at least 20 minutes ahead: well within the default hour's reminder time.
    const soon = new Date(Math.ceil((Date.now() + 20 * 60_000) / 900_000) * 900_000);
    const meeting = page.getByTestId('meeting-modal');
    await page.getByTestId('meeting-add').click();
    await expect(meeting.getByTestId('meeting-people').getByRole('checkbox', { checked: true })).toHaveCount(1);
    await pickDate(page, meeting.getByTestId('meeting-date'), shanghaiDate(soon));
    await pick(page, meeting.getByTestId('meeting-start'), clock(soon));
    const soonEnd = /\d{2}:\d{2}/.exec(await meeting.getByTestId('meeting-end').innerText())![0];
    await pick(page, meeting.getByTestId('meeting-venue'), '第一调解室');
    await meeting.getByTestId('meeting-purpose').locator('input').fill('首次调解');
    // The form's own check first (clear or clashes, as the clock has it): its answer grows the form, and a click
    // while it lands can miss the OK button as it moves (a CI run at 06:08 Shanghai time did).
    await expect(meeting.getByTestId('meeting-check')).toHaveAttribute('data-state', /^(clear|clashes)$/);
    await page.getByTestId('meeting-modal-ok').click();
    // Outside the hours just set, or on tomorrow's leave, as the clock may have it: go ahead with a reason.
    const decide = page.getByTestId('clash-modal');
    const listed = page.getByTestId('case-meetings-table').getByRole('cell', { name: '首次调解' });
    await expect(decide.or(listed)).toBeVisible();
    if (await decide.isVisible()) {
      await decide.getByTestId('clash-reason').fill('当事人只有这个时间方便');
      await page.getByTestId('clash-override').click();
    }
    await expect(listed).toBeVisible();
    const soonSpan = `${clock(soon)}–${soonEnd}`;
    // The case history says what was arranged, field by field, in words.
    await page.getByTestId('tab-history').click();
    const arranged = page.locator('[data-testid="history-entry"][data-action="case.meeting.schedule"]');
    await expect(arranged).toContainText('安排调解会议');
    await expect(arranged).toContainText(new RegExp(`会议开始：—\\s*${formatDateZh(shanghaiDate(soon))}`));
    await expect(arranged).toContainText(clock(soon));
    await expect(arranged).toContainText(/会议场所：—\s*第一调解室/);
    await expect(arranged).toContainText(/参加人员：—\s*王调解/);
    await expect(arranged).toContainText(/通知的当事人：—\s*赵敏、钱进/);
    await expect(arranged).toContainText(/会议事项：—\s*首次调解/);
    await arranged.screenshot({ path: `${SCREENS}/case-history-meeting.png` });

    // One in three days, online, through the RPC the form sends.
    const onlineId = (await rpc<{ id: number; name: string }[]>(page, 'venues:list', {})).find((v) => v.name === '线上调解室')!.id;
    const later = hoursFromNow(72);
    const draft = {
      caseId, venueId: onlineId, purpose: '背对背调解', personIds: [me.personId],
      startsAt: later.toISOString(), endsAt: new Date(later.getTime() + 90 * 60_000).toISOString(),
    };
    const created = await rpc<{ id: number | null }>(page, 'schedule:create', draft);
    if (created.id === null) await rpc(page, 'schedule:create', { ...draft, overrideReason: '当事人只有这个时间方便' });

    // Signing in again starts the reminders afresh: the meeting in half an hour is announced.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await signIn(page);
    const reminder = page.getByTestId('meeting-reminder');
    await expect(reminder).toBeVisible({ timeout: 70_000 });
    await expect(reminder).toContainText(`会议提醒：`);
    await expect(reminder).toContainText(soonSpan);
    await expect(reminder).toContainText(caseNo);
    await expect(reminder).toContainText('地点：第一调解室');

    // ── 工作台 → 近期会议 ────────────────────────────────────────────────────────────────────
    await page.getByTestId('menu-dashboard').click();
    const card = page.getByTestId('upcoming-meetings');
    await expect(card.getByTestId('upcoming-tab-mine')).toHaveText('我的会议（2）');
    const mine = card.getByTestId('upcoming-mine');
    const first = mine.getByTestId('upcoming-meeting').first();
    await expect(first.getByTestId('upcoming-when')).toHaveText(
      `${shanghaiDate(soon) === shanghaiDate() ? '今天' : '明天'} ${soonSpan}`);
    await expect(first.getByTestId('upcoming-soon')).toHaveText('即将开始');
    await expect(first).toContainText(caseNo);
    await expect(first).toContainText('首次调解');
    const second = mine.getByTestId('upcoming-meeting').nth(1);
    await expect(second).toContainText('线上调解室');
    await expect(second).toContainText('背对背调解');
    await expect(second.getByTestId('upcoming-soon')).toHaveCount(0);
    // The viewport, not the full page: the 工作台's top holds the card, and a full-page capture resizes the
    // window for a moment, which the menu's responsive sider answers mid-shot.
    await page.screenshot({ path: `${SCREENS}/dashboard-meetings.png` });

    // The reminder leads to the case.
    await reminder.getByRole('button', { name: '查看案件' }).click();
    await expect(reminder).toBeHidden();
    await expect(page.getByTestId('case-detail')).toBeVisible();
    await expect(page.getByTestId('case-detail')).toContainText(caseNo);

    // Large text keeps the settings usable.
    await page.getByTestId('menu-settings').click();
    await page.getByTestId('settings-large-text').click();
    await expect(availability.getByTestId('weekly-1-range')).toHaveCount(2);
    await availability.screenshot({ path: `${SCREENS}/settings-availability-large.png` });
    await page.getByTestId('menu-dashboard').click();
    await expect(card.getByTestId('upcoming-soon').first()).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/dashboard-meetings-large.png` });
    await page.getByTestId('menu-settings').click();
    await page.getByTestId('settings-large-text').click();

    expect(problems).toEqual([]);
  } finally {
    await preview.stop();
  }
});
