import { sql } from 'drizzle-orm';
import { check, customType, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { members } from './members.ts';
import { organizations } from './organizations.ts';
import type {
  AbsenceStatus,
  AgendaCategory,
  AgendaSection,
  DocumentKind,
  EmailStatus,
  MeetingKind,
  MeetingStatus,
  NoticeKind,
  OverridableRule,
  PaperStatus,
} from '@chibo/core';

/** What the job runner knows how to do (src/jobs). */
export type JobKind = 'reminder' | 'email';
export type JobStatus = 'pending' | 'done' | 'failed' | 'cancelled';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * A value of the meeting rules a superior committee set for its subtree from a day on
 * (core `ruleSetFor` applies the nearest). Setting and removing one is audited.
 */
export const ruleOverrides = pgTable(
  'rule_overrides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    rule: text('rule').$type<OverridableRule>().notNull(),
    value: integer('value').notNull(),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    setByAccountId: uuid('set_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('rule_overrides_org_rule_from_uq').on(t.organizationId, t.rule, t.fromDate)],
);

/**
 * A meeting of a cell. `monthPeriod` ('YYYY-MM') is the month a regular meeting fulfils and
 * `quarterPeriod` ('YYYY-Qn') the quarter a thematic one does; a combined session has both.
 * `revision` is bumped by every change, so an edit made on a stale page is refused.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind').$type<MeetingKind>().notNull(),
    status: text('status').$type<MeetingStatus>().notNull().default('draft'),
    monthPeriod: text('month_period'),
    quarterPeriod: text('quarter_period'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    plannedMinutes: integer('planned_minutes').notNull(),
    place: text('place'),
    onlineUrl: text('online_url'),
    topic: text('topic'),
    chairMemberId: uuid('chair_member_id').references(() => members.id),
    minuteTakerMemberId: uuid('minute_taker_member_id').references(() => members.id),
    /** Guests: { name, role, accountId? } — the superior's follower and other invitees. */
    guests: jsonb('guests').$type<{ name: string; role: string; accountId: string | null }[]>().notNull().default(sql`'[]'::jsonb`),
    /** Short record of a chi ủy preparatory meeting. */
    note: text('note'),
    announcedAt: timestamp('announced_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    revision: integer('revision').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('meetings_org_starts_idx').on(t.organizationId, t.startsAt),
    check('meetings_kind_chk', sql`${t.kind} in ('regular','thematic','combined','preparatory','extraordinary')`),
    check('meetings_status_chk', sql`${t.status} in ('draft','announced','in_progress','ended','cancelled')`),
    check('meetings_minutes_chk', sql`${t.plannedMinutes} between 1 and 1440`),
  ],
);

/** The agenda, in order; `paperId` links an accepted paper's slot. */
export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    section: text('section').$type<AgendaSection>().notNull(),
    category: text('category').$type<AgendaCategory>().notNull(),
    title: text('title').notNull(),
    plannedMinutes: integer('planned_minutes').notNull(),
    paperId: uuid('paper_id'),
  },
  (t) => [
    index('agenda_items_meeting_idx').on(t.meetingId, t.position),
    check('agenda_items_section_chk', sql`${t.section} in ('opening','content','closing')`),
    check('agenda_items_minutes_chk', sql`${t.plannedMinutes} between 0 and 600`),
  ],
);

/** A file of a meeting; `postedAt` decides "posted at least a day before". */
export const meetingDocuments = pgTable(
  'meeting_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<DocumentKind>().notNull(),
    title: text('title').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    postedByAccountId: uuid('posted_by_account_id').references(() => accounts.id),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('meeting_documents_meeting_idx').on(t.meetingId),
    check('meeting_documents_kind_chk', sql`${t.kind} in ('draft_resolution','thematic_material','other')`),
  ],
);

/** A paper (tham luận) assigned to a member: assigned → submitted → accepted or returned. */
export const meetingPapers = pgTable(
  'meeting_papers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    authorMemberId: uuid('author_member_id')
      .notNull()
      .references(() => members.id),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status').$type<PaperStatus>().notNull().default('assigned'),
    body: text('body'),
    fileName: text('file_name'),
    contentType: text('content_type'),
    content: bytea('content'),
    comment: text('comment'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('meeting_papers_meeting_idx').on(t.meetingId),
    index('meeting_papers_author_idx').on(t.authorMemberId),
    check('meeting_papers_status_chk', sql`${t.status} in ('assigned','submitted','accepted','returned')`),
  ],
);

/** A member's request to be excused; the decision feeds attendance later. */
export const absenceRequests = pgTable(
  'absence_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    reason: text('reason').notNull(),
    status: text('status').$type<AbsenceStatus>().notNull().default('pending'),
    decidedByAccountId: uuid('decided_by_account_id').references(() => accounts.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('absence_requests_meeting_member_uq').on(t.meetingId, t.memberId),
    check('absence_requests_status_chk', sql`${t.status} in ('pending','approved','refused')`),
  ],
);

/**
 * One message to one recipient (a member, or an account such as the superior's follower).
 * `dedupeKey` is unique: a reminder or an announcement is written once however many
 * processes try. E-mail state lives beside it; the .ics is rebuilt from the meeting.
 */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<NoticeKind>().notNull(),
    recipientMemberId: uuid('recipient_member_id').references(() => members.id),
    recipientAccountId: uuid('recipient_account_id').references(() => accounts.id),
    recipientName: text('recipient_name').notNull(),
    email: text('email'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    emailStatus: text('email_status').$type<EmailStatus>().notNull().default('none'),
    emailSentAt: timestamp('email_sent_at', { withTimezone: true }),
    emailError: text('email_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notices_dedupe_uq').on(t.dedupeKey),
    index('notices_meeting_idx').on(t.meetingId),
    index('notices_member_idx').on(t.recipientMemberId),
    index('notices_account_idx').on(t.recipientAccountId),
    check('notices_kind_chk', sql`${t.kind} in ('announced','moved','cancelled','reminder','absence_requested','absence_decided','paper_submitted','paper_decided')`),
    check('notices_email_chk', sql`${t.emailStatus} in ('none','pending','sent','failed')`),
  ],
);

/**
 * Background work that must survive a restart: a row per job, claimed with FOR UPDATE SKIP
 * LOCKED and finished in the same transaction as the work it records, so two processes never
 * both do it. `key` is unique: scheduling the same reminder twice keeps one row.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<JobKind>().notNull(),
    key: text('key').notNull(),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    status: text('status').$type<JobStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('jobs_key_uq').on(t.key),
    index('jobs_due_idx').on(t.status, t.runAt),
    check('jobs_status_chk', sql`${t.status} in ('pending','done','failed','cancelled')`),
  ],
);

/** A personal calendar feed: only the token's hash is kept; a new token revokes the old. */
export const calendarFeeds = pgTable('calendar_feeds', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
