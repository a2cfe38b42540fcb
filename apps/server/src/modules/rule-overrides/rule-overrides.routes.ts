import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, RuleOverrideDto, RuleOverrideInput, RuleOverrideListResponse } from '@chibo/core';
import { presentOverride } from './rule-overrides.presenter.ts';
import * as service from './rule-overrides.service.ts';
import { refusals } from '../../lib/responses.ts';

/** 404 outside the caller's reach, 403 not a superior of the organization. */
const errors = refusals(403, 404);

export const ruleOverrideRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/organizations/:id/rule-overrides', {
    config: { authz: 'session' },
    schema: { tags: ['rules'], summary: 'Quy định sinh hoạt do cấp ủy cấp trên điều chỉnh', params: IdParams, response: { 200: RuleOverrideListResponse, ...errors } },
    handler: async (req) => ({ items: (await service.listOverrides(req.ctx, req.params.id)).map(presentOverride) }),
  });

  app.post('/api/v1/organizations/:id/rule-overrides', {
    config: { authz: 'session' },
    schema: { tags: ['rules'], summary: 'Cấp ủy cấp trên điều chỉnh một quy định cho tổ chức và cấp dưới, từ một ngày', params: IdParams, body: RuleOverrideInput, response: { 201: RuleOverrideDto, ...errors } },
    handler: async (req, reply) => reply.status(201).send(presentOverride(await service.setOverride(req.ctx, req.params.id, req.body))),
  });

  app.delete('/api/v1/rule-overrides/:id', {
    config: { authz: 'session' },
    schema: { tags: ['rules'], summary: 'Bỏ một quy định điều chỉnh', params: IdParams, response: { 204: z.null(), ...errors } },
    handler: async (req, reply) => {
      await service.removeOverride(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  });
};
