/**
 * Notices: one row per recipient, written once (the dedupe key is unique), with an e-mail job
 * beside it when the recipient has an address and SMTP is set up; the meeting's reminder jobs,
 * rescheduled whenever the meeting is announced or moved and cancelled with it; and the reader's
 * inbox. Writing runs inside the caller's transaction, so a meeting change and the notices telling
 * people about it commit or fail together.
 */
import { compareVietnameseNames, type NoticeKind } from '@chibo/core';
import type { DeliverySettings } from '../../config/config.ts';
import type { Queryable, Tx } from '../../db/client.ts';
import { cancelPendingJobs, enqueueJobs, pendingJobKeys } from '../../jobs/jobs.service.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Ctx } from '../../lib/context.ts';
import { requireActor } from '../../lib/policy.ts';
import { accountOfMember, accountsByIds, accountsWithRoleOn } from '../auth/auth.service.ts';
import { expectedAt, loadMeeting, type MeetingRow } from '../meetings/meetings.service.ts';
import { membersWithHistory } from '../members/members.service.ts';
import type { OrganizationRow } from '../organizations/organizations.service.ts';
import { noticeText, workflowNoticeText, type WorkflowTextInput } from './notice-text.ts';
import { readerOf } from './notices.policy.ts';
import * as repo from './notices.repo.ts';

export type { NoticeRow } from './notices.repo.ts';

export interface ReminderPayload {
  meetingId: string;
  /** ISO instant the reminder was scheduled for: a moved meeting's old reminders do nothing. */
  startsAt: string;
  offsetMinutes: number;
}

export interface EmailPayload {
  noticeId: string;
}

export interface Recipient {
  /** Stable within a meeting: 'm:<memberId>' or 'a:<accountId>' (notices' dedupe keys use it). */
  key: string;
  memberId: string | null;
  accountId: string | null;
  name: string;
  email: string | null;
}

/**
 * Who a meeting's notices go to: every member expected at it (core isExpectedAt: the roll of the
 * day, less members away and exempt; the chi ủy only for its own meeting), and the guests with an
 * account, such as the superior committee's assigned follower — each person once.
 */
export async function recipientsOf(db: Queryable, meeting: MeetingRow, org: OrganizationRow): Promise<Recipient[]> {
  const out: Recipient[] = (await expectedAt(db, meeting, org)).map((e) => ({ key: `m:${e.memberId}`, memberId: e.memberId, accountId: null, name: e.fullName, email: e.row.email }));
  for (const r of await accountRecipients(db, meeting.guests.map((g) => g.accountId).filter((id): id is string => id !== null))) {
    // A guest who is also a member of the cell is told once.
    if (r.linkedMemberId && out.some((x) => x.memberId === r.linkedMemberId)) continue;
    out.push(r);
  }
  return out;
}

/** Enabled accounts as recipients: their own address, else their member record's. */
async function accountRecipients(db: Queryable, accountIds: readonly string[]): Promise<(Recipient & { linkedMemberId: string | null })[]> {
  const accs = (await accountsByIds(db, accountIds)).filter((a) => !a.disabledAt);
  const memberEmails = new Map((await membersWithHistory(db, accs.map((a) => a.memberId).filter((id): id is string => id !== null))).map((l) => [l.row.id, l.row.email]));
  return accs.map((a) => ({ key: `a:${a.id}`, memberId: null, accountId: a.id, name: a.displayName, email: a.email ?? (a.memberId ? (memberEmails.get(a.memberId) ?? null) : null), linkedMemberId: a.memberId }));
}

export interface WriteNoticesArgs {
  meeting: MeetingRow;
  org: OrganizationRow;
  kind: Extract<NoticeKind, 'announced' | 'moved' | 'cancelled' | 'reminder'>;
  now: Date;
  reason?: string | null | undefined;
  offsetMinutes?: number | undefined;
  dedupeKeyOf: (recipientKey: string) => string;
}

/** One notice per recipient (written once per dedupe key) and an e-mail job for each new one with an address. */
async function writeNotices(
  tx: Tx,
  delivery: DeliverySettings,
  args: { meeting: MeetingRow; kind: NoticeKind; now: Date; recipients: readonly Recipient[]; text: { title: string; body: string }; dedupeKeyOf: (recipientKey: string) => string },
): Promise<number> {
  const mail = delivery.smtpUrl !== undefined;
  const inserted = await repo.insertNotices(
    tx,
    args.recipients.map((r) => ({
      meetingId: args.meeting.id,
      kind: args.kind,
      recipientMemberId: r.memberId,
      recipientAccountId: r.accountId,
      recipientName: r.name,
      email: r.email,
      title: args.text.title,
      body: args.text.body,
      dedupeKey: args.dedupeKeyOf(r.key),
      emailStatus: mail && r.email ? 'pending' : 'none',
      createdAt: args.now,
    })),
  );
  const toMail = inserted.filter((n) => n.emailStatus === 'pending');
  await enqueueJobs(tx, toMail.map((n) => ({ kind: 'email', key: `email:${n.id}`, runAt: args.now, payload: { noticeId: n.id } satisfies EmailPayload })));
  return inserted.length;
}

/** The notices of a meeting's schedule: to everyone expected and the guests with an account. */
export async function writeMeetingNotices(tx: Tx, delivery: DeliverySettings, args: WriteNoticesArgs): Promise<number> {
  const recipients = await recipientsOf(tx, args.meeting, args.org);
  if (recipients.length === 0) return 0;
  const text = noticeText({
    kind: args.kind,
    meeting: args.meeting,
    cellName: args.org.name,
    timeZone: args.org.timeZone,
    reason: args.reason,
    offsetMinutes: args.offsetMinutes,
  });
  return writeNotices(tx, delivery, { meeting: args.meeting, kind: args.kind, now: args.now, recipients, text, dedupeKeyOf: args.dedupeKeyOf });
}

/**
 * Tell everyone expected at the meeting that it was announced, moved or cancelled, and
 * (re)schedule or cancel its reminders. Returns how many notices were written (0 for a
 * revision already told).
 */
export async function notifyMeeting(tx: Tx, delivery: DeliverySettings, args: { meeting: MeetingRow; org: OrganizationRow; kind: 'announced' | 'moved' | 'cancelled'; now: Date; reason?: string | null }): Promise<number> {
  const { meeting, kind } = args;
  const written = await writeMeetingNotices(tx, delivery, {
    meeting,
    org: args.org,
    kind,
    now: args.now,
    reason: args.reason ?? (kind === 'cancelled' ? meeting.cancelReason : null),
    dedupeKeyOf: (recipientKey) => `${kind}:${meeting.id}:${meeting.revision}:${recipientKey}`,
  });
  await cancelReminders(tx, meeting.id);
  if (kind !== 'cancelled') await scheduleReminders(tx, delivery, meeting, args.now);
  return written;
}

/** What announcing would send, without sending it: who is told (and by e-mail or in the app only) and the text they receive. */
export async function announcementPreview(db: Queryable, delivery: DeliverySettings, meeting: MeetingRow, org: OrganizationRow): Promise<{ recipients: Recipient[]; title: string; body: string; email: boolean }> {
  const recipients = await recipientsOf(db, meeting, org);
  const text = noticeText({ kind: 'announced', meeting, cellName: org.name, timeZone: org.timeZone });
  return { recipients, ...text, email: delivery.smtpUrl !== undefined };
}

/**
 * A step of a meeting's preparation told to the other side (issue 9, point 9): a member's
 * request or paper to the cell's officers; their decision back to the member. Written in the
 * transaction of the step, once per step (the dedupe key carries the step's own time).
 */
export async function notifyWorkflow(
  tx: Tx,
  delivery: DeliverySettings,
  args: Omit<WorkflowTextInput, 'cellName' | 'timeZone'> & { org: OrganizationRow; memberId: string; stepId: string; now: Date },
): Promise<number> {
  const toOfficers = args.kind === 'absence_requested' || args.kind === 'paper_submitted';
  let recipients: Recipient[];
  if (toOfficers) {
    // The cell's officers' accounts; an officer who is the member themself is not told of their own step.
    const memberAccount = await accountOfMember(tx, args.memberId);
    const officers = (await accountsWithRoleOn(tx, 'cell_officer', [args.org.id])).filter((a) => a.accountId !== memberAccount);
    recipients = await accountRecipients(tx, officers.map((a) => a.accountId));
  } else {
    const [member] = await membersWithHistory(tx, [args.memberId]);
    recipients = member ? [{ key: `m:${args.memberId}`, memberId: args.memberId, accountId: null, name: member.row.fullName, email: member.row.email }] : [];
  }
  if (recipients.length === 0) return 0;
  const text = workflowNoticeText({ ...args, cellName: args.org.name, timeZone: args.org.timeZone });
  return writeNotices(tx, delivery, { meeting: args.meeting, kind: args.kind, now: args.now, recipients, text, dedupeKeyOf: (key) => `${args.kind}:${args.stepId}:${args.now.toISOString()}:${key}` });
}

const reminderKeyPrefix = (meetingId: string) => `reminder:${meetingId}:`;

/** Pending reminders of the meeting stop: it was cancelled, or it is being rescheduled. */
export function cancelReminders(tx: Tx, meetingId: string): Promise<void> {
  return cancelPendingJobs(tx, 'reminder', reminderKeyPrefix(meetingId));
}

/**
 * One job per configured offset, due `offset` before the start; those already past are
 * skipped. A key seen before (same start, same offset) is revived if it was cancelled —
 * a meeting moved away and back — but never re-run once done.
 */
export async function scheduleReminders(tx: Tx, delivery: DeliverySettings, meeting: MeetingRow, now: Date): Promise<number> {
  const startsAt = meeting.startsAt.toISOString();
  const rows = delivery.reminderOffsetsMinutes
    .map((offsetMinutes) => ({
      kind: 'reminder' as const,
      key: `${reminderKeyPrefix(meeting.id)}${startsAt}:${offsetMinutes}`,
      runAt: new Date(meeting.startsAt.getTime() - offsetMinutes * 60_000),
      payload: { meetingId: meeting.id, startsAt, offsetMinutes } satisfies ReminderPayload,
    }))
    .filter((r) => r.runAt.getTime() > now.getTime());
  await enqueueJobs(tx, rows, { reviveCancelled: true });
  return rows.length;
}

/** The pending jobs of a meeting's reminders (tests and diagnostics). */
export function pendingReminderKeys(db: Queryable, meetingId: string): Promise<string[]> {
  return pendingJobKeys(db, 'reminder', reminderKeyPrefix(meetingId));
}

// ---------------------------------------------------------------- the inbox

const INBOX_LIMIT = 100;

export async function listMyNotices(ctx: Ctx): Promise<{ items: repo.NoticeRow[]; unread: number }> {
  const reader = readerOf(requireActor(ctx));
  const [items, unread] = await Promise.all([repo.noticesOf(ctx.db, reader, INBOX_LIMIT), repo.unreadCount(ctx.db, reader)]);
  return { items, unread };
}

/** Someone else's notice is "not found": the caller learns nothing about it. The first read time stays. */
export async function markNoticeRead(ctx: Ctx, id: string): Promise<repo.NoticeRow> {
  const reader = readerOf(requireActor(ctx));
  const updated = await repo.markRead(ctx.db, reader, id, ctx.clock.now());
  if (updated) return updated;
  const existing = await repo.findNoticeOf(ctx.db, reader, id);
  if (!existing) throw new AppError('not_found', 'Không tìm thấy thông báo.');
  return existing;
}

/** Who was told about a meeting and who opened it (its officers): the meeting's own notices, newest first, recipients in Vietnamese order. */
export async function meetingReceipts(ctx: Ctx, meetingId: string): Promise<repo.NoticeRow[]> {
  const { meeting } = await loadMeeting(ctx, meetingId, 'meeting.manage');
  const rows = await repo.scheduleNoticesOfMeeting(ctx.db, meeting.id);
  return rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.kind.localeCompare(b.kind) || compareVietnameseNames(a.recipientName, b.recipientName));
}

/** The meetings an account was told about (its calendar feed lists them). */
export function meetingIdsNoticed(db: Queryable, reader: repo.Reader): Promise<string[]> {
  return repo.meetingIdsNoticed(db, reader);
}

// ---------------------------------------------------------------- e-mail state (the job runner's)

export const findNotice = repo.findNotice;

export function setEmailState(tx: Queryable, noticeId: string, patch: Parameters<typeof repo.setEmailState>[2]): Promise<void> {
  return repo.setEmailState(tx, noticeId, patch);
}

/** How many of the caller's notices are unread (the menu's badge, the home page). */
export function unreadCount(ctx: Ctx): Promise<number> {
  return repo.unreadCount(ctx.db, readerOf(requireActor(ctx)));
}
