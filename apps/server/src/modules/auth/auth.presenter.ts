import { permissionsOfRole, type MeDto, type Permission } from '@chibo/core';
import type { Actor } from '../../lib/context.ts';
import type { AccountRow } from './auth.repo.ts';

/** The caller as the web app sees it: account, grants with their expanded permissions, CSRF token. */
export function presentMe(actor: Actor, account: AccountRow, csrfToken: string, homeOrganizationId: string | null): MeDto {
  const all = new Set<Permission>();
  const grants = actor.grants.map((g) => {
    const permissions = [...permissionsOfRole(g.role)].sort();
    permissions.forEach((p) => all.add(p));
    return { organizationId: g.organizationId, organizationName: g.organizationName, organizationPath: g.organizationPath, role: g.role, permissions };
  });
  return {
    account: { id: account.id, username: account.username, displayName: account.displayName, email: account.email, memberId: account.memberId },
    homeOrganizationId,
    grants,
    permissions: [...all].sort(),
    csrfToken,
  };
}
