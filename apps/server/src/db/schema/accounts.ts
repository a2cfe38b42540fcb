import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { members } from './members.ts';
import { organizations } from './organizations.ts';
import type { Role } from '@chibo/core';

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Lower case; login accepts the username or the e-mail address. */
    username: text('username').notNull().unique(),
    email: text('email'),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    memberId: uuid('member_id')
      .unique()
      .references(() => members.id),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Login matches the e-mail case-insensitively, so it must be unique that way; and a
    // username has no '@', so it can never be mistaken for someone's e-mail (core Username).
    uniqueIndex('accounts_email_lower_uq').on(sql`lower(${t.email})`),
    check('accounts_username_chk', sql`${t.username} ~ '^[a-z0-9._-]{3,40}$'`),
  ],
);

/** A role granted on an organization applies to that organization's whole subtree. */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    role: text('role').$type<Role>().notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('role_grants_account_org_role_uq').on(t.accountId, t.organizationId, t.role),
    index('role_grants_account_idx').on(t.accountId),
    check('role_grants_role_chk', sql`${t.role} in ('admin','superior','cell_officer','member')`),
  ],
);

/**
 * Sessions live in the database so that every server process sees every login.
 * The cookie holds a random token; only its SHA-256 is stored.
 */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [index('sessions_account_idx').on(t.accountId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Failed sign-ins, counted per key (ADR 0009): `acct:<account id>:ip:<source>`,
 * `login:<sha256 of the lower-cased login>:ip:<source>` for a name no account has (so it is
 * throttled exactly like a real one), and `ip:<source>` for everything from one source.
 * In the database, not in process memory, so every server process shares the counts.
 */
export const loginThrottles = pgTable(
  'login_throttles',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull().default(0),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** After this the row says nothing (window over, lock lifted) and may be deleted. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_throttles_expires_idx').on(t.expiresAt), check('login_throttles_failures_chk', sql`${t.failures} >= 0`)],
);
