/**
 * The one authorization question every service asks: may the caller do `permission` on
 * this organization? Grants apply to the granted organization's whole subtree (core `can`).
 */
import { can, isWithin, type Permission } from '@chibo/core';
import { AppError } from './app-error.ts';
import type { Actor, Ctx } from './context.ts';
import { findOrganization, type OrganizationRow } from '../modules/organizations/organizations.repo.ts';

export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw new AppError('unauthenticated');
  return ctx.actor;
}

export function actorCan(actor: Actor, permission: Permission, organizationPath: string): boolean {
  return can(actor.grants, permission, organizationPath);
}

/**
 * Load the organization and check the permission on it. An organization outside every
 * grant answers 404, not 403: a caller learns nothing about organizations it cannot see.
 */
export async function authorizeOnOrganization(ctx: Ctx, permission: Permission, organizationId: string): Promise<OrganizationRow> {
  const actor = requireActor(ctx);
  const org = await findOrganization(ctx.db, organizationId);
  if (!org) throw new AppError('not_found', 'Không tìm thấy tổ chức đảng.');
  if (!actorCan(actor, permission, org.path)) {
    const visible = actor.grants.some((g) => isWithin(org.path, g.organizationPath));
    throw visible ? new AppError('forbidden') : new AppError('not_found', 'Không tìm thấy tổ chức đảng.');
  }
  return org;
}
