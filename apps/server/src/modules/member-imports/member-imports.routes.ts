import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, ImportChoices, ImportPreviewDto, ImportPreviewQuery, ImportProgressDto } from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';
import * as service from './member-imports.service.ts';
import { refusals } from '../../lib/responses.ts';

const IMPORT_TYPES = ['application/octet-stream', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];
/** An import is its uploader's: anyone else gets 404 (403: the cell is visible but not theirs to manage). */
const reading = refusals(403, 404);
/** A 100,000-row register is about 10 MB of CSV; the limit leaves room for XLSX and long rows. */
export const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;
const UploadQuery = ImportPreviewQuery.extend({ fileName: z.string().max(255).default('tep-nhap') });

export const memberImportRoutes: FastifyPluginAsyncZod = async (app) => {
  // The file is the request body, as bytes (scoped to these routes: elsewhere only JSON is read).
  for (const type of IMPORT_TYPES) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => done(null, body));
  }

  app.post('/api/v1/organizations/:id/member-imports', {
    config: { authz: 'session' },
    bodyLimit: IMPORT_BODY_LIMIT,
    schema: {
      tags: ['members'],
      summary: 'Tải lên tệp danh sách đảng viên (XLSX hoặc CSV) để xem trước',
      description: 'Thân yêu cầu là nội dung tệp (Content-Type: application/octet-stream, text/csv hoặc loại của tệp .xlsx). Chưa ghi gì vào danh sách cho đến khi xác nhận.',
      consumes: IMPORT_TYPES,
      params: IdParams,
      querystring: UploadQuery,
      // 409: the cell is closed.
      response: { 201: ImportPreviewDto, ...refusals(403, 404, 409) },
    },
    handler: async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type', 'Gửi nội dung tệp với Content-Type: application/octet-stream.');
      const { fileName, ...page } = req.query;
      return reply.status(201).send(await service.createImport(req.ctx, req.params.id, fileName, new Uint8Array(req.body), page));
    },
  });

  app.get('/api/v1/member-imports/:id', {
    config: { authz: 'session' },
    schema: { tags: ['members'], summary: 'Xem trước lượt nhập (theo trang)', params: IdParams, querystring: ImportPreviewQuery, response: { 200: ImportPreviewDto, ...reading } },
    handler: async (req) => service.getImport(req.ctx, req.params.id, req.query),
  });

  app.put('/api/v1/member-imports/:id/choices', {
    config: { authz: 'session' },
    schema: { tags: ['members'], summary: 'Chọn cột, sửa ô lỗi, bỏ qua dòng; kiểm tra lại', params: IdParams, querystring: ImportPreviewQuery, body: ImportChoices, response: { 200: ImportPreviewDto, ...refusals(403, 404, 409) } },
    handler: async (req) => service.setChoices(req.ctx, req.params.id, req.body, req.query),
  });

  app.post('/api/v1/member-imports/:id/commit', {
    config: { authz: 'session' },
    schema: { tags: ['members'], summary: 'Xác nhận ghi vào danh sách (một giao dịch)', params: IdParams, body: z.object({}).strict(), response: { 200: ImportPreviewDto, ...refusals(403, 404, 409, 422) } },
    handler: async (req) => service.commitImport(req.ctx, req.params.id),
  });

  app.get('/api/v1/member-imports/:id/progress', {
    config: { authz: 'session' },
    schema: { tags: ['members'], summary: 'Tiến độ ghi của lượt nhập', params: IdParams, response: { 200: ImportProgressDto, ...reading } },
    handler: async (req) => service.importProgress(req.ctx, req.params.id),
  });
};
