import { z } from 'zod';
import { Id } from './common.ts';

export const AuditEventDto = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorAccountId: Id.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  organizationId: Id.nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type AuditEventDto = z.infer<typeof AuditEventDto>;

export const AuditListQuery = z.object({
  organizationId: Id,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  beforeSeq: z.coerce.number().int().positive().optional(),
});
export const AuditListResponse = z.object({ items: z.array(AuditEventDto) });
