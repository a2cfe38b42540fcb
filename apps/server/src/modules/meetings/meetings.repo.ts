/**
 * Meetings and their agendas. The compliance facts also read when a meeting's first document
 * was posted: the one aggregate the meetings module takes from the documents table, in the same
 * query as the agenda totals, so that a superior's alerts over many cells stay two queries.
 */
import { and, asc, desc, eq, gte, inArray, lt, min, ne, or, sql, sum } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { agendaItems, meetingDocuments, meetings } from '../../db/schema/index.ts';
import { anyUuid } from '../../db/where.ts';

export type MeetingRow = typeof meetings.$inferSelect;
export type NewMeeting = typeof meetings.$inferInsert;
export type AgendaRow = typeof agendaItems.$inferSelect;
export type AgendaItemValues = Omit<AgendaRow, 'id' | 'meetingId' | 'position'>;

export async function findMeeting(db: Queryable, id: string): Promise<MeetingRow | undefined> {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, id));
  return row;
}

export async function lockMeeting(db: Queryable, id: string): Promise<MeetingRow | undefined> {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, id)).for('update');
  return row;
}

/** Meetings of these cells starting in [from, to). */
export async function meetingsBetween(db: Queryable, organizationIds: readonly string[], from: Date, to: Date): Promise<MeetingRow[]> {
  if (organizationIds.length === 0) return [];
  return db
    .select()
    .from(meetings)
    .where(and(anyUuid(meetings.organizationId, organizationIds), gte(meetings.startsAt, from), lt(meetings.startsAt, to)))
    .orderBy(asc(meetings.startsAt));
}

/** The announced or running meetings of these cells since `since`, soonest first (chi ủy meetings left out). */
export async function upcomingMeetings(db: Queryable, organizationIds: readonly string[], since: Date, limit: number): Promise<MeetingRow[]> {
  if (organizationIds.length === 0) return [];
  return db
    .select()
    .from(meetings)
    .where(and(anyUuid(meetings.organizationId, organizationIds), or(eq(meetings.status, 'announced'), eq(meetings.status, 'in_progress')), gte(meetings.startsAt, since), ne(meetings.kind, 'preparatory')))
    .orderBy(asc(meetings.startsAt))
    .limit(limit);
}

export async function insertMeeting(db: Queryable, values: NewMeeting): Promise<MeetingRow> {
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

export async function replaceAgenda(db: Queryable, meetingId: string, items: readonly AgendaItemValues[]): Promise<void> {
  await db.delete(agendaItems).where(eq(agendaItems.meetingId, meetingId));
  if (items.length === 0) return;
  await db.insert(agendaItems).values(items.map((it, i) => ({ ...it, meetingId, position: i + 1 })));
}

export async function appendAgendaItem(db: Queryable, meetingId: string, item: AgendaItemValues): Promise<void> {
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
    db.select({ id: agendaItems.meetingId, total: sum(agendaItems.plannedMinutes) }).from(agendaItems).where(anyUuid(agendaItems.meetingId, ids)).groupBy(agendaItems.meetingId),
    db.select({ id: meetingDocuments.meetingId, first: min(meetingDocuments.postedAt) }).from(meetingDocuments).where(anyUuid(meetingDocuments.meetingId, ids)).groupBy(meetingDocuments.meetingId),
  ]);
  return {
    agendaMinutes: new Map(agenda.map((a) => [a.id, Number(a.total ?? 0)])),
    firstPosted: new Map(docs.filter((d) => d.first !== null).map((d) => [d.id, new Date(d.first as unknown as string | Date)])),
  };
}

/** Meetings of these cells, or with these ids, in these statuses since `since`, soonest first (a calendar feed). */
export async function meetingsForCalendar(
  db: Queryable,
  q: { cellIds: readonly string[]; meetingIds: readonly string[]; statuses: readonly MeetingRow['status'][]; since: Date; limit: number },
): Promise<MeetingRow[]> {
  const scope = [q.cellIds.length > 0 ? anyUuid(meetings.organizationId, q.cellIds) : undefined, q.meetingIds.length > 0 ? anyUuid(meetings.id, q.meetingIds) : undefined].filter((c) => c !== undefined);
  if (scope.length === 0) return [];
  return db
    .select()
    .from(meetings)
    .where(and(or(...scope), inArray(meetings.status, [...q.statuses]), gte(meetings.startsAt, q.since)))
    .orderBy(asc(meetings.startsAt))
    .limit(q.limit);
}
