import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ComplianceAlertDto, IdParams, PlanYearInput, YearPlanDto, YearPlanPreviewDto } from '@chibo/core';
import { presentAlert } from '../meetings/meetings.presenter.ts';
import { presentYearPlan, presentYearPlanPreview } from './year-plan.presenter.ts';
import * as service from './year-plan.service.ts';
import { refusals } from '../../lib/responses.ts';

/** 404 outside the caller's reach, 403 visible but not permitted (400: not a cell). */
const reading = refusals(403, 404);
/** No year: the current year in the cell's calendar. */
const YearQuery = z.object({ year: z.coerce.number({ error: 'Năm không hợp lệ.' }).int().min(2000, { error: 'Năm từ 2000 đến 2100.' }).max(2100, { error: 'Năm từ 2000 đến 2100.' }).optional() });

export const yearPlanRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/organizations/:id/year-plan', {
    config: { authz: 'session' },
    schema: { tags: ['year-plan'], summary: 'Kế hoạch sinh hoạt năm của chi bộ, tình trạng từng kỳ và cảnh báo', params: IdParams, querystring: YearQuery, response: { 200: YearPlanDto, ...reading } },
    handler: async (req) => presentYearPlan(await service.getYearPlan(req.ctx, req.params.id, req.query.year)),
  });

  app.post('/api/v1/organizations/:id/year-plan', {
    config: { authz: 'session' },
    schema: { tags: ['year-plan'], summary: 'Lập kế hoạch năm: các kỳ thường kỳ và chuyên đề còn lại của năm chưa có cuộc họp', params: IdParams, body: PlanYearInput, response: { 200: YearPlanDto, ...refusals(403, 404, 409) } },
    handler: async (req) => presentYearPlan(await service.planYear(req.ctx, req.params.id, req.body)),
  });

  app.post('/api/v1/organizations/:id/year-plan/preview', {
    config: { authz: 'session' },
    schema: { tags: ['year-plan'], summary: 'Xem trước: kế hoạch năm sẽ lập những cuộc họp nào (chưa lưu)', params: IdParams, body: PlanYearInput, response: { 200: YearPlanPreviewDto, ...reading } },
    handler: async (req) => presentYearPlanPreview(await service.previewYearPlan(req.ctx, req.params.id, req.body)),
  });

  app.get('/api/v1/organizations/:id/alerts', {
    config: { authz: 'session' },
    schema: { tags: ['year-plan'], summary: 'Cảnh báo tuân thủ năm nay của chi bộ hoặc các chi bộ trực thuộc', params: IdParams, response: { 200: z.object({ items: z.array(ComplianceAlertDto) }), ...reading } },
    handler: async (req) => ({ items: (await service.listAlerts(req.ctx, req.params.id)).map((a) => presentAlert(a, a.org)) }),
  });
};
