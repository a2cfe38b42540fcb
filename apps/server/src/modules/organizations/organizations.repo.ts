import { and, asc, eq, inArray, isNull, like, or, sql } from 'drizzle-orm';
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

export async function organizationsByIds(db: Queryable, ids: readonly string[]): Promise<OrganizationRow[]> {
  return ids.length === 0 ? [] : db.select().from(organizations).where(inArray(organizations.id, [...ids]));
}

/** The organization and its ancestors, root first (the ids are in its path). */
export async function ancestry(db: Queryable, org: OrganizationRow): Promise<OrganizationRow[]> {
  return (await ancestries(db, [org])).get(org.id) ?? [];
}

/** The ancestries of several organizations, root first, in one query. */
export async function ancestries(db: Queryable, orgs: readonly OrganizationRow[]): Promise<Map<string, OrganizationRow[]>> {
  const idsOf = (o: OrganizationRow) => o.path.split('/').filter(Boolean);
  const all = [...new Set(orgs.flatMap(idsOf))];
  const rows = await organizationsByIds(db, all);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return new Map(orgs.map((o) => [o.id, idsOf(o).map((id) => byId.get(id)).filter((r): r is OrganizationRow => r !== undefined)]));
}

/** Move a subtree: every path under `from` is rewritten to start with `to`, depths shifted. */
export async function movePaths(db: Queryable, from: string, to: string, depthDelta: number, at: Date): Promise<void> {
  await db
    .update(organizations)
    .set({
      path: sql`${to} || substr(${organizations.path}, ${from.length + 1})`,
      depth: sql`${organizations.depth} + ${depthDelta}`,
      updatedAt: at,
    })
    .where(like(organizations.path, `${from}%`));
}

export async function setParent(db: Queryable, id: string, parentId: string): Promise<OrganizationRow> {
  const [row] = await db.update(organizations).set({ parentId }).where(eq(organizations.id, id)).returning();
  if (!row) throw new Error('update returned no row');
  return row;
}

export async function setClosed(db: Queryable, id: string, at: Date): Promise<OrganizationRow> {
  const [row] = await db.update(organizations).set({ closedAt: at, updatedAt: at }).where(eq(organizations.id, id)).returning();
  if (!row) throw new Error('update returned no row');
  return row;
}

export async function setSettings(db: Queryable, id: string, settings: OrganizationRow['settings'], at: Date): Promise<OrganizationRow> {
  const [row] = await db.update(organizations).set({ settings, updatedAt: at }).where(eq(organizations.id, id)).returning();
  if (!row) throw new Error('update returned no row');
  return row;
}

export async function hasOpenChildren(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.parentId, id), isNull(organizations.closedAt))).limit(1);
  return rows.length > 0;
}
