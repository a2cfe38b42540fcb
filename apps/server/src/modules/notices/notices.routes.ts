import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, NoticeDto, NoticeReceiptDto } from '@chibo/core';
import { NoBody, noBodyIsEmpty } from '../../lib/no-body.ts';
import { presentNotice, presentReceipt } from './notices.presenter.ts';
import { listMyNotices, markNoticeRead, meetingReceipts } from './notices.service.ts';
import { refusals } from '../../lib/responses.ts';

export const noticeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/notices', {
    config: { authz: 'session' },
    schema: { tags: ['notices'], summary: 'Thông báo của tôi (mới nhất trước)', response: { 200: z.object({ items: z.array(NoticeDto), unread: z.number().int() }) } },
    handler: async (req) => {
      const { items, unread } = await listMyNotices(req.ctx);
      return { items: items.map(presentNotice), unread };
    },
  });

  app.post('/api/v1/notices/:id/read', {
    config: { authz: 'session' },
    preValidation: noBodyIsEmpty,
    schema: { tags: ['notices'], summary: 'Đánh dấu đã đọc', params: IdParams, body: NoBody, response: { 200: NoticeDto, ...refusals(404) } },
    handler: async (req) => presentNotice(await markNoticeRead(req.ctx, req.params.id)),
  });

  app.get('/api/v1/meetings/:id/notices', {
    config: { authz: 'session' },
    schema: { tags: ['notices'], summary: 'Ai đã được thông báo, ai đã đọc', params: IdParams, response: { 200: z.object({ items: z.array(NoticeReceiptDto) }), ...refusals(403, 404) } },
    handler: async (req) => ({ items: (await meetingReceipts(req.ctx, req.params.id)).map(presentReceipt) }),
  });
};
