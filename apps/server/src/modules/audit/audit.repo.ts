/**
 * Writing and verifying the hash-chained audit log. Every mutation calls `recordAudit`
 * inside its own transaction, so the change and its audit entry commit or fail together.
 */
import crypto from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, like, lt, sql } from 'drizzle-orm';
import { AUDIT_GENESIS_HASH, auditHashInput, type AuditEntryFields } from '@chibo/core';
import { auditEvents, organizations } from '../../db/schema/index.ts';
import type { Queryable, Tx } from '../../db/client.ts';
import { copyRows } from '../../db/copy.ts';

export type AuditRow = typeof auditEvents.$inferSelect;

/** Any constant: serializes audit appends across all connections and processes. */
const AUDIT_LOCK_KEY = 7_310_042;

/** An entry as a service writes it: the hashed fields, less what the chain assigns. */
export type AuditInput = Omit<AuditEntryFields, 'seq' | 'at' | 'data'> & {
  at: Date;
  data?: Record<string, unknown>;
};

export function hashEntry(prevHash: string, e: AuditEntryFields): string {
  return crypto.createHash('sha256').update(auditHashInput(prevHash, e)).digest('hex');
}

export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await recordAuditBatch(tx, [input]);
}

/**
 * Append several entries in order with one lock, one read of the chain's head and one
 * insert (seeding, imports). Inserted in pages to stay under the bind-parameter limit.
 */
export async function recordAuditBatch(tx: Tx, inputs: readonly AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
  const rows = inputs.map((input) => {
    seq++;
    // Round-trip through JSON so that what is hashed is exactly what jsonb will give back.
    const data = JSON.parse(JSON.stringify(input.data ?? {})) as Record<string, unknown>;
    const at = new Date(input.at.getTime());
    const { at: _at, data: _data, ...rest } = input;
    const hash = hashEntry(prevHash, { ...rest, seq, at: at.toISOString(), data });
    const row = { ...rest, seq, at, data, prevHash, hash };
    prevHash = hash;
    return row;
  });
  if (rows.length <= COPY_THRESHOLD) {
    for (let i = 0; i < rows.length; i += 1000) await tx.insert(auditEvents).values(rows.slice(i, i + 1000));
    return;
  }
  // A large import: one COPY instead of pages of INSERTs (same rows, same transaction).
  await copyRows(
    tx,
    'audit_events',
    ['seq', 'at', 'actor_account_id', 'actor_name', 'action', 'target_type', 'target_id', 'organization_id', 'organization_path', 'data', 'prev_hash', 'hash'],
    rows.map((r) => [r.seq, r.at.toISOString(), r.actorAccountId ?? null, r.actorName ?? null, r.action, r.targetType, r.targetId ?? null, r.organizationId ?? null, r.organizationPath ?? null, JSON.stringify(r.data), r.prevHash, r.hash]),
  );
}

const COPY_THRESHOLD = 2000;

/**
 * The chain's head (last seq and hash) is what an operator records outside the database:
 * deleting entries from the end leaves a valid but shorter chain, found only against it.
 */
export interface AuditHead {
  seq: number;
  hash: string;
}

export type VerifyResult =
  | { ok: true; count: number; head: AuditHead | null }
  | { ok: false; count: number; brokenAt: number; reason: 'hash_mismatch' | 'prev_mismatch' | 'seq_gap' | 'time_reversed' };

/** Recompute the chain in order, in pages; report the first broken link. */
export async function verifyAuditChain(db: Queryable, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  let prevHash = AUDIT_GENESIS_HASH;
  let prevAt = -Infinity;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, expectedSeq - 1))
      .orderBy(asc(auditEvents.seq))
      .limit(1000);
    if (page.length === 0) return { ok: true, count, head: count === 0 ? null : { seq: expectedSeq - 1, hash: prevHash } };
    for (const row of page) {
      if (row.seq !== expectedSeq) return { ok: false, count, brokenAt: expectedSeq, reason: 'seq_gap' };
      if (row.prevHash !== prevHash) return { ok: false, count, brokenAt: row.seq, reason: 'prev_mismatch' };
      const fields: AuditEntryFields = {
        seq: row.seq,
        at: row.at.toISOString(),
        actorAccountId: row.actorAccountId,
        actorName: row.actorName,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        organizationId: row.organizationId,
        organizationPath: row.organizationPath,
        data: row.data,
      };
      if (hashEntry(prevHash, fields) !== row.hash) return { ok: false, count, brokenAt: row.seq, reason: 'hash_mismatch' };
      // Entries are appended under one lock, so time never runs backwards along the chain
      // (beyond a small allowance for clocks of several servers).
      if (row.at.getTime() < prevAt - 60_000) return { ok: false, count, brokenAt: row.seq, reason: 'time_reversed' };
      prevAt = Math.max(prevAt, row.at.getTime());
      prevHash = row.hash;
      expectedSeq++;
      count++;
    }
    onProgress?.(count);
  }
}

/**
 * Entries of the organizations now in the subtree. Filtered by organization id, not by the path
 * stored with each entry: that path is hashed and cannot follow a move, and a moved cell must
 * keep its history (and its new parent must see it).
 */
export async function listAuditEvents(db: Queryable, subtreePath: string, limit: number, beforeSeq?: number) {
  const inSubtree = db.select({ id: organizations.id }).from(organizations).where(like(organizations.path, `${subtreePath}%`));
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        inArray(auditEvents.organizationId, inSubtree),
        beforeSeq === undefined ? undefined : lt(auditEvents.seq, beforeSeq),
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
}



/** The hash of entry `seq`, or undefined when there is no such entry. */
export async function auditHashAt(db: Queryable, seq: number): Promise<string | undefined> {
  const [row] = await db.select({ hash: auditEvents.hash }).from(auditEvents).where(eq(auditEvents.seq, seq));
  return row?.hash;
}
