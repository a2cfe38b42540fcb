/**
 * What a caller may do with an organization: a permission held on it or above (core `can`).
 * An organization outside every grant is as unknown as one that does not exist (404, not 403):
 * a caller learns nothing about organizations it cannot see.
 */
import { isWithin, type Permission } from '@chibo/core';
import type { Actor } from '../../lib/context.ts';
import { actorCan } from '../../lib/policy.ts';

export type Decision = 'allowed' | 'forbidden' | 'hidden';

export function decideOnOrganization(actor: Actor, permission: Permission, org: { path: string }): Decision {
  if (actorCan(actor, permission, org.path)) return 'allowed';
  return seesOrganization(actor, org) ? 'forbidden' : 'hidden';
}

/** Does any grant reach the organization at all (its subtree or above)? */
export function seesOrganization(actor: Actor, org: { path: string }): boolean {
  return actor.grants.some((g) => isWithin(org.path, g.organizationPath));
}
