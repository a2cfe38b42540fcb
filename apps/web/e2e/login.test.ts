import { describe, expect, it } from 'vitest';
import { openPage, seriousA11yViolations, shown, useBrowser } from './browser.ts';

describe('login page', () => {
  const browser = useBrowser();

  it('sends a visitor without a session to the login page, in Vietnamese', async () => {
    const { context, page } = await openPage(browser());
    await page.goto('/');
    await shown(page.getByRole('heading', { level: 1, name: 'Đăng nhập' }));
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await shown(page.getByLabel('Tên đăng nhập hoặc thư điện tử'));
    await shown(page.getByRole('textbox', { name: 'Mật khẩu', exact: true }));
    await context.close();
  });

  it('shows the server’s Vietnamese message for a wrong password and stays on the page', async () => {
    const { context, page } = await openPage(browser());
    await page.goto('/dang-nhap');
    await page.getByLabel('Tên đăng nhập hoặc thư điện tử').fill('capuy');
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const alert = await shown(page.getByRole('alert').filter({ hasText: 'mật khẩu không đúng' }));
    expect(await alert.textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    await context.close();
  });

  it('switches to English and back, with <html lang> following', async () => {
    const { context, page } = await openPage(browser());
    await page.goto('/dang-nhap');
    await page.getByRole('button', { name: 'English' }).click();
    await shown(page.getByRole('heading', { level: 1, name: 'Sign in' }));
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    // The choice survives a reload.
    await page.reload();
    await shown(page.getByRole('heading', { level: 1, name: 'Sign in' }));
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await shown(page.getByRole('heading', { level: 1, name: 'Đăng nhập' }));
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await context.close();
  });

  it('has no serious or critical accessibility violation', async () => {
    const { context, page } = await openPage(browser());
    await page.goto('/dang-nhap');
    await shown(page.getByRole('heading', { level: 1, name: 'Đăng nhập' }));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });
});
