/**
 * A caller's notices (addressed to its account, or to the member it is linked to), marking
 * one read, and the officers' view of who was told about a meeting and who opened it.
 */
import { and, count, desc, eq, isNull, or, type SQL } from 'drizzle-orm';
import { notices } from '../../db/schema/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Actor, Ctx } from '../../lib/context.ts';
import { requireActor } from '../../lib/policy.ts';
import { loadMeeting } from '../meetings/meetings.access.ts';
import type { NoticeRow } from './mailer.ts';

const INBOX_LIMIT = 100;

function addressedTo(actor: Actor): SQL {
  const byAccount = eq(notices.recipientAccountId, actor.accountId);
  return actor.memberId ? (or(byAccount, eq(notices.recipientMemberId, actor.memberId)) as SQL) : byAccount;
}

export async function listMyNotices(ctx: Ctx): Promise<{ items: NoticeRow[]; unread: number }> {
  const actor = requireActor(ctx);
  const items = await ctx.db.select().from(notices).where(addressedTo(actor)).orderBy(desc(notices.createdAt), desc(notices.id)).limit(INBOX_LIMIT);
  const [unread] = await ctx.db.select({ n: count() }).from(notices).where(and(addressedTo(actor), isNull(notices.readAt)));
  return { items, unread: unread?.n ?? 0 };
}

/** Someone else's notice is "not found": the caller learns nothing about it. The first read time stays. */
export async function markNoticeRead(ctx: Ctx, id: string): Promise<NoticeRow> {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  const [updated] = await ctx.db
    .update(notices)
    .set({ readAt: now })
    .where(and(eq(notices.id, id), addressedTo(actor), isNull(notices.readAt)))
    .returning();
  if (updated) return updated;
  const [existing] = await ctx.db.select().from(notices).where(and(eq(notices.id, id), addressedTo(actor)));
  if (!existing) throw new AppError('not_found', 'Không tìm thấy thông báo.');
  return existing;
}

export async function meetingReceipts(ctx: Ctx, meetingId: string): Promise<NoticeRow[]> {
  const { meeting } = await loadMeeting(ctx, meetingId, 'meeting.manage');
  const rows = await ctx.db.select().from(notices).where(eq(notices.meetingId, meeting.id)).orderBy(desc(notices.createdAt), notices.recipientName);
  const collator = new Intl.Collator('vi');
  // Newest notice first; within one notice, recipients in Vietnamese order.
  return rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.kind.localeCompare(b.kind) || collator.compare(a.recipientName, b.recipientName));
}
