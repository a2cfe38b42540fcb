/**
 * What the register warns about (issue 3): a cell's leadership against Điều lệ Đ.24 (a chi
 * ủy from 9 official members, elected officers official members) and probation ending or
 * overdue (Điều lệ Đ.5 k1), within an alert window the organization's settings set.
 */
import type { MemberDto } from '@chibo/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session, TestApp } from './support/test-app.ts';
import { TODAY, historyBody, type DemoOrgs, openRegisterWorld, type client } from './support/register-fixtures.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let member: Session; // dangvien, Quỹ trợ vốn
let secretary: Session; // bithu, Quỹ trợ vốn
let superior: Session; // capuy
let o: DemoOrgs;

beforeAll(async () => {
  ({ t, api, member, secretary, superior, o } = await openRegisterWorld());
});
afterAll(() => t.close());

interface Leadership {
  on: string;
  officialMembers: number;
  holders: { memberId: string; fullName: string; positions: string[] }[];
  warnings: { code: string; message: string }[];
}
interface Probation {
  on: string;
  items: { memberId: string; fullName: string; organizationId: string; organizationName: string; admittedOn: string; dueDate: string; daysLeft: number; state: string; message: string }[];
}
async function leadership(s: Session, orgId: string, on?: string): Promise<Leadership> {
  const res = await api.get(s, `/api/v1/organizations/${orgId}/leadership${on ? `?on=${on}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Leadership>();
}
async function probation(s: Session, orgId: string, on: string): Promise<Probation> {
  const res = await api.get(s, `/api/v1/organizations/${orgId}/probation?on=${on}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Probation>();
}
const codes = (l: Leadership) => l.warnings.map((w) => w.code);

describe('leadership', () => {
  it('a cell with a chi ủy and one secretary: its holders, no warnings', async () => {
    const l = await leadership(member, o.fund.id);
    expect(l.on).toBe(TODAY);
    // 12 of its own, one probationary; the guest Âu Văn Quý counts in his own cell.
    expect(l.officialMembers).toBe(11);
    expect(l.holders.map((h) => [h.fullName, h.positions])).toEqual([
      ['Phạm Văn Đức', ['committee_member']],
      ['Trần Thị Thu Hà', ['deputy_secretary']],
      ['Lê Minh Tuấn', ['secretary']],
    ]);
    expect(l.warnings).toEqual([]);
  });

  it('warns when a cell has 9 or more official members but no chi ủy viên', async () => {
    const l = await leadership(superior, o.office.id);
    expect(l.officialMembers).toBe(10);
    expect(codes(l)).toEqual(['committee_expected']);
    expect(l.warnings[0]?.message).toContain('10 đảng viên chính thức (từ 9 trở lên) nhưng chưa có chi ủy');
  });

  it('warns when a probationary member holds an elected post', async () => {
    const hanh = await api.memberId(superior, o.office.id, 'Phan Thị Hạnh');
    const body = historyBody(await api.record(superior, hanh));
    body.positions.push({ organizationId: o.office.id, position: 'secretary', from: '2026-10-01', to: null });
    const res = await api.request(superior, 'PUT', `/api/v1/members/${hanh}/history`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<MemberDto>().positions).toEqual(['secretary']);

    const l = await leadership(superior, o.office.id);
    expect(codes(l)).toContain('officer_not_official');
    expect(codes(l)).toContain('several_secretaries');
    const w = l.warnings.find((x) => x.code === 'officer_not_official');
    expect(w?.message).toContain('Phan Thị Hạnh');
    expect(w?.message).toContain('bí thư');
    // The day before the post began, only the missing chi ủy.
    expect(codes(await leadership(superior, o.office.id, '2026-09-30'))).toEqual(['committee_expected']);
  });

  it('is a cell’s: a committee has no secretary of its own', async () => {
    const res = await api.get(superior, `/api/v1/organizations/${o.committee.id}/leadership`);
    expect(res.statusCode).toBe(400);
  });
});

describe('probation', () => {
  it('a cell lists its member whose probation ends within 30 days as due soon', async () => {
    const p = await probation(secretary, o.fund.id, '2026-11-25');
    expect(p.items).toEqual([]);
    const ins = await probation(superior, o.inspection.id, '2026-11-25');
    expect(ins.items).toHaveLength(1);
    expect(ins.items[0]).toMatchObject({ fullName: 'Mạc Thị Duyên', organizationId: o.inspection.id, organizationName: o.inspection.name, admittedOn: '2025-12-22', dueDate: '2026-12-22', daysLeft: 27, state: 'due_soon' });
    expect(ins.items[0]?.message).toContain('22/12/2026');
  });

  it('past the due date without confirmation it is overdue', async () => {
    const p = await probation(superior, o.inspection.id, '2027-01-15');
    expect(p.items.map((i) => [i.fullName, i.state, i.daysLeft])).toEqual([['Mạc Thị Duyên', 'overdue', -24]]);
    expect(p.items[0]?.message).toMatch(/quá 24 ngày/);
  });

  it('a committee lists the alerts of every cell below it, by due date', async () => {
    const p = await probation(superior, o.committee.id, '2026-12-15');
    expect(p.items.map((i) => [i.fullName, i.organizationId, i.dueDate, i.state])).toEqual([
      ['Mạc Thị Duyên', o.inspection.id, '2026-12-22', 'due_soon'],
      ['Phan Thị Hạnh', o.office.id, '2027-01-09', 'due_soon'],
    ]);
    const later = await probation(superior, o.committee.id, '2027-01-15');
    expect(later.items.map((i) => [i.fullName, i.state])).toEqual([['Mạc Thị Duyên', 'overdue'], ['Phan Thị Hạnh', 'overdue']]);
  });

  it('is for officers: a plain member gets 403, another cell’s secretary 404', async () => {
    const res = await api.get(member, `/api/v1/organizations/${o.fund.id}/probation?on=2026-11-25`);
    expect(res.statusCode).toBe(403);
    expect((await api.get(secretary, `/api/v1/organizations/${o.inspection.id}/probation?on=2026-11-25`)).statusCode).toBe(404);
  });

  it('the alert window follows the organization’s setting, inherited down the tree', async () => {
    // 37 days before the due date: outside the default 30.
    expect((await probation(superior, o.inspection.id, '2026-11-15')).items).toEqual([]);
    const set = await api.request(superior, 'PUT', `/api/v1/organizations/${o.inspection.id}/settings`, { probationAlertDays: 60 });
    expect(set.statusCode, set.body).toBe(200);
    expect((await probation(superior, o.inspection.id, '2026-11-15')).items.map((i) => [i.fullName, i.daysLeft])).toEqual([['Mạc Thị Duyên', 37]]);
    // The Văn phòng cell still alerts 30 days ahead: Phan Thị Hạnh (due 2027-01-09) is 55 days away.
    expect((await probation(superior, o.office.id, '2026-11-15')).items).toEqual([]);
    const committee = await api.request(superior, 'PUT', `/api/v1/organizations/${o.committee.id}/settings`, { probationAlertDays: 60 });
    expect(committee.statusCode, committee.body).toBe(200);
    expect((await probation(superior, o.office.id, '2026-11-15')).items.map((i) => [i.fullName, i.daysLeft])).toEqual([['Phan Thị Hạnh', 55]]);
    // A cell's own, narrower value wins over the committee's.
    const narrow = await api.request(superior, 'PUT', `/api/v1/organizations/${o.inspection.id}/settings`, { probationAlertDays: 7 });
    expect(narrow.statusCode, narrow.body).toBe(200);
    expect((await probation(superior, o.inspection.id, '2026-11-25')).items).toEqual([]);
  });
});
