/**
 * What a superior's override would change before it is saved: the months in which a cell's
 * value of the rule moves. A month's deadline and announcement day are judged, as the year plan
 * and compliance judge them, by the rules of the month's first day; a meeting's duration and
 * report by the rules of its own day — so for those the month the override starts in counts from
 * its start day on.
 */
import type { IsoDateString } from '../rules/membership-rules.ts';
import type { MeetingRules, OverridableRule } from '../rules/meeting-rules.ts';
import { periodLastDay } from './meeting-plan.ts';

type RulesOn = (date: IsoDateString) => MeetingRules;

export interface MonthChange {
  period: string;
  before: number | null;
  after: number | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Rules judged once a month, by the month's first day (the others by each meeting's day). */
const MONTHLY: readonly OverridableRule[] = ['targetDay', 'nextMeetingAnnouncedByDay'];

/** 'YYYY-MM' from `fromMonth` through `toMonth`, in order (none when the first is later). */
export function monthsFromTo(fromMonth: string, toMonth: string): string[] {
  const out: string[] = [];
  let [y = 0, m = 0] = fromMonth.split('-').map(Number);
  for (let guard = 0; guard < 1200 && `${y}-${pad(m)}` <= toMonth; guard++) {
    out.push(`${y}-${pad(m)}`);
    m++;
    if (m === 13) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** The months from the override's start to the end of the later of its year and today's in which the rule's value moves. */
export function monthsChanged(rule: OverridableRule, before: RulesOn, after: RulesOn, from: IsoDateString, today: IsoDateString): MonthChange[] {
  const lastYear = Math.max(Number(from.slice(0, 4)), Number(today.slice(0, 4)));
  const out: MonthChange[] = [];
  for (const period of monthsFromTo(from.slice(0, 7), `${lastYear}-12`)) {
    const first = `${period}-01`;
    const days = !MONTHLY.includes(rule) && from > first && from.startsWith(period) ? [first, from] : [first];
    const moved = days.find((d) => before(d)[rule].value !== after(d)[rule].value);
    if (moved) out.push({ period, before: before(moved)[rule].value, after: after(moved)[rule].value });
  }
  return out;
}

/** Of these months, those already over on `today` (their judgement is on record). */
export function pastMonthsOf(periods: readonly string[], today: IsoDateString): string[] {
  return periods.filter((p) => periodLastDay(p) < today);
}
