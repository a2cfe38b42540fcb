import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { ruleOverrides } from '../../db/schema/index.ts';
import { anyUuid } from '../../db/where.ts';

export type OverrideRow = typeof ruleOverrides.$inferSelect;

/** The dated overrides set on any of these organizations, by rule and start day. */
export async function overridesOn(db: Queryable, organizationIds: readonly string[]): Promise<OverrideRow[]> {
  if (organizationIds.length === 0) return [];
  return db.select().from(ruleOverrides).where(anyUuid(ruleOverrides.organizationId, organizationIds)).orderBy(asc(ruleOverrides.rule), asc(ruleOverrides.fromDate));
}

export async function findOverride(db: Queryable, id: string): Promise<OverrideRow | undefined> {
  const [row] = await db.select().from(ruleOverrides).where(eq(ruleOverrides.id, id));
  return row;
}

/** The override of `rule` an organization set from `from`, locked (setting it again replaces it). */
export async function lockOverrideAt(db: Queryable, organizationId: string, rule: OverrideRow['rule'], from: string): Promise<OverrideRow | undefined> {
  const [row] = await db
    .select()
    .from(ruleOverrides)
    .where(and(eq(ruleOverrides.organizationId, organizationId), eq(ruleOverrides.rule, rule), eq(ruleOverrides.fromDate, from)))
    .for('update');
  return row;
}

export async function insertOverride(db: Queryable, values: typeof ruleOverrides.$inferInsert): Promise<OverrideRow> {
  const [row] = await db.insert(ruleOverrides).values(values).returning();
  if (!row) throw new Error('insertOverride: no row');
  return row;
}

export async function updateOverride(db: Queryable, id: string, patch: Partial<OverrideRow>): Promise<OverrideRow> {
  const [row] = await db.update(ruleOverrides).set(patch).where(eq(ruleOverrides.id, id)).returning();
  if (!row) throw new Error('updateOverride: no row');
  return row;
}

export async function deleteOverride(db: Queryable, id: string): Promise<void> {
  await db.delete(ruleOverrides).where(eq(ruleOverrides.id, id));
}
