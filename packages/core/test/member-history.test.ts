import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyVoter,
  daysBetween,
  isInAttendanceDenominator,
  isSpanCovered,
  leadershipWarnings,
  probationAlerts,
  probationDueDate,
  rollOn,
  spansOverlap,
  standingOn,
  validateHistory,
  type MemberHistory,
  type MembershipPeriod,
  type PositionTerm,
  type StatusPeriod,
} from '../src/index.ts';
import { MEMBERSHIP_RULE_SETS, MEMBERSHIP_RULES_2025 as rules, membershipRulesOn, type RuleValue } from '../src/rules/membership-rules.ts';

const A = 'cell-a';
const B = 'cell-b';
const C = 'cell-c';

let seq = 0;
function member(p: Partial<MemberHistory> & { admittedOn: string | null }): MemberHistory {
  seq += 1;
  return { memberId: `m${seq}`, fullName: `Nguyễn Văn ${seq}`, memberships: [], statuses: [], positions: [], ...p };
}
/** An official member of `cell` since 2000, confirmed in 2001. */
function veteran(cell: string, p: Partial<MemberHistory> = {}): MemberHistory {
  return member({
    admittedOn: '2000-05-19',
    memberships: [{ organizationId: cell, kind: 'official', from: '2000-05-19', to: null }],
    statuses: [
      { status: 'probationary', from: '2000-05-19', to: '2001-05-18' },
      { status: 'official', from: '2001-05-19', to: null },
    ],
    ...p,
  });
}
const day = (n: number) => new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10);

// --- the people of the story -------------------------------------------------------------
const an = member({
  fullName: 'Nguyễn Văn An',
  admittedOn: '2024-03-15',
  memberships: [{ organizationId: A, kind: 'official', from: '2024-03-15', to: null }],
  statuses: [
    { status: 'probationary', from: '2024-03-15', to: '2025-03-14' },
    { status: 'official', from: '2025-03-15', to: null, decisionRef: '15-QĐ/ĐU' },
  ],
});
const binh = veteran(A, {
  fullName: 'Trần Thị Bình',
  statuses: [
    { status: 'probationary', from: '2000-05-19', to: '2001-05-18' },
    { status: 'official', from: '2001-05-19', to: null },
    { status: 'exempt', exemptTrack: 'B', from: '2025-02-01', to: '2025-07-31', reason: 'Nghỉ thai sản', decisionRef: '07-QĐ/ĐU' },
  ],
});
const cuong = veteran(A, {
  fullName: 'Lê Minh Cường',
  memberships: [
    { organizationId: A, kind: 'official', from: '2000-05-19', to: '2025-06-30' },
    { organizationId: B, kind: 'official', from: '2025-07-01', to: null },
  ],
  positions: [{ organizationId: A, position: 'secretary', from: '2020-09-01', to: '2025-06-30' }],
});
const dung = veteran(A, {
  fullName: 'Phạm Thu Dung',
  memberships: [
    { organizationId: A, kind: 'official', from: '2000-05-19', to: null },
    { organizationId: C, kind: 'temporary', from: '2025-03-01', to: '2025-08-31' },
  ],
});
const em = veteran(A, {
  fullName: 'Hoàng Văn Em',
  statuses: [
    { status: 'probationary', from: '2000-05-19', to: '2001-05-18' },
    { status: 'official', from: '2001-05-19', to: null },
    { status: 'suspended', from: '2025-01-10', to: null, reason: 'Bị tạm giam' },
  ],
});
const giang = member({ fullName: 'Vũ Thị Giang', admittedOn: null });
const everyone = [an, binh, cuong, dung, em, giang];

describe('standingOn', () => {
  it.each([
    ['before admission: not a member', an, '2024-03-14', null],
    ['admission day: probationary', an, '2024-03-15', { status: 'probationary', homeCellId: A }],
    ['last day of probation', an, '2025-03-14', { status: 'probationary' }],
    ['probation crosses into official', an, '2025-03-15', { status: 'official', homeCellId: A }],
    ['day before the exemption', binh, '2025-01-31', { status: 'official', exempt: null }],
    ['first day of the exemption', binh, '2025-02-01', { status: 'official', exempt: { track: 'B', from: '2025-02-01', to: '2025-07-31', reason: 'Nghỉ thai sản', decisionRef: '07-QĐ/ĐU' } }],
    ['last day of the exemption (inclusive)', binh, '2025-07-31', { status: 'official', exempt: { track: 'B' } }],
    ['exemption over', binh, '2025-08-01', { status: 'official', exempt: null }],
    ['transfer: last day in the old cell', cuong, '2025-06-30', { homeCellId: A, positions: [expect.objectContaining({ position: 'secretary' })] }],
    ['transfer: first day in the new cell, post left behind', cuong, '2025-07-01', { homeCellId: B, positions: [] }],
    ['temporary attachment', dung, '2025-04-01', { homeCellId: A, temporaryCellId: C }],
    ['temporary attachment over', dung, '2025-09-01', { homeCellId: A, temporaryCellId: null }],
    ['suspended: still official, suspension beside it', em, '2025-06-01', { status: 'official', suspended: { from: '2025-01-10', to: null, reason: 'Bị tạm giam', decisionRef: null } }],
    ['never admitted', giang, '2025-06-01', null],
  ] as const)('%s', (_label, history, date, expected) => {
    const standing = standingOn(history, date);
    if (expected === null) expect(standing).toBeNull();
    else expect(standing).toMatchObject(expected);
  });
});

describe('rollOn', () => {
  const names = (cell: string, date: string) => rollOn(everyone, cell, date).map((e) => `${e.fullName}:${e.attachment}`);

  it('lists home, away and temporary members in register order (given name first)', () => {
    expect(names(A, '2025-04-01')).toEqual([
      'Nguyễn Văn An:home',
      'Trần Thị Bình:home',
      'Lê Minh Cường:home',
      'Phạm Thu Dung:away',
      'Hoàng Văn Em:home',
    ]);
    expect(names(C, '2025-04-01')).toEqual(['Phạm Thu Dung:temporary']);
  });

  it('a transfer keeps the member in the old cell for past dates only', () => {
    expect(names(A, '2025-06-30')).toContain('Lê Minh Cường:home');
    expect(names(A, '2025-07-01')).not.toContain('Lê Minh Cường:home');
    expect(names(B, '2025-06-30')).toEqual([]);
    expect(names(B, '2025-07-01')).toEqual(['Lê Minh Cường:home']);
  });

  it('leaves out members not yet admitted', () => {
    expect(names(A, '2024-03-14')).not.toContain('Nguyễn Văn An:home');
    expect(rollOn(everyone, A, '2025-04-01').map((e) => e.memberId)).not.toContain(giang.memberId);
  });

  it.each([
    ['official at home', cuong, A, '2025-04-01', 'counted', true],
    ['exempt: counted only if present, not in attendance', binh, A, '2025-04-01', 'if_present', false],
    ['probationary: never votes, attends', an, A, '2024-06-01', 'not_counted', true],
    ['away at another cell', dung, A, '2025-04-01', 'not_counted', false],
    ['temporary guest', dung, C, '2025-04-01', 'not_counted', true],
    ['suspended', em, A, '2025-04-01', 'not_counted', false],
  ] as const)('vote and attendance: %s', (_label, history, cell, date, voter, attends) => {
    const entry = rollOn([history], cell, date)[0];
    expect(entry).toBeDefined();
    if (!entry) return;
    expect(classifyVoter(entry, rules)).toBe(voter);
    expect(isInAttendanceDenominator(entry, rules)).toBe(attends);
  });
});

describe('probation', () => {
  it.each([
    ['2024-03-15', '2025-03-15'],
    ['2024-02-29', '2025-02-28'],
    ['2023-12-31', '2024-12-31'],
    ['2024-01-31', '2025-01-31'],
  ])('admitted %s → due %s (Điều lệ Đ.5 k1: 12 months)', (admitted, due) => {
    expect(probationDueDate(admitted, rules)).toBe(due);
  });

  it('lists probations ending within 30 days or ended without confirmation', () => {
    const probation = (name: string, admittedOn: string, p: Partial<MemberHistory> = {}) =>
      member({
        fullName: name,
        admittedOn,
        memberships: [{ organizationId: A, kind: 'official', from: admittedOn, to: null }],
        statuses: [{ status: 'probationary', from: admittedOn, to: null }],
        ...p,
      });
    const histories = [
      probation('Đỗ Văn Hải', '2024-07-01'),
      probation('Đỗ Văn Khoa', '2024-07-02'),
      probation('Đỗ Văn Long', '2024-05-20'),
      probation('Đỗ Văn Minh', '2024-05-01', {
        statuses: [
          { status: 'probationary', from: '2024-05-01', to: '2025-04-30' },
          { status: 'official', from: '2025-05-01', to: null },
        ],
      }),
      probation('Đỗ Văn Nam', '2024-05-10', { statuses: [{ status: 'probationary', from: '2024-05-10', to: '2025-05-09' }] }),
      probation('Đỗ Văn Phúc', '2024-06-15', {
        memberships: [
          { organizationId: A, kind: 'official', from: '2024-06-15', to: null },
          { organizationId: C, kind: 'temporary', from: '2025-01-01', to: null },
        ],
      }),
      probation('Đỗ Văn Quang', '2024-06-20', {
        memberships: [
          { organizationId: B, kind: 'official', from: '2024-06-20', to: null },
          { organizationId: A, kind: 'temporary', from: '2025-01-01', to: null },
        ],
      }),
    ];
    const alerts = probationAlerts(histories, A, '2025-06-01', rules);
    expect(alerts.map((a) => [a.fullName, a.dueDate, a.daysLeft, a.state])).toEqual([
      ['Đỗ Văn Nam', '2025-05-10', -22, 'overdue'],
      ['Đỗ Văn Long', '2025-05-20', -12, 'overdue'],
      ['Đỗ Văn Phúc', '2025-06-15', 14, 'due_soon'],
      ['Đỗ Văn Hải', '2025-07-01', 30, 'due_soon'],
    ]);
    expect(alerts[0]?.message).toBe('Đã hết thời kỳ dự bị từ 10/05/2025, quá 22 ngày chưa được công nhận đảng viên chính thức.');
    expect(alerts[3]?.message).toContain('01/07/2025 (còn 30 ngày)');
    expect(probationAlerts(histories, B, '2025-06-01', rules).map((a) => a.fullName)).toEqual(['Đỗ Văn Quang']);
  });

  it('due date is 365 or 366 days later and never moves backwards (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 400 }), (n, gap) => {
        const [a, b] = [day(n - 10_000), day(n - 10_000 + gap)];
        const due = probationDueDate(a, rules);
        expect([365, 366]).toContain(daysBetween(a, due));
        expect(probationDueDate(b, rules) >= due).toBe(true);
      }),
    );
  });
});

/** `official` official members of cell A, with posts given to the first of them. */
function cellOf(official: number, posts: PositionTerm['position'][] = [], extra: MemberHistory[] = []): MemberHistory[] {
  const members = Array.from({ length: official }, (_, i) =>
    veteran(A, { positions: posts[i] ? [{ organizationId: A, position: posts[i], from: '2020-09-01', to: null }] : [] }),
  );
  return [...members, ...extra];
}
const probationer = (posts: PositionTerm['position'][] = []) =>
  member({
    admittedOn: '2025-01-10',
    memberships: [{ organizationId: A, kind: 'official', from: '2025-01-10', to: null }],
    statuses: [{ status: 'probationary', from: '2025-01-10', to: null }],
    positions: posts.map((position) => ({ organizationId: A, position, from: '2025-02-01', to: null })),
  });

describe('leadershipWarnings', () => {
  const chiUy: PositionTerm['position'][] = ['secretary', 'deputy_secretary', 'committee_member'];
  it.each([
    ['8 official, bí thư and phó bí thư', cellOf(8, ['secretary', 'deputy_secretary']), []],
    ['8 official with a chi ủy', cellOf(8, chiUy), ['committee_too_small']],
    ['9 official with a chi ủy', cellOf(9, chiUy), []],
    ['9 official without a chi ủy', cellOf(9, ['secretary']), ['committee_expected']],
    ['8 official + 1 probationary with a chi ủy', cellOf(8, chiUy, [probationer()]), ['committee_too_small']],
    ['8 official + 1 temporary guest with a chi ủy', cellOf(8, chiUy, [veteran(B, { memberships: [{ organizationId: B, kind: 'official', from: '2000-05-19', to: null }, { organizationId: A, kind: 'temporary', from: '2025-01-01', to: null }] })]), ['committee_too_small']],
    ['8 official + 1 exempt (still in the count) with a chi ủy', cellOf(8, chiUy, [binh]), []],
    ['2 official', cellOf(2, ['secretary']), ['too_few_official_members']],
    ['3 official', cellOf(3, ['secretary']), []],
    ['two secretaries', cellOf(5, ['secretary', 'secretary']), ['several_secretaries']],
    ['a deputy without a secretary', cellOf(5, ['deputy_secretary']), ['deputy_without_secretary']],
    ['no post at all', cellOf(5), ['no_secretary']],
    ['a probationary secretary', cellOf(4, [], [probationer(['secretary'])]), ['officer_not_official']],
  ] as const)('%s', (_label, histories, codes) => {
    const warnings = leadershipWarnings(rollOn(histories, A, '2025-04-01'), rules);
    expect(warnings.map((w) => w.code)).toEqual(codes);
  });

  it('cites its source in Vietnamese', () => {
    const [w] = leadershipWarnings(rollOn(cellOf(8, ['committee_member', 'secretary']), A, '2025-04-01'), rules);
    expect(w?.message).toContain('chỉ có 8 đảng viên chính thức');
    expect(w?.message).toContain('Điều 24 khoản 4');
  });
});

describe('validateHistory', () => {
  const base = veteran(A);
  const withM = (memberships: MembershipPeriod[]) => ({ ...base, memberships });
  const withS = (statuses: StatusPeriod[]) => ({ ...base, statuses });
  const official = base.statuses;
  it.each([
    ['a valid history', an, []],
    ['a transfer on consecutive days', cuong, []],
    ['exemption, suspension, temporary attachment', { ...dung, statuses: binh.statuses }, []],
    ['a period ending before it starts', withM([{ organizationId: A, kind: 'official', from: '2000-05-19', to: '2000-01-01' }]), ['period_reversed']],
    ['two official attachments on the same day', withM([{ organizationId: A, kind: 'official', from: '2000-05-19', to: '2025-07-01' }, { organizationId: B, kind: 'official', from: '2025-07-01', to: null }]), ['attachments_overlap']],
    ['official before admission', withS([{ status: 'official', from: '2000-01-01', to: null }]), ['before_admission']],
    ['probationary and official overlapping', withS([{ status: 'probationary', from: '2000-05-19', to: '2001-06-01' }, official[1]!]), ['standings_overlap']],
    ['exempt after membership ended', withS([official[0]!, { status: 'official', from: '2001-05-19', to: '2020-12-31' }, { status: 'exempt', exemptTrack: 'A', from: '2021-01-01', to: null }]), ['layer_outside_standing']],
    ['exempt without its track', withS([...official, { status: 'exempt', from: '2021-01-01', to: null }]), ['exempt_track_missing']],
    ['exempt and suspended at once', withS([...official, { status: 'exempt', exemptTrack: 'A', from: '2021-01-01', to: null }, { status: 'suspended', from: '2022-01-01', to: '2022-02-01' }]), ['layers_overlap']],
    ['temporary attachment without a home cell', withM([{ organizationId: A, kind: 'official', from: '2000-05-19', to: '2020-12-31' }, { organizationId: C, kind: 'temporary', from: '2020-06-01', to: '2021-06-01' }]), ['temporary_without_home']],
    ['temporary attachment in the home cell', withM([...base.memberships, { organizationId: A, kind: 'temporary', from: '2020-06-01', to: null }]), ['temporary_in_home_cell']],
    ['an impossible date', withM([{ organizationId: A, kind: 'official', from: '2025-02-30', to: null }]), ['invalid_date']],
    ['statuses without admission', { ...base, admittedOn: null }, ['not_admitted']],
    ['probation not from the admission day', withS([{ status: 'probationary', from: '2000-06-01', to: '2001-05-18' }, official[1]!]), ['probation_not_from_admission']],
    ['confirmed before 12 months', withS([{ status: 'probationary', from: '2000-05-19', to: '2001-01-31' }, { status: 'official', from: '2001-02-01', to: null }]), ['confirmed_too_early']],
    ['the same post twice at once', { ...base, positions: [{ organizationId: A, position: 'secretary', from: '2020-01-01', to: null }, { organizationId: A, position: 'secretary', from: '2021-01-01', to: '2021-12-31' }] }, ['positions_overlap']],
    ['a post in a cell the member is not in', { ...base, positions: [{ organizationId: B, position: 'group_leader', from: '2020-01-01', to: null }] }, ['position_outside_cell']],
  ] as const)('%s', (_label, history, codes) => {
    expect(validateHistory(history, rules).map((p) => p.code)).toEqual(codes);
  });

  it('speaks the register’s language: dd/mm/yyyy and where the problem is', () => {
    const [p] = validateHistory(withM([{ organizationId: A, kind: 'official', from: '2000-05-19', to: '2025-07-01' }, { organizationId: B, kind: 'official', from: '2025-07-01', to: null }]));
    expect(p).toEqual({
      code: 'attachments_overlap',
      path: 'memberships[1]',
      message: 'Hai giai đoạn sinh hoạt chính thức trùng nhau (từ 19/05/2000 đến 01/07/2025 và từ 01/07/2025 đến nay): mỗi ngày đảng viên chỉ sinh hoạt chính thức ở một chi bộ.',
    });
  });
});

describe('periods are closed at both ends (properties)', () => {
  const span = fc
    .tuple(fc.integer({ min: 0, max: 60 }), fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }))
    .map(([from, len]) => ({ from: day(from), to: len === null ? null : day(from + len) }));
  const days = (s: { from: string; to: string | null }) =>
    Array.from({ length: 100 }, (_, i) => day(i)).filter((d) => d >= s.from && (s.to === null || d <= s.to));

  it('two periods overlap exactly when they share a day', () => {
    fc.assert(
      fc.property(span, span, (a, b) => {
        expect(spansOverlap(a, b)).toBe(days(a).some((d) => days(b).includes(d)));
      }),
    );
  });

  it('a period is covered exactly when each of its days lies in some period', () => {
    fc.assert(
      fc.property(span, fc.array(span, { maxLength: 4 }), (s, others) => {
        const bounded = { from: s.from, to: s.to ?? day(99) };
        const want = days(bounded).every((d) => others.some((o) => days(o).includes(d)));
        expect(isSpanCovered(bounded, others)).toBe(want);
      }),
    );
  });

  it('a member moved through cells is in exactly one cell each day, and the history is valid', () => {
    const cells = [A, B, C];
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 900 }), { maxLength: 5 }), fc.array(fc.nat(2), { minLength: 6, maxLength: 6 }), (cuts, picks) => {
        const bounds = [...cuts].sort((x, y) => x - y);
        const starts = [0, ...bounds];
        const memberships: MembershipPeriod[] = starts.map((s, i) => ({
          organizationId: cells[picks[i] ?? 0] ?? A,
          kind: 'official',
          from: day(s),
          to: i + 1 < starts.length ? day((starts[i + 1] ?? 0) - 1) : null,
        }));
        const h = member({ admittedOn: day(0), memberships, statuses: [{ status: 'probationary', from: day(0), to: day(365) }, { status: 'official', from: day(366), to: null }] });
        expect(validateHistory(h, rules)).toEqual([]);
        for (const s of [0, ...bounds.flatMap((b) => [b - 1, b]), 950]) {
          const homes = cells.filter((c) => rollOn([h], c, day(s)).length > 0);
          expect(homes).toEqual([standingOn(h, day(s))?.homeCellId]);
        }
      }),
    );
  });
});

describe('membership rules are data', () => {
  it('every value carries its source, article, tag and effective date', () => {
    for (const set of MEMBERSHIP_RULE_SETS)
      for (const [key, v] of Object.entries(set)) {
        if (key === 'effectiveFrom') continue;
        const value = v as RuleValue<unknown>;
        expect(value.source.length, key).toBeGreaterThan(0);
        expect(value.article.length, key).toBeGreaterThan(0);
        expect(['OFFICIAL', 'PRESS', 'PRACTICE', 'UNCONFIRMED'], key).toContain(value.tag);
        expect(value.effectiveFrom <= set.effectiveFrom, key).toBe(true);
      }
  });

  it('a date is judged by the set in force on it', () => {
    const later = { ...rules, effectiveFrom: '2030-01-01', probationMonths: { ...rules.probationMonths, value: 18 } };
    const sets = [rules, later];
    expect(membershipRulesOn('2029-12-31', sets)).toBe(rules);
    expect(membershipRulesOn('2030-01-01', sets)).toBe(later);
    expect(membershipRulesOn('1990-01-01', sets)).toBe(rules);
    expect(probationDueDate('2030-01-01', membershipRulesOn('2030-01-01', sets))).toBe('2031-07-01');
  });
});
