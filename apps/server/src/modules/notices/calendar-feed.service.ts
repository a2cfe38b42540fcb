/**
 * A personal calendar feed (a secret URL a calendar app subscribes to). Only the token's
 * SHA-256 is stored; creating a new one replaces — and so revokes — the old. The feed lists
 * the meetings of the cells the account belongs to (its record's cell, and the cells where
 * it holds the member or cell officer role) and those it was invited to as a guest.
 */
import crypto from 'node:crypto';
import { and, ne, asc, eq, gte, inArray, or } from 'drizzle-orm';
import { registerDayOf } from '@chibo/core';
import type { Db, Tx } from '../../db/client.ts';
import { accounts, calendarFeeds, meetings, notices, organizations, roleGrants } from '../../db/schema/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Clock, Ctx } from '../../lib/context.ts';
import { requireActor } from '../../lib/policy.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { organizationOfAccount } from '../auth/accounts.repo.ts';
import { recordCellIdOn } from '../members/members.repo.ts';
import { deliverySettings, meetingLink } from './delivery.ts';
import { meetingsCalendar } from './ics.ts';
import { formatLocalDateTime, meetingKindName } from './notice-text.ts';

const FEED_STATUSES = ['announced', 'in_progress', 'ended', 'cancelled'];
/** How far back the feed goes: a calendar app keeps what it already has. */
const FEED_DAYS_BACK = 400;
const FEED_LIMIT = 1000;

function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function feedUrl(token: string): string {
  return `${deliverySettings().publicUrl}/api/v1/calendar/${token}.ics`;
}

async function auditFeed(ctx: Ctx, action: 'calendar_feed.created' | 'calendar_feed.revoked', apply: (tx: Tx) => Promise<boolean>): Promise<boolean> {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  const where = await organizationOfAccount(ctx.db, actor.accountId, registerDayOf(now));
  return ctx.db.transaction(async (tx) => {
    const changed = await apply(tx);
    if (!changed) return false;
    await recordAudit(tx, {
      at: now,
      actorAccountId: actor.accountId,
      actorName: actor.displayName,
      action,
      targetType: 'account',
      targetId: actor.accountId,
      organizationId: where?.id ?? null,
      organizationPath: where?.path ?? null,
    });
    return true;
  });
}

/** A new secret URL for the caller; the previous one stops working. */
export async function createCalendarFeed(ctx: Ctx): Promise<{ url: string }> {
  const actor = requireActor(ctx);
  const token = crypto.randomBytes(32).toString('base64url');
  const tokenHash = hashToken(token);
  const now = ctx.clock.now();
  await auditFeed(ctx, 'calendar_feed.created', async (tx) => {
    await tx
      .insert(calendarFeeds)
      .values({ accountId: actor.accountId, tokenHash, createdAt: now })
      .onConflictDoUpdate({ target: calendarFeeds.accountId, set: { tokenHash, createdAt: now } });
    return true;
  });
  return { url: feedUrl(token) };
}

/** Whether the caller has a feed, and since when (the address itself is shown only when made). */
export async function calendarFeedStatus(ctx: Ctx): Promise<{ active: boolean; createdAt: string | null }> {
  const actor = requireActor(ctx);
  const [row] = await ctx.db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.accountId, actor.accountId));
  return { active: row !== undefined, createdAt: row?.createdAt.toISOString() ?? null };
}

export async function revokeCalendarFeed(ctx: Ctx): Promise<void> {
  const actor = requireActor(ctx);
  const revoked = await auditFeed(ctx, 'calendar_feed.revoked', async (tx) => {
    const rows = await tx.delete(calendarFeeds).where(eq(calendarFeeds.accountId, actor.accountId)).returning({ id: calendarFeeds.accountId });
    return rows.length > 0;
  });
  if (!revoked) throw new AppError('not_found', 'Chưa có đường dẫn lịch nào để thu hồi.');
}

const UNKNOWN_FEED = 'Không tìm thấy lịch: đường dẫn sai hoặc đã bị thu hồi.';

/** The feed behind a token, as text/calendar; an unknown or revoked token is "not found". */
export async function calendarFeedOf(db: Db, clock: Clock, token: string): Promise<string> {
  const [feed] = await db
    .select({ accountId: accounts.id, memberId: accounts.memberId, name: accounts.displayName, disabledAt: accounts.disabledAt })
    .from(calendarFeeds)
    .innerJoin(accounts, eq(accounts.id, calendarFeeds.accountId))
    .where(eq(calendarFeeds.tokenHash, hashToken(token)));
  if (!feed || feed.disabledAt) throw new AppError('not_found', UNKNOWN_FEED);
  const now = clock.now();
  const grants = await db
    .select({ id: roleGrants.organizationId, role: roleGrants.role })
    .from(roleGrants)
    .where(and(eq(roleGrants.accountId, feed.accountId), inArray(roleGrants.role, ['member', 'cell_officer'])));
  const cells = new Set(grants.map((r) => r.id));
  // A chi ủy meeting is the committee's: in the feed of its officers and of those invited only.
  const officerCells = grants.filter((g) => g.role === 'cell_officer').map((g) => g.id);
  const recordCell = feed.memberId ? await recordCellIdOn(db, feed.memberId, registerDayOf(now)) : null;
  if (recordCell) cells.add(recordCell);
  const invited = (
    await db
      .selectDistinct({ id: notices.meetingId })
      .from(notices)
      .where(or(eq(notices.recipientAccountId, feed.accountId), feed.memberId ? eq(notices.recipientMemberId, feed.memberId) : undefined))
  ).map((r) => r.id);
  const ofCells =
    cells.size > 0
      ? and(inArray(meetings.organizationId, [...cells]), officerCells.length > 0 ? or(ne(meetings.kind, 'preparatory'), inArray(meetings.organizationId, officerCells)) : ne(meetings.kind, 'preparatory'))
      : undefined;
  const scope = [ofCells, invited.length > 0 ? inArray(meetings.id, invited) : undefined].filter((c) => c !== undefined);
  const rows =
    scope.length === 0
      ? []
      : await db
          .select({ meeting: meetings, cellName: organizations.name, timeZone: organizations.timeZone })
          .from(meetings)
          .innerJoin(organizations, eq(organizations.id, meetings.organizationId))
          .where(and(or(...scope), inArray(meetings.status, FEED_STATUSES), gte(meetings.startsAt, new Date(now.getTime() - FEED_DAYS_BACK * 86_400_000))))
          .orderBy(asc(meetings.startsAt))
          .limit(FEED_LIMIT);
  const settings = deliverySettings();
  return meetingsCalendar(
    `Lịch sinh hoạt chi bộ — ${feed.name}`,
    rows.map((r) => ({
      meeting: r.meeting,
      cellName: r.cellName,
      url: meetingLink(settings, r.meeting.id),
      description: feedDescription(r.meeting, r.cellName, r.timeZone),
    })),
    now,
  );
}

function feedDescription(meeting: typeof meetings.$inferSelect, cellName: string, timeZone: string): string {
  const lines = [`${meetingKindName(meeting.kind)} — ${cellName}`, `Thời gian: ${formatLocalDateTime(meeting.startsAt, timeZone)}`];
  if (meeting.place) lines.push(`Địa điểm: ${meeting.place}`);
  if (meeting.onlineUrl) lines.push(`Họp trực tuyến: ${meeting.onlineUrl}`);
  if (meeting.topic) lines.push(`Chủ đề: ${meeting.topic}`);
  if (meeting.status === 'cancelled') lines.push(`Đã hủy${meeting.cancelReason ? `: ${meeting.cancelReason}` : '.'}`);
  return lines.join('\n');
}
