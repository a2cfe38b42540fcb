/** Meetings, their pages and alerts as the API shows them: rows and views mapped to DTOs, nothing loaded. */
import { agendaTotal, type Alert, type AnnouncementPreviewDto, type ComplianceAlertDto, type MeetingDetailDto, type MeetingDto, type NextMeetingDto } from '@chibo/core';
import type { AnnouncementPreview } from './meeting-life.service.ts';
import { presentAbsence } from '../absences/absences.presenter.ts';
import { presentDocument } from '../documents/documents.presenter.ts';
import { presentPaper } from '../papers/papers.presenter.ts';
import type { MeetingPage, NextMeetingCard } from './meeting-page.service.ts';
import type { MeetingView } from './meetings.service.ts';

export function presentMeeting(v: MeetingView): MeetingDto {
  const r = v.row;
  return {
    id: r.id,
    organizationId: r.organizationId,
    organizationName: v.org.name,
    kind: r.kind,
    status: r.status,
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

export function presentAlert(a: Alert, org: { id: string; name: string }): ComplianceAlertDto {
  return { code: a.code, organizationId: org.id, organizationName: org.name, period: a.period, meetingId: a.meetingId, message: a.message, source: a.source };
}

export function presentDetail(p: MeetingPage): MeetingDetailDto {
  const org = p.view.org;
  return {
    ...presentMeeting(p.view),
    agenda: p.agenda.map((i) => ({ id: i.id, position: i.position, section: i.section, category: i.category, title: i.title, plannedMinutes: i.plannedMinutes, paperId: i.paperId })),
    agendaMinutes: agendaTotal(p.agenda),
    documents: p.documents.map(presentDocument),
    papers: p.papers.map((v) => presentPaper(v.row, v.readable)),
    absences: p.absences.map(presentAbsence),
    alerts: p.alerts.map((a) => presentAlert(a, org)),
    myAbsence: p.myAbsence ? presentAbsence(p.myAbsence) : null,
  };
}

export function presentNextMeeting(card: NextMeetingCard | null): NextMeetingDto {
  if (!card) return { meeting: null, documents: [], myPapers: [], myAbsence: null };
  return {
    meeting: presentMeeting(card.view),
    documents: card.documents.map(presentDocument),
    myPapers: card.myPapers.map((v) => presentPaper(v.row, v.readable)),
    myAbsence: card.myAbsence ? presentAbsence(card.myAbsence) : null,
  };
}

export function presentAnnouncement(p: AnnouncementPreview): AnnouncementPreviewDto {
  return {
    recipients: p.recipients.map((r) => ({ name: r.name, byEmail: p.email && r.email !== null, guest: r.memberId === null })),
    emailEnabled: p.email,
    title: p.title,
    body: p.body,
    reminders: p.reminders,
  };
}
