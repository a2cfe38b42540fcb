import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AbsenceRequestDto,
  AbsenceRequestInput,
  AssignPaperInput,
  CancelMeetingInput,
  ComplianceAlertDto,
  CreateMeetingInput,
  DecideAbsenceInput,
  DecidePaperInput,
  DocumentDto,
  DocumentKind,
  ErrorResponse,
  GuestAccountDto,
  IdParams,
  MeetingDetailDto,
  NextMeetingDto,
  PaperDto,
  PlanYearInput,
  PutAgendaInput,
  RuleOverrideDto,
  RuleOverrideInput,
  RuleOverrideListResponse,
  SubmitPaperInput,
  TransitionInput,
  UpdateMeetingInput,
  YearPlanDto,
  text,
} from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';
import * as prep from './meeting-preparation.service.ts';
import * as rules from './meeting-rules.service.ts';
import * as service from './meetings.service.ts';
import { presentAbsence, presentAlert, presentDetail, presentDocument, presentNextMeeting, presentPaper, presentYearPlan } from './meetings.presenter.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse };
/** No year: the current year in the cell's calendar. */
const YearQuery = z.object({ year: z.coerce.number({ error: 'Năm không hợp lệ.' }).int().min(2000, { error: 'Năm từ 2000 đến 2100.' }).max(2100, { error: 'Năm từ 2000 đến 2100.' }).optional() });
/** The title defaults to the file's name. */
const UploadQuery = z.object({
  kind: DocumentKind.default('other'),
  title: text(2, 300).optional(),
  fileName: text(1, 255).default('tai-lieu'),
});

/** A stored file: PDFs and images open in the browser, Office files download; never sniffed, never cached. */
function sendFile(reply: FastifyReply, file: { fileName: string; contentType: string; content: Uint8Array }) {
  const inline = file.contentType === 'application/pdf' || file.contentType.startsWith('image/');
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(file.content));
}

export const meetingRoutes: FastifyPluginAsyncZod = async (app) => {
  // A document is the request body, as bytes; a larger body is refused before it is read whole.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: prep.DOCUMENT_MAX_BYTES }, (_req, body, done) => done(null, body));

  app.get('/api/v1/organizations/:id/year-plan', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Kế hoạch sinh hoạt năm của chi bộ, tình trạng từng kỳ và cảnh báo', params: IdParams, querystring: YearQuery, response: { 200: YearPlanDto, ...errors } },
    handler: async (req) => presentYearPlan(await service.getYearPlan(req.ctx, req.params.id, req.query.year)),
  });

  app.post('/api/v1/organizations/:id/year-plan', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Lập kế hoạch năm: 12 kỳ thường kỳ và 4 chuyên đề cho các kỳ chưa có cuộc họp', params: IdParams, body: PlanYearInput, response: { 200: YearPlanDto, ...errors } },
    handler: async (req) => presentYearPlan(await service.planYear(req.ctx, req.params.id, req.body)),
  });

  app.get('/api/v1/organizations/:id/alerts', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Cảnh báo tuân thủ năm nay của chi bộ hoặc các chi bộ trực thuộc', params: IdParams, response: { 200: z.object({ items: z.array(ComplianceAlertDto) }), ...errors } },
    handler: async (req) => ({ items: (await service.listAlerts(req.ctx, req.params.id)).map((a) => presentAlert(a, a.org)) }),
  });

  app.get('/api/v1/organizations/:id/guest-accounts', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Tài khoản cấp ủy cấp trên có thể mời dự họp (nhận thông báo)', params: IdParams, response: { 200: z.object({ items: z.array(GuestAccountDto) }), ...errors } },
    handler: async (req) => ({ items: await service.guestAccounts(req.ctx, req.params.id) }),
  });

  app.get('/api/v1/organizations/:id/rule-overrides', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Quy định sinh hoạt do cấp ủy cấp trên điều chỉnh', params: IdParams, response: { 200: RuleOverrideListResponse, ...errors } },
    handler: async (req) => ({ items: await rules.listOverrides(req.ctx, req.params.id) }),
  });

  app.post('/api/v1/organizations/:id/rule-overrides', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Cấp ủy cấp trên điều chỉnh một quy định cho tổ chức và cấp dưới, từ một ngày', params: IdParams, body: RuleOverrideInput, response: { 201: RuleOverrideDto, ...errors } },
    handler: async (req, reply) => reply.status(201).send(await rules.setOverride(req.ctx, req.params.id, req.body)),
  });

  app.delete('/api/v1/rule-overrides/:id', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], params: IdParams, response: { 204: z.null(), ...errors } },
    handler: async (req, reply) => {
      await rules.removeOverride(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/meetings', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Lập cuộc họp (dự kiến)', body: CreateMeetingInput, response: { 201: MeetingDetailDto, ...errors } },
    handler: async (req, reply) => {
      const row = await service.createMeeting(req.ctx, req.body);
      return reply.status(201).send(await presentDetail(req.ctx, row.id));
    },
  });

  app.get('/api/v1/meetings/:id', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Cuộc họp với chương trình, tài liệu, tham luận, đơn xin vắng', params: IdParams, response: { 200: MeetingDetailDto, ...errors } },
    handler: async (req) => presentDetail(req.ctx, req.params.id),
  });

  app.patch('/api/v1/meetings/:id', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Sửa cuộc họp; dời lịch cuộc họp đã công bố thì báo lại mọi người', params: IdParams, body: UpdateMeetingInput, response: { 200: MeetingDetailDto, ...errors } },
    handler: async (req) => {
      await service.updateMeeting(req.ctx, req.params.id, req.body);
      return presentDetail(req.ctx, req.params.id);
    },
  });

  app.post('/api/v1/meetings/:id/announce', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Công bố cuộc họp: thông báo đảng viên và cấp ủy viên phụ trách', params: IdParams, body: TransitionInput, response: { 200: MeetingDetailDto, ...errors } },
    handler: async (req) => {
      await service.announceMeeting(req.ctx, req.params.id, req.body.revision);
      return presentDetail(req.ctx, req.params.id);
    },
  });

  app.post('/api/v1/meetings/:id/start', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], params: IdParams, body: TransitionInput, response: { 200: MeetingDetailDto, ...errors } },
    handler: async (req) => {
      await service.transitionMeeting(req.ctx, req.params.id, req.body.revision, 'in_progress');
      return presentDetail(req.ctx, req.params.id);
    },
  });

  app.post('/api/v1/meetings/:id/end', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], params: IdParams, body: TransitionInput, response: { 200: MeetingDetailDto, ...errors } },
    handler: async (req) => {
      await service.transitionMeeting(req.ctx, req.params.id, req.body.revision, 'ended');
      return presentDetail(req.ctx, req.params.id);
    },
  });

  app.post('/api/v1/meetings/:id/cancel', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Hủy cuộc họp (có lý do); đã công bố thì báo mọi người', params: IdParams, body: CancelMeetingInput, response: { 200: MeetingDetailDto, ...errors } },
    handler: async (req) => {
      await service.cancelMeeting(req.ctx, req.params.id, req.body.revision, req.body.reason);
      return presentDetail(req.ctx, req.params.id);
    },
  });

  app.put('/api/v1/meetings/:id/agenda', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Đặt chương trình cuộc họp', params: IdParams, body: PutAgendaInput, response: { 200: MeetingDetailDto, ...errors } },
    handler: async (req) => {
      await service.putAgenda(req.ctx, req.params.id, req.body.revision, req.body.items);
      return presentDetail(req.ctx, req.params.id);
    },
  });

  app.post('/api/v1/meetings/:id/documents', {
    config: { authz: 'session' },
    bodyLimit: prep.DOCUMENT_MAX_BYTES,
    schema: {
      tags: ['meetings'],
      summary: 'Đăng tài liệu cuộc họp (PDF, DOCX, XLSX, PNG, JPEG; tối đa 20 MB)',
      description: 'Thân yêu cầu là nội dung tệp (Content-Type: application/octet-stream). Loại tệp được xác định từ nội dung, không theo tên.',
      params: IdParams,
      querystring: UploadQuery,
      response: { 201: DocumentDto, ...errors },
    },
    handler: async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type', 'Gửi nội dung tệp với Content-Type: application/octet-stream.');
      const { kind, fileName } = req.query;
      const fromName = fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '').trim();
      const title = req.query.title ?? (fromName.length >= 2 ? fromName.slice(0, 300) : 'Tài liệu');
      return reply.status(201).send(presentDocument(await prep.uploadDocument(req.ctx, req.params.id, { kind, title, fileName }, req.body)));
    },
  });

  app.get('/api/v1/documents/:id/content', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Tải tài liệu', params: IdParams },
    handler: async (req, reply) => {
      const { doc, content } = await prep.documentFile(req.ctx, req.params.id);
      return sendFile(reply, { fileName: doc.fileName, contentType: doc.contentType, content });
    },
  });

  app.delete('/api/v1/documents/:id', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], params: IdParams, response: { 204: z.null(), ...errors } },
    handler: async (req, reply) => {
      await prep.deleteDocument(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/meetings/:id/papers', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Phân công viết tham luận', params: IdParams, body: AssignPaperInput, response: { 201: PaperDto, ...errors } },
    handler: async (req, reply) => reply.status(201).send(presentPaper(await prep.assignPaper(req.ctx, req.params.id, req.body), true)),
  });

  app.post('/api/v1/papers/:id/submit', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Người được phân công nộp tham luận', params: IdParams, body: SubmitPaperInput, response: { 200: PaperDto, ...errors } },
    handler: async (req) => presentPaper(await prep.submitPaper(req.ctx, req.params.id, { body: req.body.body }), true),
  });

  app.post('/api/v1/papers/:id/file', {
    config: { authz: 'session' },
    bodyLimit: prep.DOCUMENT_MAX_BYTES,
    schema: {
      tags: ['meetings'],
      summary: 'Người được phân công nộp tham luận dưới dạng tệp (PDF, DOCX, XLSX, PNG, JPEG; tối đa 20 MB)',
      description: 'Thân yêu cầu là nội dung tệp (Content-Type: application/octet-stream). Thay cho bản đã nộp trước (nếu bị trả lại).',
      params: IdParams,
      querystring: z.object({ fileName: text(1, 255).default('tham-luan') }),
      response: { 200: PaperDto, ...errors },
    },
    handler: async (req) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type', 'Gửi nội dung tệp với Content-Type: application/octet-stream.');
      return presentPaper(await prep.submitPaper(req.ctx, req.params.id, { fileName: req.query.fileName, bytes: req.body }), true);
    },
  });

  app.get('/api/v1/papers/:id/file', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Tải tệp tham luận', params: IdParams },
    handler: async (req, reply) => sendFile(reply, await prep.paperFile(req.ctx, req.params.id)),
  });

  app.post('/api/v1/papers/:id/decision', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Duyệt hoặc trả lại tham luận', params: IdParams, body: DecidePaperInput, response: { 200: PaperDto, ...errors } },
    handler: async (req) => presentPaper(await prep.decidePaper(req.ctx, req.params.id, req.body.decision, req.body.comment ?? null), true),
  });

  app.post('/api/v1/meetings/:id/absence', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Xin vắng mặt (trước giờ họp)', params: IdParams, body: AbsenceRequestInput, response: { 201: AbsenceRequestDto, ...errors } },
    handler: async (req, reply) => reply.status(201).send(presentAbsence(await prep.requestAbsence(req.ctx, req.params.id, req.body.reason))),
  });

  app.post('/api/v1/absence-requests/:id/decision', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Chấp thuận hoặc không chấp thuận đơn xin vắng mặt', params: IdParams, body: DecideAbsenceInput, response: { 200: AbsenceRequestDto, ...errors } },
    handler: async (req) => presentAbsence(await prep.decideAbsence(req.ctx, req.params.id, req.body.decision, req.body.note ?? null)),
  });

  app.get('/api/v1/me/next-meeting', {
    config: { authz: 'session' },
    schema: { tags: ['meetings'], summary: 'Cuộc họp sắp tới của tôi: tài liệu cần đọc, tham luận được giao', response: { 200: NextMeetingDto, ...errors } },
    handler: async (req) => presentNextMeeting(req.ctx, await prep.nextMeetingOf(req.ctx)),
  });
};
