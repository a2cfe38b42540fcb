/**
 * Meetings as the other modules read them: loading one for a caller (authorized on its cell by
 * meetings.policy), the meetings of a year, who meets at one (core `attendsMeeting`), the facts
 * compliance is judged on, and a meeting's agenda. Changes of a meeting are in
 * meeting-life.service.ts; the preparation page is assembled in meeting-page.service.ts.
 */
import {
  attendsMeeting,
  compareVietnameseNames,
  complianceAlerts,
  DEFAULT_TIME_ZONE,
  isExpectedAt,
  localDateOf,
  meetsInCell,
  minimumMinutes,
  rollOn,
  type Alert,
  type MeetingFacts,
  type Permission,
  type RollEntry,
} from '@chibo/core';
import type { Queryable, Tx } from '../../db/client.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Ctx } from '../../lib/context.ts';
import { requireActor } from '../../lib/policy.ts';
import { accountsWithRoleOn } from '../auth/auth.service.ts';
import { authorizeOnOrganization, findOrganization, type OrganizationRow } from '../organizations/organizations.service.ts';
import { membersWithHistory, rollOfCell, type MemberRow } from '../members/members.service.ts';
import type { RulesOn } from '../rule-overrides/rule-overrides.service.ts';
import { decideOnMeeting, mayManageMeetings, type CallerAtMeeting } from './meetings.policy.ts';
import * as repo from './meetings.repo.ts';

export type { MeetingRow, AgendaRow, AgendaItemValues } from './meetings.repo.ts';
type MeetingRow = repo.MeetingRow;

export const findMeeting = repo.findMeeting;
/** The meeting's row under FOR UPDATE: changes of a meeting and of its parts queue on it. */
export const lockMeeting = repo.lockMeeting;
export const agendaOf = repo.agendaOf;

export const dayOfMeeting = (m: Pick<MeetingRow, 'startsAt'>, org: Pick<OrganizationRow, 'timeZone'>) => localDateOf(m.startsAt, org.timeZone);

const NOT_FOUND = 'Không tìm thấy cuộc họp.';

/** What the caller is to the meeting on its day: on the roll, attending it, or an invited guest. */
async function callerAt(db: Queryable, ctx: Ctx, meeting: MeetingRow, org: OrganizationRow): Promise<CallerAtMeeting> {
  const actor = requireActor(ctx);
  const invited = meeting.guests.some((g) => g.accountId === actor.accountId);
  if (!actor.memberId) return { meetsWithCell: false, attends: invited };
  const [loaded] = await membersWithHistory(db, [actor.memberId]);
  const entry = loaded ? rollOn([loaded.history], org.id, dayOfMeeting(meeting, org))[0] : undefined;
  return { meetsWithCell: entry !== undefined && meetsInCell(entry), attends: invited || (entry !== undefined && attendsMeeting(entry, meeting.kind)) };
}

/** The meeting and its cell, if the caller holds `permission` there (404 when it cannot even see it). */
export async function loadMeeting(ctx: Ctx, id: string, permission: Permission, db: Queryable = ctx.db): Promise<{ meeting: MeetingRow; org: OrganizationRow }> {
  const actor = requireActor(ctx);
  const meeting = await repo.findMeeting(db, id);
  if (!meeting) throw new AppError('not_found', NOT_FOUND);
  const org = await findOrganization(db, meeting.organizationId);
  if (!org) throw new AppError('not_found', NOT_FOUND);
  const decision = decideOnMeeting(actor, org.path, meeting.kind, permission, await callerAt(db, ctx, meeting, org));
  if (decision === 'forbidden') throw new AppError('forbidden');
  if (decision === 'hidden') throw new AppError('not_found', NOT_FOUND);
  return { meeting, org };
}

/** Whether the caller may read a meeting of its cell it already has (the year plan lists them). */
export async function mayReadAll(db: Queryable, ctx: Ctx, meetings: readonly MeetingRow[], org: OrganizationRow): Promise<MeetingRow[]> {
  const out: MeetingRow[] = [];
  for (const m of meetings) {
    const decision = decideOnMeeting(requireActor(ctx), org.path, m.kind, 'meeting.read', m.kind === 'preparatory' ? await callerAt(db, ctx, m, org) : { meetsWithCell: true, attends: false });
    if (decision === 'allowed') out.push(m);
  }
  return out;
}

/** Who meets with the cell at this meeting that day (core attendsMeeting), with their stored rows. */
export async function attendeesOf(db: Queryable, meeting: Pick<MeetingRow, 'kind' | 'startsAt'>, org: OrganizationRow): Promise<(RollEntry & { row: MemberRow })[]> {
  return (await rollOfCell(db, org.id, dayOfMeeting(meeting, org))).filter((e) => attendsMeeting(e, meeting.kind));
}

/** Who is expected at it, so told and reminded (core isExpectedAt: attends and is not exempt). */
export async function expectedAt(db: Queryable, meeting: Pick<MeetingRow, 'kind' | 'startsAt'>, org: OrganizationRow): Promise<(RollEntry & { row: MemberRow })[]> {
  return (await rollOfCell(db, org.id, dayOfMeeting(meeting, org))).filter((e) => isExpectedAt(e, meeting.kind));
}

/** A calendar year in a cell's time zone, padded by a day each side for the query. */
function yearRange(year: number): [Date, Date] {
  return [new Date(Date.UTC(year - 1, 11, 31)), new Date(Date.UTC(year + 1, 0, 2))];
}

/** The meetings of these cells whose local day falls in `year`. */
export async function meetingsOfYear(db: Queryable, cells: readonly OrganizationRow[], year: number): Promise<MeetingRow[]> {
  const [from, to] = yearRange(year);
  const tz = new Map(cells.map((c) => [c.id, c.timeZone]));
  const rows = await repo.meetingsBetween(db, cells.map((c) => c.id), from, to);
  return rows.filter((m) => localDateOf(m.startsAt, tz.get(m.organizationId) ?? DEFAULT_TIME_ZONE).startsWith(`${year}-`));
}

/** The announced or running meetings of these cells since `since`, soonest first. */
export const upcomingMeetings = repo.upcomingMeetings;

/** The facts compliance reads (core MeetingFacts), for meetings of several cells at once. */
export async function factsOf(db: Queryable, rows: readonly MeetingRow[], orgs: ReadonlyMap<string, Pick<OrganizationRow, 'timeZone'>>): Promise<MeetingFacts[]> {
  const { agendaMinutes, firstPosted } = await repo.preparationFacts(db, rows.map((r) => r.id));
  return rows.map((m) => {
    const tz = orgs.get(m.organizationId)?.timeZone ?? DEFAULT_TIME_ZONE;
    const posted = firstPosted.get(m.id);
    return {
      id: m.id,
      kind: m.kind,
      status: m.status,
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

/** The alerts of one meeting (its page shows them): those about the meeting itself, not its period. */
export async function alertsOfMeeting(db: Queryable, ctx: Ctx, meeting: MeetingRow, org: OrganizationRow, rulesOn: RulesOn): Promise<Alert[]> {
  const facts = await factsOf(db, [meeting], new Map([[org.id, org]]));
  const today = localDateOf(ctx.clock.now(), org.timeZone);
  const year = Number(dayOfMeeting(meeting, org).slice(0, 4));
  return complianceAlerts(year, facts, rulesOn, today).filter((a) => a.meetingId === meeting.id && a.code !== 'regular_not_held' && a.code !== 'not_announced');
}

export interface MeetingView {
  row: MeetingRow;
  org: OrganizationRow;
  rulesId: string;
  minMinutes: number;
  canManage: boolean;
}

export function viewOf(ctx: Ctx, row: MeetingRow, org: OrganizationRow, rulesOn: RulesOn): MeetingView {
  const rules = rulesOn(dayOfMeeting(row, org));
  return { row, org, rulesId: rules.id, minMinutes: minimumMinutes(row.kind, rules) ?? 0, canManage: mayManageMeetings(requireActor(ctx), org.path) };
}

/** A part of the meeting changed (a paper joined the agenda): its revision moves, so stale pages are refused. */
export async function touchMeeting(tx: Tx, id: string, at: Date): Promise<MeetingRow> {
  return repo.updateMeeting(tx, id, {}, at);
}

/** An accepted paper's slot at the end of the content (papers.service). */
export const appendAgendaItem = repo.appendAgendaItem;

/** Meetings of these cells or with these ids, in these statuses since a day (a personal calendar feed). */
export const meetingsForCalendar = repo.meetingsForCalendar;

/**
 * Accounts a cell's meeting may invite with notices: those holding the superior role on a
 * committee above the cell (its assigned follower among them), the nearest committee first.
 */
export async function guestAccounts(ctx: Ctx, organizationId: string): Promise<{ accountId: string; displayName: string; organizationName: string }[]> {
  const org = await authorizeOnOrganization(ctx, 'meeting.manage', organizationId);
  const above = org.path.split('/').filter((id) => id !== '' && id !== org.id);
  const rows = await accountsWithRoleOn(ctx.db, 'superior', above);
  return rows
    .sort((a, b) => b.depth - a.depth || compareVietnameseNames(a.displayName, b.displayName))
    .map(({ accountId, displayName, organizationName }) => ({ accountId, displayName, organizationName }));
}
