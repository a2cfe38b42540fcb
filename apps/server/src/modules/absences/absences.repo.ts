import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { absenceRequests, meetings, members } from '../../db/schema/index.ts';
import { anyUuid } from '../../db/where.ts';

export type AbsenceValues = typeof absenceRequests.$inferInsert;
/** A request with the name of the member who made it. */
export type AbsenceRow = typeof absenceRequests.$inferSelect & { memberName: string };

const columns = {
  id: absenceRequests.id,
  meetingId: absenceRequests.meetingId,
  memberId: absenceRequests.memberId,
  reason: absenceRequests.reason,
  status: absenceRequests.status,
  decidedByAccountId: absenceRequests.decidedByAccountId,
  decidedAt: absenceRequests.decidedAt,
  decisionNote: absenceRequests.decisionNote,
  createdAt: absenceRequests.createdAt,
  memberName: members.fullName,
};

const withName = (db: Queryable) => db.select(columns).from(absenceRequests).innerJoin(members, eq(members.id, absenceRequests.memberId));

export async function absencesOf(db: Queryable, meetingId: string): Promise<AbsenceRow[]> {
  return withName(db).where(eq(absenceRequests.meetingId, meetingId)).orderBy(asc(absenceRequests.createdAt));
}

export async function findAbsence(db: Queryable, id: string, lock = false): Promise<AbsenceRow | undefined> {
  const q = withName(db).where(eq(absenceRequests.id, id));
  const [row] = lock ? await q.for('update', { of: absenceRequests }) : await q;
  return row;
}

export async function absenceOfMember(db: Queryable, meetingId: string, memberId: string): Promise<AbsenceRow | undefined> {
  const [row] = await withName(db).where(and(eq(absenceRequests.meetingId, meetingId), eq(absenceRequests.memberId, memberId)));
  return row;
}

export async function insertAbsence(db: Queryable, values: AbsenceValues): Promise<void> {
  await db.insert(absenceRequests).values(values);
}

export async function updateAbsence(db: Queryable, id: string, patch: Partial<AbsenceValues>): Promise<void> {
  await db.update(absenceRequests).set(patch).where(eq(absenceRequests.id, id));
}

export async function deleteAbsence(db: Queryable, id: string): Promise<void> {
  await db.delete(absenceRequests).where(eq(absenceRequests.id, id));
}

/** Requests still waiting for a decision, of meetings still ahead, by member or by the meetings' cells. */
export async function absencesWaiting(db: Queryable, q: { memberId?: string; cellIds?: readonly string[]; limit: number }): Promise<(AbsenceRow & { meetingStartsAt: Date; organizationId: string })[]> {
  return db
    .select({ ...columns, meetingStartsAt: meetings.startsAt, organizationId: meetings.organizationId })
    .from(absenceRequests)
    .innerJoin(members, eq(members.id, absenceRequests.memberId))
    .innerJoin(meetings, eq(meetings.id, absenceRequests.meetingId))
    .where(
      and(
        eq(absenceRequests.status, 'pending'),
        inArray(meetings.status, ['draft', 'announced']),
        q.memberId ? eq(absenceRequests.memberId, q.memberId) : undefined,
        q.cellIds ? anyUuid(meetings.organizationId, q.cellIds) : undefined,
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(absenceRequests.createdAt))
    .limit(q.limit);
}
