/**
 * The meeting rules an organization's meetings are judged by: core `ruleSetFor` with the
 * overrides its ancestors set (ADR 0006). Two sources feed the overrides, root first:
 * an organization's `regularMeetingDay` setting (issue 3) is an undated target-day override,
 * and `rule_overrides` rows are dated values a superior committee set for its subtree.
 */
import crypto from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { OVERRIDE_BOUNDS, ruleSetFor, type IsoDateString, type MeetingRules, type RuleOverride, type RuleOverrideInput } from '@chibo/core';
import type { Queryable } from '../../db/client.ts';
import { ruleOverrides } from '../../db/schema/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Ctx } from '../../lib/context.ts';
import { authorizeOnOrganization, requireActor } from '../../lib/policy.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { ancestries, type OrganizationRow } from '../organizations/organizations.repo.ts';

export type RulesOn = (date: IsoDateString) => MeetingRules;
type OverrideRow = typeof ruleOverrides.$inferSelect;

/** Before any guidance this product knows: a setting applies to every meeting. */
const ALWAYS = '1900-01-01';

function overridesOfChain(chain: readonly OrganizationRow[], rows: readonly OverrideRow[]): RuleOverride[] {
  const out: RuleOverride[] = [];
  for (const org of chain) {
    const day = org.settings.regularMeetingDay;
    if (day !== undefined) out.push({ organizationId: org.id, organizationName: org.name, rule: 'targetDay', value: day, from: ALWAYS });
    for (const r of rows.filter((x) => x.organizationId === org.id).sort((a, b) => a.fromDate.localeCompare(b.fromDate))) {
      out.push({ organizationId: org.id, organizationName: org.name, rule: r.rule as RuleOverride['rule'], value: r.value, from: r.fromDate });
    }
  }
  return out;
}

/** `rulesOn(date)` for each organization, with two queries whatever their number. */
export async function rulesOfOrganizations(db: Queryable, orgs: readonly OrganizationRow[]): Promise<Map<string, RulesOn>> {
  const chains = await ancestries(db, orgs);
  const ids = [...new Set([...chains.values()].flat().map((o) => o.id))];
  const rows = ids.length === 0 ? [] : await db.select().from(ruleOverrides).where(inArray(ruleOverrides.organizationId, ids));
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
  id: string;
  organizationId: string;
  organizationName: string;
  rule: RuleOverrideInput['rule'];
  value: number;
  from: string;
  inherited: boolean;
}

/** The overrides in force at an organization: its own and those of its ancestors. */
export async function listOverrides(ctx: Ctx, organizationId: string): Promise<OverrideView[]> {
  const org = await authorizeOnOrganization(ctx, 'org.read', organizationId);
  const chain = (await ancestries(ctx.db, [org])).get(org.id) ?? [org];
  const names = new Map(chain.map((o) => [o.id, o.name]));
  const rows = await ctx.db
    .select()
    .from(ruleOverrides)
    .where(inArray(ruleOverrides.organizationId, chain.map((o) => o.id)))
    .orderBy(asc(ruleOverrides.rule), asc(ruleOverrides.fromDate));
  return rows.map((r) => ({
    id: r.id,
    organizationId: r.organizationId,
    organizationName: names.get(r.organizationId) ?? '',
    rule: r.rule as OverrideView['rule'],
    value: r.value,
    from: r.fromDate,
    inherited: r.organizationId !== org.id,
  }));
}

/** A superior committee sets a value for its subtree (rules.manage on the organization). */
export async function setOverride(ctx: Ctx, organizationId: string, input: RuleOverrideInput): Promise<OverrideView> {
  const actor = requireActor(ctx);
  const org = await authorizeOnOrganization(ctx, 'rules.manage', organizationId);
  const { min, max, message } = OVERRIDE_BOUNDS[input.rule];
  if (input.value < min || input.value > max) {
    throw new AppError('validation_failed', message, { issues: [{ path: 'value', message }] });
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(ruleOverrides)
      .where(and(eq(ruleOverrides.organizationId, org.id), eq(ruleOverrides.rule, input.rule), eq(ruleOverrides.fromDate, input.from)))
      .for('update');
    const row = existing
      ? (await tx.update(ruleOverrides).set({ value: input.value, setByAccountId: actor.accountId, createdAt: now }).where(eq(ruleOverrides.id, existing.id)).returning())[0]
      : (
          await tx
            .insert(ruleOverrides)
            .values({ id: crypto.randomUUID(), organizationId: org.id, rule: input.rule, value: input.value, fromDate: input.from, setByAccountId: actor.accountId, createdAt: now })
            .returning()
        )[0];
    if (!row) throw new AppError('internal_error');
    await recordAudit(tx, {
      at: now,
      actorAccountId: actor.accountId,
      actorName: actor.displayName,
      action: 'rules.override_set',
      targetType: 'organization',
      targetId: org.id,
      organizationId: org.id,
      organizationPath: org.path,
      data: { rule: input.rule, from: input.from, before: existing?.value ?? null, after: input.value },
    });
    return { id: row.id, organizationId: org.id, organizationName: org.name, rule: input.rule, value: row.value, from: row.fromDate, inherited: false };
  });
}

export async function removeOverride(ctx: Ctx, id: string): Promise<void> {
  const actor = requireActor(ctx);
  const [row] = await ctx.db.select().from(ruleOverrides).where(eq(ruleOverrides.id, id));
  if (!row) throw new AppError('not_found', 'Không tìm thấy quy định điều chỉnh.');
  const org = await authorizeOnOrganization(ctx, 'rules.manage', row.organizationId);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.delete(ruleOverrides).where(eq(ruleOverrides.id, id));
    await recordAudit(tx, {
      at: now,
      actorAccountId: actor.accountId,
      actorName: actor.displayName,
      action: 'rules.override_removed',
      targetType: 'organization',
      targetId: org.id,
      organizationId: org.id,
      organizationPath: org.path,
      data: { rule: row.rule, from: row.fromDate, value: row.value },
    });
  });
}
