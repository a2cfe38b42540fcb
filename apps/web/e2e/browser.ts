/**
 * Journeys drive Debian's Chromium through playwright-core. Each test gets its own context
 * (fresh cookies and localStorage); axe needs a page made by context.newPage().
 */
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, inject } from 'vitest';

export const DEMO_PASSWORD = 'ChiBo@2026';
export const QUY_TRO_VON_CELL =
  'Chi bộ Quỹ trợ vốn công nhân viên chức lao động nghèo Thủ đô phát triển kinh tế gia đình';
export const DEMO_SUPERIOR = 'Đảng bộ Cơ quan Liên đoàn Lao động thành phố Hà Nội';

export function baseUrl(): string {
  return inject('baseUrl');
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** One browser for the enclosing describe block: launched before its tests, closed after. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('useBrowser(): the browser is not launched yet');
    return browser;
  };
}

export interface Session {
  context: BrowserContext;
  page: Page;
}

export async function openPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; locale?: string; timezoneId?: string } = {},
): Promise<Session> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: options.locale ?? 'vi-VN',
    timezoneId: options.timezoneId ?? 'Asia/Ho_Chi_Minh',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/** Waits until the locator is visible: the page says it, not a clock. */
export async function shown(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible' });
  return locator;
}

/** Fills the login form as a user would and waits for the signed-in home page. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập hoặc thư điện tử').fill(username);
  await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await shown(page.getByRole('heading', { level: 1, name: 'Trang chủ' }));
}

/** The year plan page of a cell for `year`, planned (as an officer would) if the plan still has gaps. */
export async function openPlannedYear(page: Page, cellId: string, year: number): Promise<void> {
  await page.goto(`/to-chuc/${cellId}/ke-hoach?nam=${year}`);
  await shown(page.getByRole('heading', { level: 1, name: `Kế hoạch sinh hoạt năm ${year}` }));
  await shown(page.getByRole('heading', { level: 2, name: 'Lịch sinh hoạt theo tháng' }));
  const planButton = page.getByRole('button', { name: 'Lập kế hoạch năm' });
  if ((await planButton.count()) === 0) return;
  await planButton.click();
  const dialog = await shown(page.getByRole('dialog', { name: `Lập kế hoạch sinh hoạt năm ${year}` }));
  await dialog.getByLabel('Sinh hoạt chuyên đề vào').selectOption({ label: 'Tháng giữa của quý' });
  await dialog.getByRole('button', { name: 'Lập kế hoạch', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await shown(page.getByText(`Đã lập kế hoạch sinh hoạt năm ${year}.`));
}

export interface SeriousViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** axe on the current page: only what it rates serious or critical. */
export async function seriousA11yViolations(page: Page): Promise<SeriousViolation[]> {
  // Colours are judged as they rest, not halfway through a fade (a notification sliding in
  // is transparent for a moment): wait for the finite animations and transitions under way.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Width of the page beyond the viewport (0 = no horizontal scroll). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export interface OutsideButton {
  name: string;
  /** How far, in CSS pixels, the button's box reaches past its card's left or right edge. */
  by: number;
}

/**
 * Buttons whose box leaves the nearest card (Paper, Card, a dialog's content) on the left or
 * the right: cut off, or only reachable by scrolling a table sideways to find them.
 */
export function buttonsOutsideCards(page: Page): Promise<OutsideButton[]> {
  return page.evaluate(() => {
    const out: { name: string; by: number }[] = [];
    for (const b of Array.from(document.querySelectorAll<HTMLElement>('button, a.mantine-Button-root'))) {
      const r = b.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(b).visibility === 'hidden') continue;
      const card = b.parentElement?.closest('.mantine-Paper-root, .mantine-Card-root');
      if (!card) continue;
      const c = card.getBoundingClientRect();
      const by = Math.max(c.left - r.left, r.right - c.right);
      // Half a pixel of rounding is not a button leaving its card.
      if (by > 0.5) out.push({ name: (b.getAttribute('aria-label') ?? b.textContent ?? '').trim(), by: Math.round(by) });
    }
    return out;
  });
}
