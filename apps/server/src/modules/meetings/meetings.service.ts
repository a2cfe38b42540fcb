/**
 * Meetings and their preparation (issue 4): the year plan, a meeting's life (draft →
 * announced → in progress → ended, or cancelled), its agenda, and the compliance the cell and
 * its superior read. Documents, papers and absence requests are in meeting-preparation.service.ts.
 * Every change is audited in the transaction that makes it; notices are written in it too.
 */
import crypto from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import {
  agendaCheck,
  agendaTemplate,
  compareVietnameseNames,
  complianceAlerts,
  instantOf,
  isCellKind,
  localDateOf,
  minimumMinutes,
  meetingPeriods,
  planYear as planYearRules,
  yearDrafts,
  type MeetingPeriods,
  meetsInCell,
  yearPeriods,
  type AgendaItemInput,
  type Alert,
  type CellType,
  type CreateMeetingInput,
  type MeetingFacts,
  type MeetingKind,
  type MeetingStatus,
  type OrganizationKind,
  type PlanYearInput,
  type UpdateMeetingInput,
} from '@chibo/core';
import type { Queryable, Tx } from '../../db/client.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Ctx } from '../../lib/context.ts';
import { actorCan, authorizeOnOrganization, requireActor } from '../../lib/policy.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { listSubtrees, lockOrganization, type OrganizationRow } from '../organizations/organizations.repo.ts';
import { rollOfCell } from '../members/members.repo.ts';
import { accounts, organizations, roleGrants } from '../../db/schema/index.ts';
import { notifyMeeting } from '../notices/notices.service.ts';
import { settingsOf } from '../organizations/organizations.service.ts';
import { lockMeeting, loadMeeting, seesKind, type MeetingRow } from './meetings.access.ts';
import { rulesOf, rulesOfOrganizations, type RulesOn } from './meeting-rules.service.ts';
import * as repo from './meetings.repo.ts';

const isCell = (org: OrganizationRow) => isCellKind(org.kind as OrganizationKind);
export const dayOfMeeting = (m: Pick<MeetingRow, 'startsAt'>, org: Pick<OrganizationRow, 'timeZone'>) => localDateOf(m.startsAt, org.timeZone);

function auditOf(ctx: Ctx, org: OrganizationRow, meetingId: string, action: string, data: Record<string, unknown>) {
  const actor = requireActor(ctx);
  return {
    at: ctx.clock.now(),
    actorAccountId: actor.accountId,
    actorName: actor.displayName,
    action,
    targetType: 'meeting',
    targetId: meetingId,
    organizationId: org.id,
    organizationPath: org.path,
    data,
  };
}

export async function audit(tx: Tx, ctx: Ctx, org: OrganizationRow, meetingId: string, action: string, data: Record<string, unknown>): Promise<void> {
  await recordAudit(tx, auditOf(ctx, org, meetingId, action, data));
}

/** The periods a meeting fulfils (core `meetingPeriods`), or a 400 naming the field. */
function periodsFor(kind: MeetingKind, day: string, given: Partial<MeetingPeriods>, stored?: MeetingPeriods): MeetingPeriods {
  const r = meetingPeriods(kind, day, given, stored);
  if (!r.ok) throw new AppError('validation_failed', r.message, { issues: [{ path: r.path, message: r.message }] });
  return { monthPeriod: r.monthPeriod, quarterPeriod: r.quarterPeriod };
}

/**
 * The chair and the minute-taker are members on the cell's roll that day; guests with an
 * account are people of the cell's superior committees (or the cell itself): a notice is never
 * sent to an account elsewhere in the installation.
 */
async function checkPeople(db: Queryable, org: OrganizationRow, day: string, people: { chairMemberId?: string | null; minuteTakerMemberId?: string | null; guests?: readonly { accountId: string | null }[] }): Promise<void> {
  const ids = [people.chairMemberId, people.minuteTakerMemberId].filter((x): x is string => typeof x === 'string');
  if (ids.length > 0) {
    const roll = (await rollOfCell(db, org.id, day)).filter(meetsInCell);
    for (const [field, id, label] of [
      ['chairMemberId', people.chairMemberId, 'Người chủ trì'],
      ['minuteTakerMemberId', people.minuteTakerMemberId, 'Thư ký'],
    ] as const) {
      if (typeof id === 'string' && !roll.some((e) => e.memberId === id)) {
        const message = `${label} phải là đảng viên sinh hoạt ở chi bộ vào ngày họp.`;
        throw new AppError('validation_failed', message, { issues: [{ path: field, message }] });
      }
    }
  }
  const accountIds = (people.guests ?? []).map((g) => g.accountId).filter((x): x is string => x !== null);
  if (accountIds.length > 0) {
    const grants = await db.select({ accountId: roleGrants.accountId, path: organizations.path }).from(roleGrants).innerJoin(organizations, eq(organizations.id, roleGrants.organizationId)).where(inArray(roleGrants.accountId, accountIds));
    for (const id of accountIds) {
      if (!grants.some((g) => g.accountId === id && org.path.startsWith(g.path))) {
        const message = 'Khách mời có tài khoản phải thuộc chi bộ hoặc cấp ủy cấp trên của chi bộ.';
        throw new AppError('validation_failed', message, { issues: [{ path: 'guests', message }] });
      }
    }
  }
}

function requireCell(org: OrganizationRow): void {
  if (!isCell(org)) throw new AppError('validation_failed', 'Chỉ chi bộ mới lập cuộc họp sinh hoạt chi bộ.');
  if (org.closedAt) throw new AppError('organization_closed');
}

function checkRevision(meeting: MeetingRow, revision: number): void {
  if (meeting.revision !== revision) throw new AppError('conflict', 'Cuộc họp vừa được người khác thay đổi. Vui lòng tải lại trang.');
}

function requireStatus(meeting: MeetingRow, allowed: readonly MeetingStatus[], message: string): void {
  if (!allowed.includes(meeting.status as MeetingStatus)) throw new AppError('conflict', message);
}

/**
 * Accounts a cell's meeting may invite with notices: those holding the superior role on a
 * committee above the cell (its assigned follower among them).
 */
export async function guestAccounts(ctx: Ctx, organizationId: string): Promise<{ accountId: string; displayName: string; organizationName: string }[]> {
  const org = await authorizeOnOrganization(ctx, 'meeting.manage', organizationId);
  const above = org.path.split('/').filter((id) => id !== '' && id !== org.id);
  if (above.length === 0) return [];
  const rows = await ctx.db
    .selectDistinct({ accountId: accounts.id, displayName: accounts.displayName, organizationName: organizations.name, depth: organizations.depth })
    .from(roleGrants)
    .innerJoin(accounts, eq(accounts.id, roleGrants.accountId))
    .innerJoin(organizations, eq(organizations.id, roleGrants.organizationId))
    .where(and(inArray(roleGrants.organizationId, above), eq(roleGrants.role, 'superior'), isNull(accounts.disabledAt)));
  // The nearest committee first, then by name.
  return rows
    .sort((a, b) => b.depth - a.depth || compareVietnameseNames(a.displayName, b.displayName))
    .map(({ accountId, displayName, organizationName }) => ({ accountId, displayName, organizationName }));
}

// ---------------------------------------------------------------- presentation

export interface MeetingView {
  row: MeetingRow;
  org: OrganizationRow;
  rulesId: string;
  minMinutes: number;
  canManage: boolean;
}

export function viewOf(ctx: Ctx, row: MeetingRow, org: OrganizationRow, rulesOn: RulesOn): MeetingView {
  const rules = rulesOn(dayOfMeeting(row, org));
  const actor = requireActor(ctx);
  return { row, org, rulesId: rules.id, minMinutes: minimumMinutes(row.kind as MeetingKind, rules) ?? 0, canManage: actorCan(actor, 'meeting.manage', org.path) };
}

// ---------------------------------------------------------------- facts and compliance

async function factsOf(db: Queryable, rows: readonly MeetingRow[], orgs: Map<string, OrganizationRow>): Promise<MeetingFacts[]> {
  const { agendaMinutes, firstPosted } = await repo.preparationFacts(db, rows.map((r) => r.id));
  return rows.map((m) => {
    const tz = orgs.get(m.organizationId)?.timeZone ?? 'Asia/Ho_Chi_Minh';
    const posted = firstPosted.get(m.id);
    return {
      id: m.id,
      kind: m.kind as MeetingKind,
      status: m.status as MeetingStatus,
      monthPeriod: m.monthPeriod,
      quarterPeriod: m.quarterPeriod,
      // A held meeting is judged by the day it really started.
      day: localDateOf(m.startedAt ?? m.startsAt, tz),
      announcedDay: m.announcedAt ? localDateOf(m.announcedAt, tz) : null,
      plannedMinutes: m.plannedMinutes,
      agendaMinutes: agendaMinutes.get(m.id) ?? null,
      firstDocumentDay: posted ? localDateOf(posted, tz) : null,
      cancelReason: m.cancelReason,
    };
  });
}

/** A calendar year in a cell's time zone, padded by a day each side for the query. */
function yearRange(year: number): [Date, Date] {
  return [new Date(Date.UTC(year - 1, 11, 31)), new Date(Date.UTC(year + 1, 0, 2))];
}

async function meetingsOfYear(db: Queryable, cells: readonly OrganizationRow[], year: number): Promise<MeetingRow[]> {
  const [from, to] = yearRange(year);
  const tz = new Map(cells.map((c) => [c.id, c.timeZone]));
  const rows = await repo.meetingsBetween(db, cells.map((c) => c.id), from, to);
  return rows.filter((m) => localDateOf(m.startsAt, tz.get(m.organizationId) ?? 'Asia/Ho_Chi_Minh').startsWith(`${year}-`));
}

export interface YearPlanView {
  org: OrganizationRow;
  year: number;
  targetDay: number;
  targetDaySource: string;
  meetings: MeetingView[];
  periods: ReturnType<typeof yearPeriods>;
  alerts: Alert[];
}

export async function getYearPlan(ctx: Ctx, organizationId: string, year: number | undefined): Promise<YearPlanView> {
  const org = await authorizeOnOrganization(ctx, 'meeting.read', organizationId);
  requireCellForPlan(org);
  return yearPlanOf(ctx, ctx.db, org, year ?? Number(localDateOf(ctx.clock.now(), org.timeZone).slice(0, 4)));
}

function requireCellForPlan(org: OrganizationRow): void {
  if (!isCell(org)) throw new AppError('validation_failed', 'Kế hoạch sinh hoạt được lập cho từng chi bộ.');
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
    // A chi ủy meeting is listed for its officers and the superiors above, not for members.
    meetings: rows.filter((r) => seesKind(requireActor(ctx), org, r.kind)).map((r) => viewOf(ctx, r, org, rulesOn)),
    periods: yearPeriods(year, facts, rulesOn, today),
    alerts: complianceAlerts(year, facts, rulesOn, today),
  };
}

/** Alerts of this year for a cell, or for every cell under a committee (superiors). */
export async function listAlerts(ctx: Ctx, organizationId: string): Promise<(Alert & { org: OrganizationRow })[]> {
  const org = await authorizeOnOrganization(ctx, 'meeting.read', organizationId);
  const cells = isCell(org) ? [org] : (await listSubtrees(ctx.db, [org.path])).filter((o) => isCell(o) && !o.closedAt);
  const year = Number(localDateOf(ctx.clock.now(), org.timeZone).slice(0, 4));
  const [rows, rules] = await Promise.all([meetingsOfYear(ctx.db, cells, year), rulesOfOrganizations(ctx.db, cells)]);
  const byCell = new Map(cells.map((c) => [c.id, c]));
  const facts = await factsOf(ctx.db, rows, byCell);
  const cellOf = new Map(rows.map((r) => [r.id, r.organizationId]));
  const out: (Alert & { org: OrganizationRow })[] = [];
  for (const cell of cells) {
    const rulesOn = rules.get(cell.id);
    if (!rulesOn) continue;
    const mine = facts.filter((f) => cellOf.get(f.id) === cell.id);
    const today = localDateOf(ctx.clock.now(), cell.timeZone);
    for (const a of complianceAlerts(year, mine, rulesOn, today)) out.push({ ...a, org: cell });
  }
  return out;
}

/** The alerts of one meeting (the preparation page shows them). */
export async function alertsOfMeeting(db: Queryable, ctx: Ctx, meeting: MeetingRow, org: OrganizationRow, rulesOn: RulesOn): Promise<Alert[]> {
  const facts = await factsOf(db, [meeting], new Map([[org.id, org]]));
  const today = localDateOf(ctx.clock.now(), org.timeZone);
  const year = Number(dayOfMeeting(meeting, org).slice(0, 4));
  return complianceAlerts(year, facts, rulesOn, today).filter((a) => a.meetingId === meeting.id && a.code !== 'regular_not_held' && a.code !== 'not_announced');
}

// ---------------------------------------------------------------- year plan

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
    const rulesOn = await rulesOf(tx, org);
    const existing = (await meetingsOfYear(tx, [org], input.year)).filter((m) => m.status !== 'cancelled');
    const hasMonth = new Set(existing.map((m) => m.monthPeriod).filter((p): p is string => p !== null));
    const hasQuarter = new Set(existing.map((m) => m.quarterPeriod).filter((p): p is string => p !== null));
    const plan = planYearRules(input.year, rulesOn, { thematicMonthOfQuarter: input.thematicMonthOfQuarter, topics: input.topics?.map((t) => (t === '' ? null : t)) ?? [] });
    // The usual place, as the cell or a committee above set it.
    const place = (await settingsOf(tx, [org])).get(org.id)?.meetingPlace.value ?? null;
    const today = localDateOf(now, org.timeZone);
    // Only what is still ahead (today's only if its hour is): a past day is for the compliance
    // record, not a draft nobody could announce.
    const isAhead = (date: string) => date >= today && instantOf(date, input.time, org.timeZone) > now;
    const created: MeetingRow[] = [];
    for (const d of yearDrafts(plan, { months: hasMonth, quarters: hasQuarter }, today, isAhead, rulesOn)) {
      const row = await repo.insertMeeting(tx, {
        id: crypto.randomUUID(),
        organizationId: org.id,
        kind: d.kind,
        status: 'draft',
        monthPeriod: d.monthPeriod,
        quarterPeriod: d.quarterPeriod,
        startsAt: instantOf(d.date, input.time, org.timeZone),
        plannedMinutes: d.plannedMinutes,
        place,
        topic: d.topic,
        createdAt: now,
        updatedAt: now,
      });
      await repo.replaceAgenda(tx, row.id, agendaTemplate(d.kind, org.cellType as CellType | null, d.topic).map((i) => ({ ...i, paperId: null })));
      created.push(row);
    }
    await recordAudit(tx, {
      ...auditOf(ctx, org, org.id, 'meeting.year_planned', { year: input.year, created: created.map((m) => ({ id: m.id, kind: m.kind, startsAt: m.startsAt.toISOString() })) }),
      targetType: 'organization',
    });
    return yearPlanOf(ctx, tx, org, input.year);
  });
}

// ---------------------------------------------------------------- a meeting's life

export async function createMeeting(ctx: Ctx, input: CreateMeetingInput): Promise<MeetingRow> {
  const org = await authorizeOnOrganization(ctx, 'meeting.manage', input.organizationId);
  requireCell(org);
  const startsAt = new Date(input.startsAt);
  const day = localDateOf(startsAt, org.timeZone);
  const periods = periodsFor(input.kind, day, input);
  await checkPeople(ctx.db, org, day, input);
  const usualPlace = (await settingsOf(ctx.db, [org])).get(org.id)?.meetingPlace.value ?? null;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertMeeting(tx, {
      id: crypto.randomUUID(),
      organizationId: org.id,
      kind: input.kind,
      status: 'draft',
      ...periods,
      startsAt,
      plannedMinutes: input.plannedMinutes,
      place: input.place ?? usualPlace,
      onlineUrl: input.onlineUrl ?? null,
      topic: input.topic ?? null,
      chairMemberId: input.chairMemberId ?? null,
      minuteTakerMemberId: input.minuteTakerMemberId ?? null,
      guests: input.guests ?? [],
      note: input.note ?? null,
      createdAt: now,
      updatedAt: now,
    });
    if (input.withAgenda) {
      await repo.replaceAgenda(tx, row.id, agendaTemplate(input.kind, org.cellType as CellType | null, row.topic).map((i) => ({ ...i, paperId: null })));
    }
    await audit(tx, ctx, org, row.id, 'meeting.created', { kind: row.kind, startsAt: row.startsAt.toISOString(), monthPeriod: row.monthPeriod, quarterPeriod: row.quarterPeriod });
    return row;
  });
}

/**
 * A change of a meeting by an officer: authorized on its cell, then in one transaction under the
 * meeting's row lock, refused when the page was stale (revision) or the status does not allow
 * it; `change` does the rest and returns the stored row.
 */
async function changeMeeting(
  ctx: Ctx,
  id: string,
  revision: number,
  allowed: readonly MeetingStatus[],
  refused: string,
  change: (tx: Tx, before: MeetingRow, org: OrganizationRow, now: Date) => Promise<MeetingRow>,
): Promise<MeetingRow> {
  const { org } = await loadMeeting(ctx, id, 'meeting.manage');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await lockMeeting(tx, id);
    if (!before) throw new AppError('not_found', 'Không tìm thấy cuộc họp.');
    checkRevision(before, revision);
    requireStatus(before, allowed, refused);
    return change(tx, before, org, now);
  });
}

const EDITABLE = ['draft', 'announced'] as const;
/** What, changed on an announced meeting, is told to everyone again (the kind decides who is invited). */
const SCHEDULE_FIELDS = ['startsAt', 'place', 'onlineUrl', 'kind'] as const;

/** Edit details; moving an announced meeting (time, place, link) tells everyone again. */
export async function updateMeeting(ctx: Ctx, id: string, input: UpdateMeetingInput): Promise<MeetingRow> {
  return changeMeeting(ctx, id, input.revision, EDITABLE, 'Cuộc họp đã diễn ra hoặc đã hủy, không sửa được kế hoạch.', async (tx, before, org, now) => {
    const patch: Partial<MeetingRow> = {};
    if (input.kind !== undefined) patch.kind = input.kind;
    if (input.startsAt !== undefined) patch.startsAt = new Date(input.startsAt);
    if (input.plannedMinutes !== undefined) patch.plannedMinutes = input.plannedMinutes;
    if (input.place !== undefined) patch.place = input.place;
    if (input.onlineUrl !== undefined) patch.onlineUrl = input.onlineUrl;
    if (input.topic !== undefined) patch.topic = input.topic;
    if (input.chairMemberId !== undefined) patch.chairMemberId = input.chairMemberId;
    if (input.minuteTakerMemberId !== undefined) patch.minuteTakerMemberId = input.minuteTakerMemberId;
    if (input.guests !== undefined) patch.guests = input.guests;
    if (input.note !== undefined) patch.note = input.note;
    const kind = (patch.kind ?? before.kind) as MeetingKind;
    const day = localDateOf(patch.startsAt ?? before.startsAt, org.timeZone);
    if (input.kind !== undefined || input.startsAt !== undefined || input.monthPeriod !== undefined || input.quarterPeriod !== undefined) {
      Object.assign(patch, periodsFor(kind, day, { monthPeriod: input.monthPeriod, quarterPeriod: input.quarterPeriod }, before));
    }
    await checkPeople(tx, org, day, {
      chairMemberId: patch.chairMemberId ?? before.chairMemberId,
      minuteTakerMemberId: patch.minuteTakerMemberId ?? before.minuteTakerMemberId,
      guests: patch.guests ?? [],
    });
    const moved =
      before.status === 'announced' &&
      SCHEDULE_FIELDS.some((f) => {
        const a = patch[f];
        const b = before[f];
        return a !== undefined && (a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b);
      });
    if (moved && patch.startsAt && patch.startsAt.getTime() < now.getTime()) {
      throw new AppError('validation_failed', 'Không thể dời cuộc họp về thời điểm đã qua.', { issues: [{ path: 'startsAt', message: 'Thời điểm đã qua.' }] });
    }
    const row = await repo.updateMeeting(tx, id, patch, now);
    await audit(tx, ctx, org, id, moved ? 'meeting.moved' : 'meeting.updated', {
      before: pick(before, Object.keys(patch) as (keyof MeetingRow)[]),
      after: pick(row, Object.keys(patch) as (keyof MeetingRow)[]),
      ...(input.reason ? { reason: input.reason } : {}),
    });
    if (moved) await notifyMeeting(tx, { meeting: row, org, kind: 'moved', now, reason: input.reason ?? null });
    return row;
  });
}

function pick(row: MeetingRow, keys: readonly (keyof MeetingRow)[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k] instanceof Date ? row[k].toISOString() : row[k]]));
}

/** draft → announced: every member expected and the superior's follower are told, reminders are set. */
export async function announceMeeting(ctx: Ctx, id: string, revision: number): Promise<MeetingRow> {
  return changeMeeting(ctx, id, revision, ['draft'], 'Chỉ công bố được cuộc họp đang ở dạng dự kiến.', async (tx, before, org, now) => {
    if (before.startsAt.getTime() <= now.getTime()) throw new AppError('validation_failed', 'Thời điểm họp đã qua: hãy dời lịch trước khi công bố.');
    if (!before.place && !before.onlineUrl) throw new AppError('validation_failed', 'Cần địa điểm hoặc đường dẫn họp trực tuyến trước khi công bố.', { issues: [{ path: 'place', message: 'Chưa có địa điểm.' }] });
    const row = await repo.updateMeeting(tx, id, { status: 'announced', announcedAt: now }, now);
    const told = await notifyMeeting(tx, { meeting: row, org, kind: 'announced', now });
    await audit(tx, ctx, org, id, 'meeting.announced', { startsAt: row.startsAt.toISOString(), notices: told });
    return row;
  });
}

export async function cancelMeeting(ctx: Ctx, id: string, revision: number, reason: string): Promise<MeetingRow> {
  return changeMeeting(ctx, id, revision, EDITABLE, 'Cuộc họp đã diễn ra hoặc đã hủy.', async (tx, before, org, now) => {
    const row = await repo.updateMeeting(tx, id, { status: 'cancelled', cancelledAt: now, cancelReason: reason }, now);
    const told = before.status === 'announced' ? await notifyMeeting(tx, { meeting: row, org, kind: 'cancelled', now, reason }) : 0;
    await audit(tx, ctx, org, id, 'meeting.cancelled', { reason, wasAnnounced: before.status === 'announced', notices: told });
    return row;
  });
}

const START_EARLY_MS = 60 * 60_000;

/** announced → in progress → ended (minutes and reporting come with later issues). */
export async function transitionMeeting(ctx: Ctx, id: string, revision: number, to: 'in_progress' | 'ended'): Promise<MeetingRow> {
  const [from, refused] = to === 'in_progress' ? (['announced', 'Chỉ bắt đầu được cuộc họp đã công bố.'] as const) : (['in_progress', 'Chỉ kết thúc được cuộc họp đang diễn ra.'] as const);
  return changeMeeting(ctx, id, revision, [from], refused, async (tx, before, org, now) => {
    if (to === 'in_progress') {
      // Held is judged by the day it really starts: early by more than an hour, or on another
      // day, the meeting must be moved first (and everyone told).
      if (now.getTime() < before.startsAt.getTime() - START_EARLY_MS) throw new AppError('conflict', 'Chưa đến giờ họp: nếu họp sớm hơn, hãy dời lịch để báo mọi người.');
      if (localDateOf(now, org.timeZone) !== dayOfMeeting(before, org)) throw new AppError('conflict', 'Đã qua ngày họp theo lịch: hãy dời lịch sang hôm nay trước khi bắt đầu.');
    }
    const row = await repo.updateMeeting(tx, id, to === 'in_progress' ? { status: to, startedAt: now } : { status: to, endedAt: now }, now);
    await audit(tx, ctx, org, id, to === 'in_progress' ? 'meeting.started' : 'meeting.ended', {});
    return row;
  });
}

export async function putAgenda(ctx: Ctx, id: string, revision: number, items: readonly AgendaItemInput[]): Promise<MeetingRow> {
  return changeMeeting(ctx, id, revision, EDITABLE, 'Cuộc họp đã diễn ra hoặc đã hủy, không sửa được chương trình.', async (tx, _before, org, now) => {
    const paperIds = items.map((i) => i.paperId).filter((p): p is string => p !== null);
    if (new Set(paperIds).size !== paperIds.length) throw new AppError('validation_failed', 'Mỗi tham luận chỉ có một mục trong chương trình.');
    if (paperIds.length > 0) {
      const papers = await repo.papersOf(tx, [id]);
      const bad = paperIds.find((p) => !papers.some((x) => x.id === p && x.status === 'accepted'));
      if (bad) throw new AppError('validation_failed', 'Chỉ đưa vào chương trình tham luận đã được duyệt của cuộc họp này.');
    }
    const old = await repo.agendaOf(tx, id);
    await repo.replaceAgenda(tx, id, items.map((i) => ({ section: i.section, category: i.category, title: i.title, plannedMinutes: i.plannedMinutes, paperId: i.paperId })));
    const row = await repo.updateMeeting(tx, id, {}, now);
    const rulesOn = await rulesOf(tx, org);
    const check = agendaCheck(items, row.kind as MeetingKind, rulesOn(dayOfMeeting(row, org)));
    await audit(tx, ctx, org, id, 'meeting.agenda_set', { before: old.map((i) => [i.title, i.plannedMinutes]), after: items.map((i) => [i.title, i.plannedMinutes]), total: check.total });
    return row;
  });
}
