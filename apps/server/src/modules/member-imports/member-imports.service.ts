/**
 * Importing a cell's member list (issue 3, point 6; issue 9): upload → preview (every row as it
 * will be saved, with its errors and warnings) → the user's corrections → commit. The file is
 * read once, at upload, in a worker thread (parse-member-file.ts); its rows and their last check
 * are kept in the database, so any server process serves the preview, the corrections, the
 * commit and its progress. Nothing reaches the register before the commit, which is one
 * transaction; a row that matches a member of the cell (same name and date of birth) updates
 * that member, so importing the same file again creates no one twice.
 */
import crypto from 'node:crypto';
import { AppError } from '../../lib/app-error.ts';
import type { Ctx } from '../../lib/context.ts';
import { requireActor } from '../../lib/policy.ts';
import { canonicalJson, type ImportChoices, type ImportPreviewDto, type ImportProgressDto } from '@chibo/core';
import { lockRegister, registerOf, registerVersionOf, todayOf } from '../members/members.service.ts';
import type { OrganizationRow } from '../organizations/organizations.service.ts';
import { analyze, type Analysis, type FileRow, type RowCheck, type RowToWrite } from './member-imports.analysis.ts';
import { writeCheckedRows } from './member-imports.commit.ts';
import { authorizeImportInto, authorizeOwnImport } from './member-imports.policy.ts';
import { presentImport } from './member-imports.presenter.ts';
import * as repo from './member-imports.repo.ts';
import type { StoredAnalysis } from './member-imports.repo.ts';
import { parseMemberFile } from './parse-member-file.ts';

export const MAX_IMPORT_ROWS = 200_000;
const PREVIEW_DAYS = 7;

export type Page = { offset: number; limit: number; only: 'all' | 'errors' | 'flagged' };
const FIRST_PAGE: Page = { offset: 0, limit: 200, only: 'all' };
type OnProgress = (p: ImportProgressDto) => void;

/**
 * What a check depends on: the register's day, the register itself (a fingerprint of its
 * members) and the user's choices. Read before the register, so a change that lands between
 * the two makes the stored check look stale (checked again), never fresh.
 */
async function checkKey(ctx: Ctx, cell: OrganizationRow, choices: ImportChoices): Promise<string> {
  // Canonical JSON: choices read back from jsonb come with their keys in another order.
  return canonicalJson([todayOf(ctx, cell), await registerVersionOf(ctx.db, cell.id), choices]);
}

async function check(ctx: Ctx, cell: OrganizationRow, file: { headers: string[]; rows: readonly FileRow[] }, choices: ImportChoices, onRow?: (done: number) => void) {
  const key = await checkKey(ctx, cell, choices);
  const today = todayOf(ctx, cell);
  const register = (await registerOf(ctx, cell, today)).filter((e) => e.attachment !== 'temporary');
  const analysis = await analyze(file, choices, register, { cellId: cell.id, today }, onRow);
  return { analysis, summary: summaryOf(analysis, key) };
}

const summaryOf = ({ mapping, unknownColumns, missingFields, counts }: Analysis, key: string): StoredAnalysis => ({ key, mapping, unknownColumns, missingFields, counts });

function pageOf(rows: readonly RowCheck[], page: Page): RowCheck[] {
  const pool = page.only === 'all' ? rows : rows.filter((r) => r.action === 'error' || (page.only === 'flagged' && r.warnings.length > 0));
  return pool.slice(page.offset, page.offset + page.limit);
}

/** Upload: the file is read once (an unreadable or unsafe file is refused and nothing is kept). */
export async function createImport(ctx: Ctx, organizationId: string, fileName: string, bytes: Uint8Array, page: Page = FIRST_PAGE, onProgress?: OnProgress): Promise<ImportPreviewDto> {
  const actor = requireActor(ctx);
  const cell = await authorizeImportInto(ctx, organizationId);
  onProgress?.({ phase: 'reading', done: 0, total: 0 });
  const file = await parseMemberFile(bytes);
  const total = file.rows.length;
  if (total > MAX_IMPORT_ROWS) throw new AppError('import_unreadable', `Tệp có ${total} dòng, nhiều hơn giới hạn ${MAX_IMPORT_ROWS} dòng một lần nhập.`);
  const { analysis, summary } = await check(ctx, cell, file, {}, (done) => onProgress?.({ phase: 'checking', done, total }));
  const now = ctx.clock.now();
  // Uploads never confirmed are not kept for ever: a week is enough to finish a wizard.
  await repo.deletePreviewsBefore(ctx.db, new Date(now.getTime() - PREVIEW_DAYS * 86_400_000));
  const values = {
    organizationId: cell.id,
    accountId: actor.accountId,
    fileName: fileName.normalize('NFC').slice(0, 200) || 'tep-nhap',
    fileSha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    format: file.format,
    headers: file.headers,
    rowCount: total,
    createdAt: now,
  };
  const imp = await ctx.db.transaction((tx) => repo.insertImport(tx, values, file.rows, analysis.rows, summary));
  ctx.log.info({ importId: imp.id, organizationId: cell.id, rows: total, format: file.format }, 'member file uploaded');
  return presentImport(imp, summary, pageOf(analysis.rows, page), page.offset);
}

/** The stored check while it holds; otherwise every stored row checked again (never the file). */
async function current(ctx: Ctx, imp: repo.ImportRow, cell: OrganizationRow, page: Page): Promise<ImportPreviewDto> {
  const choices = imp.choices;
  if (imp.status === 'committed' || imp.analysis?.key === (await checkKey(ctx, cell, choices))) {
    return presentImport(imp, imp.analysis, await repo.rowChecks(ctx.db, imp.id, page.only, page), page.offset);
  }
  const { analysis, summary } = await check(ctx, cell, { headers: imp.headers, rows: await repo.fileRows(ctx.db, imp.id) }, choices);
  const saved = await ctx.db.transaction((tx) => repo.saveAnalysis(tx, imp.id, analysis.rows, summary));
  if (!saved) {
    // Committed meanwhile: what the commit wrote is the preview now.
    const now = await repo.findImport(ctx.db, imp.id);
    if (now?.status !== 'committed') throw new AppError('not_found', 'Không tìm thấy lượt nhập.');
    return current(ctx, now, cell, page);
  }
  return presentImport(saved, summary, pageOf(analysis.rows, page), page.offset);
}

export async function getImport(ctx: Ctx, id: string, page: Page = FIRST_PAGE): Promise<ImportPreviewDto> {
  const { imp, cell } = await authorizeOwnImport(ctx, await repo.findImport(ctx.db, id));
  return current(ctx, imp, cell, page);
}

/** The user's mapping, corrections and skipped rows replace the previous ones; the stored rows are checked again. */
export async function setChoices(ctx: Ctx, id: string, choices: ImportChoices, page: Page = FIRST_PAGE): Promise<ImportPreviewDto> {
  const { imp, cell } = await authorizeOwnImport(ctx, await repo.findImport(ctx.db, id));
  if (imp.status !== 'preview') throw new AppError('import_done');
  const { analysis, summary } = await check(ctx, cell, { headers: imp.headers, rows: await repo.fileRows(ctx.db, id) }, choices);
  const saved = await ctx.db.transaction((tx) => repo.saveAnalysis(tx, id, analysis.rows, summary, choices));
  if (!saved) throw new AppError('import_done');
  return presentImport(saved, summary, pageOf(analysis.rows, page), page.offset);
}

/**
 * Progress goes to the import row through the pool, outside the commit's transaction, so a
 * poll on any process sees it while the commit runs (PostgreSQL). Writes are chained, never
 * awaited inside the transaction: on PGlite's one connection they wait for it to end.
 */
function progressWriter(ctx: Ctx, id: string, onProgress?: OnProgress) {
  let chain = Promise.resolve();
  let last: ImportProgressDto | null = null;
  const write = (p: ImportProgressDto) => {
    chain = chain.then(() => repo.setProgress(ctx.db, id, p, ctx.clock.now())).catch((err: unknown) => ctx.log.warn({ err, importId: id }, 'import progress not saved'));
  };
  return {
    report(p: ImportProgressDto) {
      onProgress?.(p);
      // The callers report every few thousand rows already: only a repeat is skipped.
      if (last && last.phase === p.phase && last.done === p.done && last.total === p.total) return;
      last = p;
      write(p);
    },
    async end(p: ImportProgressDto) {
      onProgress?.(p);
      write(p);
      await chain;
    },
  };
}

/**
 * Write the checked rows in one transaction. Committing twice (a double click, two tabs, a
 * retry) writes once: commits of a cell queue on its register lock, and the second finds the
 * import committed. The stored check is reused while its key holds; otherwise every row is
 * checked again against the register as it is now.
 */
export async function commitImport(ctx: Ctx, id: string, onProgress?: OnProgress): Promise<ImportPreviewDto> {
  const actor = requireActor(ctx);
  const progress = progressWriter(ctx, id, onProgress);
  let total = 0;
  let started = false;
  try {
    await ctx.db.transaction(async (tx) => {
      // Every read inside goes through the transaction: PGlite has one connection, and a
      // query on the outer handle would wait for this transaction forever.
      const txCtx: Ctx = { ...ctx, db: tx };
      const { cell } = await authorizeOwnImport(txCtx, await repo.findImport(tx, id));
      await lockRegister(tx, cell.id);
      // Read again under the lock: a commit that ran meanwhile is seen here.
      const imp = await repo.findImport(tx, id);
      if (!imp) throw new AppError('not_found', 'Không tìm thấy lượt nhập.');
      if (imp.status === 'committed') return;
      total = imp.rowCount ?? 0;
      started = true;
      progress.report({ phase: 'checking', done: 0, total });
      const choices = imp.choices;
      let summary = imp.analysis;
      let checks: RowToWrite[];
      if (summary && summary.key === (await checkKey(txCtx, cell, choices))) {
        checks = await repo.rowsToWrite(tx, id);
      } else {
        const fresh = await check(txCtx, cell, { headers: imp.headers, rows: await repo.fileRows(tx, id) }, choices, (done) => progress.report({ phase: 'checking', done, total }));
        summary = fresh.summary;
        checks = fresh.analysis.rows;
        // The rows only: the import row itself is written once, last (see markCommitted).
        await repo.saveRowChecks(tx, id, fresh.analysis.rows);
      }
      progress.report({ phase: 'checking', done: total, total });
      if (summary.missingFields.length > 0) throw new AppError('import_invalid', 'Chưa chọn cột cho họ và tên hoặc ngày vào Đảng.');
      if (summary.counts.error > 0) {
        const errorRows = await repo.rowChecks(tx, id, 'errors', { offset: 0, limit: 50 });
        const issues = errorRows.flatMap((r) => r.errors.map((e) => ({ path: `row ${r.row}.${e.field}`, message: `Dòng ${r.row}: ${e.message}` })));
        throw new AppError('import_invalid', `Còn ${summary.counts.error} dòng lỗi: sửa hoặc bỏ qua các dòng đó trước khi ghi.`, { issues });
      }
      // Writing counts the rows that write something (new and changed members).
      const toWrite = summary.counts.create + summary.counts.update;
      progress.report({ phase: 'writing', done: 0, total: toWrite });
      await writeCheckedRows(txCtx, tx, actor, cell, imp, checks, summary.counts, (done) => progress.report({ phase: 'writing', done, total: toWrite }));
      const c = summary.counts;
      await repo.markCommitted(tx, id, ctx.clock.now(), { created: c.create, updated: c.update, unchanged: c.unchanged }, summary);
      ctx.log.info({ importId: id, organizationId: cell.id, created: c.create, updated: c.update, unchanged: c.unchanged }, 'member import committed');
    });
  } catch (err) {
    // Nothing was written: the next poll says so rather than a frozen "writing".
    if (started) await progress.end({ phase: 'idle', done: 0, total: 0 });
    throw err;
  }
  if (started) await progress.end({ phase: 'done', done: total, total });
  const { imp } = await authorizeOwnImport(ctx, await repo.findImport(ctx.db, id));
  return presentImport(imp, imp.analysis, await repo.rowChecks(ctx.db, id, FIRST_PAGE.only, FIRST_PAGE), 0);
}

/** The progress of the import's last commit, as its row holds it (any process may ask). */
export async function importProgress(ctx: Ctx, id: string): Promise<ImportProgressDto> {
  const { imp } = await authorizeOwnImport(ctx, await repo.findImport(ctx.db, id));
  return { phase: imp.progressPhase, done: imp.progressDone, total: imp.progressTotal };
}
