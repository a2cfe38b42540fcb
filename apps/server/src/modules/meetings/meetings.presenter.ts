import type {
  AbsenceRequestDto,
  AgendaCategory,
  AgendaSection,
  Alert,
  ComplianceAlertDto,
  DocumentDto,
  DocumentKind,
  MeetingDetailDto,
  MeetingDto,
  MeetingKind,
  MeetingStatus,
  NextMeetingDto,
  PaperDto,
  YearPlanDto,
} from '@chibo/core';
import type { Ctx } from '../../lib/context.ts';
import { actorCan, requireActor } from '../../lib/policy.ts';
import type { OrganizationRow } from '../organizations/organizations.repo.ts';
import { loadMeeting, type MeetingRow } from './meetings.access.ts';
import { rulesOf } from './meeting-rules.service.ts';
import { alertsOfMeeting, viewOf, type MeetingView, type YearPlanView } from './meetings.service.ts';
import * as repo from './meetings.repo.ts';

export function presentMeeting(v: MeetingView): MeetingDto {
  const r = v.row;
  return {
    id: r.id,
    organizationId: r.organizationId,
    organizationName: v.org.name,
    kind: r.kind as MeetingKind,
    status: r.status as MeetingStatus,
    monthPeriod: r.monthPeriod,
    quarterPeriod: r.quarterPeriod,
    startsAt: r.startsAt.toISOString(),
    plannedMinutes: r.plannedMinutes,
    place: r.place,
    onlineUrl: r.onlineUrl,
    topic: r.topic,
    chairMemberId: r.chairMemberId,
    minuteTakerMemberId: r.minuteTakerMemberId,
    guests: r.guests.map((g) => ({ name: g.name, role: g.role === 'follower' ? 'follower' : 'invitee', accountId: g.accountId })),
    note: r.note,
    announcedAt: r.announcedAt?.toISOString() ?? null,
    cancelledAt: r.cancelledAt?.toISOString() ?? null,
    cancelReason: r.cancelReason,
    revision: r.revision,
    rulesId: v.rulesId,
    minMinutes: v.minMinutes,
    canManage: v.canManage,
  };
}

export function presentAlert(a: Alert, org: OrganizationRow): ComplianceAlertDto {
  return { code: a.code, organizationId: org.id, organizationName: org.name, period: a.period, meetingId: a.meetingId, message: a.message, source: a.source };
}

export function presentDocument(d: repo.DocumentMeta): DocumentDto {
  return { id: d.id, kind: d.kind as DocumentKind, title: d.title, fileName: d.fileName, contentType: d.contentType, size: d.size, postedAt: d.postedAt.toISOString(), postedBy: d.postedBy };
}

/** A paper's text is for its author and the officers until it is accepted into the agenda. */
export function presentPaper(p: repo.PaperRow, mayReadBody: boolean): PaperDto {
  const bodyVisible = mayReadBody || p.status === 'accepted';
  return {
    id: p.id,
    meetingId: p.meetingId,
    title: p.title,
    authorMemberId: p.authorMemberId,
    authorName: p.authorName,
    dueDate: p.dueDate,
    status: p.status as PaperDto['status'],
    body: bodyVisible ? p.body : null,
    hasFile: p.hasFile,
    fileName: p.fileName,
    comment: bodyVisible ? p.comment : null,
    submittedAt: p.submittedAt?.toISOString() ?? null,
    decidedAt: p.decidedAt?.toISOString() ?? null,
  };
}

export function presentAbsence(a: repo.AbsenceRow): AbsenceRequestDto {
  return {
    id: a.id,
    meetingId: a.meetingId,
    memberId: a.memberId,
    memberName: a.memberName,
    reason: a.reason,
    status: a.status as AbsenceRequestDto['status'],
    decisionNote: a.decisionNote,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
  };
}

export function presentYearPlan(p: YearPlanView): YearPlanDto {
  return {
    organizationId: p.org.id,
    year: p.year,
    targetDay: p.targetDay,
    targetDaySource: p.targetDaySource,
    meetings: p.meetings.map(presentMeeting),
    periods: p.periods,
    alerts: p.alerts.map((a) => presentAlert(a, p.org)),
  };
}

/** The preparation page: officers see every request and paper; a member sees their own. */
export async function presentDetail(ctx: Ctx, id: string): Promise<MeetingDetailDto> {
  const { meeting, org } = await loadMeeting(ctx, id, 'meeting.read');
  const actor = requireActor(ctx);
  const manage = actorCan(actor, 'meeting.manage', org.path);
  const rulesOn = await rulesOf(ctx.db, org);
  const view = viewOf(ctx, meeting, org, rulesOn);
  const [agenda, documents, papers, absences, alerts] = await Promise.all([
    repo.agendaOf(ctx.db, id),
    repo.documentsOf(ctx.db, id),
    repo.papersOf(ctx.db, [id]),
    repo.absencesOf(ctx.db, id),
    alertsOfMeeting(ctx.db, ctx, meeting, org, rulesOn),
  ]);
  const mine = absences.find((a) => a.memberId === actor.memberId) ?? null;
  return {
    ...presentMeeting(view),
    agenda: agenda.map((i) => ({
      id: i.id,
      position: i.position,
      section: i.section as AgendaSection,
      category: i.category as AgendaCategory,
      title: i.title,
      plannedMinutes: i.plannedMinutes,
      paperId: i.paperId,
    })),
    agendaMinutes: agenda.reduce((s, i) => s + i.plannedMinutes, 0),
    documents: documents.map(presentDocument),
    papers: papers.map((p) => presentPaper(p, manage || p.authorMemberId === actor.memberId)),
    absences: manage ? absences.map(presentAbsence) : [],
    alerts: alerts.map((a) => presentAlert(a, org)),
    myAbsence: mine ? presentAbsence(mine) : null,
  };
}

export async function presentNextMeeting(ctx: Ctx, next: { meeting: MeetingRow; org: OrganizationRow } | null): Promise<NextMeetingDto> {
  if (!next) return { meeting: null, documents: [], myPapers: [], myAbsence: null };
  const actor = requireActor(ctx);
  const { meeting, org } = next;
  const rulesOn = await rulesOf(ctx.db, org);
  const [documents, papers, absence] = await Promise.all([
    repo.documentsOf(ctx.db, meeting.id),
    repo.papersOf(ctx.db, [meeting.id]),
    actor.memberId ? repo.absenceOfMember(ctx.db, meeting.id, actor.memberId) : Promise.resolve(undefined),
  ]);
  return {
    meeting: presentMeeting(viewOf(ctx, meeting, org, rulesOn)),
    documents: documents.map(presentDocument),
    myPapers: papers.filter((p) => p.authorMemberId === actor.memberId).map((p) => presentPaper(p, true)),
    myAbsence: absence ? presentAbsence(absence) : null,
  };
}
