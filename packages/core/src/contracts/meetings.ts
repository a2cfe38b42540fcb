/**
 * Meetings and their preparation (issue 4): the wire shapes of meetings, the year plan,
 * agenda, documents, papers, absence requests, notices and compliance alerts.
 */
import { z } from 'zod';
import { Id, IsoDate, SafeString, text } from './common.ts';

export const MEETING_KINDS = ['regular', 'thematic', 'combined', 'preparatory', 'extraordinary'] as const;
export const MeetingKind = z.enum(MEETING_KINDS, { error: 'Loại cuộc họp không hợp lệ.' });
export type MeetingKind = z.infer<typeof MeetingKind>;

export const MEETING_STATUSES = ['draft', 'announced', 'in_progress', 'ended', 'cancelled'] as const;
export const MeetingStatus = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

export const GUEST_ROLES = ['follower', 'invitee'] as const;
export const Guest = z.object({
  name: text(2, 200),
  /** follower: the superior committee's member assigned to follow the cell (cấp ủy viên phụ trách). */
  role: z.enum(GUEST_ROLES),
  /** An account to notify (the follower's), when the guest has one. */
  accountId: Id.nullable().default(null),
});
export type Guest = z.infer<typeof Guest>;

// Lengths are said even where a pattern bounds them, so that the OpenAPI document carries them.
const MonthPeriod = z.string().max(7).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Tháng phải có dạng YYYY-MM.' });
const QuarterPeriod = z.string().max(7).regex(/^\d{4}-Q[1-4]$/, { error: 'Quý phải có dạng YYYY-Qn.' });
const INSTANT_ERROR = 'Thời gian phải có dạng ISO 8601, kèm múi giờ.';
// 2026-05-19T08:30:00.123456789+07:00 is 35 characters: room for any precision a client sends.
const Instant = z.iso.datetime({ offset: true, error: INSTANT_ERROR }).max(40, { error: INSTANT_ERROR });
const OptionalText = (max: number) => text(0, max).transform((s) => (s === '' ? null : s)).nullable();
const Url = SafeString.max(2000, { error: 'Tối đa 2000 ký tự.' }).pipe(z.url({ protocol: /^https?$/, error: 'Đường dẫn họp trực tuyến phải bắt đầu bằng http(s)://' }));

export const MeetingFields = z.object({
  kind: MeetingKind,
  startsAt: Instant,
  plannedMinutes: z.number().int().min(15, { error: 'Ít nhất 15 phút.' }).max(600, { error: 'Nhiều nhất 600 phút.' }),
  place: OptionalText(200).optional(),
  onlineUrl: Url.nullable().optional(),
  topic: OptionalText(500).optional(),
  chairMemberId: Id.nullable().optional(),
  minuteTakerMemberId: Id.nullable().optional(),
  guests: z.array(Guest).max(30).optional(),
  note: OptionalText(5000).optional(),
  /** Defaults from the start date: the month for regular meetings, the quarter for thematic ones. */
  monthPeriod: MonthPeriod.nullable().optional(),
  quarterPeriod: QuarterPeriod.nullable().optional(),
});
export const CreateMeetingInput = MeetingFields.extend({ organizationId: Id, withAgenda: z.boolean().default(true) });
export type CreateMeetingInput = z.infer<typeof CreateMeetingInput>;
export const UpdateMeetingInput = MeetingFields.partial().extend({
  /** The revision the edit was made on: a stale page is refused (409). */
  revision: z.number().int().min(0),
  /** Why an announced meeting moves (sent to everyone). */
  reason: OptionalText(500).optional(),
});
export type UpdateMeetingInput = z.infer<typeof UpdateMeetingInput>;
export const CancelMeetingInput = z.object({ revision: z.number().int().min(0), reason: text(3, 500) });
export const TransitionInput = z.object({ revision: z.number().int().min(0) });

export const AGENDA_SECTIONS = ['opening', 'content', 'closing'] as const;
export const AgendaSection = z.enum(AGENDA_SECTIONS);
export type AgendaSection = z.infer<typeof AgendaSection>;
/** What an agenda item is for; later issues time speeches and score the meeting by it. */
export const AGENDA_CATEGORIES = [
  'procedure',
  'attendance',
  'dues',
  'news',
  'review',
  'ideology',
  'discussion',
  'criticism',
  'presentation',
  'paper',
  'assessment',
  'conclusion',
  'vote',
  'tasks',
  'quality',
  'minutes',
  'focus',
  'other',
] as const;
export const AgendaCategory = z.enum(AGENDA_CATEGORIES);
export type AgendaCategory = z.infer<typeof AgendaCategory>;

export const AgendaItemInput = z.object({
  section: AgendaSection,
  category: AgendaCategory,
  title: text(2, 300),
  plannedMinutes: z.number().int().min(0).max(600),
  paperId: Id.nullable().default(null),
});
export type AgendaItemInput = z.infer<typeof AgendaItemInput>;
export const PutAgendaInput = z.object({ revision: z.number().int().min(0), items: z.array(AgendaItemInput).max(60) });
export const AgendaItemDto = z.object({
  id: Id,
  position: z.number().int(),
  section: AgendaSection,
  category: AgendaCategory,
  title: z.string(),
  plannedMinutes: z.number().int(),
  paperId: Id.nullable(),
});
export type AgendaItemDto = z.infer<typeof AgendaItemDto>;

export const DOCUMENT_KINDS = ['draft_resolution', 'thematic_material', 'other'] as const;
export const DocumentKind = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKind>;
export const DocumentDto = z.object({
  id: Id,
  kind: DocumentKind,
  title: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  postedAt: z.string(),
  postedBy: z.string().nullable(),
});
export type DocumentDto = z.infer<typeof DocumentDto>;

export const PAPER_STATUSES = ['assigned', 'submitted', 'accepted', 'returned'] as const;
export const PaperStatus = z.enum(PAPER_STATUSES);
export type PaperStatus = z.infer<typeof PaperStatus>;
export const AssignPaperInput = z.object({ title: text(3, 300), authorMemberId: Id, dueDate: IsoDate });
export const SubmitPaperInput = z.object({ body: text(20, 50_000) });
export const DecidePaperInput = z.object({ decision: z.enum(['accept', 'return']), comment: OptionalText(2000).optional() });
export const PaperDto = z.object({
  id: Id,
  meetingId: Id,
  title: z.string(),
  authorMemberId: Id,
  authorName: z.string(),
  dueDate: IsoDate,
  status: PaperStatus,
  body: z.string().nullable(),
  hasFile: z.boolean(),
  fileName: z.string().nullable(),
  comment: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type PaperDto = z.infer<typeof PaperDto>;

export const ABSENCE_STATUSES = ['pending', 'approved', 'refused'] as const;
export type AbsenceStatus = (typeof ABSENCE_STATUSES)[number];
export const AbsenceRequestInput = z.object({ reason: text(5, 1000) });
export const DecideAbsenceInput = z.object({ decision: z.enum(['approve', 'refuse']), note: OptionalText(1000).optional() });
export const AbsenceRequestDto = z.object({
  id: Id,
  meetingId: Id,
  memberId: Id,
  memberName: z.string(),
  reason: z.string(),
  status: z.enum(ABSENCE_STATUSES),
  decisionNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AbsenceRequestDto = z.infer<typeof AbsenceRequestDto>;

/** About a meeting's schedule (announced, moved, cancelled, reminder), or a step of its preparation between a member and the officers. */
export const MEETING_NOTICE_KINDS = ['announced', 'moved', 'cancelled', 'reminder'] as const;
export const WORKFLOW_NOTICE_KINDS = ['absence_requested', 'absence_decided', 'paper_submitted', 'paper_decided'] as const;
export const NOTICE_KINDS = [...MEETING_NOTICE_KINDS, ...WORKFLOW_NOTICE_KINDS] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const EMAIL_STATUSES = ['none', 'pending', 'sent', 'failed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
export const NoticeDto = z.object({
  id: Id,
  meetingId: Id,
  kind: z.enum(NOTICE_KINDS),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NoticeDto = z.infer<typeof NoticeDto>;
/** Officers' view of who was told about the meeting and who opened it. */
export const NoticeReceiptDto = z.object({
  recipientName: z.string(),
  kind: z.enum(NOTICE_KINDS),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  emailStatus: z.enum(EMAIL_STATUSES),
});
export type NoticeReceiptDto = z.infer<typeof NoticeReceiptDto>;

export const ALERT_CODES = [
  'regular_not_held',
  'thematic_missing',
  'documents_late',
  'not_announced',
  'duration_short',
] as const;
export const AlertCode = z.enum(ALERT_CODES);
export type AlertCode = z.infer<typeof AlertCode>;
export const ComplianceAlertDto = z.object({
  code: AlertCode,
  organizationId: Id,
  organizationName: z.string(),
  period: z.string(),
  meetingId: Id.nullable(),
  message: z.string(),
  /** The rule the alert is judged by, e.g. 'HD 42-HD/BTCTW … mục II 2.1'. */
  source: z.string(),
});
export type ComplianceAlertDto = z.infer<typeof ComplianceAlertDto>;

export const MeetingDto = z.object({
  id: Id,
  organizationId: Id,
  organizationName: z.string(),
  kind: MeetingKind,
  status: MeetingStatus,
  monthPeriod: z.string().nullable(),
  quarterPeriod: z.string().nullable(),
  startsAt: z.string(),
  plannedMinutes: z.number().int(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  topic: z.string().nullable(),
  chairMemberId: Id.nullable(),
  minuteTakerMemberId: Id.nullable(),
  guests: z.array(z.object({ name: z.string(), role: z.enum(GUEST_ROLES), accountId: Id.nullable() })),
  note: z.string().nullable(),
  announcedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  revision: z.number().int(),
  /** The rule set the meeting is judged by and the minimum duration it sets. */
  rulesId: z.string(),
  minMinutes: z.number().int(),
  /** What the caller may do with it. */
  canManage: z.boolean(),
});
export type MeetingDto = z.infer<typeof MeetingDto>;

/** The preparation page in one read. */
export const MeetingDetailDto = MeetingDto.extend({
  agenda: z.array(AgendaItemDto),
  agendaMinutes: z.number().int(),
  documents: z.array(DocumentDto),
  papers: z.array(PaperDto),
  absences: z.array(AbsenceRequestDto),
  alerts: z.array(ComplianceAlertDto),
  /** The caller's own absence request, if any (members see theirs). */
  myAbsence: AbsenceRequestDto.nullable(),
});
export type MeetingDetailDto = z.infer<typeof MeetingDetailDto>;

export const MeetingListQuery = z.object({ organizationId: Id, year: z.coerce.number().int().min(2000).max(2100) });
export const MeetingListResponse = z.object({ items: z.array(MeetingDto) });

export const PlanYearInput = z.object({
  year: z.number().int().min(2000).max(2100),
  thematicMonthOfQuarter: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(2),
  topics: z.array(text(0, 300)).max(4).optional(),
  /** Meeting start, local time 'HH:MM' (default 14:00). */
  time: z.string().max(5, { error: 'Giờ phải có dạng HH:MM.' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Giờ phải có dạng HH:MM.' }).default('14:00'),
});
export type PlanYearInput = z.infer<typeof PlanYearInput>;

export const PeriodDto = z.object({
  period: z.string(),
  kind: z.enum(['regular', 'thematic']),
  deadline: IsoDate,
  state: z.enum(['planned', 'held_on_time', 'held_late', 'missed']),
  reason: z.string().nullable(),
  meetingIds: z.array(Id),
});
export type PeriodDto = z.infer<typeof PeriodDto>;
export const YearPlanDto = z.object({
  organizationId: Id,
  year: z.number().int(),
  targetDay: z.number().int(),
  targetDaySource: z.string(),
  meetings: z.array(MeetingDto),
  periods: z.array(PeriodDto),
  alerts: z.array(ComplianceAlertDto),
});
export type YearPlanDto = z.infer<typeof YearPlanDto>;

/** The member's card: the next meeting with what to read and the paper assigned to them. */
export const NextMeetingDto = z.object({
  meeting: MeetingDto.nullable(),
  documents: z.array(DocumentDto),
  myPapers: z.array(PaperDto),
  myAbsence: AbsenceRequestDto.nullable(),
});
export type NextMeetingDto = z.infer<typeof NextMeetingDto>;

/** An account a meeting may invite and notify: someone of a committee above the cell. */
export const GuestAccountDto = z.object({ accountId: Id, displayName: z.string(), organizationName: z.string() });
export type GuestAccountDto = z.infer<typeof GuestAccountDto>;

/** What announcing a meeting would send, shown before it is sent. */
export const AnnouncementPreviewDto = z.object({
  recipients: z.array(z.object({ name: z.string(), byEmail: z.boolean(), guest: z.boolean() })),
  /** E-mail is configured on this server (else the notices stay in the app). */
  emailEnabled: z.boolean(),
  title: z.string(),
  body: z.string(),
  /** Reminders that will follow, in minutes before the start (those still ahead). */
  reminders: z.array(z.number().int()),
});
export type AnnouncementPreviewDto = z.infer<typeof AnnouncementPreviewDto>;

/** The meetings a year plan would draft, shown before they are made. */
export const YearPlanPreviewDto = z.object({
  year: z.number().int(),
  drafts: z.array(z.object({ kind: z.enum(['regular', 'thematic', 'combined']), startsAt: z.string(), monthPeriod: z.string().nullable(), quarterPeriod: z.string().nullable(), plannedMinutes: z.number().int(), topic: z.string().nullable() })),
});
export type YearPlanPreviewDto = z.infer<typeof YearPlanPreviewDto>;

/** What waits for the caller (their home page): what they must hand in, and what they must decide. */
export const PendingItemDto = z.object({
  kind: z.enum(['paper_to_write', 'absence_waiting', 'absence_to_decide', 'paper_to_decide']),
  id: Id,
  meetingId: Id,
  meetingStartsAt: z.string(),
  organizationName: z.string(),
  /** The paper's title, or the request's reason. */
  title: z.string(),
  /** Who asked or wrote (the officers' items). */
  memberName: z.string().nullable(),
  /** A paper's due day. */
  dueDate: IsoDate.nullable(),
});
export type PendingItemDto = z.infer<typeof PendingItemDto>;
export const PendingDto = z.object({
  unreadNotices: z.number().int(),
  /** The caller's own: papers to hand in, requests not yet decided. */
  mine: z.array(PendingItemDto),
  /** For the cells the caller runs: requests and papers to decide. */
  toDecide: z.array(PendingItemDto),
  /** More waits than listed (the lists are capped). */
  more: z.boolean(),
});
export type PendingDto = z.infer<typeof PendingDto>;
