import { MEETING_NOTICE_KINDS } from '@chibo/core';
import { and, count, desc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { notices } from '../../db/schema/index.ts';

export type NoticeRow = typeof notices.$inferSelect;
export type NoticeValues = typeof notices.$inferInsert;

/** Who reads a notice: the account it was addressed to, or the member the account is linked to. */
export interface Reader {
  accountId: string;
  memberId: string | null;
}

function addressedTo(reader: Reader): SQL {
  const byAccount = eq(notices.recipientAccountId, reader.accountId);
  return reader.memberId ? (or(byAccount, eq(notices.recipientMemberId, reader.memberId)) as SQL) : byAccount;
}

/** Written once per dedupe key: returns the notices this call wrote (not those already there). */
export async function insertNotices(db: Queryable, rows: readonly NoticeValues[]): Promise<{ id: string; emailStatus: NoticeRow['emailStatus'] }[]> {
  if (rows.length === 0) return [];
  return db.insert(notices).values([...rows]).onConflictDoNothing({ target: notices.dedupeKey }).returning({ id: notices.id, emailStatus: notices.emailStatus });
}

export async function noticesOf(db: Queryable, reader: Reader, limit: number): Promise<NoticeRow[]> {
  return db.select().from(notices).where(addressedTo(reader)).orderBy(desc(notices.createdAt), desc(notices.id)).limit(limit);
}

export async function unreadCount(db: Queryable, reader: Reader): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notices).where(and(addressedTo(reader), isNull(notices.readAt)));
  return row?.n ?? 0;
}

/** Marks the reader's notice read the first time; undefined when it is not theirs or already read. */
export async function markRead(db: Queryable, reader: Reader, id: string, at: Date): Promise<NoticeRow | undefined> {
  const [row] = await db.update(notices).set({ readAt: at }).where(and(eq(notices.id, id), addressedTo(reader), isNull(notices.readAt))).returning();
  return row;
}

export async function findNoticeOf(db: Queryable, reader: Reader, id: string): Promise<NoticeRow | undefined> {
  const [row] = await db.select().from(notices).where(and(eq(notices.id, id), addressedTo(reader)));
  return row;
}

export async function findNotice(db: Queryable, id: string): Promise<NoticeRow | undefined> {
  const [row] = await db.select().from(notices).where(eq(notices.id, id));
  return row;
}

/** A meeting's own notices (announced, moved, cancelled, reminders), not the preparation steps between a member and the officers. */
export async function scheduleNoticesOfMeeting(db: Queryable, meetingId: string): Promise<NoticeRow[]> {
  return db
    .select()
    .from(notices)
    .where(and(eq(notices.meetingId, meetingId), inArray(notices.kind, [...MEETING_NOTICE_KINDS])))
    .orderBy(desc(notices.createdAt), notices.recipientName);
}

/** The meetings the reader was told about (their calendar lists them even outside their cells). */
export async function meetingIdsNoticed(db: Queryable, reader: Reader): Promise<string[]> {
  return (await db.selectDistinct({ id: notices.meetingId }).from(notices).where(addressedTo(reader))).map((r) => r.id);
}

export async function setEmailState(db: Queryable, id: string, patch: Pick<Partial<NoticeRow>, 'emailStatus' | 'emailSentAt' | 'emailError'>): Promise<void> {
  await db.update(notices).set(patch).where(eq(notices.id, id));
}
