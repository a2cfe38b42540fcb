import { and, asc, desc, eq, gte, inArray, lt, min, sql, sum } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { absenceRequests, agendaItems, meetingDocuments, meetingPapers, meetings, members } from '../../db/schema/index.ts';
import type { MeetingRow } from './meetings.access.ts';

export type AgendaRow = typeof agendaItems.$inferSelect;
export type DocumentMeta = Omit<typeof meetingDocuments.$inferSelect, 'content'> & { postedBy: string | null };
/** A paper without its file's bytes (`hasFile` says whether there is one). */
export type PaperRow = Omit<typeof meetingPapers.$inferSelect, 'content'> & { authorName: string; hasFile: boolean };
export type AbsenceRow = typeof absenceRequests.$inferSelect & { memberName: string };

/** Meetings of these cells starting in [from, to). */
export async function meetingsBetween(db: Queryable, organizationIds: readonly string[], from: Date, to: Date): Promise<MeetingRow[]> {
  if (organizationIds.length === 0) return [];
  return db
    .select()
    .from(meetings)
    .where(and(inArray(meetings.organizationId, [...organizationIds]), gte(meetings.startsAt, from), lt(meetings.startsAt, to)))
    .orderBy(asc(meetings.startsAt));
}

export async function insertMeeting(db: Queryable, values: typeof meetings.$inferInsert): Promise<MeetingRow> {
  const [row] = await db.insert(meetings).values(values).returning();
  if (!row) throw new Error('insertMeeting: no row');
  return row;
}

/** Write a change and bump the revision. */
export async function updateMeeting(db: Queryable, id: string, patch: Partial<MeetingRow>, at: Date): Promise<MeetingRow> {
  const [row] = await db
    .update(meetings)
    .set({ ...patch, updatedAt: at, revision: sql`${meetings.revision} + 1` })
    .where(eq(meetings.id, id))
    .returning();
  if (!row) throw new Error('updateMeeting: no row');
  return row;
}

export async function agendaOf(db: Queryable, meetingId: string): Promise<AgendaRow[]> {
  return db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position));
}

export async function replaceAgenda(db: Queryable, meetingId: string, items: readonly Omit<AgendaRow, 'id' | 'meetingId' | 'position'>[]): Promise<void> {
  await db.delete(agendaItems).where(eq(agendaItems.meetingId, meetingId));
  if (items.length === 0) return;
  await db.insert(agendaItems).values(items.map((it, i) => ({ ...it, meetingId, position: i + 1 })));
}

export async function appendAgendaItem(db: Queryable, meetingId: string, item: Omit<AgendaRow, 'id' | 'meetingId' | 'position'>): Promise<void> {
  const [last] = await db
    .select({ position: agendaItems.position })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(desc(agendaItems.position))
    .limit(1);
  await db.insert(agendaItems).values({ ...item, meetingId, position: (last?.position ?? 0) + 1 });
}

/** Planned agenda minutes and first document day per meeting (for compliance), in two queries. */
export async function preparationFacts(db: Queryable, meetingIds: readonly string[]): Promise<{ agendaMinutes: Map<string, number>; firstPosted: Map<string, Date> }> {
  if (meetingIds.length === 0) return { agendaMinutes: new Map(), firstPosted: new Map() };
  const ids = [...meetingIds];
  const [agenda, docs] = await Promise.all([
    db.select({ id: agendaItems.meetingId, total: sum(agendaItems.plannedMinutes) }).from(agendaItems).where(inArray(agendaItems.meetingId, ids)).groupBy(agendaItems.meetingId),
    db.select({ id: meetingDocuments.meetingId, first: min(meetingDocuments.postedAt) }).from(meetingDocuments).where(inArray(meetingDocuments.meetingId, ids)).groupBy(meetingDocuments.meetingId),
  ]);
  return {
    agendaMinutes: new Map(agenda.map((a) => [a.id, Number(a.total ?? 0)])),
    firstPosted: new Map(docs.filter((d) => d.first !== null).map((d) => [d.id, new Date(d.first as unknown as string | Date)])),
  };
}

const documentColumns = {
  id: meetingDocuments.id,
  meetingId: meetingDocuments.meetingId,
  kind: meetingDocuments.kind,
  title: meetingDocuments.title,
  fileName: meetingDocuments.fileName,
  contentType: meetingDocuments.contentType,
  size: meetingDocuments.size,
  sha256: meetingDocuments.sha256,
  postedByAccountId: meetingDocuments.postedByAccountId,
  postedAt: meetingDocuments.postedAt,
};

export async function documentsOf(db: Queryable, meetingId: string): Promise<DocumentMeta[]> {
  const rows = await db
    .select({ ...documentColumns, postedBy: sql<string | null>`(select display_name from accounts a where a.id = ${meetingDocuments.postedByAccountId})` })
    .from(meetingDocuments)
    .where(eq(meetingDocuments.meetingId, meetingId))
    .orderBy(asc(meetingDocuments.postedAt));
  return rows;
}

export async function findDocumentMeta(db: Queryable, id: string): Promise<DocumentMeta | undefined> {
  const [row] = await db
    .select({ ...documentColumns, postedBy: sql<string | null>`null` })
    .from(meetingDocuments)
    .where(eq(meetingDocuments.id, id));
  return row;
}

export async function documentContent(db: Queryable, id: string): Promise<Uint8Array | undefined> {
  const [row] = await db.select({ content: meetingDocuments.content }).from(meetingDocuments).where(eq(meetingDocuments.id, id));
  return row?.content;
}

const paperColumns = {
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
    .select(paperColumns)
    .from(meetingPapers)
    .innerJoin(members, eq(members.id, meetingPapers.authorMemberId))
    .where(inArray(meetingPapers.meetingId, [...meetingIds]))
    .orderBy(asc(meetingPapers.createdAt));
}

export async function findPaper(db: Queryable, id: string, lock = false): Promise<PaperRow | undefined> {
  const q = db.select(paperColumns).from(meetingPapers).innerJoin(members, eq(members.id, meetingPapers.authorMemberId)).where(eq(meetingPapers.id, id));
  const [row] = lock ? await q.for('update', { of: meetingPapers }) : await q;
  return row;
}

export async function paperContent(db: Queryable, id: string): Promise<Uint8Array | null> {
  const [row] = await db.select({ content: meetingPapers.content }).from(meetingPapers).where(eq(meetingPapers.id, id));
  return row?.content ?? null;
}

const absenceColumns = {
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

export async function absencesOf(db: Queryable, meetingId: string): Promise<AbsenceRow[]> {
  return db
    .select(absenceColumns)
    .from(absenceRequests)
    .innerJoin(members, eq(members.id, absenceRequests.memberId))
    .where(eq(absenceRequests.meetingId, meetingId))
    .orderBy(asc(absenceRequests.createdAt));
}

export async function findAbsence(db: Queryable, id: string, lock = false): Promise<AbsenceRow | undefined> {
  const q = db.select(absenceColumns).from(absenceRequests).innerJoin(members, eq(members.id, absenceRequests.memberId)).where(eq(absenceRequests.id, id));
  const [row] = lock ? await q.for('update', { of: absenceRequests }) : await q;
  return row;
}

export async function absenceOfMember(db: Queryable, meetingId: string, memberId: string): Promise<AbsenceRow | undefined> {
  const [row] = await db
    .select(absenceColumns)
    .from(absenceRequests)
    .innerJoin(members, eq(members.id, absenceRequests.memberId))
    .where(and(eq(absenceRequests.meetingId, meetingId), eq(absenceRequests.memberId, memberId)));
  return row;
}
