/**
 * The meeting rules on the wire: a superior committee's dated override of a value for its
 * subtree, what it would change before it is saved, and the rules in force at an organization.
 */
import { z } from 'zod';
import { Id, IsoDate } from './common.ts';
import { OVERRIDABLE, OVERRIDE_BOUNDS, type OverridableRule } from '../rules/meeting-rules.ts';

export const OverridableRuleSchema = z.enum(OVERRIDABLE, { error: 'Quy định không điều chỉnh được.' });

/** Within its rule's bounds (core OVERRIDE_BOUNDS), with the bounds in the message: 0 for a day of the month is refused, never rounded. */
const withinBounds = <T extends { rule: OverridableRule; value: number }>(v: T, ctx: z.RefinementCtx) => {
  const { min, max, message } = OVERRIDE_BOUNDS[v.rule];
  if (v.value < min || v.value > max) ctx.addIssue({ code: 'custom', path: ['value'], message });
};

const OverrideFields = z.object({
  rule: OverridableRuleSchema,
  value: z.number({ error: 'Giá trị phải là số.' }).int({ error: 'Giá trị phải là số nguyên.' }),
  from: IsoDate,
});

export const RuleOverridePreviewInput = OverrideFields.superRefine(withinBounds);
export type RuleOverridePreviewInput = z.infer<typeof RuleOverridePreviewInput>;

export const RuleOverrideInput = OverrideFields.extend({
  /**
   * A start day already past rewrites how past days are judged: refused unless the superior
   * says so explicitly (after seeing the preview).
   */
  applyToPast: z.boolean().default(false),
}).superRefine(withinBounds);
export type RuleOverrideInput = z.infer<typeof RuleOverrideInput>;

export const RuleOverrideDto = z.object({
  id: Id,
  organizationId: Id,
  organizationName: z.string(),
  rule: OverridableRuleSchema,
  value: z.number().int(),
  from: IsoDate,
  /** Set by a committee above (shown, not removable here). */
  inherited: z.boolean(),
  /** Applies to every period, whatever its date (carried over from an undated setting). */
  always: z.boolean(),
});
export type RuleOverrideDto = z.infer<typeof RuleOverrideDto>;
export const RuleOverrideListResponse = z.object({ items: z.array(RuleOverrideDto) });

/** What an override would change: for each cell of the subtree whose value moves, the months it moves in. */
export const RuleOverridePreviewDto = z.object({
  rule: OverridableRuleSchema,
  value: z.number().int(),
  from: IsoDate,
  /** The value in force at the organization today, before the change. */
  current: z.number().int().nullable(),
  /** Months ('YYYY-MM') whose judgement changes for at least one cell, in order. */
  months: z.array(z.string()),
  /** Those of `months` already over: changing them needs applyToPast. */
  pastMonths: z.array(z.string()),
  /** Does the start day lie in the past (so saving needs applyToPast)? */
  startsInPast: z.boolean(),
  cellsChanged: z.number().int(),
  /** Cells of the subtree where a nearer committee's own value keeps theirs unchanged. */
  cellsShadowed: z.number().int(),
  cells: z.array(z.object({ organizationId: Id, organizationName: z.string(), before: z.number().int().nullable(), after: z.number().int().nullable(), months: z.array(z.string()) })),
});
export type RuleOverridePreviewDto = z.infer<typeof RuleOverridePreviewDto>;

/** The rules an organization's meetings are judged by today, each value with where it comes from. */
export const RulesInForceDto = z.object({
  on: IsoDate,
  rulesId: z.string(),
  title: z.string(),
  values: z.array(
    z.object({
      rule: OverridableRuleSchema,
      value: z.number().int().nullable(),
      source: z.string(),
      article: z.string(),
      /** The committee that set it (null: the guidance itself). */
      setBy: z.object({ id: Id, name: z.string() }).nullable(),
    }),
  ),
});
export type RulesInForceDto = z.infer<typeof RulesInForceDto>;
