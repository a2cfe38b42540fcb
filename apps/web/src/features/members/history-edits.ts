/**
 * The member page's forms change one thing at a time (a confirmation, an exemption, a post),
 * but the API takes the whole history (PUT /members/:id/history) and checks it as a whole.
 * These build that whole history from the current one and one change; the server's
 * validateHistory has the last word and its messages are shown next to the form.
 */
import { addDays, isPartyStanding, type ExemptTrack, type HistoryInput, type MemberHistoryDto, type Position } from '@chibo/core';

type StatusInput = HistoryInput['statuses'][number];

/** The stored history as the PUT body (names dropped); null while there is no admission date. */
export function historyInputOf(h: MemberHistoryDto): HistoryInput | null {
  if (h.admittedOn === null) return null;
  return {
    admittedOn: h.admittedOn,
    memberships: h.memberships.map((m) => ({ organizationId: m.organizationId, kind: m.kind, from: m.from, to: m.to })),
    statuses: h.statuses.map((s) => ({
      status: s.status,
      from: s.from,
      to: s.to,
      exemptTrack: s.exemptTrack,
      reason: s.reason,
      decisionRef: s.decisionRef,
    })),
    positions: h.positions.map((p) => ({ organizationId: p.organizationId, position: p.position, from: p.from, to: p.to })),
  };
}

export type StatusChange =
  /** Công nhận đảng viên chính thức: official from `on`, probation ends the day before. */
  | { kind: 'confirm'; on: string }
  /** Miễn công tác và sinh hoạt đảng, track A (old age, weak health) or B (other reasons). */
  | { kind: 'exempt'; track: ExemptTrack; from: string; to: string | null; reason: string; decisionRef: string }
  /** Đình chỉ sinh hoạt đảng. */
  | { kind: 'suspend'; from: string; to: string | null; reason: string; decisionRef: string }
  /** An exemption or suspension ends: `lastDay` is its last day. */
  | { kind: 'end'; index: number; lastDay: string };

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

export function applyStatusChange(input: HistoryInput, change: StatusChange): HistoryInput {
  const statuses: StatusInput[] = [...input.statuses];
  switch (change.kind) {
    case 'confirm': {
      const dayBefore = addDays(change.on, -1);
      // The probation running on the eve of confirmation: it ends that day.
      const i = statuses.findIndex((s) => s.status === 'probationary' && s.from <= dayBefore && (s.to === null || s.to >= dayBefore));
      const probation = statuses[i];
      if (probation) statuses[i] = { ...probation, to: dayBefore };
      statuses.push({ status: 'official', from: change.on, to: null });
      break;
    }
    case 'exempt':
    case 'suspend':
      statuses.push({
        status: change.kind === 'exempt' ? 'exempt' : 'suspended',
        from: change.from,
        to: change.to,
        ...(change.kind === 'exempt' ? { exemptTrack: change.track } : {}),
        reason: blankToNull(change.reason),
        decisionRef: blankToNull(change.decisionRef),
      });
      break;
    case 'end': {
      const layer = statuses[change.index];
      if (layer) statuses[change.index] = { ...layer, to: change.lastDay };
      break;
    }
  }
  return { ...input, statuses };
}

/** Exemptions and suspensions still running on `today` (or later): the ones that can be ended. */
export function endableLayers(h: MemberHistoryDto, today: string): number[] {
  return h.statuses.flatMap((s, i) => (!isPartyStanding(s.status) && (s.to === null || s.to >= today) ? [i] : []));
}

/** Posts still held on `today` (or later). */
export function endablePositions(h: MemberHistoryDto, today: string): number[] {
  return h.positions.flatMap((p, i) => (p.to === null || p.to >= today ? [i] : []));
}

export function addPosition(input: HistoryInput, term: { organizationId: string; position: Position; from: string; to: string | null }): HistoryInput {
  return { ...input, positions: [...input.positions, term] };
}

export function endPosition(input: HistoryInput, index: number, lastDay: string): HistoryInput {
  return { ...input, positions: input.positions.map((p, i) => (i === index ? { ...p, to: lastDay } : p)) };
}

/** Is the member still probationary (no official standing since admission)? */
export function isProbationary(h: MemberHistoryDto): boolean {
  const admitted = h.admittedOn;
  return admitted !== null && !h.statuses.some((s) => s.status === 'official' && s.from >= admitted);
}
