import { asc, eq, like, or } from 'drizzle-orm';
import { organizations } from '../../db/schema/index.ts';
import type { Queryable } from '../../db/client.ts';

export type OrganizationRow = typeof organizations.$inferSelect;

export async function findOrganization(db: Queryable, id: string): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row;
}

/** Every organization at or under any of the given paths, in tree order. */
export async function listSubtrees(db: Queryable, paths: readonly string[]): Promise<OrganizationRow[]> {
  if (paths.length === 0) return [];
  return db
    .select()
    .from(organizations)
    .where(or(...paths.map((p) => like(organizations.path, `${p}%`))))
    .orderBy(asc(organizations.path));
}

export async function lockOrganization(db: Queryable, id: string): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id)).for('update');
  return row;
}

export async function insertOrganization(
  db: Queryable,
  values: Omit<typeof organizations.$inferInsert, 'path' | 'depth'> & { id: string },
  parent: OrganizationRow | null,
): Promise<OrganizationRow> {
  const path = `${parent?.path ?? '/'}${values.id}/`;
  const [row] = await db
    .insert(organizations)
    .values({ ...values, path, depth: parent ? parent.depth + 1 : 0 })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateOrganization(
  db: Queryable,
  id: string,
  patch: Partial<Pick<OrganizationRow, 'name' | 'cellType' | 'timeZone'>>,
  at: Date,
): Promise<OrganizationRow> {
  const [row] = await db
    .update(organizations)
    .set({ ...patch, updatedAt: at })
    .where(eq(organizations.id, id))
    .returning();
  if (!row) throw new Error('update returned no row');
  return row;
}

/** Is there any organization at all (an installation that is not empty)? */
export async function hasOrganizations(db: Queryable): Promise<boolean> {
  const rows = await db.select({ id: organizations.id }).from(organizations).limit(1);
  return rows.length > 0;
}
