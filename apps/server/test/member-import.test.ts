/**
 * Importing member files as offices keep them (issue 3, point 6): every encoding to the same
 * NFC names, XLSX with real dates, a preview that writes nothing, corrections, one-transaction
 * commits, re-imports that update instead of duplicating, and refusals that change nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { REGISTER_TEXT, registerDayOf, type ImportPreviewDto, type MemberListResponse, type Position } from '@chibo/core';
import type { z } from 'zod';
import { vi as webVietnamese } from '../../web/src/i18n/vi.ts';
import { encodeTable, encodeWindows1258 } from '../../../packages/core/test/fixtures/encodings/member-list.fixture.ts';
import { backend, createTestApp, createTestDatabase, type Session, type TestApp, type TestDatabase } from './support/test-app.ts';
import { runCli } from './support/server-process.ts';

let t: TestApp;
let bithu: Session;
let dangvien: Session;
let capuy: Session;
let ownCell: string;
let siblingCell: string;

beforeAll(async () => {
  t = await createTestApp({ config: { loginRatePerMinute: 10_000 } });
  bithu = await t.login('bithu');
  dangvien = await t.login('dangvien');
  capuy = await t.login('capuy');
  ownCell = bithu.me.homeOrganizationId ?? '';
  const orgs = (await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: capuy.headers() })).json<{ items: { id: string; kind: string }[] }>().items;
  siblingCell = orgs.find((o) => o.kind === 'cell' && o.id !== ownCell)?.id ?? '';
});
afterAll(() => t.close());

const HEADER = 'STT,Họ và tên,Ngày sinh,Giới tính,Ngày vào Đảng,Ngày chính thức,Chức vụ';
const PEOPLE = [
  ['1', 'Nguyễn Mạnh Cường', '12/04/1972', 'Nam', '19/05/1998', '19/05/1999', 'Đảng viên'],
  ['2', 'Đỗ Thị Ngọc Hà', '03/02/1990', 'Nữ', '26/03/2015', '26/03/2016', ''],
  ['3', 'Trương Văn Ưng', '30/09/1985', 'Nam', '22/12/2010', '22/12/2011', 'Tổ trưởng đảng'],
];
const NAMES = PEOPLE.map((p) => p[1] ?? '');
const csvText = (rows: string[][] = PEOPLE) => [HEADER, ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n';

async function upload(s: Session, cell: string, bytes: Uint8Array, fileName = 'danh-sach.csv') {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/organizations/${cell}/member-imports?fileName=${encodeURIComponent(fileName)}`,
    headers: { ...s.headers(), 'content-type': 'application/octet-stream' },
    payload: Buffer.from(bytes),
  });
}
const send = (s: Session, method: 'PUT' | 'POST', url: string, payload: object) => t.app.inject({ method, url, headers: s.headers(), payload });
const register = async (cell = ownCell) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/organizations/${cell}/members`, headers: bithu.headers() })).json<z.infer<typeof MemberListResponse>>().items;
const auditHead = async () =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/audit?organizationId=${ownCell}&limit=1`, headers: bithu.headers() })).json<{ items: { seq: number }[] }>().items[0]?.seq;

describe('files in every encoding offices have', () => {
  const encodings: [string, () => Uint8Array][] = [
    ['utf-8', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(), 'utf8')])],
    ['utf-8', () => Buffer.from(csvText().normalize('NFD'), 'utf8')],
    ['windows-1258', () => encodeWindows1258(csvText())],
    ['tcvn3', () => encodeTable(csvText(), 1)],
    ['vni', () => encodeTable(csvText(), 2)],
  ];

  it('the first file creates the members; every other encoding of it finds them unchanged', async () => {
    for (const [i, [encoding, bytes]] of encodings.entries()) {
      const res = await upload(bithu, ownCell, bytes());
      expect(res.statusCode, encoding).toBe(201);
      const p = res.json<ImportPreviewDto>();
      expect(p.format, `file ${i}`).toBe(encoding);
      expect(p.rows.map((r) => r.value?.fullName), `file ${i}`).toEqual(NAMES);
      for (const r of p.rows) expect(r.value?.fullName.normalize('NFC')).toBe(r.value?.fullName);
      if (i === 0) {
        expect(p.counts).toMatchObject({ total: 3, create: 3, error: 0 });
        // The preview wrote nothing.
        expect((await register()).map((m) => m.fullName)).not.toContain('Đỗ Thị Ngọc Hà');
        const done = await send(bithu, 'POST', `/api/v1/member-imports/${p.id}/commit`, {});
        expect(done.statusCode).toBe(200);
        expect(done.json<ImportPreviewDto>().result).toMatchObject({ created: 3, updated: 0 });
      } else {
        // Same names byte for byte (NFC) and same dates: matched, not duplicated.
        expect(p.counts, `file ${i} (${encoding})`).toMatchObject({ total: 3, create: 0, unchanged: 3, error: 0 });
      }
    }
    const names = (await register()).map((m) => m.fullName);
    for (const n of NAMES) expect(names.filter((x) => x === n)).toHaveLength(1);
    const ung = (await register()).find((m) => m.fullName === 'Trương Văn Ưng');
    expect(ung).toMatchObject({ status: 'official', position: 'group_leader' });
  });

  it('an XLSX with real Excel dates (and a legacy-font name) gives the same NFC names and days', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(['Họ và tên', 'Ngày sinh', 'Giới tính', 'Ngày vào Đảng', 'Ngày chính thức']);
    ws.addRow(['Phùng Thị Ước', new Date(Date.UTC(1991, 6, 15)), 'Nữ', new Date(Date.UTC(2016, 1, 3)), new Date(Date.UTC(2017, 1, 3))]);
    // "Lª V¨n Õn" is how a cell typed in a .VnTime font reads: TCVN3 bytes shown as Latin-1.
    ws.addRow([String.fromCharCode(...encodeTable('Lê Văn Ễn', 1)), '01/01/1980', 'Nam', '02/09/2005', '02/09/2006']);
    const p = (await upload(bithu, ownCell, new Uint8Array(await wb.xlsx.writeBuffer()), 'danh-sach.xlsx')).json<ImportPreviewDto>();
    expect(p.format).toBe('xlsx');
    expect(p.rows.map((r) => r.value)).toEqual([
      expect.objectContaining({ fullName: 'Phùng Thị Ước', birthDate: '1991-07-15', admittedOn: '2016-02-03', confirmedOn: '2017-02-03', gender: 'female' }),
      expect.objectContaining({ fullName: 'Lê Văn Ễn', birthDate: '1980-01-01', admittedOn: '2005-09-02' }),
    ]);
  });
});

describe('preview, corrections and commit', () => {
  const withError = [
    ['1', 'Hoàng Thị Thu', '31/02/1990', 'Nữ', '03/02/2014', '03/02/2015', ''],
    ['2', 'Lưu Văn Đạt', '05/05/1988', 'Nam', '19/05/2012', '19/05/2013', 'Chủ tịch'],
    ['3', 'Kim Thị Yến', '07/07/1992', 'Nữ', '02/09/2025', '', ''],
  ];

  it('shows every error in Vietnamese, refuses to commit until fixed, writes nothing meanwhile', async () => {
    const before = await auditHead();
    const p = (await upload(bithu, ownCell, Buffer.from(csvText(withError)))).json<ImportPreviewDto>();
    expect(p.counts).toMatchObject({ total: 3, create: 1, error: 2 });
    expect(p.rows[0]?.errors).toEqual([{ field: 'birthDate', message: '"31/02/1990" không phải ngày có thật.' }]);
    expect(p.rows[1]?.errors[0]?.message).toContain('Chức vụ "Chủ tịch" không rõ');
    expect(p.rows[2]).toMatchObject({ action: 'create', value: { status: 'probationary' } });

    const refused = await send(bithu, 'POST', `/api/v1/member-imports/${p.id}/commit`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json<{ error: string; message: string }>()).toMatchObject({ error: 'import_invalid', message: 'Còn 2 dòng lỗi: sửa hoặc bỏ qua các dòng đó trước khi ghi.' });
    expect(await auditHead()).toBe(before);
    expect((await register()).map((m) => m.fullName)).not.toContain('Kim Thị Yến');

    // The user corrects one cell and leaves the other row out.
    const fixed = await send(bithu, 'PUT', `/api/v1/member-imports/${p.id}/choices`, { edits: { '2': { birthDate: '28/02/1990' } }, skip: [3] });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json<ImportPreviewDto>().counts).toMatchObject({ create: 2, error: 0, skipped: 1 });
    expect(fixed.json<ImportPreviewDto>().rows[0]?.cells.birthDate).toBe('28/02/1990');

    const done = await send(bithu, 'POST', `/api/v1/member-imports/${p.id}/commit`, {});
    expect(done.json<ImportPreviewDto>().result).toMatchObject({ created: 2 });
    // Committing again (double click, retry) writes nothing more.
    const again = await send(bithu, 'POST', `/api/v1/member-imports/${p.id}/commit`, {});
    expect(again.statusCode).toBe(200);
    const names = (await register()).map((m) => m.fullName);
    expect(names.filter((n) => n === 'Hoàng Thị Thu')).toHaveLength(1);
    expect(names).not.toContain('Lưu Văn Đạt');
    const audit = (await t.app.inject({ method: 'GET', url: `/api/v1/audit?organizationId=${ownCell}&limit=5`, headers: bithu.headers() })).json<{ items: { action: string }[] }>().items;
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['members.import_committed', 'member.imported']));
  });

  it('a changed post in a re-imported file updates the member and keeps the old term in history', async () => {
    const rows = PEOPLE.map((r) => [...r]);
    rows[1] = ['2', 'Đỗ Thị Ngọc Hà', '03/02/1990', 'Nữ', '26/03/2015', '26/03/2016', 'Tổ trưởng đảng'];
    const p = (await upload(bithu, ownCell, Buffer.from(csvText(rows)))).json<ImportPreviewDto>();
    expect(p.counts).toMatchObject({ update: 1, unchanged: 2 });
    await send(bithu, 'POST', `/api/v1/member-imports/${p.id}/commit`, {});
    const ha = (await register()).find((m) => m.fullName === 'Đỗ Thị Ngọc Hà');
    expect(ha?.position).toBe('group_leader');
  });

  it('a commit re-checks rows when the register changed after the preview (no duplicate)', async () => {
    const row = ['1', 'Mai Thị Xuân Lộc', '09/09/1993', 'Nữ', '03/02/2018', '03/02/2019', ''];
    const p = (await upload(bithu, ownCell, Buffer.from(csvText([row])))).json<ImportPreviewDto>();
    expect(p.counts).toMatchObject({ create: 1 });
    // Meanwhile someone adds the same person by hand.
    const added = await send(bithu, 'POST', `/api/v1/organizations/${ownCell}/members`, { fullName: 'Mai Thị Xuân Lộc', birthDate: '1993-09-09', gender: 'female', status: 'official', admittedOn: '2018-02-03', confirmedOn: '2019-02-03' });
    expect(added.statusCode).toBe(201);
    const done = (await send(bithu, 'POST', `/api/v1/member-imports/${p.id}/commit`, {})).json<ImportPreviewDto>();
    expect(done.result).toMatchObject({ created: 0, unchanged: 1 });
    expect((await register()).filter((m) => m.fullName === 'Mai Thị Xuân Lộc')).toHaveLength(1);
  });

  it('a column the headers do not name can be mapped by hand; a file without a name column says so', async () => {
    const text = 'Tên đồng chí;Sinh ngày;Kết nạp;Công nhận\r\nTrần Quốc Toản;01/01/1990;03/02/2015;03/02/2016\r\n';
    const p = (await upload(bithu, ownCell, Buffer.from(text))).json<ImportPreviewDto>();
    expect(p.missingFields).toEqual(['fullName', 'admittedOn']);
    expect(p.unknownColumns).toEqual([0, 2, 3]);
    const mapped = (await send(bithu, 'PUT', `/api/v1/member-imports/${p.id}/choices`, { mapping: { fullName: 0, admittedOn: 2, confirmedOn: 3 } })).json<ImportPreviewDto>();
    expect(mapped.missingFields).toEqual([]);
    expect(mapped.rows[0]?.value).toMatchObject({ fullName: 'Trần Quốc Toản', birthDate: '1990-01-01', admittedOn: '2015-02-03', status: 'official' });
  });

  it('refuses files it cannot read with a clear message, and keeps nothing', async () => {
    const before = await auditHead();
    const cases: [Uint8Array, RegExp][] = [
      [Uint8Array.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10]), /không phải văn bản CSV hay Excel/],
      [Buffer.from('Họ và tên,Ngày vào Đảng\r\n"Nguyễn Văn A,01/01/2000\r\n'), /Tệp CSV lỗi/],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), /Tệp Excel bị hỏng/],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /\.xls \(Excel 97–2003\)/],
      [new Uint8Array(0), /Tệp rỗng/],
    ];
    for (const [bytes, message] of cases) {
      const res = await upload(bithu, ownCell, bytes);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: string; message: string }>().error).toBe('import_unreadable');
      expect(res.json<{ message: string }>().message).toMatch(message);
    }
    expect(await auditHead()).toBe(before);
  });
});

describe('the working copy is the rows read at upload, not the file', () => {
  it('no file is kept; a preview read and a change of choices check the stored rows again', async () => {
    const bytea = (await t.db.database.db.execute(sql`select column_name from information_schema.columns where table_name in ('member_imports', 'member_import_rows') and data_type = 'bytea'`)) as { rows: unknown[] };
    expect(bytea.rows).toEqual([]);
    const p = (await upload(bithu, ownCell, Buffer.from(csvText([['1', 'Vương Thị Mận', '01/01/1991', 'Nữ', '03/02/2016', '03/02/2017', '']])))).json<ImportPreviewDto>();
    expect(p.rows[0]?.value?.fullName).toBe('Vương Thị Mận');
    // Change the stored cell behind the application's back: what the next check reads is the row.
    await t.db.database.db.execute(sql`update member_import_rows set cells = jsonb_set(cells, '{1}', '"Vương Thị Mơ"') where import_id = ${p.id} and row = 2`);
    const read = (await t.app.inject({ method: 'GET', url: `/api/v1/member-imports/${p.id}`, headers: bithu.headers() })).json<ImportPreviewDto>();
    // The stored check still holds (same day, register, choices): the page shows it as checked.
    expect(read.rows[0]?.value?.fullName).toBe('Vương Thị Mận');
    const rechecked = (await send(bithu, 'PUT', `/api/v1/member-imports/${p.id}/choices`, { skip: [] })).json<ImportPreviewDto>();
    expect(rechecked.rows[0]).toMatchObject({ action: 'create', cells: { fullName: 'Vương Thị Mơ' }, value: { fullName: 'Vương Thị Mơ' } });
  });
});

describe('cells typed in legacy fonts', () => {
  const tcvn3 = (s: string) => String.fromCharCode(...encodeTable(s, 1));
  async function xlsx(rows: (string | Date)[][]): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    for (const r of rows) ws.addRow(r);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('a name column whose cells read both ways follows the sheet’s font, and each is flagged until corrected', async () => {
    // "Kha Cóc" is TCVN3 for Kha Cúc, and Vietnamese as it is too; the header of that column is ASCII.
    const bytes = await xlsx([
      ['Ho va ten', tcvn3('Ngày sinh'), tcvn3('Giới tính'), tcvn3('Ngày vào Đảng'), tcvn3('Ngày chính thức')],
      [tcvn3('Kha Cúc'), '01/01/1980', tcvn3('Nữ'), '02/09/2005', '02/09/2006'],
      [tcvn3('Lý Phúc'), '01/01/1981', tcvn3('Nữ'), '02/09/2005', '02/09/2006'],
    ]);
    const p = (await upload(bithu, ownCell, bytes, 'vntime.xlsx')).json<ImportPreviewDto>();
    expect(p.headers).toEqual(['Ho va ten', 'Ngày sinh', 'Giới tính', 'Ngày vào Đảng', 'Ngày chính thức']);
    expect(p.rows.map((r) => [r.value?.fullName, r.value?.gender])).toEqual([['Kha Cúc', 'female'], ['Lý Phúc', 'female']]);
    expect(p.counts).toMatchObject({ create: 2, error: 0, warning: 2 });
    expect(p.rows[0]?.warnings).toEqual([{ field: 'fullName', message: `"${tcvn3('Kha Cúc')}" đọc được hai cách; đã đọc theo phông TCVN3 (.VnTime) như phần còn lại của bảng: "Kha Cúc". Kiểm tra lại.` }]);
    const confirmed = (await send(bithu, 'PUT', `/api/v1/member-imports/${p.id}/choices`, { edits: { '2': { fullName: 'Kha Cúc' } } })).json<ImportPreviewDto>();
    expect(confirmed.rows.map((r) => r.warnings.length)).toEqual([0, 1]);
    expect(confirmed.counts.warning).toBe(1);
  });

  it('a cell that still looks like legacy text is flagged with the reading it may be, and left as it is', async () => {
    const bytes = await xlsx([
      ['Họ và tên', 'Ngày sinh', 'Ngày vào Đảng', 'Ngày chính thức'],
      ['NguyÔn Văn Hùng', '01/01/1980', '02/09/2005', '02/09/2006'],
      ['Trần Văn Ba', '01/01/1981', '02/09/2005', '02/09/2006'],
    ]);
    const p = (await upload(bithu, ownCell, bytes, 'tron.xlsx')).json<ImportPreviewDto>();
    expect(p.rows.map((r) => r.value?.fullName)).toEqual(['NguyÔn Văn Hùng', 'Trần Văn Ba']);
    expect(p.rows.map((r) => r.warnings)).toEqual([
      [{ field: 'fullName', message: 'Ô "NguyÔn Văn Hùng" có thể còn chữ gõ bằng phông cũ TCVN3 (.VnTime): có phải "Nguyễn Văn Hùng"? Sửa ô nếu cần.' }],
      [],
    ]);
    // A warning asks for a look; it does not stop the commit.
    expect(p.counts).toMatchObject({ create: 2, error: 0, warning: 1 });
  });
});

describe('who may import', () => {
  it('a member may not; a secretary only into their own cell; a superior into cells below; nobody into a committee', async () => {
    const bytes = Buffer.from(csvText());
    expect((await upload(dangvien, ownCell, bytes)).statusCode).toBe(403);
    expect([403, 404]).toContain((await upload(bithu, siblingCell, bytes)).statusCode);
    expect((await upload(capuy, siblingCell, bytes)).statusCode).toBe(201);
    const committee = capuy.me.grants[0]?.organizationId ?? '';
    expect((await upload(capuy, committee, bytes)).statusCode).toBe(400);
  });

  it('an upload is its uploader’s: another account cannot see, change, commit or follow it', async () => {
    const p = (await upload(bithu, ownCell, Buffer.from(csvText()))).json<ImportPreviewDto>();
    for (const s of [capuy, dangvien]) {
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/member-imports/${p.id}`, headers: s.headers() })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/member-imports/${p.id}/progress`, headers: s.headers() })).statusCode).toBe(404);
      expect((await send(s, 'PUT', `/api/v1/member-imports/${p.id}/choices`, { skip: [1] })).statusCode).toBe(404);
      expect((await send(s, 'POST', `/api/v1/member-imports/${p.id}/commit`, {})).statusCode).toBe(404);
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/member-imports/${p.id}/progress`, headers: bithu.headers() })).json()).toEqual({ phase: 'idle', done: 0, total: 0 });
  });
});

describe('chibo import members', { timeout: 180_000 }, () => {
  let dir: string;
  let own: TestDatabase | undefined;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-import-'));
    own = backend === 'postgres' ? await createTestDatabase() : undefined;
    await own?.database.close();
    env = { CHIBO_DATA_DIR: dir, DATABASE_URL: own?.url ?? '' };
    expect((await runCli(['seed-demo'], env)).code).toBe(0);
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await own?.drop();
  });

  it('previews, refuses a file with errors, then commits a large file with progress', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => [String(i + 1), `Nguyễn Văn Thử ${i + 1}`, '01/01/1990', 'Nam', '03/02/2015', '03/02/2016', '']);
    const file = path.join(dir, 'danh-sach-lon.csv');
    fs.writeFileSync(file, csvText(rows));
    const cell = await cellIdOver(env);
    const preview = await runCli(['import', 'members', file, '--cell', cell, '--as', 'bithu'], env);
    expect(preview.code).toBe(0);
    expect(preview.output).toContain('2500 dòng — thêm mới 2500, cập nhật 0, không đổi 0, lỗi 0');
    expect(preview.output).toContain('Chưa ghi gì (xem trước)');
    expect(preview.output).toContain('Kiểm tra: 2500/2500 dòng (100%)');

    const bad = path.join(dir, 'loi.csv');
    fs.writeFileSync(bad, csvText([['1', 'Lê Văn Lỗi', '31/02/1990', 'Nam', '03/02/2015', '03/02/2016', '']]));
    const refused = await runCli(['import', 'members', bad, '--cell', cell, '--as', 'bithu', '--yes'], env);
    expect(refused.code).toBe(4);
    expect(refused.output).toContain('Dòng 2: "31/02/1990" không phải ngày có thật.');

    const done = await runCli(['import', 'members', file, '--cell', cell, '--as', 'bithu', '--yes'], env);
    expect(done.code).toBe(0);
    expect(done.output).toContain('Kiểm tra: 2500/2500 dòng (100%)');
    expect(done.output).toContain('Ghi: 2500/2500 dòng (100%)');
    expect(done.output).toContain('Đã ghi: thêm mới 2500, cập nhật 0, không đổi 0.');
    const again = await runCli(['import', 'members', file, '--cell', cell, '--as', 'bithu', '--yes'], env);
    expect(again.output).toContain('thêm mới 0, cập nhật 0, không đổi 2500');
    // The chain still verifies after a COPY-written batch of audit entries.
    expect((await runCli(['audit', 'verify'], env)).code).toBe(0);
  });

  it('lists the rows with errors or warnings and what each would do: the first 20, then how many more', async () => {
    const cell = await cellIdOver(env);
    const flagged = Array.from({ length: 5 }, (_, i) => [String(i + 1), `NguyÔn Văn Hùng ${i + 1}`, '01/01/1980', 'Nam', '02/09/2005', '02/09/2006', '']);
    const wrong = Array.from({ length: 30 }, (_, i) => [String(i + 6), `Lê Văn Sai ${i + 1}`, '31/02/1990', 'Nam', '03/02/2015', '03/02/2016', '']);
    const fine = Array.from({ length: 10 }, (_, i) => [String(i + 36), `Lê Văn Đúng ${i + 1}`, '01/01/1990', 'Nam', '03/02/2015', '03/02/2016', '']);
    const file = path.join(dir, 'can-xem.csv');
    fs.writeFileSync(file, csvText([...flagged, ...wrong, ...fine]));
    const res = await runCli(['import', 'members', file, '--cell', cell, '--as', 'bithu'], env);
    expect(res.code).toBe(4);
    expect(res.output).toContain('45 dòng — thêm mới 15, cập nhật 0, không đổi 0, lỗi 30, cần xem lại 5.');
    expect(res.output).toContain('  Dòng 2: thêm mới NguyÔn Văn Hùng 1 (sinh 01/01/1980, Nam, vào Đảng 02/09/2005, chính thức 02/09/2006).');
    expect(res.output).toContain('    cần xem lại Họ và tên: Ô "NguyÔn Văn Hùng 1" có thể còn chữ gõ bằng phông cũ TCVN3 (.VnTime): có phải "Nguyễn Văn Hùng 1"? Sửa ô nếu cần.');
    expect(res.output).toContain('  Dòng 7: "31/02/1990" không phải ngày có thật.');
    // 5 flagged rows and 15 of the 30 with errors, then the count of the rest.
    expect(res.output).toContain('  Dòng 21: "31/02/1990"');
    expect(res.output).not.toContain('  Dòng 22:');
    expect(res.output).toContain('  … và 15 dòng khác.');
    expect(res.output).toContain('Kiểm tra: 45/45 dòng (100%)');
  });

  it('every post has one label: the export, the CLI and the web say the same', async () => {
    const posts = Object.keys(REGISTER_TEXT.position) as Position[];
    // The web's Vietnamese labels are core's.
    expect(webVietnamese.member.position).toEqual(REGISTER_TEXT.position);
    // The export, through the API.
    for (const [i, position] of posts.entries()) {
      const res = await send(bithu, 'POST', `/api/v1/organizations/${ownCell}/members`, { fullName: `Hà Văn Chức ${i + 1}`, status: 'official', position, admittedOn: '2010-01-01', confirmedOn: '2011-01-01' });
      expect(res.statusCode, res.body).toBe(201);
    }
    const csv = (await t.app.inject({ method: 'GET', url: `/api/v1/organizations/${ownCell}/members/export?format=csv`, headers: bithu.headers() })).body;
    const exported = posts.map((_, i) => csv.split(/\r?\n/).find((l) => l.includes(`Hà Văn Chức ${i + 1},`))?.split(',')[6]);
    // The CLI, listing rows it flags (a name that may be legacy text), each with its post. An
    // XLSX: the CLI process reads it in a worker thread, as the server does.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(HEADER.split(','));
    for (const [i, p] of posts.entries()) ws.addRow([String(i + 1), `NguyÔn Văn Chức ${i + 1}`, '01/01/1980', 'Nam', '02/09/2005', '02/09/2006', REGISTER_TEXT.position[p]]);
    const file = path.join(dir, 'chuc-vu.xlsx');
    fs.writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
    const cli = await runCli(['import', 'members', file, '--cell', await cellIdOver(env), '--as', 'bithu'], env);
    const listed = posts.map((_, i) => new RegExp(`Dòng ${i + 2}: thêm mới NguyÔn Văn Chức ${i + 1} \\(.*, ([^,()\\n]+)\\)\\.`).exec(cli.output)?.[1]);
    const labels = posts.map((p) => REGISTER_TEXT.position[p]);
    expect(exported).toEqual(labels);
    expect(listed).toEqual(labels);
    expect(labels).toContain('Phó Bí thư');
  });
});

/** The demo secretary's cell, read through the CLI-built database. */
async function cellIdOver(env: Record<string, string>): Promise<string> {
  const { openDatabase } = await import('../src/db/client.ts');
  const { findAccountByLogin, homeOrganizationOf } = await import('../src/modules/auth/auth.service.ts');
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.CHIBO_DATA_DIR });
  try {
    const account = await findAccountByLogin(database.db, 'bithu');
    return (await homeOrganizationOf(database.db, account?.memberId ?? null, registerDayOf(new Date()))) ?? '';
  } finally {
    await database.close();
  }
}
