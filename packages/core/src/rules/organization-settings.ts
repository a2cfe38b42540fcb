/**
 * Per-organization settings that later rules read (issue 3, point 1), inherited down the tree:
 * a value set on an organization applies to its whole subtree unless an organization below
 * sets its own. Each setting has a default with its source, like every rule value.
 */
import { z } from 'zod';
import type { MembershipRules, RuleValue } from './membership-rules.ts';
import { text } from '../contracts/common.ts';

export const OrganizationSettings = z
  .object({
    /** Regular meeting held by this day of each month (HD 42: "định kỳ hằng tháng"; the seed's cell: before the 10th). */
    regularMeetingDay: z.number({ error: 'Ngày sinh hoạt định kỳ phải là số.' }).int().min(1, { error: 'Ngày trong tháng từ 1 đến 31.' }).max(31, { error: 'Ngày trong tháng từ 1 đến 31.' }),
    /** Usual meeting place, printed on notices. */
    meetingPlace: text(2, 200),
    /** Days before probation ends that the cell and its superior are alerted. */
    probationAlertDays: z.number().int().min(7, { error: 'Ít nhất 7 ngày.' }).max(120, { error: 'Nhiều nhất 120 ngày.' }),
  })
  .partial()
  .strict();
export type OrganizationSettings = z.infer<typeof OrganizationSettings>;
export type SettingKey = keyof OrganizationSettings;
export const SETTING_KEYS = ['regularMeetingDay', 'meetingPlace', 'probationAlertDays'] as const satisfies readonly SettingKey[];

export const SETTING_DEFAULTS: { readonly [K in SettingKey]: RuleValue<NonNullable<OrganizationSettings[K]>> | null } = {
  regularMeetingDay: {
    value: 10,
    source: 'Thực tiễn (bài báo nguồn: chi bộ sinh hoạt trước ngày 10 hằng tháng)',
    article: 'reference/rules.md, "target day"',
    tag: 'PRACTICE',
    effectiveFrom: '2018-07-06',
    note: 'Hướng dẫn quy định sinh hoạt hằng tháng nhưng không ấn định ngày: cấp ủy cấp trên đặt ngày; mặc định 10.',
  },
  meetingPlace: null,
  probationAlertDays: {
    value: 30,
    source: 'Issue 3 (yêu cầu sản phẩm)',
    article: 'mục 4',
    tag: 'PRACTICE',
    effectiveFrom: '2011-01-19',
  },
};

export interface EffectiveSetting<T> {
  value: T | null;
  /** The organization that set it, or null for the default. */
  setBy: string | null;
}
export type EffectiveSettings = { [K in SettingKey]: EffectiveSetting<NonNullable<OrganizationSettings[K]>> };

/**
 * Settings in force at an organization: `chain` runs from the root down to it, each with the
 * values it sets itself. The nearest organization that sets a key wins; otherwise the default.
 */
export function effectiveSettings(chain: readonly { id: string; settings: OrganizationSettings }[]): EffectiveSettings {
  const pick = <K extends SettingKey>(key: K): EffectiveSetting<NonNullable<OrganizationSettings[K]>> => {
    for (let i = chain.length - 1; i >= 0; i--) {
      const link = chain[i];
      const v = link?.settings[key];
      if (link && v !== undefined && v !== null) return { value: v, setBy: link.id };
    }
    const d = SETTING_DEFAULTS[key];
    return { value: (d?.value ?? null), setBy: null };
  };
  return { regularMeetingDay: pick('regularMeetingDay'), meetingPlace: pick('meetingPlace'), probationAlertDays: pick('probationAlertDays') };
}

/** The membership rules as an organization's settings adjust them (the probation alert window). */
export function membershipRulesWith(rules: MembershipRules, settings: EffectiveSettings): MembershipRules {
  const days = settings.probationAlertDays.value;
  return days === null ? rules : { ...rules, probationAlertDays: { ...rules.probationAlertDays, value: days } };
}
