/** Checks a member's history before it is stored: clear Vietnamese messages, a stable code and the place each applies to. */
import type { MemberStatus } from '../contracts/members.ts';
import type { MembershipRules } from '../rules/membership-rules.ts';
import { formatDateVi, isCalendarDate, isSpanCovered, spansOverlap, type DateSpan } from './calendar-days.ts';
import { isPartyStanding, POSITION_LABEL, probationDueDate, type MemberHistory, type StatusPeriod } from './member-history.ts';

export interface HistoryProblem {
  code:
    | 'invalid_date'
    | 'period_reversed'
    | 'not_admitted'
    | 'before_admission'
    | 'attachments_overlap'
    | 'temporary_without_home'
    | 'temporary_in_home_cell'
    | 'standings_overlap'
    | 'layers_overlap'
    | 'layer_outside_standing'
    | 'exempt_track_missing'
    | 'probation_not_from_admission'
    | 'confirmed_too_early'
    | 'positions_overlap'
    | 'position_outside_cell';
  /** Where a form places the message, e.g. 'statuses[2]'. */
  path: string;
  message: string;
}

const STATUS_LABEL: Readonly<Record<MemberStatus, string>> = {
  probationary: 'Dự bị',
  official: 'Chính thức',
  exempt: 'Miễn công tác và sinh hoạt đảng',
  suspended: 'Đình chỉ sinh hoạt đảng',
};
const rangeVi = (s: DateSpan) => `từ ${formatDateVi(s.from)} ${s.to === null ? 'đến nay' : `đến ${formatDateVi(s.to)}`}`;

/**
 * Problems that make a history unusable, in Vietnamese, so an import or a form can refuse it
 * with a clear message. Malformed dates are reported alone: comparing them would only add noise.
 * With `rules`, an official standing earlier than the end of probation is reported too.
 */
export function validateHistory(history: MemberHistory, rules?: MembershipRules): HistoryProblem[] {
  const problems: HistoryProblem[] = [];
  const add = (code: HistoryProblem['code'], path: string, message: string) => problems.push({ code, path, message });
  const { memberships, statuses, positions } = history;
  const admitted = history.admittedOn;
  const labelled: [string, DateSpan, string][] = [
    ...memberships.map((m, i): [string, DateSpan, string] => [`memberships[${i}]`, m, m.kind === 'official' ? 'Sinh hoạt chính thức' : 'Sinh hoạt tạm thời']),
    ...statuses.map((s, i): [string, DateSpan, string] => [`statuses[${i}]`, s, STATUS_LABEL[s.status]]),
    ...positions.map((p, i): [string, DateSpan, string] => [`positions[${i}]`, p, `Chức vụ ${POSITION_LABEL[p.position]}`]),
  ];
  if (admitted !== null && !isCalendarDate(admitted)) add('invalid_date', 'admittedOn', `Ngày kết nạp "${admitted}" không hợp lệ.`);
  for (const [path, s, label] of labelled)
    for (const d of [s.from, s.to]) if (d !== null && !isCalendarDate(d)) add('invalid_date', path, `${label}: ngày "${d}" không hợp lệ.`);
  if (problems.length > 0) return problems;

  for (const [path, s, label] of labelled) {
    if (s.to !== null && s.to < s.from)
      add('period_reversed', path, `${label}: ngày kết thúc ${formatDateVi(s.to)} trước ngày bắt đầu ${formatDateVi(s.from)}.`);
    if (admitted !== null && s.from < admitted)
      add('before_admission', path, `${label} ${rangeVi(s)} bắt đầu trước ngày kết nạp ${formatDateVi(admitted)}.`);
  }
  if (admitted === null && (memberships.length > 0 || statuses.length > 0))
    add('not_admitted', 'admittedOn', 'Chưa có ngày kết nạp nhưng đã có quá trình sinh hoạt hoặc trạng thái đảng viên.');

  const eachOverlap = <T extends DateSpan>(items: readonly T[], sameGroup: (a: T, b: T) => boolean, report: (a: T, b: T, j: number) => void) =>
    items.forEach((a, i) => items.forEach((b, j) => {
      if (j > i && sameGroup(a, b) && spansOverlap(a, b)) report(a, b, j);
    }));

  eachOverlap(memberships, (a, b) => a.kind === b.kind, (a, b, j) =>
    add('attachments_overlap', `memberships[${j}]`, a.kind === 'official'
      ? `Hai giai đoạn sinh hoạt chính thức trùng nhau (${rangeVi(a)} và ${rangeVi(b)}): mỗi ngày đảng viên chỉ sinh hoạt chính thức ở một chi bộ.`
      : `Hai giai đoạn sinh hoạt tạm thời trùng nhau (${rangeVi(a)} và ${rangeVi(b)}).`));
  const homes = memberships.filter((m) => m.kind === 'official');
  memberships.forEach((m, i) => {
    if (m.kind !== 'temporary') return;
    // "Sinh hoạt tạm thời" is always from a home cell, and never in that same cell.
    if (!isSpanCovered(m, homes))
      add('temporary_without_home', `memberships[${i}]`, `Sinh hoạt tạm thời ${rangeVi(m)} không nằm trong thời gian sinh hoạt chính thức ở chi bộ nào.`);
    if (homes.some((h) => h.organizationId === m.organizationId && spansOverlap(h, m)))
      add('temporary_in_home_cell', `memberships[${i}]`, `Sinh hoạt tạm thời ${rangeVi(m)} tại chính chi bộ sinh hoạt chính thức.`);
  });

  const isLayer = (s: StatusPeriod) => !isPartyStanding(s.status);
  eachOverlap(statuses, (a, b) => isLayer(a) === isLayer(b), (a, b, j) =>
    add(isLayer(a) ? 'layers_overlap' : 'standings_overlap', `statuses[${j}]`,
      `${STATUS_LABEL[a.status]} ${rangeVi(a)} và ${STATUS_LABEL[b.status]} ${rangeVi(b)} trùng nhau` +
        (isLayer(a) ? '.' : ': mỗi ngày đảng viên chỉ là dự bị hoặc chính thức.')));
  const standings = statuses.filter((s) => !isLayer(s));
  const firstProbation = standings.filter((s) => s.status === 'probationary').sort((a, b) => a.from.localeCompare(b.from))[0];
  statuses.forEach((s, i) => {
    const path = `statuses[${i}]`;
    // Điều lệ Đ.7: exemption frees a member from work and activities; it does not end membership.
    if (isLayer(s) && !isSpanCovered(s, standings))
      add('layer_outside_standing', path, `${STATUS_LABEL[s.status]} ${rangeVi(s)} phải nằm trong thời gian là đảng viên (dự bị hoặc chính thức).`);
    if (s.status === 'exempt' && s.exemptTrack === undefined)
      add('exempt_track_missing', path, `Miễn công tác và sinh hoạt đảng ${rangeVi(s)}: cần ghi diện A (tuổi cao, sức yếu) hay B (lý do khác).`);
    if (admitted === null) return;
    // Điều lệ Đ.5 k1: probation is counted from the admission ceremony.
    if (s === firstProbation && s.from !== admitted)
      add('probation_not_from_admission', path, `Thời kỳ dự bị phải bắt đầu từ ngày kết nạp ${formatDateVi(admitted)} (Điều lệ Đ.5 k1).`);
    const due = rules ? probationDueDate(admitted, rules) : null;
    if (rules && due !== null && s.status === 'official' && s.from >= admitted && s.from < due)
      add('confirmed_too_early', path, `Chính thức từ ${formatDateVi(s.from)}, trước khi hết ${rules.probationMonths.value} tháng dự bị (${formatDateVi(due)}; ${rules.probationMonths.source}, ${rules.probationMonths.article}).`);
  });

  eachOverlap(positions, (a, b) => a.position === b.position && a.organizationId === b.organizationId, (a, b, j) =>
    add('positions_overlap', `positions[${j}]`, `Giữ chức ${POSITION_LABEL[a.position]} hai lần trùng thời gian (${rangeVi(a)} và ${rangeVi(b)}).`));
  positions.forEach((p, i) => {
    if (!isSpanCovered(p, memberships.filter((m) => m.organizationId === p.organizationId)))
      add('position_outside_cell', `positions[${i}]`, `Chức vụ ${POSITION_LABEL[p.position]} ${rangeVi(p)} ngoài thời gian sinh hoạt tại chi bộ đó.`);
  });
  return problems;
}
