/**
 * Notice delivery end to end: notices written with a meeting change, e-mailed through a real
 * SMTP server on loopback with an .ics read back by an independent parser (ical.js), the
 * inbox and officers' receipts, reminders, and the personal calendar feed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { and, eq, like, sql } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { auditEvents, jobs, meetings, members, notices, organizations } from '../src/db/schema/index.ts';
import { ConfigError, loadConfig, parseReminderOffsets } from '../src/config/config.ts';
import type { Clock } from '../src/lib/context.ts';
import type { MeetingRow } from '../src/modules/meetings/meetings.service.ts';
import type { OrganizationRow } from '../src/modules/organizations/organizations.service.ts';
import { createMailer } from '../src/modules/notices/mailer.ts';
import { runDueJobs } from '../src/jobs/runner.ts';
import { notifyMeeting, pendingReminderKeys, recipientsOf, type NoticeRow } from '../src/modules/notices/notices.service.ts';
import { FUND_NAME } from './support/register-fixtures.ts';
import { createTestApp, type Session, type TestApp } from './support/test-app.ts';
import { freePort } from './support/server-process.ts';
import { noticeIdOf, startMailSink, type MailSink } from './support/mail-sink.ts';

/** A settable clock: the services and the runner read it, the test moves it. */
let nowMs = Date.parse('2026-10-15T03:00:00.000Z');
const clock: Clock = { now: () => new Date(nowMs) };
/** 14:00 in Hà Nội. */
const STARTS = new Date('2026-11-20T07:00:00.000Z');
const MOVED = new Date('2026-11-24T08:30:00.000Z');

let t: TestApp;
let sink: MailSink;
let fund: OrganizationRow;
let meeting: MeetingRow;
let dangvien: Session;
let bithu: Session;
let recipientsCount = 0;

/** Parsed by ical.js, which shares no code with ical-generator. */
function parseIcs(text: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(text) as unknown[]);
}

function icsOf(mail: ParsedMail) {
  const att = mail.attachments.find((a) => a.filename?.endsWith('.ics'));
  if (!att) throw new Error(`no .ics in "${mail.subject ?? ''}"`);
  const cal = parseIcs(att.content.toString('utf8'));
  const vevent = cal.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  const dtstart = vevent.getFirstProperty('dtstart');
  return {
    method: cal.getFirstPropertyValue('method'),
    event: new ICAL.Event(vevent),
    dtstartText: dtstart ? dtstart.toICALString() : '',
    status: vevent.getFirstPropertyValue('status'),
    hasTimezone: cal.getAllSubcomponents('vtimezone').length > 0,
  };
}

async function deliver(): Promise<number> {
  return runDueJobs(t.db.database.db, clock, { mailer: createMailer(t.delivery), settings: t.delivery });
}

async function notify(kind: 'announced' | 'moved' | 'cancelled', reason?: string): Promise<number> {
  return t.db.database.db.transaction((tx) => notifyMeeting(tx, t.delivery, { meeting, org: fund, kind, now: clock.now(), reason: reason ?? null }));
}

async function mailsFor(noticeKind: NoticeRow['kind']): Promise<Map<string, ParsedMail>> {
  const rows = await t.db.database.db.select({ id: notices.id }).from(notices).where(and(eq(notices.meetingId, meeting.id), eq(notices.kind, noticeKind)));
  const ids = new Set(rows.map((r) => r.id));
  const out = new Map<string, ParsedMail>();
  for (const m of await sink.parsed()) if (ids.has(noticeIdOf(m))) out.set(noticeIdOf(m), m);
  return out;
}

beforeAll(async () => {
  sink = await startMailSink();
  t = await createTestApp({ clock, config: { smtpUrl: sink.url, publicUrl: 'https://chibo.example.vn', mailFrom: 'Chi bộ số <thongbao@chibo.example.vn>' } });
  const db = t.db.database.db;
  const [org] = await db.select().from(organizations).where(eq(organizations.name, FUND_NAME));
  if (!org) throw new Error('no fund cell');
  fund = org;
  // The demo has no e-mail addresses: give everyone one.
  await db.update(members).set({ email: sql`'dv-' || substr(${members.id}::text, 1, 8) || '@example.vn'` });
  const [row] = await db
    .insert(meetings)
    .values({
      organizationId: fund.id,
      kind: 'regular',
      status: 'announced',
      monthPeriod: '2026-11',
      startsAt: STARTS,
      plannedMinutes: 120,
      place: 'Hội trường tầng 3, số 12 phố Huế',
      topic: 'Kiểm điểm công tác tháng 11',
      revision: 1,
      announcedAt: clock.now(),
    })
    .returning();
  if (!row) throw new Error('no meeting');
  meeting = row;
  recipientsCount = (await recipientsOf(db, meeting, fund)).length;
  dangvien = await t.login('dangvien');
  bithu = await t.login('bithu');
});

afterAll(async () => {
  await t?.close();
  await sink?.close();
});

describe('configuration', () => {
  it('parses reminder offsets and refuses bad ones in Vietnamese, naming the variable', () => {
    expect(parseReminderOffsets('3d,2h')).toEqual([4320, 120]);
    expect(parseReminderOffsets(' 30m , 1d ,2h,30m')).toEqual([1440, 120, 30]);
    expect(parseReminderOffsets('none')).toEqual([]);
    expect(parseReminderOffsets('3 ngày')).toBeNull();
    expect(loadConfig({}).reminderOffsetsMinutes).toEqual([4320, 120]);
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({}).jobs).toBe(true);
    expect(() => loadConfig({ CHIBO_REMINDERS: '2x' })).toThrow(ConfigError);
    expect(() => loadConfig({ CHIBO_REMINDERS: '2x' })).toThrow(/CHIBO_REMINDERS.*phút/);
    expect(() => loadConfig({ CHIBO_SMTP_URL: 'http://mail' })).toThrow(/CHIBO_SMTP_URL/);
  });
});

describe('announcing a meeting', () => {
  it('writes one notice per recipient, once per revision, and schedules the reminders', async () => {
    expect(recipientsCount).toBeGreaterThan(5);
    expect(await notify('announced')).toBe(recipientsCount);
    expect(await notify('announced')).toBe(0);
    const rows = await t.db.database.db.select().from(notices).where(eq(notices.meetingId, meeting.id));
    expect(rows).toHaveLength(recipientsCount);
    expect(rows.every((r) => r.emailStatus === 'pending')).toBe(true);
    expect(await pendingReminderKeys(t.db.database.db, meeting.id)).toEqual(
      [`reminder:${meeting.id}:${STARTS.toISOString()}:120`, `reminder:${meeting.id}:${STARTS.toISOString()}:4320`].sort(),
    );
  });

  it('e-mails each recipient a Vietnamese message with an invitation a calendar can read', async () => {
    expect(await deliver()).toBe(recipientsCount);
    await sink.waitFor(recipientsCount);
    expect(sink.raw).toHaveLength(recipientsCount);
    const [lan] = await t.db.database.db.select().from(notices).where(and(eq(notices.meetingId, meeting.id), eq(notices.recipientMemberId, dangvien.me.account.memberId ?? '')));
    expect(lan?.emailStatus).toBe('sent');
    const mail = (await mailsFor('announced')).get(lan?.id ?? '');
    if (!mail || !lan) throw new Error("Lan's announcement did not arrive");
    expect(mail.subject).toBe('Thông báo: Sinh hoạt chi bộ thường kỳ, 20/11/2026 14:00');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : '').toBe(lan.email);
    expect(mail.from?.value[0]?.address).toBe('thongbao@chibo.example.vn');
    expect(mail.text).toContain('Địa điểm: Hội trường tầng 3, số 12 phố Huế');
    expect(mail.text).toContain(`https://chibo.example.vn/cuoc-hop/${meeting.id}`);
    const ics = icsOf(mail);
    expect(ics.method).toBe('REQUEST');
    expect(ics.event.uid).toBe(`${meeting.id}@chibo`);
    expect(ics.event.sequence).toBe(1);
    expect(ics.dtstartText).toBe('DTSTART:20261120T070000Z');
    expect(ics.event.startDate.toJSDate().toISOString()).toBe(STARTS.toISOString());
    expect(ics.event.endDate.toJSDate().toISOString()).toBe('2026-11-20T09:00:00.000Z');
    expect(ics.hasTimezone).toBe(false);
    expect(ics.event.summary).toBe(`Sinh hoạt chi bộ thường kỳ — ${FUND_NAME}`);
    expect(ics.event.location).toBe('Hội trường tầng 3, số 12 phố Huế');
  });

  it('sends nothing twice', async () => {
    expect(await deliver()).toBe(0);
    expect(sink.raw).toHaveLength(recipientsCount);
  });
});

describe('reminders', () => {
  it('go out when due, once, and only the due one', async () => {
    nowMs = STARTS.getTime() - 3 * 86_400_000 + 60_000;
    const before = sink.raw.length;
    expect(await deliver()).toBe(1 + recipientsCount);
    await sink.waitFor(before + recipientsCount);
    const reminders = await mailsFor('reminder');
    expect(reminders.size).toBe(recipientsCount);
    const first = [...reminders.values()][0];
    expect(first?.subject).toBe('Nhắc lịch (còn 3 ngày): Sinh hoạt chi bộ thường kỳ, 20/11/2026 14:00');
    expect(first && icsOf(first).method).toBe('REQUEST');
    expect(await deliver()).toBe(0);
    const [n] = await t.db.database.db.select({ n: sql<number>`count(*)::int` }).from(notices).where(and(eq(notices.meetingId, meeting.id), eq(notices.kind, 'reminder')));
    expect(n?.n).toBe(recipientsCount);
    expect(await pendingReminderKeys(t.db.database.db, meeting.id)).toEqual([`reminder:${meeting.id}:${STARTS.toISOString()}:120`]);
  });
});

/** Sessions expire as the test clock moves on by weeks: log in again at the current time. */
async function logInAgain(): Promise<void> {
  dangvien = await t.login('dangvien');
  bithu = await t.login('bithu');
}

describe('inbox and receipts', () => {
  let lanNoticeId = '';
  beforeAll(logInAgain);

  it('a member sees their notices, newest first, and marks one read once', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/notices', headers: dangvien.headers() });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ items: { id: string; kind: string; title: string; readAt: string | null }[]; unread: number }>();
    expect(body.items.map((n) => n.kind)).toEqual(['reminder', 'announced']);
    expect(body.unread).toBe(2);
    lanNoticeId = body.items[1]?.id ?? '';
    const read = await t.app.inject({ method: 'POST', url: `/api/v1/notices/${lanNoticeId}/read`, headers: dangvien.headers() });
    expect(read.statusCode, read.body).toBe(200);
    const readAt = read.json<{ readAt: string }>().readAt;
    expect(readAt).toBe(clock.now().toISOString());
    nowMs += 60_000;
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/notices/${lanNoticeId}/read`, headers: dangvien.headers(), payload: {} });
    expect(again.json<{ readAt: string }>().readAt).toBe(readAt);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/notices', headers: dangvien.headers() });
    expect(after.json<{ unread: number }>().unread).toBe(1);
  });

  it("nobody reads someone else's notice", async () => {
    const [other] = await t.db.database.db.select({ id: notices.id }).from(notices).where(and(eq(notices.meetingId, meeting.id), eq(notices.recipientMemberId, bithu.me.account.memberId ?? '')));
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/notices/${other?.id ?? ''}/read`, headers: dangvien.headers() });
    expect(res.statusCode).toBe(404);
    expect(res.json<{ message: string }>().message).toBe('Không tìm thấy thông báo.');
    const bad = await t.app.inject({ method: 'POST', url: `/api/v1/notices/${lanNoticeId}/read`, headers: dangvien.headers(), payload: { readAt: 'hôm qua' } });
    expect(bad.statusCode).toBe(400);
  });

  it('the officer sees who was told and who read it; a member may not', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/meetings/${meeting.id}/notices`, headers: bithu.headers() });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: { recipientName: string; kind: string; readAt: string | null; emailStatus: string }[] }>().items;
    expect(items).toHaveLength(2 * recipientsCount);
    const lan = items.find((i) => i.recipientName === 'Nguyễn Thị Lan' && i.kind === 'announced');
    expect(lan?.readAt).not.toBeNull();
    expect(lan?.emailStatus).toBe('sent');
    expect(items.filter((i) => i.readAt !== null)).toHaveLength(1);
    const member = await t.app.inject({ method: 'GET', url: `/api/v1/meetings/${meeting.id}/notices`, headers: dangvien.headers() });
    expect(member.statusCode).toBe(403);
  });
});

describe('moving and cancelling', () => {
  it('a move tells everyone the new time and reason, updates the calendar event, and reschedules reminders', async () => {
    const db = t.db.database.db;
    [meeting] = (await db.update(meetings).set({ startsAt: MOVED, revision: 2 }).where(eq(meetings.id, meeting.id)).returning()) as [MeetingRow];
    const before = sink.raw.length;
    expect(await notify('moved', 'Trùng lịch hội nghị của Đảng ủy cấp trên')).toBe(recipientsCount);
    expect(await pendingReminderKeys(db, meeting.id)).toEqual([`reminder:${meeting.id}:${MOVED.toISOString()}:120`, `reminder:${meeting.id}:${MOVED.toISOString()}:4320`].sort());
    expect(await deliver()).toBe(recipientsCount);
    await sink.waitFor(before + recipientsCount);
    const mail = [...(await mailsFor('moved')).values()][0];
    if (!mail) throw new Error('no moved mail');
    expect(mail.subject).toBe('Thay đổi lịch: Sinh hoạt chi bộ thường kỳ, 24/11/2026 15:30');
    expect(mail.text).toContain('Lý do: Trùng lịch hội nghị của Đảng ủy cấp trên');
    const ics = icsOf(mail);
    expect(ics.method).toBe('REQUEST');
    expect(ics.event.uid).toBe(`${meeting.id}@chibo`);
    expect(ics.event.sequence).toBe(2);
    expect(ics.event.startDate.toJSDate().toISOString()).toBe(MOVED.toISOString());
  });

  it('a cancellation sends METHOD:CANCEL and stops the reminders', async () => {
    const db = t.db.database.db;
    [meeting] = (await db
      .update(meetings)
      .set({ status: 'cancelled', cancelledAt: clock.now(), cancelReason: 'Chi bộ tham gia diễn tập phòng cháy', revision: 3 })
      .where(eq(meetings.id, meeting.id))
      .returning()) as [MeetingRow];
    const before = sink.raw.length;
    expect(await notify('cancelled')).toBe(recipientsCount);
    expect(await pendingReminderKeys(db, meeting.id)).toEqual([]);
    expect(await deliver()).toBe(recipientsCount);
    await sink.waitFor(before + recipientsCount);
    const mail = [...(await mailsFor('cancelled')).values()][0];
    if (!mail) throw new Error('no cancellation mail');
    expect(mail.subject).toBe('Hủy lịch: Sinh hoạt chi bộ thường kỳ, 24/11/2026 15:30');
    expect(mail.text).toContain('Lý do: Chi bộ tham gia diễn tập phòng cháy');
    const ics = icsOf(mail);
    expect(ics.method).toBe('CANCEL');
    expect(ics.status).toBe('CANCELLED');
    expect(ics.event.sequence).toBe(3);
    // Even once the old reminder times come, nothing more is sent.
    nowMs = MOVED.getTime() - 60 * 60_000;
    expect(await deliver()).toBe(0);
  });
});

describe('a failing SMTP server', () => {
  it('is retried with backoff, then the notice is marked failed with the reason', async () => {
    const db = t.db.database.db;
    const [n] = await db.select().from(notices).where(and(eq(notices.meetingId, meeting.id), eq(notices.kind, 'cancelled'))).limit(1);
    if (!n) throw new Error('no notice');
    await db.update(notices).set({ emailStatus: 'pending' }).where(eq(notices.id, n.id));
    await db.insert(jobs).values({ kind: 'email', key: `email-retry-test:${n.id}`, runAt: clock.now(), payload: { noticeId: n.id } });
    const dead = createMailer({ ...t.delivery, smtpUrl: `smtp://127.0.0.1:${await freePort()}` });
    const attempts: number[] = [];
    for (let i = 0; i < 5; i++) {
      expect(await runDueJobs(db, clock, { mailer: dead, settings: t.delivery })).toBe(1);
      const [job] = await db.select().from(jobs).where(eq(jobs.key, `email-retry-test:${n.id}`));
      attempts.push(job?.attempts ?? -1);
      if (job?.status === 'pending') nowMs = job.runAt.getTime() + 1000;
    }
    expect(attempts).toEqual([1, 2, 3, 4, 5]);
    const [job] = await db.select().from(jobs).where(eq(jobs.key, `email-retry-test:${n.id}`));
    expect(job?.status).toBe('failed');
    const [after] = await db.select().from(notices).where(eq(notices.id, n.id));
    expect(after?.emailStatus).toBe('failed');
    expect(after?.emailError).toMatch(/^Gửi thư thất bại: /);
  });
});

describe('calendar feed', () => {
  beforeAll(logInAgain);
  const path = (url: string) => new URL(url).pathname;

  it('is created, lists the member’s meetings (cancelled ones as such), rotates and is revoked', async () => {
    const status = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/me/calendar-feed', headers: dangvien.headers() })).json<{ active: boolean; createdAt: string | null }>();
    expect(await status()).toEqual({ active: false, createdAt: null });
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/me/calendar-feed', headers: dangvien.headers() });
    expect(created.statusCode, created.body).toBe(200);
    const first = created.json<{ url: string }>().url;
    expect(first).toMatch(/^https:\/\/chibo\.example\.vn\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);

    const feed = await t.app.inject({ method: 'GET', url: path(first) });
    expect(feed.statusCode, feed.body).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const cal = parseIcs(feed.body);
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const ours = events.find((e) => e.uid === `${meeting.id}@chibo`);
    expect(ours?.startDate.toJSDate().toISOString()).toBe(MOVED.toISOString());
    expect(cal.getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === `${meeting.id}@chibo`)?.getFirstPropertyValue('status')).toBe('CANCELLED');

    // The status says there is one, never what it is.
    const active = await status();
    expect(active.active).toBe(true);
    expect(JSON.stringify(active)).not.toContain(path(first).split('/').at(-1)?.replace(/\.ics$/, '') ?? 'x');
    const rotated = await t.app.inject({ method: 'POST', url: '/api/v1/me/calendar-feed', headers: dangvien.headers(), payload: {} });
    const second = rotated.json<{ url: string }>().url;
    expect(second).not.toBe(first);
    expect((await t.app.inject({ method: 'GET', url: path(first) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: path(second).replace(/\.ics$/, '') })).statusCode).toBe(200);

    const revoked = await t.app.inject({ method: 'DELETE', url: '/api/v1/me/calendar-feed', headers: dangvien.headers() });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((await status()).active).toBe(false);
    const gone = await t.app.inject({ method: 'GET', url: path(second) });
    expect(gone.statusCode).toBe(404);
    expect(gone.json<{ message: string }>().message).toBe('Không tìm thấy lịch: đường dẫn sai hoặc đã bị thu hồi.');
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/me/calendar-feed', headers: dangvien.headers() })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/calendar/khong-phai-ma' })).statusCode).toBe(400);

    const audit = await t.db.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(like(auditEvents.action, 'calendar_feed.%'), eq(auditEvents.actorAccountId, dangvien.me.account.id)))
      .orderBy(auditEvents.seq);
    expect(audit.map((a) => a.action)).toEqual(['calendar_feed.created', 'calendar_feed.created', 'calendar_feed.revoked']);
  });

  it('needs a session to create one, and the CSRF token', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/me/calendar-feed' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/me/calendar-feed', headers: { cookie: dangvien.cookie } })).statusCode).toBe(403);
  });
});

describe('late reminders and workflow e-mail', () => {
  let late: MeetingRow;
  beforeAll(async () => {
    const db = t.db.database.db;
    const starts = new Date(nowMs + 10 * 86_400_000);
    const [row] = await db
      .insert(meetings)
      .values({ organizationId: fund.id, kind: 'extraordinary', status: 'announced', startsAt: starts, plannedMinutes: 90, place: 'Phòng họp nhỏ', revision: 1, announcedAt: clock.now() })
      .returning();
    if (!row) throw new Error('no meeting');
    late = row;
    await db.transaction((tx) => notifyMeeting(tx, t.delivery, { meeting: late, org: fund, kind: 'announced', now: clock.now() }));
    await deliver();
    await logInAgain();
  });

  it('a reminder e-mail whose moment passed more than five minutes ago is not sent; its notice stays', async () => {
    const db = t.db.database.db;
    // The 3-day reminder goes out as it should.
    nowMs = late.startsAt.getTime() - 3 * 86_400_000 + 30_000;
    await deliver();
    // The 2-hour reminder falls due; one run writes its notices (the reminder job comes first).
    nowMs = late.startsAt.getTime() - 2 * 3_600_000 + 30_000;
    expect(await runDueJobs(db, clock, { mailer: createMailer(t.delivery), settings: t.delivery, maxJobs: 1 })).toBe(1);
    const written = await db.select().from(notices).where(and(eq(notices.meetingId, late.id), eq(notices.kind, 'reminder'), like(notices.title, '%còn 2 giờ%')));
    expect(written).toHaveLength(recipientsCount);
    // A process claimed their e-mails and died: the leases run out five minutes later.
    await db.update(jobs).set({ lockedUntil: new Date(nowMs + 5 * 60_000) }).where(and(eq(jobs.kind, 'email'), eq(jobs.status, 'pending')));
    const before = sink.raw.length;
    nowMs += 6 * 60_000;
    expect(await deliver()).toBe(recipientsCount);
    expect(sink.raw.length).toBe(before);
    const after = await db.select().from(notices).where(and(eq(notices.meetingId, late.id), eq(notices.kind, 'reminder'), like(notices.title, '%còn 2 giờ%')));
    expect(after).toHaveLength(recipientsCount);
    expect(after.every((n) => n.emailStatus === 'none' && (n.emailError ?? '').includes('quá thời điểm nhắc'))).toBe(true);
  });

  it('a request to be excused reaches the officers by e-mail, with the link and no calendar entry', async () => {
    nowMs = late.startsAt.getTime() - 86_400_000;
    await logInAgain();
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/meetings/${late.id}/absence`, headers: dangvien.headers(), payload: { reason: 'Đi khám bệnh định kỳ' } });
    expect(res.statusCode, res.body).toBe(201);
    const before = sink.raw.length;
    expect(await deliver()).toBeGreaterThan(0);
    await sink.waitFor(before + 1);
    const [n] = await t.db.database.db.select().from(notices).where(and(eq(notices.meetingId, late.id), eq(notices.kind, 'absence_requested')));
    const mail = (await sink.parsed()).find((m) => noticeIdOf(m) === n?.id);
    if (!mail || !n) throw new Error('the officers were not e-mailed');
    expect(mail.subject).toBe('Đơn xin vắng mặt: đ/c Nguyễn Thị Lan');
    expect(mail.text).toContain('Lý do: Đi khám bệnh định kỳ');
    expect(mail.text).toContain(`https://chibo.example.vn/cuoc-hop/${late.id}`);
    expect(mail.attachments).toEqual([]);
    // In the app the link is the notice's button, not text beside it.
    expect(n.body).not.toContain('https://');
  });
});

describe('the public calendar route', () => {
  // Last in this file: it spends the address's allowance.
  it('throttles a burst of guessed tokens from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 65; i++) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/calendar/${'A'.repeat(40)}${String(i).padStart(3, '0')}.ics` });
      statuses.push(res.statusCode);
    }
    // Earlier tests of this file used a few of the same allowance.
    expect(statuses.slice(0, 50).every((s) => s === 404)).toBe(true);
    const last = await t.app.inject({ method: 'GET', url: `/api/v1/calendar/${'B'.repeat(43)}.ics` });
    expect(last.statusCode).toBe(429);
    expect(last.json<{ error: string; message: string }>()).toMatchObject({ error: 'rate_limited' });
  });
});
