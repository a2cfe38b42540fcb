/**
 * A register as a file (issue 3, point 7): the columns and spellings the import recognizes,
 * so an exported file imported into the same cell changes nothing. XLSX with real dates;
 * CSV in UTF-8 with a BOM (Excel then opens it with the diacritics intact).
 */
import ExcelJS from 'exceljs';
import { confirmedOnOf, foldForSearch, formatDateVi, highestPosition, REGISTER_HEADERS, REGISTER_TEXT } from '@chibo/core';
import type { Ctx } from '../../lib/context.ts';
import { authorizeOnOrganization } from '../organizations/organizations.service.ts';
import { organizationNames } from './members.repo.ts';
import { cellOfEntry } from './members.presenter.ts';
import { registerOf, todayOf, type RegisterEntry } from './members.service.ts';

/** The "Ghi chú" column: what the register's other columns cannot say (the import ignores it). */
function noteOf(e: RegisterEntry): string | null {
  if (e.standing.suspended) return 'Đình chỉ sinh hoạt đảng';
  if (e.standing.exempt) return 'Miễn công tác và sinh hoạt đảng';
  if (e.attachment === 'temporary') return 'Sinh hoạt tạm thời';
  if (e.attachment === 'away') return 'Đang sinh hoạt tạm thời nơi khác';
  return null;
}

export interface ExportedFile {
  fileName: string;
  asciiName: string;
  contentType: string;
  body: Buffer;
}

function rowOf(e: RegisterEntry, i: number, cellName: string): (string | number | Date | null)[] {
  const r = e.row;
  const confirmed = confirmedOnOf(e.history);
  const post = highestPosition(e.cellPositions);
  return [
    i + 1,
    r.fullName,
    r.birthDate,
    r.gender ? REGISTER_TEXT.gender[r.gender] : null,
    r.admittedOn,
    confirmed,
    post ? REGISTER_TEXT.position[post] : null,
    REGISTER_TEXT.standing[e.standing.status],
    cellName,
    r.email,
    r.phone,
    noteOf(e),
  ];
}

const isDateColumn = (i: number) => i === 2 || i === 4 || i === 5;

function csvCell(v: string | number | Date | null, i: number): string {
  if (v === null) return '';
  let s = isDateColumn(i) && typeof v === 'string' ? formatDateVi(v) : String(v);
  // A cell starting with = + - @ would run as a formula when the file is opened in Excel; the
  // apostrophe marks it as text there, and the import drops it again.
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export async function exportRegister(ctx: Ctx, organizationId: string, format: 'xlsx' | 'csv', onDate?: string): Promise<ExportedFile> {
  const org = await authorizeOnOrganization(ctx, 'member.read_private', organizationId);
  const on = onDate ?? todayOf(ctx, org);
  // Guests in "sinh hoạt tạm thời" belong to another register: the file holds the cell's own.
  const entries = (await registerOf(ctx, org, on)).filter((e) => e.attachment !== 'temporary');
  const names = await organizationNames(ctx.db, entries.map(cellOfEntry));
  const rows = entries.map((e, i) => rowOf(e, i, names.get(cellOfEntry(e)) ?? ''));
  const base = `Danh sách đảng viên - ${org.name} - ${on}`;
  const asciiBase = `danh-sach-dang-vien-${foldForSearch(org.name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${on}`;
  if (format === 'csv') {
    const lines = [REGISTER_HEADERS.join(','), ...rows.map((r) => r.map(csvCell).join(','))];
    return { fileName: `${base}.csv`, asciiName: `${asciiBase}.csv`, contentType: 'text/csv; charset=utf-8', body: Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8') };
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Chi bộ số';
  const ws = wb.addWorksheet('Đảng viên');
  ws.addRow([...REGISTER_HEADERS]).font = { bold: true };
  for (const r of rows) {
    // Dates as real spreadsheet dates (UTC midnight: exceljs writes the day it holds in UTC).
    ws.addRow(r.map((v, i) => (isDateColumn(i) && typeof v === 'string' ? new Date(`${v}T00:00:00Z`) : v)));
  }
  for (const col of [3, 5, 6]) ws.getColumn(col).numFmt = 'dd/mm/yyyy';
  ws.getColumn(2).width = 28;
  ws.getColumn(9).width = 30;
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `${base}.xlsx`, asciiName: `${asciiBase}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body };
}
