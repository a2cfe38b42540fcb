import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { HistoryParts, ImportChoices, ImportedMember, ImportField, ImportPreviewDto, ImportProgressDto, ImportRowDto } from '@chibo/core';
import { accounts } from './accounts.ts';
import { organizations } from './organizations.ts';

/** A spreadsheet cell as jsonb: a date as `{ date: ISO string }` (null for an invalid date). */
export type StoredCell = string | number | boolean | null | { date: string | null };
export type ImportIssue = ImportRowDto['errors'][number];

/** What the last check of an import found, besides its rows; `key` says against what (day, register, choices). */
export interface StoredAnalysis {
  key: string;
  mapping: ImportPreviewDto['mapping'];
  unknownColumns: number[];
  missingFields: ImportField[];
  counts: ImportPreviewDto['counts'];
}

/**
 * An uploaded member file between upload and confirmation (issue 9, points 1 and 21): the file
 * is read once, at upload, and its rows (`member_import_rows`) are the working copy that every
 * preview, correction and the commit read; the file itself is not kept, only its SHA-256.
 * Nothing reaches the register until the commit, which records what it did in `result`. The
 * progress of a running commit is here too, so any server process can answer a poll.
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
    /** 'xlsx', or the text encoding a CSV was read in. */
    format: text('format').notNull().default(''),
    headers: jsonb('headers').$type<string[]>().notNull().default([]),
    /** Column mapping, corrections and skipped rows chosen in the wizard. */
    choices: jsonb('choices').$type<ImportChoices>().notNull().default(sql`'{}'::jsonb`),
    status: text('status').$type<'preview' | 'committed'>().notNull().default('preview'),
    rowCount: integer('row_count'),
    /** The last check (null: none yet); the rows hold each row's part of it. */
    analysis: jsonb('analysis').$type<StoredAnalysis>(),
    result: jsonb('result').$type<{ created: number; updated: number; unchanged: number }>(),
    progressPhase: text('progress_phase').$type<ImportProgressDto['phase']>().notNull().default('idle'),
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total').notNull().default(0),
    progressAt: timestamp('progress_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    committedAt: timestamp('committed_at', { withTimezone: true }),
  },
  (t) => [
    index('member_imports_org_idx').on(t.organizationId),
    check('member_imports_status_chk', sql`${t.status} in ('preview','committed')`),
    check('member_imports_progress_chk', sql`${t.progressPhase} in ('idle','reading','checking','writing','done')`),
  ],
);

/**
 * One data row of an uploaded file: its cells as read (legacy fonts repaired, flags for the
 * cells the user should confirm), and the last check of it — what the preview pages through
 * and what the commit writes when the check still holds.
 */
export const memberImportRows = pgTable(
  'member_import_rows',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => memberImports.id, { onDelete: 'cascade' }),
    /** 1-based row number in the file. */
    row: integer('row').notNull(),
    cells: jsonb('cells').$type<StoredCell[]>().notNull(),
    /** Cells the reader could not be sure of (column index, message). */
    flags: jsonb('flags').$type<{ col: number; message: string }[]>().notNull().default([]),
    action: text('action').$type<ImportRowDto['action']>().notNull(),
    shown: jsonb('shown').$type<ImportRowDto['cells']>().notNull(),
    value: jsonb('value').$type<ImportedMember>(),
    /** The member a row updates or leaves unchanged, and that member's revision when checked. */
    memberId: uuid('member_id'),
    memberRevision: integer('member_revision'),
    /** The history the commit writes for the row. */
    parts: jsonb('parts').$type<HistoryParts>(),
    errors: jsonb('errors').$type<ImportIssue[]>().notNull(),
    warnings: jsonb('warnings').$type<ImportIssue[]>().notNull(),
    changes: jsonb('changes').$type<ImportRowDto['changes']>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.row] }), check('member_import_rows_action_chk', sql`${t.action} in ('create','update','unchanged','error','skipped')`)],
);
