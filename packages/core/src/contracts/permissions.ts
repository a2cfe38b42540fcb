/**
 * Permissions are data (STYLE §8): a closed set of strings, the roles that grant them and
 * an implication map. A role granted on an organization applies to its whole subtree.
 * The server's policies and the web app's navigation both ask `can()`.
 */
import { z } from 'zod';

export const PERMISSIONS = [
  'org.read',
  'org.manage',
  'member.read',
  'member.read_private',
  'member.manage',
  'account.manage',
  'meeting.read',
  'meeting.manage',
  'oversight.read',
  'audit.read',
  'rules.manage',
] as const;
export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

export const ROLES = ['admin', 'superior', 'cell_officer', 'member'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Holding the key implies holding every permission in its list (transitively). */
export const IMPLIES: Readonly<Record<Permission, readonly Permission[]>> = {
  'org.read': [],
  'org.manage': ['org.read'],
  'member.read': [],
  'member.read_private': ['member.read'],
  'member.manage': ['member.read_private'],
  'account.manage': ['member.read'],
  'meeting.read': [],
  'meeting.manage': ['meeting.read'],
  'oversight.read': ['org.read', 'member.read', 'meeting.read'],
  'audit.read': [],
  'rules.manage': ['org.read'],
};

/** What each role grants on the organization it is granted on and everything below it. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  // Operator of an installation or of a whole tree.
  admin: PERMISSIONS,
  // Cấp ủy cấp trên: oversight of its subtree; creates and manages subordinate organizations.
  superior: ['org.manage', 'member.manage', 'oversight.read', 'audit.read', 'rules.manage', 'account.manage'],
  // Bí thư, phó bí thư, chi ủy viên: run their own cell.
  cell_officer: ['org.read', 'member.manage', 'meeting.manage', 'audit.read', 'account.manage'],
  // Đảng viên: sees the cell, fellow members' names, posts and status, and its meetings.
  member: ['org.read', 'member.read', 'meeting.read'],
};

export function expandPermissions(direct: Iterable<Permission>): Set<Permission> {
  const out = new Set<Permission>();
  const stack = [...direct];
  while (stack.length > 0) {
    const p = stack.pop();
    if (p === undefined || out.has(p)) continue;
    out.add(p);
    stack.push(...IMPLIES[p]);
  }
  return out;
}

export function permissionsOfRole(role: Role): Set<Permission> {
  return expandPermissions(ROLE_PERMISSIONS[role]);
}

/** A grant as policies see it: the organization's materialized path and the role. */
export interface GrantScope {
  readonly organizationPath: string;
  readonly role: Role;
}

/** The parent's path ('/a/b/' → '/a/'); null for a root. */
export function parentPathOf(path: string): string | null {
  const cut = path.lastIndexOf('/', path.length - 2);
  return cut <= 0 ? null : path.slice(0, cut + 1);
}

/** Is `path` the organization at `ancestorPath` or below it? Paths end with '/'. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** May a holder of `grants` do `permission` on the organization at `targetPath`? */
export function can(grants: readonly GrantScope[], permission: Permission, targetPath: string): boolean {
  return grants.some((g) => isWithin(targetPath, g.organizationPath) && permissionsOfRole(g.role).has(permission));
}
