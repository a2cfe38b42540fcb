import { sql } from 'drizzle-orm';
import { check, customType, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { organizations } from './organizations.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * An uploaded member file between upload and confirmation: the bytes are kept so the preview,
 * the user's corrections and the commit all read the same file; nothing reaches the register
 * until the commit, which records what it did in `result`.
 */
export const memberImports = pgTable(
  'member_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    content: bytea('content').notNull(),
    /** Column mapping, corrections and skipped rows chosen in the wizard. */
    choices: jsonb('choices').notNull().default(sql`'{}'::jsonb`),
    status: text('status').notNull().default('preview'),
    rowCount: integer('row_count'),
    result: jsonb('result'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    committedAt: timestamp('committed_at', { withTimezone: true }),
  },
  (t) => [
    index('member_imports_org_idx').on(t.organizationId),
    check('member_imports_status_chk', sql`${t.status} in ('preview','committed')`),
  ],
);
