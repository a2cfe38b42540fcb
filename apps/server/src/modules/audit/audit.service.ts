import type { Tx } from '../../db/client.ts';
import type { Ctx } from '../../lib/context.ts';
import { authorizeOnOrganization } from '../organizations/organizations.service.ts';
import { listAuditEvents, recordAuditBatch, type AuditInput, type AuditRow } from './audit.repo.ts';

export { verifyAuditChain, auditHashAt, type AuditInput } from './audit.repo.ts';

/** The audit log of an organization and everything under it, newest first. */
export async function listAudit(ctx: Ctx, organizationId: string, limit: number, beforeSeq?: number): Promise<AuditRow[]> {
  const org = await authorizeOnOrganization(ctx, 'audit.read', organizationId);
  return listAuditEvents(ctx.db, org.path, limit, beforeSeq);
}

// ---------------------------------------------------------------- writing entries

/** A change to record: what was done, to what, and in which organization's log it belongs. */
export interface AuditChange {
  action: string;
  targetType: string;
  targetId: string | null;
  /** The organization whose officers read the entry (its log and its superiors'); null: none. */
  organization: { id: string; path: string } | null;
  data?: Record<string, unknown>;
  /** When the change happened (default: now by the context's clock). */
  at?: Date;
  /** Who did it, when not the signed-in caller (the operator's CLI, a login before its session). */
  by?: { accountId: string | null; name: string | null };
}

/** The one way an entry is made: the caller as actor, the context's clock, the organization given. */
export function auditEntry(ctx: Pick<Ctx, 'actor' | 'clock'>, c: AuditChange): AuditInput {
  const by = c.by ?? { accountId: ctx.actor?.accountId ?? null, name: ctx.actor?.displayName ?? null };
  return {
    at: c.at ?? ctx.clock.now(),
    actorAccountId: by.accountId,
    actorName: by.name,
    action: c.action,
    targetType: c.targetType,
    targetId: c.targetId,
    organizationId: c.organization?.id ?? null,
    organizationPath: c.organization?.path ?? null,
    data: c.data ?? {},
  };
}

/** Record a change in the transaction that makes it (they commit or fail together). */
export function recordChange(tx: Tx, ctx: Pick<Ctx, 'actor' | 'clock'>, c: AuditChange): Promise<void> {
  return recordAuditBatch(tx, [auditEntry(ctx, c)]);
}

/** Several changes in order, with one lock and one read of the chain's head (imports, seeding). */
export function recordChanges(tx: Tx, ctx: Pick<Ctx, 'actor' | 'clock'>, changes: readonly AuditChange[]): Promise<void> {
  return recordAuditBatch(tx, changes.map((c) => auditEntry(ctx, c)));
}
