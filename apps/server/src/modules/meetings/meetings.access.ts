/**
 * Loading a meeting for a caller: the meeting's cell decides who may see it (meeting.read on
 * the cell's subtree: its members, its officers, the superior above) and who may change it
 * (meeting.manage). A meeting the caller cannot see answers 404, like an organization.
 */
import { and, eq, gte, isNull, lte, or } from 'drizzle-orm';
import { isWithin, localDateOf, type Permission } from '@chibo/core';
import type { Queryable } from '../../db/client.ts';
import { meetings, memberships } from '../../db/schema/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Actor, Ctx } from '../../lib/context.ts';
import { actorCan, requireActor } from '../../lib/policy.ts';
import { findOrganization, type OrganizationRow } from '../organizations/organizations.repo.ts';

export type MeetingRow = typeof meetings.$inferSelect;

export async function findMeeting(db: Queryable, id: string): Promise<MeetingRow | undefined> {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, id));
  return row;
}

export async function lockMeeting(db: Queryable, id: string): Promise<MeetingRow | undefined> {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, id)).for('update');
  return row;
}

const NOT_FOUND = 'Không tìm thấy cuộc họp.';

/**
 * A member "sinh hoạt tạm thời" in the meeting's cell on its day reads the meeting (to see
 * it, read its documents, ask to be excused) though their grants are on their own cell.
 */
async function attachedAsGuest(db: Queryable, memberId: string | null, meeting: MeetingRow, org: OrganizationRow): Promise<boolean> {
  if (!memberId) return false;
  const day = localDateOf(meeting.startsAt, org.timeZone);
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.memberId, memberId), eq(memberships.organizationId, org.id), eq(memberships.kind, 'temporary'), lte(memberships.fromDate, day), or(isNull(memberships.toDate), gte(memberships.toDate, day))))
    .limit(1);
  return row !== undefined;
}

/** A chi ủy meeting is the committee's: its officers and the superiors above see it, members do not. */
export function seesKind(actor: Actor, org: OrganizationRow, kind: string): boolean {
  return kind !== 'preparatory' || actorCan(actor, 'meeting.manage', org.path) || actorCan(actor, 'oversight.read', org.path);
}

/** The meeting and its cell, if the caller holds `permission` there (404 when it cannot even see it). */
export async function loadMeeting(ctx: Ctx, id: string, permission: Permission): Promise<{ meeting: MeetingRow; org: OrganizationRow }> {
  const actor = requireActor(ctx);
  const meeting = await findMeeting(ctx.db, id);
  if (!meeting) throw new AppError('not_found', NOT_FOUND);
  const org = await findOrganization(ctx.db, meeting.organizationId);
  if (!org) throw new AppError('not_found', NOT_FOUND);
  const reads = actorCan(actor, 'meeting.read', org.path) || (await attachedAsGuest(ctx.db, actor.memberId, meeting, org));
  const seen = reads && seesKind(actor, org, meeting.kind);
  const allowed = permission === 'meeting.read' ? seen : actorCan(actor, permission, org.path);
  if (!allowed) {
    const visible = seen || actor.grants.some((g) => isWithin(org.path, g.organizationPath));
    throw visible ? new AppError('forbidden') : new AppError('not_found', NOT_FOUND);
  }
  return { meeting, org };
}
