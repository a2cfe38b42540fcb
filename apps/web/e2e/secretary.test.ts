import { describe, expect, it } from 'vitest';
import { openPage, shown, signIn, useBrowser } from './browser.ts';

describe('cell secretary (bithu)', () => {
  const browser = useBrowser();

  it('adds a member with a Vietnamese name and sees them in the roster', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, 'bithu');
    const roster = page.getByTestId('roster');
    await shown(roster.getByText('Lê Minh Tuấn', { exact: true }));
    const before = await roster.locator('li').count();

    await page.getByRole('button', { name: 'Thêm đảng viên' }).click();
    const dialog = await shown(page.getByRole('dialog', { name: 'Thêm đảng viên' }));

    // The schema's own rule, before anything is sent: a name needs at least two letters.
    await dialog.getByLabel('Họ và tên').fill('A');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await shown(dialog.getByText('Cần ít nhất 2 ký tự.'));

    await dialog.getByLabel('Họ và tên').fill('Trần Thị Ánh Nguyệt');
    await dialog.getByLabel('Tình trạng').selectOption({ label: 'Dự bị' });
    await dialog.getByLabel('Giới tính').selectOption({ label: 'Nữ' });
    await dialog.getByLabel('Ngày vào Đảng').fill('03/02/2026');
    await dialog.getByLabel('Số điện thoại').fill('0912 345 678');
    await dialog.getByRole('button', { name: 'Lưu' }).click();

    await dialog.waitFor({ state: 'hidden' });
    const added = await shown(roster.locator('li').filter({ hasText: 'Trần Thị Ánh Nguyệt' }));
    await shown(added.getByText('Dự bị', { exact: true }));
    expect(await roster.locator('li').count()).toBe(before + 1);

    // It was stored, not only drawn: it is still there after a reload.
    await page.reload();
    await shown(page.getByTestId('roster').getByText('Trần Thị Ánh Nguyệt', { exact: true }));
    await context.close();
  });

  it('sees the change log of the cell', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, 'bithu');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Nhật ký thay đổi' }).click();
    await shown(page.getByRole('heading', { level: 1, name: 'Nhật ký thay đổi' }));
    const table = await shown(page.getByRole('table'));
    await shown(table.getByRole('columnheader', { name: 'Thời gian' }));
    // dd/mm/yyyy HH:mm
    await shown(table.getByRole('cell').filter({ hasText: /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/ }).first());
    await context.close();
  });
});
