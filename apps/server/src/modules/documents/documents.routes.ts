import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DOCUMENT_MAX_BYTES, DOCUMENT_TYPES, DocumentDto, DocumentKind, IdParams, text } from '@chibo/core';
import { requireBytes, sendFile } from '../../lib/send-file.ts';
import { presentDocument } from './documents.presenter.ts';
import * as service from './documents.service.ts';
import { fileAnswer, refusals } from '../../lib/responses.ts';

/** 404 outside the caller's reach, 403 visible but not permitted; a change also 409 (the meeting is over or cancelled). */
const changing = refusals(403, 404, 409);
const STORED_TYPES = Object.values(DOCUMENT_TYPES).map((t) => t.contentType);
/** The title defaults to the file's name. */
const UploadQuery = z.object({
  kind: DocumentKind.default('other'),
  title: text(2, 300).optional(),
  fileName: text(1, 255).default('tai-lieu'),
});

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  // A document is the request body, as bytes; a larger body is refused before it is read whole.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: DOCUMENT_MAX_BYTES }, (_req, body, done) => done(null, body));

  app.post('/api/v1/meetings/:id/documents', {
    config: { authz: 'session' },
    bodyLimit: DOCUMENT_MAX_BYTES,
    schema: {
      tags: ['documents'],
      summary: 'Đăng tài liệu cuộc họp (PDF, DOCX, XLSX, PNG, JPEG; tối đa 20 MB)',
      description: 'Thân yêu cầu là nội dung tệp (Content-Type: application/octet-stream). Loại tệp được xác định từ nội dung, không theo tên.',
      params: IdParams,
      querystring: UploadQuery,
      consumes: ['application/octet-stream'],
      response: { 201: DocumentDto, ...changing },
    },
    handler: async (req, reply) => {
      const bytes = requireBytes(req.body);
      const { kind, fileName } = req.query;
      const fromName = fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '').trim();
      const title = req.query.title ?? (fromName.length >= 2 ? fromName.slice(0, 300) : 'Tài liệu');
      return reply.status(201).send(presentDocument(await service.uploadDocument(req.ctx, req.params.id, { kind, title, fileName }, bytes)));
    },
  });

  app.get('/api/v1/documents/:id/content', {
    config: { authz: 'session' },
    schema: { tags: ['documents'], summary: 'Tải tài liệu', params: IdParams, response: { 200: fileAnswer('Nội dung tệp, với loại đã nhận diện khi đăng', STORED_TYPES), ...refusals(403, 404) } },
    handler: async (req, reply) => sendFile(reply, await service.documentFile(req.ctx, req.params.id)),
  });

  app.delete('/api/v1/documents/:id', {
    config: { authz: 'session' },
    schema: { tags: ['documents'], summary: 'Gỡ tài liệu', params: IdParams, response: { 204: z.null(), ...changing } },
    handler: async (req, reply) => {
      await service.deleteDocument(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  });
};
