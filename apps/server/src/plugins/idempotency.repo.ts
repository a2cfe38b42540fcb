import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { idempotencyKeys } from '../db/schema/index.ts';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

/** Delete keys older than `retainedSince`, and claims still open since `staleSince` (their request died). */
export async function pruneKeys(db: Queryable, retainedSince: Date, staleSince: Date): Promise<void> {
  await db.delete(idempotencyKeys).where(or(lt(idempotencyKeys.createdAt, retainedSince), and(isNull(idempotencyKeys.status), lt(idempotencyKeys.createdAt, staleSince))));
}

/** Claim a key for a request; false when the account already used it. */
export async function claimKey(db: Queryable, values: { accountId: string; key: string; requestHash: string; createdAt: Date }): Promise<boolean> {
  const rows = await db.insert(idempotencyKeys).values(values).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  return rows.length === 1;
}

export async function findKey(db: Queryable, accountId: string, key: string): Promise<IdempotencyRow | undefined> {
  const [row] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.key, key)));
  return row;
}

export async function releaseKey(db: Queryable, accountId: string, key: string): Promise<void> {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.key, key)));
}

export async function storeAnswer(db: Queryable, accountId: string, key: string, answer: { status: number; contentType: string | null; body: string | null }): Promise<void> {
  await db.update(idempotencyKeys).set(answer).where(and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.key, key)));
}
