import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { horizontalOverflow, openPage, shown, signIn, useBrowser } from './browser.ts';

const PHONE = { width: 360, height: 740 };

function fontSizeOf(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (el) => parseFloat(getComputedStyle(el).fontSize));
}

describe('on a 360 px phone', () => {
  const browser = useBrowser();

  it('the home page has no horizontal scroll and the menu opens', async () => {
    const { context, page } = await openPage(browser(), { viewport: PHONE });
    await signIn(page, 'bithu');
    await shown(page.getByTestId('roster').getByText('Lê Minh Tuấn', { exact: true }));
    expect(await horizontalOverflow(page)).toBe(0);

    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    // Closed: the links are off screen.
    expect(await nav.getByRole('link', { name: 'Tài khoản' }).isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Mở trình đơn' }).click();
    await shown(nav.getByRole('link', { name: 'Tài khoản' }));
    await shown(nav.getByRole('button', { name: 'Đăng xuất' }));
    await nav.getByRole('link', { name: 'Tài khoản' }).click();
    await shown(page.getByRole('heading', { level: 1, name: 'Tài khoản' }));
    // Picking a page closes the menu again.
    await nav.getByRole('link', { name: 'Tài khoản' }).waitFor({ state: 'hidden' });
    expect(await horizontalOverflow(page)).toBe(0);
    await context.close();
  });

  it('large text makes the text bigger, stays after a reload, and still fits', async () => {
    const { context, page } = await openPage(browser(), { viewport: PHONE });
    await signIn(page, 'dangvien');
    await shown(page.getByTestId('roster').getByText('Nguyễn Thị Lan', { exact: true }));
    const h1Before = await fontSizeOf(page, 'h1');
    const nameBefore = await fontSizeOf(page, '[data-testid="roster"] li p');

    const toggle = page.getByRole('button', { name: 'Cỡ chữ lớn' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await page.locator('button[aria-pressed="true"]', { hasText: 'A+' }).waitFor();
    expect(await fontSizeOf(page, 'h1')).toBeGreaterThan(h1Before * 1.1);
    expect(await fontSizeOf(page, '[data-testid="roster"] li p')).toBeGreaterThan(nameBefore * 1.1);
    expect(await horizontalOverflow(page)).toBe(0);

    await page.reload();
    await shown(page.getByTestId('roster').getByText('Nguyễn Thị Lan', { exact: true }));
    expect(await fontSizeOf(page, 'h1')).toBeGreaterThan(h1Before * 1.1);
    await context.close();
  });
});
