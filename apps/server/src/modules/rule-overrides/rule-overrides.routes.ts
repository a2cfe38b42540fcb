import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, RuleOverrideDto, RuleOverrideInput, RuleOverrideListResponse, RuleOverridePreviewDto, RuleOverridePreviewInput, RulesInForceDto } from '@chibo/core';
import { presentOverride } from './rule-overrides.presenter.ts';
import * as service from './rule-overrides.service.ts';
import { refusals } from '../../lib/responses.ts';

/** 404 outside the caller's reach, 403 not a superior of the organization. */
const errors = refusals(403, 404);
const RemoveQuery = z.object({ applyToPast: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') });

export const ruleOverrideRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/organizations/:id/rules', {
    config: { authz: 'session' },
    schema: { tags: ['rules'], summary: 'Quy định sinh hoạt đang áp dụng cho tổ chức hôm nay, kèm nguồn', params: IdParams, response: { 200: RulesInForceDto, ...errors } },
    handler: async (req) => service.rulesInForce(req.ctx, req.params.id),
  });

  app.get('/api/v1/organizations/:id/rule-overrides', {
    config: { authz: 'session' },
    schema: { tags: ['rules'], summary: 'Quy định sinh hoạt do cấp ủy cấp trên điều chỉnh', params: IdParams, response: { 200: RuleOverrideListResponse, ...errors } },
    handler: async (req) => ({ items: (await service.listOverrides(req.ctx, req.params.id)).map(presentOverride) }),
  });

  app.post('/api/v1/organizations/:id/rule-overrides/preview', {
    config: { authz: 'session' },
    schema: { tags: ['rules'], summary: 'Xem trước: điều chỉnh sẽ thay đổi những chi bộ nào, những tháng nào (chưa lưu)', params: IdParams, body: RuleOverridePreviewInput, response: { 200: RuleOverridePreviewDto, ...errors } },
    handler: async (req) => service.previewOverride(req.ctx, req.params.id, req.body),
  });

  app.post('/api/v1/organizations/:id/rule-overrides', {
    config: { authz: 'session' },
    schema: { tags: ['rules'], summary: 'Cấp ủy cấp trên điều chỉnh một quy định cho tổ chức và cấp dưới, từ một ngày', params: IdParams, body: RuleOverrideInput, response: { 201: RuleOverrideDto, ...errors } },
    handler: async (req, reply) => reply.status(201).send(presentOverride(await service.setOverride(req.ctx, req.params.id, req.body))),
  });

  app.get('/api/v1/rule-overrides/:id/removal-preview', {
    config: { authz: 'session' },
    schema: { tags: ['rules'], summary: 'Xem trước: bỏ điều chỉnh này sẽ thay đổi những chi bộ nào, những tháng nào', params: IdParams, response: { 200: RuleOverridePreviewDto, ...errors } },
    handler: async (req) => service.previewRemoval(req.ctx, req.params.id),
  });

  app.delete('/api/v1/rule-overrides/:id', {
    config: { authz: 'session' },
    schema: { tags: ['rules'], summary: 'Bỏ một điều chỉnh (đã bắt đầu áp dụng thì cần applyToPast=true)', params: IdParams, querystring: RemoveQuery, response: { 204: z.null(), ...errors } },
    handler: async (req, reply) => {
      await service.removeOverride(req.ctx, req.params.id, req.query.applyToPast);
      return reply.status(204).send(null);
    },
  });
};
