import type { AuditEventDto } from '@chibo/core';
import type { AuditRow } from './audit.repo.ts';

export function presentAuditEvent(r: AuditRow): AuditEventDto {
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    actorAccountId: r.actorAccountId,
    actorName: r.actorName,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    organizationId: r.organizationId,
    data: r.data as Record<string, unknown>,
  };
}
