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
    /** Usual meeting place, printed on notices. */
    meetingPlace: text(2, 200),
    /** Days before probation ends that the cell and its superior are alerted. */
    probationAlertDays: z.number().int().min(7, { error: 'Ít nhất 7 ngày.' }).max(120, { error: 'Nhiều nhất 120 ngày.' }),
  })
  .partial()
  .strict();
export type OrganizationSettings = z.infer<typeof OrganizationSettings>;
export type SettingKey = keyof OrganizationSettings;
export const SETTING_KEYS = ['meetingPlace', 'probationAlertDays'] as const satisfies readonly SettingKey[];

export const SETTING_DEFAULTS: { readonly [K in SettingKey]: RuleValue<NonNullable<OrganizationSettings[K]>> | null } = {
  meetingPlace: null,
  probationAlertDays: {
    value: 30,
    source: 'Chi bộ số',
    article: 'cấp ủy đặt lại được cho tổ chức mình và cấp dưới',
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
  return { meetingPlace: pick('meetingPlace'), probationAlertDays: pick('probationAlertDays') };
}

/** The membership rules as an organization's settings adjust them (the probation alert window). */
export function membershipRulesWith(rules: MembershipRules, settings: EffectiveSettings): MembershipRules {
  const days = settings.probationAlertDays.value;
  return days === null ? rules : { ...rules, probationAlertDays: { ...rules.probationAlertDays, value: days } };
}
