import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateMemberInput,
  HistoryInput,
  IdParams,
  IsoDate,
  LeadershipDto,
  MemberDto,
  MemberListResponse,
  ProbationListDto,
  RegisterQuery,
  TransferInput,
  UpdateMemberInput,
} from '@chibo/core';
import { presentMember, presentMemberSummary } from './members.presenter.ts';
import * as service from './members.service.ts';
import { exportRegister } from './members.export.ts';
import { fileAnswer, refusals } from '../../lib/responses.ts';

/** 404 outside the caller's grants, 403 visible but not permitted. */
const reading = refusals(403, 404);
/** A history write: also 409 (a closed cell, or another write came first) and 422 (the history it makes is not valid). */
const changingHistory = refusals(403, 404, 409, 422);
const OnQuery = z.object({ on: IsoDate.optional() }).strict();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ExportQuery = z.object({ on: IsoDate.optional(), format: z.enum(['xlsx', 'csv']).default('xlsx') }).strict();

export const memberRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/organizations/:id/members', {
    config: { authz: 'session' },
    schema: {
      tags: ['members'],
      summary: 'Danh sách đảng viên (theo ngày; lọc theo trạng thái, chức vụ; tìm tên có hoặc không dấu)',
      params: IdParams,
      querystring: RegisterQuery,
      response: { 200: MemberListResponse, ...reading },
    },
    handler: async (req) => {
      const { on, items, privateView } = await service.listRegister(req.ctx, req.params.id, req.query);
      return { on, items: items.map((e) => presentMemberSummary(e, privateView)) };
    },
  });

  app.get('/api/v1/organizations/:id/members/export', {
    config: { authz: 'session' },
    schema: { tags: ['members'], summary: 'Xuất danh sách đảng viên (XLSX hoặc CSV, nhập lại được)', params: IdParams, querystring: ExportQuery, response: { 200: fileAnswer('Danh sách đảng viên (XLSX hoặc CSV UTF-8)', [XLSX, 'text/csv; charset=utf-8']), ...reading } },
    handler: async (req, reply) => {
      const file = await exportRegister(req.ctx, req.params.id, req.query.format, req.query.on);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .send(file.body);
    },
  });

  app.post('/api/v1/organizations/:id/members', {
    config: { authz: 'session' },
    schema: { tags: ['members'], summary: 'Thêm đảng viên', params: IdParams, body: CreateMemberInput, response: { 201: MemberDto, ...changingHistory } },
    handler: async (req, reply) => reply.status(201).send(presentMember(await service.createMember(req.ctx, req.params.id, req.body))),
  });

  app.get('/api/v1/organizations/:id/leadership', {
    config: { authz: 'session' },
    schema: { tags: ['members'], summary: 'Bí thư, phó bí thư, chi ủy và cảnh báo cơ cấu', params: IdParams, querystring: OnQuery, response: { 200: LeadershipDto, ...reading } },
    handler: async (req) => {
      const r = await service.leadership(req.ctx, req.params.id, req.query.on);
      return {
        on: r.on,
        officialMembers: r.officialMembers,
        holders: r.holders.map((h) => ({ memberId: h.memberId, fullName: h.fullName, positions: [...h.cellPositions] })),
        warnings: r.warnings,
      };
    },
  });

  app.get('/api/v1/organizations/:id/probation', {
    config: { authz: 'session' },
    schema: { tags: ['members'], summary: 'Đảng viên dự bị sắp hết hoặc đã quá thời hạn dự bị', params: IdParams, querystring: OnQuery, response: { 200: ProbationListDto, ...reading } },
    handler: async (req) => {
      const r = await service.probationList(req.ctx, req.params.id, req.query.on);
      return {
        on: r.on,
        items: r.items.map(({ cell, ...a }) => ({ ...a, organizationId: cell.id, organizationName: cell.name })),
      };
    },
  });

  app.get('/api/v1/members/:id', {
    config: { authz: 'session' },
    schema: { tags: ['members'], summary: 'Hồ sơ và quá trình sinh hoạt của đảng viên', params: IdParams, response: { 200: MemberDto, ...reading } },
    handler: async (req) => presentMember(await service.getMember(req.ctx, req.params.id)),
  });

  app.patch('/api/v1/members/:id', {
    config: { authz: 'session' },
    schema: { tags: ['members'], summary: 'Sửa thông tin cá nhân của đảng viên', params: IdParams, body: UpdateMemberInput, response: { 200: MemberDto, ...reading } },
    handler: async (req) => presentMember(await service.updateMember(req.ctx, req.params.id, req.body)),
  });

  app.put('/api/v1/members/:id/history', {
    config: { authz: 'session' },
    schema: { tags: ['members'], summary: 'Ghi lại toàn bộ quá trình sinh hoạt, trạng thái và chức vụ', params: IdParams, body: HistoryInput, response: { 200: MemberDto, ...changingHistory } },
    handler: async (req) => presentMember(await service.replaceMemberHistory(req.ctx, req.params.id, req.body)),
  });

  app.post('/api/v1/members/:id/transfers', {
    config: { authz: 'session' },
    schema: { tags: ['members'], summary: 'Chuyển sinh hoạt chính thức hoặc tạm thời', params: IdParams, body: TransferInput, response: { 200: MemberDto, ...changingHistory } },
    handler: async (req) => presentMember(await service.transferMember(req.ctx, req.params.id, req.body)),
  });
};
