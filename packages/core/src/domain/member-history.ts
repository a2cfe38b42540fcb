/**
 * A member's history as data, and the answers every later rule asks of it: "status, cell and
 * posts of member M on day D", "roll of cell C on day D", probation due dates, and the cell's
 * leadership shape (reference/rules.md, "Cells and members").
 *
 * Every period is CLOSED at both ends: `from` and `to` are both days it covers, as officers
 * write "từ 01/03/2021 đến 31/12/2021"; `to: null` means it is still running. A transfer thus
 * closes the old attachment on the 30th and opens the new one on the 1st; the same day in
 * both is an overlap. Days are 'YYYY-MM-DD' strings compared as calendar days (no zones).
 *
 * Statuses come in two layers. Party standing (probationary → official) is one timeline with
 * no overlaps. Exempt and suspended are laid over it: an exempt member is still an official
 * member (Điều lệ Đ.7 only frees them from work and activities), and the roll, the vote and
 * the attendance rules each need both facts, so an 'exempt' period must lie inside a
 * probationary or official one rather than replace it.
 */
import type { MemberStatus, Position } from '../contracts/members.ts';
import type { IsoDateString, MembershipRules } from '../rules/membership-rules.ts';
import { compareVietnameseNames } from './vietnamese-text.ts';
import { addMonths, daysBetween, formatDateVi, latestCovering, spanCovers, type DateSpan } from './calendar-days.ts';

export type { DateSpan } from './calendar-days.ts';

export type ExemptTrack = 'A' | 'B';

/** Official attachment to a cell, or "sinh hoạt tạm thời" in another one. */
export interface MembershipPeriod extends DateSpan {
  organizationId: string;
  kind: 'official' | 'temporary';
}
export interface StatusPeriod extends DateSpan {
  status: MemberStatus;
  exemptTrack?: ExemptTrack;
  reason?: string;
  decisionRef?: string;
}
export interface PositionTerm extends DateSpan {
  organizationId: string;
  position: Position;
}
export interface MemberHistory {
  memberId: string;
  fullName: string;
  admittedOn: IsoDateString | null;
  memberships: readonly MembershipPeriod[];
  statuses: readonly StatusPeriod[];
  positions: readonly PositionTerm[];
}

/** An exemption or a suspension laid over the party standing on a given day. */
export interface StatusLayer extends DateSpan {
  reason: string | null;
  decisionRef: string | null;
}
export interface Exemption extends StatusLayer {
  track: ExemptTrack | null;
}
export interface Standing {
  memberId: string;
  fullName: string;
  /** Party standing (dự bị / chính thức); exemption and suspension are reported beside it. */
  status: 'probationary' | 'official';
  exempt: Exemption | null;
  suspended: StatusLayer | null;
  homeCellId: string | null;
  temporaryCellId: string | null;
  positions: readonly PositionTerm[];
}

/** 'away': of this cell but "sinh hoạt tạm thời" elsewhere; 'temporary': of another cell, attached here. */
export type RollAttachment = 'home' | 'away' | 'temporary';
export interface RollEntry {
  memberId: string;
  fullName: string;
  attachment: RollAttachment;
  standing: Standing;
  /** Posts held in this cell that day. */
  cellPositions: readonly Position[];
}

// Calendar days without time zones: a day's UTC midnight serves only for arithmetic.
export function isPartyStanding(status: MemberStatus): status is 'probationary' | 'official' {
  return status === 'probationary' || status === 'official';
}

function layerOf(p: StatusPeriod | undefined): StatusLayer | null {
  return p ? { from: p.from, to: p.to, reason: p.reason ?? null, decisionRef: p.decisionRef ?? null } : null;
}

/**
 * Status, cells and posts of a member on `date`, or null when they are not a member that day
 * (not yet admitted, or no party standing covers the day: removed, transferred out of the
 * register). On invalid histories (see validateHistory) the period that started last wins.
 */
export function standingOn(history: MemberHistory, date: IsoDateString): Standing | null {
  if (history.admittedOn === null || date < history.admittedOn) return null;
  const base = latestCovering(history.statuses.filter((s) => isPartyStanding(s.status)), date);
  if (!base || !isPartyStanding(base.status)) return null;
  const exempt = latestCovering(history.statuses.filter((s) => s.status === 'exempt'), date);
  const suspended = latestCovering(history.statuses.filter((s) => s.status === 'suspended'), date);
  const home = latestCovering(history.memberships.filter((m) => m.kind === 'official'), date);
  const temporary = latestCovering(history.memberships.filter((m) => m.kind === 'temporary'), date);
  const exemptLayer = layerOf(exempt);
  return {
    memberId: history.memberId,
    fullName: history.fullName,
    status: base.status,
    exempt: exemptLayer ? { ...exemptLayer, track: exempt?.exemptTrack ?? null } : null,
    suspended: layerOf(suspended),
    homeCellId: home?.organizationId ?? null,
    temporaryCellId: temporary?.organizationId ?? null,
    positions: history.positions.filter((p) => spanCovers(p, date)),
  };
}

/**
 * The cell's roll on `date`: members officially attached there (marked 'away' while they are
 * "sinh hoạt tạm thời" elsewhere) and members of other cells temporarily attached there,
 * in register order (given name, then middle and family name).
 */
export function rollOn(histories: readonly MemberHistory[], cellId: string, date: IsoDateString): RollEntry[] {
  const roll: RollEntry[] = [];
  for (const history of histories) {
    const standing = standingOn(history, date);
    if (!standing) continue;
    let attachment: RollAttachment;
    if (standing.homeCellId === cellId) attachment = standing.temporaryCellId === null ? 'home' : 'away';
    else if (standing.temporaryCellId === cellId) attachment = 'temporary';
    else continue;
    const cellPositions = standing.positions.filter((p) => p.organizationId === cellId).map((p) => p.position);
    roll.push({ memberId: standing.memberId, fullName: standing.fullName, attachment, standing, cellPositions });
  }
  return roll.sort((a, b) => compareVietnameseNames(a.fullName, b.fullName));
}

/** Meets with this cell: its own members and its temporary guests, not its members "sinh hoạt tạm thời" elsewhere. */
export function meetsInCell(entry: RollEntry): boolean {
  return entry.attachment !== 'away';
}

/**
 * Counts in the cell's number of official members ("đảng số") that the size thresholds read:
 * exempt and away members still belong to it; temporary guests belong to their own cell.
 */
export function isOfficialMemberOfCell(entry: RollEntry): boolean {
  return entry.attachment !== 'temporary' && entry.standing.status === 'official';
}

/** HD 12-HD/BTCTW tiêu chí 1: the attendance rate leaves out exempt members (and those away). */
export function isInAttendanceDenominator(entry: RollEntry, rules: MembershipRules): boolean {
  if (entry.attachment === 'away' || entry.standing.exempt !== null) return false;
  return !(entry.standing.suspended !== null && rules.attendanceExcludesSuspended.value);
}

export type VoterClass = 'counted' | 'if_present' | 'not_counted';

/**
 * Who a vote counts (QĐ 24 mục 9.3.2, kept in QĐ 294): official members only (Điều lệ Đ.3 k4
 * bars probationary ones); not those suspended or attached elsewhere; exempt members only if
 * present and voting. Absence with an approved reason is a fact of the meeting, not of the roll.
 */
export function classifyVoter(entry: RollEntry, rules: MembershipRules): VoterClass {
  const s = entry.standing;
  if (s.status !== 'official' || s.suspended !== null || entry.attachment === 'away') return 'not_counted';
  if (entry.attachment === 'temporary' && !rules.temporaryMembersVoteInHostCell.value) return 'not_counted';
  return s.exempt !== null ? 'if_present' : 'counted';
}

/** Điều lệ Đ.5 k1: probation lasts 12 months from the admission ceremony. */
export function probationDueDate(admittedOn: IsoDateString, rules: MembershipRules): IsoDateString {
  return addMonths(admittedOn, rules.probationMonths.value);
}

/**
 * The cell holding a member's record on `day`: the official attachment that started last by
 * then (a transfer dated later moves the record on its date); before any has started, the first.
 */
export function recordCellOn(history: Pick<MemberHistory, 'memberships'>, day: IsoDateString): string | null {
  const homes = history.memberships.filter((m) => m.kind === 'official').sort((a, b) => a.from.localeCompare(b.from));
  return (homes.filter((m) => m.from <= day).at(-1) ?? homes[0])?.organizationId ?? null;
}

/** The first day of official standing on or after admission: the confirmation date (null: not confirmed). */
/** Only the dates matter: a stored history, a form's or the API's all answer it. */
type StandingDates = { admittedOn: IsoDateString | null; statuses: readonly { status: MemberStatus; from: IsoDateString }[] };

export function confirmedOnOf(history: StandingDates): IsoDateString | null {
  const admitted = history.admittedOn;
  if (admitted === null) return null;
  const days = history.statuses.filter((s) => s.status === 'official' && s.from >= admitted).map((s) => s.from).sort();
  return days[0] ?? null;
}

export function isConfirmed(history: StandingDates): boolean {
  return confirmedOnOf(history) !== null;
}

export interface ProbationAlert {
  memberId: string;
  fullName: string;
  admittedOn: IsoDateString;
  dueDate: IsoDateString;
  /** Days from `today` to the due date; negative once overdue. */
  daysLeft: number;
  state: 'due_soon' | 'overdue';
  message: string;
}

/**
 * Members of the cell (official attachment, wherever they meet) whose probation ends within
 * the alert window or has ended without confirmation. The list is read from attachments, not
 * from standing, so a probation closed in the register without confirmation still shows.
 */
export function probationAlerts(
  histories: readonly MemberHistory[],
  cellId: string,
  today: IsoDateString,
  rules: MembershipRules,
): ProbationAlert[] {
  const alerts: ProbationAlert[] = [];
  for (const h of histories) {
    const admitted = h.admittedOn;
    if (admitted === null || admitted > today || isConfirmed(h)) continue;
    const home = latestCovering(h.memberships.filter((m) => m.kind === 'official'), today);
    if (home?.organizationId !== cellId) continue;
    const dueDate = probationDueDate(admitted, rules);
    const daysLeft = daysBetween(today, dueDate);
    if (daysLeft > rules.probationAlertDays.value) continue;
    const due = formatDateVi(dueDate);
    const message =
      daysLeft < 0
        ? `Đã hết thời kỳ dự bị từ ${due}, quá ${-daysLeft} ngày chưa được công nhận đảng viên chính thức.`
        : `Hết thời kỳ dự bị ngày ${due} (còn ${daysLeft} ngày): chuẩn bị xét công nhận đảng viên chính thức.`;
    alerts.push({ memberId: h.memberId, fullName: h.fullName, admittedOn: admitted, dueDate, daysLeft, state: daysLeft < 0 ? 'overdue' : 'due_soon', message });
  }
  return alerts.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || compareVietnameseNames(a.fullName, b.fullName));
}

export interface LeadershipWarning {
  code:
    | 'too_few_official_members'
    | 'committee_too_small'
    | 'committee_expected'
    | 'several_secretaries'
    | 'deputy_without_secretary'
    | 'no_secretary'
    | 'officer_not_official';
  message: string;
}

const ELECTED: readonly Position[] = ['secretary', 'deputy_secretary', 'committee_member'];
export const POSITION_LABEL: Readonly<Record<Position, string>> = {
  secretary: 'bí thư',
  deputy_secretary: 'phó bí thư',
  committee_member: 'chi ủy viên',
  group_leader: 'tổ trưởng đảng',
};

/** Where a shape breaks the rules, say so: the register warns, it does not silently accept. */
export function leadershipWarnings(roll: readonly RollEntry[], rules: MembershipRules): LeadershipWarning[] {
  const warnings: LeadershipWarning[] = [];
  const official = roll.filter(isOfficialMemberOfCell).length;
  const holders = (p: Position) => roll.filter((e) => e.cellPositions.includes(p));
  const [secretaries, deputies, committee] = [holders('secretary'), holders('deputy_secretary'), holders('committee_member')];
  const min = rules.minCellOfficialMembers;
  const ch = rules.committeeMinOfficialMembers;
  const cite = (r: { source: string; article: string }) => `${r.source}, ${r.article}`;
  if (official < min.value)
    warnings.push({ code: 'too_few_official_members', message: `Chi bộ có ${official} đảng viên chính thức, dưới mức tối thiểu ${min.value} (${cite(min)}): cấp ủy cấp trên cần bổ sung hoặc hợp nhất chi bộ.` });
  if (committee.length > 0 && official < ch.value)
    warnings.push({ code: 'committee_too_small', message: `Chi bộ có chi ủy viên nhưng chỉ có ${official} đảng viên chính thức; chi ủy chỉ bầu khi có từ ${ch.value} đảng viên chính thức (${cite(ch)}), dưới mức đó bầu bí thư và phó bí thư.` });
  if (committee.length === 0 && official >= ch.value)
    warnings.push({ code: 'committee_expected', message: `Chi bộ có ${official} đảng viên chính thức (từ ${ch.value} trở lên) nhưng chưa có chi ủy (${cite(ch)}).` });
  if (secretaries.length > 1)
    warnings.push({ code: 'several_secretaries', message: `Chi bộ có ${secretaries.length} bí thư cùng lúc: ${secretaries.map((e) => e.fullName).join(', ')}.` });
  if (secretaries.length === 0 && deputies.length > 0)
    warnings.push({ code: 'deputy_without_secretary', message: 'Chi bộ có phó bí thư nhưng không có bí thư.' });
  else if (secretaries.length === 0 && roll.length > 0) warnings.push({ code: 'no_secretary', message: 'Chi bộ chưa có bí thư.' });
  for (const e of roll) {
    const posts = e.cellPositions.filter((p) => ELECTED.includes(p));
    if (posts.length > 0 && e.standing.status !== 'official')
      warnings.push({ code: 'officer_not_official', message: `Đồng chí ${e.fullName} giữ chức ${posts.map((p) => POSITION_LABEL[p]).join(', ')} nhưng chưa là đảng viên chính thức (Điều lệ Đ.3 k4: đảng viên dự bị không có quyền ứng cử).` });
  }
  return warnings;
}
