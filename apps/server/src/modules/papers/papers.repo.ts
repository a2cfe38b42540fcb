import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { meetingPapers, meetings, members } from '../../db/schema/index.ts';
import { anyUuid } from '../../db/where.ts';

export type PaperValues = typeof meetingPapers.$inferInsert;
/** A paper without its file's bytes (`hasFile` says whether there is one), with its author's name. */
export type PaperRow = Omit<typeof meetingPapers.$inferSelect, 'content'> & { authorName: string; hasFile: boolean };

const columns = {
  id: meetingPapers.id,
  meetingId: meetingPapers.meetingId,
  title: meetingPapers.title,
  authorMemberId: meetingPapers.authorMemberId,
  dueDate: meetingPapers.dueDate,
  status: meetingPapers.status,
  body: meetingPapers.body,
  fileName: meetingPapers.fileName,
  contentType: meetingPapers.contentType,
  hasFile: sql<boolean>`${meetingPapers.content} is not null`,
  comment: meetingPapers.comment,
  submittedAt: meetingPapers.submittedAt,
  decidedAt: meetingPapers.decidedAt,
  createdAt: meetingPapers.createdAt,
  authorName: members.fullName,
};

export async function papersOf(db: Queryable, meetingIds: readonly string[]): Promise<PaperRow[]> {
  if (meetingIds.length === 0) return [];
  return db
    .select(columns)
    .from(meetingPapers)
    .innerJoin(members, eq(members.id, meetingPapers.authorMemberId))
    .where(anyUuid(meetingPapers.meetingId, meetingIds))
    .orderBy(asc(meetingPapers.createdAt));
}

export async function findPaper(db: Queryable, id: string, lock = false): Promise<PaperRow | undefined> {
  const q = db.select(columns).from(meetingPapers).innerJoin(members, eq(members.id, meetingPapers.authorMemberId)).where(eq(meetingPapers.id, id));
  const [row] = lock ? await q.for('update', { of: meetingPapers }) : await q;
  return row;
}

export async function paperContent(db: Queryable, id: string): Promise<Uint8Array | null> {
  const [row] = await db.select({ content: meetingPapers.content }).from(meetingPapers).where(eq(meetingPapers.id, id));
  return row?.content ?? null;
}

export async function insertPaper(db: Queryable, values: PaperValues): Promise<void> {
  await db.insert(meetingPapers).values(values);
}

export async function updatePaper(db: Queryable, id: string, patch: Partial<PaperValues>): Promise<void> {
  await db.update(meetingPapers).set(patch).where(eq(meetingPapers.id, id));
}

export async function deletePaper(db: Queryable, id: string): Promise<void> {
  await db.delete(meetingPapers).where(eq(meetingPapers.id, id));
}

/** Papers of meetings still ahead or running, by their meeting's cell, in these statuses (what waits on someone). */
export async function papersWaiting(db: Queryable, q: { authorMemberId?: string; cellIds?: readonly string[]; statuses: readonly PaperRow['status'][]; limit: number }): Promise<(PaperRow & { meetingStartsAt: Date; organizationId: string })[]> {
  const where = [
    inArray(meetingPapers.status, [...q.statuses]),
    inArray(meetings.status, ['draft', 'announced', 'in_progress']),
    q.authorMemberId ? eq(meetingPapers.authorMemberId, q.authorMemberId) : undefined,
    q.cellIds ? anyUuid(meetings.organizationId, q.cellIds) : undefined,
  ];
  return db
    .select({ ...columns, meetingStartsAt: meetings.startsAt, organizationId: meetings.organizationId })
    .from(meetingPapers)
    .innerJoin(members, eq(members.id, meetingPapers.authorMemberId))
    .innerJoin(meetings, eq(meetings.id, meetingPapers.meetingId))
    .where(and(...where))
    .orderBy(asc(meetings.startsAt), asc(meetingPapers.createdAt))
    .limit(q.limit);
}
