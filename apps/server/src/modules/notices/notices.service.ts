/**
 * Writing a meeting's notices: one row per recipient, written once (the dedupe key is
 * unique), with an e-mail job beside it when the recipient has an address and SMTP is set
 * up; and the meeting's reminder jobs, rescheduled whenever the meeting is announced or
 * moved and cancelled with it. Everything here runs inside the caller's transaction, so a
 * meeting change and the notices telling people about it commit or fail together.
 */
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../db/client.ts';
import { jobs, notices } from '../../db/schema/index.ts';
import type { MeetingRow } from '../meetings/meetings.access.ts';
import { meetingRecipients } from '../meetings/meeting-recipients.ts';
import type { OrganizationRow } from '../organizations/organizations.repo.ts';
import { deliverySettings, meetingLink } from './delivery.ts';
import { noticeText, type NoticeKind } from './notice-text.ts';

export interface ReminderPayload {
  meetingId: string;
  /** ISO instant the reminder was scheduled for: a moved meeting's old reminders do nothing. */
  startsAt: string;
  offsetMinutes: number;
}

export interface EmailPayload {
  noticeId: string;
}

/**
 * Tell everyone expected at the meeting that it was announced, moved or cancelled, and
 * (re)schedule or cancel its reminders. Returns how many notices were written (0 for a
 * revision already told).
 */
export async function notifyMeeting(
  tx: Tx,
  args: { meeting: MeetingRow; org: OrganizationRow; kind: 'announced' | 'moved' | 'cancelled'; now: Date; reason?: string | null },
): Promise<number> {
  const { meeting, kind } = args;
  const written = await writeMeetingNotices(tx, {
    meeting,
    org: args.org,
    kind,
    now: args.now,
    reason: args.reason ?? (kind === 'cancelled' ? meeting.cancelReason : null),
    dedupeKeyOf: (recipientKey) => `${kind}:${meeting.id}:${meeting.revision}:${recipientKey}`,
  });
  await cancelReminders(tx, meeting.id);
  if (kind !== 'cancelled') await scheduleReminders(tx, meeting, args.now);
  return written;
}

export interface WriteNoticesArgs {
  meeting: MeetingRow;
  org: OrganizationRow;
  kind: NoticeKind;
  now: Date;
  reason?: string | null | undefined;
  offsetMinutes?: number | undefined;
  dedupeKeyOf: (recipientKey: string) => string;
}

/** One notice per recipient (ON CONFLICT DO NOTHING) and an e-mail job for each new one with an address. */
export async function writeMeetingNotices(tx: Tx, args: WriteNoticesArgs): Promise<number> {
  const settings = deliverySettings();
  const recipients = await meetingRecipients(tx, args.meeting);
  if (recipients.length === 0) return 0;
  const text = noticeText({
    kind: args.kind,
    meeting: args.meeting,
    cellName: args.org.name,
    timeZone: args.org.timeZone,
    link: meetingLink(settings, args.meeting.id),
    reason: args.reason,
    offsetMinutes: args.offsetMinutes,
  });
  const mail = settings.smtpUrl !== undefined;
  const inserted = await tx
    .insert(notices)
    .values(
      recipients.map((r) => ({
        meetingId: args.meeting.id,
        kind: args.kind,
        recipientMemberId: r.memberId,
        recipientAccountId: r.accountId,
        recipientName: r.name,
        email: r.email,
        title: text.title,
        body: text.body,
        dedupeKey: args.dedupeKeyOf(r.key),
        emailStatus: mail && r.email ? 'pending' : 'none',
        createdAt: args.now,
      })),
    )
    .onConflictDoNothing({ target: notices.dedupeKey })
    .returning({ id: notices.id, emailStatus: notices.emailStatus });
  const toMail = inserted.filter((n) => n.emailStatus === 'pending');
  if (toMail.length > 0) {
    await tx
      .insert(jobs)
      .values(toMail.map((n) => ({ kind: 'email', key: `email:${n.id}`, runAt: args.now, payload: { noticeId: n.id } satisfies EmailPayload })))
      .onConflictDoNothing({ target: jobs.key });
  }
  return inserted.length;
}

function reminderKeyPrefix(meetingId: string): string {
  return `reminder:${meetingId}:`;
}

/** Pending reminders of the meeting stop: it was cancelled, or it is being rescheduled. */
export async function cancelReminders(tx: Tx, meetingId: string): Promise<void> {
  await tx
    .update(jobs)
    .set({ status: 'cancelled', lockedUntil: null })
    .where(and(eq(jobs.kind, 'reminder'), eq(jobs.status, 'pending'), like(jobs.key, `${reminderKeyPrefix(meetingId)}%`)));
}

/**
 * One job per configured offset, due `offset` before the start; those already past are
 * skipped. A key seen before (same start, same offset) is revived if it was cancelled —
 * a meeting moved away and back — but never re-run once done.
 */
export async function scheduleReminders(tx: Tx, meeting: MeetingRow, now: Date): Promise<number> {
  const startsAt = meeting.startsAt.toISOString();
  const rows = deliverySettings()
    .reminderOffsetsMinutes.map((offsetMinutes) => ({
      kind: 'reminder',
      key: `${reminderKeyPrefix(meeting.id)}${startsAt}:${offsetMinutes}`,
      runAt: new Date(meeting.startsAt.getTime() - offsetMinutes * 60_000),
      payload: { meetingId: meeting.id, startsAt, offsetMinutes } satisfies ReminderPayload,
    }))
    .filter((r) => r.runAt.getTime() > now.getTime());
  if (rows.length === 0) return 0;
  await tx
    .insert(jobs)
    .values(rows)
    .onConflictDoUpdate({
      target: jobs.key,
      set: { status: 'pending', runAt: sql`excluded.run_at`, attempts: 0, lockedUntil: null, lastError: null },
      setWhere: eq(jobs.status, 'cancelled'),
    });
  return rows.length;
}

/** The pending jobs of a meeting's reminders (tests and diagnostics). */
export async function pendingReminderKeys(tx: Queryable, meetingId: string): Promise<string[]> {
  const rows = await tx
    .select({ key: jobs.key })
    .from(jobs)
    .where(and(eq(jobs.kind, 'reminder'), inArray(jobs.status, ['pending']), like(jobs.key, `${reminderKeyPrefix(meetingId)}%`)));
  return rows.map((r) => r.key).sort();
}
