import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CloseOrganizationInput,
  CreateOrganizationInput,
  MoveOrganizationInput,
  OrganizationSettings,
  OrganizationSettingsDto,
  IdParams,
  OrganizationDto,
  OrganizationListResponse,
  UpdateOrganizationInput,
} from '@chibo/core';
import { presentOrganization } from './organizations.presenter.ts';
import * as service from './organizations.service.ts';
import { refusals } from '../../lib/responses.ts';

/** Reading one: 404 outside the caller's grants, 403 visible but not permitted. Changing one: also 409 once it is closed. */
const reading = refusals(403, 404);
const changing = refusals(403, 404, 409);

export const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/organizations', {
    config: { authz: 'session' },
    schema: { tags: ['organizations'], summary: 'Các tổ chức đảng người dùng được xem', response: { 200: OrganizationListResponse } },
    handler: async (req) => ({ items: (await service.listVisibleOrganizations(req.ctx)).map(presentOrganization) }),
  });

  app.get('/api/v1/organizations/:id', {
    config: { authz: 'session' },
    schema: { tags: ['organizations'], params: IdParams, response: { 200: OrganizationDto, ...reading } },
    handler: async (req) => presentOrganization(await service.getOrganization(req.ctx, req.params.id)),
  });

  app.post('/api/v1/organizations', {
    config: { authz: 'session' },
    schema: { tags: ['organizations'], summary: 'Thêm tổ chức đảng trực thuộc', body: CreateOrganizationInput, response: { 201: OrganizationDto, ...changing } },
    handler: async (req, reply) => reply.status(201).send(presentOrganization(await service.createOrganization(req.ctx, req.body))),
  });

  app.patch('/api/v1/organizations/:id', {
    config: { authz: 'session' },
    schema: { tags: ['organizations'], params: IdParams, body: UpdateOrganizationInput, response: { 200: OrganizationDto, ...changing } },
    handler: async (req) => presentOrganization(await service.updateOrganization(req.ctx, req.params.id, req.body)),
  });
  app.post('/api/v1/organizations/:id/move', {
    config: { authz: 'session' },
    schema: { tags: ['organizations'], summary: 'Chuyển tổ chức sang trực thuộc tổ chức khác', params: IdParams, body: MoveOrganizationInput, response: { 200: OrganizationDto, ...changing } },
    handler: async (req) => presentOrganization(await service.moveOrganization(req.ctx, req.params.id, req.body)),
  });

  app.post('/api/v1/organizations/:id/close', {
    config: { authz: 'session' },
    schema: { tags: ['organizations'], summary: 'Giải thể tổ chức (giữ nguyên lịch sử)', params: IdParams, body: CloseOrganizationInput, response: { 200: OrganizationDto, ...changing } },
    handler: async (req) => presentOrganization(await service.closeOrganization(req.ctx, req.params.id, req.body)),
  });

  app.get('/api/v1/organizations/:id/settings', {
    config: { authz: 'session' },
    schema: { tags: ['organizations'], summary: 'Thiết lập của tổ chức (kể cả kế thừa từ cấp trên)', params: IdParams, response: { 200: OrganizationSettingsDto, ...reading } },
    handler: async (req) => service.getSettings(req.ctx, req.params.id),
  });

  app.put('/api/v1/organizations/:id/settings', {
    config: { authz: 'session' },
    schema: { tags: ['organizations'], summary: 'Đặt thiết lập riêng của tổ chức', params: IdParams, body: OrganizationSettings, response: { 200: OrganizationSettingsDto, ...changing } },
    handler: async (req) => service.putSettings(req.ctx, req.params.id, req.body),
  });
};
