/**
 * A cell's year (issue 4, points 2 and 9): the plan of its meetings — twelve regular meetings by
 * the target-day rule and the quarter's thematic meeting — each period's state judged from what
 * happened, and the compliance alerts a cell and its superiors read.
 */
import { agendaTemplate, agendaTotal, complianceAlerts, instantOf, localDateOf, planYear as planYearRules, yearDrafts, yearPeriods, type Alert, type PeriodState, type PlanYearInput } from '@chibo/core';
import type { Queryable } from '../../db/client.ts';
import type { Ctx } from '../../lib/context.ts';
import { recordChange } from '../audit/audit.service.ts';
import { insertDrafts } from '../meetings/meeting-life.service.ts';
import { requireCell } from '../meetings/meetings.policy.ts';
import { factsOf, mayReadAll, meetingsOfYear, viewOf, type MeetingRow, type MeetingView } from '../meetings/meetings.service.ts';
import { authorizeOnOrganization, cellsUnder, lockOrganization, settingsOf, type OrganizationRow } from '../organizations/organizations.service.ts';
import { rulesOf, rulesOfOrganizations } from '../rule-overrides/rule-overrides.service.ts';
import { requirePlanOfCell } from './year-plan.policy.ts';

export interface YearPlanView {
  org: OrganizationRow;
  year: number;
  targetDay: number;
  targetDaySource: string;
  meetings: MeetingView[];
  periods: PeriodState[];
  alerts: Alert[];
}

const yearOf = (ctx: Ctx, org: OrganizationRow) => Number(localDateOf(ctx.clock.now(), org.timeZone).slice(0, 4));

export async function getYearPlan(ctx: Ctx, organizationId: string, year: number | undefined): Promise<YearPlanView> {
  const org = await authorizeOnOrganization(ctx, 'meeting.read', organizationId);
  requirePlanOfCell(org);
  return yearPlanOf(ctx, ctx.db, org, year ?? yearOf(ctx, org));
}

async function yearPlanOf(ctx: Ctx, db: Queryable, org: OrganizationRow, year: number): Promise<YearPlanView> {
  const rulesOn = await rulesOf(db, org);
  const rows = await meetingsOfYear(db, [org], year);
  const facts = await factsOf(db, rows, new Map([[org.id, org]]));
  const today = localDateOf(ctx.clock.now(), org.timeZone);
  const target = rulesOn(`${year}-01-01`).targetDay;
  return {
    org,
    year,
    targetDay: target.value,
    targetDaySource: target.source,
    // A chi ủy meeting is listed for those who may open it, as everywhere.
    meetings: (await mayReadAll(db, ctx, rows, org)).map((r) => viewOf(ctx, r, org, rulesOn)),
    periods: yearPeriods(year, facts, rulesOn, today),
    alerts: complianceAlerts(year, facts, rulesOn, today),
  };
}

/** Alerts of this year for a cell, or for every open cell under a committee (superiors). */
export async function listAlerts(ctx: Ctx, organizationId: string): Promise<(Alert & { org: OrganizationRow })[]> {
  const org = await authorizeOnOrganization(ctx, 'meeting.read', organizationId);
  const cells = await cellsUnder(ctx.db, org);
  const year = yearOf(ctx, org);
  const rows = await meetingsOfYear(ctx.db, cells, year);
  const rules = await rulesOfOrganizations(ctx.db, cells);
  const byCell = new Map(cells.map((c) => [c.id, c]));
  const facts = await factsOf(ctx.db, rows, byCell);
  // The facts grouped by cell once (not filtered again for every cell).
  const cellOf = new Map(rows.map((r) => [r.id, r.organizationId]));
  const factsByCell = new Map<string, typeof facts>();
  for (const f of facts) {
    const cellId = cellOf.get(f.id);
    if (cellId === undefined) continue;
    const list = factsByCell.get(cellId);
    if (list) list.push(f);
    else factsByCell.set(cellId, [f]);
  }
  const out: (Alert & { org: OrganizationRow })[] = [];
  for (const cell of cells) {
    const rulesOn = rules.get(cell.id);
    if (!rulesOn) continue;
    const today = localDateOf(ctx.clock.now(), cell.timeZone);
    for (const a of complianceAlerts(year, factsByCell.get(cell.id) ?? [], rulesOn, today)) out.push({ ...a, org: cell });
  }
  return out;
}

export type Draft = Pick<MeetingRow, 'kind' | 'monthPeriod' | 'quarterPeriod' | 'startsAt' | 'plannedMinutes' | 'place' | 'topic'>;

/**
 * The drafts a plan of `input.year` would add to what the cell has: each period still ahead that
 * no live meeting fulfils (core planYear and yearDrafts), at the usual place.
 */
async function draftsFor(db: Queryable, ctx: Ctx, org: OrganizationRow, input: PlanYearInput): Promise<Draft[]> {
  const now = ctx.clock.now();
  const rulesOn = await rulesOf(db, org);
  const existing = (await meetingsOfYear(db, [org], input.year)).filter((m) => m.status !== 'cancelled');
  const hasMonth = new Set(existing.map((m) => m.monthPeriod).filter((p): p is string => p !== null));
  const hasQuarter = new Set(existing.map((m) => m.quarterPeriod).filter((p): p is string => p !== null));
  const plan = planYearRules(input.year, rulesOn, { thematicMonthOfQuarter: input.thematicMonthOfQuarter, topics: input.topics?.map((t) => (t === '' ? null : t)) ?? [] });
  // The usual place, as the cell or a committee above set it.
  const place = (await settingsOf(db, [org])).get(org.id)?.meetingPlace.value ?? null;
  const today = localDateOf(now, org.timeZone);
  // Only what is still ahead (today's only if its hour is): a past day is for the compliance
  // record, not a draft nobody could announce.
  const isAhead = (date: string) => date >= today && instantOf(date, input.time, org.timeZone) > now;
  return yearDrafts(plan, { months: hasMonth, quarters: hasQuarter }, today, isAhead, rulesOn).map((d) => ({
    kind: d.kind,
    monthPeriod: d.monthPeriod,
    quarterPeriod: d.quarterPeriod,
    startsAt: instantOf(d.date, input.time, org.timeZone),
    // Long enough for the agenda the draft starts with (the rules' minimum at least): the
    // invitation's end time is the planned length.
    plannedMinutes: Math.max(d.plannedMinutes, agendaTotal(agendaTemplate(d.kind, org.cellType, d.topic))),
    place,
    topic: d.topic,
  }));
}

/** What planning the year would make, without making it (the dialog says it before the officer confirms). */
export async function previewYearPlan(ctx: Ctx, organizationId: string, input: PlanYearInput): Promise<{ year: number; drafts: Draft[] }> {
  const org = await authorizeOnOrganization(ctx, 'meeting.manage', organizationId);
  requireCell(org);
  return { year: input.year, drafts: await draftsFor(ctx.db, ctx, org, input) };
}

/**
 * Draft meetings for the periods of `year` that have none: each month's regular meeting by the
 * target-day rule and one thematic meeting a quarter, held in the same session (a combined
 * meeting) as core's plan proposes. Periods already planned are left as officers made them.
 */
export async function planYear(ctx: Ctx, organizationId: string, input: PlanYearInput): Promise<YearPlanView> {
  const org = await authorizeOnOrganization(ctx, 'meeting.manage', organizationId);
  requireCell(org);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // One planner at a time per cell: two clicks do not make two plans.
    await lockOrganization(tx, org.id);
    const drafts = await draftsFor(tx, ctx, org, input);
    const created = await insertDrafts(tx, org, drafts, now);
    await recordChange(tx, ctx, {
      at: now,
      action: 'meeting.year_planned',
      targetType: 'organization',
      targetId: org.id,
      organization: org,
      data: { year: input.year, created: created.map((m) => ({ id: m.id, kind: m.kind, startsAt: m.startsAt.toISOString() })) },
    });
    return yearPlanOf(ctx, tx, org, input.year);
  });
}
