import type { AbsenceRequestDto } from '@chibo/core';
import type { AbsenceRow } from './absences.repo.ts';

export function presentAbsence(a: AbsenceRow): AbsenceRequestDto {
  return {
    id: a.id,
    meetingId: a.meetingId,
    memberId: a.memberId,
    memberName: a.memberName,
    reason: a.reason,
    status: a.status,
    decisionNote: a.decisionNote,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
  };
}
