import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AnnouncementPreviewDto, CancelMeetingInput, CreateMeetingInput, GuestAccountDto, IdParams, MeetingDetailDto, NextMeetingDto, PutAgendaInput, TransitionInput, UpdateMeetingInput } from '@chibo/core';
import * as life from './meeting-life.service.ts';
import * as page from './meeting-page.service.ts';
import { presentAnnouncement, presentDetail, presentNextMeeting } from './meetings.presenter.ts';
import { guestAccounts } from './meetings.service.ts';
import { refusals } from '../../lib/responses.ts';

/** 404 outside the caller's reach, 403 visible but not permitted. */
const reading = refusals(403, 404);
/** A change: also 409 (a stale revision, a status that does not allow it, a closed cell). */
const changing = refusals(403, 404, 409);

export const meetingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/v1/meetings', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Lập cuộc họp (dự kiến)', body: CreateMeetingInput, response: { 201: MeetingDetailDto, ...changing } },
    handler: async (req, reply) => reply.status(201).send(presentDetail(await life.createMeeting(req.ctx, req.body))),
  });

  app.get('/api/v1/meetings/:id', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Cuộc họp với chương trình, tài liệu, tham luận, đơn xin vắng', params: IdParams, response: { 200: MeetingDetailDto, ...reading } },
    handler: async (req) => presentDetail(await page.getMeetingPage(req.ctx, req.params.id)),
  });

  app.patch('/api/v1/meetings/:id', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Sửa cuộc họp; dời lịch cuộc họp đã công bố thì báo lại mọi người', params: IdParams, body: UpdateMeetingInput, response: { 200: MeetingDetailDto, ...changing } },
    handler: async (req) => presentDetail(await life.updateMeeting(req.ctx, req.params.id, req.body)),
  });

  app.get('/api/v1/meetings/:id/announcement', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Xem trước khi công bố: ai sẽ được báo (trong ứng dụng, qua thư) và nội dung thông báo', params: IdParams, response: { 200: AnnouncementPreviewDto, ...changing } },
    handler: async (req) => presentAnnouncement(await life.previewAnnouncement(req.ctx, req.params.id)),
  });

  app.post('/api/v1/meetings/:id/announce', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Công bố cuộc họp: thông báo đảng viên và cấp ủy viên phụ trách', params: IdParams, body: TransitionInput, response: { 200: MeetingDetailDto, ...changing } },
    handler: async (req) => presentDetail(await life.announceMeeting(req.ctx, req.params.id, req.body.revision)),
  });

  app.post('/api/v1/meetings/:id/start', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Bắt đầu cuộc họp (từ một giờ trước giờ họp, trong ngày họp)', params: IdParams, body: TransitionInput, response: { 200: MeetingDetailDto, ...changing } },
    handler: async (req) => presentDetail(await life.transitionMeeting(req.ctx, req.params.id, req.body.revision, 'in_progress')),
  });

  app.post('/api/v1/meetings/:id/end', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Kết thúc cuộc họp', params: IdParams, body: TransitionInput, response: { 200: MeetingDetailDto, ...changing } },
    handler: async (req) => presentDetail(await life.transitionMeeting(req.ctx, req.params.id, req.body.revision, 'ended')),
  });

  app.post('/api/v1/meetings/:id/cancel', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Hủy cuộc họp (có lý do); đã công bố thì báo mọi người', params: IdParams, body: CancelMeetingInput, response: { 200: MeetingDetailDto, ...changing } },
    handler: async (req) => presentDetail(await life.cancelMeeting(req.ctx, req.params.id, req.body.revision, req.body.reason)),
  });

  app.put('/api/v1/meetings/:id/agenda', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Đặt chương trình cuộc họp', params: IdParams, body: PutAgendaInput, response: { 200: MeetingDetailDto, ...changing } },
    handler: async (req) => presentDetail(await life.putAgenda(req.ctx, req.params.id, req.body.revision, req.body.items)),
  });

  app.get('/api/v1/me/next-meeting', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Cuộc họp sắp tới của tôi: tài liệu cần đọc, tham luận được giao', response: { 200: NextMeetingDto } },
    handler: async (req) => presentNextMeeting(await page.nextMeetingOf(req.ctx)),
  });

  app.get('/api/v1/organizations/:id/guest-accounts', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Tài khoản cấp ủy cấp trên có thể mời dự họp (nhận thông báo)', params: IdParams, response: { 200: z.object({ items: z.array(GuestAccountDto) }), ...reading } },
    handler: async (req) => ({ items: await guestAccounts(req.ctx, req.params.id) }),
  });
};
