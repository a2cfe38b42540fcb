import { and, asc, eq, isNull, like, lte, or, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { jobs, type JobKind } from '../db/schema/index.ts';

export type JobRow = typeof jobs.$inferSelect;
export type NewJob = Pick<typeof jobs.$inferInsert, 'kind' | 'key' | 'runAt' | 'payload'>;

/** The next due job nobody holds, locked for this transaction (SKIP LOCKED: two runners never take the same row). */
export async function claimDue(tx: Queryable, now: Date): Promise<JobRow | undefined> {
  const [job] = await tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.status, 'pending'), lte(jobs.runAt, now), or(isNull(jobs.lockedUntil), lte(jobs.lockedUntil, now))))
    .orderBy(asc(jobs.runAt))
    .limit(1)
    .for('update', { skipLocked: true });
  return job;
}

export async function finishJob(tx: Queryable, id: string, status: 'done' | 'failed' | 'cancelled', now: Date, lastError: string | null = null): Promise<void> {
  await tx.update(jobs).set({ status, doneAt: now, lockedUntil: null, lastError }).where(eq(jobs.id, id));
}

export async function leaseJob(tx: Queryable, id: string, until: Date, attempts: number): Promise<void> {
  await tx.update(jobs).set({ lockedUntil: until, attempts }).where(eq(jobs.id, id));
}

/**
 * Settle a leased job — only if this lease still holds it (a runner whose lease ran out must not
 * overwrite the outcome of the runner that took the job over). True when it was ours.
 */
export async function settleLeased(tx: Queryable, id: string, lease: Date, patch: Partial<Pick<JobRow, 'status' | 'doneAt' | 'runAt' | 'lastError'>>): Promise<boolean> {
  const rows = await tx
    .update(jobs)
    .set({ ...patch, lockedUntil: null })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'pending'), eq(jobs.lockedUntil, lease)))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** New jobs; a key seen before is left alone, or revived when it had been cancelled (`reviveCancelled`). */
export async function insertJobs(tx: Queryable, rows: readonly NewJob[], opts: { reviveCancelled?: boolean } = {}): Promise<void> {
  if (rows.length === 0) return;
  const q = tx.insert(jobs).values([...rows]);
  if (opts.reviveCancelled) {
    await q.onConflictDoUpdate({
      target: jobs.key,
      set: { status: 'pending', runAt: sql`excluded.run_at`, attempts: 0, lockedUntil: null, lastError: null },
      setWhere: eq(jobs.status, 'cancelled'),
    });
  } else {
    await q.onConflictDoNothing({ target: jobs.key });
  }
}

export async function cancelPending(tx: Queryable, kind: JobKind, keyPrefix: string): Promise<void> {
  await tx
    .update(jobs)
    .set({ status: 'cancelled', lockedUntil: null })
    .where(and(eq(jobs.kind, kind), eq(jobs.status, 'pending'), like(jobs.key, `${keyPrefix}%`)));
}

export async function pendingKeys(db: Queryable, kind: JobKind, keyPrefix: string): Promise<string[]> {
  const rows = await db
    .select({ key: jobs.key })
    .from(jobs)
    .where(and(eq(jobs.kind, kind), eq(jobs.status, 'pending'), like(jobs.key, `${keyPrefix}%`)));
  return rows.map((r) => r.key).sort();
}
