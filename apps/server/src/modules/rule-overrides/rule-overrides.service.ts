/**
 * The meeting rules an organization's meetings are judged by: core `ruleSetFor` with the
 * dated overrides its ancestors set (ADR 0006). A superior sees what an override would change
 * (which cells, which months) before saving it; one that starts in the past — and so rewrites
 * how past days are judged — is refused unless the superior says so explicitly, and so is
 * removing one that has already started.
 */
import crypto from 'node:crypto';
import {
  localDateOf,
  monthsChanged,
  OVERRIDABLE,
  overrideInForce,
  pastMonthsOf,
  ruleSetFor,
  type IsoDateString,
  type MeetingRules,
  type RuleOverride,
  type RuleOverrideInput,
  type RuleOverridePreviewDto,
  type RuleOverridePreviewInput,
  type RulesInForceDto,
} from '@chibo/core';
import type { Queryable } from '../../db/client.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Ctx } from '../../lib/context.ts';
import { requireActor } from '../../lib/policy.ts';
import { recordChange } from '../audit/audit.service.ts';
import { ancestries, authorizeOnOrganization, cellsUnder, type OrganizationRow } from '../organizations/organizations.service.ts';
import { checkOverrideValue, pastChangeRefusal } from './rule-overrides.policy.ts';
import * as repo from './rule-overrides.repo.ts';

export type RulesOn = (date: IsoDateString) => MeetingRules;

/** The overrides of an organization's chain (root first; within one organization by start day), as ruleSetFor reads them. */
function overridesOfChain(chain: readonly OrganizationRow[], rows: readonly repo.OverrideRow[]): RuleOverride[] {
  return chain.flatMap((org) =>
    rows
      .filter((r) => r.organizationId === org.id)
      .sort((a, b) => a.fromDate.localeCompare(b.fromDate))
      .map((r) => ({ organizationId: org.id, organizationName: org.name, rule: r.rule, value: r.value, from: r.fromDate })),
  );
}

function memoized(overrides: readonly RuleOverride[]): RulesOn {
  const memo = new Map<string, MeetingRules>();
  return (date) => {
    let r = memo.get(date);
    if (!r) {
      r = ruleSetFor(date, overrides);
      memo.set(date, r);
    }
    return r;
  };
}

/** `rulesOn(date)` for each organization, with two queries whatever their number. */
export async function rulesOfOrganizations(db: Queryable, orgs: readonly OrganizationRow[]): Promise<Map<string, RulesOn>> {
  const chains = await ancestries(db, orgs);
  const rows = await repo.overridesOn(db, [...new Set([...chains.values()].flat().map((o) => o.id))]);
  return new Map(orgs.map((org) => [org.id, memoized(overridesOfChain(chains.get(org.id) ?? [org], rows))]));
}

export async function rulesOf(db: Queryable, org: OrganizationRow): Promise<RulesOn> {
  return (await rulesOfOrganizations(db, [org])).get(org.id) ?? ((date: IsoDateString) => ruleSetFor(date));
}

const todayAt = (ctx: Ctx, org: Pick<OrganizationRow, 'timeZone'>) => localDateOf(ctx.clock.now(), org.timeZone);

/** The rules in force at an organization today, each value with its source and the committee that set it (the settings and plan pages show them). */
export async function rulesInForce(ctx: Ctx, organizationId: string): Promise<RulesInForceDto> {
  const org = await authorizeOnOrganization(ctx, 'org.read', organizationId);
  const chain = (await ancestries(ctx.db, [org])).get(org.id) ?? [org];
  const overrides = overridesOfChain(chain, await repo.overridesOn(ctx.db, chain.map((o) => o.id)));
  const on = todayAt(ctx, org);
  const rules = ruleSetFor(on, overrides);
  return {
    on,
    rulesId: rules.id,
    title: rules.title,
    values: OVERRIDABLE.map((rule) => {
      const set = overrideInForce(rule, on, overrides);
      const v = rules[rule];
      return { rule, value: v.value, source: v.source, article: v.article, setBy: set ? { id: set.organizationId, name: set.organizationName } : null };
    }),
  };
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

/**
 * What setting `input` on `org` would change: each open cell of its subtree whose value of the
 * rule moves, and the months it moves in (core monthsChanged); a cell under a committee that set
 * its own value keeps it (shadowed).
 */
async function effectsOf(db: Queryable, ctx: Ctx, org: OrganizationRow, input: RuleOverridePreviewInput, change: 'set' | 'remove'): Promise<RuleOverridePreviewDto> {
  const cells = await cellsUnder(db, org);
  const chains = await ancestries(db, [org, ...cells]);
  const rows = await repo.overridesOn(db, [...new Set([...chains.values()].flat().map((o) => o.id))]);
  const same = (r: repo.OverrideRow) => r.organizationId === org.id && r.rule === input.rule && r.fromDate === input.from;
  const proposed: repo.OverrideRow[] = [
    ...rows.filter((r) => !same(r)),
    ...(change === 'set' ? [{ id: 'proposed', organizationId: org.id, rule: input.rule, value: input.value, fromDate: input.from, setByAccountId: null, createdAt: ctx.clock.now() }] : []),
  ];
  const today = todayAt(ctx, org);
  const out: RuleOverridePreviewDto['cells'] = [];
  let shadowed = 0;
  for (const cell of cells) {
    const chain = chains.get(cell.id) ?? [cell];
    const before = memoized(overridesOfChain(chain, rows));
    const after = memoized(overridesOfChain(chain, proposed));
    const changes = monthsChanged(input.rule, before, after, input.from, todayAt(ctx, cell));
    if (changes.length > 0) {
      out.push({ organizationId: cell.id, organizationName: cell.name, before: changes[0]?.before ?? null, after: changes[0]?.after ?? null, months: changes.map((c) => c.period) });
    } else if (rows.some((r) => r.rule === input.rule && r.organizationId !== org.id && chain.some((o) => o.id === r.organizationId && o.depth > org.depth))) {
      shadowed++;
    }
  }
  const months = [...new Set(out.flatMap((c) => c.months))].sort();
  return {
    rule: input.rule,
    value: input.value,
    from: input.from,
    current: ruleSetFor(today, overridesOfChain(chains.get(org.id) ?? [org], rows))[input.rule].value,
    months,
    pastMonths: pastMonthsOf(months, today),
    startsInPast: input.from < today,
    cellsChanged: out.length,
    cellsShadowed: shadowed,
    cells: out,
  };
}

/** The preview a superior sees before saving (rules.manage on the organization). */
export async function previewOverride(ctx: Ctx, organizationId: string, input: RuleOverridePreviewInput): Promise<RuleOverridePreviewDto> {
  const org = await authorizeOnOrganization(ctx, 'rules.manage', organizationId);
  checkOverrideValue(input.rule, input.value);
  return effectsOf(ctx.db, ctx, org, input, 'set');
}

/** A superior committee sets a value for its subtree (rules.manage on the organization). */
export async function setOverride(ctx: Ctx, organizationId: string, input: RuleOverrideInput): Promise<OverrideView> {
  const actor = requireActor(ctx);
  const org = await authorizeOnOrganization(ctx, 'rules.manage', organizationId);
  checkOverrideValue(input.rule, input.value);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const effects = await effectsOf(tx, ctx, org, input, 'set');
    const refusal = pastChangeRefusal(effects, input.applyToPast, 'set');
    if (refusal) throw new AppError('validation_failed', refusal, { issues: [{ path: 'from', message: refusal }] });
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
      data: { rule: input.rule, from: input.from, before: existing?.value ?? null, after: input.value, applyToPast: input.applyToPast, cellsChanged: effects.cellsChanged, months: effects.months, pastMonths: effects.pastMonths },
    });
    return { row, organizationName: org.name, inherited: false };
  });
}

/** What removing an override would change (the same preview, the other way). */
export async function previewRemoval(ctx: Ctx, id: string): Promise<RuleOverridePreviewDto> {
  const row = await repo.findOverride(ctx.db, id);
  if (!row) throw new AppError('not_found', 'Không tìm thấy quy định điều chỉnh.');
  const org = await authorizeOnOrganization(ctx, 'rules.manage', row.organizationId);
  return effectsOf(ctx.db, ctx, org, { rule: row.rule, value: row.value, from: row.fromDate }, 'remove');
}

export async function removeOverride(ctx: Ctx, id: string, applyToPast: boolean): Promise<void> {
  const row = await repo.findOverride(ctx.db, id);
  if (!row) throw new AppError('not_found', 'Không tìm thấy quy định điều chỉnh.');
  const org = await authorizeOnOrganization(ctx, 'rules.manage', row.organizationId);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const effects = await effectsOf(tx, ctx, org, { rule: row.rule, value: row.value, from: row.fromDate }, 'remove');
    const refusal = pastChangeRefusal(effects, applyToPast, 'remove');
    if (refusal) throw new AppError('validation_failed', refusal);
    await repo.deleteOverride(tx, id);
    await recordChange(tx, ctx, {
      at: now,
      action: 'rules.override_removed',
      targetType: 'organization',
      targetId: org.id,
      organization: org,
      data: { rule: row.rule, from: row.fromDate, value: row.value, applyToPast, cellsChanged: effects.cellsChanged, months: effects.months, pastMonths: effects.pastMonths },
    });
  });
}
