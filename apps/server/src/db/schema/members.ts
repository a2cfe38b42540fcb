import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import type { ExemptTrack, Gender, MemberStatus, MembershipPeriod, Position } from '@chibo/core';

type MembershipKind = MembershipPeriod['kind'];

/**
 * A party member: the person. Which cell they belong to, and what they were on any day, is in
 * the history tables below; core's `standingOn`/`rollOn`/`recordCellOn` answer from them.
 */
export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fullName: text('full_name').notNull(),
    /** foldForSearch(fullName): lower case, no diacritics, đ → d. */
    searchName: text('search_name').notNull(),
    gender: text('gender').$type<Gender>(),
    birthDate: date('birth_date', { mode: 'string' }),
    admittedOn: date('admitted_on', { mode: 'string' }),
    email: text('email'),
    phone: text('phone'),
    /** Bumped by every write to the record or its history: an import's preview is stale once it moves. */
    revision: integer('revision').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('members_search_idx').on(t.searchName.op('text_pattern_ops')),
    check('members_name_nfc_chk', sql`${t.fullName} = normalize(${t.fullName}, NFC)`),
  ],
);

/** Every period: its member, and the days it covers (both ends included; no end: still running). */
const periodColumns = () => ({
  id: uuid('id').primaryKey().defaultRandom(),
  memberId: uuid('member_id')
    .notNull()
    .references(() => members.id, { onDelete: 'cascade' }),
  fromDate: date('from_date', { mode: 'string' }).notNull(),
  toDate: date('to_date', { mode: 'string' }),
});

/** Official attachment to a cell, or "sinh hoạt tạm thời" in another; both ends are days covered. */
export const memberships = pgTable(
  'member_memberships',
  {
    ...periodColumns(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind').$type<MembershipKind>().notNull(),
  },
  (t) => [
    index('member_memberships_member_idx').on(t.memberId),
    index('member_memberships_org_idx').on(t.organizationId),
    check('member_memberships_kind_chk', sql`${t.kind} in ('official','temporary')`),
    check('member_memberships_span_chk', sql`${t.toDate} is null or ${t.toDate} >= ${t.fromDate}`),
  ],
);

/** Party standing (probationary, official) and the layers over it (exempt, suspended). */
export const memberStatuses = pgTable(
  'member_statuses',
  {
    ...periodColumns(),
    status: text('status').$type<MemberStatus>().notNull(),
    exemptTrack: text('exempt_track').$type<ExemptTrack>(),
    reason: text('reason'),
    decisionRef: text('decision_ref'),
  },
  (t) => [
    index('member_statuses_member_idx').on(t.memberId),
    check('member_statuses_status_chk', sql`${t.status} in ('official','probationary','exempt','suspended')`),
    check('member_statuses_track_chk', sql`${t.exemptTrack} is null or ${t.exemptTrack} in ('A','B')`),
    check('member_statuses_span_chk', sql`${t.toDate} is null or ${t.toDate} >= ${t.fromDate}`),
  ],
);

/** Posts held in a cell, with their terms. */
export const memberPositions = pgTable(
  'member_positions',
  {
    ...periodColumns(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    position: text('position').$type<Position>().notNull(),
  },
  (t) => [
    index('member_positions_member_idx').on(t.memberId),
    check('member_positions_position_chk', sql`${t.position} in ('secretary','deputy_secretary','committee_member','group_leader')`),
    check('member_positions_span_chk', sql`${t.toDate} is null or ${t.toDate} >= ${t.fromDate}`),
  ],
);
