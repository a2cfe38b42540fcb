/**
 * What the server log says (issue 9, point 5): each refused request with its status and code
 * and never what was sent; each lock-out; and at start the modes in force. The app's pino
 * logger writes into a stream the test reads line by line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { systemClock } from '../src/lib/context.ts';
import { backend, createTestDatabase, loginAs, testConfig, type TestDatabase } from './support/test-app.ts';
import { startServer } from './support/server-process.ts';

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}
const INFO = 30;
const WARN = 40;

let db: TestDatabase;
let app: FastifyInstance;
const lines: string[] = [];
const logged = () => lines.map((l) => JSON.parse(l) as LogLine);
const refusals = () => logged().filter((l) => l.event === 'request.refused');

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemo(db.database.db, systemClock);
  const config = testConfig({ logLevel: 'info', loginMaxFailures: 2 });
  app = await buildApp({ config, database: db.database, serveWeb: false, logStream: { write: (l) => void lines.push(l) } });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

describe('refused requests', () => {
  it('a refused login logs its route, status and code at info, and not the password', async () => {
    const password = 'Bí-mật-riêng-7731';
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '192.0.2.61', payload: { login: 'dangvien', password } });
    expect(res.statusCode).toBe(401);
    expect(refusals()).toContainEqual(
      expect.objectContaining({ level: INFO, method: 'POST', route: '/api/v1/auth/login', status: 401, code: 'invalid_credentials', ip: '192.0.2.61' }),
    );
    expect(lines.join('\n')).not.toContain(password);
  });

  it('a lock-out logs a warning naming the account and the address, and its 429 at warn', async () => {
    const attempt = () => app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '192.0.2.62', payload: { login: 'bithu', password: 'sai' } });
    await attempt();
    expect((await attempt()).statusCode).toBe(429);
    const bithu = (await loginAs(app, 'bithu')).me.account.id;
    expect(logged()).toContainEqual(expect.objectContaining({ level: WARN, event: 'login.locked', scope: 'account', ip: '192.0.2.62', accountId: bithu, minutes: 15 }));
    expect(refusals()).toContainEqual(expect.objectContaining({ level: WARN, status: 429, code: 'rate_limited', route: '/api/v1/auth/login' }));
  });

  it('a lock-out of a login no one has names no account and not the login', async () => {
    const name = 'ten-go-nham-8842';
    for (let i = 0; i < 2; i++) await app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '192.0.2.63', payload: { login: name, password: 'sai' } });
    const lock = logged().find((l) => l.event === 'login.locked' && l.ip === '192.0.2.63');
    expect(lock).toMatchObject({ level: WARN, scope: 'account' });
    expect(lock).not.toHaveProperty('accountId');
    expect(lines.join('\n')).not.toContain(name);
  });

  it('a refused call with a session logs the account, but no cookie, CSRF token or query string', async () => {
    const s = await loginAs(app, 'dangvien');
    const token = s.cookie.split('=')[1] ?? '';
    const forged = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': 'forged-csrf-5521' } });
    expect(forged.statusCode).toBe(403);
    const missing = await app.inject({ method: 'GET', url: '/api/v1/members/00000000-0000-4000-8000-000000000000?q=tim-kiem-rieng', headers: s.headers() });
    expect(missing.statusCode).toBe(404);
    expect(refusals()).toContainEqual(expect.objectContaining({ level: INFO, status: 403, code: 'csrf_failed', accountId: s.me.account.id, route: '/api/v1/auth/logout' }));
    // The matched pattern, not the id; the query string never.
    expect(refusals()).toContainEqual(expect.objectContaining({ status: 404, code: 'not_found', route: '/api/v1/members/:id', accountId: s.me.account.id }));
    const all = lines.join('\n');
    for (const secret of [token, s.csrf, 'forged-csrf-5521', 'tim-kiem-rieng']) expect(all).not.toContain(secret);
  });

  it('an unmatched URL is logged without its query string', async () => {
    await app.inject({ method: 'GET', url: '/api/v1/khong-co?token=bi-mat-9' });
    expect(refusals()).toContainEqual(expect.objectContaining({ status: 404, code: 'not_found', route: '/api/v1/khong-co' }));
    expect(lines.join('\n')).not.toContain('bi-mat-9');
  });

  it('successful requests add no refusal line', async () => {
    const before = refusals().length;
    await loginAs(app, 'capuy');
    expect(refusals().length).toBe(before);
  });
});

describe('start-up', { timeout: 120_000 }, () => {
  let dir: string;
  let own: TestDatabase | undefined;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-log-'));
    own = backend === 'postgres' ? await createTestDatabase() : undefined;
    await own?.database.close();
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await own?.drop();
  });

  it('logs the modes in force, and says plainly when e-mail is off', async () => {
    const server = await startServer({ LOG_LEVEL: 'info', CHIBO_DATA_DIR: dir, DATABASE_URL: own?.url ?? '', CHIBO_SMTP_URL: '', CHIBO_JOBS: 'false', CHIBO_REMINDERS: '3d,2h,30m' });
    await server.stop();
    const json = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogLine);
    expect(json).toContainEqual(
      expect.objectContaining({ level: INFO, msg: 'modes', database: backend === 'postgres' ? 'postgres' : 'embedded', email: 'off', jobs: 'off', reminders: ['3d', '2h', '30m'] }),
    );
    expect(json).toContainEqual(expect.objectContaining({ level: INFO, email: 'off', msg: expect.stringContaining('notices stay in the app inbox only') as unknown }));
  });
});
