import { OVERRIDE_ALWAYS_FROM, type RuleOverrideDto } from '@chibo/core';
import type { OverrideView } from './rule-overrides.service.ts';

export function presentOverride(v: OverrideView): RuleOverrideDto {
  return { id: v.row.id, organizationId: v.row.organizationId, organizationName: v.organizationName, rule: v.row.rule, value: v.row.value, from: v.row.fromDate, inherited: v.inherited, always: v.row.fromDate <= OVERRIDE_ALWAYS_FROM };
}
