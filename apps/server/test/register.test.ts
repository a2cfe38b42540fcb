/**
 * The party register as its readers see it (issue 3): a cell's roll on any day in register
 * order, found by a name typed with or without diacritics, filtered by status and post; a
 * committee's register across its cells; a member's full record with its history; the
 * register as a CSV or XLSX file. Read-only: the demo as seeded, the clock fixed at TODAY.
 */
import ExcelJS from 'exceljs';
import { parseCsv, type MemberDto, type MemberSummaryDto } from '@chibo/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session, TestApp } from './support/test-app.ts';
import { FUND_NAME, INSPECTION_NAME, TODAY, type DemoOrgs, openRegisterWorld, type client } from './support/register-fixtures.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let member: Session; // dangvien: Nguyễn Thị Lan, Quỹ trợ vốn
let secretary: Session; // bithu: Lê Minh Tuấn, secretary of Quỹ trợ vốn
let superior: Session; // capuy: the grassroots committee above the three cells
let o: DemoOrgs;

beforeAll(async () => {
  ({ t, api, member, secretary, superior, o } = await openRegisterWorld());
});
afterAll(() => t.close());

const names = (items: readonly MemberSummaryDto[]) => items.map((m) => m.fullName);
const byName = (items: readonly MemberSummaryDto[], name: string) => items.find((m) => m.fullName === name);

describe('a cell roll', () => {
  it('is in register order: given name, then middle and family name, by Vietnamese collation', async () => {
    const roll = await api.roll(secretary, o.fund.id);
    // Anh < Ánh (tone is a secondary difference), Ánh < Bảo, Lan < Lân (â is a letter after a), Dũng < Đức.
    expect(names(roll)).toEqual([
      'Vũ Hoàng Anh',
      'Đinh Thị Ngọc Ánh',
      'Đặng Quốc Bảo',
      'Ngô Văn Dũng',
      'Phạm Văn Đức',
      'Trần Thị Thu Hà',
      'Nguyễn Thị Lan',
      'Nguyễn Thị Lân',
      'Hoàng Thị Mai',
      'Lý Thị Phương',
      'Âu Văn Quý',
      'Bùi Đức Thắng',
      'Lê Minh Tuấn',
    ]);
  });

  it('answers for the cell’s own day when no date is given', async () => {
    const res = await api.get(member, `/api/v1/organizations/${o.fund.id}/members`);
    expect(res.json<{ on: string }>().on).toBe(TODAY);
  });

  it('finds a name typed with or without diacritics, in any case; "lan" also finds "Lân"', async () => {
    const lan = ['Nguyễn Thị Lan', 'Nguyễn Thị Lân'];
    for (const q of ['nguyen thi lan', 'Nguyen Thi Lan', 'Nguyễn Thị Lan', 'NGUYỄN THỊ LAN', 'Nguyễn Thị Lan'.normalize('NFD')]) {
      expect(names(await api.roll(member, o.fund.id, `q=${encodeURIComponent(q)}`)), q).toEqual(lan);
    }
    expect(names(await api.roll(member, o.fund.id, `q=${encodeURIComponent('Lân')}`))).toEqual(lan);
    for (const q of ['dang quoc bao', 'đặng', 'ĐẶNG', 'Dang']) {
      expect(names(await api.roll(member, o.fund.id, `q=${encodeURIComponent(q)}`)), q).toEqual(['Đặng Quốc Bảo']);
    }
    // đ folds to d: "duc" finds both the given name Đức and the middle name Đức.
    expect(names(await api.roll(member, o.fund.id, 'q=duc'))).toEqual(['Phạm Văn Đức', 'Bùi Đức Thắng']);
    expect(await api.roll(member, o.fund.id, `q=${encodeURIComponent('Không Có Ai')}`)).toEqual([]);
  });

  it('filters by the status a register prints and by post', async () => {
    expect(names(await api.roll(member, o.fund.id, 'status=exempt'))).toEqual(['Ngô Văn Dũng']);
    expect(names(await api.roll(member, o.fund.id, 'status=probationary'))).toEqual(['Lý Thị Phương']);
    expect(names(await api.roll(member, o.fund.id, 'position=secretary'))).toEqual(['Lê Minh Tuấn']);
    expect(names(await api.roll(member, o.fund.id, 'position=deputy_secretary'))).toEqual(['Trần Thị Thu Hà']);
    const none = names(await api.roll(member, o.fund.id, 'position=none'));
    expect(none).toHaveLength(10);
    for (const officer of ['Lê Minh Tuấn', 'Trần Thị Thu Hà', 'Phạm Văn Đức']) expect(none).not.toContain(officer);
    expect(names(await api.roll(member, o.fund.id, `status=official&q=${encodeURIComponent('lân')}`))).toEqual(['Nguyễn Thị Lan', 'Nguyễn Thị Lân']);
    // The exemption (track A) began on 2024-01-01: the day before, Ngô Văn Dũng was simply official.
    expect(await api.roll(member, o.fund.id, 'status=exempt&on=2023-12-31')).toEqual([]);
    expect(byName(await api.roll(member, o.fund.id, 'on=2023-12-31'), 'Ngô Văn Dũng')?.status).toBe('official');
    const dung = byName(await api.roll(member, o.fund.id, 'on=2024-01-01'), 'Ngô Văn Dũng');
    expect(dung).toMatchObject({ status: 'exempt', standing: 'official' });
  });

  it('shows the summary any member may see, with the posts held that day', async () => {
    const tuan = byName(await api.roll(member, o.fund.id), 'Lê Minh Tuấn');
    // Names, posts and status: a fellow member's gender is for those who may read private records.
    expect(tuan).toMatchObject({ organizationId: o.fund.id, status: 'official', standing: 'official', position: 'secretary', positions: ['secretary'], attachment: 'home', gender: null });
    expect(byName(await api.roll(secretary, o.fund.id), 'Lê Minh Tuấn')?.gender).toBe('male');
    expect(byName(await api.roll(member, o.fund.id), 'Lý Thị Phương')).toMatchObject({ status: 'probationary', standing: 'probationary', position: null });
  });

  it('on a past day lists who was in the cell then: a transfer moves a member between rolls on its date', async () => {
    const officeBefore = await api.roll(superior, o.office.id, 'on=2024-06-01');
    const fundBefore = await api.roll(superior, o.fund.id, 'on=2024-06-01');
    expect(byName(officeBefore, 'Vũ Hoàng Anh')).toMatchObject({ organizationId: o.office.id, attachment: 'home' });
    expect(names(fundBefore)).not.toContain('Vũ Hoàng Anh');
    const officeAfter = await api.roll(superior, o.office.id, 'on=2024-10-01');
    const fundAfter = await api.roll(superior, o.fund.id, 'on=2024-10-01');
    expect(names(officeAfter)).not.toContain('Vũ Hoàng Anh');
    expect(byName(fundAfter, 'Vũ Hoàng Anh')).toMatchObject({ organizationId: o.fund.id, attachment: 'home' });
    // Periods are closed at both ends: the last day in the old cell, the first in the new.
    expect(names(await api.roll(superior, o.office.id, 'on=2024-08-31'))).toContain('Vũ Hoàng Anh');
    expect(names(await api.roll(superior, o.fund.id, 'on=2024-08-31'))).not.toContain('Vũ Hoàng Anh');
    expect(names(await api.roll(superior, o.fund.id, 'on=2024-09-01'))).toContain('Vũ Hoàng Anh');
    // Nor was Lý Thị Phương (admitted 2026-03-26) a member in 2024.
    expect(names(fundBefore)).not.toContain('Lý Thị Phương');
    expect(fundBefore).toHaveLength(10);
  });

  it('shows a member in "sinh hoạt tạm thời" as a guest in the host cell and as away in their own', async () => {
    const host = byName(await api.roll(superior, o.fund.id, 'on=2026-10-01'), 'Âu Văn Quý');
    expect(host).toMatchObject({ attachment: 'temporary', organizationId: o.inspection.id });
    expect(byName(await api.roll(superior, o.inspection.id, 'on=2026-10-01'), 'Âu Văn Quý')).toMatchObject({ attachment: 'away', organizationId: o.inspection.id });
    // Before and after the attachment he is only at home.
    for (const on of ['2026-08-31', '2027-03-01']) {
      expect(names(await api.roll(superior, o.fund.id, `on=${on}`)), on).not.toContain('Âu Văn Quý');
      expect(byName(await api.roll(superior, o.inspection.id, `on=${on}`), 'Âu Văn Quý')?.attachment, on).toBe('home');
    }
  });
});

describe('a committee’s register', () => {
  it('lists the members of every cell below it once each, guests only in their own cell', async () => {
    const all = await api.roll(superior, o.committee.id, 'on=2026-10-01');
    expect(all).toHaveLength(12 + 11 + 10);
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    const perCell = (id: string) => all.filter((m) => m.organizationId === id).length;
    expect([perCell(o.fund.id), perCell(o.office.id), perCell(o.inspection.id)]).toEqual([12, 11, 10]);
    expect(all.filter((m) => m.attachment === 'temporary')).toEqual([]);
    expect(all.filter((m) => m.fullName === 'Âu Văn Quý').map((m) => m.attachment)).toEqual(['away']);
    // Still in register order across cells.
    expect(names(all).slice(0, 3)).toEqual(['Vũ Hoàng Anh', 'Đinh Thị Ngọc Ánh', 'Đặng Quốc Bảo']);
  });

  it('counts a transferred member once, in the cell of that day', async () => {
    const past = await api.roll(superior, o.committee.id, 'on=2024-06-01');
    expect(past.filter((m) => m.fullName === 'Vũ Hoàng Anh').map((m) => m.organizationId)).toEqual([o.office.id]);
  });
});

describe('a member’s record', () => {
  it('is open in full to the member themselves', async () => {
    const self = member.me.account.memberId ?? '';
    const rec = await api.record(member, self);
    expect(rec).toMatchObject({ id: self, fullName: 'Nguyễn Thị Lan', birthDate: '1985-06-15', admittedOn: '2010-02-03', confirmedOn: '2011-02-03', status: 'official', organizationId: o.fund.id, problems: [] });
    expect(rec.history.memberships).toEqual([{ organizationId: o.fund.id, organizationName: FUND_NAME, kind: 'official', from: '2010-02-03', to: null }]);
  });

  it('is closed to a fellow member, who still sees them in the roll', async () => {
    const anh = await api.memberId(member, o.fund.id, 'Vũ Hoàng Anh');
    const res = await api.get(member, `/api/v1/members/${anh}`);
    expect(res.statusCode).toBe(403);
    expect(res.json<{ error: string }>().error).toBe('forbidden');
    expect(res.body).not.toContain('1990-10-10');
  });

  it('is open to the cell’s secretary and to the superior, with the transfer in the history', async () => {
    const anh = await api.memberId(secretary, o.fund.id, 'Vũ Hoàng Anh');
    for (const s of [secretary, superior]) {
      const rec = await api.record(s, anh);
      expect(rec).toMatchObject({ fullName: 'Vũ Hoàng Anh', birthDate: '1990-10-10', organizationId: o.fund.id, status: 'official' });
      expect(rec.history.memberships).toEqual([
        { organizationId: o.office.id, organizationName: o.office.name, kind: 'official', from: '2015-05-19', to: '2024-08-31' },
        { organizationId: o.fund.id, organizationName: FUND_NAME, kind: 'official', from: '2024-09-01', to: null },
      ]);
    }
  });

  it('shows a probationary member’s due date and an exempt member’s exemption', async () => {
    const phuong = await api.record(secretary, await api.memberId(secretary, o.fund.id, 'Lý Thị Phương'));
    expect(phuong).toMatchObject({ status: 'probationary', confirmedOn: null, probationDueOn: '2027-03-26' });
    const dung = await api.record(secretary, await api.memberId(secretary, o.fund.id, 'Ngô Văn Dũng'));
    expect(dung.status).toBe('exempt');
    expect(dung.history.statuses).toContainEqual({ status: 'exempt', exemptTrack: 'A', from: '2024-01-01', to: null, reason: 'Tuổi cao, sức yếu', decisionRef: 'Nghị quyết chi bộ tháng 12/2023' });
  });

  it('is unknown (404) to a secretary of another cell', async () => {
    const khanh = await api.memberId(superior, o.office.id, 'Hà Văn Khánh');
    expect((await api.get(secretary, `/api/v1/members/${khanh}`)).statusCode).toBe(404);
  });
});

const HEADER = 'STT,Họ và tên,Ngày sinh,Giới tính,Ngày vào Đảng,Ngày chính thức,Chức vụ,Loại đảng viên,Chi bộ,Email,Điện thoại,Ghi chú';

describe('the register as a file', () => {
  it('CSV: UTF-8 with a BOM, the import’s header, one row per own member (not the guest), dd/mm/yyyy dates', async () => {
    const res = await api.get(secretary, `/api/v1/organizations/${o.fund.id}/members/export?format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="[\x20-\x7e]+\.csv"; filename\*=UTF-8''.+\.csv$/);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.rawPayload.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe(HEADER);
    const [header, ...rows] = parseCsv(text, ',').filter((r) => r.some((c) => c !== ''));
    expect(header?.join(',')).toBe(HEADER);
    expect(rows).toHaveLength(12);
    expect(rows.map((r) => r[1])).not.toContain('Âu Văn Quý');
    expect(rows.map((r) => r[0])).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
    expect(rows.find((r) => r[1] === 'Lê Minh Tuấn')).toEqual(['12', 'Lê Minh Tuấn', '12/04/1972', 'Nam', '19/05/1998', '19/05/1999', 'Bí thư', 'Chính thức', FUND_NAME, '', '', '']);
    expect(rows.find((r) => r[1] === 'Ngô Văn Dũng')).toEqual(['4', 'Ngô Văn Dũng', '14/02/1958', 'Nam', '09/01/1985', '09/01/1986', '', 'Chính thức', FUND_NAME, '', '', 'Miễn công tác và sinh hoạt đảng']);
    expect(rows.find((r) => r[1] === 'Lý Thị Phương')).toEqual(['10', 'Lý Thị Phương', '21/07/1998', 'Nữ', '26/03/2026', '', '', 'Dự bị', FUND_NAME, '', '', '']);
  });

  it('CSV of a past day, and of a cell whose member is away, says so', async () => {
    const past = await api.get(superior, `/api/v1/organizations/${o.office.id}/members/export?format=csv&on=2024-06-01`);
    expect(past.statusCode).toBe(200);
    expect(parseCsv(past.rawPayload.toString('utf8').slice(1), ',').map((r) => r[1])).toContain('Vũ Hoàng Anh');
    const away = await api.get(superior, `/api/v1/organizations/${o.inspection.id}/members/export?format=csv`);
    const quy = parseCsv(away.rawPayload.toString('utf8').slice(1), ',').find((r) => r[1] === 'Âu Văn Quý');
    expect(quy?.[8]).toBe(INSPECTION_NAME);
    expect(quy?.[11]).toBe('Đang sinh hoạt tạm thời nơi khác');
  });

  it('XLSX: parses, same header and rows, dates as real date cells', async () => {
    const res = await api.get(secretary, `/api/v1/organizations/${o.fund.id}/members/export?format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    // exceljs's typings name an older Buffer type than @types/node's: the bytes are the same.
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no worksheet');
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(1).join(',')).toBe(HEADER);
    expect(ws.actualRowCount).toBe(13);
    const rows = Array.from({ length: 12 }, (_, i) => values(i + 2));
    expect(rows.map((r) => r[1])).not.toContain('Âu Văn Quý');
    const tuan = rows.find((r) => r[1] === 'Lê Minh Tuấn');
    expect(tuan?.[0]).toBe(12);
    for (const [i, day] of [[2, '1972-04-12'], [4, '1998-05-19'], [5, '1999-05-19']] as const) {
      const cell = tuan?.[i];
      expect(cell, `column ${i + 1}`).toBeInstanceOf(Date);
      expect((cell as Date).toISOString().slice(0, 10)).toBe(day);
    }
    expect(ws.getRow(2).getCell(3).numFmt).toBe('dd/mm/yyyy');
    // No confirmation date yet: an empty cell, not a fake date.
    const phuong = rows.find((r) => r[1] === 'Lý Thị Phương');
    expect(phuong?.[5] ?? null).toBeNull();
    expect(phuong?.[7]).toBe('Dự bị');
  });

  it('is refused to a plain member (403) and unknown to another cell’s secretary (404)', async () => {
    for (const format of ['csv', 'xlsx']) {
      const own = await api.get(member, `/api/v1/organizations/${o.fund.id}/members/export?format=${format}`);
      expect(own.statusCode).toBe(403);
      expect(own.json<{ error: string }>().error).toBe('forbidden');
      expect((await api.get(secretary, `/api/v1/organizations/${o.office.id}/members/export?format=${format}`)).statusCode).toBe(404);
    }
  });
});

describe('register queries it refuses', () => {
  it('a malformed date, status or post is a 400, not an empty list', async () => {
    for (const q of ['on=2026-13-01', 'on=15/10/2026', 'status=retired', 'position=chairman', 'sort=age', 'unknown=1']) {
      const res = await api.get(secretary, `/api/v1/organizations/${o.fund.id}/members?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json<{ error: string }>().error, q).toBe('validation_failed');
    }
  });

  it('the full record type carries no more than the contract (a fellow’s summary has no private fields)', async () => {
    const roll = await api.roll(member, o.fund.id);
    const keys = new Set(roll.flatMap((m) => Object.keys(m)));
    for (const k of ['birthDate', 'email', 'phone', 'history'] satisfies (keyof MemberDto)[]) expect(keys.has(k), k).toBe(false);
  });
});
