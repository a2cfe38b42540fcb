/** The auth module's only door to the database: accounts, grants, sessions, sign-in counters. */
import { and, eq, gt, inArray, isNull, like, lt, or, sql } from 'drizzle-orm';
import { accounts, loginThrottles, organizations, roleGrants, sessions } from '../../db/schema/index.ts';
import type { Queryable, Tx } from '../../db/client.ts';
import { anyUuid } from '../../db/where.ts';
import type { GrantInContext } from '../../lib/context.ts';
import type { Role } from '@chibo/core';

export type AccountRow = typeof accounts.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type ThrottleRow = typeof loginThrottles.$inferSelect;

export async function findAccountByLogin(db: Queryable, login: string): Promise<AccountRow | undefined> {
  const key = login.trim().toLowerCase();
  const [row] = await db
    .select()
    .from(accounts)
    .where(or(eq(accounts.username, key), eq(sql`lower(${accounts.email})`, key)));
  return row;
}

export async function findAccount(db: Queryable, id: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  return row;
}

export async function updateAccount(db: Queryable, id: string, patch: Partial<AccountRow>): Promise<void> {
  await db.update(accounts).set(patch).where(eq(accounts.id, id));
}

export async function insertAccount(db: Queryable, values: typeof accounts.$inferInsert): Promise<AccountRow> {
  const [row] = await db.insert(accounts).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function insertGrant(db: Queryable, accountId: string, organizationId: string, role: Role): Promise<void> {
  await db.insert(roleGrants).values({ accountId, organizationId, role }).onConflictDoNothing();
}

export async function grantsOf(db: Queryable, accountId: string): Promise<GrantInContext[]> {
  const rows = await db
    .select({
      organizationId: organizations.id,
      organizationPath: organizations.path,
      organizationName: organizations.name,
      role: roleGrants.role,
    })
    .from(roleGrants)
    .innerJoin(organizations, eq(organizations.id, roleGrants.organizationId))
    .where(eq(roleGrants.accountId, accountId))
    .orderBy(organizations.path);
  return rows.map((r) => ({ ...r, role: r.role }));
}

export async function insertSession(db: Queryable, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

/** The live session for a token hash, with its account; expired sessions do not count. */
export async function findLiveSession(db: Queryable, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ session: sessions, account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  return row;
}

export async function touchSession(db: Queryable, tokenHash: string, now: Date, expiresAt: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOf(db: Queryable, accountId: string, exceptTokenHash?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(and(eq(sessions.accountId, accountId), exceptTokenHash ? sql`${sessions.tokenHash} <> ${exceptTokenHash}` : undefined));
}

export async function deleteExpiredSessions(db: Queryable, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

/** The organization of an account's first grant (in tree order), if it has any. */
export async function firstGrantOrganization(db: Queryable, accountId: string): Promise<{ id: string; path: string } | undefined> {
  const [row] = await db
    .select({ id: organizations.id, path: organizations.path })
    .from(roleGrants)
    .innerJoin(organizations, eq(organizations.id, roleGrants.organizationId))
    .where(eq(roleGrants.accountId, accountId))
    .orderBy(organizations.path)
    .limit(1);
  return row;
}

/**
 * The sign-in counters of these keys, each row locked for the rest of the transaction and
 * created empty when missing (upsert, then lock). Always in key order, so two attempts that
 * share keys queue instead of deadlocking.
 */
export async function lockThrottles(tx: Tx, keys: readonly string[], now: Date): Promise<Map<string, ThrottleRow>> {
  const sorted = [...new Set(keys)].sort();
  await tx
    .insert(loginThrottles)
    .values(sorted.map((key) => ({ key, failures: 0, windowStart: now, expiresAt: now })))
    .onConflictDoNothing();
  const rows = await tx.select().from(loginThrottles).where(inArray(loginThrottles.key, sorted)).orderBy(loginThrottles.key).for('update');
  return new Map(rows.map((r) => [r.key, r]));
}

export async function saveThrottle(tx: Tx, row: ThrottleRow): Promise<void> {
  await tx.update(loginThrottles).set(row).where(eq(loginThrottles.key, row.key));
}

export async function deleteThrottle(tx: Tx, key: string): Promise<void> {
  await tx.delete(loginThrottles).where(eq(loginThrottles.key, key));
}

/** Every counter whose key starts with the prefix (an account's, from any source). */
export async function deleteThrottlesWithPrefix(tx: Tx, prefix: string): Promise<void> {
  await tx.delete(loginThrottles).where(like(loginThrottles.key, `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
}

/**
 * Prune counters that say nothing any more. Rows another attempt holds are skipped, never
 * waited for: pruning must not queue behind (or deadlock with) a sign-in.
 */
export async function deleteExpiredThrottles(db: Queryable, now: Date): Promise<void> {
  const stale = db.select({ key: loginThrottles.key }).from(loginThrottles).where(lt(loginThrottles.expiresAt, now)).limit(500).for('update', { skipLocked: true });
  await db.delete(loginThrottles).where(inArray(loginThrottles.key, stale));
}

/** Accounts by id (a meeting's guests with accounts). */
export async function accountsByIds(db: Queryable, ids: readonly string[]): Promise<AccountRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(accounts).where(anyUuid(accounts.id, ids));
}

/** The organization paths each account holds a grant on. */
export async function grantPathsOf(db: Queryable, accountIds: readonly string[]): Promise<{ accountId: string; path: string }[]> {
  if (accountIds.length === 0) return [];
  return db
    .select({ accountId: roleGrants.accountId, path: organizations.path })
    .from(roleGrants)
    .innerJoin(organizations, eq(organizations.id, roleGrants.organizationId))
    .where(anyUuid(roleGrants.accountId, accountIds));
}

/** Enabled accounts holding `role` on any of these organizations, with the organization's name and depth. */
export async function accountsWithRoleOn(db: Queryable, role: Role, organizationIds: readonly string[]): Promise<{ accountId: string; displayName: string; organizationName: string; depth: number }[]> {
  if (organizationIds.length === 0) return [];
  return db
    .selectDistinct({ accountId: accounts.id, displayName: accounts.displayName, organizationName: organizations.name, depth: organizations.depth })
    .from(roleGrants)
    .innerJoin(accounts, eq(accounts.id, roleGrants.accountId))
    .innerJoin(organizations, eq(organizations.id, roleGrants.organizationId))
    .where(and(anyUuid(roleGrants.organizationId, organizationIds), eq(roleGrants.role, role), isNull(accounts.disabledAt)));
}

/** The account that reads a member's inbox, if the member has one. */
export async function accountOfMember(db: Queryable, memberId: string): Promise<string | null> {
  const [a] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.memberId, memberId));
  return a?.id ?? null;
}
