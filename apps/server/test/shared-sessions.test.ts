/**
 * Several server processes on one PostgreSQL database share sessions: a login on one is
 * valid on the other, and a logout on one ends it on both.
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
    const env = { DATABASE_URL: db.url ?? '', CHIBO_DEMO: '1' };
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
});
