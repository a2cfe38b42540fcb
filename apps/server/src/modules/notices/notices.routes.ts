import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse, IdParams, NoticeDto, NoticeReceiptDto, OkResponse } from '@chibo/core';
import { calendarFeedOf, calendarFeedStatus, createCalendarFeed, revokeCalendarFeed } from './calendar-feed.service.ts';
import { listMyNotices, markNoticeRead, meetingReceipts } from './inbox.service.ts';
import { presentNotice, presentReceipt } from './notices.presenter.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
/** These actions take no input: a body, if sent, must be an empty object. */
const NoBody = z.strictObject({}, { error: 'Yêu cầu này không nhận dữ liệu.' });
/** A request sent without any body (no content type) stands for `{}`; a JSON `null` is still refused. */
const noBodyIsEmpty = async (req: FastifyRequest): Promise<void> => {
  if (req.body == null && req.headers['content-type'] === undefined) req.body = {};
};
const FeedToken = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}(\.ics)?$/, { error: 'Đường dẫn lịch không hợp lệ.' }),
});

export const noticeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/notices', {
    config: { authz: 'session' },
    schema: { tags: ['notices'], summary: 'Thông báo của tôi (mới nhất trước)', response: { 200: z.object({ items: z.array(NoticeDto), unread: z.number().int() }), ...errors } },
    handler: async (req) => {
      const { items, unread } = await listMyNotices(req.ctx);
      return { items: items.map(presentNotice), unread };
    },
  });

  app.post('/api/v1/notices/:id/read', {
    config: { authz: 'session' },
    preValidation: noBodyIsEmpty,
    schema: { tags: ['notices'], summary: 'Đánh dấu đã đọc', params: IdParams, body: NoBody, response: { 200: NoticeDto, ...errors } },
    handler: async (req) => presentNotice(await markNoticeRead(req.ctx, req.params.id)),
  });

  app.get('/api/v1/meetings/:id/notices', {
    config: { authz: 'session' },
    schema: { tags: ['notices'], summary: 'Ai đã được thông báo, ai đã đọc', params: IdParams, response: { 200: z.object({ items: z.array(NoticeReceiptDto) }), ...errors } },
    handler: async (req) => ({ items: (await meetingReceipts(req.ctx, req.params.id)).map(presentReceipt) }),
  });

  app.get('/api/v1/me/calendar-feed', {
    config: { authz: 'session' },
    schema: { tags: ['notices'], summary: 'Tôi đã có đường dẫn lịch cá nhân chưa (không trả lại đường dẫn)', response: { 200: z.object({ active: z.boolean(), createdAt: z.string().nullable() }), ...errors } },
    handler: async (req) => calendarFeedStatus(req.ctx),
  });

  app.post('/api/v1/me/calendar-feed', {
    config: { authz: 'session' },
    preValidation: noBodyIsEmpty,
    schema: { tags: ['notices'], summary: 'Tạo (hoặc đổi) đường dẫn lịch cá nhân; đường dẫn cũ hết hiệu lực', body: NoBody, response: { 200: z.object({ url: z.string() }), ...errors } },
    handler: async (req) => createCalendarFeed(req.ctx),
  });

  app.delete('/api/v1/me/calendar-feed', {
    config: { authz: 'session' },
    preValidation: noBodyIsEmpty,
    schema: { tags: ['notices'], summary: 'Thu hồi đường dẫn lịch cá nhân', body: NoBody, response: { 200: OkResponse, ...errors } },
    handler: async (req) => {
      await revokeCalendarFeed(req.ctx);
      return { ok: true as const };
    },
  });

  app.get('/api/v1/calendar/:token', {
    // The secret in the URL is the credential: calendar apps send no cookie. Apps poll every
    // few minutes or hours; a burst of guesses from one address is throttled.
    config: { authz: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: { tags: ['notices'], summary: 'Lịch iCalendar theo đường dẫn bí mật', params: FeedToken, response: { 200: z.string().describe('text/calendar'), 400: ErrorResponse, 404: ErrorResponse } },
    handler: async (req, reply) => {
      const token = req.params.token.replace(/\.ics$/, '');
      const body = await calendarFeedOf(req.ctx.db, req.ctx.clock, token);
      return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(body);
    },
  });
};
