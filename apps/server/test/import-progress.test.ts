/**
 * Behind a proxy, the poll for an import's progress may reach another server process than the
 * one running the commit (issue 9, point 21). The progress lives on the import's row, so a
 * second server on the same PostgreSQL database sees the commit's phase while it runs. The
 * second is a real `chibo serve` process: two app instances in one process would share any
 * module-level state and prove nothing.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImportPreviewDto, ImportProgressDto } from '@chibo/core';
import { buildApp } from '../src/app.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { systemClock } from '../src/lib/context.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';
import { backend, createTestDatabase, loginAs, testConfig, type Session, type TestDatabase } from './support/test-app.ts';

describe.skipIf(backend !== 'postgres')('an import’s progress, read from a second server process', { timeout: 180_000 }, () => {
  let db: TestDatabase;
  let a: FastifyInstance;
  let b: ServerProcess;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.database.db, systemClock);
    a = await buildApp({ config: testConfig({ loginRatePerMinute: 10_000 }), database: db.database, serveWeb: false, logger: false });
    b = await startServer({ DATABASE_URL: db.url ?? '' });
  });
  afterAll(async () => {
    await a.close();
    await b.stop();
    await db.drop();
  });

  const HEADER = 'Họ và tên,Ngày sinh,Ngày vào Đảng,Ngày chính thức,Chức vụ';
  const line = (name: string, post = '') => `${name},01/01/1985,03/02/2015,03/02/2016,${post}`;
  const csv = (lines: string[]) => Buffer.from([HEADER, ...lines].join('\r\n') + '\r\n');

  async function upload(app: FastifyInstance, s: Session, bytes: Buffer): Promise<ImportPreviewDto> {
    const res = await app.inject({ method: 'POST', url: `/api/v1/organizations/${s.me.homeOrganizationId ?? ''}/member-imports`, headers: { ...s.headers(), 'content-type': 'text/csv' }, payload: bytes });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<ImportPreviewDto>();
  }
  const commit = (app: FastifyInstance, s: Session, id: string) => app.inject({ method: 'POST', url: `/api/v1/member-imports/${id}/commit`, headers: s.headers(), payload: {} });
  /** The progress as the other process answers it (the session is in the database, so it is valid there). */
  const progressOnB = async (s: Session, id: string) => (await (await fetch(`${b.url}/api/v1/member-imports/${id}/progress`, { headers: { cookie: s.cookie } })).json()) as ImportProgressDto;

  it('the commit runs in one process; the other shows it writing, then done', async () => {
    const onA = await loginAs(a, 'bithu');
    const first = await upload(a, onA, csv([line('Phan Văn Tiến')]));
    expect((await commit(a, onA, first.id)).statusCode).toBe(200);

    // Again, with a post for the known member and two new ones.
    const again = await upload(a, onA, csv([line('Phan Văn Tiến', 'Tổ trưởng đảng'), line('Phan Thị Lụa'), line('Phan Văn Sáng')]));
    expect(again.counts).toMatchObject({ create: 2, update: 1 });
    const known = again.rows.find((r) => r.action === 'update')?.memberId ?? '';
    expect(await progressOnB(onA, again.id)).toEqual({ phase: 'idle', done: 0, total: 0 });

    // Someone else holds the known member's row: the commit writes the new members, then waits there.
    let release = () => undefined as void;
    const released = new Promise<void>((r) => (release = r));
    let holding = () => undefined as void;
    const held = new Promise<void>((r) => (holding = r));
    const holder = db.database.db.transaction(async (tx) => {
      await tx.execute(sql`select id from members where id = ${known} for update`);
      holding();
      await released;
    });
    await held;
    const committing = commit(a, onA, again.id);

    try {
      await vi.waitFor(async () => expect(await progressOnB(onA, again.id)).toEqual({ phase: 'writing', done: 2, total: 3 }), { timeout: 60_000, interval: 50 });
    } finally {
      release();
      await holder;
    }
    const done = await committing;
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<ImportPreviewDto>().result).toMatchObject({ created: 2, updated: 1 });
    expect(await progressOnB(onA, again.id)).toEqual({ phase: 'done', done: 3, total: 3 });
  });
});
