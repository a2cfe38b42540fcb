import { describe, expect, it } from 'vitest';
import { cellText, CreateMemberInput, isBlankRow, REGISTER_HEADERS, REGISTER_TEXT, memberDateProblems, type CellValue, parseMemberRow, parseVietnameseDate, recognizeHeaders } from '../src/index.ts';

describe('recognizeHeaders', () => {
  it.each([
    [['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Ngày vào Đảng', 'Ngày chính thức', 'Chức vụ']],
    [['stt', 'HO VA TEN', 'ngay sinh', 'gioi tinh', 'NGAY VAO DANG', 'Ngay chinh thuc', 'chuc vu']],
    [['TT', 'Họ và tên (*)', 'Ngày sinh:', 'Giới tính', 'Ngày kết nạp', 'Ngày chuyển chính thức', 'Chức vụ đảng']],
    [['STT', 'Họ và tên'.normalize('NFD'), 'Ngày sinh'.normalize('NFD'), 'Giới tính', 'Ngày vào Đảng', 'Ngày chính thức', 'Chức vụ']],
  ])('maps %j with or without diacritics', (headers) => {
    const { mapping, unknownColumns } = recognizeHeaders(headers);
    expect(mapping).toEqual({ fullName: 1, birthDate: 2, gender: 3, admittedOn: 4, confirmedOn: 5, position: 6 });
    expect(unknownColumns).toEqual([]);
  });

  it('reports columns it does not know, and a manual mapping wins', () => {
    const { mapping, unknownColumns } = recognizeHeaders(['Tên gọi', 'Quê quán', 'Ngày sinh'], { fullName: 0 });
    expect(mapping).toEqual({ fullName: 0, birthDate: 2 });
    expect(unknownColumns).toEqual([1]);
  });
});

describe('parseVietnameseDate', () => {
  it.each<[CellValue, string | null]>([
    ['09/01/2021', '2021-01-09'],
    ['9/1/2021', '2021-01-09'],
    ['03.04.2021', '2021-04-03'],
    ['03-04-2021', '2021-04-03'],
    ['2021-04-03', '2021-04-03'],
    ['29/02/2024', '2024-02-29'],
    [new Date(Date.UTC(1972, 3, 12)), '1972-04-12'],
    ['', null],
    [null, null],
  ])('%s → %s', (input, expected) => {
    expect(parseVietnameseDate(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['31/02/2021', '29/02/2023', '12/13/2021', '2021/04/03', 'mười hai', '01/01/1800'])('refuses %s with a Vietnamese reason', (input) => {
    const r = parseVietnameseDate(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/ngày|Năm/);
  });
});

describe('parseMemberRow', () => {
  const { mapping } = recognizeHeaders(['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Ngày vào Đảng', 'Ngày chính thức', 'Chức vụ']);

  it('reads a row as it will be saved; status follows the dates', () => {
    const r = parseMemberRow(['1', '  Nguyễn  Mạnh Cường ', '12/04/1972', 'Nam', '19/05/1998', '19/05/1999', 'Bí thư'], mapping, 2);
    expect(r.errors).toEqual([]);
    expect(r.value).toEqual({ fullName: 'Nguyễn Mạnh Cường', birthDate: '1972-04-12', gender: 'male', admittedOn: '1998-05-19', confirmedOn: '1999-05-19', position: 'secretary', status: 'official', email: null, phone: null });
    const probationary = parseMemberRow(['2', 'Lý Thị Phương', '21/07/1998', 'Nữ', '26/03/2026', '', 'Đảng viên'], mapping, 3);
    expect(probationary.value?.status).toBe('probationary');
    expect(probationary.value?.position).toBeNull();
  });

  it('collects every error of a row, each with its field, in Vietnamese', () => {
    const r = parseMemberRow(['3', 'A', '31/02/1980', 'Không rõ', '', '01/01/2000', 'Trưởng ban'], mapping, 4);
    expect(r.value).toBeNull();
    expect(r.errors.map((e) => e.field).sort()).toEqual(['admittedOn', 'birthDate', 'fullName', 'gender', 'position']);
    expect(r.errors.find((e) => e.field === 'fullName')?.message).toBe('Thiếu họ và tên.');
  });

  it('checks the order of the dates', () => {
    const r = parseMemberRow(['4', 'Trần Văn Bình', '01/01/1990', 'Nam', '01/01/2015', '01/01/2014', ''], mapping, 5);
    expect(r.errors).toEqual([{ field: 'confirmedOn', message: 'Ngày chính thức phải sau ngày vào Đảng.' }]);
  });

  it('blank rows are recognized', () => {
    expect(isBlankRow(['', null, undefined, '  '])).toBe(true);
    expect(isBlankRow(['', 'x'])).toBe(false);
  });
});

describe('memberDateProblems (one rule for form, API and import)', () => {
  it.each<[Parameters<typeof memberDateProblems>[0], string[]]>([
    [{ status: 'official', birthDate: '1980-01-01', admittedOn: '2005-01-01', confirmedOn: '2006-01-01' }, []],
    [{ status: 'probationary' }, ['admittedOn']],
    [{ status: 'probationary', admittedOn: '2026-03-26' }, []],
    [{ status: 'official', admittedOn: '2015-01-01', confirmedOn: '2015-01-01' }, ['confirmedOn']],
    [{ status: 'official', birthDate: '1990-01-01', admittedOn: '1989-12-31', confirmedOn: '1990-12-31' }, ['admittedOn']],
    [{ status: 'official', admittedOn: '2015-01-01' }, ['confirmedOn']],
    [{ status: 'probationary', admittedOn: '2026-03-26', confirmedOn: '2027-03-26' }, ['confirmedOn']],
    [{ status: 'exempt' }, ['admittedOn']],
  ])('%j → %j', (dates, fields) => {
    expect(memberDateProblems(dates).map((p) => p.field)).toEqual(fields);
  });

  it('the contract applies it', () => {
    const r = CreateMemberInput.safeParse({ fullName: 'Lê Văn Tám', status: 'official', admittedOn: '2015-01-01' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['confirmedOn'], message: 'Đảng viên chính thức cần có ngày chính thức (ngày được công nhận).' });
  });
});

describe('cellText: a cell as the preview shows it', () => {
  it.each<[CellValue, string]>([
    [new Date(Date.UTC(1991, 6, 15)), '15/07/1991'],
    ['  Nguyễn  Văn A '.normalize('NFD'), 'Nguyễn Văn A'],
    ["'+84 912 345 678", '+84 912 345 678'],
    ["'Ông Tư", "'Ông Tư"],
    [null, ''],
    [42, '42'],
  ])('%j → %j', (value, text) => {
    expect(cellText(value)).toBe(text);
  });
});

describe('what the export writes, the import reads back', () => {
  const { mapping } = recognizeHeaders([...REGISTER_HEADERS]);

  it('every register header is recognized (the notes and cell columns are left aside)', () => {
    expect(Object.keys(mapping).sort()).toEqual(['admittedOn', 'birthDate', 'confirmedOn', 'email', 'fullName', 'gender', 'phone', 'position', 'status'].sort());
  });

  it.each(Object.entries(REGISTER_TEXT.position))('post %s ← "%s"', (position, text) => {
    const cells = ['1', 'Lê Văn Tám', '', '', '01/01/2010', '01/01/2011', text, REGISTER_TEXT.standing.official];
    expect(parseMemberRow(cells, mapping, 2).value?.position).toBe(position);
  });

  it.each(Object.entries(REGISTER_TEXT.gender))('gender %s ← "%s"', (gender, text) => {
    expect(parseMemberRow(['1', 'Lê Văn Tám', '', text, '01/01/2010', '01/01/2011', '', ''], mapping, 2).value?.gender).toBe(gender);
  });

  it.each(Object.entries(REGISTER_TEXT.standing))('standing %s ← "%s"', (status, text) => {
    const confirmed = status === 'official' ? '01/01/2011' : '';
    expect(parseMemberRow(['1', 'Lê Văn Tám', '', '', '01/01/2010', confirmed, '', text], mapping, 2).value?.status).toBe(status);
  });
});
