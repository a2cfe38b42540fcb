import { describe, expect, it } from 'vitest';
import { monthsChanged, monthsFromTo, overrideInForce, pastMonthsOf, ruleSetFor, type RuleOverride } from '../src/index.ts';

const on = (overrides: RuleOverride[]) => (d: string) => ruleSetFor(d, overrides);
const o = (rule: RuleOverride['rule'], value: number, from: string, organizationId = 'committee'): RuleOverride => ({ organizationId, organizationName: organizationId, rule, value, from });

describe('monthsFromTo', () => {
  it.each([
    ['2026-11', '2027-02', ['2026-11', '2026-12', '2027-01', '2027-02']],
    ['2026-12', '2026-12', ['2026-12']],
    ['2027-01', '2026-12', []],
  ])('%s → %s', (from, to, expected) => expect(monthsFromTo(from, to)).toEqual(expected));
});

describe('monthsChanged', () => {
  const none = on([]);
  it.each([
    // [what, rule, after, from, today, months]
    ['target day from next month: the months to the end of the year', 'targetDay', [o('targetDay', 5, '2026-11-01')], '2026-11-01', '2026-10-15', ['2026-11', '2026-12']],
    ['target day from mid-month: judged by the month’s first day, so from the next', 'targetDay', [o('targetDay', 5, '2026-11-15')], '2026-11-15', '2026-10-15', ['2026-12']],
    ['duration from mid-month: that month too, from its day', 'minDurationMinutes', [o('minDurationMinutes', 60, '2026-11-15')], '2026-11-15', '2026-10-15', ['2026-11', '2026-12']],
    ['a start in a later year: through that year', 'targetDay', [o('targetDay', 5, '2028-03-01')], '2028-03-01', '2026-10-15', monthsFromTo('2028-03', '2028-12')],
    ['backdated: from the start through this year', 'targetDay', [o('targetDay', 5, '2026-01-01')], '2026-01-01', '2026-10-15', monthsFromTo('2026-01', '2026-12')],
    ['the same value as in force: nothing', 'targetDay', [o('targetDay', 10, '2026-11-01')], '2026-11-01', '2026-10-15', []],
  ] as const)('%s', (_what, rule, after, from, today, months) => {
    expect(monthsChanged(rule, none, on([...after]), from, today).map((c) => c.period)).toEqual(months);
  });

  it('reports the values before and after', () => {
    expect(monthsChanged('targetDay', none, on([o('targetDay', 5, '2026-12-01')]), '2026-12-01', '2026-10-15')).toEqual([{ period: '2026-12', before: 10, after: 5 }]);
  });

  it('a nearer organization’s own value shadows the change', () => {
    const cellOwn = o('targetDay', 7, '2026-01-01', 'cell');
    // Root first: the committee's new value comes before the cell's own in the chain.
    const before = on([cellOwn]);
    const after = on([o('targetDay', 5, '2026-11-01'), cellOwn]);
    expect(monthsChanged('targetDay', before, after, '2026-11-01', '2026-10-15')).toEqual([]);
  });
});

describe('pastMonthsOf and overrideInForce', () => {
  it('a month is past once its last day is', () => {
    expect(pastMonthsOf(['2026-09', '2026-10', '2026-11'], '2026-10-15')).toEqual(['2026-09']);
    expect(pastMonthsOf(['2026-09', '2026-10'], '2026-11-01')).toEqual(['2026-09', '2026-10']);
  });

  it('the override in force is the nearest organization’s latest started one', () => {
    const chain = [o('targetDay', 5, '2026-01-01'), o('targetDay', 6, '2027-01-01'), o('targetDay', 7, '2026-06-01', 'cell')];
    expect(overrideInForce('targetDay', '2026-03-01', chain)?.value).toBe(5);
    expect(overrideInForce('targetDay', '2026-07-01', chain)?.value).toBe(7);
    expect(overrideInForce('targetDay', '2025-12-31', chain)).toBeNull();
    expect(overrideInForce('minDurationMinutes', '2026-07-01', chain)).toBeNull();
    // The one ruleSetFor applies.
    expect(ruleSetFor('2026-07-01', chain).targetDay.value).toBe(overrideInForce('targetDay', '2026-07-01', chain)?.value);
  });
});
