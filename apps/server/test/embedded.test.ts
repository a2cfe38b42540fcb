/**
 * The embedded database as a user runs it: `chibo serve --seed-demo` on a data directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginOver, runCli, startServer } from './support/server-process.ts';
import { WalFlusher } from '../src/db/wal-flusher.ts';
import { openDatabase } from '../src/db/client.ts';
import { backend } from './support/test-app.ts';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-embedded-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Embedded mode only: the PostgreSQL run covers the server mode.
describe.skipIf(backend === 'postgres')('embedded database', { timeout: 180_000 }, () => {
  it('a second process on the same directory refuses to start, with a clear message', async () => {
    const env = { CHIBO_DATA_DIR: dir, DATABASE_URL: '' };
    const first = await startServer(env, ['serve', '--seed-demo']);
    try {
      expect(first.output()).toContain('dangvien');
      const second = await runCli(['serve'], env);
      expect(second.code).toBe(1);
      expect(second.output).toContain('đang được một tiến trình Chi bộ số khác sử dụng');
      // ...and the first is unharmed.
      expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    } finally {
      expect(await first.stop()).toBe(0);
    }
  });

  it('a restart keeps the data and does not seed the demo twice', async () => {
    const env = { CHIBO_DATA_DIR: dir, DATABASE_URL: '' };
    const a = await startServer(env, ['serve', '--seed-demo']);
    const s = await loginOver(a.url, 'bithu', 'ChiBo@2026');
    const me = (await (await fetch(`${a.url}/api/v1/me`, { headers: { cookie: s.cookie } })).json()) as { homeOrganizationId: string };
    const add = await fetch(`${a.url}/api/v1/organizations/${me.homeOrganizationId}/members`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ fullName: 'Võ Thị Sáu Mới', status: 'official', admittedOn: '2010-05-19', confirmedOn: '2011-05-19' }),
    });
    expect(add.status).toBe(201);
    // A kill, not a clean stop: the acknowledged write must already be on disk.
    await a.stop('SIGKILL');

    const b = await startServer(env, ['serve', '--seed-demo']);
    try {
      expect(b.output()).toContain('không nạp lại');
      const s2 = await loginOver(b.url, 'capuy', 'ChiBo@2026');
      const orgs = (await (await fetch(`${b.url}/api/v1/organizations`, { headers: { cookie: s2.cookie } })).json()) as { items: unknown[] };
      expect(orgs.items).toHaveLength(4);
      const roster = (await (await fetch(`${b.url}/api/v1/organizations/${me.homeOrganizationId}/members`, { headers: { cookie: s2.cookie } })).json()) as { items: { fullName: string }[] };
      expect(roster.items.map((m) => m.fullName)).toContain('Võ Thị Sáu Mới');
      // The session made before the kill is still valid: sessions live in the database.
      expect((await fetch(`${b.url}/api/v1/me`, { headers: { cookie: s.cookie } })).status).toBe(200);
    } finally {
      await b.stop();
    }
  });

  it('the WAL flusher fsyncs the segments a commit wrote', async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-wal-'));
    try {
      const database = await openDatabase({ dataDir: d });
      const flusher = new WalFlusher(path.join(d, 'pgdata'));
      flusher.flushWal();
      await database.db.execute('create table t (x int)');
      await database.db.execute('insert into t values (1)');
      expect(flusher.flushWal()).toBeGreaterThanOrEqual(1);
      // After a checkpoint the whole directory is synced, not only the WAL.
      class Spy extends WalFlusher {
        full = 0;
        override syncAll(): void {
          this.full++;
          super.syncAll();
        }
      }
      const spy = new Spy(path.join(d, 'pgdata'));
      await database.db.execute('insert into t values (2)');
      spy.flush();
      expect(spy.full).toBe(0);
      await database.db.execute('checkpoint');
      spy.flush();
      expect(spy.full).toBe(1);
      await database.close();
      // Released: the directory opens again in this same process.
      const reopened = await openDatabase({ dataDir: d });
      await reopened.close();
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
});

describe('acknowledged writes are flushed before the reply', () => {
  it('every mutating request calls flush() before its response is sent; reads do not', async () => {
    const { createTestDatabase, testConfig, loginAs } = await import('./support/test-app.ts');
    const { buildApp } = await import('../src/app.ts');
    const { seedDemo } = await import('../src/demo/seed-demo.ts');
    const { systemClock } = await import('../src/lib/context.ts');
    const db = await createTestDatabase();
    await seedDemo(db.database.db, systemClock);
    const events: string[] = [];
    // The embedded database as the app sees it, with flush() observed.
    const database = { ...db.database, mode: 'embedded' as const, flush: () => void events.push('flush') };
    const app = await buildApp({ config: testConfig(), database, serveWeb: false, logger: false });
    app.addHook('onResponse', async () => void events.push('response'));
    try {
      const s = await loginAs(app, 'bithu');
      expect(events).toEqual(['flush', 'response']);
      events.length = 0;
      await app.inject({ method: 'GET', url: '/api/v1/me', headers: s.headers() });
      expect(events).toEqual(['response']);
      events.length = 0;
      const res = await app.inject({ method: 'POST', url: `/api/v1/organizations/${s.me.homeOrganizationId}/members`, headers: s.headers(), payload: { fullName: 'Lò Văn Páo', status: 'official', admittedOn: '2010-05-19', confirmedOn: '2011-05-19' } });
      expect(res.statusCode).toBe(201);
      expect(events).toEqual(['flush', 'response']);
    } finally {
      await app.close();
      await db.drop();
    }
  });
});
