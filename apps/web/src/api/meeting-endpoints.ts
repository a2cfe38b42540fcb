import type {
  AbsenceRequestDto,
  AnnouncementPreviewDto,
  PendingDto,
  YearPlanPreviewDto,
  AgendaItemInput,
  ComplianceAlertDto,
  CreateMeetingInput,
  DocumentDto,
  DocumentKind,
  GuestAccountDto,
  MeetingDetailDto,
  NextMeetingDto,
  NoticeDto,
  NoticeReceiptDto,
  PaperDto,
  PlanYearInput,
  RuleOverrideDto,
  RuleOverrideInput,
  RuleOverridePreviewDto,
  RuleOverridePreviewInput,
  RulesInForceDto,
  UpdateMeetingInput,
  YearPlanDto,
} from '@chibo/core';
import { api, csrfHeaders, networkError, readResponse } from './client.ts';
import { queryString, V1 } from './endpoints.ts';
import { uploadBytes, type Upload, type UploadProgress } from './upload.ts';

/** Typed calls of the meetings API (issue 4): year plan, meetings and their preparation, notices. */

type Output<S extends { _zod: { output: unknown } }> = S['_zod']['output'];
export type RuleOverride = Output<typeof RuleOverrideDto>;

const enc = encodeURIComponent;
const org = (id: string) => `${V1}/organizations/${enc(id)}`;
const meeting = (id: string) => `${V1}/meetings/${enc(id)}`;

/** DELETE with the CSRF header; the JSON client has no verb for it. */
async function del<T>(path: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'DELETE', headers: { Accept: 'application/json', ...csrfHeaders() }, credentials: 'same-origin' });
  } catch {
    throw networkError();
  }
  return readResponse<T>(res.status, await res.text());
}

// ── Year plan, alerts, rule overrides ────────────────────────────────────────────────────

export function fetchYearPlan(organizationId: string, year: number, signal?: AbortSignal): Promise<YearPlanDto> {
  return api.get(`${org(organizationId)}/year-plan${queryString({ year })}`, signal);
}

export function planYear(organizationId: string, input: PlanYearInput, idempotencyKey?: string): Promise<YearPlanDto> {
  return api.post(`${org(organizationId)}/year-plan`, input, idempotencyKey);
}

export async function fetchAlerts(organizationId: string, signal?: AbortSignal): Promise<ComplianceAlertDto[]> {
  const res = await api.get<{ items: ComplianceAlertDto[] }>(`${org(organizationId)}/alerts`, signal);
  return res.items;
}

export async function fetchRuleOverrides(organizationId: string, signal?: AbortSignal): Promise<RuleOverride[]> {
  const res = await api.get<{ items: RuleOverride[] }>(`${org(organizationId)}/rule-overrides`, signal);
  return res.items;
}

export function createRuleOverride(organizationId: string, input: RuleOverrideInput, idempotencyKey?: string): Promise<RuleOverride> {
  return api.post(`${org(organizationId)}/rule-overrides`, input, idempotencyKey);
}

/** What an override would change, before it is saved. */
export function previewRuleOverride(organizationId: string, input: RuleOverridePreviewInput): Promise<RuleOverridePreviewDto> {
  return api.post(`${org(organizationId)}/rule-overrides/preview`, input);
}

export function fetchRemovalPreview(id: string, signal?: AbortSignal): Promise<RuleOverridePreviewDto> {
  return api.get(`${V1}/rule-overrides/${enc(id)}/removal-preview`, signal);
}

/** Removing one that has started re-judges past periods: the caller says so with `applyToPast`. */
export function deleteRuleOverride(id: string, applyToPast = false): Promise<unknown> {
  return del(`${V1}/rule-overrides/${enc(id)}${applyToPast ? '?applyToPast=true' : ''}`);
}

export function fetchRulesInForce(organizationId: string, signal?: AbortSignal): Promise<RulesInForceDto> {
  return api.get(`${org(organizationId)}/rules`, signal);
}

// ── Meetings ────────────────────────────────────────────────────────────────────────────

export function createMeeting(input: CreateMeetingInput, idempotencyKey?: string): Promise<MeetingDetailDto> {
  return api.post(`${V1}/meetings`, input, idempotencyKey);
}

export function fetchMeeting(id: string, signal?: AbortSignal): Promise<MeetingDetailDto> {
  return api.get(meeting(id), signal);
}

export function updateMeeting(id: string, input: UpdateMeetingInput): Promise<MeetingDetailDto> {
  return api.patch(meeting(id), input);
}

export type Transition = 'announce' | 'start' | 'end';

export function transitionMeeting(id: string, transition: Transition, revision: number, idempotencyKey?: string): Promise<MeetingDetailDto> {
  return api.post(`${meeting(id)}/${transition}`, { revision }, idempotencyKey);
}

export function cancelMeeting(id: string, revision: number, reason: string, idempotencyKey?: string): Promise<MeetingDetailDto> {
  return api.post(`${meeting(id)}/cancel`, { revision, reason }, idempotencyKey);
}

export function putAgenda(id: string, revision: number, items: AgendaItemInput[]): Promise<MeetingDetailDto> {
  return api.put(`${meeting(id)}/agenda`, { revision, items });
}

// ── Documents ───────────────────────────────────────────────────────────────────────────

/** Raw bytes with progress; the server tells the real type from the bytes (415) and the size (413). */
export function uploadDocument(
  meetingId: string,
  meta: { kind: DocumentKind; title: string; fileName: string },
  file: Blob,
  onProgress: (p: UploadProgress) => void,
): Upload<DocumentDto> {
  return uploadBytes<DocumentDto>(`${meeting(meetingId)}/documents${queryString(meta)}`, file, onProgress);
}

/** A plain link: PDF and images open in the browser, other files download. */
export function documentUrl(id: string): string {
  return `${V1}/documents/${enc(id)}/content`;
}

export function deleteDocument(id: string): Promise<unknown> {
  return del(`${V1}/documents/${enc(id)}`);
}

// ── Papers (tham luận) and absence requests ─────────────────────────────────────────────

export function assignPaper(
  meetingId: string,
  input: { title: string; authorMemberId: string; dueDate: string },
  idempotencyKey?: string,
): Promise<PaperDto> {
  return api.post(`${meeting(meetingId)}/papers`, input, idempotencyKey);
}

export function submitPaper(id: string, body: string, idempotencyKey?: string): Promise<PaperDto> {
  return api.post(`${V1}/papers/${enc(id)}/submit`, { body }, idempotencyKey);
}

/** The author hands the paper in as a file; the server checks its bytes like a document's. */
export function uploadPaperFile(paperId: string, fileName: string, file: Blob, onProgress: (p: UploadProgress) => void): Upload<PaperDto> {
  return uploadBytes<PaperDto>(`${V1}/papers/${enc(paperId)}/file${queryString({ fileName })}`, file, onProgress);
}

export function paperFileUrl(paperId: string): string {
  return `${V1}/papers/${enc(paperId)}/file`;
}

export function decidePaper(id: string, decision: 'accept' | 'return', comment: string | null, idempotencyKey?: string): Promise<PaperDto> {
  return api.post(`${V1}/papers/${enc(id)}/decision`, { decision, comment }, idempotencyKey);
}

export function requestAbsence(meetingId: string, reason: string, idempotencyKey?: string): Promise<AbsenceRequestDto> {
  return api.post(`${meeting(meetingId)}/absence`, { reason }, idempotencyKey);
}

/** The member changes the reason of their request while it waits. */
export function changeAbsenceReason(id: string, reason: string): Promise<AbsenceRequestDto> {
  return api.patch(`${V1}/absence-requests/${enc(id)}`, { reason });
}

/** The member withdraws their request while it waits. */
export function withdrawAbsence(id: string): Promise<unknown> {
  return del(`${V1}/absence-requests/${enc(id)}`);
}

/** The author takes back a submitted paper before it is decided. */
export function withdrawPaper(id: string): Promise<PaperDto> {
  return api.post(`${V1}/papers/${enc(id)}/withdraw`);
}

/** Who announcing would tell, and what they would receive. */
export function fetchAnnouncementPreview(id: string, signal?: AbortSignal): Promise<AnnouncementPreviewDto> {
  return api.get(`${meeting(id)}/announcement`, signal);
}

/** The meetings a year plan would make. */
export function previewYearPlan(organizationId: string, input: PlanYearInput): Promise<YearPlanPreviewDto> {
  return api.post(`${org(organizationId)}/year-plan/preview`, input);
}

/** What waits for the caller: papers to hand in, requests to decide. */
export function fetchPending(signal?: AbortSignal): Promise<PendingDto> {
  return api.get(`${V1}/me/pending`, signal);
}

export function decideAbsence(id: string, decision: 'approve' | 'refuse', note: string | null, idempotencyKey?: string): Promise<AbsenceRequestDto> {
  return api.post(`${V1}/absence-requests/${enc(id)}/decision`, { decision, note }, idempotencyKey);
}

// ── The member's side: next meeting, notices, calendar feed ─────────────────────────────

/** Accounts of the committees above a cell, to invite (and notify) as guests. */
export async function fetchGuestAccounts(organizationId: string, signal?: AbortSignal): Promise<GuestAccountDto[]> {
  return (await api.get<{ items: GuestAccountDto[] }>(`${V1}/organizations/${enc(organizationId)}/guest-accounts`, signal)).items;
}

export function fetchNextMeeting(signal?: AbortSignal): Promise<NextMeetingDto> {
  return api.get(`${V1}/me/next-meeting`, signal);
}

export function fetchNotices(signal?: AbortSignal): Promise<{ items: NoticeDto[]; unread: number }> {
  return api.get(`${V1}/notices`, signal);
}

export function markNoticeRead(id: string): Promise<NoticeDto> {
  return api.post(`${V1}/notices/${enc(id)}/read`);
}

export async function fetchMeetingNotices(meetingId: string, signal?: AbortSignal): Promise<NoticeReceiptDto[]> {
  const res = await api.get<{ items: NoticeReceiptDto[] }>(`${meeting(meetingId)}/notices`, signal);
  return res.items;
}

export function fetchCalendarFeedStatus(signal?: AbortSignal): Promise<{ active: boolean; createdAt: string | null }> {
  return api.get(`${V1}/me/calendar-feed`, signal);
}

export function rotateCalendarFeed(): Promise<{ url: string }> {
  return api.post(`${V1}/me/calendar-feed`);
}

export function revokeCalendarFeed(): Promise<unknown> {
  return del(`${V1}/me/calendar-feed`);
}
