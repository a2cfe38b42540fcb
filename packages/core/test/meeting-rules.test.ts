import { describe, expect, it } from 'vitest';
import {
  MEETING_RULE_SETS,
  OVERRIDABLE,
  periodCompliance,
  periodLastDay,
  planYear,
  plannedRegularDay,
  ruleSetFor,
  type RuleOverride,
} from '../src/index.ts';

describe('ruleSetFor: a meeting is judged by the guidance in force on its day', () => {
  it.each([
    ['2021-01-19', 'HD12-2018', null, 90],
    ['2025-10-27', 'HD12-2018', null, 90],
    ['2025-10-28', 'HD42-2025', 1, 120],
    ['2025-12-09', 'HD42-2025', 1, 120],
  ] as const)('%s → %s', (date, id, docsDays, combined) => {
    const r = ruleSetFor(date);
    expect(r.id).toBe(id);
    expect(r.documentsPostedDaysBefore.value).toBe(docsDays);
    expect(r.minCombinedDurationMinutes.value).toBe(combined);
    expect(r.minDurationMinutes.value).toBe(90);
    expect(r.regularEveryMonths.value).toBe(1);
  });

  it('every value carries its source, article, confidence tag and effective date', () => {
    for (const set of MEETING_RULE_SETS) {
      for (const [key, v] of Object.entries(set)) {
        if (typeof v !== 'object' || v === null) continue;
        const rv = v as { source: unknown; article: unknown; tag: unknown; effectiveFrom: unknown };
        expect(typeof rv.source === 'string' && rv.source.length > 0, `${set.id}.${key} source`).toBe(true);
        expect(typeof rv.article, `${set.id}.${key} article`).toBe('string');
        expect(['OFFICIAL', 'PRESS', 'PRACTICE', 'UNCONFIRMED'], `${set.id}.${key} tag`).toContain(rv.tag);
        expect(String(rv.effectiveFrom), `${set.id}.${key} effectiveFrom`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it('a superior’s override applies to its subtree from its day on; the nearest organization wins', () => {
    const overrides: RuleOverride[] = [
      { organizationId: 'city', organizationName: 'Thành ủy', rule: 'targetDay', value: 5, from: '2026-01-01' },
      { organizationId: 'committee', organizationName: 'Đảng ủy Cơ quan', rule: 'targetDay', value: 8, from: '2026-06-01' },
      { organizationId: 'committee', organizationName: 'Đảng ủy Cơ quan', rule: 'minDurationMinutes', value: 60, from: '2026-01-01' },
    ];
    expect(ruleSetFor('2025-12-15', overrides).targetDay.value).toBe(10);
    expect(ruleSetFor('2026-03-01', overrides).targetDay).toMatchObject({ value: 5, effectiveFrom: '2026-01-01' });
    expect(ruleSetFor('2026-03-01', overrides).targetDay.source).toContain('Thành ủy');
    expect(ruleSetFor('2026-07-01', overrides).targetDay.value).toBe(8);
    expect(ruleSetFor('2026-07-01', overrides).targetDay.source).toContain('Đảng ủy Cơ quan');
    expect(ruleSetFor('2026-07-01', overrides).minDurationMinutes.value).toBe(60);
    // The Charter's monthly rhythm cannot be overridden.
    const charter = { organizationId: 'x', organizationName: 'X', rule: 'regularEveryMonths' as never, value: 3, from: '2020-01-01' };
    expect(ruleSetFor('2026-07-01', [charter]).regularEveryMonths.value).toBe(1);
    expect(OVERRIDABLE).not.toContain('regularEveryMonths');
    expect(OVERRIDABLE).not.toContain('thematicPerQuarter');
  });
});

describe('the year plan', () => {
  const hd = (date: string) => ruleSetFor(date);

  it('twelve regular meetings by the target day and four thematic ones, one a quarter, with topics', () => {
    const plan = planYear(2026, hd);
    expect(plan.filter((m) => m.kind === 'regular').map((m) => m.period)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    const thematic = plan.filter((m) => m.kind === 'thematic');
    expect(thematic.map((m) => m.period)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(thematic.every((m) => m.topic !== null && m.date === plan.find((r) => r.kind === 'regular' && r.date === m.date)?.date)).toBe(true);
    for (const m of plan) expect(m.date <= m.deadline).toBe(true);
    expect(plan.find((m) => m.period === '2026-03')).toMatchObject({ deadline: '2026-03-10', date: '2026-03-10' });
    // 10/01/2026 is a Saturday: planned on Friday 9.
    expect(plan.find((m) => m.period === '2026-01')).toMatchObject({ deadline: '2026-01-10', date: '2026-01-09' });
  });

  it.each([
    [2026, 2, 31, '2026-02-28'],
    [2028, 2, 31, '2028-02-29'],
    [2026, 4, 31, '2026-04-30'],
    [2026, 2, 30, '2026-02-28'],
  ])('%i-%i with target day %i: deadline %s (the month’s last day)', (year, month, target, deadline) => {
    const r = plannedRegularDay(year, month, target);
    expect(r.deadline).toBe(deadline);
    expect(r.date <= r.deadline && r.date.slice(0, 7) === deadline.slice(0, 7)).toBe(true);
  });

  it('a weekend target day early in the month never moves into the previous month', () => {
    // 01/08/2026 is a Saturday.
    expect(plannedRegularDay(2026, 8, 1)).toEqual({ date: '2026-08-01', deadline: '2026-08-01' });
  });

  it('across the year boundary and a change of guidance: January is announced by 20 December; each month has its own rules', () => {
    const plan = planYear(2025, hd);
    expect(plan[0]).toMatchObject({ period: '2025-01', announceBy: '2024-12-20', rulesId: 'HD12-2018' });
    expect(plan.find((m) => m.period === '2025-10')?.rulesId).toBe('HD12-2018');
    expect(plan.find((m) => m.period === '2025-11')).toMatchObject({ rulesId: 'HD42-2025', announceBy: '2025-10-20' });
    const q4 = plan.find((m) => m.period === '2025-Q4');
    expect(q4).toMatchObject({ rulesId: 'HD42-2025', plannedMinutes: 30, deadline: '2025-12-31' });
    expect(planYear(2026, hd, { topics: ['Chuyên đề riêng'] }).find((m) => m.period === '2026-Q1')?.topic).toBe('Chuyên đề riêng');
  });

  it('an override of the target day moves the plan', () => {
    const plan = planYear(2026, (d) => ruleSetFor(d, [{ organizationId: 'c', organizationName: 'Đảng ủy', rule: 'targetDay', value: 31, from: '2026-01-01' }]));
    expect(plan.filter((m) => m.kind === 'regular').map((m) => m.deadline.slice(8))).toEqual(['31', '28', '31', '30', '31', '30', '31', '31', '30', '31', '30', '31']);
  });
});

describe('compliance of a period, from what really happened', () => {
  it.each([
    ['2026-03', '2026-03-10', '2026-03-09', '2026-03-20', 'held_on_time'],
    ['2026-03', '2026-03-10', '2026-03-10', '2026-03-20', 'held_on_time'],
    ['2026-03', '2026-03-10', '2026-03-18', '2026-03-20', 'held_late'],
    ['2026-03', '2026-03-10', null, '2026-03-20', 'planned'],
    ['2026-03', '2026-03-10', null, '2026-04-01', 'missed'],
    ['2026-Q1', '2026-03-31', null, '2026-03-31', 'planned'],
    ['2026-Q1', '2026-03-31', null, '2026-04-01', 'missed'],
  ] as const)('%s (deadline %s), held %s, today %s → %s', (period, deadline, held, today, state) => {
    expect(periodCompliance(period, deadline, held, today)).toBe(state);
  });

  it('knows the last day of months and quarters', () => {
    expect(periodLastDay('2028-02')).toBe('2028-02-29');
    expect(periodLastDay('2026-Q2')).toBe('2026-06-30');
    expect(() => periodLastDay('2026-13x')).toThrow();
  });
});
