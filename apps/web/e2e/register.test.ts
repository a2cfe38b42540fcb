import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { horizontalOverflow, openPage, QUY_TRO_VON_CELL, seriousA11yViolations, shown, signIn, useBrowser } from './browser.ts';

const VAN_PHONG_CELL = 'Chi bộ Văn phòng Liên đoàn Lao động thành phố';

/** From the secretary's home page to a member's page, by the name in the register. */
async function openMember(page: Page, fullName: string): Promise<void> {
  await page.getByTestId('roster').getByRole('link', { name: fullName, exact: true }).click();
  await shown(page.getByRole('heading', { level: 1, name: fullName }));
}

describe('the register and the member page', () => {
  const browser = useBrowser();

  it('shows a transferred member’s history in date order, both cells included', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, 'bithu');
    await openMember(page, 'Vũ Hoàng Anh');

    const timeline = await shown(page.getByTestId('timeline'));
    const items = (await timeline.locator(':scope > li').allInnerTexts()).map((s) => s.replace(/\s+/g, ' '));
    const before = items.findIndex((s) => s.includes(`Sinh hoạt chính thức tại ${VAN_PHONG_CELL}`));
    const after = items.findIndex((s) => s.includes(`Sinh hoạt chính thức tại ${QUY_TRO_VON_CELL}`));
    expect(before).toBeGreaterThanOrEqual(0);
    expect(after).toBeGreaterThan(before);
    expect(items[before]).toContain('Từ 19/05/2015 đến 31/08/2024');
    expect(items[after]).toContain('Từ 01/09/2024 đến nay');
    // Admission comes first; the standing periods sit between by date.
    expect(items[0]).toContain('Kết nạp vào Đảng');
    expect(items.findIndex((s) => s.includes('Đảng viên chính thức'))).toBeLessThan(after);

    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it('reads a cell’s roll as of a past date: the member transferred out is still there', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, 'capuy');
    await page.getByRole('navigation', { name: 'Các tổ chức đảng đang theo dõi' }).getByRole('link', { name: VAN_PHONG_CELL }).click();
    await shown(page.getByRole('heading', { level: 1, name: VAN_PHONG_CELL }));

    const roster = page.getByTestId('roster');
    await shown(roster.getByText('Hà Văn Khánh', { exact: true }));
    expect(await roster.getByText('Vũ Hoàng Anh', { exact: true }).count()).toBe(0);

    await page.getByLabel('Ngày', { exact: true }).fill('01/06/2024');
    await shown(roster.getByText('Vũ Hoàng Anh', { exact: true }));
    await shown(page.getByText(/đảng viên ngày 01\/06\/2024/));
    // Admitted in 2026: not yet on the roll of June 2024.
    expect(await roster.getByText('Phan Thị Hạnh', { exact: true }).count()).toBe(0);

    // The leadership block says, in words, what the cell's shape lacks (10 full members, no committee).
    const leadership = page.getByRole('region', { name: 'Cấp ủy chi bộ' });
    await shown(leadership.getByText('Bí thư', { exact: true }));
    await shown(leadership.getByTestId('leadership-warnings').getByText(/chưa có chi ủy/));
    await context.close();
  });

  it('filters the register by status and post', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, 'bithu');
    const roster = page.getByTestId('roster');
    await shown(roster.getByText('Lê Minh Tuấn', { exact: true }));

    await page.getByLabel('Tình trạng', { exact: true }).selectOption({ label: 'Miễn sinh hoạt' });
    await roster.getByText('Lê Minh Tuấn', { exact: true }).waitFor({ state: 'detached' });
    await shown(roster.getByText('Ngô Văn Dũng', { exact: true }));
    expect(await roster.locator('li').count()).toBe(1);

    await page.getByLabel('Tình trạng', { exact: true }).selectOption({ label: 'Tất cả' });
    await page.getByLabel('Chức vụ', { exact: true }).selectOption({ label: 'Bí thư' });
    await roster.getByText('Ngô Văn Dũng', { exact: true }).waitFor({ state: 'detached' });
    await shown(roster.getByText('Lê Minh Tuấn', { exact: true }));
    expect(await roster.locator('li').count()).toBe(1);
    await context.close();
  });

  it('shows the server’s reason next to the form when a change breaks the rules, and records a valid one', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, 'bithu');
    await openMember(page, 'Lý Thị Phương');
    const manage = page.getByRole('region', { name: 'Cập nhật hồ sơ' });

    // Admitted 26/03/2026: confirmation before twelve months of probation is refused by the server.
    const statusForm = manage.getByRole('form', { name: 'Tình trạng' });
    expect(await statusForm.getByLabel('Loại thay đổi').inputValue()).toBe('confirm');
    await statusForm.getByLabel('Ngày công nhận chính thức').fill('01/11/2026');
    await statusForm.getByRole('button', { name: 'Ghi thay đổi' }).click();
    await shown(statusForm.getByRole('alert').filter({ hasText: 'trước khi hết 12 tháng dự bị' }));

    // A post with its term: it appears in the history.
    await manage.getByRole('tab', { name: 'Chức vụ' }).click();
    const postForm = manage.getByRole('form', { name: 'Chức vụ' });
    await postForm.getByLabel('Chức vụ trong chi bộ').selectOption({ label: 'Tổ trưởng đảng' });
    await postForm.getByLabel('Từ ngày').fill('01/11/2026');
    await postForm.getByRole('button', { name: 'Ghi thay đổi' }).click();
    await shown(page.getByTestId('timeline').getByText(`Tổ trưởng đảng — ${QUY_TRO_VON_CELL}`));
    await context.close();
  });

  it('the member page fits a 360 px phone', async () => {
    const { context, page } = await openPage(browser(), { viewport: { width: 360, height: 740 } });
    await signIn(page, 'bithu');
    await openMember(page, 'Vũ Hoàng Anh');
    await shown(page.getByTestId('timeline'));
    expect(await horizontalOverflow(page)).toBe(0);
    await context.close();
  });
});
