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
import type { MeetingKind } from '../contracts/meetings.ts';

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

/** The quarter a day is in ('2026-11-10' → '2026-Q4'). */
export function quarterOf(day: IsoDateString): string {
  return `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
}

/** The month before 'YYYY-MM'. */
export function previousMonth(month: string): string {
  const [y = 0, m = 0] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

export type MeetingPeriods = { monthPeriod: string | null; quarterPeriod: string | null };
export type MeetingPeriodsResult = ({ ok: true } & MeetingPeriods) | { ok: false; path: 'monthPeriod' | 'quarterPeriod'; message: string };

/**
 * The month and quarter a meeting of `kind` held on `day` fulfils. A regular (or combined)
 * meeting fulfils its own month or makes up the previous one; a thematic one its own quarter;
 * a chi ủy or extraordinary meeting none. What the caller asked wins, then what the meeting
 * had (`stored`) while it still fits the day, then the day's own period; a period the day
 * cannot fulfil is refused, so no meeting counts for a month it was not held in.
 */
export function meetingPeriods(kind: MeetingKind, day: IsoDateString, given: Partial<MeetingPeriods>, stored?: MeetingPeriods): MeetingPeriodsResult {
  if (kind === 'preparatory' || kind === 'extraordinary') return { ok: true, monthPeriod: null, quarterPeriod: null };
  const ownMonth = day.slice(0, 7);
  const monthFits = (p: string) => p === ownMonth || p === previousMonth(ownMonth);
  const quarterFits = (p: string) => p === quarterOf(day);
  const pick = (asked: string | null | undefined, had: string | null | undefined, fits: (p: string) => boolean, own: string) =>
    asked ?? (had !== null && had !== undefined && fits(had) ? had : own);
  const month = kind === 'regular' || kind === 'combined' ? pick(given.monthPeriod, stored?.monthPeriod, monthFits, ownMonth) : null;
  const quarter = kind === 'thematic' || kind === 'combined' ? pick(given.quarterPeriod, stored?.quarterPeriod, quarterFits, quarterOf(day)) : null;
  const dayText = day.split('-').reverse().join('/');
  if (month !== null && !monthFits(month)) {
    return { ok: false, path: 'monthPeriod', message: `Cuộc họp ngày ${dayText} chỉ tính cho tháng ${ownMonth.slice(5)}/${ownMonth.slice(0, 4)} (hoặc bù cho tháng trước).` };
  }
  if (quarter !== null && !quarterFits(quarter)) {
    return { ok: false, path: 'quarterPeriod', message: `Cuộc họp ngày ${dayText} chỉ tính cho quý ${quarterOf(day).slice(6)}/${day.slice(0, 4)}.` };
  }
  return { ok: true, monthPeriod: month, quarterPeriod: quarter };
}

/** A meeting the year plan drafts. */
export interface DraftMeeting extends MeetingPeriods {
  kind: 'regular' | 'thematic' | 'combined';
  date: IsoDateString;
  plannedMinutes: number;
  topic: string | null;
}

/**
 * The drafts a year plan adds to what a cell already has (`taken`: the periods its live
 * meetings fulfil): for each regular session still ahead (`isAhead`), the month if it has no
 * meeting and the quarter's thematic meeting if the quarter has none — in one combined session
 * when both. The thematic meeting goes with its planned month; when that day has passed, with
 * the quarter's next session still ahead.
 */
export function yearDrafts(
  plan: readonly PlannedMeeting[],
  taken: { months: ReadonlySet<string>; quarters: ReadonlySet<string> },
  today: IsoDateString,
  isAhead: (date: IsoDateString) => boolean,
  rulesOn: (date: IsoDateString) => MeetingRules,
): DraftMeeting[] {
  const quarters = new Set(taken.quarters);
  const drafts: DraftMeeting[] = [];
  for (const regular of plan.filter((p) => p.kind === 'regular' && isAhead(p.date))) {
    const quarter = quarterOf(regular.date);
    const thematic = plan.find((p) => p.kind === 'thematic' && p.period === quarter && (p.date === regular.date || p.date < today));
    const needMonth = !taken.months.has(regular.period);
    const needQuarter = thematic !== undefined && !quarters.has(quarter);
    if (needQuarter) quarters.add(quarter);
    if (!needMonth && !needQuarter) continue;
    const kind = needMonth && needQuarter ? 'combined' : needMonth ? 'regular' : 'thematic';
    const rules = rulesOn(regular.date);
    drafts.push({
      kind,
      date: regular.date,
      monthPeriod: needMonth ? regular.period : null,
      quarterPeriod: needQuarter ? quarter : null,
      plannedMinutes: kind === 'combined' ? rules.minCombinedDurationMinutes.value : rules.minDurationMinutes.value,
      topic: needQuarter ? (thematic?.topic ?? null) : null,
    });
  }
  return drafts;
}
