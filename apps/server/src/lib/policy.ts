/**
 * The caller and its grants, as every policy reads them. A grant applies to its organization's
 * whole subtree (core `can`). Loading an organization and deciding on it is the organizations
 * module's (`authorizeOnOrganization` in organizations.service.ts).
 */
import { can, type Permission } from '@chibo/core';
import { AppError } from './app-error.ts';
import type { Actor, Ctx } from './context.ts';

export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw new AppError('unauthenticated');
  return ctx.actor;
}

export function actorCan(actor: Actor, permission: Permission, organizationPath: string): boolean {
  return can(actor.grants, permission, organizationPath);
}
