/** The operator's commands, run as the real `chibo` process. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, createTestDatabase, testConfig, loginAs, type TestDatabase } from './support/test-app.ts';
import { runCli } from './support/server-process.ts';
import { openDatabase } from '../src/db/client.ts';
import { buildApp } from '../src/app.ts';

let dir: string;
let own: TestDatabase | undefined;
let env: Record<string, string>;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-cli-'));
  own = backend === 'postgres' ? await createTestDatabase() : undefined;
  await own?.database.close();
  env = { CHIBO_DATA_DIR: dir, DATABASE_URL: own?.url ?? '' };
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await own?.drop();
});

describe('chibo', { timeout: 120_000 }, () => {
  it('seed-demo seeds once and lists the demo accounts', async () => {
    const first = await runCli(['seed-demo'], env);
    expect(first.code).toBe(0);
    expect(first.output).toContain('Đã nạp dữ liệu dùng thử');
    expect(first.output).toMatch(/bithu\s+mật khẩu: ChiBo@2026/);
    const again = await runCli(['seed-demo'], env);
    expect(again.output).toContain('không nạp lại');
  });

  it('user reset-password sets a new password that works, and the old one stops working', async () => {
    const res = await runCli(['user', 'reset-password', 'bithu', '--password', 'MatKhauMoi#2026'], env);
    expect(res.code).toBe(0);
    expect(res.output).toContain('Đã đặt lại mật khẩu cho bithu');
    const database = await openDatabase({ databaseUrl: own?.url, dataDir: dir });
    const app = await buildApp({ config: testConfig(), database, serveWeb: false, logger: false });
    try {
      await expect(loginAs(app, 'bithu', 'ChiBo@2026')).rejects.toThrow('401');
      expect((await loginAs(app, 'bithu', 'MatKhauMoi#2026')).me.permissions).toContain('member.manage');
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('user reset-password names an unknown account and exits non-zero', async () => {
    const res = await runCli(['user', 'reset-password', 'khongtontai', '--password', 'MatKhauMoi#2026'], env);
    expect(res.code).toBe(2);
    expect(res.output).toContain('Không có tài khoản "khongtontai"');
  });

  it('init creates a root organization and an administrator whose printed password works', async () => {
    const res = await runCli(['init', '--organization', 'Đảng bộ Khối Doanh nghiệp thành phố', '--admin', 'QuanTri2'], env);
    expect(res.code, res.output).toBe(0);
    expect(res.output).toContain('tài khoản quản trị quantri2');
    const password = /Mật khẩu: (\S+)/.exec(res.output)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    const database = await openDatabase({ databaseUrl: own?.url, dataDir: dir });
    const app = await buildApp({ config: testConfig(), database, serveWeb: false, logger: false });
    try {
      const s = await loginAs(app, 'quantri2', password);
      expect(s.me.permissions).toContain('rules.manage');
      const orgs = (await app.inject({ method: 'GET', url: '/api/v1/organizations', headers: s.headers() })).json<{ items: { name: string }[] }>();
      // Its own tree only: the demo's organizations are another root.
      expect(orgs.items.map((o) => o.name)).toEqual(['Đảng bộ Khối Doanh nghiệp thành phố']);
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('init refuses a bad username or a taken one, in Vietnamese', async () => {
    const bad = await runCli(['init', '--organization', 'Đảng bộ Thử', '--admin', 'Quản trị'], env);
    expect(bad.code).toBe(2);
    expect(bad.output).toContain('Tên đăng nhập gồm');
    const taken = await runCli(['init', '--organization', 'Đảng bộ Thử', '--admin', 'bithu'], env);
    expect(taken.code).toBe(2);
    expect(taken.output).toContain('Tài khoản "bithu" đã có');
  });

  it('an unknown command gets help, not a stack trace', async () => {
    const res = await runCli(['lam-gi-do'], env);
    expect(res.code).not.toBe(0);
    expect(res.output).toContain('Usage: chibo');
  });
});

describe.skipIf(backend !== 'postgres')('serve --seed-demo on PostgreSQL', { timeout: 120_000 }, () => {
  it('does not put the demo accounts on a production database unless CHIBO_DEMO=1', async () => {
    const fresh = await createTestDatabase();
    await fresh.database.close();
    try {
      const { startServer } = await import('./support/server-process.ts');
      const server = await startServer({ DATABASE_URL: fresh.url ?? '' }, ['serve', '--seed-demo']);
      await server.stop();
      expect(server.output()).toContain('không nạp dữ liệu dùng thử');
      const database = await openDatabase({ databaseUrl: fresh.url });
      const app = await buildApp({ config: testConfig(), database, serveWeb: false, logger: false });
      try {
        await expect(loginAs(app, 'quantri')).rejects.toThrow('401');
      } finally {
        await app.close();
        await database.close();
      }
    } finally {
      await fresh.drop();
    }
  });
});
