/** What a caller decides: the requests and papers of the cells where they hold meeting.manage. */
import type { Actor } from '../../lib/context.ts';
import { actorCan } from '../../lib/policy.ts';

/** The organizations (by path) under which the caller runs meetings; their cells' items wait on them. */
export function managedRoots(actor: Actor): { organizationId: string; organizationPath: string }[] {
  return actor.grants.filter((g) => actorCan(actor, 'meeting.manage', g.organizationPath));
}
