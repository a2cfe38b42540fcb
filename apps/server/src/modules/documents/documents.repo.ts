import { asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { meetingDocuments } from '../../db/schema/index.ts';

export type DocumentRow = typeof meetingDocuments.$inferSelect;
/** A document without its bytes, with the name of who posted it. */
export type DocumentMeta = Omit<DocumentRow, 'content'> & { postedBy: string | null };

const metaColumns = {
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
  postedBy: sql<string | null>`(select display_name from accounts a where a.id = ${meetingDocuments.postedByAccountId})`,
};

export async function documentsOf(db: Queryable, meetingId: string): Promise<DocumentMeta[]> {
  return db.select(metaColumns).from(meetingDocuments).where(eq(meetingDocuments.meetingId, meetingId)).orderBy(asc(meetingDocuments.postedAt));
}

export async function findDocumentMeta(db: Queryable, id: string): Promise<DocumentMeta | undefined> {
  const [row] = await db.select(metaColumns).from(meetingDocuments).where(eq(meetingDocuments.id, id));
  return row;
}

export async function documentContent(db: Queryable, id: string): Promise<Uint8Array | undefined> {
  const [row] = await db.select({ content: meetingDocuments.content }).from(meetingDocuments).where(eq(meetingDocuments.id, id));
  return row?.content;
}

export async function insertDocument(db: Queryable, values: typeof meetingDocuments.$inferInsert): Promise<void> {
  await db.insert(meetingDocuments).values(values);
}

export async function deleteDocument(db: Queryable, id: string): Promise<void> {
  await db.delete(meetingDocuments).where(eq(meetingDocuments.id, id));
}
