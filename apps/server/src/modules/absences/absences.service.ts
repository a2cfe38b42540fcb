/** Absence requests (issue 4, point 8): a member asks to be excused before the start; officers approve or refuse. */
import crypto from 'node:crypto';
import type { Queryable } from '../../db/client.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Ctx } from '../../lib/context.ts';
import { requireActor } from '../../lib/policy.ts';
import { recordChange } from '../audit/audit.service.ts';
import { attendeesOf, loadMeeting, lockMeeting } from '../meetings/meetings.service.ts';
import { requireBeforeMeeting } from './absences.policy.ts';
import * as repo from './absences.repo.ts';

export type { AbsenceRow } from './absences.repo.ts';

async function reread(db: Queryable, id: string): Promise<repo.AbsenceRow> {
  const row = await repo.findAbsence(db, id);
  if (!row) throw new AppError('internal_error');
  return row;
}

export async function requestAbsence(ctx: Ctx, meetingId: string, reason: string): Promise<repo.AbsenceRow> {
  const actor = requireActor(ctx);
  const { meeting, org } = await loadMeeting(ctx, meetingId, 'meeting.read');
  if (!actor.memberId) throw new AppError('forbidden', 'Tài khoản này không gắn với đảng viên nào.');
  const now = ctx.clock.now();
  requireBeforeMeeting(meeting, now);
  const memberId = actor.memberId;
  if (!(await attendeesOf(ctx.db, meeting, org)).some((e) => e.memberId === memberId)) throw new AppError('forbidden', 'Bạn không thuộc danh sách đảng viên dự cuộc họp này.');
  return ctx.db.transaction(async (tx) => {
    const existing = await repo.absenceOfMember(tx, meetingId, memberId);
    if (existing && existing.status !== 'refused') {
      throw new AppError('conflict', existing.status === 'approved' ? 'Đơn xin vắng mặt của bạn đã được chấp thuận.' : 'Bạn đã gửi đơn xin vắng mặt, đang chờ xem xét.');
    }
    const id = existing?.id ?? crypto.randomUUID();
    if (existing) await repo.updateAbsence(tx, id, { reason, status: 'pending', decidedAt: null, decidedByAccountId: null, decisionNote: null, createdAt: now });
    else await repo.insertAbsence(tx, { id, meetingId, memberId, reason, createdAt: now });
    await recordChange(tx, ctx, { at: now, action: 'meeting.absence_requested', targetType: 'meeting', targetId: meetingId, organization: org, data: { requestId: id, memberId, reason } });
    return reread(tx, id);
  });
}

export async function decideAbsence(ctx: Ctx, id: string, decision: 'approve' | 'refuse', note: string | null): Promise<repo.AbsenceRow> {
  const actor = requireActor(ctx);
  const request = await repo.findAbsence(ctx.db, id);
  if (!request) throw new AppError('not_found', 'Không tìm thấy đơn xin vắng mặt.');
  const { org } = await loadMeeting(ctx, request.meetingId, 'meeting.manage');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const meeting = await lockMeeting(tx, request.meetingId);
    if (meeting?.status === 'cancelled') throw new AppError('conflict', 'Cuộc họp đã hủy.');
    const locked = await repo.findAbsence(tx, id, true);
    if (!locked) throw new AppError('not_found', 'Không tìm thấy đơn xin vắng mặt.');
    if (locked.status !== 'pending') throw new AppError('conflict', 'Đơn này đã được xem xét.');
    await repo.updateAbsence(tx, id, { status: decision === 'approve' ? 'approved' : 'refused', decidedAt: now, decidedByAccountId: actor.accountId, decisionNote: note });
    await recordChange(tx, ctx, { at: now, action: decision === 'approve' ? 'meeting.absence_approved' : 'meeting.absence_refused', targetType: 'meeting', targetId: request.meetingId, organization: org, data: { requestId: id, memberId: request.memberId, note } });
    return reread(tx, id);
  });
}

/** Every request of a meeting (its officers' view). */
export function absencesOfMeeting(db: Queryable, meetingId: string): Promise<repo.AbsenceRow[]> {
  return repo.absencesOf(db, meetingId);
}

/** A member's own request for a meeting, if any. */
export function absenceOf(db: Queryable, meetingId: string, memberId: string): Promise<repo.AbsenceRow | undefined> {
  return repo.absenceOfMember(db, meetingId, memberId);
}
