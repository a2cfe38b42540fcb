/**
 * A meeting's page in one read: the meeting with the rules it is judged by, its agenda,
 * documents, papers, absence requests and alerts — each part as the caller may see it (papers
 * and absences by their modules' policies). Every change of a meeting answers with this page,
 * built inside the change's own transaction; the member's next-meeting card is its short form.
 */
import { localDateOf, rollOn, attendsMeeting, type Alert } from '@chibo/core';
import type { Queryable } from '../../db/client.ts';
import type { Ctx } from '../../lib/context.ts';
import { requireActor } from '../../lib/policy.ts';
import { absenceOf, absencesOfMeeting, type AbsenceRow } from '../absences/absences.service.ts';
import { documentsOfMeeting, type DocumentMeta } from '../documents/documents.service.ts';
import { membersWithHistory } from '../members/members.service.ts';
import { organizationsByIds, type OrganizationRow } from '../organizations/organizations.service.ts';
import { papersOfMeeting, type PaperView } from '../papers/papers.service.ts';
import { rulesOf } from '../rule-overrides/rule-overrides.service.ts';
import { mayManageMeetings } from './meetings.policy.ts';
import { agendaOf, alertsOfMeeting, loadMeeting, upcomingMeetings, viewOf, type AgendaRow, type MeetingRow, type MeetingView } from './meetings.service.ts';

export interface MeetingPage {
  view: MeetingView;
  agenda: AgendaRow[];
  documents: DocumentMeta[];
  papers: PaperView[];
  /** Every request for its officers; none for a member (theirs is `myAbsence`). */
  absences: AbsenceRow[];
  myAbsence: AbsenceRow | null;
  alerts: Alert[];
}

/** The page of a meeting the caller was already allowed to read, read through `db` (a transaction, when a change just made it). */
export async function pageOf(db: Queryable, ctx: Ctx, meeting: MeetingRow, org: OrganizationRow): Promise<MeetingPage> {
  const actor = requireActor(ctx);
  const rulesOn = await rulesOf(db, org);
  const manage = mayManageMeetings(actor, org.path);
  // One query at a time: PGlite has a single connection, and inside a transaction so does pg.
  const agenda = await agendaOf(db, meeting.id);
  const documents = await documentsOfMeeting(db, meeting.id);
  const papers = await papersOfMeeting(db, actor, org.path, meeting.id);
  const absences = manage ? await absencesOfMeeting(db, meeting.id) : [];
  const myAbsence = actor.memberId ? ((manage ? absences.find((a) => a.memberId === actor.memberId) : await absenceOf(db, meeting.id, actor.memberId)) ?? null) : null;
  const alerts = await alertsOfMeeting(db, ctx, meeting, org, rulesOn);
  return { view: viewOf(ctx, meeting, org, rulesOn), agenda, documents, papers, absences, myAbsence, alerts };
}

export async function getMeetingPage(ctx: Ctx, id: string): Promise<MeetingPage> {
  const { meeting, org } = await loadMeeting(ctx, id, 'meeting.read');
  return pageOf(ctx.db, ctx, meeting, org);
}

export interface NextMeetingCard {
  view: MeetingView;
  documents: DocumentMeta[];
  myPapers: PaperView[];
  myAbsence: AbsenceRow | null;
}

/**
 * The next meeting the caller is expected at: announced or under way, in a cell where they
 * attend it that day (their own, or one they are temporarily attached to).
 */
export async function nextMeetingOf(ctx: Ctx): Promise<NextMeetingCard | null> {
  const actor = requireActor(ctx);
  if (!actor.memberId) return null;
  const memberId = actor.memberId;
  const [loaded] = await membersWithHistory(ctx.db, [memberId]);
  if (!loaded) return null;
  const cellIds = [...new Set(loaded.history.memberships.map((m) => m.organizationId))];
  // A meeting under way is still "next" until it ends; one that started a day ago is not.
  const since = new Date(ctx.clock.now().getTime() - 24 * 3600_000);
  const candidates = await upcomingMeetings(ctx.db, cellIds, since, 20);
  const cells = new Map((await organizationsByIds(ctx.db, [...new Set(candidates.map((m) => m.organizationId))])).map((o) => [o.id, o]));
  for (const meeting of candidates) {
    const org = cells.get(meeting.organizationId);
    if (!org) continue;
    const entry = rollOn([loaded.history], org.id, localDateOf(meeting.startsAt, org.timeZone))[0];
    if (!entry || !attendsMeeting(entry, meeting.kind)) continue;
    const rulesOn = await rulesOf(ctx.db, org);
    const papers = await papersOfMeeting(ctx.db, actor, org.path, meeting.id);
    return {
      view: viewOf(ctx, meeting, org, rulesOn),
      documents: await documentsOfMeeting(ctx.db, meeting.id),
      myPapers: papers.filter((p) => p.row.authorMemberId === memberId),
      myAbsence: (await absenceOf(ctx.db, meeting.id, memberId)) ?? null,
    };
  }
  return null;
}
