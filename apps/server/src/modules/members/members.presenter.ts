import {
  
  highestPosition,
  
  
  registerStatus,
  
  
  
  type MemberDto,
  type MemberSummaryDto,
} from '@chibo/core';
import type { MemberRecord, RegisterEntry } from './members.service.ts';

/** A roll entry's own cell: its home, or for a guest with no home that day the cell hosting it. */
export function cellOfEntry(e: RegisterEntry): string {
  const cell = e.standing.homeCellId ?? e.standing.temporaryCellId;
  if (cell === null) throw new Error(`roll entry ${e.memberId} has no cell`);
  return cell;
}

/** A fellow member's line; gender only for those who may read private records. */
export function presentMemberSummary(e: RegisterEntry, privateView: boolean): MemberSummaryDto {
  return {
    id: e.memberId,
    organizationId: cellOfEntry(e),
    fullName: e.fullName,
    gender: privateView ? ((e.row.gender) ?? null) : null,
    status: registerStatus(e.standing),
    standing: e.standing.status,
    position: highestPosition(e.cellPositions),
    positions: [...e.cellPositions],
    attachment: e.attachment,
  };
}

export function presentMember({ row, history, names, recordCellId, standing, confirmedOn, probationDueOn, problems }: MemberRecord): MemberDto {
  const name = (id: string) => names.get(id) ?? '';
  return {
    id: row.id,
    organizationId: recordCellId,
    fullName: row.fullName,
    gender: row.gender ?? null,
    birthDate: row.birthDate,
    email: row.email,
    phone: row.phone,
    admittedOn: history.admittedOn,
    confirmedOn,
    probationDueOn,
    status: standing ? registerStatus(standing) : null,
    positions: standing ? standing.positions.map((p) => p.position) : [],
    history: {
      admittedOn: history.admittedOn,
      memberships: history.memberships.map((m) => ({ ...m, organizationName: name(m.organizationId) })),
      statuses: history.statuses.map((s) => ({
        from: s.from,
        to: s.to,
        status: s.status,
        exemptTrack: s.exemptTrack ?? null,
        reason: s.reason ?? null,
        decisionRef: s.decisionRef ?? null,
      })),
      positions: history.positions.map((p) => ({ ...p, organizationName: name(p.organizationId) })),
    },
    problems: problems.map((p) => ({ path: p.path, message: p.message })),
  };
}
