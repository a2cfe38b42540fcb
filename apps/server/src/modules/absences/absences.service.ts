/** Absence requests (issue 4, point 8): a member asks to be excused before the start; officers approve or refuse. */
import crypto from 'node:crypto';
import type { Queryable } from '../../db/client.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Ctx } from '../../lib/context.ts';
import { requireActor } from '../../lib/policy.ts';
import { recordChange } from '../audit/audit.service.ts';
import { attendeesOf, loadMeeting, lockMeeting } from '../meetings/meetings.service.ts';
import { notifyWorkflow } from '../notices/notices.service.ts';
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
    const row = await reread(tx, id);
    // The officers are told a request waits for them (inbox, and e-mail when configured).
    await notifyWorkflow(tx, ctx.delivery, { kind: 'absence_requested', meeting, org, memberId, memberName: row.memberName, text: reason, stepId: id, now });
    return row;
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
    if (!meeting) throw new AppError('not_found', 'Không tìm thấy cuộc họp.');
    if (meeting.status === 'cancelled') throw new AppError('conflict', 'Cuộc họp đã hủy.');
    const locked = await repo.findAbsence(tx, id, true);
    if (!locked) throw new AppError('not_found', 'Không tìm thấy đơn xin vắng mặt.');
    if (locked.status !== 'pending') throw new AppError('conflict', 'Đơn này đã được xem xét.');
    await repo.updateAbsence(tx, id, { status: decision === 'approve' ? 'approved' : 'refused', decidedAt: now, decidedByAccountId: actor.accountId, decisionNote: note });
    await recordChange(tx, ctx, { at: now, action: decision === 'approve' ? 'meeting.absence_approved' : 'meeting.absence_refused', targetType: 'meeting', targetId: request.meetingId, organization: org, data: { requestId: id, memberId: request.memberId, note } });
    // The member is told the decision.
    await notifyWorkflow(tx, ctx.delivery, { kind: 'absence_decided', meeting, org, memberId: request.memberId, memberName: request.memberName, outcome: decision === 'approve' ? 'approved' : 'refused', text: note, stepId: id, now });
    return reread(tx, id);
  });
}

/**
 * The member changes the reason of, or withdraws, their own request while it waits and the
 * meeting is still ahead; once decided, it is the officers' record.
 */
async function ownPendingRequest(ctx: Ctx, id: string) {
  const actor = requireActor(ctx);
  const request = await repo.findAbsence(ctx.db, id);
  // Someone else's request is as unknown as one that does not exist.
  if (!request || request.memberId !== actor.memberId) throw new AppError('not_found', 'Không tìm thấy đơn xin vắng mặt.');
  const { meeting, org } = await loadMeeting(ctx, request.meetingId, 'meeting.read');
  return { request, meeting, org };
}

function requirePending(status: repo.AbsenceRow['status']): void {
  if (status !== 'pending') throw new AppError('conflict', status === 'approved' ? 'Đơn đã được chấp thuận: không sửa hay rút được nữa.' : 'Đơn đã được xem xét: không sửa hay rút được nữa.');
}

export async function changeAbsenceReason(ctx: Ctx, id: string, reason: string): Promise<repo.AbsenceRow> {
  const { request, meeting, org } = await ownPendingRequest(ctx, id);
  const now = ctx.clock.now();
  requireBeforeMeeting(meeting, now);
  return ctx.db.transaction(async (tx) => {
    const locked = await repo.findAbsence(tx, id, true);
    if (!locked) throw new AppError('not_found', 'Không tìm thấy đơn xin vắng mặt.');
    requirePending(locked.status);
    await repo.updateAbsence(tx, id, { reason });
    await recordChange(tx, ctx, { at: now, action: 'meeting.absence_changed', targetType: 'meeting', targetId: meeting.id, organization: org, data: { requestId: id, memberId: request.memberId, before: locked.reason, after: reason } });
    return reread(tx, id);
  });
}

export async function withdrawAbsence(ctx: Ctx, id: string): Promise<void> {
  const { request, meeting, org } = await ownPendingRequest(ctx, id);
  const now = ctx.clock.now();
  requireBeforeMeeting(meeting, now);
  await ctx.db.transaction(async (tx) => {
    const locked = await repo.findAbsence(tx, id, true);
    if (!locked) throw new AppError('not_found', 'Không tìm thấy đơn xin vắng mặt.');
    requirePending(locked.status);
    await repo.deleteAbsence(tx, id);
    await recordChange(tx, ctx, { at: now, action: 'meeting.absence_withdrawn', targetType: 'meeting', targetId: meeting.id, organization: org, data: { requestId: id, memberId: request.memberId, reason: locked.reason } });
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

/** The member's own requests still waiting for a decision. */
export function myPendingAbsences(db: Queryable, memberId: string, limit: number) {
  return repo.absencesWaiting(db, { memberId, limit });
}

/** Requests waiting for the officers of these cells to decide. */
export function absencesToDecide(db: Queryable, cellIds: readonly string[], limit: number) {
  return cellIds.length === 0 ? Promise.resolve([]) : repo.absencesWaiting(db, { cellIds, limit });
}
