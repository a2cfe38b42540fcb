/**
 * A cell's year plan (issue 4, point 2): twelve regular meetings placed by the target-day rule
 * and four thematic meetings, one a quarter, which officers then edit; and the compliance of
 * each period once meetings are held. Pure: the rules come from `rulesOn(date)` (ruleSetFor
 * with the cell's overrides), so a year that crosses a change of guidance is planned by each
 * month's own rules.
 */
import type { IsoDateString } from '../rules/membership-rules.ts';
import type { MeetingRules } from '../rules/meeting-rules.ts';
import { addDays, dayNumber } from './calendar-days.ts';

export interface PlannedMeeting {
  kind: 'regular' | 'thematic';
  /** 'YYYY-MM' for a regular meeting, 'YYYY-Qn' for a thematic one. */
  period: string;
  date: IsoDateString;
  /** The last day the meeting may be held and count as on time. */
  deadline: IsoDateString;
  /** Date and topic to be announced by this day (the previous month's announce day). */
  announceBy: IsoDateString;
  plannedMinutes: number;
  topic: string | null;
  /** The rule set the month is judged by (e.g. 'HD42-2025'). */
  rulesId: MeetingRules['id'];
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const dayOf = (year: number, month: number, day: number): IsoDateString => `${year}-${pad(month)}-${pad(Math.min(day, lastDayOfMonth(year, month)))}`;

/** 0 = Sunday … 6 = Saturday. */
function weekday(d: IsoDateString): number {
  return (((dayNumber(d) + 4) % 7) + 7) % 7;
}

/**
 * The day a regular meeting is planned: the target day, or the month's last day when the
 * month is shorter; a Saturday or Sunday moves back to the Friday before, so the meeting is
 * still held by the target day.
 */
export function plannedRegularDay(year: number, month: number, targetDay: number): { date: IsoDateString; deadline: IsoDateString } {
  const deadline = dayOf(year, month, targetDay);
  const wd = weekday(deadline);
  const back = wd === 6 ? 1 : wd === 0 ? 2 : 0;
  const date = addDays(deadline, -back);
  // Never into the previous month (a target day of 1 or 2 on a weekend stays in its month).
  return { date: date.slice(0, 7) === deadline.slice(0, 7) ? date : deadline, deadline };
}

/** Default thematic topics, one a quarter; officers replace them (HD 42 mục 3.2 and mục 4 give the themes). */
export const DEFAULT_THEMATIC_TOPICS: readonly string[] = [
  'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  'Quán triệt, triển khai nghị quyết của cấp ủy cấp trên gắn với nhiệm vụ của chi bộ',
  'Nâng cao chất lượng sinh hoạt chi bộ và vai trò tiền phong, gương mẫu của đảng viên',
  'Những vấn đề nổi lên ở cơ quan, đơn vị: nguyên nhân và giải pháp',
];

const THEMATIC_PLAN_MINUTES = 30;

/** Which month of the quarter the thematic meeting is planned in (1 = first; the middle by default). */
export interface PlanOptions {
  thematicMonthOfQuarter?: 1 | 2 | 3;
  topics?: readonly (string | null)[];
}

export function planYear(year: number, rulesOn: (date: IsoDateString) => MeetingRules, opts: PlanOptions = {}): PlannedMeeting[] {
  const plan: PlannedMeeting[] = [];
  const monthOfQuarter = opts.thematicMonthOfQuarter ?? 2;
  for (let month = 1; month <= 12; month++) {
    const rules = rulesOn(dayOf(year, month, 1));
    const { date, deadline } = plannedRegularDay(year, month, rules.targetDay.value);
    const prevYear = month === 1 ? year - 1 : year;
    const prevMonth = month === 1 ? 12 : month - 1;
    const announceBy = dayOf(prevYear, prevMonth, rules.nextMeetingAnnouncedByDay.value);
    const thematicHere = (month - 1) % 3 === monthOfQuarter - 1;
    plan.push({ kind: 'regular', period: `${year}-${pad(month)}`, date, deadline, announceBy, plannedMinutes: rules.minDurationMinutes.value, topic: null, rulesId: rules.id });
    if (thematicHere) {
      const quarter = Math.ceil(month / 3);
      const quarterEnd = dayOf(year, quarter * 3, 31);
      // Held in the same session, after the regular meeting (never instead of it).
      plan.push({
        kind: 'thematic',
        period: `${year}-Q${quarter}`,
        date,
        deadline: quarterEnd,
        announceBy,
        // The session's combined minimum less the regular part; where the guidance sets no
        // combined minimum (HD 12), the plan proposes 30 minutes for officers to adjust.
        plannedMinutes: Math.max(rules.minCombinedDurationMinutes.value - rules.minDurationMinutes.value, THEMATIC_PLAN_MINUTES),
        topic: opts.topics?.[quarter - 1] ?? DEFAULT_THEMATIC_TOPICS[quarter - 1] ?? null,
        rulesId: rules.id,
      });
    }
  }
  return plan;
}

export type PeriodCompliance = 'planned' | 'held_on_time' | 'held_late' | 'missed';

/**
 * A period's state from what really happened: held by the deadline, held later in the period,
 * not held and the period over (missed), or still to come. `heldOn` is the first day a meeting
 * of that kind was held in the period (null: none).
 */
export function periodCompliance(period: string, deadline: IsoDateString, heldOn: IsoDateString | null, today: IsoDateString): PeriodCompliance {
  const periodEnd = periodLastDay(period);
  if (heldOn !== null) return heldOn <= deadline ? 'held_on_time' : 'held_late';
  return today > periodEnd ? 'missed' : 'planned';
}

/** The last day of 'YYYY-MM' or 'YYYY-Qn'. */
export function periodLastDay(period: string): IsoDateString {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return dayOf(Number(q[1]), Number(q[2]) * 3, 31);
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) throw new Error(`not a period: ${period}`);
  return dayOf(Number(m[1]), Number(m[2]), 31);
}
