import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PendingDto } from '@chibo/core';
import { presentPending } from './home.presenter.ts';
import { pendingFor } from './home.service.ts';

export const homeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/me/pending', {
    config: { authz: 'session' },
    schema: { tags: ['home'], summary: 'Việc đang chờ tôi: tham luận phải nộp, đơn chờ quyết định, thông báo chưa đọc', response: { 200: PendingDto } },
    handler: async (req) => presentPending(await pendingFor(req.ctx)),
  });
};
