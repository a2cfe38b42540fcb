import { can, type MeDto, type OrganizationDto, type Permission } from '@chibo/core';

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

/** Does a grant on this organization or on one above it give `permission`? (core `can()`, as the server asks it) */
export function canOnOrganization(me: MeDto, permission: Permission, organization: Pick<OrganizationDto, 'path'> | undefined): boolean {
  return organization !== undefined && can(me.grants, permission, organization.path);
}
