/**
 * The meeting rules an organization's meetings are judged by: core `ruleSetFor` with the
 * overrides its ancestors set (ADR 0006). Two sources feed the overrides, root first:
 * an organization's `regularMeetingDay` setting (issue 3) is an undated target-day override,
 * and `rule_overrides` rows are dated values a superior committee set for its subtree.
 */
import crypto from 'node:crypto';
import { ruleSetFor, type IsoDateString, type MeetingRules, type RuleOverride, type RuleOverrideInput } from '@chibo/core';
import type { Queryable } from '../../db/client.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Ctx } from '../../lib/context.ts';
import { requireActor } from '../../lib/policy.ts';
import { recordChange } from '../audit/audit.service.ts';
import { ancestries, authorizeOnOrganization, type OrganizationRow } from '../organizations/organizations.service.ts';
import { checkOverrideValue } from './rule-overrides.policy.ts';
import * as repo from './rule-overrides.repo.ts';

export type RulesOn = (date: IsoDateString) => MeetingRules;

/** Before any guidance this product knows: a setting applies to every meeting. */
const ALWAYS = '1900-01-01';

function overridesOfChain(chain: readonly OrganizationRow[], rows: readonly repo.OverrideRow[]): RuleOverride[] {
  const out: RuleOverride[] = [];
  for (const org of chain) {
    const day = org.settings.regularMeetingDay;
    if (day !== undefined) out.push({ organizationId: org.id, organizationName: org.name, rule: 'targetDay', value: day, from: ALWAYS });
    for (const r of rows.filter((x) => x.organizationId === org.id).sort((a, b) => a.fromDate.localeCompare(b.fromDate))) {
      out.push({ organizationId: org.id, organizationName: org.name, rule: r.rule, value: r.value, from: r.fromDate });
    }
  }
  return out;
}

/** `rulesOn(date)` for each organization, with two queries whatever their number. */
export async function rulesOfOrganizations(db: Queryable, orgs: readonly OrganizationRow[]): Promise<Map<string, RulesOn>> {
  const chains = await ancestries(db, orgs);
  const rows = await repo.overridesOn(db, [...new Set([...chains.values()].flat().map((o) => o.id))]);
  const out = new Map<string, RulesOn>();
  for (const org of orgs) {
    const overrides = overridesOfChain(chains.get(org.id) ?? [org], rows);
    const memo = new Map<string, MeetingRules>();
    out.set(org.id, (date) => {
      let r = memo.get(date);
      if (!r) {
        r = ruleSetFor(date, overrides);
        memo.set(date, r);
      }
      return r;
    });
  }
  return out;
}

export async function rulesOf(db: Queryable, org: OrganizationRow): Promise<RulesOn> {
  const m = await rulesOfOrganizations(db, [org]);
  return m.get(org.id) ?? ((date: IsoDateString) => ruleSetFor(date));
}

export interface OverrideView {
  row: repo.OverrideRow;
  organizationName: string;
  inherited: boolean;
}

/** The overrides in force at an organization: its own and those of its ancestors. */
export async function listOverrides(ctx: Ctx, organizationId: string): Promise<OverrideView[]> {
  const org = await authorizeOnOrganization(ctx, 'org.read', organizationId);
  const chain = (await ancestries(ctx.db, [org])).get(org.id) ?? [org];
  const names = new Map(chain.map((o) => [o.id, o.name]));
  const rows = await repo.overridesOn(ctx.db, chain.map((o) => o.id));
  return rows.map((row) => ({ row, organizationName: names.get(row.organizationId) ?? '', inherited: row.organizationId !== org.id }));
}

/** A superior committee sets a value for its subtree (rules.manage on the organization). */
export async function setOverride(ctx: Ctx, organizationId: string, input: RuleOverrideInput): Promise<OverrideView> {
  const actor = requireActor(ctx);
  const org = await authorizeOnOrganization(ctx, 'rules.manage', organizationId);
  checkOverrideValue(input.rule, input.value);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const existing = await repo.lockOverrideAt(tx, org.id, input.rule, input.from);
    const row = existing
      ? await repo.updateOverride(tx, existing.id, { value: input.value, setByAccountId: actor.accountId, createdAt: now })
      : await repo.insertOverride(tx, { id: crypto.randomUUID(), organizationId: org.id, rule: input.rule, value: input.value, fromDate: input.from, setByAccountId: actor.accountId, createdAt: now });
    await recordChange(tx, ctx, {
      at: now,
      action: 'rules.override_set',
      targetType: 'organization',
      targetId: org.id,
      organization: org,
      data: { rule: input.rule, from: input.from, before: existing?.value ?? null, after: input.value },
    });
    return { row, organizationName: org.name, inherited: false };
  });
}

export async function removeOverride(ctx: Ctx, id: string): Promise<void> {
  const row = await repo.findOverride(ctx.db, id);
  if (!row) throw new AppError('not_found', 'Không tìm thấy quy định điều chỉnh.');
  const org = await authorizeOnOrganization(ctx, 'rules.manage', row.organizationId);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.deleteOverride(tx, id);
    await recordChange(tx, ctx, {
      at: now,
      action: 'rules.override_removed',
      targetType: 'organization',
      targetId: org.id,
      organization: org,
      data: { rule: row.rule, from: row.fromDate, value: row.value },
    });
  });
}
