/**
 * A member file as offices have it, to rows of cells: XLSX through exceljs (dates stay Dates;
 * rich text, formulas and links flattened), CSV decoded from UTF-8 (with or without BOM, NFC or
 * NFD), Windows-1258, TCVN3 or VNI (core detects which). Text typed in a legacy font inside an
 * XLSX ("NguyÔn V¨n") is repaired too. Anything else is refused with a message saying why.
 */
import ExcelJS from 'exceljs';
import { CsvError, decodeVietnameseText, detectLegacyText, isBlankRow, parseCsv, repairLegacyText, type CellValue } from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';

export interface MemberFile {
  /** 'xlsx' or the encoding a CSV was read in. */
  format: string;
  headers: string[];
  /** Data rows with their 1-based row number in the file. */
  rows: { row: number; cells: CellValue[] }[];
}

const startsWith = (bytes: Uint8Array, sig: readonly number[]) => sig.every((b, i) => bytes[i] === b);

function flatten(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return flatten(v.result);
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return null;
  }
  return null;
}

async function readXlsx(bytes: Uint8Array): Promise<CellValue[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new AppError('import_unreadable', 'Tệp Excel bị hỏng hoặc không phải .xlsx: hãy mở bằng Excel và lưu lại.');
  }
  const sheet = wb.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw new AppError('import_unreadable', 'Tệp Excel không có dữ liệu.');
  const out: CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = flatten(cell.value);
    });
    out[n - 1] = cells;
  });
  // Legacy fonts: a sheet may mix cells typed in .VnTime/VNI fonts with Unicode ones. Each
  // cell that reads as mis-decoded legacy text is repaired, in the encoding most cells show.
  const votes = { tcvn3: 0, vni: 0 };
  for (const r of out) for (const c of r ?? []) if (typeof c === 'string') {
    const d = detectLegacyText(c);
    if (d) votes[d]++;
  }
  const legacy = votes.tcvn3 + votes.vni === 0 ? null : votes.tcvn3 >= votes.vni ? 'tcvn3' : 'vni';
  if (legacy) for (const r of out) for (const [i, c] of (r ?? []).entries()) if (typeof c === 'string' && detectLegacyText(c) && r) r[i] = repairLegacyText(c, legacy);
  return Array.from(out, (r) => r ?? []);
}

export async function readMemberFile(bytes: Uint8Array): Promise<MemberFile> {
  if (bytes.length === 0) throw new AppError('import_unreadable', 'Tệp rỗng.');
  let grid: CellValue[][];
  let format: string;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    grid = await readXlsx(bytes);
    format = 'xlsx';
  } else if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new AppError('import_unreadable', 'Tệp .xls (Excel 97–2003) chưa đọc được: hãy mở bằng Excel và lưu thành .xlsx hoặc CSV.');
  } else if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) {
    throw new AppError('import_unreadable', 'Đây là tệp PDF: cần danh sách dạng Excel (.xlsx) hoặc CSV.');
  } else {
    if (bytes.subarray(0, 4096).includes(0)) throw new AppError('import_unreadable', 'Tệp không phải văn bản CSV hay Excel (.xlsx).');
    const { text, encoding } = decodeVietnameseText(bytes);
    try {
      grid = parseCsv(text);
    } catch (err) {
      if (err instanceof CsvError) throw new AppError('import_unreadable', `Tệp CSV lỗi: ${err.message}`);
      throw err;
    }
    format = encoding;
  }
  const headerAt = grid.findIndex((r) => !isBlankRow(r));
  if (headerAt < 0) throw new AppError('import_unreadable', 'Tệp không có dòng nào.');
  const headers = (grid[headerAt] ?? []).map((c) => (c === null || c === undefined ? '' : String(c).normalize('NFC').trim()));
  const rows: MemberFile['rows'] = [];
  for (let i = headerAt + 1; i < grid.length; i++) {
    const cells = grid[i] ?? [];
    if (!isBlankRow(cells)) rows.push({ row: i + 1, cells });
  }
  return { format, headers, rows };
}
