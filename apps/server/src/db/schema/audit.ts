import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained record of every change (a trigger refuses UPDATE and DELETE).
 * `seq` is assigned under a transaction-scoped advisory lock, so the chain has one order
 * even with several server processes.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorAccountId: uuid('actor_account_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    organizationId: uuid('organization_id'),
    organizationPath: text('organization_path'),
    data: jsonb('data').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_events_org_path_idx').on(t.organizationPath.op('text_pattern_ops'), t.seq), index('audit_events_org_seq_idx').on(t.organizationId, t.seq)],
);
