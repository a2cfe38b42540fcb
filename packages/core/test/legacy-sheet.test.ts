import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectLegacyText, repairLegacySheet } from '../src/index.ts';
import { encodeTable } from './fixtures/encodings/member-list.fixture.ts';

/** How a cell typed in a legacy font reads out of an XLSX: its bytes as Latin-1 characters. */
const tcvn3 = (s: string) => String.fromCharCode(...encodeTable(s, 1));
const vni = (s: string) => String.fromCharCode(...encodeTable(s, 2));

describe('repairLegacySheet: the encoding is decided per column, and per sheet, from all of its cells', () => {
  // TCVN3 "Tó", "Vò", "Phã", "Dù" read as Vietnamese as they are: alone, nothing tells them from Unicode.
  const TIES_TCVN3 = ['Tú', 'Vũ', 'Cúc', 'Phó', 'Dự'];
  // VNI writes ơ as "ô": "Thô", "Sôn", "Bô", "Mô" are words too.
  const TIES_VNI = ['Thơ', 'Sơn', 'Bơ', 'Mơ', 'Nơ'];

  it.each([
    ['TCVN3', tcvn3, TIES_TCVN3, 'TCVN3 (.VnTime)'],
    ['VNI', vni, TIES_VNI, 'VNI'],
  ] as const)('%s: a column of cells that read both ways follows the sheet and is flagged; a Unicode column stays as it is', (_font, encode, ties, fontName) => {
    // The second column's header is ASCII: nothing in that column tells its font.
    const header = [encode('Họ và tên'), 'Ten goi', 'Quê quán', 'STT'];
    const people = ['Nguyễn Mạnh Cường', 'Đặng Quốc Bảo', 'Phạm Văn Đức', 'Trần Thị Thu Hà', 'Lê Văn Đông'];
    const towns = ['Hà Nội', 'Đà Nẵng', 'Huế', 'Hải Phòng', 'Cần Thơ'];
    const rows = people.map((p, i) => [encode(p), encode(ties[i] ?? ''), towns[i] ?? '', i + 1]);
    // Alone, each cell of the second column is not recognised (why these cells stayed garbled).
    for (const r of rows) expect(detectLegacyText(r[1] as string)).toBeNull();

    const out = repairLegacySheet([header, ...rows]);
    expect(out.rows[0]).toEqual(['Họ và tên', 'Ten goi', 'Quê quán', 'STT']);
    expect(out.rows.slice(1).map((r) => r[0])).toEqual(people);
    expect(out.rows.slice(1).map((r) => r[1])).toEqual(ties);
    expect(out.rows.slice(1).map((r) => r[2])).toEqual(towns);
    expect(out.rows.slice(1).map((r) => r[3])).toEqual([1, 2, 3, 4, 5]);
    // The second column's cells are decoded by the sheet's font, so the user confirms each one.
    expect(out.flags.map((f) => [f.row, f.col])).toEqual(ties.map((_, i) => [i + 1, 1]));
    expect(out.flags[0]?.message).toBe(`"${encode(ties[0] ?? '')}" đọc được hai cách; đã đọc theo phông ${fontName} như phần còn lại của bảng: "${ties[0]}". Kiểm tra lại.`);
    expect(out.columns[2]).toBe('unicode');

    // With its header in the same font, the column decides for itself: decoded, nothing to confirm.
    const titled = repairLegacySheet([[encode('Họ và tên'), encode('Tên gọi'), 'Quê quán'], ...rows]);
    expect(titled.rows.map((r) => r[1])).toEqual(['Tên gọi', ...ties]);
    expect(titled.flags).toEqual([]);
  });

  it('a column with its own evidence decodes its ambiguous cells without asking', () => {
    const rows = [['Lê Văn Tú', 'Tú'], ['Võ Thị Cúc', 'Cúc'], ['Đỗ Văn Vũ', 'Vũ']].map((r) => [tcvn3(r[0] ?? ''), tcvn3(r[1] ?? '')]);
    // The second column's short cells tie; a cell that reads only as TCVN3 gives the column its font.
    rows.push([tcvn3('Bùi Thị Lan'), tcvn3('Lan Hương')]);
    const out = repairLegacySheet(rows);
    expect(out.rows.map((r) => r[1])).toEqual(['Tú', 'Cúc', 'Vũ', 'Lan Hương']);
    expect(out.columns).toEqual(['tcvn3', 'tcvn3']);
    expect(out.flags).toEqual([]);
  });

  it('a sheet that mixes fonts cell by cell repairs each legacy cell and keeps each Unicode one', () => {
    const out = repairLegacySheet([['Phùng Thị Ước', 'Nữ'], [tcvn3('Lê Văn Ễn'), 'Nam'], ['Lê Hà', 'Nữ']]);
    expect(out.rows).toEqual([['Phùng Thị Ước', 'Nữ'], ['Lê Văn Ễn', 'Nam'], ['Lê Hà', 'Nữ']]);
    expect(out.flags).toEqual([]);
  });

  it('flags a cell that still looks like legacy text (Unicode with legacy letters inside), and leaves it for the user', () => {
    const out = repairLegacySheet([['Họ và tên'], ['NguyÔn Văn Hùng'], ['Trần Văn Ba']]);
    expect(out.rows.map((r) => r[0])).toEqual(['Họ và tên', 'NguyÔn Văn Hùng', 'Trần Văn Ba']);
    expect(out.flags).toEqual([{ row: 1, col: 0, message: 'Ô "NguyÔn Văn Hùng" có thể còn chữ gõ bằng phông cũ TCVN3 (.VnTime): có phải "Nguyễn Văn Hùng"? Sửa ô nếu cần.' }]);
  });

  it('cells that are not text, ASCII and empty rows pass through', () => {
    const day = new Date(Date.UTC(1990, 0, 1));
    const out = repairLegacySheet<string | number | Date | null>([[day, 12, null, 'Nguyen Van A'], [], ['']]);
    expect(out.rows).toEqual([[day, 12, null, 'Nguyen Van A'], [], ['']]);
    expect(out.flags).toEqual([]);
  });

  const UNICODE_NAMES = ['Nguyễn Mạnh Cường', 'Đặng Quốc Bảo', 'Phạm Văn Đức', 'Trần Thị Thu Hà', 'Lê Văn Đông', 'Hồ Thị Ngọc Hà', 'Vũ Đức Thắng', 'Ngô Thị Thơ'];
  const POSTS = ['Bí thư', 'Phó Bí thư', 'Chi ủy viên', 'Tổ trưởng đảng', 'Đảng viên', ''];

  it('a sheet typed in Unicode comes out exactly as it went in, unflagged', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...UNICODE_NAMES), fc.constantFrom(...POSTS), fc.constantFrom('Nam', 'Nữ')), { minLength: 1, maxLength: 12 }), (rows) => {
        const out = repairLegacySheet(rows);
        expect(out.rows).toEqual(rows);
        expect(out.flags).toEqual([]);
      }),
    );
  });

  it('a sheet typed wholly in TCVN3 or VNI comes back as the Unicode it was typed as', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(tcvn3, vni),
        fc.array(fc.tuple(fc.constantFrom(...UNICODE_NAMES), fc.constantFrom(...POSTS), fc.constantFrom('Nam', 'Nữ')), { minLength: 3, maxLength: 12 }),
        (encode, rows) => {
          const out = repairLegacySheet(rows.map((r) => r.map(encode)));
          expect(out.rows).toEqual(rows);
        },
      ),
    );
  });
});
