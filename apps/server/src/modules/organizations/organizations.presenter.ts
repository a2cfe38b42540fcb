import type { OrganizationDto } from '@chibo/core';
import type { OrganizationRow } from './organizations.repo.ts';

export function presentOrganization(row: OrganizationRow): OrganizationDto {
  return {
    id: row.id,
    parentId: row.parentId,
    kind: row.kind,
    name: row.name,
    cellType: (row.cellType) ?? null,
    timeZone: row.timeZone,
    depth: row.depth,
    path: row.path,
    closedAt: row.closedAt?.toISOString() ?? null,
    settings: row.settings,
  };
}
