import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

/** A party member and the cell they belong to now (membership history comes with the register). */
export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    fullName: text('full_name').notNull(),
    /** foldForSearch(fullName): lower case, no diacritics, đ → d. */
    searchName: text('search_name').notNull(),
    gender: text('gender'),
    birthDate: date('birth_date', { mode: 'string' }),
    status: text('status').notNull(),
    position: text('position'),
    admittedOn: date('admitted_on', { mode: 'string' }),
    confirmedOn: date('confirmed_on', { mode: 'string' }),
    email: text('email'),
    phone: text('phone'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('members_organization_idx').on(t.organizationId),
    check('members_status_chk', sql`${t.status} in ('official','probationary','exempt','suspended')`),
  ],
);
