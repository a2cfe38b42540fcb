import { describe, expect, it } from 'vitest';
import {
  applyStatusChange,
  applyTransfer,
  endableLayers,
  endPosition,
  historyFromLine,
  historyInputOf,
  historyPartsOf,
  isConfirmed,
  rollOn,
  standingOn,
  validateHistory,
  membershipRulesOn,
  type HistoryInput,
  type HistoryParts,
  type MemberHistoryDto,
} from '../src/index.ts';

const A = 'cell-a';
const B = 'cell-b';
const C = 'cell-c';
const probationary = historyFromLine({ cellId: A, admittedOn: '2025-03-26', confirmedOn: null, position: null });
const asInput = (p: HistoryParts): HistoryInput => ({
  admittedOn: p.admittedOn ?? '',
  memberships: [...p.memberships],
  statuses: p.statuses.map((s) => ({ status: s.status, from: s.from, to: s.to, exemptTrack: s.exemptTrack ?? null, reason: s.reason ?? null, decisionRef: s.decisionRef ?? null })),
  positions: [...p.positions],
});
const member = (p: HistoryParts) => ({ memberId: 'm', fullName: 'Lý Thị Phương', ...p });

describe('status changes', () => {
  it('confirmation: probation ends the day before, official from the day, and the history stays valid', () => {
    const after = historyPartsOf(applyStatusChange(asInput(probationary), { kind: 'confirm', on: '2026-03-26' }));
    expect(after.statuses).toEqual([
      { status: 'probationary', from: '2025-03-26', to: '2026-03-25' },
      { status: 'official', from: '2026-03-26', to: null },
    ]);
    expect(isConfirmed(after)).toBe(true);
    expect(standingOn(member(after), '2026-03-25')?.status).toBe('probationary');
    expect(standingOn(member(after), '2026-03-26')?.status).toBe('official');
    expect(validateHistory(member(after), membershipRulesOn('2026-04-01'))).toEqual([]);
  });

  it('an exemption is laid over the standing with blank fields as null, then ended on its last day', () => {
    const official = asInput(historyFromLine({ cellId: A, admittedOn: '2000-01-01', confirmedOn: '2001-01-01', position: null }));
    const exempt = applyStatusChange(official, { kind: 'exempt', track: 'A', from: '2025-01-01', to: null, reason: ' Tuổi cao ', decisionRef: '  ' });
    expect(exempt.statuses.at(-1)).toEqual({ status: 'exempt', from: '2025-01-01', to: null, exemptTrack: 'A', reason: 'Tuổi cao', decisionRef: null });
    const dto = { admittedOn: '2000-01-01', memberships: [], positions: [], statuses: exempt.statuses.map((s) => ({ ...s, exemptTrack: s.exemptTrack ?? null, reason: s.reason ?? null, decisionRef: s.decisionRef ?? null })) } as MemberHistoryDto;
    expect(endableLayers(dto, '2026-01-01')).toEqual([2]);
    const ended = historyPartsOf(applyStatusChange(exempt, { kind: 'end', index: 2, lastDay: '2025-12-31' }));
    expect(standingOn(member(ended), '2025-06-01')?.exempt).not.toBeNull();
    expect(standingOn(member(ended), '2026-01-01')?.exempt).toBeNull();
  });
});

describe('transfers', () => {
  const secretaryInA = historyFromLine({ cellId: A, admittedOn: '2010-01-01', confirmedOn: '2011-01-01', position: 'secretary' });
  const withGuest: HistoryParts = { ...secretaryInA, memberships: [...secretaryInA.memberships, { organizationId: C, kind: 'temporary', from: '2025-01-01', to: '2025-12-31' }] };

  it('official: the old attachment, its posts and a running guest attachment end the day before; the past roll keeps the member', () => {
    const r = applyTransfer(withGuest, { toCellId: B, kind: 'official', from: '2025-07-01', to: null });
    if (!r.ok) throw new Error(r.problem);
    expect(r.history.memberships).toEqual([
      { organizationId: A, kind: 'official', from: '2010-01-01', to: '2025-06-30' },
      { organizationId: C, kind: 'temporary', from: '2025-01-01', to: '2025-06-30' },
      { organizationId: B, kind: 'official', from: '2025-07-01', to: null },
    ]);
    expect(r.history.positions).toEqual([{ organizationId: A, position: 'secretary', from: '2010-01-01', to: '2025-06-30' }]);
    const h = [member(r.history)];
    expect(rollOn(h, A, '2025-06-30').map((e) => e.cellPositions)).toEqual([['secretary']]);
    expect(rollOn(h, A, '2025-07-01')).toEqual([]);
    expect(rollOn(h, B, '2025-07-01').map((e) => e.attachment)).toEqual(['home']);
    expect(validateHistory(member(r.history))).toEqual([]);
  });

  it('periods not yet begun on the transfer day are dropped, not reversed', () => {
    const planned: HistoryParts = { ...secretaryInA, positions: [{ organizationId: A, position: 'group_leader', from: '2025-09-01', to: null }] };
    const r = applyTransfer(planned, { toCellId: B, kind: 'official', from: '2025-07-01', to: null });
    expect(r.ok && r.history.positions).toEqual([]);
    // A post ended by hand keeps its start.
    expect(endPosition(asInput(secretaryInA), 0, '2020-12-31').positions).toEqual([{ organizationId: A, position: 'secretary', from: '2010-01-01', to: '2020-12-31' }]);
  });

  it('temporary: added while the official attachment stays; refused into the same cell or on a day with no attachment', () => {
    const r = applyTransfer(secretaryInA, { toCellId: C, kind: 'temporary', from: '2026-09-01', to: '2027-02-28' });
    expect(r.ok && rollOn([member(r.history)], C, '2026-10-01').map((e) => e.attachment)).toEqual(['temporary']);
    expect(applyTransfer(secretaryInA, { toCellId: A, kind: 'official', from: '2025-07-01', to: null })).toEqual({ ok: false, problem: 'same_cell' });
    expect(applyTransfer(secretaryInA, { toCellId: B, kind: 'official', from: '2005-01-01', to: null })).toEqual({ ok: false, problem: 'not_attached_then' });
  });
});

describe('the stored history and the body that stores it', () => {
  it('round-trips: the DTO to the PUT body to the domain periods', () => {
    const dto: MemberHistoryDto = {
      admittedOn: '2010-01-01',
      memberships: [{ organizationId: A, organizationName: 'Chi bộ A', kind: 'official', from: '2010-01-01', to: null }],
      statuses: [{ status: 'official', from: '2010-01-01', to: null, exemptTrack: null, reason: null, decisionRef: null }],
      positions: [{ organizationId: A, organizationName: 'Chi bộ A', position: 'secretary', from: '2010-01-01', to: null }],
    };
    const body = historyInputOf(dto);
    expect(body?.memberships).toEqual([{ organizationId: A, kind: 'official', from: '2010-01-01', to: null }]);
    expect(body && historyPartsOf(body).statuses).toEqual([{ status: 'official', from: '2010-01-01', to: null }]);
    expect(historyInputOf({ ...dto, admittedOn: null })).toBeNull();
  });
});
