/**
 * Rule values for cells and members (reference/rules.md, "Cells and members"), kept as data:
 * the documents change often (QĐ 24 → QĐ 232 → QĐ 294 in four years), so each value carries
 * its source, article, confidence tag and the date it took effect, and a date is judged by the
 * set in force on it (`membershipRulesOn`). A new document is a new set appended below, never
 * an edit of a past one: dates already judged must keep their answer.
 */

/** A calendar day 'YYYY-MM-DD'; such strings order as the days do, so `<` compares them. */
export type IsoDateString = string;

/** rules.md: OFFICIAL text, PRESS summary, PRACTICE (local rubrics), UNCONFIRMED (configurable). */
export type RuleTag = 'OFFICIAL' | 'PRESS' | 'PRACTICE' | 'UNCONFIRMED';

export interface RuleValue<T> {
  readonly value: T;
  readonly source: string;
  readonly article: string;
  readonly tag: RuleTag;
  readonly effectiveFrom: IsoDateString;
  readonly note?: string;
}

export interface MembershipRules {
  /** The first day this set is in force. */
  readonly effectiveFrom: IsoDateString;
  readonly minCellOfficialMembers: RuleValue<number>;
  readonly committeeMinOfficialMembers: RuleValue<number>;
  readonly probationMonths: RuleValue<number>;
  readonly probationAlertDays: RuleValue<number>;
  readonly confirmationWindowWorkingDays: RuleValue<number>;
  readonly exemptionDecidedBy: RuleValue<Readonly<Record<'A' | 'B', 'cell' | 'grassroots_committee'>>>;
  readonly attendanceExcludesSuspended: RuleValue<boolean>;
  readonly temporaryMembersVoteInHostCell: RuleValue<boolean>;
}

const CHARTER = 'Điều lệ Đảng (Đại hội XI, 2011)';
const CHARTER_FROM = '2011-01-19';

export const MEMBERSHIP_RULES_2025: MembershipRules = {
  effectiveFrom: '2025-07-01',
  minCellOfficialMembers: {
    value: 3,
    source: CHARTER,
    article: 'Điều 24 khoản 1',
    tag: 'OFFICIAL',
    effectiveFrom: CHARTER_FROM,
    note: 'Chi bộ có từ ba đảng viên chính thức trở lên.',
  },
  committeeMinOfficialMembers: {
    value: 9,
    source: CHARTER,
    article: 'Điều 24 khoản 4',
    tag: 'OFFICIAL',
    effectiveFrom: CHARTER_FROM,
    note: 'Dưới 9 đảng viên chính thức bầu bí thư (và phó bí thư nếu cần); từ 9 trở lên bầu chi ủy. Đảng viên miễn sinh hoạt vẫn tính vào đảng số.',
  },
  probationMonths: {
    value: 12,
    source: CHARTER,
    article: 'Điều 5 khoản 1',
    tag: 'OFFICIAL',
    effectiveFrom: CHARTER_FROM,
    note: 'Thời kỳ dự bị mười hai tháng, tính từ ngày chi bộ tổ chức lễ kết nạp.',
  },
  probationAlertDays: {
    value: 30,
    source: 'Issue 3 (yêu cầu sản phẩm)',
    article: 'mục 4',
    tag: 'PRACTICE',
    effectiveFrom: CHARTER_FROM,
    note: 'Báo trước cho chi bộ và cấp trên khi thời kỳ dự bị còn 30 ngày; thiết lập được.',
  },
  confirmationWindowWorkingDays: {
    value: 30,
    source: 'QĐ 294-QĐ/TW (26/5/2025)',
    article: 'Điều 5 khoản 4',
    tag: 'PRACTICE',
    effectiveFrom: '2025-07-01',
    note: 'Chi bộ xét công nhận chính thức trong 30 ngày làm việc sau khi hết dự bị (trích qua bộ câu hỏi, chưa đối chiếu văn bản gốc).',
  },
  exemptionDecidedBy: {
    value: { A: 'cell', B: 'grassroots_committee' },
    source: `${CHARTER}; QĐ 24-QĐ/TW mục 7.1; HD 12-HD/BTCTW (2022) mục IV 1.2`,
    article: 'Điều 7',
    tag: 'OFFICIAL',
    effectiveFrom: CHARTER_FROM,
    note: 'Diện A (tuổi cao, sức yếu): chi bộ quyết định, báo cáo cấp trên. Diện B (lý do khác): chi bộ đề nghị, cấp ủy cơ sở quyết định.',
  },
  attendanceExcludesSuspended: {
    value: true,
    source: 'HD 12-HD/BTCTW (2018) tiêu chí 1; HD 03-HD/TW (2022)',
    article: '—',
    tag: 'UNCONFIRMED',
    effectiveFrom: CHARTER_FROM,
    note: 'Văn bản chỉ loại trừ đảng viên miễn sinh hoạt; người bị đình chỉ không được sinh hoạt nên không thể "vắng", và hướng dẫn họp trực tuyến loại cả hai. Thiết lập được.',
  },
  temporaryMembersVoteInHostCell: {
    value: false,
    source: 'Quy chế bầu cử trong Đảng (QĐ 244-QĐ/TW 2014, nay QĐ 190-QĐ/TW 2024)',
    article: 'Điều 15 khoản 2 (bầu cử)',
    tag: 'UNCONFIRMED',
    effectiveFrom: CHARTER_FROM,
    note: 'Quy chế bầu cử: đảng viên sinh hoạt tạm thời không có quyền bầu cử ở đại hội nơi sinh hoạt tạm thời; với biểu quyết thường kỳ chưa tìm thấy văn bản.',
  },
};

/** Oldest first. */
export const MEMBERSHIP_RULE_SETS: readonly MembershipRules[] = [MEMBERSHIP_RULES_2025];

/**
 * The set in force on `date`. Dates before the first set fall back to it: the register holds
 * members admitted decades ago, and older documents are not encoded (UNCONFIRMED).
 */
export function membershipRulesOn(date: IsoDateString, sets: readonly MembershipRules[] = MEMBERSHIP_RULE_SETS): MembershipRules {
  let found = sets[0];
  for (const set of sets) if (set.effectiveFrom <= date) found = set;
  if (found === undefined) throw new Error('membershipRulesOn: no rule set');
  return found;
}
