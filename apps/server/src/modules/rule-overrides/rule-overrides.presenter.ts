import type { RuleOverrideDto } from '@chibo/core';
import type { OverrideView } from './rule-overrides.service.ts';

type Dto = (typeof RuleOverrideDto)['_zod']['output'];

export function presentOverride(v: OverrideView): Dto {
  return { id: v.row.id, organizationId: v.row.organizationId, organizationName: v.organizationName, rule: v.row.rule, value: v.row.value, from: v.row.fromDate, inherited: v.inherited };
}
