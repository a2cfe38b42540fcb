/**
 * Issue 9 point 12: dates read dd/mm/yyyy and times 24-hour whatever the browser's language
 * (an American browser drew 03/02 as the 2nd of March and 14:00 as "02:00 PM"), and in large
 * text on a 360 px phone no button leaves its card. The tests run in order: the first plans a
 * far year (2031) whose meetings the later ones open.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buttonsOutsideCards, horizontalOverflow, openPage, openPlannedYear, seriousA11yViolations, shown, signIn, useBrowser } from './browser.ts';

const YEAR = 2031;
const PHONE = { width: 360, height: 740 };
const NEW_MEMBER = 'Đặng Thu Thảo';

/** An American browser, and a clock away from the cell's: neither may change what a date says. */
const AMERICAN = { locale: 'en-US', timezoneId: 'America/New_York' };

/** Today in the cell's zone as a register writes it, e.g. 04/12/2026. */
function todayInHanoi(): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
}

/** Once, as a user would: the switch is then named in the language it goes back to. */
async function switchToEnglish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'English' }).click();
  await shown(page.getByRole('button', { name: 'Tiếng Việt' }));
}

/** The id of the signed-in officer's cell, from the link on the home page. */
async function cellIdOf(page: Page, linkName: string): Promise<string> {
  const href = await page.getByRole('link', { name: linkName }).first().getAttribute('href');
  return href?.split('/')[2] ?? '';
}

async function getJson(page: Page, path: string): Promise<Record<string, unknown>> {
  const res = await page.request.get(path);
  expect(res.status()).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

/** Large text on a phone: no button out of its card, no sideways scroll of the page. */
async function expectFits(page: Page, where: string): Promise<void> {
  expect({ where, outside: await buttonsOutsideCards(page), overflow: await horizontalOverflow(page) }).toEqual({ where, outside: [], overflow: 0 });
}

describe('dates and times in every browser', () => {
  const browser = useBrowser();

  it('in an American browser the register’s day reads dd/mm/yyyy, and a member admitted on 03/02/2026 is stored as the 3rd of February', async () => {
    const { context, page } = await openPage(browser(), AMERICAN);
    await signIn(page, 'bithu');
    await switchToEnglish(page);

    const on = page.getByRole('search', { name: 'Search and filter the register' }).getByLabel('Date', { exact: true });
    expect(await on.inputValue()).toBe(todayInHanoi());
    // The calendar starts the week on Monday, names its arrows, and passes axe (contrast included).
    await on.click();
    const calendar = await shown(page.locator('[data-dates-dropdown]'));
    await shown(calendar.getByRole('button', { name: 'Previous month' }));
    expect((await calendar.locator('thead th').first().innerText()).trim()).toBe('Mo');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await on.press('Escape');
    await calendar.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Add member' }).click();
    const dialog = await shown(page.getByRole('dialog', { name: 'Add member' }));
    await dialog.getByLabel('Full name').fill(NEW_MEMBER);
    await dialog.getByLabel('Status').selectOption({ label: 'Probationary' });
    const admitted = dialog.getByLabel('Admitted on');
    await admitted.fill('31/02/2026');
    await admitted.press('Tab');
    // No such day: said under the field, rather than taken as the 3rd of March.
    await shown(dialog.getByText('Not a date: type day/month/year, e.g. 03/02/2026.'));
    await admitted.fill('3/2/2026');
    // Escape closes the calendar, not the dialog with what was typed in it.
    await admitted.press('Escape');
    await admitted.blur();
    expect(await admitted.inputValue()).toBe('03/02/2026');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByTestId('roster').getByRole('link', { name: NEW_MEMBER, exact: true }).click();
    await shown(page.getByRole('heading', { level: 1, name: NEW_MEMBER }));
    const memberId = new URL(page.url()).pathname.split('/')[2] ?? '';
    const stored = await getJson(page, `/api/v1/members/${memberId}`);
    expect(stored.admittedOn).toBe('2026-02-03');
    await shown(page.getByTestId('timeline').getByText(/03\/02\/2026/).first());
    await context.close();
  });

  it('in an American browser times are typed and shown in 24-hour form, and a meeting’s time is the cell’s wall clock', async () => {
    const { context, page } = await openPage(browser(), AMERICAN);
    await signIn(page, 'bithu');
    const cellId = await cellIdOf(page, 'Xem trang chi bộ');
    await openPlannedYear(page, cellId, YEAR);
    await switchToEnglish(page);
    await page.goto(`/to-chuc/${cellId}/ke-hoach?nam=${YEAR}`);
    await shown(page.getByRole('heading', { level: 1, name: `Meeting plan for ${YEAR}` }));

    await page.getByRole('button', { name: 'Add a meeting' }).click();
    const dialog = await shown(page.getByRole('dialog', { name: 'Add a meeting' }));
    const startsAt = dialog.getByRole('group', { name: 'Starts at' });
    await startsAt.getByRole('textbox', { name: 'Starts at: day' }).fill('15/12/2031');
    await startsAt.getByRole('textbox', { name: 'Starts at: day' }).press('Escape');
    await startsAt.getByRole('spinbutton', { name: 'Starts at: hours' }).fill('14');
    await startsAt.getByRole('spinbutton', { name: 'Starts at: minutes' }).fill('05');
    // 24-hour boxes: no AM/PM anywhere in the dialog.
    expect(await dialog.innerText()).not.toMatch(/\b[AP]M\b/);
    expect(await dialog.getByRole('combobox', { name: /AM|PM/ }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Create the meeting' }).click();

    await shown(page.getByRole('heading', { level: 1, name: /15\/12\/2031 14:05$/ }));
    const meetingId = new URL(page.url()).pathname.split('/')[2] ?? '';
    // 14:05 in Hà Nội (UTC+7), typed in a browser whose clock is New York's.
    const meeting = await getJson(page, `/api/v1/meetings/${meetingId}`);
    expect(new Date(String(meeting.startsAt)).toISOString()).toBe('2031-12-15T07:05:00.000Z');

    // Opened again for editing, the same day and time come back.
    await page.getByRole('button', { name: 'Edit details' }).click();
    const edit = await shown(page.getByRole('dialog', { name: 'Edit the meeting' }));
    const again = edit.getByRole('group', { name: 'Starts at' });
    expect(await again.getByRole('textbox', { name: 'Starts at: day' }).inputValue()).toBe('15/12/2031');
    expect(await again.getByRole('spinbutton', { name: 'Starts at: hours' }).inputValue()).toBe('14');
    expect(await again.getByRole('spinbutton', { name: 'Starts at: minutes' }).inputValue()).toBe('05');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it('the year plan’s start time reads 14:00, never 02:00 PM', async () => {
    const { context, page } = await openPage(browser(), AMERICAN);
    await signIn(page, 'bithu');
    const cellId = await cellIdOf(page, 'Xem trang chi bộ');
    await switchToEnglish(page);
    // A year nobody else plans: its plan dialog is open to us.
    await page.goto(`/to-chuc/${cellId}/ke-hoach?nam=${YEAR + 1}`);
    await shown(page.getByRole('heading', { level: 1, name: `Meeting plan for ${YEAR + 1}` }));
    await page.getByRole('button', { name: 'Plan the year' }).click();
    const dialog = await shown(page.getByRole('dialog', { name: `Plan the meetings of ${YEAR + 1}` }));
    expect(await dialog.getByRole('spinbutton', { name: 'Start time: hours' }).inputValue()).toBe('14');
    expect(await dialog.getByRole('spinbutton', { name: 'Start time: minutes' }).inputValue()).toBe('00');
    expect(await dialog.innerText()).not.toMatch(/\b[AP]M\b/);
    await context.close();
  });

  it('in large text on a 360 px phone no button leaves its card: register, member forms, year plan, meeting, agenda, import row editor', async () => {
    const { context, page } = await openPage(browser(), { viewport: PHONE });
    await signIn(page, 'bithu');
    const cellId = await cellIdOf(page, 'Xem trang chi bộ');
    await page.getByRole('button', { name: 'Cỡ chữ lớn' }).click();
    await page.locator('button[aria-pressed="true"]', { hasText: 'A+' }).waitFor();
    await shown(page.getByTestId('roster').getByText('Lê Minh Tuấn', { exact: true }));
    await expectFits(page, 'home');

    await page.getByRole('button', { name: 'Thêm đảng viên' }).click();
    const dialog = await shown(page.getByRole('dialog', { name: 'Thêm đảng viên' }));
    await expectFits(page, 'add member');
    // The calendar too: seven days in large text are wider than a phone unless they shrink.
    await dialog.getByLabel('Ngày vào Đảng').click();
    await shown(page.locator('[data-dates-dropdown]'));
    await expectFits(page, 'add member, calendar open');
    await dialog.getByLabel('Ngày vào Đảng').press('Escape');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByTestId('roster').getByRole('link', { name: 'Lý Thị Phương', exact: true }).click();
    await shown(page.getByRole('heading', { level: 1, name: 'Lý Thị Phương' }));
    const manage = page.getByRole('region', { name: 'Cập nhật hồ sơ' });
    for (const tab of ['Tình trạng', 'Chức vụ', 'Chuyển sinh hoạt', 'Thông tin cá nhân']) {
      await manage.getByRole('tab', { name: tab }).click();
      await shown(manage.getByRole('tabpanel', { name: tab }));
      await expectFits(page, `member: ${tab}`);
    }

    await openPlannedYear(page, cellId, YEAR);
    await expectFits(page, 'year plan');
    await page.getByRole('button', { name: 'Thêm cuộc họp' }).click();
    const create = await shown(page.getByRole('dialog', { name: 'Thêm cuộc họp' }));
    await expectFits(page, 'add a meeting');
    await create.getByRole('button', { name: 'Hủy' }).click();
    await create.waitFor({ state: 'hidden' });

    // A planned (draft) meeting: the agenda editor with its "add an item" buttons.
    await page.getByTestId(`period-${YEAR}-01`).getByRole('link').first().click();
    await shown(page.getByRole('heading', { level: 1, name: /^Sinh hoạt thường kỳ/ }));
    await shown(page.getByRole('button', { name: 'Thêm mục vào phần Khai mạc' }));
    await expectFits(page, 'meeting');
    await page.getByRole('button', { name: 'Sửa thông tin' }).click();
    const edit = await shown(page.getByRole('dialog', { name: 'Sửa thông tin cuộc họp' }));
    await expectFits(page, 'edit the meeting');
    await edit.getByRole('button', { name: 'Hủy' }).click();
    await edit.waitFor({ state: 'hidden' });

    // The import preview's row editor: its "check again" must be in sight.
    await page.goto(`/to-chuc/${cellId}/nhap-danh-sach`);
    await shown(page.getByRole('heading', { level: 1, name: 'Nhập danh sách đảng viên từ tệp' }));
    const csv = ['STT,Họ và tên,Ngày sinh,Giới tính,Ngày vào Đảng,Ngày chính thức,Chức vụ', '1,Tạ Quang Vinh,31/02/1990,Nam,03/02/2015,03/02/2016,'].join('\r\n');
    await page.getByLabel('Tệp danh sách').setInputFiles({ name: 'danh-sach.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + csv + '\r\n', 'utf8') });
    await page.getByRole('button', { name: 'Tải lên' }).click();
    await shown(page.getByRole('heading', { level: 2, name: 'Ghép cột' }));
    await expectFits(page, 'import mapping');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await shown(page.getByRole('heading', { level: 2, name: 'Xem trước và sửa lỗi' }));
    await expectFits(page, 'import preview');
    await page.getByRole('button', { name: 'Sửa dòng 2' }).click();
    await shown(page.getByLabel('Ngày sinh, dòng 2'));
    await expectFits(page, 'import row editor');
    await context.close();
  });
});
