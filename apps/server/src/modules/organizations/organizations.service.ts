import crypto from 'node:crypto';
import type { SETTING_KEYS, Permission } from '@chibo/core';
import {
  effectiveSettings,
  isCellKind,
  isWithin,
  localDateOf,
  mayContain,
  SETTING_DEFAULTS,
  type CloseOrganizationInput,
  type CreateOrganizationInput,
  type EffectiveSettings,
  type MoveOrganizationInput,
  
  type OrganizationSettings,
  type OrganizationSettingsDto,
  type UpdateOrganizationInput,
} from '@chibo/core';
import type { Queryable } from '../../db/client.ts';
import { hasCurrentAttachments } from '../members/members.service.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Ctx } from '../../lib/context.ts';
import { requireActor } from '../../lib/policy.ts';
import { recordChange } from '../audit/audit.service.ts';
import { decideOnOrganization } from './organizations.policy.ts';
import * as repo from './organizations.repo.ts';

export type OrganizationRow = repo.OrganizationRow;

const NOT_FOUND = 'Không tìm thấy tổ chức đảng.';

/**
 * The one authorization question every service asks: may the caller do `permission` on this
 * organization? It is loaded and decided by organizations.policy: outside every grant, 404.
 */
export async function authorizeOnOrganization(ctx: Ctx, permission: Permission, organizationId: string): Promise<OrganizationRow> {
  const actor = requireActor(ctx);
  const org = await repo.findOrganization(ctx.db, organizationId);
  if (!org) throw new AppError('not_found', NOT_FOUND);
  const decision = decideOnOrganization(actor, permission, org);
  if (decision === 'forbidden') throw new AppError('forbidden');
  if (decision === 'hidden') throw new AppError('not_found', NOT_FOUND);
  return org;
}

// Reads other modules make of the tree (they reach it through this service, not its repo).
export const findOrganization = repo.findOrganization;
export const organizationsByIds = repo.organizationsByIds;
export const lockOrganization = repo.lockOrganization;
export const ancestries = repo.ancestries;

/** Every organization at or under the given ones, in tree order. */
export function subtreesOf(db: Queryable, orgs: readonly Pick<OrganizationRow, 'path'>[]): Promise<OrganizationRow[]> {
  return repo.listSubtrees(db, orgs.map((o) => o.path));
}

/** The cells at or under `org`, open ones only unless asked (a cell is its own only one). */
export async function cellsUnder(db: Queryable, org: OrganizationRow, opts: { includeClosed?: boolean } = {}): Promise<OrganizationRow[]> {
  if (isCellKind(org.kind)) return [org];
  return (await repo.listSubtrees(db, [org.path])).filter((o) => isCellKind(o.kind) && (opts.includeClosed === true || !o.closedAt));
}

/** Everything the caller may see: the subtrees of its grants, in tree order. */
export async function listVisibleOrganizations(ctx: Ctx): Promise<repo.OrganizationRow[]> {
  const actor = requireActor(ctx);
  return repo.listSubtrees(ctx.db, actor.grants.map((g) => g.organizationPath));
}

export async function getOrganization(ctx: Ctx, id: string): Promise<repo.OrganizationRow> {
  return authorizeOnOrganization(ctx, 'org.read', id);
}

export async function createOrganization(ctx: Ctx, input: CreateOrganizationInput): Promise<repo.OrganizationRow> {
  const parent = await authorizeOnOrganization(ctx, 'org.manage', input.parentId);
  if (parent.closedAt) throw new AppError('organization_closed');
  if (!mayContain(parent.kind, input.kind)) {
    throw new AppError(
      'validation_failed',
      isCellKind(parent.kind)
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
    await recordChange(tx, ctx, {
      at: now,
      action: 'organization.created',
      targetType: 'organization',
      targetId: row.id,
      organization: { id: row.id, path: row.path },
      data: { name: row.name, kind: row.kind, parentId: parent.id },
    });
    return row;
  });
}

export async function updateOrganization(ctx: Ctx, id: string, input: UpdateOrganizationInput): Promise<repo.OrganizationRow> {
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
    if (input.cellType !== undefined && isCellKind(org.kind)) patch.cellType = input.cellType;
    const row = await repo.updateOrganization(tx, id, patch, now);
    await recordChange(tx, ctx, {
      at: now,
      action: 'organization.updated',
      targetType: 'organization',
      targetId: id,
      organization: { id: id, path: org.path },
      // What was stored, not what was sent.
      data: {
        before: { name: org.name, cellType: org.cellType, timeZone: org.timeZone },
        after: { name: row.name, cellType: row.cellType, timeZone: row.timeZone },
      },
    });
    return row;
  });
}

/** Settings in force at each organization: its own, else the nearest ancestor's, else the default (one query). */
export async function settingsOf(db: Queryable, orgs: readonly repo.OrganizationRow[]): Promise<Map<string, EffectiveSettings>> {
  const chains = await repo.ancestries(db, orgs);
  return new Map(orgs.map((o) => [o.id, effectiveSettings(chains.get(o.id) ?? [])]));
}

export async function getSettings(ctx: Ctx, id: string): Promise<OrganizationSettingsDto> {
  const org = await authorizeOnOrganization(ctx, 'org.read', id);
  return presentSettings(ctx.db, org);
}

async function presentSettings(db: Queryable, org: repo.OrganizationRow): Promise<OrganizationSettingsDto> {
  const chain = await repo.ancestry(db, org);
  const eff = effectiveSettings(chain);
  const names = new Map(chain.map((o) => [o.id, o.name]));
  const one = (key: (typeof SETTING_KEYS)[number]) => {
    const e = eff[key];
    const d = SETTING_DEFAULTS[key];
    return {
      value: e.value,
      setBy: e.setBy ? { id: e.setBy, name: names.get(e.setBy) ?? '' } : null,
      source: e.setBy ? null : d ? `${d.source}, ${d.article}` : null,
    };
  };
  return { own: org.settings, effective: { meetingPlace: one('meetingPlace'), probationAlertDays: one('probationAlertDays') } };
}

/** Replace the settings an organization sets itself (keys left out are inherited again). */
export async function putSettings(ctx: Ctx, id: string, input: OrganizationSettings): Promise<OrganizationSettingsDto> {
  await authorizeOnOrganization(ctx, 'org.manage', id);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const org = await repo.lockOrganization(tx, id);
    if (!org) throw new AppError('not_found', 'Không tìm thấy tổ chức đảng.');
    if (org.closedAt) throw new AppError('organization_closed');
    const updated = await repo.setSettings(tx, id, input, now);
    await recordChange(tx, ctx, {
      at: now,
      action: 'organization.settings_changed',
      targetType: 'organization',
      targetId: id,
      organization: { id: id, path: org.path },
      data: { before: org.settings, after: input },
    });
    return updated;
  });
  return presentSettings(ctx.db, row);
}

/**
 * Move an organization (and everything under it) to another parent: the caller manages both
 * the old parent and the new one; the kind must fit there; never under itself.
 */
export async function moveOrganization(ctx: Ctx, id: string, input: MoveOrganizationInput): Promise<repo.OrganizationRow> {
  const org = await authorizeOnOrganization(ctx, 'org.read', id);
  if (!org.parentId) throw new AppError('validation_failed', 'Không thể chuyển tổ chức gốc.');
  await authorizeOnOrganization(ctx, 'org.manage', org.parentId);
  const parent = await authorizeOnOrganization(ctx, 'org.manage', input.parentId);
  if (isWithin(parent.path, org.path)) throw new AppError('validation_failed', 'Không thể chuyển một tổ chức vào chính nó hoặc tổ chức trực thuộc nó.');
  if (parent.closedAt) throw new AppError('organization_closed', `${parent.name} đã giải thể.`);
  if (!mayContain(parent.kind, org.kind)) throw new AppError('validation_failed', 'Loại tổ chức này không thể trực thuộc tổ chức đã chọn.');
  if (parent.id === org.parentId) return org;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // Both ends locked and re-read: a parent moved meanwhile would leave paths pointing nowhere.
    const locked = await repo.lockOrganization(tx, id);
    const lockedParent = await repo.lockOrganization(tx, parent.id);
    if (!locked || locked.path !== org.path || !lockedParent || lockedParent.path !== parent.path || isWithin(lockedParent.path, locked.path)) {
      throw new AppError('conflict', 'Cây tổ chức vừa thay đổi. Vui lòng tải lại trang.');
    }
    const newPath = `${parent.path}${org.id}/`;
    await repo.movePaths(tx, org.path, newPath, parent.depth + 1 - org.depth, now);
    const row = await repo.setParent(tx, id, parent.id);
    await recordChange(tx, ctx, {
      at: now,
      action: 'organization.moved',
      targetType: 'organization',
      targetId: id,
      organization: { id: id, path: newPath },
      data: { fromParentId: org.parentId, toParentId: parent.id, fromPath: org.path, toPath: newPath },
    });
    return row;
  });
}

/**
 * Close (giải thể, sáp nhập): the organization keeps its history and stays readable, but takes
 * no new members or children. Its members must be transferred and its children closed or moved first.
 */
export async function closeOrganization(ctx: Ctx, id: string, input: CloseOrganizationInput): Promise<repo.OrganizationRow> {
  const org = await authorizeOnOrganization(ctx, 'org.read', id);
  await authorizeOnOrganization(ctx, 'org.manage', org.parentId ?? org.id);
  if (org.closedAt) throw new AppError('organization_closed', 'Tổ chức đảng đã giải thể trước đó.');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const locked = await repo.lockOrganization(tx, id);
    if (!locked) throw new AppError('not_found', 'Không tìm thấy tổ chức đảng.');
    if (await repo.hasOpenChildren(tx, id)) throw new AppError('organization_not_empty', 'Còn tổ chức trực thuộc chưa giải thể: hãy chuyển hoặc giải thể chúng trước.');
    if (await hasCurrentAttachments(tx, id, localDateOf(now, org.timeZone))) throw new AppError('organization_not_empty', 'Còn đảng viên đang sinh hoạt: hãy chuyển sinh hoạt cho họ trước.');
    const row = await repo.setClosed(tx, id, now);
    await recordChange(tx, ctx, {
      at: now,
      action: 'organization.closed',
      targetType: 'organization',
      targetId: id,
      organization: { id: id, path: org.path },
      data: { name: org.name, decisionRef: input.decisionRef, reason: input.reason ?? null },
    });
    return row;
  });
}

/** A new organization row under `parent` (null: a root, made by `chibo init` or the demo), in the caller's transaction. */
export const insertOrganization = repo.insertOrganization;
/** Is there any organization at all (an installation that is not empty)? */
export const hasOrganizations = repo.hasOrganizations;
