import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditListQuery, AuditListResponse } from '@chibo/core';
import { presentAuditEvent } from './audit.presenter.ts';
import { listAudit } from './audit.service.ts';
import { refusals } from '../../lib/responses.ts';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/audit', {
    config: { authz: 'session' },
    schema: { tags: ['audit'], summary: 'Nhật ký thay đổi của một tổ chức và cấp dưới', querystring: AuditListQuery, response: { 200: AuditListResponse, ...refusals(403, 404) } },
    handler: async (req) => ({ items: (await listAudit(req.ctx, req.query.organizationId, req.query.limit, req.query.beforeSeq)).map(presentAuditEvent) }),
  });
};
