/**
 * Reminders and e-mail survive a crash and never go out twice: (a) the real `chibo serve`
 * is SIGKILLed with reminders scheduled and restarted, and each reminder arrives once;
 * (b) two servers on one PostgreSQL database share many due jobs without duplicates.
 * Waits poll with a deadline; no assertion depends on how long anything took.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { openDatabase, type Database, type Db } from '../src/db/client.ts';
import { jobs, meetings, members, notices, organizations } from '../src/db/schema/index.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { systemClock } from '../src/lib/context.ts';
import type { DeliverySettings } from '../src/config/config.ts';
import { notifyMeeting, recipientsOf } from '../src/modules/notices/notices.service.ts';
import { FUND_NAME } from './support/register-fixtures.ts';
import { createTestDatabase, type TestDatabase } from './support/test-app.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';
import { startMailSink, type MailSink } from './support/mail-sink.ts';

const OFFSET_MINUTES = 60;

let sink: MailSink;
beforeAll(async () => {
  sink = await startMailSink();
});
afterAll(async () => {
  await sink?.close();
});

/**
 * The demo, e-mail addresses for everyone, and `count` announced meetings whose reminder
 * (OFFSET_MINUTES before the start) falls due `dueInMs` from now. With `mailAnnouncements`
 * the announcements' e-mails fall due at the same moment. Returns the notices expected per meeting.
 */
async function seedMeetings(db: Db, opts: { count: number; dueInMs: number; mailAnnouncements: boolean }): Promise<number> {
  await seedDemo(db, systemClock);
  await db.update(members).set({ email: sql`'dv-' || substr(${members.id}::text, 1, 8) || '@example.vn'` });
  const [fund] = await db.select().from(organizations).where(eq(organizations.name, FUND_NAME));
  if (!fund) throw new Error('no fund cell');
  const delivery: DeliverySettings = {
    smtpUrl: opts.mailAnnouncements ? sink.url : undefined,
    from: 'Chi bộ số <thongbao@chibo.example.vn>',
    publicUrl: 'http://127.0.0.1',
    reminderOffsetsMinutes: [OFFSET_MINUTES],
  };
  const due = Date.now() + opts.dueInMs;
  let perMeeting = 0;
  for (let i = 0; i < opts.count; i++) {
    const [meeting] = await db
      .insert(meetings)
      .values({
        organizationId: fund.id,
        kind: i % 2 === 0 ? 'regular' : 'thematic',
        status: 'announced',
        // Spread over a few minutes: one reminder job per meeting, all due together.
        startsAt: new Date(due + OFFSET_MINUTES * 60_000 + i * 1000),
        plannedMinutes: 120,
        place: `Phòng họp số ${i + 1}`,
        revision: 1,
      })
      .returning();
    if (!meeting) throw new Error('no meeting');
    // The announcement is dated at the due moment so its e-mail jobs fall due with the reminders.
    await db.transaction((tx) => notifyMeeting(tx, delivery, { meeting, org: fund, kind: 'announced', now: new Date(due - 1000) }));
    perMeeting = (await recipientsOf(db, meeting, fund)).length;
  }
  return perMeeting;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function reminderCounts(db: Db): Promise<{ total: number; distinct: number; perRecipientMax: number }> {
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      distinct: sql<number>`count(distinct ${notices.dedupeKey})::int`,
    })
    .from(notices)
    .where(eq(notices.kind, 'reminder'));
  const per = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notices)
    .where(eq(notices.kind, 'reminder'))
    .groupBy(notices.meetingId, notices.recipientMemberId, notices.recipientAccountId);
  return { total: row?.total ?? 0, distinct: row?.distinct ?? 0, perRecipientMax: Math.max(0, ...per.map((p) => p.n)) };
}

/** Every received message by notice; each must have come exactly once. */
function receivedByNotice(raw: Buffer[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of raw) {
    const id = /^X-Chibo-Notice:\s*(\S+)/im.exec(r.toString('utf8'))?.[1] ?? '';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

describe('a server killed with reminders pending', () => {
  let dataDir = '';
  let testDb: TestDatabase | undefined;
  let server: ServerProcess | undefined;

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await testDb?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends each reminder exactly once after a restart', { timeout: 240_000 }, async () => {
    const meetingsCount = 2;
    // Embedded PGlite in a data directory by default; the test database on PostgreSQL.
    let seedDb: Database;
    let env: Record<string, string>;
    if (process.env.TEST_DATABASE_URL) {
      testDb = await createTestDatabase();
      seedDb = testDb.database;
      env = { DATABASE_URL: testDb.url ?? '' };
    } else {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-reminders-'));
      seedDb = await openDatabase({ dataDir });
      env = { CHIBO_DATA_DIR: dataDir };
    }
    const perMeeting = await seedMeetings(seedDb.db, { count: meetingsCount, dueInMs: 20_000, mailAnnouncements: false });
    if (!testDb) await seedDb.close();
    const expected = meetingsCount * perMeeting;
    expect(perMeeting).toBeGreaterThan(5);
    env = { ...env, CHIBO_SMTP_URL: sink.url, CHIBO_REMINDERS: `${OFFSET_MINUTES}m`, CHIBO_JOBS_POLL_MS: '250', LOG_LEVEL: 'info' };
    const before = sink.raw.length;

    // Up, then killed — not stopped — before the reminders are due.
    server = await startServer(env);
    await server.stop('SIGKILL');
    server = await startServer(env);

    await until('every reminder e-mail', async () => sink.raw.length - before >= expected);
    // Stopped gracefully, its runner settles what it took; after that nothing can be sent, so
    // what arrived is final and must be exactly one message per notice.
    await server.stop();
    const output = server.output();
    server = undefined;

    const received = receivedByNotice(sink.raw.slice(before));
    expect(received.size).toBe(expected);
    expect(Math.max(...received.values())).toBe(1);
    expect(output).toContain('meeting reminder sent');

    const check = testDb ? testDb.database : await openDatabase({ dataDir });
    try {
      expect(await reminderCounts(check.db)).toEqual({ total: expected, distinct: expected, perRecipientMax: 1 });
      const pendingOrFailed = await check.db
        .select({ n: sql<number>`count(*)::int` })
        .from(jobs)
        .where(sql`${jobs.status} in ('pending', 'failed')`);
      expect(pendingOrFailed[0]?.n).toBe(0);
      const sent = await check.db
        .select({ n: sql<number>`count(*)::int` })
        .from(notices)
        .where(and(eq(notices.kind, 'reminder'), eq(notices.emailStatus, 'sent')));
      expect(sent[0]?.n).toBe(expected);
    } finally {
      if (!testDb) await check.close();
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('two servers on one PostgreSQL database', () => {
  let testDb: TestDatabase | undefined;
  const servers: ServerProcess[] = [];

  afterAll(async () => {
    for (const s of servers) await s.stop('SIGKILL');
    await testDb?.drop();
  });

  it('share the due jobs without sending anything twice', { timeout: 240_000 }, async () => {
    testDb = await createTestDatabase();
    const meetingsCount = 6;
    const perMeeting = await seedMeetings(testDb.database.db, { count: meetingsCount, dueInMs: 25_000, mailAnnouncements: true });
    // Announcements and reminders: two notices, each with an e-mail, per recipient and meeting.
    const expected = 2 * meetingsCount * perMeeting;
    const env = { DATABASE_URL: testDb.url ?? '', CHIBO_SMTP_URL: sink.url, CHIBO_REMINDERS: `${OFFSET_MINUTES}m`, CHIBO_JOBS_POLL_MS: '100', LOG_LEVEL: 'info' };
    const before = sink.raw.length;
    servers.push(...(await Promise.all([startServer(env), startServer(env)])));

    await until('every e-mail', async () => sink.raw.length - before >= expected);
    // Both stopped gracefully: nothing more can be sent, so what arrived is final.
    for (const s of servers) await s.stop();

    const received = receivedByNotice(sink.raw.slice(before));
    expect(received.size).toBe(expected);
    expect(Math.max(...received.values())).toBe(1);
    const db = testDb.database.db;
    expect(await reminderCounts(db)).toEqual({ total: meetingsCount * perMeeting, distinct: meetingsCount * perMeeting, perRecipientMax: 1 });
    const [done] = await db.select({ n: sql<number>`count(*)::int` }).from(jobs).where(eq(jobs.status, 'done'));
    expect(done?.n).toBe(expected + meetingsCount);
    // Both took part: the jobs were really shared, not all done by whichever started first.
    for (const s of servers) expect(s.output()).toContain('notice e-mail sent');
    const [attempts] = await db.select({ max: sql<number>`max(${jobs.attempts})::int` }).from(jobs).where(eq(jobs.kind, 'email'));
    expect(attempts?.max).toBe(1);
  });
});
