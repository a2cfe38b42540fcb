import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AssignPaperInput, DecidePaperInput, DOCUMENT_MAX_BYTES, DOCUMENT_TYPES, IdParams, PaperDto, SubmitPaperInput, text } from '@chibo/core';
import { NoBody, noBodyIsEmpty } from '../../lib/no-body.ts';
import { requireBytes, sendFile } from '../../lib/send-file.ts';
import { presentPaper } from './papers.presenter.ts';
import * as service from './papers.service.ts';
import { fileAnswer, refusals } from '../../lib/responses.ts';

/** 404 outside the caller's reach, 403 not the author or not an officer; a change also 409 (the paper's or the meeting's state). */
const changing = refusals(403, 404, 409);
const STORED_TYPES = Object.values(DOCUMENT_TYPES).map((t) => t.contentType);
const present = (v: service.PaperView) => presentPaper(v.row, v.readable);

export const paperRoutes: FastifyPluginAsyncZod = async (app) => {
  // A paper's file is the request body, as bytes; a larger body is refused before it is read whole.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: DOCUMENT_MAX_BYTES }, (_req, body, done) => done(null, body));

  app.post('/api/v1/meetings/:id/papers', {
    config: { authz: 'session' },
    schema: { tags: ['papers'], summary: 'Phân công viết tham luận', params: IdParams, body: AssignPaperInput, response: { 201: PaperDto, ...changing } },
    handler: async (req, reply) => reply.status(201).send(present(await service.assignPaper(req.ctx, req.params.id, req.body))),
  });

  app.post('/api/v1/papers/:id/submit', {
    config: { authz: 'session' },
    schema: { tags: ['papers'], summary: 'Người được phân công nộp tham luận', params: IdParams, body: SubmitPaperInput, response: { 200: PaperDto, ...changing } },
    handler: async (req) => present(await service.submitPaper(req.ctx, req.params.id, { body: req.body.body })),
  });

  app.post('/api/v1/papers/:id/file', {
    config: { authz: 'session' },
    bodyLimit: DOCUMENT_MAX_BYTES,
    schema: {
      tags: ['papers'],
      summary: 'Người được phân công nộp tham luận dưới dạng tệp (PDF, DOCX, XLSX, PNG, JPEG; tối đa 20 MB)',
      description: 'Thân yêu cầu là nội dung tệp (Content-Type: application/octet-stream). Thay cho bản đã nộp trước (nếu bị trả lại).',
      params: IdParams,
      querystring: z.object({ fileName: text(1, 255).default('tham-luan') }),
      consumes: ['application/octet-stream'],
      response: { 200: PaperDto, ...changing },
    },
    handler: async (req) => present(await service.submitPaper(req.ctx, req.params.id, { fileName: req.query.fileName, bytes: requireBytes(req.body) })),
  });

  app.get('/api/v1/papers/:id/file', {
    config: { authz: 'session' },
    schema: { tags: ['papers'], summary: 'Tải tệp tham luận', params: IdParams, response: { 200: fileAnswer('Tệp tham luận, với loại đã nhận diện khi nộp', STORED_TYPES), ...refusals(403, 404) } },
    handler: async (req, reply) => sendFile(reply, await service.paperFile(req.ctx, req.params.id)),
  });

  app.post('/api/v1/papers/:id/withdraw', {
    config: { authz: 'session' },
    schema: { tags: ['papers'], summary: 'Người viết rút tham luận đã nộp (trước khi được duyệt)', params: IdParams, body: NoBody, response: { 200: PaperDto, ...changing } },
    preValidation: noBodyIsEmpty,
    handler: async (req) => present(await service.withdrawPaper(req.ctx, req.params.id)),
  });

  app.post('/api/v1/papers/:id/decision', {
    config: { authz: 'session' },
    schema: { tags: ['papers'], summary: 'Duyệt hoặc trả lại tham luận', params: IdParams, body: DecidePaperInput, response: { 200: PaperDto, ...changing } },
    handler: async (req) => present(await service.decidePaper(req.ctx, req.params.id, req.body.decision, req.body.comment ?? null)),
  });
};
