/**
 * Uploads and their rows. Rows go in and are re-checked in batches through one jsonb
 * parameter each (`jsonb_to_recordset`): one statement per 2,000 rows on either driver.
 */
import { and, asc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { CellValue, ImportChoices, ImportProgressDto } from '@chibo/core';
import { memberImportRows, memberImports, type StoredAnalysis, type StoredCell } from '../../db/schema/index.ts';
import type { Queryable, Tx } from '../../db/client.ts';
import { copyRows } from '../../db/copy.ts';
import type { FileRow, RowCheck, RowToWrite } from './member-imports.analysis.ts';

export type ImportRow = typeof memberImports.$inferSelect;
export type { StoredAnalysis };
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

/**
 * An upload, its rows (cells and first check) and the check's summary, in the caller's
 * transaction. The rows go by COPY (stack-notes §2: 4–9× faster than batched INSERTs), 2,000
 * at a time: on PGlite each statement holds the event loop for as long as it runs.
 */
export async function insertImport(tx: Tx, values: NewImport, rows: readonly FileRow[], checks: readonly RowCheck[], analysis: StoredAnalysis): Promise<ImportRow> {
  const [imp] = await tx.insert(memberImports).values({ ...values, analysis }).returning();
  if (!imp) throw new Error('insert returned no row');
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  const columns = ['import_id', 'row', 'cells', 'flags', 'action', 'shown', 'value', 'member_id', 'member_revision', 'parts', 'errors', 'warnings', 'changes'];
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map((r, k) => {
      const c = checks[i + k] as RowCheck;
      return [imp.id, r.row, JSON.stringify(r.cells.map(toStored)), JSON.stringify(r.flags), c.action, JSON.stringify(c.shown), json(c.value), c.memberId, c.memberRevision, json(c.parts), JSON.stringify(c.errors), JSON.stringify(c.warnings), JSON.stringify(c.changes)];
    });
    await copyRows(tx, 'member_import_rows', columns, batch);
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

export type RowFilter = 'all' | 'errors' | 'flagged';
const filters: Record<RowFilter, SQL | undefined> = {
  all: undefined,
  errors: sql`${memberImportRows.action} = 'error'`,
  flagged: sql`(${memberImportRows.action} = 'error' or jsonb_array_length(${memberImportRows.warnings}) > 0)`,
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

/** What the commit writes: the new and changed members' rows, only the columns it needs. */
export async function rowsToWrite(db: Queryable, id: string): Promise<RowToWrite[]> {
  return db
    .select({ row: checkFields.row, action: checkFields.action, value: checkFields.value, parts: checkFields.parts, memberId: checkFields.memberId, memberRevision: checkFields.memberRevision })
    .from(memberImportRows)
    .where(and(eq(memberImportRows.importId, id), inArray(memberImportRows.action, ['create', 'update'])))
    .orderBy(asc(memberImportRows.row));
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
