import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('locks the account after repeated failures, even for the right password, and audits it', async () => {
    for (let i = 0; i < 2; i++) expect((await login('capuy', 'wrong')).statusCode).toBe(401);
    const third = await login('capuy', 'wrong');
    expect(third.statusCode).toBe(423);
    expect(third.json<{ error: string }>().error).toBe('account_locked');
    const right = await login('capuy', 'ChiBo@2026');
    expect(right.statusCode).toBe(423);
    const admin = await t.login('quantri');
    const audit = await t.app.inject({ method: 'GET', url: `/api/v1/audit?organizationId=${admin.me.grants[0]?.organizationId}`, headers: admin.headers() });
    const locked = audit.json<{ items: { action: string; data: { username?: string } }[] }>().items.filter((e) => e.action === 'account.locked');
    expect(locked).toHaveLength(1);
    expect(locked[0]?.data.username).toBe('capuy');
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
