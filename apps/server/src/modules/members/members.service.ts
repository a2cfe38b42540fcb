import { compareVietnameseNames, foldForSearch, isCellKind, type CreateMemberInput, type OrganizationKind } from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';
import type { Ctx } from '../../lib/context.ts';
import { authorizeOnOrganization, requireActor } from '../../lib/policy.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import * as repo from './members.repo.ts';

/** The cell's roster in register order (given name, then middle and family name). */
export async function listMembers(ctx: Ctx, organizationId: string): Promise<repo.MemberRow[]> {
  await authorizeOnOrganization(ctx, 'member.read', organizationId);
  const rows = await repo.listMembersOf(ctx.db, organizationId);
  return rows.sort((a, b) => compareVietnameseNames(a.fullName, b.fullName));
}

/** A member's full record: the member themselves, or whoever may read private records there. */
export async function getMember(ctx: Ctx, id: string): Promise<repo.MemberRow> {
  const actor = requireActor(ctx);
  const member = await repo.findMember(ctx.db, id);
  if (!member) throw new AppError('not_found', 'Không tìm thấy đảng viên.');
  if (actor.memberId === member.id) return member;
  try {
    await authorizeOnOrganization(ctx, 'member.read_private', member.organizationId);
  } catch (err) {
    // Outside the caller's trees, a member is as unknown as one that does not exist.
    if (err instanceof AppError && err.code === 'not_found') throw new AppError('not_found', 'Không tìm thấy đảng viên.');
    throw err;
  }
  return member;
}

export async function createMember(ctx: Ctx, organizationId: string, input: CreateMemberInput): Promise<repo.MemberRow> {
  const actor = requireActor(ctx);
  const org = await authorizeOnOrganization(ctx, 'member.manage', organizationId);
  if (org.closedAt) throw new AppError('organization_closed');
  if (!isCellKind(org.kind as OrganizationKind)) {
    throw new AppError('validation_failed', 'Đảng viên chỉ sinh hoạt ở chi bộ: hãy chọn một chi bộ.');
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertMember(tx, {
      organizationId,
      fullName: input.fullName,
      searchName: foldForSearch(input.fullName),
      gender: input.gender ?? null,
      birthDate: input.birthDate ?? null,
      status: input.status,
      position: input.position ?? null,
      admittedOn: input.admittedOn ?? null,
      confirmedOn: input.confirmedOn ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, {
      at: now,
      actorAccountId: actor.accountId,
      actorName: actor.displayName,
      action: 'member.created',
      targetType: 'member',
      targetId: row.id,
      organizationId,
      organizationPath: org.path,
      data: { fullName: row.fullName, status: row.status, position: row.position },
    });
    return row;
  });
}

