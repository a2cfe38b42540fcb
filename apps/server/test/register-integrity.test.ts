/**
 * The register's integrity where a review found it weak: a transfer cannot rewrite another
 * cell's past; a re-import changes only what the file says; a preview gone stale is not
 * committed; an export imported back changes nothing; committee decisions stay the committee's;
 * a transfer dated later leaves the record where it is; fellow members see no private data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreviewDto } from '@chibo/core';
import { createTestApp, type Session, type TestApp } from './support/test-app.ts';
import { client, expectRefused, historyBody, openRegisterWorld, TODAY, type DemoOrgs } from './support/register-fixtures.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let member: Session;
let secretary: Session;
let superior: Session;
let o: DemoOrgs;

beforeAll(async () => {
  ({ t, api, member, secretary, superior, o } = await openRegisterWorld());
});
afterAll(() => t.close());

async function upload(s: Session, cell: string, text: string): Promise<ImportPreviewDto> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/organizations/${cell}/member-imports?fileName=ds.csv`,
    headers: { ...s.headers(), 'content-type': 'application/octet-stream' },
    payload: Buffer.from(text, 'utf8'),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<ImportPreviewDto>();
}
const commit = (s: Session, id: string) => api.request(s, 'POST', `/api/v1/member-imports/${id}/commit`, {});

describe('a transfer is authorized on every cell whose past it changes', () => {
  it('a secretary cannot back-date a transfer into their cell over another cell’s past', async () => {
    const anh = await api.memberId(superior, o.fund.id, 'Vũ Hoàng Anh');
    const before = await api.roll(superior, o.office.id, 'on=2022-01-01');
    const res = await api.request(secretary, 'POST', `/api/v1/members/${anh}/transfers`, { toOrganizationId: o.fund.id, kind: 'official', from: '2020-01-01', to: '2024-08-31' });
    expectRefused(res, 'back-dated transfer');
    expect(await api.roll(superior, o.office.id, 'on=2022-01-01')).toEqual(before);
  });

  it('a transfer dated later leaves the record (and its managers) where the member is today', async () => {
    const yen = await api.memberId(superior, o.office.id, 'Cao Thị Yến');
    const res = await api.request(superior, 'POST', `/api/v1/members/${yen}/transfers`, { toOrganizationId: o.inspection.id, kind: 'official', from: '2027-01-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await api.record(superior, yen)).organizationId).toBe(o.office.id);
    expect((await api.roll(superior, o.office.id)).map((m) => m.fullName)).toContain('Cao Thị Yến');
    expect((await api.roll(superior, o.inspection.id, 'on=2027-01-02')).map((m) => m.fullName)).toContain('Cao Thị Yến');
  });

  it('…and on that date the record is the new cell’s, with no further write (the cell is read from the history, not stored)', async () => {
    let now = new Date('2026-10-15T03:00:00Z');
    const later = await createTestApp({ clock: { now: () => now }, config: { loginRatePerMinute: 10_000 } });
    try {
      const c = client(later);
      const capuy = await later.login('capuy');
      const orgs = await c.orgs(capuy);
      const yen = await c.memberId(capuy, orgs.office.id, 'Cao Thị Yến');
      expect((await c.request(capuy, 'POST', `/api/v1/members/${yen}/transfers`, { toOrganizationId: orgs.inspection.id, kind: 'official', from: '2027-01-01' })).statusCode).toBe(200);
      expect((await c.record(capuy, yen)).organizationId).toBe(orgs.office.id);
      now = new Date('2027-01-01T03:00:00Z');
      const again = await later.login('capuy');
      expect((await c.record(again, yen)).organizationId).toBe(orgs.inspection.id);
    } finally {
      await later.close();
    }
  });
});

describe('re-import', () => {
  it('a file without some columns changes only what it has: gender, contact, posts and standing stay', async () => {
    const ha = await api.memberId(superior, o.fund.id, 'Trần Thị Thu Hà');
    await api.request(superior, 'PATCH', `/api/v1/members/${ha}`, { email: 'thuha@example.vn', phone: '0912000111' });
    const before = await api.record(superior, ha);
    const p = await upload(secretary, o.fund.id, 'Họ và tên,Ngày vào Đảng\r\nTrần Thị Thu Hà,26/03/2004\r\n');
    expect(p.counts).toMatchObject({ unchanged: 1, create: 0, update: 0 });
    expect((await commit(secretary, p.id)).statusCode).toBe(200);
    const after = await api.record(superior, ha);
    expect(after).toMatchObject({ gender: 'female', email: 'thuha@example.vn', phone: '0912000111', confirmedOn: before.confirmedOn, positions: ['deputy_secretary'] });
    expect(after.history).toEqual(before.history);
  });

  it('an exported register imported back into its cell changes nothing, even a member holding two posts', async () => {
    const tuan = await api.memberId(superior, o.fund.id, 'Lê Minh Tuấn');
    const rec = await api.record(superior, tuan);
    const body = historyBody(rec);
    body.positions.push({ organizationId: o.fund.id, position: 'group_leader', from: '2020-01-01', to: null });
    expect((await api.request(superior, 'PUT', `/api/v1/members/${tuan}/history`, body)).statusCode).toBe(200);
    const csv = await api.get(secretary, `/api/v1/organizations/${o.fund.id}/members/export?format=csv`);
    const p = await upload(secretary, o.fund.id, csv.body);
    expect(p.counts.error, JSON.stringify(p.rows.filter((r) => r.errors.length))).toBe(0);
    expect(p.counts).toMatchObject({ create: 0, update: 0 });
    expect(p.rows.find((r) => r.value?.fullName === 'Lê Minh Tuấn')?.cells.position).toBe('Bí thư');
  });

  it('a preview gone stale (the member changed meanwhile) is not committed over the change', async () => {
    const son = await api.memberId(superior, o.office.id, 'Trịnh Công Sơn');
    const p = await upload(superior, o.office.id, 'Họ và tên,Ngày sinh,Ngày vào Đảng,Ngày chính thức,Chức vụ\r\nTrịnh Công Sơn,17/01/1980,02/09/2005,02/09/2006,Tổ trưởng đảng\r\n');
    expect(p.counts).toMatchObject({ update: 1 });
    const moved = await api.request(superior, 'POST', `/api/v1/members/${son}/transfers`, { toOrganizationId: o.inspection.id, kind: 'temporary', from: '2026-10-01', to: '2026-12-31' });
    expect(moved.statusCode, moved.body).toBe(200);
    // The register moved since the preview: the commit checks the row again against the new
    // history (keeping the temporary attachment) instead of writing the previewed one back.
    const done = await commit(superior, p.id);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<ImportPreviewDto>().result).toMatchObject({ created: 0, updated: 1 });
    const rec = await api.record(superior, son);
    expect(rec.history.memberships.some((m) => m.kind === 'temporary' && m.organizationId === o.inspection.id)).toBe(true);
  });

  it('a control character deep in a file is a row error in the preview, not a failed commit', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => `Người Thử Số ${i + 1},01/01/1990,03/02/2015,03/02/2016`);
    rows.push('Người Có\u0001Lỗi,01/01/1990,03/02/2015,03/02/2016');
    const p = await upload(secretary, o.fund.id, `Họ và tên,Ngày sinh,Ngày vào Đảng,Ngày chính thức\r\n${rows.join('\r\n')}\r\n`);
    expect(p.counts).toMatchObject({ error: 1 });
    const res = await commit(secretary, p.id);
    expect(res.statusCode).toBe(422);
  });
});

describe('committee decisions and private data', () => {
  it('a cell officer can neither record nor undo a track-B exemption; the superior can', async () => {
    const bao = await api.memberId(superior, o.fund.id, 'Đặng Quốc Bảo');
    const body = historyBody(await api.record(superior, bao));
    body.statuses.push({ status: 'exempt', exemptTrack: 'B', from: '2026-01-01', to: null, reason: 'Đi công tác dài ngày', decisionRef: 'QĐ 05-QĐ/ĐU' });
    expect((await api.request(secretary, 'PUT', `/api/v1/members/${bao}/history`, body)).statusCode).toBe(403);
    expect((await api.request(superior, 'PUT', `/api/v1/members/${bao}/history`, body)).statusCode).toBe(200);
    const undo = historyBody(await api.record(superior, bao));
    undo.statuses = undo.statuses.filter((s) => s.status !== 'exempt');
    expect((await api.request(secretary, 'PUT', `/api/v1/members/${bao}/history`, undo)).statusCode).toBe(403);
    expect((await api.roll(superior, o.fund.id, `on=${TODAY}`)).find((m) => m.id === bao)?.status).toBe('exempt');
  });

  it('a member sees fellow members’ names, posts and status, not their gender or admission order', async () => {
    const seen = await api.roll(member, o.fund.id, 'sort=admitted');
    // A list first: `every` holds on an empty one.
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.every((m) => m.gender === null)).toBe(true);
    expect(seen.map((m) => m.fullName)).toEqual((await api.roll(member, o.fund.id)).map((m) => m.fullName));
    expect((await api.roll(secretary, o.fund.id)).some((m) => m.gender !== null)).toBe(true);
  });
});
