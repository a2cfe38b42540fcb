/**
 * An e-mail job: one notice sent by SMTP with its .ics, leased while it is sent (at least once;
 * see runner.ts). A reminder e-mail is dropped — the in-app notice stays — when it would arrive
 * more than REMINDER_EMAIL_LATE_MS after its moment or once the meeting has begun: a retry after
 * a crashed process or a failing SMTP server must not tell someone "còn 2 phút" after the start.
 */
import type { DeliverySettings } from '../config/config.ts';
import type { Db, Tx } from '../db/client.ts';
import type { Clock } from '../lib/context.ts';
import { findMeeting } from '../modules/meetings/meetings.service.ts';
import { noticeMessage, type MailMessage, type Mailer } from '../modules/notices/mailer.ts';
import { findNotice, setEmailState, type EmailPayload } from '../modules/notices/notices.service.ts';
import { findOrganization } from '../modules/organizations/organizations.service.ts';
import { finishJob, leaseJob, settleLeased, type JobRow } from './jobs.repo.ts';
import type { JobLog } from './runner.ts';

/** Longer than the mailer's worst case (connect 30 s + greeting 30 s + socket 60 s). */
export const LEASE_MS = 5 * 60_000;
export const MAX_EMAIL_ATTEMPTS = 5;
/** Wait before the 2nd, 3rd, 4th and 5th attempt. */
const BACKOFF_MINUTES = [1, 5, 15, 60];
/** The latest a reminder e-mail may go out after its reminder was written (docs/operations.md). */
export const REMINDER_EMAIL_LATE_MS = 5 * 60_000;

export interface LeasedEmail {
  job: JobRow;
  message: MailMessage;
  lease: Date;
}

/** Take the job's e-mail under a lease, or settle the job at once when there is nothing to send. */
export async function leaseEmail(tx: Tx, job: JobRow, now: Date, settings: DeliverySettings, mailer: Mailer | null, log: JobLog): Promise<LeasedEmail | null> {
  const { noticeId } = job.payload as EmailPayload;
  const notice = await findNotice(tx, noticeId);
  if (notice?.emailStatus !== 'pending') {
    await finishJob(tx, job.id, 'done', now);
    return null;
  }
  const meeting = await findMeeting(tx, notice.meetingId);
  const org = meeting ? await findOrganization(tx, meeting.organizationId) : undefined;
  const drop = async (why: string) => {
    await setEmailState(tx, notice.id, { emailStatus: 'none', emailError: why });
    await finishJob(tx, job.id, 'cancelled', now);
    return null;
  };
  // An invitation still queued when the meeting was cancelled would re-add it to calendars.
  if (!meeting || !org || (meeting.status === 'cancelled' && notice.kind !== 'cancelled')) return drop('Không gửi thư: cuộc họp đã bị hủy trước khi gửi.');
  if (notice.kind === 'reminder' && (now.getTime() - notice.createdAt.getTime() > REMINDER_EMAIL_LATE_MS || meeting.startsAt.getTime() <= now.getTime())) {
    log.warn({ event: 'email.reminder_dropped', noticeId: notice.id, meetingId: meeting.id, lateMs: now.getTime() - notice.createdAt.getTime() }, 'reminder e-mail too late: not sent');
    return drop('Không gửi thư nhắc: đã quá thời điểm nhắc (thông báo trong ứng dụng vẫn giữ).');
  }
  const message = noticeMessage(notice, meeting, org, settings, now);
  // SMTP was configured when the notice was written but is not now: leave it in the app.
  if (!message || !mailer) return drop('Máy chủ chưa cấu hình gửi thư (CHIBO_SMTP_URL).');
  const lease = new Date(now.getTime() + LEASE_MS);
  await leaseJob(tx, job.id, lease, job.attempts + 1);
  return { job: { ...job, attempts: job.attempts + 1 }, message, lease };
}

export async function sendLeased(db: Db, clock: Clock, mailer: Mailer, leased: LeasedEmail, log: JobLog): Promise<void> {
  const { job, lease, message } = leased;
  try {
    await mailer.send(message);
  } catch (err) {
    const now = clock.now();
    const reason = `Gửi thư thất bại: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500);
    const last = job.attempts >= MAX_EMAIL_ATTEMPTS;
    await db.transaction(async (tx) => {
      // Only the holder of this lease may settle the job: if it ran out and another runner took
      // the job, the other runner's outcome stands.
      const ours = last
        ? await settleLeased(tx, job.id, lease, { status: 'failed', doneAt: now, lastError: reason })
        : await settleLeased(tx, job.id, lease, { runAt: new Date(now.getTime() + (BACKOFF_MINUTES[job.attempts - 1] ?? 60) * 60_000), lastError: reason });
      if (last && ours) await setEmailState(tx, message.noticeId, { emailStatus: 'failed', emailError: reason });
    });
    log.warn({ event: 'email.failed', noticeId: message.noticeId, attempt: job.attempts, final: last, err: reason }, 'notice e-mail failed');
    return;
  }
  const now = clock.now();
  await db.transaction(async (tx) => {
    await settleLeased(tx, job.id, lease, { status: 'done', doneAt: now, lastError: null });
    await setEmailState(tx, message.noticeId, { emailStatus: 'sent', emailSentAt: now, emailError: null });
  });
  log.info({ noticeId: message.noticeId, attempt: job.attempts }, 'notice e-mail sent');
}
