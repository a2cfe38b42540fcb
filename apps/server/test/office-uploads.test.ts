/**
 * Every Office file the product reads is checked before it is unpacked (issue 9, point 1): a
 * member-import XLSX, a meeting document, a paper. Crafted archives — a 100 MB shared-strings
 * cell in a ~100 KB file, 10,000 parts, a thousandfold ratio, an oversized part, a directory
 * that lies — are refused with a 4xx whose Vietnamese message names the limit, nothing is
 * stored, and the server answers another user's request meanwhile.
 */
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import type { MeetingDetailDto, PaperDto, YearPlanDto } from '@chibo/core';
import { memberImports } from '../src/db/schema/index.ts';
import { AppError } from '../src/lib/app-error.ts';
import { parseMemberFile } from '../src/modules/member-imports/parse-member-file.ts';
import { docxParts, officeZip, repetitiveXml, sheetXml, xlsxParts } from './support/office-zip.ts';
import { openRegisterWorld, type DemoOrgs, type ErrorBody } from './support/register-fixtures.ts';
import type { Session, TestApp } from './support/test-app.ts';

const MB = 1024 * 1024;

let t: TestApp;
let api: Awaited<ReturnType<typeof openRegisterWorld>>['api'];
let member: Session;
let secretary: Session;
let superior: Session;
let o: DemoOrgs;
beforeAll(async () => {
  ({ t, api, member, secretary, superior, o } = await openRegisterWorld());
});
afterAll(() => t.close());

const post = (s: Session, url: string, body: Buffer) => t.app.inject({ method: 'POST', url, headers: { ...s.headers(), 'content-type': 'application/octet-stream' }, payload: body });
const importsStored = async () => (await t.db.database.db.select({ n: count() }).from(memberImports))[0]?.n ?? 0;

/** The upload and another user's unrelated request, at the same time: the other must be answered. */
async function alongsideOthers(upload: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse> {
  const [res, me] = await Promise.all([upload(), t.app.inject({ method: 'GET', url: '/api/v1/me', headers: member.headers() })]);
  expect(me.statusCode).toBe(200);
  return res;
}

function expectRefused(res: LightMyRequestResponse, words: readonly string[]): void {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(413);
  const body = res.json<ErrorBody>();
  expect(body.error).toBe('archive_refused');
  for (const w of words) expect(body.message).toContain(w);
}

const HEADER = ['Họ và tên', 'Ngày sinh', 'Ngày vào Đảng', 'Ngày chính thức'];

describe('a member-import XLSX', () => {
  const bombs: [string, () => Buffer, readonly string[]][] = [
    [
      'a 100 MB shared-strings cell in a ~100 KB file',
      () => officeZip(xlsxParts(sheetXml([HEADER]), { name: 'xl/sharedStrings.xml', content: repetitiveXml('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>', 100 * MB, '</t></si></sst>') })),
      ['xl/sharedStrings.xml', '100 MB', 'giới hạn 64 MB'],
    ],
    [
      '10,000 parts',
      () => officeZip([...xlsxParts(sheetXml([HEADER])), ...Array.from({ length: 10_000 }, (_, i) => ({ name: `xl/media/p${i}.xml`, content: '<x/>' }))]),
      ['10.005 phần nén', 'giới hạn 2.000 phần'],
    ],
    ['a sheet that unpacks a thousandfold (20 MB from ≈ 20 KB)', () => officeZip(xlsxParts(repetitiveXml('<worksheet><sheetData>', 20 * MB, '</sheetData></worksheet>'))), ['xl/worksheets/sheet1.xml', 'giới hạn 100 lần', 'bom nén']],
    [
      'a part declaring 200 MB',
      () => officeZip([...xlsxParts(sheetXml([HEADER])), { name: 'xl/media/image1.png', content: Buffer.alloc(3 * MB, 7), raw: true, declaredSize: 200 * MB }]),
      ['xl/media/image1.png', '200 MB', 'giới hạn 128 MB cho một phần'],
    ],
    [
      // Nothing in the directory is out of bounds; unpacking stops at the 1 MB it declares.
      'a sheet whose directory says 1 MB but which unpacks to 50 MB',
      () => lieAboutSheetSize(officeZip(xlsxParts(repetitiveXml('<worksheet><sheetData>', 50 * MB, '</sheetData></worksheet>'))), 1 * MB),
      ['giải nén ra nhiều hơn kích thước nó khai', 'bom nén'],
    ],
    [
      'a 40,000-character cell (Excel’s limit is 32,767)',
      () => officeZip(xlsxParts(sheetXml([HEADER]), { name: 'xl/sharedStrings.xml', content: `<sst><si><t>${'ệ'.repeat(40_000)}</t></si></sst>` })),
      ['dài hơn 32.767 ký tự'],
    ],
  ];

  it.each(bombs)('%s is refused with the limit named, nothing stored, other users served', async (_case, make, words) => {
    const bytes = make();
    const before = [await importsStored(), await api.auditHead(superior, o.committee.id)];
    const res = await alongsideOthers(() => post(secretary, `/api/v1/organizations/${o.fund.id}/member-imports?fileName=bom.xlsx`, bytes));
    expectRefused(res, words);
    expect([await importsStored(), await api.auditHead(superior, o.committee.id)]).toEqual(before);
  });

  it('a legitimate XLSX of the same kind still imports', async () => {
    const bytes = officeZip(xlsxParts(sheetXml([HEADER, ['Trần Văn Thật', '01/01/1980', '02/09/2005', '02/09/2006']])));
    const res = await post(secretary, `/api/v1/organizations/${o.fund.id}/member-imports?fileName=that.xlsx`, bytes);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    expect(res.json<{ rows: { value: { fullName: string } | null }[] }>().rows[0]?.value?.fullName).toBe('Trần Văn Thật');
  });

  it('a file that slips past every check ends only its worker, at its memory limit, and the server carries on', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(HEADER);
    for (let i = 0; i < 20_000; i++) ws.addRow([`Nguyễn Văn Thử ${i}`, '01/01/1980', '02/09/2005', '02/09/2006']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const refused = await parseMemberFile(bytes, { maxOldGenerationSizeMb: 48, timeoutMs: 120_000 }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('archive_refused');
    expect((refused as AppError).message).toContain('cần hơn 48 MB bộ nhớ');
    // With the real limit the same file reads.
    expect((await parseMemberFile(bytes)).rows).toHaveLength(20_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: member.headers() })).statusCode).toBe(200);
  });
});

/** Rewrite the sheet part's declared size (local header and directory) to `size`. */
function lieAboutSheetSize(zip: Buffer, size: number): Buffer {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  for (let at = zip.indexOf(name); at >= 0; at = zip.indexOf(name, at + 1)) {
    // The name follows the header at 30 (local) or 46 (directory) bytes; the size field sits 8 before the name-length field.
    if (zip.readUInt32LE(at - 30) === 0x04034b50) zip.writeUInt32LE(size, at - 30 + 22);
    else if (zip.readUInt32LE(at - 46) === 0x02014b50) zip.writeUInt32LE(size, at - 46 + 24);
  }
  return zip;
}

describe('a Word document posted to a meeting, and a paper handed in as a file', () => {
  let meeting: MeetingDetailDto;
  let paper: PaperDto;
  const bomb = () => officeZip(docxParts(repetitiveXml('<w:document><w:body>', 100 * MB, '</w:body></w:document>')));

  beforeAll(async () => {
    const plan = (await api.request(secretary, 'POST', `/api/v1/organizations/${o.fund.id}/year-plan`, { year: 2026 })).json<YearPlanDto>();
    meeting = (await api.get(secretary, `/api/v1/meetings/${plan.meetings[0]?.id ?? ''}`)).json<MeetingDetailDto>();
    const assigned = await api.request(secretary, 'POST', `/api/v1/meetings/${meeting.id}/papers`, { title: 'Tham luận thử', authorMemberId: member.me.account.memberId, dueDate: '2026-11-05' });
    expect(assigned.statusCode, assigned.body).toBe(201);
    paper = assigned.json<PaperDto>();
  });

  it('a DOCX bomb as a meeting document is refused, naming the limit; no document is kept', async () => {
    const head = await api.auditHead(superior, o.committee.id);
    const res = await alongsideOthers(() => post(secretary, `/api/v1/meetings/${meeting.id}/documents?kind=other&title=${encodeURIComponent('Tài liệu')}&fileName=tai-lieu.docx`, bomb()));
    expectRefused(res, ['word/document.xml', 'giới hạn 100 lần']);
    expect((await api.get(secretary, `/api/v1/meetings/${meeting.id}`)).json<MeetingDetailDto>().documents).toEqual([]);
    expect(await api.auditHead(superior, o.committee.id)).toBe(head);
    // An honest Word file is still taken.
    const ok = await post(secretary, `/api/v1/meetings/${meeting.id}/documents?kind=other&title=${encodeURIComponent('Tài liệu')}&fileName=tai-lieu.docx`, officeZip(docxParts('<w:document/>')));
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('a DOCX bomb as a paper’s file is refused, naming the limit; the paper stays assigned', async () => {
    const head = await api.auditHead(superior, o.committee.id);
    const res = await alongsideOthers(() => post(member, `/api/v1/papers/${paper.id}/file?fileName=tham-luan.docx`, bomb()));
    expectRefused(res, ['word/document.xml', 'giới hạn 100 lần']);
    const detail = (await api.get(secretary, `/api/v1/meetings/${meeting.id}`)).json<MeetingDetailDto>();
    expect(detail.papers.find((p) => p.id === paper.id)?.status).toBe('assigned');
    expect(await api.auditHead(superior, o.committee.id)).toBe(head);
  });
});
