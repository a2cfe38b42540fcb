/**
 * Several server processes on one PostgreSQL database share sessions: a login on one is
 * valid on the other, and a logout on one ends it on both. They share the sign-in counters
 * too (ADR 0009): failures split across them add up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, createTestDatabase, type TestDatabase } from './support/test-app.ts';
import { loginOver, startServer, type ServerProcess } from './support/server-process.ts';

describe.skipIf(backend !== 'postgres')('two server processes on one PostgreSQL', { timeout: 180_000 }, () => {
  let db: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
    await db.database.close();
    // Four failed sign-ins a minute from one source, counted over both processes.
    const env = { DATABASE_URL: db.url ?? '', CHIBO_DEMO: '1', CHIBO_LOGIN_RATE_PER_MINUTE: '4' };
    // Started together on a fresh database: both migrate and seed at once.
    [a, b] = await Promise.all([startServer(env, ['serve', '--seed-demo']), startServer(env, ['serve', '--seed-demo'])]);
  });
  afterAll(async () => {
    await a.stop();
    await b.stop();
    await db.drop();
  });

  it('a login on one is valid on the other, and the demo was seeded once', async () => {
    const s = await loginOver(a.url, 'capuy', 'ChiBo@2026');
    const me = await fetch(`${b.url}/api/v1/me`, { headers: { cookie: s.cookie } });
    expect(me.status).toBe(200);
    const orgs = (await (await fetch(`${b.url}/api/v1/organizations`, { headers: { cookie: s.cookie } })).json()) as { items: unknown[] };
    expect(orgs.items).toHaveLength(4);
  });

  it('a logout on one ends the session on the other', async () => {
    const s = await loginOver(b.url, 'dangvien', 'ChiBo@2026');
    const out = await fetch(`${a.url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    expect(out.status).toBe(200);
    expect((await fetch(`${b.url}/api/v1/me`, { headers: { cookie: s.cookie } })).status).toBe(401);
  });

  it('failures split across the two processes still lock the source on both', async () => {
    const attempt = (url: string, login: string, password: string) =>
      fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
    const statuses = [];
    for (const [url, login] of [[a.url, 'dangvien'], [b.url, 'bithu'], [a.url, 'khong-co'], [b.url, 'capuy']] as const) statuses.push((await attempt(url, login, 'sai')).status);
    // Alone, each process would have seen two failures, under its limit of four.
    expect(statuses).toEqual([401, 401, 401, 429]);
    const onA = await attempt(a.url, 'quantri', 'ChiBo@2026');
    expect(onA.status).toBe(429);
    expect(((await onA.json()) as { message: string }).message).toBe('Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 1 phút.');
    expect((await attempt(b.url, 'quantri', 'ChiBo@2026')).status).toBe(429);
  });
});
