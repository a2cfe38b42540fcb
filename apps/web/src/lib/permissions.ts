import type { MeDto, OrganizationDto, Permission } from '@chibo/core';

/**
 * The UI hides what the caller may not do (STYLE §8); the server still checks every action.
 * Grants carry their expanded permission lists and apply to the organization's subtree.
 */

export function hasPermission(me: MeDto, permission: Permission): boolean {
  return me.permissions.includes(permission);
}

export function hasAnyPermission(me: MeDto, permissions: readonly Permission[]): boolean {
  return permissions.some((p) => me.permissions.includes(p));
}

/** The organization and its ancestors, as far as the caller's list of organizations reaches. */
export function ancestorIds(organizationId: string, organizations: readonly OrganizationDto[] | undefined): Set<string> {
  const byId = new Map((organizations ?? []).map((o) => [o.id, o] as const));
  const out = new Set<string>([organizationId]);
  let current = byId.get(organizationId);
  while (current?.parentId != null && !out.has(current.parentId)) {
    out.add(current.parentId);
    current = byId.get(current.parentId);
  }
  return out;
}

/** Does a grant on this organization or on one above it give `permission`? */
export function canOnOrganization(
  me: MeDto,
  permission: Permission,
  organizationId: string,
  organizations: readonly OrganizationDto[] | undefined,
): boolean {
  const scope = ancestorIds(organizationId, organizations);
  return me.grants.some((g) => scope.has(g.organizationId) && g.permissions.includes(permission));
}
