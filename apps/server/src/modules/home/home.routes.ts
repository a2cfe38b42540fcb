import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse, PendingDto } from '@chibo/core';
import { presentPending } from './home.presenter.ts';
import { pendingFor } from './home.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

export const homeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/me/pending', {
    config: { authz: 'session' },
    schema: { tags: ['home'], summary: 'Việc đang chờ tôi: tham luận phải nộp, đơn chờ quyết định, thông báo chưa đọc', response: { 200: PendingDto, ...errors } },
    handler: async (req) => presentPending(await pendingFor(req.ctx)),
  });
};
