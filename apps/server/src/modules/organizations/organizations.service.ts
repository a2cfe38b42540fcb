import crypto from 'node:crypto';
import { isCellKind, mayContain, type CreateOrganizationInput, type OrganizationKind, type UpdateOrganizationInput } from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';
import type { Ctx } from '../../lib/context.ts';
import { authorizeOnOrganization, requireActor } from '../../lib/policy.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import * as repo from './organizations.repo.ts';

/** Everything the caller may see: the subtrees of its grants, in tree order. */
export async function listVisibleOrganizations(ctx: Ctx): Promise<repo.OrganizationRow[]> {
  const actor = requireActor(ctx);
  return repo.listSubtrees(ctx.db, actor.grants.map((g) => g.organizationPath));
}

export async function getOrganization(ctx: Ctx, id: string): Promise<repo.OrganizationRow> {
  return authorizeOnOrganization(ctx, 'org.read', id);
}

export async function createOrganization(ctx: Ctx, input: CreateOrganizationInput): Promise<repo.OrganizationRow> {
  const actor = requireActor(ctx);
  const parent = await authorizeOnOrganization(ctx, 'org.manage', input.parentId);
  if (parent.closedAt) throw new AppError('organization_closed');
  if (!mayContain(parent.kind as OrganizationKind, input.kind)) {
    throw new AppError(
      'validation_failed',
      isCellKind(parent.kind as OrganizationKind)
        ? 'Chi bộ không có tổ chức đảng trực thuộc.'
        : 'Loại tổ chức này không thể trực thuộc tổ chức đã chọn.',
    );
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertOrganization(
      tx,
      {
        id: crypto.randomUUID(),
        parentId: parent.id,
        kind: input.kind,
        name: input.name,
        cellType: isCellKind(input.kind) ? (input.cellType ?? null) : null,
        timeZone: input.timeZone ?? parent.timeZone,
        createdAt: now,
        updatedAt: now,
      },
      parent,
    );
    await recordAudit(tx, {
      at: now,
      actorAccountId: actor.accountId,
      actorName: actor.displayName,
      action: 'organization.created',
      targetType: 'organization',
      targetId: row.id,
      organizationId: row.id,
      organizationPath: row.path,
      data: { name: row.name, kind: row.kind, parentId: parent.id },
    });
    return row;
  });
}

export async function updateOrganization(ctx: Ctx, id: string, input: UpdateOrganizationInput): Promise<repo.OrganizationRow> {
  const actor = requireActor(ctx);
  await authorizeOnOrganization(ctx, 'org.manage', id);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // Read "before" under a row lock: two concurrent edits must each audit what they replaced.
    const org = await repo.lockOrganization(tx, id);
    if (!org) throw new AppError('not_found', 'Không tìm thấy tổ chức đảng.');
    if (org.closedAt) throw new AppError('organization_closed');
    const patch: Parameters<typeof repo.updateOrganization>[2] = {};
    if (input.name !== undefined) patch.name = input.name;
    if (input.timeZone !== undefined) patch.timeZone = input.timeZone;
    if (input.cellType !== undefined && isCellKind(org.kind as OrganizationKind)) patch.cellType = input.cellType;
    const row = await repo.updateOrganization(tx, id, patch, now);
    await recordAudit(tx, {
      at: now,
      actorAccountId: actor.accountId,
      actorName: actor.displayName,
      action: 'organization.updated',
      targetType: 'organization',
      targetId: id,
      organizationId: id,
      organizationPath: org.path,
      // What was stored, not what was sent.
      data: {
        before: { name: org.name, cellType: org.cellType, timeZone: org.timeZone },
        after: { name: row.name, cellType: row.cellType, timeZone: row.timeZone },
      },
    });
    return row;
  });
}
