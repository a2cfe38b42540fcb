/**
 * Background work other parts of the server queue inside their own transactions: a job row is
 * written with the change that calls for it, so the work happens (once) even if the process dies
 * right after the commit. The runner (runner.ts) does it.
 */
import type { Queryable } from '../db/client.ts';
import type { JobKind } from '../db/schema/index.ts';
import * as repo from './jobs.repo.ts';

export type { NewJob } from './jobs.repo.ts';

export const enqueueJobs = repo.insertJobs;

export function cancelPendingJobs(tx: Queryable, kind: JobKind, keyPrefix: string): Promise<void> {
  return repo.cancelPending(tx, kind, keyPrefix);
}

export function pendingJobKeys(db: Queryable, kind: JobKind, keyPrefix: string): Promise<string[]> {
  return repo.pendingKeys(db, kind, keyPrefix);
}
