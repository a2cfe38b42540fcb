/**
 * One change at a time to a member's history — a confirmation, an exemption or suspension, a
 * post, a transfer — applied to the whole history, which is what is stored and checked
 * (validateHistory has the last word). The member page's forms and the server's transfer use
 * the same functions, so "probation ends the day before confirmation" and "a transfer ends
 * the old attachment the day before" are written once.
 */
import type { HistoryInput, MemberHistoryDto, Position } from '../contracts/members.ts';
import type { IsoDateString } from '../rules/membership-rules.ts';
import { addDays, spanCovers } from './calendar-days.ts';
import { isPartyStanding, type ExemptTrack, type StatusPeriod } from './member-history.ts';
import type { HistoryParts } from './member-register.ts';

type StatusInput = HistoryInput['statuses'][number];

/** The stored history as the body that would store it again (names dropped); null without an admission date. */
export function historyInputOf(h: MemberHistoryDto): HistoryInput | null {
  if (h.admittedOn === null) return null;
  return {
    admittedOn: h.admittedOn,
    memberships: h.memberships.map((m) => ({ organizationId: m.organizationId, kind: m.kind, from: m.from, to: m.to })),
    statuses: h.statuses.map((s) => ({ status: s.status, from: s.from, to: s.to, exemptTrack: s.exemptTrack, reason: s.reason, decisionRef: s.decisionRef })),
    positions: h.positions.map((p) => ({ organizationId: p.organizationId, position: p.position, from: p.from, to: p.to })),
  };
}

/** A submitted history as the domain holds it (absent track, reason or decision left out). */
export function historyPartsOf(input: HistoryInput): HistoryParts {
  return {
    admittedOn: input.admittedOn,
    memberships: input.memberships,
    statuses: input.statuses.map(
      (s): StatusPeriod => ({
        status: s.status,
        from: s.from,
        to: s.to,
        ...(s.exemptTrack ? { exemptTrack: s.exemptTrack } : {}),
        ...(s.reason ? { reason: s.reason } : {}),
        ...(s.decisionRef ? { decisionRef: s.decisionRef } : {}),
      }),
    ),
    positions: input.positions,
  };
}

export type StatusChange =
  /** Công nhận đảng viên chính thức: official from `on`, probation ends the day before. */
  | { kind: 'confirm'; on: IsoDateString }
  /** Miễn công tác và sinh hoạt đảng, track A (old age, weak health) or B (other reasons). */
  | { kind: 'exempt'; track: ExemptTrack; from: IsoDateString; to: IsoDateString | null; reason: string; decisionRef: string }
  /** Đình chỉ sinh hoạt đảng. */
  | { kind: 'suspend'; from: IsoDateString; to: IsoDateString | null; reason: string; decisionRef: string }
  /** An exemption or suspension ends: `lastDay` is its last day. */
  | { kind: 'end'; index: number; lastDay: IsoDateString };

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

export function applyStatusChange(input: HistoryInput, change: StatusChange): HistoryInput {
  const statuses: StatusInput[] = [...input.statuses];
  switch (change.kind) {
    case 'confirm': {
      const dayBefore = addDays(change.on, -1);
      // The probation running on the eve of confirmation ends that day.
      const i = statuses.findIndex((s) => s.status === 'probationary' && spanCovers(s, dayBefore));
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
export function endableLayers(h: MemberHistoryDto, today: IsoDateString): number[] {
  return h.statuses.flatMap((s, i) => (!isPartyStanding(s.status) && (s.to === null || s.to >= today) ? [i] : []));
}

/** Posts still held on `today` (or later). */
export function endablePositions(h: MemberHistoryDto, today: IsoDateString): number[] {
  return h.positions.flatMap((p, i) => (p.to === null || p.to >= today ? [i] : []));
}

export function addPosition(input: HistoryInput, term: { organizationId: string; position: Position; from: IsoDateString; to: IsoDateString | null }): HistoryInput {
  return { ...input, positions: [...input.positions, term] };
}

export function endPosition(input: HistoryInput, index: number, lastDay: IsoDateString): HistoryInput {
  return { ...input, positions: input.positions.map((p, i) => (i === index ? { ...p, to: lastDay } : p)) };
}

export interface Transfer {
  toCellId: string;
  kind: 'official' | 'temporary';
  from: IsoDateString;
  to: IsoDateString | null;
}

/**
 * Chuyển sinh hoạt. Official: the attachment running on `from`, the posts held in that cell
 * and any temporary attachment end the day before (periods not yet begun are dropped); the new
 * attachment starts on `from`. Temporary: a "sinh hoạt tạm thời" period is added while the
 * official attachment stays. Nothing before `from` changes, so past rolls keep the member.
 */
export function applyTransfer(history: HistoryParts, t: Transfer): { ok: true; history: HistoryParts } | { ok: false; problem: 'not_attached_then' | 'same_cell' } {
  if (t.kind === 'temporary') {
    return { ok: true, history: { ...history, memberships: [...history.memberships, { organizationId: t.toCellId, kind: 'temporary', from: t.from, to: t.to }] } };
  }
  const home = history.memberships.find((m) => m.kind === 'official' && spanCovers(m, t.from));
  if (!home) return { ok: false, problem: 'not_attached_then' };
  if (home.organizationId === t.toCellId) return { ok: false, problem: 'same_cell' };
  const dayBefore = addDays(t.from, -1);
  const endBefore = <T extends { from: string; to: string | null }>(items: readonly T[], applies: (x: T) => boolean): T[] =>
    items.flatMap((x) => {
      if (!applies(x) || (x.to !== null && x.to < t.from)) return [x];
      return x.from >= t.from ? [] : [{ ...x, to: dayBefore }];
    });
  return {
    ok: true,
    history: {
      admittedOn: history.admittedOn,
      statuses: history.statuses,
      memberships: [...endBefore(history.memberships, (m) => m === home || m.kind === 'temporary'), { organizationId: t.toCellId, kind: 'official', from: t.from, to: t.to }],
      positions: endBefore(history.positions, (p) => p.organizationId === home.organizationId),
    },
  };
}
