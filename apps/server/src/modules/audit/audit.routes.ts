import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditListQuery, AuditListResponse, ErrorResponse } from '@chibo/core';
import { authorizeOnOrganization } from '../../lib/policy.ts';
import { listAuditEvents } from './audit.repo.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/audit', {
    config: { authz: 'session' },
    schema: { tags: ['audit'], summary: 'Nhật ký thay đổi của một tổ chức và cấp dưới', querystring: AuditListQuery, response: { 200: AuditListResponse, ...errors } },
    handler: async (req) => {
      const org = await authorizeOnOrganization(req.ctx, 'audit.read', req.query.organizationId);
      const rows = await listAuditEvents(req.ctx.db, org.path, req.query.limit, req.query.beforeSeq);
      return {
        items: rows.map((r) => ({
          seq: r.seq,
          at: r.at.toISOString(),
          actorAccountId: r.actorAccountId,
          actorName: r.actorName,
          action: r.action,
          targetType: r.targetType,
          targetId: r.targetId,
          organizationId: r.organizationId,
          data: r.data as Record<string, unknown>,
        })),
      };
    },
  });
};
