import type { Ctx } from '../../lib/context.ts';
import { authorizeOnOrganization } from '../../lib/policy.ts';
import { listAuditEvents, type AuditRow } from './audit.repo.ts';

/** The audit log of an organization and everything under it, newest first. */
export async function listAudit(ctx: Ctx, organizationId: string, limit: number, beforeSeq?: number): Promise<AuditRow[]> {
  const org = await authorizeOnOrganization(ctx, 'audit.read', organizationId);
  return listAuditEvents(ctx.db, org.path, limit, beforeSeq);
}
