import { describe, expect, it } from 'vitest';
import { can, expandPermissions, IMPLIES, mayContain, parentPathOf, PERMISSIONS, permissionsOfRole, ROLES, type OrganizationKind, type Permission, type Role } from '../src/index.ts';

const CELL = '/root/cell-a/';
const SIBLING = '/root/cell-b/';
const ROOT = '/root/';
const OTHER = '/other/cell-x/';

describe('implication map', () => {
  it('is closed over the permission set', () => {
    for (const [p, implied] of Object.entries(IMPLIES)) {
      expect(PERMISSIONS).toContain(p);
      for (const q of implied) expect(PERMISSIONS).toContain(q);
    }
  });

  it.each<[Permission, Permission[]]>([
    ['member.manage', ['member.manage', 'member.read_private', 'member.read']],
    ['oversight.read', ['oversight.read', 'org.read', 'member.read', 'meeting.read']],
    ['org.read', ['org.read']],
  ])('%s expands to %j', (p, expected) => {
    expect([...expandPermissions([p])].sort()).toEqual([...expected].sort());
  });

  it('admin holds every permission', () => {
    expect([...permissionsOfRole('admin')].sort()).toEqual([...PERMISSIONS].sort());
  });
});

describe('can(grants, permission, path)', () => {
  const table: [Role, string, Permission, string, boolean][] = [
    ['member', CELL, 'member.read', CELL, true],
    ['member', CELL, 'member.manage', CELL, false],
    ['member', CELL, 'member.read', SIBLING, false],
    ['member', CELL, 'org.read', ROOT, false],
    ['cell_officer', CELL, 'member.manage', CELL, true],
    ['cell_officer', CELL, 'member.manage', SIBLING, false],
    ['cell_officer', CELL, 'oversight.read', CELL, false],
    ['superior', ROOT, 'oversight.read', CELL, true],
    ['superior', ROOT, 'member.manage', SIBLING, true],
    ['superior', ROOT, 'org.manage', ROOT, true],
    ['superior', ROOT, 'org.read', OTHER, false],
    ['superior', ROOT, 'meeting.manage', CELL, false],
    ['admin', ROOT, 'rules.manage', SIBLING, true],
    ['admin', ROOT, 'org.read', OTHER, false],
  ];
  it.each(table)('%s on %s: %s on %s → %s', (role, at, permission, target, expected) => {
    expect(can([{ role, organizationPath: at }], permission, target)).toBe(expected);
  });

  it('a path that merely starts with the same characters is not inside', () => {
    expect(can([{ role: 'admin', organizationPath: '/root/cell-a/' }], 'org.read', '/root/cell-ab/')).toBe(false);
  });

  it('no grants, no permission', () => {
    for (const p of PERMISSIONS) expect(can([], p, CELL)).toBe(false);
  });

  it('every role is defined', () => {
    for (const r of ROLES) expect(permissionsOfRole(r).size).toBeGreaterThan(0);
  });
});

describe('mayContain(parent, child)', () => {
  const table: [OrganizationKind, OrganizationKind, boolean][] = [
    ['committee', 'grassroots_committee', true],
    ['committee', 'grassroots_cell', true],
    ['committee', 'cell', false],
    ['grassroots_committee', 'cell', true],
    ['grassroots_committee', 'sub_committee', true],
    ['grassroots_committee', 'committee', false],
    ['sub_committee', 'cell', true],
    ['sub_committee', 'committee', false],
    ['cell', 'cell', false],
    ['grassroots_cell', 'cell', false],
  ];
  it.each(table)('%s may contain %s: %s', (parent, child, expected) => {
    expect(mayContain(parent, child)).toBe(expected);
  });
});

describe('parentPathOf', () => {
  it.each([
    ['/a/b/c/', '/a/b/'],
    ['/a/b/', '/a/'],
    ['/a/', null],
  ])('%s → %s', (path, parent) => {
    expect(parentPathOf(path)).toBe(parent);
  });
});
