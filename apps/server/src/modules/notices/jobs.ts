/**
 * The background job runner: reminders and e-mail, from the `jobs` table, so that work
 * scheduled before a crash or a restart still happens, and happens once.
 *
 * A job is claimed with SELECT … FOR UPDATE SKIP LOCKED: two processes polling the same
 * database never take the same row. A reminder is written and its job marked done in that
 * one transaction — a crash rolls both back and the job runs again; the notices' unique
 * dedupe key makes the retry harmless.
 *
 * E-mail cannot be inside a database transaction. Its job is leased instead: the claim
 * commits `lockedUntil = now + LEASE_MS` (other runners skip it until then), the message
 * is sent, and a second transaction marks the job done and the notice 'sent'. This is
 * AT-LEAST-ONCE: if the process dies after the SMTP server accepted the message but before
 * the second commit, the lease runs out and the message is sent again. The window is the
 * few milliseconds between the SMTP reply and that commit; closing it would need the SMTP
 * server to deduplicate (the Message-ID is not stable across attempts, X-Chibo-Notice is).
 */
import { and, asc, eq, isNull, lte, or } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Tx } from '../../db/client.ts';
import { jobs, notices } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/context.ts';
import { findMeeting } from '../meetings/meetings.access.ts';
import { findOrganization } from '../organizations/organizations.repo.ts';
import { deliverySettings, type DeliverySettings } from './delivery.ts';
import { createMailer, noticeMessage, type MailMessage, type Mailer } from './mailer.ts';
import { writeMeetingNotices, type EmailPayload, type ReminderPayload } from './notices.service.ts';

type JobRow = typeof jobs.$inferSelect;
export type JobLog = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;

/** Longer than the mailer's worst case (connect 30 s + greeting 30 s + socket 60 s). */
export const LEASE_MS = 5 * 60_000;
export const MAX_EMAIL_ATTEMPTS = 5;
/** Wait before the 2nd, 3rd, 4th and 5th attempt. */
const BACKOFF_MINUTES = [1, 5, 15, 60];

export interface JobDeps {
  mailer: Mailer | null;
  settings?: DeliverySettings;
  log?: JobLog;
  /** Called after each commit (embedded mode: make it durable). */
  onCommit?: () => void;
  /** At most this many jobs per call (default 500). */
  maxJobs?: number;
}

const silent: JobLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

type Claimed = { job: JobRow; send: MailMessage | null; lease: Date } | null;

/** Run every due job, one transaction each; returns how many were taken. */
export async function runDueJobs(db: Db, clock: Clock, deps: JobDeps): Promise<number> {
  const settings = deps.settings ?? deliverySettings();
  const log = deps.log ?? silent;
  const max = deps.maxJobs ?? 500;
  let count = 0;
  while (count < max) {
    const now = clock.now();
    const claimed: Claimed | 'none' = await db.transaction(async (tx) => {
      const [job] = await tx
        .select()
        .from(jobs)
        .where(and(eq(jobs.status, 'pending'), lte(jobs.runAt, now), or(isNull(jobs.lockedUntil), lte(jobs.lockedUntil, now))))
        .orderBy(asc(jobs.runAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!job) return 'none' as const;
      if (job.kind === 'reminder') {
        await runReminder(tx, job, now, log);
        return null;
      }
      if (job.kind === 'email') return leaseEmail(tx, job, now, settings, deps.mailer);
      await finish(tx, job.id, 'failed', now, `Loại việc không xác định: ${job.kind}`);
      return null;
    });
    if (claimed === 'none') break;
    count++;
    deps.onCommit?.();
    if (claimed?.send && deps.mailer) await sendLeased(db, clock, deps.mailer, claimed, log);
    deps.onCommit?.();
  }
  return count;
}

async function finish(tx: Tx, id: string, status: 'done' | 'failed' | 'cancelled', now: Date, lastError: string | null = null): Promise<void> {
  await tx.update(jobs).set({ status, doneAt: now, lockedUntil: null, lastError }).where(eq(jobs.id, id));
}

/**
 * A reminder goes out only if the meeting is still announced for the start it was
 * scheduled for (a move reschedules; a cancellation cancels) and has not begun.
 */
async function runReminder(tx: Tx, job: JobRow, now: Date, log: JobLog): Promise<void> {
  const p = job.payload as ReminderPayload;
  const meeting = await findMeeting(tx, p.meetingId);
  const current = meeting && meeting.status === 'announced' && meeting.startsAt.toISOString() === p.startsAt && meeting.startsAt > now;
  const org = meeting && current ? await findOrganization(tx, meeting.organizationId) : undefined;
  if (!meeting || !org) {
    await finish(tx, job.id, 'cancelled', now, 'Cuộc họp không còn diễn ra vào thời gian đã nhắc.');
    return;
  }
  const written = await writeMeetingNotices(tx, {
    meeting,
    org,
    kind: 'reminder',
    now,
    offsetMinutes: p.offsetMinutes,
    dedupeKeyOf: (recipientKey) => `reminder:${meeting.id}:${p.offsetMinutes}:${p.startsAt}:${recipientKey}`,
  });
  await finish(tx, job.id, 'done', now);
  log.info({ meetingId: meeting.id, offsetMinutes: p.offsetMinutes, notices: written }, 'meeting reminder sent');
}

async function leaseEmail(tx: Tx, job: JobRow, now: Date, settings: DeliverySettings, mailer: Mailer | null): Promise<Claimed> {
  const { noticeId } = job.payload as EmailPayload;
  const [notice] = await tx.select().from(notices).where(eq(notices.id, noticeId));
  if (!notice || notice.emailStatus !== 'pending') {
    await finish(tx, job.id, 'done', now);
    return null;
  }
  const meeting = await findMeeting(tx, notice.meetingId);
  const org = meeting ? await findOrganization(tx, meeting.organizationId) : undefined;
  // An invitation still queued when the meeting was cancelled would re-add it to calendars.
  if (!meeting || !org || (meeting.status === 'cancelled' && notice.kind !== 'cancelled')) {
    await tx.update(notices).set({ emailStatus: 'none', emailError: 'Không gửi thư: cuộc họp đã bị hủy trước khi gửi.' }).where(eq(notices.id, notice.id));
    await finish(tx, job.id, 'cancelled', now);
    return null;
  }
  const message = noticeMessage(notice, meeting, org, settings, now);
  if (!message || !mailer) {
    // SMTP was configured when the notice was written but is not now: leave it in the app.
    await tx.update(notices).set({ emailStatus: 'none', emailError: 'Máy chủ chưa cấu hình gửi thư (CHIBO_SMTP_URL).' }).where(eq(notices.id, notice.id));
    await finish(tx, job.id, 'cancelled', now);
    return null;
  }
  const lease = new Date(now.getTime() + LEASE_MS);
  await tx.update(jobs).set({ lockedUntil: lease, attempts: job.attempts + 1 }).where(eq(jobs.id, job.id));
  return { job: { ...job, attempts: job.attempts + 1 }, send: message, lease };
}

async function sendLeased(db: Db, clock: Clock, mailer: Mailer, claimed: NonNullable<Claimed>, log: JobLog): Promise<void> {
  const { job, lease } = claimed;
  const message = claimed.send;
  if (!message) return;
  // Only the holder of this lease may settle the job: if it ran out and another runner took
  // the job, the other runner's outcome stands.
  const ours = and(eq(jobs.id, job.id), eq(jobs.status, 'pending'), eq(jobs.lockedUntil, lease));
  try {
    await mailer.send(message);
  } catch (err) {
    const now = clock.now();
    const reason = `Gửi thư thất bại: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500);
    const last = job.attempts >= MAX_EMAIL_ATTEMPTS;
    await db.transaction(async (tx) => {
      const updated = last
        ? await tx.update(jobs).set({ status: 'failed', doneAt: now, lockedUntil: null, lastError: reason }).where(ours).returning({ id: jobs.id })
        : await tx
            .update(jobs)
            .set({ runAt: new Date(now.getTime() + (BACKOFF_MINUTES[job.attempts - 1] ?? 60) * 60_000), lockedUntil: null, lastError: reason })
            .where(ours)
            .returning({ id: jobs.id });
      if (last && updated.length > 0) await tx.update(notices).set({ emailStatus: 'failed', emailError: reason }).where(eq(notices.id, message.noticeId));
    });
    log.warn({ noticeId: message.noticeId, attempt: job.attempts, final: last, err: reason }, 'notice e-mail failed');
    return;
  }
  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx.update(jobs).set({ status: 'done', doneAt: now, lockedUntil: null, lastError: null }).where(ours);
    await tx.update(notices).set({ emailStatus: 'sent', emailSentAt: now, emailError: null }).where(eq(notices.id, message.noticeId));
  });
  log.info({ noticeId: message.noticeId, attempt: job.attempts }, 'notice e-mail sent');
}

export interface JobRunner {
  stop(): Promise<void>;
}

/** Poll for due jobs now and every `pollMs` after each run ends (runs never overlap). */
export function startJobRunner(opts: { db: Db; clock: Clock; log: JobLog; pollMs?: number; settings?: DeliverySettings; mailer?: Mailer | null; onCommit?: () => void }): JobRunner {
  const settings = opts.settings ?? deliverySettings();
  const mailer = opts.mailer === undefined ? createMailer(settings) : opts.mailer;
  const pollMs = opts.pollMs ?? 5000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = runDueJobs(opts.db, opts.clock, { mailer, settings, log: opts.log, ...(opts.onCommit ? { onCommit: opts.onCommit } : {}) })
      .then(() => undefined)
      .catch((err: unknown) => opts.log.error({ err }, 'job runner failed; retrying at the next poll'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, pollMs);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      mailer?.close();
    },
  };
}
