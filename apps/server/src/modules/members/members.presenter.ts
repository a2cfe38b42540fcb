import type { MemberDto, MemberStatus, MemberSummaryDto, Position } from '@chibo/core';
import type { MemberRow } from './members.repo.ts';

type Gender = MemberSummaryDto['gender'];

export function presentMemberSummary(row: MemberRow): MemberSummaryDto {
  return {
    id: row.id,
    organizationId: row.organizationId,
    fullName: row.fullName,
    gender: (row.gender as Gender) ?? null,
    status: row.status as MemberStatus,
    position: (row.position as Position | null) ?? null,
  };
}

export function presentMember(row: MemberRow): MemberDto {
  return {
    ...presentMemberSummary(row),
    birthDate: row.birthDate,
    admittedOn: row.admittedOn,
    confirmedOn: row.confirmedOn,
    email: row.email,
    phone: row.phone,
  };
}
