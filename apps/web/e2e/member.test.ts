import { describe, expect, it } from 'vitest';
import { openPage, QUY_TRO_VON_CELL, seriousA11yViolations, shown, signIn, useBrowser } from './browser.ts';

describe('member (dangvien)', () => {
  const browser = useBrowser();

  it('signs in and sees the cell, its roster in Vietnamese, and nothing an officer sees', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, 'dangvien');

    await shown(page.getByRole('heading', { name: QUY_TRO_VON_CELL }));
    const roster = page.getByTestId('roster');
    await shown(roster.getByText('Nguyễn Thị Lan', { exact: true }));
    // Names that differ only in diacritics are both there, and the posts and statuses read in Vietnamese.
    await shown(roster.getByText('Nguyễn Thị Lân', { exact: true }));
    const secretary = roster.locator('li').filter({ hasText: 'Lê Minh Tuấn' });
    await shown(secretary.getByText('Bí thư', { exact: true }));
    await shown(roster.locator('li').filter({ hasText: 'Ngô Văn Dũng' }).getByText('Miễn sinh hoạt'));
    await shown(roster.locator('li').filter({ hasText: 'Lý Thị Phương' }).getByText('Dự bị'));
    expect(await roster.locator('li').count()).toBeGreaterThanOrEqual(12);

    // Absence is only worth checking once every request the page makes has answered.
    await page.waitForLoadState('networkidle');

    expect(await page.getByRole('button', { name: 'Thêm đảng viên' }).count()).toBe(0);
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await shown(nav.getByRole('link', { name: 'Trang chủ' }));
    await shown(nav.getByRole('link', { name: 'Tài khoản' }));
    expect(await nav.getByRole('link', { name: 'Nhật ký thay đổi' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Tổ chức đảng' }).count()).toBe(0);
    await context.close();
  });

  it('home page has no serious or critical accessibility violation', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, 'dangvien');
    await shown(page.getByTestId('roster').getByText('Nguyễn Thị Lan', { exact: true }));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it('is told, next to the field, when the current password is wrong', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, 'dangvien');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tài khoản' }).click();
    await shown(page.getByRole('heading', { level: 1, name: 'Tài khoản' }));
    await page.getByRole('textbox', { name: 'Mật khẩu hiện tại', exact: true }).fill('khong-dung-2026');
    await page.getByRole('textbox', { name: 'Mật khẩu mới', exact: true }).fill('MatKhauMoi@2026');
    await page.getByRole('textbox', { name: 'Nhập lại mật khẩu mới', exact: true }).fill('MatKhauMoi@2026');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await shown(page.getByText('Mật khẩu hiện tại không đúng.'));
    await context.close();
  });

  it('signs out and lands on the login page', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, 'dangvien');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await shown(page.getByRole('heading', { level: 1, name: 'Đăng nhập' }));
    // The session is gone on the server too: the home page sends us back.
    await page.goto('/');
    await shown(page.getByRole('heading', { level: 1, name: 'Đăng nhập' }));
    await context.close();
  });
});
