import { describe, expect, it } from 'vitest';
import { DEMO_SUPERIOR, openPage, QUY_TRO_VON_CELL, shown, signIn, useBrowser } from './browser.ts';

describe('superior committee (capuy)', () => {
  const browser = useBrowser();

  it('sees the organization tree with its cells and opens one', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, 'capuy');

    const tree = await shown(page.getByRole('navigation', { name: 'Các tổ chức đảng đang theo dõi' }));
    await shown(tree.getByRole('link', { name: DEMO_SUPERIOR }));
    await shown(tree.getByRole('link', { name: QUY_TRO_VON_CELL }));
    await shown(tree.getByRole('link', { name: 'Chi bộ Văn phòng Liên đoàn Lao động thành phố' }));
    await shown(tree.getByRole('link', { name: 'Chi bộ Ban Tổ chức – Kiểm tra' }));
    // The cells sit one level below the committee: in its nested list.
    expect(await tree.locator('li li').filter({ hasText: QUY_TRO_VON_CELL }).count()).toBe(1);

    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await shown(nav.getByRole('link', { name: 'Tổ chức đảng' }));
    await shown(nav.getByRole('link', { name: 'Nhật ký thay đổi' }));

    await tree.getByRole('link', { name: QUY_TRO_VON_CELL }).click();
    await shown(page.getByRole('heading', { level: 1, name: QUY_TRO_VON_CELL }));
    expect(new URL(page.url()).pathname).toMatch(/^\/to-chuc\/[0-9a-f-]{36}$/);
    await shown(page.getByText('Chi bộ trực thuộc').first());
    await shown(page.getByTestId('roster').getByText('Lê Minh Tuấn', { exact: true }));
    await context.close();
  });

  it('opens the tree page from the menu', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, 'capuy');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tổ chức đảng' }).click();
    await shown(page.getByRole('heading', { level: 1, name: 'Tổ chức đảng' }));
    const tree = await shown(page.getByRole('navigation', { name: 'Cây tổ chức đảng' }));
    await shown(tree.getByRole('link', { name: QUY_TRO_VON_CELL }));
    await context.close();
  });
});
