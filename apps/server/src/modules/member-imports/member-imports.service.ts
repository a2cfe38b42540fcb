/**
 * Importing a cell's member list (issue 3, point 6): upload → preview (every row as it will be
 * saved, with its errors) → the user's corrections → commit. Nothing reaches the register before
 * the commit, which is one transaction; a row that matches a member of the cell (same name and
 * date of birth) updates that member, so importing the same file again creates no one twice.
 */
import crypto from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import {
  canonicalJson,
  reimportLine,
  cellText,
  foldForSearch,
  isStorableText,
  historyFromLine,
  IMPORT_FIELDS,
  isCellKind,
  membershipRulesOn,
  parseMemberRow,
  recognizeHeaders,
  validateHistory,
  type ColumnMapping,
  type HistoryParts,
  type ImportChoices,
  type ImportedMember,
  type ImportField,
  type ImportPreviewDto,
  type ImportProgressDto,
  type ImportRowDto,
  
} from '@chibo/core';
import { memberImports } from '../../db/schema/index.ts';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Actor, Ctx } from '../../lib/context.ts';
import { requireActor } from '../../lib/policy.ts';
import { authorizeOnOrganization } from '../organizations/organizations.service.ts';
import { recordAuditBatch, type AuditInput } from '../audit/audit.repo.ts';
import * as members from '../members/members.repo.ts';
import { registerOf, todayOf } from '../members/members.service.ts';
import { lockOrganization, type OrganizationRow } from '../organizations/organizations.repo.ts';
import { readMemberFile, type MemberFile } from './read-file.ts';

export const MAX_IMPORT_ROWS = 200_000;
const PREVIEW_DAYS = 7;
type ImportRow = typeof memberImports.$inferSelect;

interface AnalyzedRow extends ImportRowDto {
  parts: HistoryParts | null;
  existing: members.LoadedMember | null;
}
export interface Analysis {
  file: MemberFile;
  mapping: ColumnMapping;
  unknownColumns: number[];
  missingFields: ImportField[];
  rows: AnalyzedRow[];
  counts: ImportPreviewDto['counts'];
}

/**
 * The last previews, so a commit of exactly what the user saw need not check every row again:
 * kept while the file (immutable), the choices, the day and the cell's register are the same.
 * A few entries only: a large file's analysis is big, and any other process simply re-checks.
 */
const previews = new Map<string, { key: string; analysis: Analysis }>();
const PREVIEWS_KEPT = 3;

async function previewKey(ctx: Ctx, cell: OrganizationRow, choices: ImportChoices): Promise<string> {
  // Canonical JSON: choices read back from jsonb come with their keys in another order.
  return canonicalJson([todayOf(ctx, cell), await members.registerVersion(ctx.db, cell.id), choices]);
}

async function analyzeCached(ctx: Ctx, imp: ImportRow, cell: OrganizationRow, choices: ImportChoices, onRow?: (done: number) => void): Promise<Analysis> {
  const importId = imp.id;
  const key = await previewKey(ctx, cell, choices);
  const hit = previews.get(importId);
  if (hit?.key === key) return hit.analysis;
  const analysis = await analyze(ctx, cell, await readMemberFile(imp.content), choices, onRow);
  previews.delete(importId);
  previews.set(importId, { key, analysis });
  while (previews.size > PREVIEWS_KEPT) previews.delete(previews.keys().next().value ?? '');
  return analysis;
}

/** Progress of running commits, per import (the web polls it; the CLI prints it). */
const progress = new Map<string, ImportProgressDto>();
export function importProgress(id: string): ImportProgressDto {
  return progress.get(id) ?? { phase: 'idle', done: 0, total: 0 };
}

const keyOf = (fullName: string, birthDate: string | null) => `${fullName.normalize('NFC').toLowerCase()}|${birthDate ?? ''}`;

/** Columns chosen by the user override the headers; a field mapped to null is left out. */
function mappingFor(headers: string[], choices: ImportChoices): { mapping: ColumnMapping; unknownColumns: number[] } {
  const manual: ColumnMapping = {};
  for (const [f, col] of Object.entries(choices.mapping ?? {}) as [ImportField, number | null][]) if (col !== null && col < headers.length) manual[f] = col;
  const r = recognizeHeaders(headers, manual);
  for (const [f, col] of Object.entries(choices.mapping ?? {}) as [ImportField, number | null][]) if (col === null) delete r.mapping[f];
  const used = new Set(Object.values(r.mapping));
  return { mapping: r.mapping, unknownColumns: r.unknownColumns.filter((c) => !used.has(c)) };
}

type RowBase = Pick<AnalyzedRow, 'row' | 'cells' | 'memberId' | 'parts' | 'existing'>;
const problemsAsErrors = (problems: readonly { message: string }[]) => problems.map((p) => ({ field: 'row', message: p.message }));

function errorRow(base: RowBase, errors: { field: string; message: string }[]): AnalyzedRow {
  return { ...base, action: 'error', value: null, errors: errors.length > 0 ? errors : [{ field: 'row', message: 'Dòng không đọc được.' }] };
}

/** A readable row against the register: a new member, an update of the one it matches, no change, or the rules' objections. */
function judgeRow(
  base: RowBase,
  v: ImportedMember & { admittedOn: string },
  match: members.LoadedMember | undefined,
  at: { cellId: string; today: string; rules: ReturnType<typeof membershipRulesOn>; columns: ReadonlySet<ImportField> },
): AnalyzedRow {
  if (!match) {
    const parts = historyFromLine({ cellId: at.cellId, admittedOn: v.admittedOn, confirmedOn: v.confirmedOn, position: v.position });
    const problems = validateHistory({ memberId: '', fullName: v.fullName, ...parts }, at.rules);
    return problems.length > 0 ? errorRow(base, problemsAsErrors(problems)) : { ...base, action: 'create', value: v, errors: [], parts };
  }
  const person = { gender: match.row.gender, birthDate: match.row.birthDate, email: match.row.email, phone: match.row.phone };
  const r = reimportLine({ person, history: match.history }, v, at.columns, at.cellId, at.today);
  const problems = validateHistory({ ...match.history, ...r.history }, at.rules);
  if (problems.length > 0) return errorRow(base, problemsAsErrors(problems));
  return { ...base, action: r.changed ? 'update' : 'unchanged', value: r.value, memberId: match.row.id, errors: [], parts: r.history, existing: match };
}

/**
 * Every row as it will be saved: parsed, corrected by the user's edits, matched against the
 * cell's members today, and its resulting history checked by the same rules as a form.
 */
export async function analyze(ctx: Ctx, cell: OrganizationRow, file: MemberFile, choices: ImportChoices, onRow?: (done: number) => void): Promise<Analysis> {
  const today = todayOf(ctx, cell);
  const rules = membershipRulesOn(today);
  const { mapping, unknownColumns } = mappingFor(file.headers, choices);
  const missingFields = (['fullName', 'admittedOn'] as const).filter((f) => mapping[f] === undefined);
  const skip = new Set(choices.skip ?? []);
  const edits = choices.edits ?? {};
  const columns = new Set(IMPORT_FIELDS.filter((f) => mapping[f] !== undefined));

  const existing = (await registerOf(ctx, cell, today)).filter((e) => e.attachment !== 'temporary');
  const byKey = new Map<string, members.LoadedMember>();
  const byName = new Map<string, members.LoadedMember[]>();
  for (const e of existing) {
    const loaded = { row: e.row, history: e.history };
    byKey.set(keyOf(e.row.fullName, e.row.birthDate), loaded);
    const k = keyOf(e.row.fullName, null);
    byName.set(k, [...(byName.get(k) ?? []), loaded]);
  }

  const seen = new Map<string, number>();
  const counts = { total: file.rows.length, create: 0, update: 0, unchanged: 0, error: 0, skipped: 0 };
  const rows: AnalyzedRow[] = [];
  for (const [i, { row, cells: original }] of file.rows.entries()) {
    if (i % 5000 === 0) onRow?.(i);
    const cells = [...original];
    for (const [f, text] of Object.entries(edits[String(row)] ?? {}) as [ImportField, string][]) {
      const col = mapping[f];
      if (col !== undefined) cells[col] = text;
    }
    const shown: Partial<Record<ImportField, string>> = {};
    for (const f of IMPORT_FIELDS) if (mapping[f] !== undefined) shown[f] = cellText(cells[mapping[f]]);
    const base = { row, cells: shown, memberId: null, parts: null, existing: null };
    if (skip.has(row)) {
      counts.skipped++;
      rows.push({ ...base, action: 'skipped', value: null, errors: [] });
      continue;
    }
    const parsed = parseMemberRow(cells, mapping, row);
    const errors: { field: string; message: string }[] = [...parsed.errors];
    // What the database cannot store (NUL, control characters) is a row error here, not a failed commit.
    for (const [f, text] of Object.entries(shown)) if (!isStorableText(text)) errors.push({ field: f, message: 'Ô có ký tự không hợp lệ (ký tự điều khiển).' });
    const v = parsed.value;
    if (v && (v.status === 'exempt' || v.status === 'suspended')) {
      errors.push({ field: 'status', message: 'Miễn sinh hoạt hoặc đình chỉ cần diện, ngày và quyết định: nhập đảng viên là chính thức hoặc dự bị, rồi ghi quyết định trên trang đảng viên.' });
    }
    let result: AnalyzedRow;
    if (!v || errors.length > 0 || !v.admittedOn) result = errorRow(base, errors);
    else {
      const key = keyOf(v.fullName, v.birthDate);
      const dup = seen.get(key);
      if (dup !== undefined) result = errorRow(base, [{ field: 'fullName', message: `Trùng với dòng ${dup} (cùng họ tên và ngày sinh).` }]);
      else {
        seen.set(key, row);
        const sameName = byName.get(keyOf(v.fullName, null)) ?? [];
        const match = byKey.get(key) ?? (v.birthDate === null && sameName.length === 1 ? sameName[0] : undefined);
        result = judgeRow(base, { ...v, admittedOn: v.admittedOn }, match, { cellId: cell.id, today, rules, columns });
      }
    }
    counts[result.action]++;
    rows.push(result);
  }
  return { file, mapping, unknownColumns, missingFields, rows, counts };
}

function present(imp: ImportRow, a: Analysis, page: { offset: number; limit: number; only: 'all' | 'errors' }): ImportPreviewDto {
  const pool = page.only === 'errors' ? a.rows.filter((r) => r.action === 'error') : a.rows;
  const result = imp.result as { created: number; updated: number; unchanged: number } | null;
  return {
    id: imp.id,
    organizationId: imp.organizationId,
    fileName: imp.fileName,
    format: a.file.format,
    status: imp.status as 'preview' | 'committed',
    headers: a.file.headers,
    mapping: a.mapping,
    unknownColumns: a.unknownColumns,
    missingFields: a.missingFields,
    counts: a.counts,
    rows: pool.slice(page.offset, page.offset + page.limit).map(({ parts: _p, existing: _e, ...r }) => r),
    offset: page.offset,
    result: result && imp.committedAt ? { ...result, committedAt: imp.committedAt.toISOString() } : null,
  };
}

async function authorizeCell(ctx: Ctx, organizationId: string): Promise<OrganizationRow> {
  const cell = await authorizeOnOrganization(ctx, 'member.manage', organizationId);
  if (!isCellKind(cell.kind)) throw new AppError('validation_failed', 'Chỉ nhập danh sách đảng viên vào một chi bộ.');
  if (cell.closedAt) throw new AppError('organization_closed');
  return cell;
}

async function loadImport(ctx: Ctx, id: string, forUpdate?: Tx): Promise<{ imp: ImportRow; cell: OrganizationRow }> {
  const db = forUpdate ?? ctx.db;
  const q = db.select().from(memberImports).where(eq(memberImports.id, id));
  const [imp] = forUpdate ? await q.for('update') : await q;
  const actor = requireActor(ctx);
  // Another person's upload is theirs alone, like a draft.
  if (!imp || imp.accountId !== actor.accountId) throw new AppError('not_found', 'Không tìm thấy lượt nhập.');
  const cell = await authorizeCell(ctx, imp.organizationId);
  return { imp, cell };
}

type Page = { offset: number; limit: number; only: 'all' | 'errors' };
const FIRST_PAGE: Page = { offset: 0, limit: 200, only: 'all' };

/** Upload: the file is read at once (an unreadable file is refused and nothing is kept). */
export async function createImport(ctx: Ctx, organizationId: string, fileName: string, bytes: Uint8Array, page: Page = FIRST_PAGE): Promise<ImportPreviewDto> {
  const actor = requireActor(ctx);
  const cell = await authorizeCell(ctx, organizationId);
  const file = await readMemberFile(bytes);
  if (file.rows.length > MAX_IMPORT_ROWS) throw new AppError('import_unreadable', `Tệp có ${file.rows.length} dòng, nhiều hơn giới hạn ${MAX_IMPORT_ROWS} dòng một lần nhập.`);
  const version = await previewKey(ctx, cell, {});
  const analysis = await analyze(ctx, cell, file, {});
  // Uploads never confirmed are not kept for ever: a week is enough to finish a wizard.
  await ctx.db.delete(memberImports).where(and(eq(memberImports.status, 'preview'), lt(memberImports.createdAt, new Date(ctx.clock.now().getTime() - PREVIEW_DAYS * 86_400_000))));
  const [imp] = await ctx.db
    .insert(memberImports)
    .values({
      organizationId: cell.id,
      accountId: actor.accountId,
      fileName: fileName.normalize('NFC').slice(0, 200) || 'tep-nhap',
      fileSha256: crypto.createHash('sha256').update(bytes).digest('hex'),
      content: bytes,
      rowCount: file.rows.length,
      createdAt: ctx.clock.now(),
    })
    .returning();
  if (!imp) throw new Error('insert returned no row');
  previews.set(imp.id, { key: version, analysis });
  while (previews.size > PREVIEWS_KEPT) previews.delete(previews.keys().next().value ?? '');
  return present(imp, analysis, page);
}

export async function getImport(ctx: Ctx, id: string, page: Page = FIRST_PAGE): Promise<ImportPreviewDto> {
  const { imp, cell } = await loadImport(ctx, id);
  return present(imp, await analyzeCached(ctx, imp, cell, imp.choices as ImportChoices), page);
}

/** The user's mapping, corrections and skipped rows replace the previous ones; the preview is re-checked. */
export async function setChoices(ctx: Ctx, id: string, choices: ImportChoices, page: Page = FIRST_PAGE): Promise<ImportPreviewDto> {
  const { imp, cell } = await loadImport(ctx, id);
  if (imp.status === 'committed') throw new AppError('import_done');
  const [updated] = await ctx.db.update(memberImports).set({ choices }).where(eq(memberImports.id, id)).returning();
  return present(updated ?? imp, await analyzeCached(ctx, { ...imp, choices }, cell, choices), page);
}

/**
 * Write the previewed rows in one transaction. Committing twice (a double click, two tabs, a
 * retry) writes once: the import row is locked and a committed import answers its result.
 */
export async function commitImport(ctx: Ctx, id: string, onProgress?: (p: ImportProgressDto) => void): Promise<ImportPreviewDto> {
  const actor = requireActor(ctx);
  const report = (p: ImportProgressDto) => {
    progress.set(id, p);
    onProgress?.(p);
  };
  try {
    return await ctx.db.transaction(async (tx) => {
      // Every read inside goes through the transaction: PGlite has one connection, and a
      // query on the outer handle would wait for this transaction forever.
      ctx = { ...ctx, db: tx };
      const { imp, cell } = await loadImport(ctx, id, tx);
      // One writer per cell register at a time: imports and hand-added members queue here.
      await lockOrganization(tx, cell.id);
      if (imp.status === 'committed') return present(imp, await analyze(ctx, cell, await readMemberFile(imp.content), imp.choices as ImportChoices), FIRST_PAGE);
      const total = imp.rowCount ?? 0;
      report({ phase: 'checking', done: 0, total });
      const a = await analyzeCached(ctx, imp, cell, imp.choices as ImportChoices, (done) => report({ phase: 'checking', done, total }));
      if (a.missingFields.length > 0) throw new AppError('import_invalid', 'Chưa chọn cột cho họ và tên hoặc ngày vào Đảng.');
      if (a.counts.error > 0) {
        const issues = a.rows.filter((r) => r.action === 'error').slice(0, 50).flatMap((r) => r.errors.map((e) => ({ path: `row ${r.row}.${e.field}`, message: `Dòng ${r.row}: ${e.message}` })));
        throw new AppError('import_invalid', `Còn ${a.counts.error} dòng lỗi: sửa hoặc bỏ qua các dòng đó trước khi ghi.`, { issues });
      }
      await writeRows(ctx, tx, actor, cell, imp, a, (done) => report({ phase: 'writing', done, total }));
      const now = ctx.clock.now();
      const result = { created: a.counts.create, updated: a.counts.update, unchanged: a.counts.unchanged };
      const [done] = await tx.update(memberImports).set({ status: 'committed', committedAt: now, result }).where(eq(memberImports.id, id)).returning();
      report({ phase: 'done', done: total, total });
      previews.delete(id);
      return present(done ?? imp, a, FIRST_PAGE);
    });
  } finally {
    // Kept briefly so a poll right after the answer still sees "done".
    setTimeout(() => progress.delete(id), 60_000).unref();
  }
}

const personOf = (v: ImportedMember) => ({ gender: v.gender, birthDate: v.birthDate, email: v.email, phone: v.phone });

async function writeRows(ctx: Ctx, tx: Tx, actor: Actor, cell: OrganizationRow, imp: ImportRow, a: Analysis, onWritten: (done: number) => void): Promise<void> {
  const now = ctx.clock.now();
  const creates = a.rows.filter((r) => r.action === 'create' && r.value && r.parts);
  const updates = a.rows.filter((r) => r.action === 'update' && r.value && r.parts && r.existing);
  const audit: AuditInput[] = [];
  const entry = (action: string, targetId: string, data: Record<string, unknown>): AuditInput => ({
    at: now,
    actorAccountId: actor.accountId,
    actorName: actor.displayName,
    action,
    targetType: 'member',
    targetId,
    organizationId: cell.id,
    organizationPath: cell.path,
    data: { importId: imp.id, ...data },
  });
  const ids = await members.copyNewMembers(
    tx,
    creates.map((r) => {
      const v = r.value as ImportedMember;
      return {
        values: { fullName: v.fullName, searchName: foldForSearch(v.fullName), admittedOn: v.admittedOn, createdAt: now, updatedAt: now, ...personOf(v) },
        parts: r.parts as HistoryParts,
      };
    }),
  );
  onWritten(creates.length);
  // Each new member has its entry; what was read for them is the stored file (its SHA-256 is in
  // the import's summary entry) and the row number, so the entry stays small.
  creates.forEach((r, i) => audit.push(entry('member.imported', ids[i] ?? '', { row: r.row, fullName: r.value?.fullName })));
  for (const [i, r] of updates.entries()) {
    const v = r.value as ImportedMember;
    const existing = r.existing as members.LoadedMember;
    const parts = r.parts as HistoryParts;
    const locked = await members.lockMember(tx, existing.row.id);
    if (locked?.revision !== existing.row.revision) {
      throw new AppError('conflict', `Hồ sơ đồng chí ${existing.row.fullName} vừa được thay đổi sau khi xem trước: hãy tải lại bước xem trước rồi xác nhận.`);
    }
    await members.replaceHistory(tx, existing.row.id, parts);
    await members.updateMember(tx, existing.row.id, { ...personOf(v), admittedOn: parts.admittedOn, updatedAt: now });
    audit.push(
      entry('member.import_updated', existing.row.id, {
        row: r.row,
        before: { ...personOf({ ...v, ...existing.row, gender: existing.row.gender }), history: existing.history },
        after: { ...personOf(v), history: parts },
      }),
    );
    if (i % 500 === 0) onWritten(creates.length + i);
  }
  audit.push({ ...entry('members.import_committed', imp.id, { fileName: imp.fileName, sha256: imp.fileSha256, ...a.counts }), targetType: 'member_import' });
  await recordAuditBatch(tx, audit);
}

/** Only the uploader (still allowed on the cell) may follow an import's progress. */
export async function getImportOwner(ctx: Ctx, id: string): Promise<void> {
  await loadImport(ctx, id);
}
