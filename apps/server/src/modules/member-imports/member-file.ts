/**
 * A member file as offices have it, to rows of cells: XLSX through exceljs (dates stay Dates;
 * rich text, formulas and links flattened), CSV decoded from UTF-8 (with or without BOM, NFC or
 * NFD), Windows-1258, TCVN3 or VNI (core detects which). Cells typed in a legacy font
 * ("NguyÔn V¨n") are repaired by their column and sheet (core repairLegacySheet), and the cells
 * to confirm are flagged. Anything else is refused with a message saying why.
 *
 * This is the heavy part of an import: parse-member-file.ts runs it in a worker thread with a
 * memory limit. Before exceljs sees an XLSX, every part is unpacked here with a cap at the size
 * the ZIP directory declares (core checked those sizes against the limits): a part that lies
 * about its size stops at the cap instead of filling memory.
 */
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import {
  ArchiveRefusedError,
  CsvError,
  decodeVietnameseText,
  formatCount,
  isBlankRow,
  MAX_CELL_CHARACTERS,
  parseCsv,
  readOfficeArchive,
  repairLegacySheet,
  type CellValue,
  type ZipEntry,
} from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';

export interface MemberFile {
  /** 'xlsx' or the encoding a CSV was read in. */
  format: string;
  headers: string[];
  /** Data rows with their 1-based row number in the file, and the cells the user should confirm. */
  rows: { row: number; cells: CellValue[]; flags: { col: number; message: string }[] }[];
}

const startsWith = (bytes: Uint8Array, sig: readonly number[]) => sig.every((b, i) => bytes[i] === b);
export const isZip = (bytes: Uint8Array) => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);

const unreadableXlsx = () => new AppError('import_unreadable', 'Tệp Excel bị hỏng hoặc không phải .xlsx: hãy mở bằng Excel và lưu lại.');
const tooLongCell = () => new ArchiveRefusedError('cellCharacters', `Một ô của tệp dài hơn ${formatCount(MAX_CELL_CHARACTERS)} ký tự, giới hạn của Excel cho một ô.`);

/** A part's bytes, never more than the directory declared (zlib stops at `maxOutputLength`). */
function unpack(bytes: Uint8Array, e: ZipEntry): Buffer {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset + e.dataOffset, e.compressedSize);
  if (e.method === 0) return data;
  let out: Buffer;
  try {
    out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize) });
  } catch (err) {
    if (err instanceof RangeError) throw new ArchiveRefusedError('structure', `Phần "${e.name}" của tệp giải nén ra nhiều hơn kích thước nó khai (${formatCount(e.uncompressedSize)} byte): tệp có dấu hiệu "bom nén".`);
    throw unreadableXlsx();
  }
  if (out.length !== e.uncompressedSize) throw unreadableXlsx();
  return out;
}

/** The shared strings part holds every distinct text: one of them beyond Excel's cell limit is refused before parsing. */
function checkSharedStrings(xml: Buffer): void {
  // 32,767 characters are at most ≈ 96 KiB of UTF-8; count exactly only past that.
  const quick = 96 * 1024 + 1024;
  for (let at = xml.indexOf('<si'); at >= 0; ) {
    const end = xml.indexOf('</si>', at);
    if (end < 0) return;
    if (end - at > quick) {
      const text = xml.toString('utf8', at, end).replace(/<[^>]*>/g, '');
      if ([...text].length > MAX_CELL_CHARACTERS) throw tooLongCell();
    }
    at = xml.indexOf('<si', end);
  }
}

function verifyPackage(bytes: Uint8Array): void {
  const entries = readOfficeArchive(bytes);
  if (!entries) throw unreadableXlsx();
  for (const e of entries) {
    const part = unpack(bytes, e);
    if (/^\/?xl\/sharedStrings\.xml$/i.test(e.name)) checkSharedStrings(part);
  }
}

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
  verifyPackage(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw unreadableXlsx();
  }
  const sheet = wb.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw new AppError('import_unreadable', 'Tệp Excel không có dữ liệu.');
  const out: CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const v = flatten(cell.value);
      // Inline strings live in the sheet itself, not in the shared strings checked above.
      if (typeof v === 'string' && v.length > MAX_CELL_CHARACTERS) throw tooLongCell();
      cells[col - 1] = v;
    });
    out[n - 1] = cells;
  });
  return Array.from(out, (r) => Array.from(r ?? [], (c) => c ?? null));
}

function readCsv(bytes: Uint8Array): { grid: CellValue[][]; encoding: string } {
  if (bytes.subarray(0, 4096).includes(0)) throw new AppError('import_unreadable', 'Tệp không phải văn bản CSV hay Excel (.xlsx).');
  const { text, encoding } = decodeVietnameseText(bytes);
  try {
    return { grid: parseCsv(text), encoding };
  } catch (err) {
    if (err instanceof CsvError) throw new AppError('import_unreadable', `Tệp CSV lỗi: ${err.message}`);
    throw err;
  }
}

export async function readMemberFile(bytes: Uint8Array): Promise<MemberFile> {
  if (bytes.length === 0) throw new AppError('import_unreadable', 'Tệp rỗng.');
  let grid: CellValue[][];
  let format: string;
  if (isZip(bytes)) {
    grid = await readXlsx(bytes);
    format = 'xlsx';
  } else if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new AppError('import_unreadable', 'Tệp .xls (Excel 97–2003) chưa đọc được: hãy mở bằng Excel và lưu thành .xlsx hoặc CSV.');
  } else if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) {
    throw new AppError('import_unreadable', 'Đây là tệp PDF: cần danh sách dạng Excel (.xlsx) hoặc CSV.');
  } else {
    const csv = readCsv(bytes);
    grid = csv.grid;
    format = csv.encoding;
  }
  // A CSV decoded from TCVN3 or VNI bytes is Unicode already; an XLSX or a UTF-8 CSV saved from
  // a sheet typed in legacy fonts still holds the Latin-1 lookalikes.
  const legacy = format === 'tcvn3' || format === 'vni' ? { rows: grid, flags: [] } : repairLegacySheet(grid);
  const flagsAt = new Map<number, { col: number; message: string }[]>();
  for (const f of legacy.flags) flagsAt.set(f.row, [...(flagsAt.get(f.row) ?? []), { col: f.col, message: f.message }]);
  const rows = legacy.rows;
  const headerAt = rows.findIndex((r) => !isBlankRow(r));
  if (headerAt < 0) throw new AppError('import_unreadable', 'Tệp không có dòng nào.');
  const headers = (rows[headerAt] ?? []).map((c) => (c === null || c === undefined ? '' : String(c).normalize('NFC').trim()));
  const out: MemberFile['rows'] = [];
  for (let i = headerAt + 1; i < rows.length; i++) {
    const cells = rows[i] ?? [];
    if (!isBlankRow(cells)) out.push({ row: i + 1, cells, flags: flagsAt.get(i) ?? [] });
  }
  return { format, headers, rows: out };
}
