import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { members } from '../../db/schema/index.ts';
import type { Queryable } from '../../db/client.ts';

export type MemberRow = typeof members.$inferSelect;

export async function listMembersOf(db: Queryable, organizationId: string): Promise<MemberRow[]> {
  return db.select().from(members).where(eq(members.organizationId, organizationId));
}

export async function findMember(db: Queryable, id: string): Promise<MemberRow | undefined> {
  const [row] = await db.select().from(members).where(eq(members.id, id));
  return row;
}

export async function insertMember(db: Queryable, values: typeof members.$inferInsert): Promise<MemberRow> {
  const [row] = await db.insert(members).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Several members in one statement, returned in the order given. */
export async function insertMembers(db: Queryable, values: (typeof members.$inferInsert)[]): Promise<MemberRow[]> {
  if (values.length === 0) return [];
  const ids = values.map((v) => v.id ?? crypto.randomUUID());
  const rows = await db
    .insert(members)
    .values(values.map((v, i) => ({ ...v, id: ids[i] })))
    .returning();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const row = byId.get(id);
    if (!row) throw new Error('insert returned fewer rows');
    return row;
  });
}
