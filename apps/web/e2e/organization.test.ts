import { describe, expect, it } from 'vitest';
import { DEMO_SUPERIOR, openPage, QUY_TRO_VON_CELL, seriousA11yViolations, shown, signIn, useBrowser } from './browser.ts';

describe('organization settings and actions (capuy)', () => {
  const browser = useBrowser();

  it('a setting made on the committee is inherited by its cells, and says where it comes from', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, 'capuy');
    const tree = page.getByRole('navigation', { name: 'Các tổ chức đảng đang theo dõi' });
    await tree.getByRole('link', { name: DEMO_SUPERIOR }).click();
    await shown(page.getByRole('heading', { level: 1, name: DEMO_SUPERIOR }));

    const settings = page.getByRole('region', { name: 'Thiết lập' });
    // Until someone sets it, the default applies, with its source.
    await shown(settings.getByText(/^Mặc định — Chi bộ số, cấp ủy đặt lại được/));
    // The rules in force are shown with the settings, read-only: the target day the plan is judged by.
    await shown(settings.getByTestId('rule-in-force-targetDay').getByText('trước ngày 10 hằng tháng', { exact: true }));
    await settings.getByLabel('Báo trước khi hết dự bị').fill('45');
    await settings.getByRole('button', { name: 'Lưu' }).click();
    await shown(settings.getByText('Tổ chức này tự đặt'));
    await shown(settings.getByText('45 ngày'));

    await page.getByRole('link', { name: QUY_TRO_VON_CELL, exact: true }).first().click();
    await shown(page.getByRole('heading', { level: 1, name: QUY_TRO_VON_CELL }));
    const cellSettings = page.getByRole('region', { name: 'Thiết lập' });
    await shown(cellSettings.getByText('45 ngày'));
    await shown(cellSettings.getByText(`Kế thừa từ ${DEMO_SUPERIOR}`));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it('dissolving a cell asks for the decision and is refused while members remain', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, 'capuy');
    await page.getByRole('navigation', { name: 'Các tổ chức đảng đang theo dõi' }).getByRole('link', { name: 'Chi bộ Ban Tổ chức – Kiểm tra' }).click();
    await shown(page.getByRole('heading', { level: 1, name: 'Chi bộ Ban Tổ chức – Kiểm tra' }));

    await page.getByRole('button', { name: 'Giải thể' }).click();
    const dialog = await shown(page.getByRole('dialog', { name: 'Giải thể tổ chức đảng' }));
    // The decision reference is required before anything is sent.
    await dialog.getByRole('button', { name: 'Xác nhận giải thể' }).click();
    await shown(dialog.getByText('Cần ít nhất 2 ký tự.'));
    await dialog.getByLabel('Số quyết định giải thể').fill('15-QĐ/ĐU');
    await dialog.getByRole('button', { name: 'Xác nhận giải thể' }).click();
    await shown(dialog.getByRole('alert').filter({ hasText: 'Còn đảng viên đang sinh hoạt' }));
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    // Still open: no "Đã giải thể" badge.
    expect(await page.getByText('Đã giải thể', { exact: true }).count()).toBe(0);
    await context.close();
  });
});
