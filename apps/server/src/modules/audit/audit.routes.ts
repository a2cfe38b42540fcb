import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditListQuery, AuditListResponse, ErrorResponse } from '@chibo/core';
import { presentAuditEvent } from './audit.presenter.ts';
import { listAudit } from './audit.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/audit', {
    config: { authz: 'session' },
    schema: { tags: ['audit'], summary: 'Nhật ký thay đổi của một tổ chức và cấp dưới', querystring: AuditListQuery, response: { 200: AuditListResponse, ...errors } },
    handler: async (req) => ({ items: (await listAudit(req.ctx, req.query.organizationId, req.query.limit, req.query.beforeSeq)).map(presentAuditEvent) }),
  });
};
