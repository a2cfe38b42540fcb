/**
 * Uploads and their rows. Rows go in and are re-checked in batches through one jsonb
 * parameter each (`jsonb_to_recordset`): one statement per 2,000 rows on either driver.
 */
import { and, asc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { CellValue, ImportChoices, ImportProgressDto } from '@chibo/core';
import { memberImportRows, memberImports, type StoredAnalysis, type StoredCell } from '../../db/schema/index.ts';
import type { Queryable } from '../../db/client.ts';
import type { FileRow, RowCheck } from './member-imports.analysis.ts';

export type ImportRow = typeof memberImports.$inferSelect;
type NewImport = Omit<typeof memberImports.$inferInsert, 'id' | 'analysis'>;

const BATCH = 2000;

const toStored = (c: CellValue): StoredCell => (c instanceof Date ? { date: Number.isNaN(c.getTime()) ? null : c.toISOString() } : (c ?? null));
const fromStored = (c: StoredCell): CellValue => (c !== null && typeof c === 'object' ? new Date(c.date ?? Number.NaN) : c);

/** One row's check as jsonb_to_recordset reads it (snake case, the columns below). */
function checkJson(r: RowCheck) {
  return {
    row: r.row,
    action: r.action,
    shown: r.shown,
    value: r.value,
    member_id: r.memberId,
    member_revision: r.memberRevision,
    parts: r.parts,
    errors: r.errors,
    warnings: r.warnings,
    changes: r.changes,
  };
}
const CHECK_COLUMNS = sql.raw(
  'row int, action text, shown jsonb, value jsonb, member_id uuid, member_revision int, parts jsonb, errors jsonb, warnings jsonb, changes jsonb',
);

/** An upload, its rows (cells and first check) and the check's summary, in one transaction of the caller. */
export async function insertImport(db: Queryable, values: NewImport, rows: readonly FileRow[], checks: readonly RowCheck[], analysis: StoredAnalysis): Promise<ImportRow> {
  const [imp] = await db.insert(memberImports).values({ ...values, analysis }).returning();
  if (!imp) throw new Error('insert returned no row');
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map((r, k) => ({ ...checkJson(checks[i + k] as RowCheck), cells: r.cells.map(toStored), flags: r.flags }));
    await db.execute(sql`
      insert into member_import_rows (import_id, row, cells, flags, action, shown, value, member_id, member_revision, parts, errors, warnings, changes)
      select ${imp.id}, u.row, u.cells, u.flags, u.action, u.shown, nullif(u.value, 'null'), u.member_id, u.member_revision, nullif(u.parts, 'null'), u.errors, u.warnings, u.changes
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as u(cells jsonb, flags jsonb, ${CHECK_COLUMNS})`);
  }
  return imp;
}

/** A new check of every row replaces the last one (rows are matched by number). */
export async function saveRowChecks(db: Queryable, id: string, checks: readonly RowCheck[]): Promise<void> {
  for (let i = 0; i < checks.length; i += BATCH) {
    const batch = checks.slice(i, i + BATCH).map(checkJson);
    await db.execute(sql`
      update member_import_rows r set action = u.action, shown = u.shown, value = nullif(u.value, 'null'), member_id = u.member_id,
        member_revision = u.member_revision, parts = nullif(u.parts, 'null'), errors = u.errors, warnings = u.warnings, changes = u.changes
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as u(${CHECK_COLUMNS})
      where r.import_id = ${id} and r.row = u.row`);
  }
}

/**
 * The rows' new check and its summary, while the import is a preview: a check that finishes
 * after a commit (a preview read racing it) must not replace what the commit wrote. The import
 * row is updated first, so this waits for a running commit and then finds it committed.
 */
export async function saveAnalysis(db: Queryable, id: string, checks: readonly RowCheck[], analysis: StoredAnalysis, choices?: ImportChoices): Promise<ImportRow | undefined> {
  const [imp] = await db
    .update(memberImports)
    .set(choices ? { analysis, choices } : { analysis })
    .where(and(eq(memberImports.id, id), eq(memberImports.status, 'preview')))
    .returning();
  if (imp) await saveRowChecks(db, id, checks);
  return imp;
}

export async function findImport(db: Queryable, id: string): Promise<ImportRow | undefined> {
  const [imp] = await db.select().from(memberImports).where(eq(memberImports.id, id));
  return imp;
}

/** The working copy: every row's cells as read, in file order. */
export async function fileRows(db: Queryable, id: string): Promise<FileRow[]> {
  const rows = await db
    .select({ row: memberImportRows.row, cells: memberImportRows.cells, flags: memberImportRows.flags })
    .from(memberImportRows)
    .where(eq(memberImportRows.importId, id))
    .orderBy(asc(memberImportRows.row));
  return rows.map((r) => ({ row: r.row, cells: r.cells.map(fromStored), flags: r.flags }));
}

const checkFields = {
  row: memberImportRows.row,
  action: memberImportRows.action,
  shown: memberImportRows.shown,
  value: memberImportRows.value,
  memberId: memberImportRows.memberId,
  memberRevision: memberImportRows.memberRevision,
  parts: memberImportRows.parts,
  errors: memberImportRows.errors,
  warnings: memberImportRows.warnings,
  changes: memberImportRows.changes,
};

export type RowFilter = 'all' | 'errors' | 'flagged' | 'to_write';
const filters: Record<RowFilter, SQL | undefined> = {
  all: undefined,
  errors: sql`${memberImportRows.action} = 'error'`,
  flagged: sql`(${memberImportRows.action} = 'error' or jsonb_array_length(${memberImportRows.warnings}) > 0)`,
  to_write: inArray(memberImportRows.action, ['create', 'update']),
};

/** The last check of the rows, in file order: one page of them, or all that `only` selects. */
export async function rowChecks(db: Queryable, id: string, only: RowFilter, page?: { offset: number; limit: number }): Promise<RowCheck[]> {
  const q = db
    .select(checkFields)
    .from(memberImportRows)
    .where(and(eq(memberImportRows.importId, id), filters[only]))
    .orderBy(asc(memberImportRows.row));
  return page ? q.offset(page.offset).limit(page.limit) : q;
}

export async function countRows(db: Queryable, id: string, only: RowFilter): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberImportRows)
    .where(and(eq(memberImportRows.importId, id), filters[only]));
  return r?.n ?? 0;
}

/**
 * The commit's one write to the import row, last in its transaction: until then the row is
 * not locked by it, so progress written from outside the transaction lands at once.
 */
export async function markCommitted(db: Queryable, id: string, at: Date, result: { created: number; updated: number; unchanged: number }, analysis: StoredAnalysis): Promise<ImportRow> {
  const [imp] = await db.update(memberImports).set({ status: 'committed', committedAt: at, result, analysis }).where(eq(memberImports.id, id)).returning();
  if (!imp) throw new Error('update returned no row');
  return imp;
}

export async function setProgress(db: Queryable, id: string, p: ImportProgressDto, at: Date): Promise<void> {
  await db.update(memberImports).set({ progressPhase: p.phase, progressDone: p.done, progressTotal: p.total, progressAt: at }).where(eq(memberImports.id, id));
}

/** Uploads never confirmed are not kept for ever (their rows go with them). */
export async function deletePreviewsBefore(db: Queryable, before: Date): Promise<void> {
  await db.delete(memberImports).where(and(eq(memberImports.status, 'preview'), lt(memberImports.createdAt, before)));
}
