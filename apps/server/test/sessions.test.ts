/** Session lifetime (idle and absolute) and the lockout under a parallel burst. */
import { count, lt } from 'drizzle-orm';
import { sessions } from '../src/db/schema/index.ts';
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
  it('gives at most loginMaxFailures real tries, then refuses even the right password', async () => {
    const attempt = (password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'quantri', password } });
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt('sai-mat-khau')));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 423).length).toBeGreaterThanOrEqual(15);
    expect((await attempt('ChiBo@2026')).statusCode).toBe(423);
    now += 16 * 60_000; // the lock lasts 15 minutes
    expect((await attempt('ChiBo@2026')).statusCode).toBe(200);
  });
});
