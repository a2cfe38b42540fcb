/**
 * Changing the register (issue 3): transfers (chuyển sinh hoạt chính thức, sinh hoạt tạm
 * thời) and whole-history edits. The past is never rewritten by a transfer, an invalid
 * history is refused with Vietnamese messages and changes nothing, every change is audited.
 */
import type { MemberDto } from '@chibo/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session, TestApp } from './support/test-app.ts';
import { expectRefused, historyBody, type DemoOrgs, type ErrorBody, openRegisterWorld, type client } from './support/register-fixtures.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let secretary: Session; // bithu, Quỹ trợ vốn
let superior: Session; // capuy
let o: DemoOrgs;

beforeAll(async () => {
  ({ t, api, secretary, superior, o } = await openRegisterWorld());
});
afterAll(() => t.close());

interface AuditItem {
  seq: number;
  action: string;
  targetId: string | null;
  organizationId: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
}
async function audit(orgId: string): Promise<AuditItem[]> {
  return (await api.get(superior, `/api/v1/audit?organizationId=${orgId}&limit=20`)).json<{ items: AuditItem[] }>().items;
}
const transfer = (s: Session, id: string, body: object) => api.request(s, 'POST', `/api/v1/members/${id}/transfers`, body);
const putHistory = (s: Session, id: string, body: object) => api.request(s, 'PUT', `/api/v1/members/${id}/history`, body);

describe('official transfer (chuyển sinh hoạt chính thức)', () => {
  let duc: string; // Phạm Văn Đức, chi ủy viên of Quỹ trợ vốn

  it('by the superior moves the member on the date, ending the posts held in the old cell the day before', async () => {
    duc = await api.memberId(superior, o.fund.id, 'Phạm Văn Đức');
    const res = await transfer(superior, duc, { toOrganizationId: o.office.id, kind: 'official', from: '2026-10-01' });
    expect(res.statusCode, res.body).toBe(200);
    const rec = res.json<MemberDto>();
    expect(rec.organizationId).toBe(o.office.id);
    expect(rec.status).toBe('official');
    expect(rec.positions).toEqual([]);
    expect(rec.history.memberships).toEqual([
      { organizationId: o.fund.id, organizationName: o.fund.name, kind: 'official', from: '2006-12-22', to: '2026-09-30' },
      { organizationId: o.office.id, organizationName: o.office.name, kind: 'official', from: '2026-10-01', to: null },
    ]);
    expect(rec.history.positions).toEqual([{ organizationId: o.fund.id, organizationName: o.fund.name, position: 'committee_member', from: '2006-12-22', to: '2026-09-30' }]);
    expect(rec.problems).toEqual([]);
  });

  it('keeps the old cell’s past: listed there (with the post) before the date, not from it', async () => {
    const before = (await api.roll(secretary, o.fund.id, 'on=2026-09-30')).find((m) => m.id === duc);
    expect(before).toMatchObject({ attachment: 'home', positions: ['committee_member'] });
    expect((await api.roll(secretary, o.fund.id, 'on=2026-10-01')).map((m) => m.id)).not.toContain(duc);
    expect((await api.roll(secretary, o.fund.id)).map((m) => m.id)).not.toContain(duc);
    expect((await api.roll(superior, o.office.id, 'on=2026-09-30')).map((m) => m.id)).not.toContain(duc);
    expect((await api.roll(superior, o.office.id, 'on=2026-10-01')).find((m) => m.id === duc)).toMatchObject({ attachment: 'home', positions: [], organizationId: o.office.id });
    // The committee still counts him once.
    expect((await api.roll(superior, o.committee.id)).filter((m) => m.id === duc)).toHaveLength(1);
  });

  it('the old cell’s leadership no longer has its chi ủy viên', async () => {
    const l = (await api.get(superior, `/api/v1/organizations/${o.fund.id}/leadership`)).json<{ holders: { fullName: string }[] }>();
    expect(l.holders.map((h) => h.fullName)).not.toContain('Phạm Văn Đức');
  });

  it('is audited with who, what and the history before and after', async () => {
    const entry = (await audit(o.fund.id)).find((e) => e.action === 'member.transferred' && e.targetId === duc);
    expect(entry).toBeDefined();
    expect(entry?.actorName).toBe('Đỗ Thị Hồng Nhung');
    expect(entry?.data).toMatchObject({ toOrganizationId: o.office.id, from: '2026-10-01' });
    expect(entry?.data.before).toMatchObject({ memberships: [{ organizationId: o.fund.id, kind: 'official', from: '2006-12-22', to: null }] });
  });

  it('the record now belongs to the new cell: the old cell’s secretary no longer reads it', async () => {
    expect((await api.get(secretary, `/api/v1/members/${duc}`)).statusCode).toBe(404);
  });

  it('refuses a date outside the current official attachment, and a transfer to the same cell', async () => {
    const mai = await api.memberId(superior, o.fund.id, 'Hoàng Thị Mai');
    const head = await api.auditHead(superior, o.committee.id);
    const early = await transfer(superior, mai, { toOrganizationId: o.office.id, kind: 'official', from: '2010-01-01' });
    expect(early.statusCode).toBe(400);
    expect(early.json<ErrorBody>().error).toBe('validation_failed');
    const same = await transfer(superior, mai, { toOrganizationId: o.fund.id, kind: 'official', from: '2026-10-01' });
    expect(same.statusCode).toBe(400);
    const toCommittee = await transfer(superior, mai, { toOrganizationId: o.committee.id, kind: 'official', from: '2026-10-01' });
    expect(toCommittee.statusCode).toBe(400);
    const reversed = await transfer(superior, mai, { toOrganizationId: o.office.id, kind: 'temporary', from: '2026-10-01', to: '2026-09-01' });
    expect(reversed.statusCode).toBe(400);
    expect(await api.auditHead(superior, o.committee.id)).toBe(head);
  });
});

describe('a cell secretary transferring', () => {
  it('cannot send a member into a cell they do not manage, nor take one from it; nothing changes', async () => {
    const mai = await api.memberId(secretary, o.fund.id, 'Hoàng Thị Mai');
    const son = await api.memberId(superior, o.office.id, 'Trịnh Công Sơn');
    const [maiBefore, sonBefore] = [await api.record(superior, mai), await api.record(superior, son)];
    const head = await api.auditHead(superior, o.committee.id);
    for (const kind of ['official', 'temporary']) {
      expectRefused(await transfer(secretary, mai, { toOrganizationId: o.office.id, kind, from: '2026-10-01' }), `${kind} out`);
      expectRefused(await transfer(secretary, son, { toOrganizationId: o.fund.id, kind, from: '2026-10-01' }), `${kind} in`);
    }
    expect(await api.record(superior, mai)).toEqual(maiBefore);
    expect(await api.record(superior, son)).toEqual(sonBefore);
    expect(await api.auditHead(superior, o.committee.id)).toBe(head);
  });
});

describe('temporary attachment (sinh hoạt tạm thời)', () => {
  let mai: string;

  it('shows the member as a guest in the host cell and away at home, for the period only', async () => {
    mai = await api.memberId(superior, o.fund.id, 'Hoàng Thị Mai');
    const res = await transfer(superior, mai, { toOrganizationId: o.inspection.id, kind: 'temporary', from: '2026-10-01', to: '2026-12-31' });
    expect(res.statusCode, res.body).toBe(200);
    const rec = res.json<MemberDto>();
    expect(rec.organizationId).toBe(o.fund.id);
    expect(rec.history.memberships).toContainEqual({ organizationId: o.inspection.id, organizationName: o.inspection.name, kind: 'temporary', from: '2026-10-01', to: '2026-12-31' });
    expect((await api.roll(superior, o.inspection.id, 'on=2026-11-01')).find((m) => m.id === mai)).toMatchObject({ attachment: 'temporary', organizationId: o.fund.id });
    expect((await api.roll(secretary, o.fund.id, 'on=2026-11-01')).find((m) => m.id === mai)?.attachment).toBe('away');
    expect((await api.roll(superior, o.inspection.id, 'on=2027-01-01')).map((m) => m.id)).not.toContain(mai);
    expect((await api.roll(secretary, o.fund.id, 'on=2027-01-01')).find((m) => m.id === mai)?.attachment).toBe('home');
    const entry = (await audit(o.fund.id)).find((e) => e.action === 'member.temporarily_attached' && e.targetId === mai);
    expect(entry?.data).toMatchObject({ toOrganizationId: o.inspection.id, from: '2026-10-01' });
  });

  it('a second, overlapping temporary attachment is refused as an invalid history', async () => {
    const res = await transfer(superior, mai, { toOrganizationId: o.office.id, kind: 'temporary', from: '2026-12-01', to: '2027-01-31' });
    expect(res.statusCode).toBe(422);
    expect(res.json<ErrorBody>().error).toBe('history_invalid');
  });

  it('a temporary attachment in the member’s own cell is refused', async () => {
    const res = await transfer(superior, mai, { toOrganizationId: o.fund.id, kind: 'temporary', from: '2027-03-01', to: '2027-04-01' });
    expect(res.statusCode).toBe(422);
    expect(res.json<ErrorBody>().details?.issues.map((i) => i.message).join(' ')).toMatch(/tại chính chi bộ sinh hoạt chính thức/);
  });
});

describe('editing the whole history (PUT /members/:id/history)', () => {
  it('stores a valid edit: an exemption, track B, with reason, decision and end', async () => {
    const bao = await api.memberId(superior, o.fund.id, 'Đặng Quốc Bảo');
    const body = historyBody(await api.record(superior, bao));
    body.statuses.push({ status: 'exempt', exemptTrack: 'B', from: '2026-06-01', to: '2026-08-31', reason: 'Điều trị bệnh dài ngày', decisionRef: 'Quyết định 12-QĐ/ĐU' });
    const res = await putHistory(superior, bao, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<MemberDto>().history.statuses).toContainEqual({ status: 'exempt', exemptTrack: 'B', from: '2026-06-01', to: '2026-08-31', reason: 'Điều trị bệnh dài ngày', decisionRef: 'Quyết định 12-QĐ/ĐU' });
    expect((await api.record(secretary, bao)).history.statuses).toHaveLength(3);

    const statusOn = async (on: string) => (await api.roll(secretary, o.fund.id, `on=${on}`)).find((m) => m.id === bao);
    expect(await statusOn('2026-05-31')).toMatchObject({ status: 'official' });
    expect(await statusOn('2026-06-01')).toMatchObject({ status: 'exempt', standing: 'official' });
    expect(await statusOn('2026-08-31')).toMatchObject({ status: 'exempt' });
    expect(await statusOn('2026-09-01')).toMatchObject({ status: 'official' });
    expect((await api.roll(secretary, o.fund.id, 'on=2026-07-15&status=exempt')).map((m) => m.fullName)).toEqual(['Đặng Quốc Bảo', 'Ngô Văn Dũng']);

    const entry = (await audit(o.fund.id)).find((e) => e.action === 'member.history_changed' && e.targetId === bao);
    expect(entry).toBeDefined();
    expect((entry?.data.after as { statuses: unknown[] }).statuses).toHaveLength(3);
    expect((entry?.data.before as { statuses: unknown[] }).statuses).toHaveLength(2);
  });

  it('lets the cell’s secretary correct their own member’s history', async () => {
    const lan = await api.memberId(secretary, o.fund.id, 'Nguyễn Thị Lân');
    const body = historyBody(await api.record(secretary, lan));
    body.positions.push({ organizationId: o.fund.id, position: 'group_leader', from: '2026-01-01', to: null });
    const res = await putHistory(secretary, lan, body);
    expect(res.statusCode, res.body).toBe(200);
    expect((await api.roll(secretary, o.fund.id, 'position=group_leader')).map((m) => m.fullName)).toEqual(['Nguyễn Thị Lân']);
  });

  describe('refuses an invalid history with 422 history_invalid, Vietnamese messages, and changes nothing', () => {
    const cases: { name: string; member: string; edit: (b: ReturnType<typeof historyBody>, cell: string) => void; message: RegExp }[] = [
      {
        name: 'overlapping official attachments',
        member: 'Hoàng Thị Mai',
        edit: (b, cell) => b.memberships.push({ organizationId: cell, kind: 'official', from: '2020-01-01', to: '2021-12-31' }),
        message: /Hai giai đoạn sinh hoạt chính thức trùng nhau.*chỉ sinh hoạt chính thức ở một chi bộ/,
      },
      {
        name: 'an exemption without its track',
        member: 'Bùi Đức Thắng',
        edit: (b) => b.statuses.push({ status: 'exempt', from: '2025-01-01', to: '2025-06-30', reason: 'Đi công tác nước ngoài' }),
        message: /cần ghi diện A \(tuổi cao, sức yếu\) hay B \(lý do khác\)/,
      },
      {
        name: 'official standing before the 12 months of probation end',
        member: 'Lý Thị Phương',
        edit: (b) => {
          b.statuses = [
            { status: 'probationary', from: '2026-03-26', to: '2026-09-30' },
            { status: 'official', from: '2026-10-01', to: null },
          ];
        },
        message: /Chính thức từ 01\/10\/2026, trước khi hết 12 tháng dự bị \(26\/03\/2027/,
      },
      {
        name: 'a probation not starting on the admission day',
        member: 'Lý Thị Phương',
        edit: (b) => {
          b.statuses = [{ status: 'probationary', from: '2026-04-01', to: null }];
        },
        message: /Thời kỳ dự bị phải bắt đầu từ ngày kết nạp 26\/03\/2026/,
      },
      {
        name: 'a post outside the member’s time in the cell',
        member: 'Hoàng Thị Mai',
        edit: (b, cell) => b.positions.push({ organizationId: cell, position: 'committee_member', from: '2010-01-01', to: '2012-12-31' }),
        message: /ngoài thời gian sinh hoạt tại chi bộ đó/,
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const id = await api.memberId(secretary, o.fund.id, c.member);
        const before = await api.record(secretary, id);
        const head = await api.auditHead(superior, o.committee.id);
        const body = historyBody(before);
        c.edit(body, o.fund.id);
        const res = await putHistory(secretary, id, body);
        expect(res.statusCode, res.body).toBe(422);
        const err = res.json<ErrorBody>();
        expect(err.error).toBe('history_invalid');
        const messages = err.details?.issues.map((i) => i.message) ?? [];
        expect(messages.some((m) => c.message.test(m)), messages.join(' | ')).toBe(true);
        expect(err.details?.issues.every((i) => /^(admittedOn|(memberships|statuses|positions)\[\d+\])$/.test(i.path))).toBe(true);
        expect(err.message).toContain(messages[0] ?? '');
        expect(await api.record(secretary, id)).toEqual(before);
        expect(await api.auditHead(superior, o.committee.id)).toBe(head);
      });
    }
  });

  it('a history with no standing at all is a 400 (the contract requires one)', async () => {
    const id = await api.memberId(secretary, o.fund.id, 'Hoàng Thị Mai');
    const body = { ...historyBody(await api.record(secretary, id)), statuses: [] };
    const res = await putHistory(secretary, id, body);
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().details?.issues.map((i) => i.message)).toContain('Cần ít nhất một giai đoạn dự bị hoặc chính thức.');
  });
});
