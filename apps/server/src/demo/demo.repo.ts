/**
 * The demo writes its meetings as they would stand after being held — statuses, times and
 * papers set directly, not through the officers' actions (which would check today's clock).
 */
import type { Tx } from '../db/client.ts';
import { agendaItems, meetingDocuments, meetingPapers, meetings } from '../db/schema/index.ts';

export type MeetingValues = typeof meetings.$inferInsert;

export async function insertMeetingRows(tx: Tx, rows: readonly (typeof meetings.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await tx.insert(meetings).values([...rows]);
}

export async function insertPaperRows(tx: Tx, rows: readonly (typeof meetingPapers.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await tx.insert(meetingPapers).values([...rows]);
}

export async function insertAgendaRows(tx: Tx, rows: readonly (typeof agendaItems.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await tx.insert(agendaItems).values([...rows]);
}

export async function insertDocumentRow(tx: Tx, row: typeof meetingDocuments.$inferInsert): Promise<void> {
  await tx.insert(meetingDocuments).values(row);
}
