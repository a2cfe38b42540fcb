import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DOCUMENT_MAX_BYTES, DocumentDto, DocumentKind, ErrorResponse, IdParams, text } from '@chibo/core';
import { requireBytes, sendFile } from '../../lib/send-file.ts';
import { presentDocument } from './documents.presenter.ts';
import * as service from './documents.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse };
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
      response: { 201: DocumentDto, ...errors },
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
    schema: { tags: ['documents'], summary: 'Tải tài liệu', params: IdParams },
    handler: async (req, reply) => sendFile(reply, await service.documentFile(req.ctx, req.params.id)),
  });

  app.delete('/api/v1/documents/:id', {
    config: { authz: 'session' },
    schema: { tags: ['documents'], params: IdParams, response: { 204: z.null(), ...errors } },
    handler: async (req, reply) => {
      await service.deleteDocument(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  });
};
