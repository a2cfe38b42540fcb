/**
 * The organization tree as the superior manages it (issue 3): settings inherited down the
 * tree, moving an organization with its subtree, closing one while keeping its history.
 */
import crypto from 'node:crypto';
import { historyFromLine, type MemberDto, type OrganizationDto, type OrganizationSettingsDto } from '@chibo/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from './support/test-app.ts';
import { NOW, client, expectRefused, fixedClock, historyBody, type DemoOrgs, type ErrorBody } from './support/register-fixtures.ts';
import { insertOrganization } from '../src/modules/organizations/organizations.repo.ts';
import { insertAccount, insertGrant } from '../src/modules/auth/accounts.repo.ts';
import { insertHistories, insertMember } from '../src/modules/members/members.repo.ts';
import { hashPassword } from '../src/lib/passwords.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let member: Session; // dangvien, Quỹ trợ vốn
let secretary: Session; // bithu, Quỹ trợ vốn
let superior: Session; // capuy, the demo's grassroots committee
let o: DemoOrgs;

/** A second tree: Đảng bộ Khối ▸ two grassroots committees; the first ▸ a sub-committee ▸ a cell with one member. */
let bloc: Session;
const tree = { root: '', g1: '', g2: '', sub: '', cell: '', member: '' };

beforeAll(async () => {
  t = await createTestApp({ clock: fixedClock, config: { loginRatePerMinute: 10_000 } });
  api = client(t);
  const db = t.db.database.db;
  const root = await insertOrganization(db, { id: crypto.randomUUID(), parentId: null, kind: 'committee', name: 'Đảng bộ Khối Thử Nghiệm' }, null);
  const g1 = await insertOrganization(db, { id: crypto.randomUUID(), parentId: root.id, kind: 'grassroots_committee', name: 'Đảng bộ Cơ sở Một' }, root);
  const g2 = await insertOrganization(db, { id: crypto.randomUUID(), parentId: root.id, kind: 'grassroots_committee', name: 'Đảng bộ Cơ sở Hai' }, root);
  const sub = await insertOrganization(db, { id: crypto.randomUUID(), parentId: g1.id, kind: 'sub_committee', name: 'Đảng bộ bộ phận Xưởng' }, g1);
  const cell = await insertOrganization(db, { id: crypto.randomUUID(), parentId: sub.id, kind: 'cell', name: 'Chi bộ Tổ Một', cellType: 'state_enterprise' }, sub);
  const m = await insertMember(db, { fullName: 'Kim Văn Thử', searchName: 'kim van thu', admittedOn: '2010-01-01' });
  await insertHistories(db, [{ memberId: m.id, parts: historyFromLine({ cellId: cell.id, admittedOn: '2010-01-01', confirmedOn: '2011-01-01', position: null }) }]);
  const acc = await insertAccount(db, { username: 'khoi', displayName: 'Đảng ủy Khối', passwordHash: await hashPassword('MatKhau#123') });
  await insertGrant(db, acc.id, root.id, 'superior');
  Object.assign(tree, { root: root.id, g1: g1.id, g2: g2.id, sub: sub.id, cell: cell.id, member: m.id });

  member = await t.login('dangvien');
  secretary = await t.login('bithu');
  superior = await t.login('capuy');
  bloc = await t.login('khoi', 'MatKhau#123');
  o = await api.orgs(superior);
});
afterAll(() => t.close());

const DECISION = 'Quyết định số 15-QĐ/ĐU';
const settingsUrl = (id: string) => `/api/v1/organizations/${id}/settings`;
async function settings(s: Session, id: string): Promise<OrganizationSettingsDto> {
  const res = await api.get(s, settingsUrl(id));
  expect(res.statusCode, res.body).toBe(200);
  return res.json<OrganizationSettingsDto>();
}
async function org(s: Session, id: string): Promise<OrganizationDto> {
  const res = await api.get(s, `/api/v1/organizations/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<OrganizationDto>();
}
async function create(s: Session, parentId: string, kind: string, name: string): Promise<OrganizationDto> {
  const res = await api.request(s, 'POST', '/api/v1/organizations', { parentId, kind, name, ...(kind === 'cell' ? { cellType: 'administrative' } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<OrganizationDto>();
}
interface AuditItem {
  seq: number;
  action: string;
  targetId: string | null;
  data: Record<string, unknown>;
}
async function audit(s: Session, orgId: string, limit = 50): Promise<AuditItem[]> {
  const res = await api.get(s, `/api/v1/audit?organizationId=${orgId}&limit=${limit}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: AuditItem[] }>().items;
}

describe('settings', () => {
  it('default: the probation alert 30 days ahead, set by nobody, with its source', async () => {
    const s = await settings(member, o.fund.id);
    expect(s.own).toEqual({});
    expect(s.effective.probationAlertDays).toMatchObject({ value: 30, setBy: null });
    expect(s.effective.probationAlertDays.source).toEqual(expect.any(String));
    expect(s.effective.meetingPlace).toMatchObject({ value: null, setBy: null });
  });

  it('a value set on the committee is inherited by every cell; a cell’s own value overrides it', async () => {
    const set = await api.request(superior, 'PUT', settingsUrl(o.committee.id), { probationAlertDays: 45, meetingPlace: 'Hội trường tầng 3' });
    expect(set.statusCode, set.body).toBe(200);
    for (const cell of [o.fund, o.office, o.inspection]) {
      const s = await settings(superior, cell.id);
      expect(s.own).toEqual({});
      expect(s.effective.probationAlertDays).toEqual({ value: 45, setBy: { id: o.committee.id, name: o.committee.name }, source: null });
      expect(s.effective.meetingPlace.value).toBe('Hội trường tầng 3');
    }
    const own = await api.request(superior, 'PUT', settingsUrl(o.fund.id), { probationAlertDays: 60 });
    expect(own.statusCode, own.body).toBe(200);
    const fund = await settings(secretary, o.fund.id);
    expect(fund.own).toEqual({ probationAlertDays: 60 });
    expect(fund.effective.probationAlertDays).toMatchObject({ value: 60, setBy: { id: o.fund.id } });
    // Keys the cell does not set are still the committee's.
    expect(fund.effective.meetingPlace).toMatchObject({ value: 'Hội trường tầng 3', setBy: { id: o.committee.id } });
    expect((await settings(superior, o.office.id)).effective.probationAlertDays.value).toBe(45);
    expect((await org(secretary, o.fund.id)).settings).toEqual({ probationAlertDays: 60 });
  });

  it('is audited as organization.settings_changed with what was replaced', async () => {
    const entry = (await audit(superior, o.fund.id)).find((e) => e.action === 'organization.settings_changed' && e.targetId === o.fund.id);
    expect(entry?.data).toEqual({ before: {}, after: { probationAlertDays: 60 } });
  });

  it('a plain member and a cell secretary may read but not change them (403); nothing changes', async () => {
    const head = await api.auditHead(superior, o.committee.id);
    for (const s of [member, secretary]) {
      const res = await api.request(s, 'PUT', settingsUrl(o.fund.id), { probationAlertDays: 20 });
      expect(res.statusCode).toBe(403);
      expect(res.json<ErrorBody>().error).toBe('forbidden');
      expect((await api.get(s, settingsUrl(o.fund.id))).statusCode).toBe(200);
    }
    expectRefused(await api.request(secretary, 'PUT', settingsUrl(o.office.id), { probationAlertDays: 20 }), 'another cell');
    expectRefused(await api.request(secretary, 'PUT', settingsUrl(o.committee.id), { probationAlertDays: 20 }), 'the committee');
    expect((await settings(superior, o.fund.id)).own).toEqual({ probationAlertDays: 60 });
    expect(await api.auditHead(superior, o.committee.id)).toBe(head);
  });

  it('an invalid value is a 400 with a Vietnamese message; nothing changes', async () => {
    const head = await api.auditHead(superior, o.committee.id);
    const bad = await api.request(superior, 'PUT', settingsUrl(o.fund.id), { probationAlertDays: 200 });
    expect(bad.statusCode).toBe(400);
    const err = bad.json<ErrorBody>();
    expect(err.error).toBe('validation_failed');
    expect(err.details?.issues).toContainEqual({ path: 'probationAlertDays', message: 'Nhiều nhất 120 ngày.' });
    expect(err.message).toContain('Nhiều nhất 120 ngày.');
    // The target day is a meeting rule (dated, previewed), no longer a setting.
    for (const body of [{ probationAlertDays: 0 }, { probationAlertDays: 7.5 }, { probationAlertDays: 3 }, { meetingPlace: 'x' }, { colour: 'red' }, { regularMeetingDay: 5 }]) {
      expect((await api.request(superior, 'PUT', settingsUrl(o.fund.id), body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await settings(superior, o.fund.id)).own).toEqual({ probationAlertDays: 60 });
    expect(await api.auditHead(superior, o.committee.id)).toBe(head);
  });

  it('keys left out of a PUT are inherited again', async () => {
    const res = await api.request(superior, 'PUT', settingsUrl(o.fund.id), {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<OrganizationSettingsDto>().effective.probationAlertDays).toMatchObject({ value: 45, setBy: { id: o.committee.id } });
  });
});

describe('moving an organization', () => {
  let sub: OrganizationDto;

  it('a cell moved under a new sub-committee gets a new path; its register and grants follow', async () => {
    sub = await create(superior, o.committee.id, 'sub_committee', 'Đảng bộ bộ phận Khối Văn phòng');
    const res = await api.request(superior, 'POST', `/api/v1/organizations/${o.office.id}/move`, { parentId: sub.id });
    expect(res.statusCode, res.body).toBe(200);
    const moved = res.json<OrganizationDto>();
    expect(moved).toMatchObject({ parentId: sub.id, path: `${sub.path}${o.office.id}/`, depth: 2 });
    expect(await org(superior, o.office.id)).toMatchObject({ path: `${sub.path}${o.office.id}/` });
    // The sub-committee's register is now the cell's; the grassroots committee still has everyone.
    expect((await api.roll(superior, sub.id)).map((m) => m.fullName)).toContain('Hà Văn Khánh');
    expect((await api.roll(superior, o.committee.id)).map((m) => m.fullName)).toContain('Hà Văn Khánh');
    expect(await audit(superior, o.office.id, 1)).toMatchObject([{ action: 'organization.moved', data: { fromParentId: o.committee.id, toParentId: sub.id } }]);
  });

  it('the moved cell keeps its audit history', async () => {
    // Seeded before the move: 11 member.created entries and the cell's own creation.
    const actions = (await audit(superior, o.office.id, 200)).map((e) => e.action);
    expect(actions.filter((a) => a === 'member.created')).toHaveLength(11);
    expect(actions).toContain('organization.created');
  });

  it('moving a whole subtree rewrites the path of everything under it', async () => {
    const before = await org(bloc, tree.cell);
    const g2 = await org(bloc, tree.g2);
    const res = await api.request(bloc, 'POST', `/api/v1/organizations/${tree.sub}/move`, { parentId: tree.g2 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<OrganizationDto>()).toMatchObject({ parentId: tree.g2, path: `${g2.path}${tree.sub}/`, depth: 2 });
    const after = await org(bloc, tree.cell);
    expect(after).toMatchObject({ parentId: tree.sub, path: `${g2.path}${tree.sub}/${tree.cell}/`, depth: 3 });
    expect(after.path).not.toBe(before.path);
    expect((await api.roll(bloc, tree.g2)).map((m) => m.id)).toEqual([tree.member]);
    expect(await api.roll(bloc, tree.g1)).toEqual([]);
  });

  it('never under itself or its own descendant (400), nor where its kind cannot stand', async () => {
    const head = await api.auditHead(bloc, tree.root);
    for (const parentId of [tree.sub, tree.cell]) {
      const res = await api.request(bloc, 'POST', `/api/v1/organizations/${tree.sub}/move`, { parentId });
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorBody>().message).toBe('Không thể chuyển một tổ chức vào chính nó hoặc tổ chức trực thuộc nó.');
    }
    const wrongKind = await api.request(bloc, 'POST', `/api/v1/organizations/${tree.g1}/move`, { parentId: tree.g2 });
    expect(wrongKind.statusCode).toBe(400);
    expect((await org(bloc, tree.cell)).parentId).toBe(tree.sub);
    expect(await api.auditHead(bloc, tree.root)).toBe(head);
  });

  it('is the superior’s: a secretary cannot move even their own cell, nor anyone a tree they cannot see', async () => {
    const head = await api.auditHead(superior, o.committee.id);
    expectRefused(await api.request(secretary, 'POST', `/api/v1/organizations/${o.fund.id}/move`, { parentId: sub.id }), 'secretary, own cell');
    expectRefused(await api.request(secretary, 'POST', `/api/v1/organizations/${o.inspection.id}/move`, { parentId: sub.id }), 'secretary, other cell');
    expectRefused(await api.request(member, 'POST', `/api/v1/organizations/${o.fund.id}/move`, { parentId: sub.id }), 'member');
    expect((await api.request(superior, 'POST', `/api/v1/organizations/${o.fund.id}/move`, { parentId: tree.sub })).statusCode).toBe(404);
    expect((await api.request(bloc, 'POST', `/api/v1/organizations/${tree.cell}/move`, { parentId: sub.id })).statusCode).toBe(404);
    expect((await org(superior, o.fund.id)).parentId).toBe(o.committee.id);
    expect(await api.auditHead(superior, o.committee.id)).toBe(head);
  });

  it('a sub-committee’s register holds its cells’ own members, not guests from elsewhere', async () => {
    // Only the Văn phòng cell is under the sub-committee; a Quỹ trợ vốn member attached there temporarily is not its member.
    const mai = await api.memberId(superior, o.fund.id, 'Hoàng Thị Mai');
    const res = await api.request(superior, 'POST', `/api/v1/members/${mai}/transfers`, { toOrganizationId: o.office.id, kind: 'temporary', from: '2026-10-01', to: '2026-12-31' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await api.roll(superior, o.office.id)).find((m) => m.id === mai)?.attachment).toBe('temporary');
    expect((await api.roll(superior, o.committee.id)).filter((m) => m.id === mai).map((m) => m.attachment)).toEqual(['away']);
    expect((await api.roll(superior, sub.id)).map((m) => m.id)).not.toContain(mai);
  });
});

describe('closing an organization', () => {
  let cell: OrganizationDto;
  const people: string[] = [];

  it('refuses a cell that still has members (409 organization_not_empty), and a committee with open children', async () => {
    const head = await api.auditHead(superior, o.committee.id);
    for (const id of [o.inspection.id, o.committee.id]) {
      const res = await api.request(superior, 'POST', `/api/v1/organizations/${id}/close`, { decisionRef: DECISION });
      expect(res.statusCode).toBe(409);
      expect(res.json<ErrorBody>().error).toBe('organization_not_empty');
    }
    expect((await org(superior, o.inspection.id)).closedAt).toBeNull();
    expect(await api.auditHead(superior, o.committee.id)).toBe(head);
  });

  it('closes an empty new cell at once, on the superior’s decision (its reference is required)', async () => {
    const empty = await create(superior, o.committee.id, 'cell', 'Chi bộ Lâm Thời');
    const undecided = await api.request(superior, 'POST', `/api/v1/organizations/${empty.id}/close`, { reason: 'Lập nhầm' });
    expect(undecided.statusCode).toBe(400);
    expect(undecided.json<ErrorBody>().details?.issues.map((i) => i.path)).toContain('decisionRef');
    expect((await org(superior, empty.id)).closedAt).toBeNull();
    const res = await api.request(superior, 'POST', `/api/v1/organizations/${empty.id}/close`, { decisionRef: DECISION, reason: 'Lập nhầm' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<OrganizationDto>().closedAt).toBe(NOW.toISOString());
    const again = await api.request(superior, 'POST', `/api/v1/organizations/${empty.id}/close`, { decisionRef: DECISION });
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorBody>().error).toBe('organization_closed');
  });

  it('closes a cell once its members are transferred out, keeping it and its past readable', async () => {
    cell = await create(superior, o.committee.id, 'cell', 'Chi bộ Nhà khách Công đoàn');
    for (const fullName of ['Viên Thị Gấm', 'Khổng Văn Hậu']) {
      const res = await api.request(superior, 'POST', `/api/v1/organizations/${cell.id}/members`, { fullName, status: 'official', admittedOn: '2010-05-19', confirmedOn: '2011-05-19', joinedOn: '2020-01-01' });
      expect(res.statusCode, res.body).toBe(201);
      people.push(res.json<MemberDto>().id);
    }
    expect((await api.request(superior, 'POST', `/api/v1/organizations/${cell.id}/close`, { decisionRef: DECISION })).statusCode).toBe(409);
    for (const id of people) {
      const res = await api.request(superior, 'POST', `/api/v1/members/${id}/transfers`, { toOrganizationId: o.fund.id, kind: 'official', from: '2026-10-01' });
      expect(res.statusCode, res.body).toBe(200);
    }
    const closed = await api.request(superior, 'POST', `/api/v1/organizations/${cell.id}/close`, { decisionRef: DECISION, reason: 'Sáp nhập vào Chi bộ Quỹ trợ vốn' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json<OrganizationDto>().closedAt).toBe(NOW.toISOString());

    expect((await org(superior, cell.id)).closedAt).toBe(NOW.toISOString());
    expect((await api.roll(superior, cell.id, 'on=2026-09-30')).map((m) => [m.fullName, m.attachment])).toEqual([
      ['Viên Thị Gấm', 'home'],
      ['Khổng Văn Hậu', 'home'],
    ]);
    expect(await api.roll(superior, cell.id)).toEqual([]);
    expect((await api.roll(secretary, o.fund.id)).map((m) => m.fullName)).toEqual(expect.arrayContaining(['Viên Thị Gấm', 'Khổng Văn Hậu']));
    const entry = (await audit(superior, cell.id)).find((e) => e.action === 'organization.closed');
    expect(entry?.data).toMatchObject({ decisionRef: DECISION, reason: 'Sáp nhập vào Chi bộ Quỹ trợ vốn' });
  });

  it('a closed cell refuses new members, transfers, settings and renaming (409 organization_closed)', async () => {
    const head = await api.auditHead(superior, o.committee.id);
    const khanh = await api.memberId(superior, o.office.id, 'Hà Văn Khánh');
    const attempts = [
      await api.request(superior, 'POST', `/api/v1/organizations/${cell.id}/members`, { fullName: 'Người Đến Sau', status: 'official', admittedOn: '2010-05-19', confirmedOn: '2011-05-19' }),
      await api.request(superior, 'POST', `/api/v1/members/${khanh}/transfers`, { toOrganizationId: cell.id, kind: 'official', from: '2026-10-10' }),
      await api.request(superior, 'POST', `/api/v1/members/${khanh}/transfers`, { toOrganizationId: cell.id, kind: 'temporary', from: '2026-10-10', to: '2026-11-10' }),
      await api.request(superior, 'PUT', settingsUrl(cell.id), { probationAlertDays: 30 }),
      await api.request(superior, 'PATCH', `/api/v1/organizations/${cell.id}`, { name: 'Chi bộ Đổi Tên' }),
    ];
    for (const res of attempts) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json<ErrorBody>().error).toBe('organization_closed');
    }
    expect(await api.auditHead(superior, o.committee.id)).toBe(head);
  });

  it('is the superior’s: a secretary cannot close their own cell', async () => {
    expectRefused(await api.request(secretary, 'POST', `/api/v1/organizations/${o.fund.id}/close`, { decisionRef: DECISION }), 'secretary');
    expectRefused(await api.request(member, 'POST', `/api/v1/organizations/${o.fund.id}/close`, { decisionRef: DECISION }), 'member');
    expect((await org(superior, o.fund.id)).closedAt).toBeNull();
  });

  it('a history edit cannot put a member back into a closed cell', async () => {
    const [id] = people;
    if (!id) throw new Error('no member');
    const rec = await api.record(superior, id);
    const body = historyBody(rec);
    // Reopen the attachment to the closed cell and drop the transfer.
    body.memberships = [{ organizationId: cell.id, kind: 'official', from: '2020-01-01', to: null }];
    const head = await api.auditHead(superior, o.committee.id);
    const res = await api.request(superior, 'PUT', `/api/v1/members/${id}/history`, body);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json<ErrorBody>().error).toBe('organization_closed');
    expect(await api.record(superior, id)).toEqual(rec);
    expect(await api.auditHead(superior, o.committee.id)).toBe(head);
  });
});
