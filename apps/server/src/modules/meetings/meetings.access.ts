/**
 * Loading a meeting for a caller: the meeting's cell decides who may see it (meeting.read on
 * the cell's subtree: its members, its officers, the superior above) and who may change it
 * (meeting.manage). A meeting the caller cannot see answers 404, like an organization.
 */
import { eq } from 'drizzle-orm';
import { isWithin, type Permission } from '@chibo/core';
import type { Queryable } from '../../db/client.ts';
import { meetings } from '../../db/schema/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Ctx } from '../../lib/context.ts';
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

/** The meeting and its cell, if the caller holds `permission` there (404 when it cannot even see it). */
export async function loadMeeting(ctx: Ctx, id: string, permission: Permission): Promise<{ meeting: MeetingRow; org: OrganizationRow }> {
  const actor = requireActor(ctx);
  const meeting = await findMeeting(ctx.db, id);
  if (!meeting) throw new AppError('not_found', NOT_FOUND);
  const org = await findOrganization(ctx.db, meeting.organizationId);
  if (!org) throw new AppError('not_found', NOT_FOUND);
  if (!actorCan(actor, permission, org.path)) {
    const visible = actorCan(actor, 'meeting.read', org.path) || actor.grants.some((g) => isWithin(org.path, g.organizationPath));
    throw visible ? new AppError('forbidden') : new AppError('not_found', NOT_FOUND);
  }
  return { meeting, org };
}
