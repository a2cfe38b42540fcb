/**
 * Who may open and who may change a meeting. The meeting's cell decides: meeting.read on the
 * cell's subtree reads its meetings (its members, its officers, the superiors above),
 * meeting.manage changes them. Who a meeting is *for* is core's (`seesMeeting`, `attendsMeeting`):
 * a chi ủy meeting is its committee's, a member "sinh hoạt tạm thời" in the cell reads the cell's
 * meetings, an invited guest reads the meeting they were invited to.
 */
import { isCellKind, isWithin, seesMeeting, type MeetingKind, type MeetingStatus, type OrganizationKind, type Permission } from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';
import type { Actor } from '../../lib/context.ts';
import { actorCan } from '../../lib/policy.ts';

export interface CallerAtMeeting {
  /** On the cell's roll that day and meeting with it (a temporary guest member too). */
  meetsWithCell: boolean;
  /** Attends a meeting of this kind (core attendsMeeting), or is one of its invited guests. */
  attends: boolean;
}

export type MeetingDecision = 'allowed' | 'forbidden' | 'hidden';

/** May the caller open a meeting of `kind` of the cell at `cellPath`? */
export function mayReadMeeting(actor: Actor, cellPath: string, kind: MeetingKind, caller: CallerAtMeeting): boolean {
  return seesMeeting(kind, {
    manages: actorCan(actor, 'meeting.manage', cellPath),
    oversees: actorCan(actor, 'oversight.read', cellPath),
    attends: caller.attends,
    readsCell: actorCan(actor, 'meeting.read', cellPath) || caller.meetsWithCell,
  });
}

/**
 * The decision for `permission`: reading follows mayReadMeeting; anything else needs the
 * permission on the cell. A meeting the caller cannot even see answers as not found.
 */
export function decideOnMeeting(actor: Actor, cellPath: string, kind: MeetingKind, permission: Permission, caller: CallerAtMeeting): MeetingDecision {
  const reads = mayReadMeeting(actor, cellPath, kind, caller);
  const allowed = permission === 'meeting.read' ? reads : actorCan(actor, permission, cellPath);
  if (allowed) return 'allowed';
  return reads || actor.grants.some((g) => isWithin(cellPath, g.organizationPath)) ? 'forbidden' : 'hidden';
}

export function mayManageMeetings(actor: Actor, cellPath: string): boolean {
  return actorCan(actor, 'meeting.manage', cellPath);
}

/** Meetings are held by cells (chi bộ), never by the committees above them, nor by a closed cell. */
export function requireCell(org: { kind: OrganizationKind; closedAt: Date | null }): void {
  if (!isCellKind(org.kind)) throw new AppError('validation_failed', 'Chỉ chi bộ mới lập cuộc họp sinh hoạt chi bộ.');
  if (org.closedAt) throw new AppError('organization_closed');
}

/** An edit made on a page showing an older revision is refused: someone changed the meeting since. */
export function requireRevision(meeting: { revision: number }, revision: number): void {
  if (meeting.revision !== revision) throw new AppError('conflict', 'Cuộc họp vừa được người khác thay đổi. Vui lòng tải lại trang.');
}

export function requireStatus(meeting: { status: MeetingStatus }, allowed: readonly MeetingStatus[], message: string): void {
  if (!allowed.includes(meeting.status)) throw new AppError('conflict', message);
}
