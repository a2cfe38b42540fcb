/**
 * A member of one cell cannot read or change anything of another cell; a superior reaches
 * its whole subtree and nothing outside it.
 */
import crypto from 'node:crypto';
import { historyFromLine } from '@chibo/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from './support/test-app.ts';
import { MEETING_ROUTE_BODIES } from './support/meeting-route-bodies.ts';
import { insertOrganization } from '../src/modules/organizations/organizations.repo.ts';
import { insertAccount, insertGrant } from '../src/modules/auth/accounts.repo.ts';
import { insertHistories, insertMember } from '../src/modules/members/members.repo.ts';
import { hashPassword } from '../src/lib/passwords.ts';

let t: TestApp;
let member: Session; // dangvien, Quỹ trợ vốn cell
let secretary: Session; // bithu, Quỹ trợ vốn cell
let superior: Session; // capuy, Đảng bộ Cơ quan LĐLĐ
let outsider: Session; // superior of another tree
let ownCell: string;
let siblingCell: string;
let siblingMember: string;
let foreignRoot: string;
let foreignCell: string;
let foreignMember: string;
let superiorOrg: string;

interface Item {
  id: string;
}

beforeAll(async () => {
  t = await createTestApp({ config: { loginRatePerMinute: 10_000 } });
  const db = t.db.database.db;
  const root = await insertOrganization(db, { id: crypto.randomUUID(), parentId: null, kind: 'grassroots_committee', name: 'Đảng bộ Phường Thử Nghiệm' }, null);
  const cell = await insertOrganization(db, { id: crypto.randomUUID(), parentId: root.id, kind: 'cell', name: 'Chi bộ Tổ dân phố số 1', cellType: 'residential' }, root);
  const m = await insertMember(db, { fullName: 'Người Ngoài', searchName: 'nguoi ngoai', admittedOn: '2010-01-01' });
  await insertHistories(db, [{ memberId: m.id, parts: historyFromLine({ cellId: cell.id, admittedOn: '2010-01-01', confirmedOn: '2011-01-01', position: null }) }]);
  const acc = await insertAccount(db, { username: 'ngoai', displayName: 'Cấp ủy phường', passwordHash: await hashPassword('MatKhau#123') });
  await insertGrant(db, acc.id, root.id, 'superior');
  foreignRoot = root.id;
  foreignCell = cell.id;
  foreignMember = m.id;

  member = await t.login('dangvien');
  secretary = await t.login('bithu');
  superior = await t.login('capuy');
  outsider = await t.login('ngoai', 'MatKhau#123');
  ownCell = member.me.homeOrganizationId ?? '';
  superiorOrg = superior.me.grants[0]?.organizationId ?? '';
  const orgs = (await get(superior, '/api/v1/organizations')).json<{ items: (Item & { kind: string })[] }>().items;
  siblingCell = orgs.find((o) => o.kind === 'cell' && o.id !== ownCell)?.id ?? '';
  siblingMember = (await get(superior, `/api/v1/organizations/${siblingCell}/members`)).json<{ items: Item[] }>().items[0]?.id ?? '';
});
afterAll(() => t.close());

function get(s: Session, url: string) {
  return t.app.inject({ method: 'GET', url, headers: s.headers() });
}
function send(s: Session, method: 'POST' | 'PATCH', url: string, payload: object) {
  return t.app.inject({ method, url, headers: s.headers(), payload });
}
const newMember = { fullName: 'Đảng Viên Lạ', status: 'official', admittedOn: '2010-05-19', confirmedOn: '2011-05-19' };

describe('a member', () => {
  it('sees its own cell and roster, and only its own cell in the list', async () => {
    expect((await get(member, `/api/v1/organizations/${ownCell}`)).statusCode).toBe(200);
    expect((await get(member, `/api/v1/organizations/${ownCell}/members`)).statusCode).toBe(200);
    const list = (await get(member, '/api/v1/organizations')).json<{ items: Item[] }>().items;
    expect(list.map((o) => o.id)).toEqual([ownCell]);
  });

  it('reads its own full record but not a fellow member’s private record', async () => {
    expect((await get(member, `/api/v1/members/${member.me.account.memberId}`)).statusCode).toBe(200);
    const fellow = (await get(member, `/api/v1/organizations/${ownCell}/members`)).json<{ items: Item[] }>().items.find((x) => x.id !== member.me.account.memberId);
    expect((await get(member, `/api/v1/members/${fellow?.id}`)).statusCode).toBe(403);
  });

  it('can neither read nor change another cell, its superior, or another tree', async () => {
    for (const org of [siblingCell, superiorOrg, foreignCell, foreignRoot]) {
      for (const url of [`/api/v1/organizations/${org}`, `/api/v1/organizations/${org}/members`, `/api/v1/audit?organizationId=${org}`]) {
        const res = await get(member, url);
        expect([403, 404], url).toContain(res.statusCode);
      }
      expect([403, 404]).toContain((await send(member, 'POST', `/api/v1/organizations/${org}/members`, newMember)).statusCode);
      expect([403, 404]).toContain((await send(member, 'PATCH', `/api/v1/organizations/${org}`, { name: 'Đổi tên trái phép' })).statusCode);
    }
    for (const id of [siblingMember, foreignMember]) expect([403, 404]).toContain((await get(member, `/api/v1/members/${id}`)).statusCode);
  });

  it('cannot add members or rename even its own cell', async () => {
    expect((await send(member, 'POST', `/api/v1/organizations/${ownCell}/members`, newMember)).statusCode).toBe(403);
    expect((await send(member, 'PATCH', `/api/v1/organizations/${ownCell}`, { name: 'Tên mới của chi bộ' })).statusCode).toBe(403);
    expect((await get(member, `/api/v1/audit?organizationId=${ownCell}`)).statusCode).toBe(403);
  });
});

describe('a cell secretary', () => {
  it('manages its own cell only', async () => {
    expect((await send(secretary, 'POST', `/api/v1/organizations/${ownCell}/members`, newMember)).statusCode).toBe(201);
    expect((await get(secretary, `/api/v1/audit?organizationId=${ownCell}`)).statusCode).toBe(200);
    for (const org of [siblingCell, foreignCell]) {
      expect([403, 404]).toContain((await send(secretary, 'POST', `/api/v1/organizations/${org}/members`, newMember)).statusCode);
      expect([403, 404]).toContain((await get(secretary, `/api/v1/organizations/${org}/members`)).statusCode);
    }
    expect([403, 404]).toContain((await get(secretary, `/api/v1/members/${siblingMember}`)).statusCode);
  });

  it('the failed attempts changed nothing', async () => {
    const roster = (await get(superior, `/api/v1/organizations/${siblingCell}/members`)).json<{ items: { fullName: string }[] }>().items;
    expect(roster.map((x) => x.fullName)).not.toContain('Đảng Viên Lạ');
    const foreign = (await get(outsider, `/api/v1/organizations/${foreignCell}/members`)).json<{ items: Item[] }>().items;
    expect(foreign).toHaveLength(1);
  });
});

describe('a superior', () => {
  it('reaches every cell of its subtree', async () => {
    const list = (await get(superior, '/api/v1/organizations')).json<{ items: Item[] }>().items;
    expect(list.length).toBe(4);
    expect(list.map((o) => o.id)).not.toContain(foreignCell);
    expect((await get(superior, `/api/v1/members/${siblingMember}`)).statusCode).toBe(200);
    const created = await send(superior, 'POST', '/api/v1/organizations', { parentId: superiorOrg, kind: 'cell', name: 'Chi bộ Mới Thành Lập', cellType: 'administrative' });
    expect(created.statusCode).toBe(201);
    expect(created.json<{ timeZone: string }>().timeZone).toBe('Asia/Ho_Chi_Minh');
  });

  it('may only add kinds of organization that can stand under the parent', async () => {
    const underCell = await send(superior, 'POST', '/api/v1/organizations', { parentId: ownCell, kind: 'cell', name: 'Chi bộ trong chi bộ' });
    expect(underCell.statusCode).toBe(400);
    expect(underCell.json<{ message: string }>().message).toBe('Chi bộ không có tổ chức đảng trực thuộc.');
    const committee = await send(superior, 'POST', '/api/v1/organizations', { parentId: superiorOrg, kind: 'committee', name: 'Đảng bộ cấp trên đặt sai chỗ' });
    expect(committee.statusCode).toBe(400);
  });

  it('reaches nothing outside it, and the outsider nothing inside it', async () => {
    for (const url of [`/api/v1/organizations/${foreignCell}`, `/api/v1/organizations/${foreignCell}/members`, `/api/v1/members/${foreignMember}`, `/api/v1/audit?organizationId=${foreignRoot}`]) {
      expect((await get(superior, url)).statusCode, url).toBe(404);
    }
    // A foreign member answers exactly like a member that does not exist.
    const foreign = await get(superior, `/api/v1/members/${foreignMember}`);
    const missing = await get(superior, '/api/v1/members/00000000-0000-4000-8000-000000000000');
    expect(foreign.json()).toEqual(missing.json());
    expect((await send(superior, 'POST', '/api/v1/organizations', { parentId: foreignRoot, kind: 'cell', name: 'Chi bộ Xâm Nhập' })).statusCode).toBe(404);
    expect((await send(superior, 'PATCH', `/api/v1/organizations/${foreignCell}`, { name: 'Đổi tên trái phép' })).statusCode).toBe(404);
    for (const url of [`/api/v1/organizations/${ownCell}`, `/api/v1/organizations/${ownCell}/members`, `/api/v1/audit?organizationId=${superiorOrg}`]) {
      expect((await get(outsider, url)).statusCode, url).toBe(404);
    }
  });
});

describe('route walk as a caller from another tree', () => {
  it('every route that names an organization or a member answers 404 and changes nothing', async () => {
    const before = (await get(superior, `/api/v1/audit?organizationId=${superiorOrg}&limit=1`)).json<{ items: { seq: number }[] }>().items[0]?.seq;
    const targets = [superiorOrg, ownCell, siblingCell, siblingMember];
    const bodies: Record<string, object> = {
      'POST /api/v1/organizations': { parentId: superiorOrg, kind: 'cell', name: 'Chi bộ Xâm Nhập' },
      'PATCH /api/v1/organizations/:id': { name: 'Đổi tên trái phép' },
      'POST /api/v1/organizations/:id/members': { fullName: 'Đảng Viên Lạ', status: 'official', admittedOn: '2010-05-19', confirmedOn: '2011-05-19' },
      'POST /api/v1/organizations/:id/move': { parentId: superiorOrg },
      'POST /api/v1/organizations/:id/close': { decisionRef: 'Quyết định số 12-QĐ/ĐU' },
      'POST /api/v1/organizations/:id/member-imports': Buffer.from('Họ và tên\n'),
      'PUT /api/v1/member-imports/:id/choices': {},
      'POST /api/v1/member-imports/:id/commit': {},
      'PUT /api/v1/organizations/:id/settings': { probationAlertDays: 45 },
      'PATCH /api/v1/members/:id': { phone: '0912345678' },
      'PUT /api/v1/members/:id/history': { admittedOn: '2010-05-19', memberships: [{ organizationId: siblingCell, kind: 'official', from: '2010-05-19' }], statuses: [{ status: 'official', from: '2010-05-19' }], positions: [] },
      'POST /api/v1/members/:id/transfers': { toOrganizationId: ownCell, kind: 'official', from: '2026-01-01' },
      ...MEETING_ROUTE_BODIES,
    };
    let checked = 0;
    for (const r of t.app.apiRoutes) {
      const key = `${r.method} ${r.url}`;
      const takesTarget = r.url.includes(':id') || key === 'POST /api/v1/organizations' || r.url.endsWith('/audit');
      if (!takesTarget) continue;
      for (const id of targets) {
        const url = r.url.replace(':id', id) + (r.url.endsWith('/audit') ? `?organizationId=${id}` : '');
        const headers = Buffer.isBuffer(bodies[key]) ? { ...outsider.headers(), 'content-type': 'application/octet-stream' } : outsider.headers();
        const res = await t.app.inject({ method: r.method as 'GET', url, headers, payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : bodies[key] });
        expect(res.statusCode, `${key} on ${id}`).toBe(404);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20);
    const after = (await get(superior, `/api/v1/audit?organizationId=${superiorOrg}&limit=1`)).json<{ items: { seq: number }[] }>().items[0]?.seq;
    expect(after).toBe(before);
  });
});
