/**
 * A personal calendar feed (a secret URL a calendar app subscribes to). Only the token's
 * SHA-256 is stored; creating a new one replaces — and so revokes — the old. What the feed
 * lists is calendar-feeds.policy's.
 */
import crypto from 'node:crypto';
import { registerDayOf, type MeetingStatus } from '@chibo/core';
import type { DeliverySettings } from '../../config/config.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Clock, Ctx } from '../../lib/context.ts';
import { requireActor } from '../../lib/policy.ts';
import { recordChange } from '../audit/audit.service.ts';
import { grantsOf, organizationOfAccount } from '../auth/auth.service.ts';
import { meetingsForCalendar } from '../meetings/meetings.service.ts';
import { recordCellIdOn } from '../members/members.service.ts';
import { meetingLink } from '../notices/delivery.ts';
import { meetingsCalendar } from '../notices/ics.ts';
import { meetingIdsNoticed } from '../notices/notices.service.ts';
import { organizationsByIds } from '../organizations/organizations.service.ts';
import { feedLists } from './calendar-feeds.policy.ts';
import { feedDescription } from './calendar-feeds.presenter.ts';
import * as repo from './calendar-feeds.repo.ts';

const FEED_STATUSES: readonly MeetingStatus[] = ['announced', 'in_progress', 'ended', 'cancelled'];
/** How far back the feed goes: a calendar app keeps what it already has. */
const FEED_DAYS_BACK = 400;
const FEED_LIMIT = 1000;
const UNKNOWN_FEED = 'Không tìm thấy lịch: đường dẫn sai hoặc đã bị thu hồi.';

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export function feedUrl(delivery: Pick<DeliverySettings, 'publicUrl'>, token: string): string {
  return `${delivery.publicUrl}/api/v1/calendar/${token}.ics`;
}

/** Creating or revoking a feed is the account's own event, filed under its organization. */
async function changeFeed(ctx: Ctx, action: 'calendar_feed.created' | 'calendar_feed.revoked', apply: (tx: Tx) => Promise<boolean>): Promise<boolean> {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  const where = await organizationOfAccount(ctx.db, actor.accountId, registerDayOf(now));
  return ctx.db.transaction(async (tx) => {
    if (!(await apply(tx))) return false;
    await recordChange(tx, ctx, { at: now, action, targetType: 'account', targetId: actor.accountId, organization: where ?? null });
    return true;
  });
}

/** A new secret URL for the caller; the previous one stops working. */
export async function createCalendarFeed(ctx: Ctx): Promise<{ url: string }> {
  const actor = requireActor(ctx);
  const token = crypto.randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  await changeFeed(ctx, 'calendar_feed.created', async (tx) => {
    await repo.upsertFeed(tx, actor.accountId, hashToken(token), now);
    return true;
  });
  return { url: feedUrl(ctx.delivery, token) };
}

/** Whether the caller has a feed, and since when (the address itself is shown only when made). */
export async function calendarFeedStatus(ctx: Ctx): Promise<{ active: boolean; createdAt: string | null }> {
  const row = await repo.feedOf(ctx.db, requireActor(ctx).accountId);
  return { active: row !== undefined, createdAt: row?.createdAt.toISOString() ?? null };
}

export async function revokeCalendarFeed(ctx: Ctx): Promise<void> {
  const actor = requireActor(ctx);
  const revoked = await changeFeed(ctx, 'calendar_feed.revoked', (tx) => repo.deleteFeed(tx, actor.accountId));
  if (!revoked) throw new AppError('not_found', 'Chưa có đường dẫn lịch nào để thu hồi.');
}

/** The feed behind a token, as text/calendar; an unknown or revoked token is "not found". */
export async function calendarFeedOf(db: Db, clock: Clock, delivery: DeliverySettings, token: string): Promise<string> {
  const feed = await repo.feedAccount(db, hashToken(token));
  if (!feed || feed.disabledAt) throw new AppError('not_found', UNKNOWN_FEED);
  const now = clock.now();
  const grants = await grantsOf(db, feed.accountId);
  const cells = new Set(grants.filter((g) => g.role === 'member' || g.role === 'cell_officer').map((g) => g.organizationId));
  const recordCell = feed.memberId ? await recordCellIdOn(db, feed.memberId, registerDayOf(now)) : null;
  if (recordCell) cells.add(recordCell);
  const noticed = new Set(await meetingIdsNoticed(db, { accountId: feed.accountId, memberId: feed.memberId }));
  const candidates = await meetingsForCalendar(db, { cellIds: [...cells], meetingIds: [...noticed], statuses: FEED_STATUSES, since: new Date(now.getTime() - FEED_DAYS_BACK * 86_400_000), limit: FEED_LIMIT });
  const orgs = new Map((await organizationsByIds(db, [...new Set(candidates.map((m) => m.organizationId))])).map((o) => [o.id, o]));
  const items = candidates.flatMap((meeting) => {
    const org = orgs.get(meeting.organizationId);
    if (!org || !feedLists(grants, { kind: meeting.kind, cellPath: org.path, inCells: cells.has(org.id), noticed: noticed.has(meeting.id) })) return [];
    return [{ meeting, cellName: org.name, url: meetingLink(delivery, meeting.id), description: feedDescription(meeting, org.name, org.timeZone) }];
  });
  return meetingsCalendar(`Lịch sinh hoạt chi bộ — ${feed.name}`, items, now);
}
