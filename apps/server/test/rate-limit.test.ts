/**
 * The per-source sign-in limit (ADR 0009): failed sign-ins per minute from one source over all
 * accounts, counted in the database — so two app instances on one database share it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { backend, createTestApp, testConfig, type TestApp } from './support/test-app.ts';

let now = Date.parse('2026-04-06T08:00:00+07:00');
const clock = { now: () => new Date(now) };
const config = { loginRatePerMinute: 3, loginMaxFailures: 100 };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock, config });
});
afterAll(() => t.close());

const attempt = (app: FastifyInstance, ip: string, login: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { login, password } });

describe('sign-in limit per source', () => {
  it('answers 429 with the wait from the third failure, over any accounts, even for a right password', async () => {
    expect((await attempt(t.app, '192.0.2.1', 'dangvien', 'sai')).statusCode).toBe(401);
    expect((await attempt(t.app, '192.0.2.1', 'bithu', 'sai')).statusCode).toBe(401);
    const third = await attempt(t.app, '192.0.2.1', 'ai-do', 'sai');
    expect(third.statusCode).toBe(429);
    expect(third.json()).toEqual({ error: 'rate_limited', message: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 1 phút.' });
    expect((await attempt(t.app, '192.0.2.1', 'capuy', 'ChiBo@2026')).statusCode).toBe(429);
    // Other sources are not held up, and the source may try again after the minute.
    expect((await attempt(t.app, '192.0.2.2', 'capuy', 'ChiBo@2026')).statusCode).toBe(200);
    now += 61_000;
    expect((await attempt(t.app, '192.0.2.1', 'capuy', 'ChiBo@2026')).statusCode).toBe(200);
  });

  it('counts only failures: a meeting room behind one address signs everyone in', async () => {
    for (let i = 0; i < 4; i++) {
      for (const name of ['dangvien', 'bithu', 'capuy']) expect((await attempt(t.app, '192.0.2.3', name, 'ChiBo@2026')).statusCode).toBe(200);
    }
  });

  it('counts an IPv6 source by its /64: a new address on the same line does not start over', async () => {
    expect((await attempt(t.app, '2001:db8:7:1::a', 'dangvien', 'sai')).statusCode).toBe(401);
    expect((await attempt(t.app, '2001:db8:7:1:ffff::b', 'dangvien', 'sai')).statusCode).toBe(401);
    expect((await attempt(t.app, '2001:db8:7:1::c', 'dangvien', 'sai')).statusCode).toBe(429);
    expect((await attempt(t.app, '2001:db8:7:1::d', 'dangvien', 'ChiBo@2026')).statusCode).toBe(429);
    expect((await attempt(t.app, '2001:db8:7:2::d', 'dangvien', 'ChiBo@2026')).statusCode).toBe(200);
  });
});

/**
 * Two app instances on one database, as two processes behind a proxy: on PostgreSQL each has
 * its own connection pool; on PGlite they share the one embedded database.
 */
describe('two app instances on one database', () => {
  let second: FastifyInstance;
  let pool: Database | undefined;
  beforeAll(async () => {
    pool = backend === 'postgres' ? await openDatabase({ databaseUrl: t.db.url, poolMax: 2, migrate: false }) : undefined;
    second = await buildApp({ config: testConfig(config), database: pool ?? t.db.database, clock, serveWeb: false, logger: false });
    await second.ready();
  });
  afterAll(async () => {
    await second.close();
    await pool?.close();
  });

  it('share the count: failures split across the two still lock the source on both', async () => {
    expect((await attempt(t.app, '192.0.2.9', 'dangvien', 'sai')).statusCode).toBe(401);
    expect((await attempt(second, '192.0.2.9', 'bithu', 'sai')).statusCode).toBe(401);
    expect((await attempt(t.app, '192.0.2.9', 'capuy', 'sai')).statusCode).toBe(429);
    expect((await attempt(second, '192.0.2.9', 'quantri', 'ChiBo@2026')).statusCode).toBe(429);
    expect((await attempt(t.app, '192.0.2.9', 'quantri', 'ChiBo@2026')).statusCode).toBe(429);
  });
});
