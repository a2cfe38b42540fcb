/** Session lifetime (idle and absolute) and the lockout under a parallel burst. */
import { count, like, lt } from 'drizzle-orm';
import { loginThrottles, sessions } from '../src/db/schema/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.ts';

const HOUR = 3_600_000;
let now = Date.parse('2026-03-02T08:00:00+07:00');
const clock = { now: () => new Date(now) };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock, config: { sessionTtlHours: 12, sessionMaxHours: 48, loginMaxFailures: 5, loginRatePerMinute: 10_000 } });
});
afterAll(() => t.close());

const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });

describe('session lifetime', () => {
  it('ends after the idle time', async () => {
    const s = await t.login('dangvien');
    now += 11 * HOUR;
    expect((await me(s.cookie)).statusCode).toBe(200);
    now += 13 * HOUR; // 13 h after the last use
    expect((await me(s.cookie)).statusCode).toBe(401);
  });

  it('slides with use, but never past the absolute lifetime', async () => {
    const s = await t.login('bithu');
    for (let i = 0; i < 4; i++) {
      now += 11 * HOUR; // 44 h after login, used every 11 h
      expect((await me(s.cookie)).statusCode, `after ${(i + 1) * 11} h`).toBe(200);
    }
    now += 5 * HOUR; // 49 h: past the 48 h cap although used 5 h ago
    expect((await me(s.cookie)).statusCode).toBe(401);
  });

  it('expired sessions are deleted, not kept forever', async () => {
    now += 100 * HOUR;
    await t.login('capuy');
    const [row] = await t.db.database.db.select({ n: count() }).from(sessions).where(lt(sessions.expiresAt, new Date(now)));
    expect(row?.n).toBe(0);
    const [all] = await t.db.database.db.select({ n: count() }).from(sessions);
    expect(all?.n).toBeGreaterThan(0);
  });
});

describe('lockout under a parallel burst', () => {
  const attempt = (login: string, password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password } });
  const burst = async (login: string) => (await Promise.all(Array.from({ length: 20 }, () => attempt(login, 'sai-mat-khau')))).map((r) => r.statusCode);

  it('gives at most loginMaxFailures real tries, then refuses even the right password', async () => {
    const statuses = await burst('quantri');
    // Every try is counted before its password is checked: the fifth locks, the rest wait.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(4);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(16);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect((await attempt('quantri', 'ChiBo@2026')).statusCode).toBe(429);
    now += 16 * 60_000; // the lock lasts 15 minutes
    expect((await attempt('quantri', 'ChiBo@2026')).statusCode).toBe(200);
  });

  it('answers a burst on a login no one has exactly as one on a real account', async () => {
    const real = await burst('dangvien');
    const unknown = await burst('khong-ton-tai');
    const tally = (xs: number[]) => ({ 401: xs.filter((s) => s === 401).length, 429: xs.filter((s) => s === 429).length });
    expect(tally(unknown)).toEqual(tally(real));
  });

  it('deletes counters whose time is over at the next successful sign-in', async () => {
    const fromElsewhere = (login: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '192.0.2.77', payload: { login, password: 'sai' } });
    await fromElsewhere('bithu');
    await fromElsewhere('ten-khong-co');
    const left = async () => (await t.db.database.db.select({ n: count() }).from(loginThrottles).where(like(loginThrottles.key, '%192.0.2.77'))).at(0)?.n;
    expect(await left()).toBe(3); // two names and the source
    now += 16 * 60_000;
    await t.login('capuy');
    expect(await left()).toBe(0);
  });
});
