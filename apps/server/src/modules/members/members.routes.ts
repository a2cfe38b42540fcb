import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreateMemberInput, ErrorResponse, IdParams, MemberDto, MemberListResponse } from '@chibo/core';
import { presentMember, presentMemberSummary } from './members.presenter.ts';
import * as service from './members.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export const memberRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/organizations/:id/members', {
    config: { authz: 'session' },
    schema: { tags: ['members'], summary: 'Danh sách đảng viên của chi bộ', params: IdParams, response: { 200: MemberListResponse, ...errors } },
    handler: async (req) => ({ items: (await service.listMembers(req.ctx, req.params.id)).map(presentMemberSummary) }),
  });

  app.post('/api/v1/organizations/:id/members', {
    config: { authz: 'session' },
    schema: { tags: ['members'], summary: 'Thêm đảng viên', params: IdParams, body: CreateMemberInput, response: { 201: MemberDto, ...errors } },
    handler: async (req, reply) => reply.status(201).send(presentMember(await service.createMember(req.ctx, req.params.id, req.body))),
  });

  app.get('/api/v1/members/:id', {
    config: { authz: 'session' },
    schema: { tags: ['members'], summary: 'Hồ sơ đảng viên', params: IdParams, response: { 200: MemberDto, ...errors } },
    handler: async (req) => presentMember(await service.getMember(req.ctx, req.params.id)),
  });
};
