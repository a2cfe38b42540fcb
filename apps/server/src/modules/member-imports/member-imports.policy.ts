/**
 * Who may import into which register: `member.manage` on a cell that is open (a committee has
 * no members of its own). An upload is its uploader's alone, like a draft: to anyone else it
 * does not exist (404).
 */
import { isCellKind } from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';
import type { Ctx } from '../../lib/context.ts';
import { requireActor } from '../../lib/policy.ts';
import { authorizeOnOrganization, type OrganizationRow } from '../organizations/organizations.service.ts';

export async function authorizeImportInto(ctx: Ctx, organizationId: string): Promise<OrganizationRow> {
  const cell = await authorizeOnOrganization(ctx, 'member.manage', organizationId);
  if (!isCellKind(cell.kind)) throw new AppError('validation_failed', 'Chỉ nhập danh sách đảng viên vào một chi bộ.');
  if (cell.closedAt) throw new AppError('organization_closed');
  return cell;
}

/** The caller's own upload, into a cell they may still import into. */
export async function authorizeOwnImport<T extends { accountId: string; organizationId: string }>(ctx: Ctx, imp: T | undefined): Promise<{ imp: T; cell: OrganizationRow }> {
  const actor = requireActor(ctx);
  if (!imp || imp.accountId !== actor.accountId) throw new AppError('not_found', 'Không tìm thấy lượt nhập.');
  return { imp, cell: await authorizeImportInto(ctx, imp.organizationId) };
}
