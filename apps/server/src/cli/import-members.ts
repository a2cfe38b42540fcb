/**
 * `chibo import members <file> --cell <id> --as <login> [--yes]`: the wizard's steps without
 * the browser — read, check every row, print the errors in Vietnamese, and with --yes commit
 * in one transaction, with progress on stderr for large files. The import is authorized as the
 * named account, exactly as the same upload through the web would be.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/client.ts';
import { AppError } from '../lib/app-error.ts';
import { systemClock, type Ctx } from '../lib/context.ts';
import { deliveryOf, loadConfig } from '../config/config.ts';
import { findAccountByLogin, grantsOf } from '../modules/auth/auth.service.ts';
import { commitImport, createImport } from '../modules/member-imports/member-imports.service.ts';

const noop = () => undefined;
const silentLog = { level: 'silent', fatal: noop, error: noop, warn: noop, info: noop, debug: noop, trace: noop, silent: noop, child: () => silentLog } as unknown as FastifyBaseLogger;

function progressLine(label: string, done: number, total: number): void {
  if (!process.stderr.isTTY && done !== total && done % 20_000 !== 0) return;
  const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
  process.stderr.write(`\r${label}: ${done}/${total} dòng (${pct}%)${process.stderr.isTTY ? '' : '\n'}`);
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
  const preview = await createImport(ctx, cellId, path.basename(file), bytes, { offset: 0, limit: 50, only: 'errors' });
  const c = preview.counts;
  console.log(`Tệp ${preview.fileName} (${preview.format}): ${c.total} dòng — thêm mới ${c.create}, cập nhật ${c.update}, không đổi ${c.unchanged}, lỗi ${c.error}.`);
  if (preview.missingFields.length > 0) console.log(`Chưa nhận ra cột: ${preview.missingFields.join(', ')} — kiểm tra tiêu đề cột.`);
  for (const r of preview.rows) for (const e of r.errors) console.log(`  Dòng ${r.row}: ${e.message}`);
  if (c.error > preview.rows.length) console.log(`  … và ${c.error - preview.rows.length} dòng lỗi khác.`);
  if (c.error > 0 || preview.missingFields.length > 0) {
    console.log('Chưa ghi gì. Sửa tệp rồi chạy lại (hoặc dùng trình nhập trên web để sửa từng ô).');
    return 4;
  }
  if (!commit) {
    console.log(`Chưa ghi gì (xem trước). Chạy lại với --yes để ghi; mã lượt nhập ${preview.id}.`);
    return 0;
  }
  const done = await commitImport(ctx, preview.id, (p) => {
    if (p.phase === 'checking' || p.phase === 'writing') progressLine(p.phase === 'checking' ? 'Kiểm tra' : 'Ghi', p.done, p.total);
  });
  process.stderr.write('\n');
  const r = done.result;
  console.log(`Đã ghi: thêm mới ${r?.created ?? 0}, cập nhật ${r?.updated ?? 0}, không đổi ${r?.unchanged ?? 0}.`);
  return 0;
}
