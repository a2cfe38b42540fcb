/**
 * What the cell and its superior are told about a year of meetings (issue 4, points 2 and 9):
 * each period's state (planned, held on time, held late, missed, with the reason) and the
 * compliance alerts — regular meeting not held by the target day, no thematic meeting in a
 * quarter, documents not posted in time, next month's meeting not announced by the day,
 * planned duration under the minimum. Pure: the server hands in the facts and the rules.
 */
import type { AlertCode, MeetingKind, MeetingStatus } from '../contracts/meetings.ts';
import type { IsoDateString } from '../rules/membership-rules.ts';
import type { MeetingRules } from '../rules/meeting-rules.ts';
import { minimumMinutes } from '../rules/agenda-templates.ts';
import { addDays, formatDateVi } from './calendar-days.ts';
import { periodCompliance, periodLastDay, plannedRegularDay, type PeriodCompliance } from './meeting-plan.ts';

/** A meeting as compliance reads it; days are the cell's local calendar days. */
export interface MeetingFacts {
  id: string;
  kind: MeetingKind;
  status: MeetingStatus;
  monthPeriod: string | null;
  quarterPeriod: string | null;
  day: IsoDateString;
  announcedDay: IsoDateString | null;
  plannedMinutes: number;
  /** Planned total of the agenda (null: no agenda yet). */
  agendaMinutes: number | null;
  /** The day the first document was posted (null: none). */
  firstDocumentDay: IsoDateString | null;
  cancelReason: string | null;
}

export interface PeriodState {
  period: string;
  kind: 'regular' | 'thematic';
  deadline: IsoDateString;
  state: PeriodCompliance;
  reason: string | null;
  meetingIds: string[];
}

export interface Alert {
  code: AlertCode;
  period: string;
  meetingId: string | null;
  message: string;
  source: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Day `day` of 'YYYY-MM', or the month's last day when it is shorter (as the plan does). */
const clampToMonth = (month: string, day: number): IsoDateString => {
  const last = periodLastDay(month);
  const wanted = `${month}-${pad(day)}`;
  return wanted > last ? last : wanted;
};
const held = (m: MeetingFacts) => m.status === 'in_progress' || m.status === 'ended';
const live = (m: MeetingFacts) => m.status !== 'cancelled';
const fulfilsMonth = (m: MeetingFacts, period: string) => (m.kind === 'regular' || m.kind === 'combined') && m.monthPeriod === period;
const fulfilsQuarter = (m: MeetingFacts, period: string) => (m.kind === 'thematic' || m.kind === 'combined') && m.quarterPeriod === period;
const monthLabel = (period: string) => `tháng ${period.slice(5, 7)}/${period.slice(0, 4)}`;
const quarterLabel = (period: string) => `quý ${period.slice(6)}/${period.slice(0, 4)}`;
const cite = (v: { source: string; article: string }) => `${v.source}, ${v.article}`;

function periodState(kind: 'regular' | 'thematic', period: string, deadline: IsoDateString, mine: readonly MeetingFacts[], today: IsoDateString): PeriodState {
  const heldOnes = mine.filter(held).sort((a, b) => a.day.localeCompare(b.day));
  const first = heldOnes[0];
  const state = periodCompliance(period, deadline, first?.day ?? null, today);
  let reason: string | null = null;
  if (state === 'held_late' && first) reason = `Tổ chức ngày ${formatDateVi(first.day)}, sau hạn ${formatDateVi(deadline)}.`;
  else if (state === 'missed') {
    const cancelled = mine.find((m) => m.status === 'cancelled');
    reason = cancelled ? `Cuộc họp đã bị hủy${cancelled.cancelReason ? `: ${cancelled.cancelReason}` : '.'}` : mine.some(live) ? 'Cuộc họp dự kiến không được tổ chức.' : 'Không có cuộc họp nào được lập.';
  } else if (state === 'planned') {
    const next = mine.filter(live).sort((a, b) => a.day.localeCompare(b.day))[0];
    reason = next ? `Dự kiến ngày ${formatDateVi(next.day)}.` : 'Chưa lập cuộc họp.';
  }
  return { period, kind, deadline, state, reason, meetingIds: mine.map((m) => m.id) };
}

/** The 12 months and 4 quarters of `year`, each with its state. */
export function yearPeriods(year: number, meetings: readonly MeetingFacts[], rulesOn: (d: IsoDateString) => MeetingRules, today: IsoDateString): PeriodState[] {
  const out: PeriodState[] = [];
  for (let month = 1; month <= 12; month++) {
    const period = `${year}-${pad(month)}`;
    const { deadline } = plannedRegularDay(year, month, rulesOn(`${period}-01`).targetDay.value);
    out.push(periodState('regular', period, deadline, meetings.filter((m) => fulfilsMonth(m, period)), today));
  }
  for (let q = 1; q <= 4; q++) {
    const period = `${year}-Q${q}`;
    out.push(periodState('thematic', period, periodLastDay(period), meetings.filter((m) => fulfilsQuarter(m, period)), today));
  }
  return out;
}

/**
 * The alerts of `year` as of `today`. Only what is already late or wrong is reported: a period
 * whose deadline is still ahead raises nothing, a meeting still a draft only its duration.
 */
export function complianceAlerts(year: number, meetings: readonly MeetingFacts[], rulesOn: (d: IsoDateString) => MeetingRules, today: IsoDateString): Alert[] {
  const alerts: Alert[] = [];
  for (const p of yearPeriods(year, meetings, rulesOn, today)) {
    const rules = rulesOn(p.kind === 'regular' ? `${p.period}-01` : `${p.deadline.slice(0, 7)}-01`);
    if (p.kind === 'regular' && today > p.deadline && (p.state === 'missed' || p.state === 'held_late' || p.state === 'planned')) {
      alerts.push({
        code: 'regular_not_held',
        period: p.period,
        meetingId: p.meetingIds[0] ?? null,
        message: `Sinh hoạt thường kỳ ${monthLabel(p.period)} chưa tổ chức trước hạn ngày ${formatDateVi(p.deadline)}${p.reason ? ` (${p.reason.replace(/\.$/, '')})` : ''}.`,
        source: cite(rules.targetDay),
      });
    }
    if (p.kind === 'thematic' && today > p.deadline && p.state === 'missed') {
      alerts.push({ code: 'thematic_missing', period: p.period, meetingId: null, message: `Không có sinh hoạt chuyên đề trong ${quarterLabel(p.period)}.`, source: cite(rules.thematicPerQuarter) });
    }
  }
  // Announcement by the day (the previous month's 20th by default) for each month whose day has passed.
  for (let month = 1; month <= 12; month++) {
    const period = `${year}-${pad(month)}`;
    const rules = rulesOn(`${period}-01`);
    const prev = month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`;
    const byDay = clampToMonth(prev, rules.nextMeetingAnnouncedByDay.value);
    if (today <= byDay || today > periodLastDay(period)) continue;
    const mine = meetings.filter((m) => live(m) && fulfilsMonth(m, period));
    if (mine.some((m) => m.announcedDay !== null && m.announcedDay <= byDay) || mine.some(held)) continue;
    alerts.push({
      code: 'not_announced',
      period,
      meetingId: mine[0]?.id ?? null,
      message: `Lịch sinh hoạt ${monthLabel(period)} chưa được thông báo trước ngày ${formatDateVi(byDay)}.`,
      source: cite(rules.nextMeetingAnnouncedByDay),
    });
  }
  for (const m of meetings) {
    if (!live(m) || Number(m.day.slice(0, 4)) !== year) continue;
    const rules = rulesOn(m.day);
    const days = rules.documentsPostedDaysBefore.value;
    if (days !== null && m.kind !== 'preparatory' && m.status !== 'draft') {
      const postBy = addDays(m.day, -days);
      const late = m.firstDocumentDay === null ? today > postBy : m.firstDocumentDay > postBy;
      if (late) {
        alerts.push({
          code: 'documents_late',
          period: m.monthPeriod ?? m.quarterPeriod ?? m.day.slice(0, 7),
          meetingId: m.id,
          message:
            m.firstDocumentDay === null
              ? `Cuộc họp ngày ${formatDateVi(m.day)} chưa có tài liệu; tài liệu phải đăng trước ít nhất ${days} ngày (hạn ${formatDateVi(postBy)}).`
              : `Tài liệu cuộc họp ngày ${formatDateVi(m.day)} đăng ngày ${formatDateVi(m.firstDocumentDay)}, muộn hơn hạn ${formatDateVi(postBy)}.`,
          source: cite(rules.documentsPostedDaysBefore),
        });
      }
    }
    const minimum = minimumMinutes(m.kind, rules);
    const planned = Math.min(m.plannedMinutes, m.agendaMinutes ?? m.plannedMinutes);
    if (minimum !== null && planned < minimum && !held(m) && m.status !== 'ended') {
      const rule = m.kind === 'combined' ? rules.minCombinedDurationMinutes : rules.minDurationMinutes;
      alerts.push({
        code: 'duration_short',
        period: m.monthPeriod ?? m.quarterPeriod ?? m.day.slice(0, 7),
        meetingId: m.id,
        message: `Cuộc họp ngày ${formatDateVi(m.day)} dự kiến ${planned} phút, dưới mức tối thiểu ${minimum} phút.`,
        source: cite(rule),
      });
    }
  }
  return alerts;
}
