/**
 * `chibo import members <file> --cell <id> --as <login> [--yes]`: the wizard's steps without
 * the browser — read, check every row, list the rows with errors or warnings and what each
 * would do (the first ones, then how many more), and with --yes commit in one transaction,
 * with progress on stderr. The import is authorized as the named account, exactly as the same
 * upload through the web would be.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { formatDateVi, IMPORT_FIELD_LABELS, REGISTER_TEXT, type ImportPreviewDto, type ImportProgressDto, type ImportRowDto } from '@chibo/core';
import type { Database } from '../db/client.ts';
import { AppError } from '../lib/app-error.ts';
import { systemClock, type Ctx } from '../lib/context.ts';
import { deliveryOf, loadConfig } from '../config/config.ts';
import { findAccountByLogin, grantsOf } from '../modules/auth/auth.service.ts';
import { commitImport, createImport } from '../modules/member-imports/member-imports.service.ts';

const noop = () => undefined;
const silentLog = { level: 'silent', fatal: noop, error: noop, warn: noop, info: noop, debug: noop, trace: noop, silent: noop, child: () => silentLog } as unknown as FastifyBaseLogger;

/** Rows listed in the preview before "… và N dòng khác". */
export const LISTED_ROWS = 20;

const LABELS: Partial<Record<ImportProgressDto['phase'], string>> = { checking: 'Kiểm tra', writing: 'Ghi' };

/** Progress on stderr; a line repeating the last one is not printed again. */
function progressPrinter(): (p: ImportProgressDto) => void {
  let last = '';
  return (p) => {
    const label = LABELS[p.phase];
    if (!label) return;
    // Without a terminal (a log, a pipe), a line now and then and always the last one.
    if (!process.stderr.isTTY && p.done !== p.total && p.done % 20_000 !== 0) return;
    const pct = p.total === 0 ? 100 : Math.floor((p.done / p.total) * 100);
    const line = `${label}: ${p.done}/${p.total} dòng (${pct}%)`;
    if (line === last) return;
    last = line;
    process.stderr.write(`\r${line}${!process.stderr.isTTY || p.done === p.total ? '\n' : ''}`);
  };
}

const shown = (s: string) => (s === '' ? '(trống)' : s);

/** What a row would do, in a register's words. */
export function describeRow(r: ImportRowDto): string {
  const v = r.value;
  if (r.action === 'error') return 'không ghi';
  if (r.action === 'skipped') return 'bỏ qua';
  if (!v) return r.action;
  if (r.action === 'create') {
    const facts = [
      v.birthDate && `sinh ${formatDateVi(v.birthDate)}`,
      v.gender && REGISTER_TEXT.gender[v.gender],
      v.admittedOn && `vào Đảng ${formatDateVi(v.admittedOn)}`,
      v.confirmedOn ? `chính thức ${formatDateVi(v.confirmedOn)}` : 'dự bị',
      v.position && REGISTER_TEXT.position[v.position],
    ].filter(Boolean);
    return `thêm mới ${v.fullName} (${facts.join(', ')})`;
  }
  if (r.action === 'unchanged') return `không đổi ${v.fullName}`;
  return `cập nhật ${v.fullName}: ${r.changes.map((c) => `${IMPORT_FIELD_LABELS[c.field]} ${shown(c.from)} → ${shown(c.to)}`).join('; ')}`;
}

function printPreview(p: ImportPreviewDto): void {
  const c = p.counts;
  console.log(`Tệp ${p.fileName} (${p.format}): ${c.total} dòng — thêm mới ${c.create}, cập nhật ${c.update}, không đổi ${c.unchanged}, lỗi ${c.error}, cần xem lại ${c.warning}.`);
  if (p.missingFields.length > 0) console.log(`Chưa nhận ra cột: ${p.missingFields.map((f) => IMPORT_FIELD_LABELS[f]).join(', ')} — kiểm tra tiêu đề cột.`);
  for (const r of p.rows) {
    if (r.action === 'error') for (const e of r.errors) console.log(`  Dòng ${r.row}: ${e.message}`);
    else console.log(`  Dòng ${r.row}: ${describeRow(r)}.`);
    for (const w of r.warnings) console.log(`    cần xem lại ${IMPORT_FIELD_LABELS[w.field as keyof typeof IMPORT_FIELD_LABELS] ?? w.field}: ${w.message}`);
  }
  const flagged = c.error + c.warning;
  if (flagged > p.rows.length) console.log(`  … và ${flagged - p.rows.length} dòng khác.`);
}

export async function importMembersFromCli(database: Database, file: string, cellId: string, login: string, commit: boolean): Promise<number> {
  const account = await findAccountByLogin(database.db, login);
  if (!account || account.disabledAt) throw new AppError('not_found', `Không có tài khoản đang hoạt động "${login}".`);
  const ctx: Ctx = {
    db: database.db,
    clock: systemClock,
    log: silentLog,
    actor: { accountId: account.id, displayName: account.displayName, memberId: account.memberId, grants: await grantsOf(database.db, account.id) },
    delivery: deliveryOf(loadConfig()),
  };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new AppError('not_found', `Không mở được tệp ${file}.`);
  }
  const progressLine = progressPrinter();
  const preview = await createImport(ctx, cellId, path.basename(file), bytes, { offset: 0, limit: LISTED_ROWS, only: 'flagged' }, progressLine);
  printPreview(preview);
  if (preview.counts.error > 0 || preview.missingFields.length > 0) {
    console.log('Chưa ghi gì. Sửa tệp rồi chạy lại (hoặc dùng trình nhập trên web để sửa từng ô).');
    return 4;
  }
  if (!commit) {
    console.log(`Chưa ghi gì (xem trước). Chạy lại với --yes để ghi; mã lượt nhập ${preview.id}.`);
    return 0;
  }
  const done = await commitImport(ctx, preview.id, progressLine);
  const r = done.result;
  console.log(`Đã ghi: thêm mới ${r?.created ?? 0}, cập nhật ${r?.updated ?? 0}, không đổi ${r?.unchanged ?? 0}.`);
  return 0;
}
