import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OkResponse } from '@chibo/core';
import { NoBody, noBodyIsEmpty } from '../../lib/no-body.ts';
import { calendarFeedOf, calendarFeedStatus, createCalendarFeed, revokeCalendarFeed } from './calendar-feeds.service.ts';
import { fileAnswer, refusals } from '../../lib/responses.ts';

const FeedToken = z.object({
  token: z.string().max(47, { error: 'Đường dẫn lịch không hợp lệ.' }).regex(/^[A-Za-z0-9_-]{43}(\.ics)?$/, { error: 'Đường dẫn lịch không hợp lệ.' }),
});

export const calendarFeedRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/me/calendar-feed', {
    config: { authz: 'session' },
    schema: { tags: ['calendar'], summary: 'Tôi đã có đường dẫn lịch cá nhân chưa (không trả lại đường dẫn)', response: { 200: z.object({ active: z.boolean(), createdAt: z.string().nullable() }) } },
    handler: async (req) => calendarFeedStatus(req.ctx),
  });

  app.post('/api/v1/me/calendar-feed', {
    config: { authz: 'session' },
    preValidation: noBodyIsEmpty,
    schema: { tags: ['calendar'], summary: 'Tạo (hoặc đổi) đường dẫn lịch cá nhân; đường dẫn cũ hết hiệu lực', body: NoBody, response: { 200: z.object({ url: z.string() }) } },
    handler: async (req) => createCalendarFeed(req.ctx),
  });

  app.delete('/api/v1/me/calendar-feed', {
    config: { authz: 'session' },
    preValidation: noBodyIsEmpty,
    schema: { tags: ['calendar'], summary: 'Thu hồi đường dẫn lịch cá nhân', body: NoBody, response: { 200: OkResponse, ...refusals(404) } },
    handler: async (req) => {
      await revokeCalendarFeed(req.ctx);
      return { ok: true as const };
    },
  });

  app.get('/api/v1/calendar/:token', {
    // The secret in the URL is the credential: calendar apps send no cookie. Apps poll every
    // few minutes or hours; a burst of guesses from one address is throttled.
    config: { authz: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: { tags: ['calendar'], summary: 'Lịch iCalendar theo đường dẫn bí mật', params: FeedToken, response: { 200: fileAnswer('Lịch iCalendar (RFC 5545)', ['text/calendar; charset=utf-8']), ...refusals(404, 429) } },
    handler: async (req, reply) => {
      const token = req.params.token.replace(/\.ics$/, '');
      const body = await calendarFeedOf(req.ctx.db, req.ctx.clock, req.ctx.delivery, token);
      return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(body);
    },
  });
};
