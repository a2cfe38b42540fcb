import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, createTestApp, createTestDatabase, type TestApp } from './support/test-app.ts';
import { verifyAuditChain } from '../src/modules/audit/audit.repo.ts';
import { openDatabase } from '../src/db/client.ts';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const cli = ['--import', 'tsx', path.join(repoRoot, 'apps/server/src/cli/main.ts')];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('audit log', () => {
  it('records every change with who, what and where, and the chain verifies', async () => {
    const s = await t.login('bithu');
    const cell = s.me.homeOrganizationId ?? '';
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/organizations/${cell}/members`, headers: s.headers(), payload: { fullName: 'Hoàng Văn Thái', status: 'official', admittedOn: '2010-05-19', confirmedOn: '2011-05-19' } });
    expect(res.statusCode).toBe(201);
    const log = await t.app.inject({ method: 'GET', url: `/api/v1/audit?organizationId=${cell}&limit=5`, headers: s.headers() });
    const first = log.json<{ items: { action: string; actorName: string; data: { fullName?: string } }[] }>().items[0];
    expect(first).toMatchObject({ action: 'member.created', actorName: 'Lê Minh Tuấn', data: { fullName: 'Hoàng Văn Thái' } });
    expect(await verifyAuditChain(t.db.database.db)).toMatchObject({ ok: true });
  });

  it('a refused change writes no audit entry', async () => {
    const before = await verifyAuditChain(t.db.database.db);
    const s = await t.login('dangvien');
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/organizations/${s.me.homeOrganizationId}/members`, headers: s.headers(), payload: { fullName: 'Không Được Thêm', status: 'official', admittedOn: '2010-05-19', confirmedOn: '2011-05-19' } });
    expect(res.statusCode).toBe(403);
    const after = await verifyAuditChain(t.db.database.db);
    // The login itself is audited; the refused creation is not.
    expect(after.count).toBe(before.count + 1);
  });

  it('the database refuses to update or delete an audit row', async () => {
    await expect(t.db.database.db.execute(sql`update audit_events set action = 'x' where seq = 1`)).rejects.toThrow();
    await expect(t.db.database.db.execute(sql`delete from audit_events where seq = 1`)).rejects.toThrow();
  });

  const tampers: [string, string][] = [
    ['data', `data = '{"fullName":"Sửa Lén"}'`],
    ['actor name', `actor_name = 'Người Khác'`],
    ['organization path (who may read it)', `organization_path = '/khac/'`],
    ['action', `action = 'member.deleted'`],
    ['time', `at = at - interval '1 day'`],
  ];
  it.each(tampers)('verification finds a tampered %s at its row', async (_what, set) => {
    const db = t.db.database.db;
    const clean = await verifyAuditChain(db);
    expect(clean.ok).toBe(true);
    await db.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
    await db.execute(sql`create temp table saved as select * from audit_events where seq = 5`);
    await db.execute(sql.raw(`update audit_events set ${set} where seq = 5`));
    const result = await verifyAuditChain(db);
    // Put it back, so that the next case starts from a valid chain.
    await db.execute(sql`delete from audit_events where seq = 5`);
    await db.execute(sql`insert into audit_events select * from saved`);
    await db.execute(sql`drop table saved`);
    await db.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
    expect(result).toMatchObject({ ok: false, brokenAt: 5, reason: 'hash_mismatch', count: 4 });
  });

  it('verification finds a row removed from the middle, and reports the head for trailing removals', async () => {
    const db = t.db.database.db;
    const clean = await verifyAuditChain(db);
    if (!clean.ok) throw new Error('chain should be valid');
    expect(clean.head?.seq).toBe(clean.count);
    await db.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
    await db.execute(sql`delete from audit_events where seq = 7`);
    await db.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 7, reason: 'seq_gap' });
  });
});

describe('chibo audit verify (the command)', () => {
  it('passes on an intact log and exits non-zero naming the tampered row', { timeout: 120_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-audit-'));
    // Its own database: the tests above tampered with the shared one.
    const own = backend === 'postgres' ? await createTestDatabase() : undefined;
    await own?.database.close();
    const url = own?.url;
    const env = { ...process.env, CHIBO_DATA_DIR: dir, DATABASE_URL: url ?? '', LOG_LEVEL: 'silent' };
    try {
      await run(process.execPath, [...cli, 'seed-demo'], { env, cwd: repoRoot });
      const ok = await run(process.execPath, [...cli, 'audit', 'verify'], { env, cwd: repoRoot });
      expect(ok.stdout).toMatch(/Nhật ký toàn vẹn: \d+ bản ghi/);
      const head = /Đầu chuỗi: (\d+:[0-9a-f]{64})/.exec(ok.stdout)?.[1] ?? '';
      expect(head).not.toBe('');
      const [headSeq] = head.split(':');
      const anchored = await run(process.execPath, [...cli, 'audit', 'verify', '--expect-head', head], { env, cwd: repoRoot });
      expect(anchored.stdout).toContain('Nhật ký toàn vẹn');

      const database = await openDatabase({ databaseUrl: url, dataDir: dir });
      await database.db.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
      // Removing the last entry leaves a valid, shorter chain: only the recorded head finds it.
      await database.db.execute(sql.raw(`delete from audit_events where seq = ${Number(headSeq)}`));
      await database.db.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
      await database.close();
      const truncated = await run(process.execPath, [...cli, 'audit', 'verify', '--expect-head', head], { env, cwd: repoRoot }).then(
        () => null,
        (err: { code: number; stdout: string }) => err,
      );
      expect(truncated?.code).toBe(3);
      expect(truncated?.stdout).toContain(`không còn bản ghi số ${headSeq}`);
      const again = await openDatabase({ databaseUrl: url, dataDir: dir });
      await again.db.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
      await again.db.execute(sql`update audit_events set action = 'member.deleted' where seq = 3`);
      await again.db.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
      await again.close();

      const broken = await run(process.execPath, [...cli, 'audit', 'verify'], { env, cwd: repoRoot }).then(
        () => null,
        (err: { code: number; stdout: string }) => err,
      );
      expect(broken?.code).toBe(3);
      expect(broken?.stdout).toContain('bản ghi số 3');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await own?.drop();
    }
  });
});
