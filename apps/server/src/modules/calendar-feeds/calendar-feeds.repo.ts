import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { accounts, calendarFeeds } from '../../db/schema/index.ts';

export async function upsertFeed(db: Queryable, accountId: string, tokenHash: string, at: Date): Promise<void> {
  await db
    .insert(calendarFeeds)
    .values({ accountId, tokenHash, createdAt: at })
    .onConflictDoUpdate({ target: calendarFeeds.accountId, set: { tokenHash, createdAt: at } });
}

/** True when there was a feed to delete. */
export async function deleteFeed(db: Queryable, accountId: string): Promise<boolean> {
  const rows = await db.delete(calendarFeeds).where(eq(calendarFeeds.accountId, accountId)).returning({ id: calendarFeeds.accountId });
  return rows.length > 0;
}

export async function feedOf(db: Queryable, accountId: string): Promise<{ createdAt: Date } | undefined> {
  const [row] = await db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.accountId, accountId));
  return row;
}

/** The account behind a token's hash. */
export async function feedAccount(db: Queryable, tokenHash: string): Promise<{ accountId: string; memberId: string | null; name: string; disabledAt: Date | null } | undefined> {
  const [row] = await db
    .select({ accountId: accounts.id, memberId: accounts.memberId, name: accounts.displayName, disabledAt: accounts.disabledAt })
    .from(calendarFeeds)
    .innerJoin(accounts, eq(accounts.id, calendarFeeds.accountId))
    .where(eq(calendarFeeds.tokenHash, tokenHash));
  return row;
}
