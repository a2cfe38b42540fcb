import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AbsenceRequestDto, AbsenceRequestInput, DecideAbsenceInput, IdParams } from '@chibo/core';
import { presentAbsence } from './absences.presenter.ts';
import * as service from './absences.service.ts';
import { refusals } from '../../lib/responses.ts';

/** 404 outside the caller's reach, 403 not on the roll or not an officer, 409 too late or already decided. */
const errors = refusals(403, 404, 409);

export const absenceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/v1/meetings/:id/absence', {
    config: { authz: 'session' },
    schema: { tags: ['absences'], summary: 'Xin vắng mặt (trước giờ họp)', params: IdParams, body: AbsenceRequestInput, response: { 201: AbsenceRequestDto, ...errors } },
    handler: async (req, reply) => reply.status(201).send(presentAbsence(await service.requestAbsence(req.ctx, req.params.id, req.body.reason))),
  });

  app.patch('/api/v1/absence-requests/:id', {
    config: { authz: 'session' },
    schema: { tags: ['absences'], summary: 'Người xin vắng sửa lý do (khi đơn chưa được xem xét, trước giờ họp)', params: IdParams, body: AbsenceRequestInput, response: { 200: AbsenceRequestDto, ...errors } },
    handler: async (req) => presentAbsence(await service.changeAbsenceReason(req.ctx, req.params.id, req.body.reason)),
  });

  app.delete('/api/v1/absence-requests/:id', {
    config: { authz: 'session' },
    schema: { tags: ['absences'], summary: 'Người xin vắng rút đơn (khi đơn chưa được xem xét, trước giờ họp)', params: IdParams, response: { 204: z.null(), ...errors } },
    handler: async (req, reply) => {
      await service.withdrawAbsence(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/absence-requests/:id/decision', {
    config: { authz: 'session' },
    schema: { tags: ['absences'], summary: 'Chấp thuận hoặc không chấp thuận đơn xin vắng mặt', params: IdParams, body: DecideAbsenceInput, response: { 200: AbsenceRequestDto, ...errors } },
    handler: async (req) => presentAbsence(await service.decideAbsence(req.ctx, req.params.id, req.body.decision, req.body.note ?? null)),
  });
};
