/**
 * Rules for holding cell meetings (reference/rules.md, "Meetings"; domain-brief §3), as
 * versioned data: HD 12-HD/BTCTW (06/7/2018) judges meetings before 28/10/2025 and
 * HD 42-HD/BTCTW (28/10/2025) those from that day on. Every value carries its source,
 * article, confidence tag and the day it took effect. A superior committee may set some
 * values for its subtree (`OVERRIDABLE`); `ruleSetFor` applies the nearest override.
 */
import type { IsoDateString, RuleTag, RuleValue } from './membership-rules.ts';

export interface MeetingRules {
  readonly id: 'HD12-2018' | 'HD42-2025';
  readonly title: string;
  readonly effectiveFrom: IsoDateString;
  /** Regular meeting every N months (Điều lệ: every month). */
  readonly regularEveryMonths: RuleValue<number>;
  /** Thematic meetings at least N per quarter; never a substitute for the regular one. */
  readonly thematicPerQuarter: RuleValue<number>;
  /** The regular meeting is held by this day of the month (set by the superior; default 10). */
  readonly targetDay: RuleValue<number>;
  readonly minDurationMinutes: RuleValue<number>;
  /** When a thematic meeting is held in the same session as the regular one. */
  readonly minCombinedDurationMinutes: RuleValue<number>;
  /** Documents posted at least N days before; null where the rule sets no number. */
  readonly documentsPostedDaysBefore: RuleValue<number | null>;
  /** Next month's meeting (date and topic) announced by this day of the previous month. */
  readonly nextMeetingAnnouncedByDay: RuleValue<number>;
  /** Results reported to the superior within N days after the meeting; null where none is set. */
  readonly reportToSuperiorWithinDays: RuleValue<number | null>;
}

const CHARTER = 'Điều lệ Đảng (Đại hội XI, 2011)';
const HD12 = 'HD 12-HD/BTCTW (06/7/2018) về một số vấn đề nâng cao chất lượng sinh hoạt chi bộ';
const HD42 = 'HD 42-HD/BTCTW (28/10/2025) thực hiện Chỉ thị 50-CT/TW về đổi mới, nâng cao chất lượng sinh hoạt chi bộ';

const value = <T>(v: T, source: string, article: string, tag: RuleTag, effectiveFrom: IsoDateString, note?: string): RuleValue<T> => ({
  value: v,
  source,
  article,
  tag,
  effectiveFrom,
  ...(note ? { note } : {}),
});

export const MEETING_RULES_HD12: MeetingRules = {
  id: 'HD12-2018',
  title: HD12,
  effectiveFrom: '2018-07-06',
  regularEveryMonths: value(1, CHARTER, 'Điều 24 khoản 2', 'OFFICIAL', '2011-01-19', 'Chi bộ sinh hoạt thường kỳ mỗi tháng một lần.'),
  thematicPerQuarter: value(1, HD12, 'Phần II mục 2', 'PRACTICE', '2018-07-06', 'Ít nhất mỗi quý một lần; không thay sinh hoạt thường kỳ.'),
  targetDay: value(10, 'Thực tiễn (bài báo nguồn: chi bộ sinh hoạt trước ngày 10 hằng tháng)', 'reference/rules.md, "target day"', 'PRACTICE', '2018-07-06', 'Cấp ủy cấp trên đặt ngày; mặc định 10.'),
  minDurationMinutes: value(90, HD12, 'Phần III, tiêu chí khung', 'PRESS', '2018-07-06', 'Thời gian sinh hoạt từ 90 phút trở lên.'),
  minCombinedDurationMinutes: value(90, HD12, '—', 'UNCONFIRMED', '2018-07-06', 'HD 12 không nêu riêng thời lượng khi sinh hoạt chuyên đề cùng buổi; dùng mức chung.'),
  documentsPostedDaysBefore: value(null, HD12, 'Phần II mục 1.1a', 'OFFICIAL', '2018-07-06', 'Chỉ yêu cầu "gửi trước tài liệu" khi có điều kiện, không ấn định số ngày.'),
  nextMeetingAnnouncedByDay: value(20, 'Thực tiễn Hà Nội (nhập ngày và chủ đề vào Sổ tay đảng viên khoảng ngày 20 tháng trước)', 'domain-brief §3.2', 'PRACTICE', '2018-07-06'),
  reportToSuperiorWithinDays: value(null, HD12, '—', 'UNCONFIRMED', '2018-07-06', 'Không thấy thời hạn báo cáo cấp trên trong HD 12.'),
};

export const MEETING_RULES_HD42: MeetingRules = {
  id: 'HD42-2025',
  title: HD42,
  effectiveFrom: '2025-10-28',
  regularEveryMonths: MEETING_RULES_HD12.regularEveryMonths,
  thematicPerQuarter: value(1, HD42, 'mục II 3.2', 'PRACTICE', '2025-10-28', 'Ít nhất mỗi quý một lần; nếu cùng buổi với sinh hoạt thường kỳ thì tiến hành lần lượt.'),
  targetDay: { ...MEETING_RULES_HD12.targetDay, effectiveFrom: '2025-10-28' },
  minDurationMinutes: value(90, HD42, 'mục II', 'PRESS', '2025-10-28', 'Tối thiểu 90 phút; chi bộ ít đảng viên do cấp ủy có thẩm quyền quy định.'),
  minCombinedDurationMinutes: value(120, HD42, 'mục II', 'PRESS', '2025-10-28', 'Sinh hoạt chuyên đề cùng buổi với sinh hoạt thường kỳ: tối thiểu 120 phút.'),
  documentsPostedDaysBefore: value(1, HD42, 'mục II 2.1', 'PRESS', '2025-10-28', 'Tài liệu đăng trên Sổ tay đảng viên điện tử ít nhất 01 ngày trước buổi sinh hoạt.'),
  nextMeetingAnnouncedByDay: { ...MEETING_RULES_HD12.nextMeetingAnnouncedByDay, effectiveFrom: '2025-10-28' },
  reportToSuperiorWithinDays: value(2, HD42, 'mục II 2.3 (theo thực tiễn áp dụng)', 'PRACTICE', '2025-10-28', 'Đăng kết quả và báo cáo cấp ủy cấp trên trong 02 ngày sau buổi sinh hoạt.'),
};

/** Oldest first; a new guidance is a new set appended, never an edit of a past one. */
export const MEETING_RULE_SETS: readonly MeetingRules[] = [MEETING_RULES_HD12, MEETING_RULES_HD42];

/** Values a superior committee may set for its subtree (the Charter's monthly rhythm and the quarterly minimum are not among them). */
export const OVERRIDABLE = ['targetDay', 'minDurationMinutes', 'minCombinedDurationMinutes', 'nextMeetingAnnouncedByDay', 'reportToSuperiorWithinDays'] as const;
export type OverridableRule = (typeof OVERRIDABLE)[number];

/** The range a superior may set each overridable value in, with the message when outside it. */
export const OVERRIDE_BOUNDS: Readonly<Record<OverridableRule, { min: number; max: number; message: string }>> = {
  targetDay: { min: 1, max: 31, message: 'Ngày sinh hoạt định kỳ từ 1 đến 31.' },
  nextMeetingAnnouncedByDay: { min: 1, max: 31, message: 'Ngày thông báo lịch sinh hoạt từ 1 đến 31.' },
  minDurationMinutes: { min: 30, max: 600, message: 'Thời lượng tối thiểu từ 30 đến 600 phút.' },
  minCombinedDurationMinutes: { min: 30, max: 600, message: 'Thời lượng tối thiểu từ 30 đến 600 phút.' },
  reportToSuperiorWithinDays: { min: 1, max: 60, message: 'Thời hạn báo cáo từ 1 đến 60 ngày.' },
};

/** The start day of an override that applies to every period (carried over from an undated setting). */
export const OVERRIDE_ALWAYS_FROM = '1900-01-01';

/** A value an organization set for its subtree, from a day on (the server audits setting it). */
export interface RuleOverride {
  organizationId: string;
  organizationName: string;
  rule: OverridableRule;
  value: number;
  from: IsoDateString;
}

/**
 * The rules a meeting of `date` is judged by: the guidance in force that day, with the
 * overrides of the organization's ancestors (`overrides`, root first) that had started by
 * then — the nearest organization wins. An override names its setter as the source.
 */
export function ruleSetFor(date: IsoDateString, overrides: readonly RuleOverride[] = [], sets: readonly MeetingRules[] = MEETING_RULE_SETS): MeetingRules {
  let base = sets[0];
  for (const set of sets) if (set.effectiveFrom <= date) base = set;
  if (base === undefined) throw new Error('ruleSetFor: no rule set');
  const result: Record<string, unknown> = { ...base };
  for (const o of overrides) {
    if (o.from > date || !OVERRIDABLE.includes(o.rule)) continue;
    const was = base[o.rule];
    result[o.rule] = { ...was, value: o.value, source: `${o.organizationName} quy định (thay ${was.source})`, tag: 'PRACTICE', effectiveFrom: o.from } satisfies RuleValue<number>;
  }
  return result as unknown as MeetingRules;
}

/** The override that sets `rule` for a meeting of `date` (the nearest organization's latest started one), or null: the guidance's own value. */
export function overrideInForce(rule: OverridableRule, date: IsoDateString, overrides: readonly RuleOverride[] = []): RuleOverride | null {
  let found: RuleOverride | null = null;
  for (const o of overrides) if (o.rule === rule && o.from <= date) found = o;
  return found;
}
