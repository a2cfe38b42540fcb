/**
 * Reading a member list as party offices keep it (issue 3, point 6): Vietnamese column
 * headers, with or without diacritics, mapped to fields; dates as dd/mm/yyyy (or real
 * spreadsheet dates); statuses, genders and posts as officers write them. Pure: the server
 * reads the file and decodes its text; this turns rows of cells into values and per-row
 * errors in Vietnamese, for a preview where nothing is written until the user confirms.
 */
import { memberDateProblems, type Gender, type MemberStatus, type Position } from '../contracts/members.ts';
import { foldForSearch, normalizeText } from './vietnamese-text.ts';
import { formatDateVi } from './calendar-days.ts';

/** A spreadsheet or CSV cell after the reader has flattened rich text and formulas. */
export type CellValue = string | number | boolean | Date | null | undefined;

export const IMPORT_FIELDS = ['fullName', 'birthDate', 'gender', 'admittedOn', 'confirmedOn', 'position', 'status', 'email', 'phone'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Headers seen in registers, folded (no diacritics, lower case). The first match wins. */
const HEADER_ALIASES: Readonly<Record<ImportField, readonly string[]>> = {
  fullName: ['ho va ten', 'ho ten', 'ho va ten dang vien', 'ten dang vien', 'full name', 'name'],
  birthDate: ['ngay sinh', 'ngay thang nam sinh', 'sinh ngay', 'nam sinh', 'date of birth', 'birth date'],
  gender: ['gioi tinh', 'gioi', 'nam/nu', 'nam nu', 'gender', 'sex'],
  admittedOn: ['ngay vao dang', 'ngay ket nap', 'ngay ket nap dang', 'vao dang', 'admitted on', 'admission date'],
  confirmedOn: ['ngay chinh thuc', 'ngay chuyen chinh thuc', 'ngay cong nhan chinh thuc', 'confirmed on'],
  position: ['chuc vu', 'chuc vu dang', 'chuc vu trong chi bo', 'position'],
  status: ['trang thai', 'loai dang vien', 'tinh trang', 'status'],
  email: ['email', 'e-mail', 'thu dien tu', 'dia chi email'],
  phone: ['dien thoai', 'so dien thoai', 'sdt', 'dt', 'phone'],
};

function foldHeader(h: string): string {
  return foldForSearch(h).replace(/[*:.()]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Which column holds which field; `null` where no column was recognized. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

/** Recognize the header row. A manual mapping from the wizard overrides any column. */
export function recognizeHeaders(headers: readonly string[], manual: ColumnMapping = {}): { mapping: ColumnMapping; unknownColumns: number[] } {
  const mapping: ColumnMapping = {};
  const taken = new Set<number>();
  for (const [field, col] of Object.entries(manual) as [ImportField, number][]) {
    mapping[field] = col;
    taken.add(col);
  }
  const folded = headers.map(foldHeader);
  for (const field of IMPORT_FIELDS) {
    if (mapping[field] !== undefined) continue;
    const col = folded.findIndex((h, i) => !taken.has(i) && HEADER_ALIASES[field].includes(h));
    if (col >= 0) {
      mapping[field] = col;
      taken.add(col);
    }
  }
  const unknownColumns = folded.map((h, i) => i).filter((i) => !taken.has(i) && folded[i] !== '' && !/^(stt|tt|so tt|so thu tu|ghi chu)$/.test(folded[i] ?? ''));
  return { mapping, unknownColumns };
}

/**
 * A date as offices write it — dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd — or a
 * spreadsheet Date, → 'YYYY-MM-DD'; null for an empty cell; an error for anything else.
 * Day first, always: 03/04/2021 is the 3rd of April, as in every Vietnamese register.
 */
export function parseVietnameseDate(value: CellValue): { ok: true; value: string | null } | { ok: false; error: string } {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return { ok: true, value: null };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, error: 'Ngày không hợp lệ.' };
    // Spreadsheet dates are days: read them in UTC, where exceljs puts them.
    return checkYear(value.toISOString().slice(0, 10));
  }
  const s = String(value).trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return calendar(Number(m[3]), Number(m[2]), Number(m[1]), s);
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return calendar(Number(m[1]), Number(m[2]), Number(m[3]), s);
  return { ok: false, error: `"${s}" không phải ngày dạng ngày/tháng/năm (ví dụ 09/01/2021).` };
}

function calendar(y: number, mo: number, d: number, raw: string): { ok: true; value: string } | { ok: false; error: string } {
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return { ok: false, error: `"${raw}" không phải ngày có thật.` };
  }
  return checkYear(date.toISOString().slice(0, 10));
}

function checkYear(iso: string): { ok: true; value: string } | { ok: false; error: string } {
  const y = Number(iso.slice(0, 4));
  if (y < 1900 || y > 2100) return { ok: false, error: `Năm ${y} nằm ngoài khoảng 1900–2100.` };
  return { ok: true, value: iso };
}

const GENDERS: Readonly<Record<string, 'male' | 'female' | 'other'>> = { nam: 'male', 'm': 'male', male: 'male', nu: 'female', f: 'female', female: 'female', khac: 'other', other: 'other' };

const POSITIONS: Readonly<Record<string, Position>> = {
  'bi thu': 'secretary',
  'bi thu chi bo': 'secretary',
  'pho bi thu': 'deputy_secretary',
  'pho bi thu chi bo': 'deputy_secretary',
  'chi uy vien': 'committee_member',
  'uy vien chi uy': 'committee_member',
  'to truong': 'group_leader',
  'to truong dang': 'group_leader',
  'to truong to dang': 'group_leader',
};

const STATUSES: Readonly<Record<string, MemberStatus>> = {
  'chinh thuc': 'official',
  'dang vien chinh thuc': 'official',
  'du bi': 'probationary',
  'dang vien du bi': 'probationary',
  'mien sinh hoat': 'exempt',
  'mien cong tac va sinh hoat': 'exempt',
  'mien cong tac va sinh hoat dang': 'exempt',
  'dinh chi sinh hoat': 'suspended',
};

export interface ImportedMember {
  fullName: string;
  birthDate: string | null;
  gender: 'male' | 'female' | 'other' | null;
  admittedOn: string | null;
  confirmedOn: string | null;
  position: Position | null;
  status: MemberStatus;
  email: string | null;
  phone: string | null;
}

export interface RowResult {
  /** 1-based row number in the file, as the user sees it in a spreadsheet. */
  row: number;
  value: ImportedMember | null;
  errors: { field: ImportField | 'row'; message: string }[];
}

/**
 * A cell's text as the user sees it (the preview shows and corrects this). A leading apostrophe
 * before = + - @ is the spreadsheet's "this is text" mark (our CSV export writes it so a phone
 * "+84…" is not run as a formula): it is not data.
 */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  // A spreadsheet date is a day (exceljs gives UTC midnight): shown as a register writes it.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : formatDateVi(v.toISOString().slice(0, 10));
  return normalizeText(String(v)).replace(/^'(?=[=+\-@])/, '');
}

/** One data row → the member as it will be saved, or the reasons it cannot be. */
export function parseMemberRow(cells: readonly CellValue[], mapping: ColumnMapping, row: number): RowResult {
  const errors: RowResult['errors'] = [];
  const get = (f: ImportField): CellValue => (mapping[f] === undefined ? undefined : cells[mapping[f]]);
  const text = (f: ImportField) => cellText(get(f));

  const fullName = text('fullName');
  if (fullName.length < 2) errors.push({ field: 'fullName', message: 'Thiếu họ và tên.' });
  else if (fullName.length > 120) errors.push({ field: 'fullName', message: 'Họ và tên dài quá 120 ký tự.' });

  const date = (f: 'birthDate' | 'admittedOn' | 'confirmedOn'): string | null => {
    const r = parseVietnameseDate(get(f));
    if (r.ok) return r.value;
    errors.push({ field: f, message: r.error });
    return null;
  };
  const birthDate = date('birthDate');
  const admittedOn = date('admittedOn');
  const confirmedOn = date('confirmedOn');

  const genderText = foldForSearch(text('gender'));
  const gender = genderText === '' ? null : (GENDERS[genderText] ?? null);
  if (genderText !== '' && gender === null) errors.push({ field: 'gender', message: `Giới tính "${text('gender')}" không rõ: ghi Nam hoặc Nữ.` });

  const positionText = foldForSearch(text('position'));
  const position = positionText === '' || positionText === 'dang vien' ? null : (POSITIONS[positionText] ?? null);
  if (positionText !== '' && positionText !== 'dang vien' && position === null) {
    errors.push({ field: 'position', message: `Chức vụ "${text('position')}" không rõ: Bí thư, Phó Bí thư, Chi ủy viên hoặc Tổ trưởng đảng.` });
  }

  // With no status column, the dates say it: confirmed → official, admitted only → probationary.
  const statusText = foldForSearch(text('status'));
  let status: MemberStatus | undefined = statusText === '' ? (confirmedOn ? 'official' : admittedOn ? 'probationary' : undefined) : STATUSES[statusText];
  if (statusText !== '' && status === undefined) errors.push({ field: 'status', message: `Loại đảng viên "${text('status')}" không rõ.` });
  if (status === undefined && statusText === '') {
    errors.push({ field: 'admittedOn', message: 'Thiếu ngày vào Đảng (hoặc cột loại đảng viên).' });
    status = 'official';
  }
  // The same rule the API and the form apply (contracts/members.ts).
  // (A date already reported as unreadable is not reported again as missing.)
  if (status !== undefined) errors.push(...memberDateProblems({ status, birthDate, admittedOn, confirmedOn }).filter((p) => !errors.some((e) => e.field === p.field)));

  const email = text('email').toLowerCase();
  if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push({ field: 'email', message: `Địa chỉ thư điện tử "${email}" không hợp lệ.` });
  const phone = text('phone');
  if (phone !== '' && !/^[0-9 +().-]{6,20}$/.test(phone)) errors.push({ field: 'phone', message: `Số điện thoại "${phone}" không hợp lệ.` });

  if (errors.length > 0) return { row, value: null, errors };
  return {
    row,
    value: { fullName, birthDate, gender, admittedOn, confirmedOn, position, status: status ?? 'official', email: email || null, phone: phone || null },
    errors,
  };
}

/** A row with no value in any cell is skipped, not an error (spreadsheets end with blank rows). */
export function isBlankRow(cells: readonly CellValue[]): boolean {
  return cells.every((c) => cellText(c) === '');
}

/**
 * How a register writes each value — the export writes these, and the import reads them back
 * (a test parses every one), so an exported register imported into its cell changes nothing.
 * The one label of each post: the web's Vietnamese labels and the CLI read these too.
 */
export const REGISTER_HEADERS = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Ngày vào Đảng', 'Ngày chính thức', 'Chức vụ', 'Loại đảng viên', 'Chi bộ', 'Email', 'Điện thoại', 'Ghi chú'] as const;
/** Each field by its register column's name: the CLI and the web wizard show these. */
export const IMPORT_FIELD_LABELS: Readonly<Record<ImportField, string>> = {
  fullName: 'Họ và tên',
  birthDate: 'Ngày sinh',
  gender: 'Giới tính',
  admittedOn: 'Ngày vào Đảng',
  confirmedOn: 'Ngày chính thức',
  position: 'Chức vụ',
  status: 'Loại đảng viên',
  email: 'Thư điện tử',
  phone: 'Điện thoại',
};
export const REGISTER_TEXT = {
  position: { secretary: 'Bí thư', deputy_secretary: 'Phó Bí thư', committee_member: 'Chi ủy viên', group_leader: 'Tổ trưởng đảng' } satisfies Record<Position, string>,
  gender: { male: 'Nam', female: 'Nữ', other: 'Khác' } satisfies Record<Gender, string>,
  standing: { official: 'Chính thức', probationary: 'Dự bị' } satisfies Record<'official' | 'probationary', string>,
};
