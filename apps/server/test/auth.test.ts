import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, auditEvents } from '../src/db/schema/index.ts';
import { resetPassword } from '../src/modules/auth/auth.service.ts';
import { systemClock } from '../src/lib/context.ts';
import { createTestApp, sessionCookieOf, type TestApp } from './support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { loginMaxFailures: 3, loginRatePerMinute: 1000 } });
});
afterAll(() => t.close());

const login = (login: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password } });

describe('login', () => {
  it('sets an HttpOnly SameSite session cookie and returns the caller with permissions', async () => {
    const res = await login('bithu', 'ChiBo@2026');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'chibo_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const me = res.json<{ account: { username: string }; permissions: string[]; csrfToken: string; homeOrganizationId: string }>();
    expect(me.account.username).toBe('bithu');
    expect(me.permissions).toContain('member.manage');
    expect(me.permissions).not.toContain('oversight.read');
    expect(me.homeOrganizationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(me.csrfToken.length).toBeGreaterThan(20);
  });

  it('accepts the username in any case', async () => {
    expect((await login('BiThu', 'ChiBo@2026')).statusCode).toBe(200);
  });

  it('refuses a wrong password and an unknown user alike, in Vietnamese', async () => {
    const wrong = await login('dangvien', 'sai-mat-khau');
    const unknown = await login('khongco', 'sai-mat-khau');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: 'invalid_credentials', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
    expect(unknown.json()).toEqual(wrong.json());
  });

});

/**
 * Sign-in counters (ADR 0009), with loginMaxFailures 3 and the 15-minute default lock. Each
 * test comes from its own addresses (inject's remoteAddress), as separate people would.
 */
describe('throttled sign-in', () => {
  const from = (ip: string, name: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { login: name, password } });
  const WAIT = { error: 'rate_limited', message: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.' };

  it('answers a known and an unknown login the same after three failures: 429 with the wait', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push((await from('192.0.2.10', 'capuy', 'sai-mat-khau')).statusCode);
      unknown.push((await from('192.0.2.10', 'khong-ai-co', 'sai-mat-khau')).statusCode);
    }
    expect(known).toEqual([401, 401, 429]);
    expect(unknown).toEqual(known);
    const lockedKnown = await from('192.0.2.10', 'capuy', 'ChiBo@2026');
    const lockedUnknown = await from('192.0.2.10', 'khong-ai-co', 'ChiBo@2026');
    expect(lockedKnown.statusCode).toBe(429);
    expect(lockedKnown.json()).toEqual(WAIT);
    expect(lockedUnknown.statusCode).toBe(lockedKnown.statusCode);
    expect(lockedUnknown.json()).toEqual(lockedKnown.json());
    expect(lockedKnown.headers['retry-after']).toBe('900');
    expect(lockedUnknown.headers['retry-after']).toBe(lockedKnown.headers['retry-after']);
  });

  it('does not let a stranger lock an officer out: the right password from elsewhere signs in', async () => {
    for (let i = 0; i < 3; i++) await from('198.51.100.66', 'bithu', 'doan-bua');
    expect((await from('198.51.100.66', 'bithu', 'ChiBo@2026')).json()).toEqual(WAIT);
    expect((await from('203.0.113.5', 'bithu', 'ChiBo@2026')).statusCode).toBe(200);
    // The officer's login cleared only the officer's own source: the stranger still waits.
    expect((await from('198.51.100.66', 'bithu', 'ChiBo@2026')).statusCode).toBe(429);
  });

  it('a right password clears its source’s count: failures do not add up across sign-ins', async () => {
    for (let round = 0; round < 3; round++) {
      expect((await from('192.0.2.20', 'quantri', 'go-nham')).statusCode).toBe(401);
      expect((await from('192.0.2.20', 'quantri', 'go-nham')).statusCode).toBe(401);
      expect((await from('192.0.2.20', 'quantri', 'ChiBo@2026')).statusCode).toBe(200);
    }
  });

  it('audits the lock-out of a real account once, and writes nothing naming an unknown login', async () => {
    for (let i = 0; i < 3; i++) await from('192.0.2.30', 'dangvien', 'sai');
    for (let i = 0; i < 3; i++) await from('192.0.2.30', 'ten-la-hoac-mat-khau', 'sai');
    const rows = await t.db.database.db.select({ action: auditEvents.action, targetId: auditEvents.targetId, data: auditEvents.data }).from(auditEvents);
    const locks = rows.filter((r) => r.action === 'account.locked');
    const dangvien = (await t.login('dangvien')).me.account.id;
    expect(locks.filter((r) => r.targetId === dangvien)).toEqual([
      { action: 'account.locked', targetId: dangvien, data: { username: 'dangvien', failures: 3, ip: '192.0.2.30', minutes: 15 } },
    ]);
    expect(JSON.stringify(rows)).not.toContain('ten-la-hoac-mat-khau');
  });

  it('tells a disabled account so only to the right password', async () => {
    const id = (await t.login('capuy')).me.account.id;
    await t.db.database.db.update(accounts).set({ disabledAt: new Date() }).where(eq(accounts.id, id));
    try {
      const wrong = await from('192.0.2.40', 'capuy', 'sai');
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json<{ error: string }>().error).toBe('invalid_credentials');
      expect((await from('192.0.2.40', 'capuy', 'ChiBo@2026')).json<{ error: string }>().error).toBe('account_disabled');
    } finally {
      await t.db.database.db.update(accounts).set({ disabledAt: null }).where(eq(accounts.id, id));
    }
  });
});

describe('sessions', () => {
  it('GET /me needs a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json<{ error: string }>().error).toBe('unauthenticated');
  });

  it('a forged or expired cookie is no session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: 'chibo_session=forged' } });
    expect(res.statusCode).toBe(401);
  });

  it('mutations need the CSRF token of the session', async () => {
    const s = await t.login('bithu');
    const cell = s.me.homeOrganizationId;
    const payload = { fullName: 'Trần Văn Kiên', status: 'official', admittedOn: '2010-05-19', confirmedOn: '2011-05-19' };
    const noToken = await t.app.inject({ method: 'POST', url: `/api/v1/organizations/${cell}/members`, headers: { cookie: s.cookie }, payload });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json<{ error: string }>().error).toBe('csrf_failed');
    const badToken = await t.app.inject({ method: 'POST', url: `/api/v1/organizations/${cell}/members`, headers: { cookie: s.cookie, 'x-csrf-token': 'x' }, payload });
    expect(badToken.statusCode).toBe(403);
    const ok = await t.app.inject({ method: 'POST', url: `/api/v1/organizations/${cell}/members`, headers: s.headers(), payload });
    expect(ok.statusCode).toBe(201);
  });

  it('logout ends the session', async () => {
    const s = await t.login('dangvien');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers() })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });
});

describe('password change', () => {
  it('needs the current password, ends other sessions, and the new password works', async () => {
    const a = await t.login('dangvien');
    const b = await t.login('dangvien');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: a.headers(), payload: { currentPassword: 'nope', newPassword: 'MatKhauMoi#1' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ error: string }>().error).toBe('wrong_password');
    const short = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: a.headers(), payload: { currentPassword: 'ChiBo@2026', newPassword: 'ngan' } });
    expect(short.statusCode).toBe(400);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: a.headers(), payload: { currentPassword: 'ChiBo@2026', newPassword: 'MatKhauMoi#1' } });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: a.cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: b.cookie } })).statusCode).toBe(401);
    expect((await login('dangvien', 'ChiBo@2026')).statusCode).toBe(401);
    const fresh = await login('dangvien', 'MatKhauMoi#1');
    expect(fresh.statusCode).toBe(200);
    expect(sessionCookieOf(fresh)).toMatch(/^chibo_session=/);
  });
});

describe('password change under the sign-in counters', () => {
  it('counts a wrong current password like a failed login from the same source', async () => {
    const s = await t.login('quantri');
    const change = (currentPassword: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/password', remoteAddress: '192.0.2.50', headers: s.headers(), payload: { currentPassword, newPassword: 'MatKhauMoi#9' } });
    expect((await change('doan-1')).json<{ error: string }>().error).toBe('wrong_password');
    expect((await change('doan-2')).statusCode).toBe(400);
    const third = await change('doan-3');
    expect(third.statusCode).toBe(429);
    expect(third.json<{ message: string }>().message).toBe('Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.');
    // Even the right current password waits now, and so does a login from that source.
    expect((await change('ChiBo@2026')).statusCode).toBe(429);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '192.0.2.50', payload: { login: 'quantri', password: 'ChiBo@2026' } });
    expect(again.statusCode).toBe(429);
  });
});

describe('operator reset', () => {
  it('lifts the account’s locks from every source', async () => {
    // bithu is still locked from the stranger's address (above).
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '198.51.100.66', payload: { login: 'bithu', password: 'ChiBo@2026' } })).statusCode).toBe(429);
    await resetPassword(t.db.database.db, systemClock, 'bithu', 'MatKhauMoi#3');
    const after = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '198.51.100.66', payload: { login: 'bithu', password: 'MatKhauMoi#3' } });
    expect(after.statusCode).toBe(200);
  });
});
