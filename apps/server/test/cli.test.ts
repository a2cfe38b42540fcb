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

  it('an unknown command gets help, not a stack trace', async () => {
    const res = await runCli(['lam-gi-do'], env);
    expect(res.code).not.toBe(0);
    expect(res.output).toContain('Usage: chibo');
  });
});
