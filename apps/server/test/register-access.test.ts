/**
 * Who may use each endpoint of the register (issue 3), for every kind of caller: a cell's own
 * secretary (cell_officer: reads and manages members of the cell, does not manage the
 * organization), the superior over each cell, a secretary of a sibling cell, a plain member.
 * Refused calls answer 403 (visible, not permitted) or 404 (not visible) and write nothing.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { HistoryInput, MemberDto } from '@chibo/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session, TestApp } from './support/test-app.ts';
import { expectRefused, historyBody, type DemoOrgs, type ErrorBody, openRegisterWorld, type client } from './support/register-fixtures.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let member: Session; // dangvien, Quỹ trợ vốn
let secretary: Session; // bithu, Quỹ trợ vốn
let superior: Session; // capuy
let o: DemoOrgs;

/** Per cell: a plain member of it, and the cell a temporary attachment from it goes to. */
interface Target {
  label: string;
  cell: string;
  member: string;
  history: HistoryInput;
  elsewhere: string;
}
let fund: Target;
let office: Target;
let inspection: Target;

beforeAll(async () => {
  ({ t, api, member, secretary, superior, o } = await openRegisterWorld());
  const target = async (label: string, cell: string, name: string, elsewhere: string): Promise<Target> => {
    const id = await api.memberId(superior, cell, name);
    return { label, cell, member: id, history: historyBody(await api.record(superior, id)), elsewhere };
  };
  fund = await target('Quỹ trợ vốn', o.fund.id, 'Bùi Đức Thắng', o.office.id);
  office = await target('Văn phòng', o.office.id, 'Trịnh Công Sơn', o.inspection.id);
  inspection = await target('Ban Tổ chức', o.inspection.id, 'Chu Văn Nam', o.fund.id);
});
afterAll(() => t.close());

interface Probe {
  route: string;
  call: (s: Session, x: Target) => Promise<LightMyRequestResponse>;
}
const DECISION = 'Quyết định số 15-QĐ/ĐU';
const probes: Probe[] = [
  { route: 'GET /api/v1/organizations/:id/members', call: (s, x) => api.get(s, `/api/v1/organizations/${x.cell}/members?on=2026-10-01`) },
  { route: 'GET /api/v1/organizations/:id/members/export', call: (s, x) => api.get(s, `/api/v1/organizations/${x.cell}/members/export?format=csv`) },
  { route: 'GET /api/v1/organizations/:id/leadership', call: (s, x) => api.get(s, `/api/v1/organizations/${x.cell}/leadership`) },
  { route: 'GET /api/v1/organizations/:id/probation', call: (s, x) => api.get(s, `/api/v1/organizations/${x.cell}/probation?on=2026-12-15`) },
  { route: 'GET /api/v1/organizations/:id/settings', call: (s, x) => api.get(s, `/api/v1/organizations/${x.cell}/settings`) },
  { route: 'PUT /api/v1/organizations/:id/settings', call: (s, x) => api.request(s, 'PUT', `/api/v1/organizations/${x.cell}/settings`, { probationAlertDays: 45 }) },
  // To its present parent: allowed, a no-op for whoever may move it.
  { route: 'POST /api/v1/organizations/:id/move', call: (s, x) => api.request(s, 'POST', `/api/v1/organizations/${x.cell}/move`, { parentId: o.committee.id }) },
  // Every demo cell has members: whoever may close it is told so (409), the others are refused.
  { route: 'POST /api/v1/organizations/:id/close', call: (s, x) => api.request(s, 'POST', `/api/v1/organizations/${x.cell}/close`, { decisionRef: DECISION }) },
  { route: 'GET /api/v1/members/:id', call: (s, x) => api.get(s, `/api/v1/members/${x.member}`) },
  { route: 'PUT /api/v1/members/:id/history', call: (s, x) => api.request(s, 'PUT', `/api/v1/members/${x.member}/history`, x.history) },
  {
    route: 'POST /api/v1/members/:id/transfers',
    call: (s, x) => api.request(s, 'POST', `/api/v1/members/${x.member}/transfers`, { toOrganizationId: x.elsewhere, kind: 'temporary', from: '2026-11-01', to: '2026-11-30' }),
  },
];

/** What the register's data looks like to the superior: changes anywhere show here. */
async function snapshot() {
  return {
    head: await api.auditHead(superior, o.committee.id),
    rolls: await Promise.all([o.fund, o.office, o.inspection].map((c) => api.roll(superior, c.id, 'on=2026-11-15'))),
    records: await Promise.all([fund, office, inspection].map((x) => api.record(superior, x.member))),
    settings: await Promise.all([o.fund, o.office, o.inspection].map(async (c) => (await api.get(superior, `/api/v1/organizations/${c.id}/settings`)).json<unknown>())),
    orgs: (await api.get(superior, '/api/v1/organizations')).json<unknown>(),
  };
}

it('the probes cover routes that exist', () => {
  const routes = new Set(t.app.apiRoutes.map((r) => `${r.method} ${r.url}`));
  for (const p of probes) expect(routes.has(p.route), p.route).toBe(true);
});

describe('refused callers change nothing', () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    before = await snapshot();
  });

  it('a secretary of a sibling cell: every endpoint on the other cells is 403 or 404', async () => {
    for (const x of [office, inspection]) {
      for (const p of probes) expectRefused(await p.call(secretary, { ...x, elsewhere: o.fund.id }), `${p.route} on ${x.label}`);
    }
  });

  it('a secretary cannot take a sibling cell’s member in, nor send their own out, nor read another cell’s member', async () => {
    expectRefused(await api.request(secretary, 'POST', `/api/v1/members/${office.member}/transfers`, { toOrganizationId: o.fund.id, kind: 'official', from: '2026-10-01' }), 'take in');
    expectRefused(await api.request(secretary, 'POST', `/api/v1/members/${fund.member}/transfers`, { toOrganizationId: o.office.id, kind: 'official', from: '2026-10-01' }), 'send out');
    expectRefused(await api.request(secretary, 'PUT', `/api/v1/members/${fund.member}/history`, { ...fund.history, memberships: [...fund.history.memberships, { organizationId: o.office.id, kind: 'temporary', from: '2026-11-01', to: '2026-11-30' }] }), 'history naming another cell');
    expectRefused(await api.get(secretary, `/api/v1/members/${inspection.member}`), 'read');
  });

  it('a secretary on the committee above: only what any member of the tree may not do is refused', async () => {
    for (const url of [`/api/v1/organizations/${o.committee.id}/members`, `/api/v1/organizations/${o.committee.id}/probation`, `/api/v1/organizations/${o.committee.id}/members/export?format=csv`]) {
      expectRefused(await api.get(secretary, url), url);
    }
    expectRefused(await api.request(secretary, 'PUT', `/api/v1/organizations/${o.committee.id}/settings`, { probationAlertDays: 45 }), 'committee settings');
  });

  it('a plain member: reads the roll, leadership and settings of their cell; nothing private, nothing changed', async () => {
    // 200: allowed; 403: the cell is theirs but the permission is not; the rest also need the committee or another cell (404).
    const expected: Record<string, number> = {
      'GET /api/v1/organizations/:id/members': 200,
      'GET /api/v1/organizations/:id/leadership': 200,
      'GET /api/v1/organizations/:id/settings': 200,
      'GET /api/v1/organizations/:id/members/export': 403,
      'GET /api/v1/organizations/:id/probation': 403,
      'PUT /api/v1/organizations/:id/settings': 403,
      'GET /api/v1/members/:id': 403,
      'PUT /api/v1/members/:id/history': 403,
    };
    const own = { ...fund, member: await api.memberId(member, o.fund.id, 'Đặng Quốc Bảo') };
    own.history = historyBody(await api.record(superior, own.member));
    for (const p of probes) {
      const res = await p.call(member, own);
      const label = `${p.route}: ${res.statusCode} ${res.body.slice(0, 200)}`;
      const status = expected[p.route];
      if (status === undefined) expectRefused(res, label);
      else expect(res.statusCode, label).toBe(status);
    }
    // Their own record they may read, but not rewrite.
    const self = member.me.account.memberId ?? '';
    expect((await api.get(member, `/api/v1/members/${self}`)).statusCode).toBe(200);
    const mine = historyBody(await api.record(member, self));
    expect((await api.request(member, 'PUT', `/api/v1/members/${self}/history`, mine)).statusCode).toBe(403);
    expect((await api.request(member, 'POST', `/api/v1/members/${self}/transfers`, { toOrganizationId: o.office.id, kind: 'temporary', from: '2026-11-01' })).statusCode).toBe(404);
    for (const x of [office, inspection]) for (const p of probes) expectRefused(await p.call(member, x), `member: ${p.route} on ${x.label}`);
  });

  it('after all the refused calls: the audit head, the rolls, the records, the settings and the tree are as before', async () => {
    expect(await snapshot()).toEqual(before);
  });
});

describe('allowed callers', () => {
  it('the cell’s own secretary: reads everything of the cell and manages its members, not the organization', async () => {
    const expected: Record<string, number> = {
      'GET /api/v1/organizations/:id/members': 200,
      'GET /api/v1/organizations/:id/members/export': 200,
      'GET /api/v1/organizations/:id/leadership': 200,
      'GET /api/v1/organizations/:id/probation': 200,
      'GET /api/v1/organizations/:id/settings': 200,
      'PUT /api/v1/organizations/:id/settings': 403,
      'GET /api/v1/members/:id': 200,
      'PUT /api/v1/members/:id/history': 200,
    };
    for (const p of probes) {
      const res = await p.call(secretary, { ...fund, elsewhere: o.fund.id });
      const label = `${p.route}: ${res.statusCode} ${res.body.slice(0, 200)}`;
      if (p.route === 'POST /api/v1/organizations/:id/move' || p.route === 'POST /api/v1/organizations/:id/close') expectRefused(res, label);
      else if (p.route === 'POST /api/v1/members/:id/transfers') {
        // Authorized on both ends (its own cell): refused only because it is the member's own cell.
        expect(res.statusCode, label).toBe(422);
        expect(res.json<ErrorBody>().error).toBe('history_invalid');
      } else expect(res.statusCode, label).toBe(expected[p.route]);
    }
    expect((await api.get(secretary, `/api/v1/audit?organizationId=${o.fund.id}&limit=1`)).json<{ items: { action: string }[] }>().items[0]?.action).toBe('member.history_changed');
  });

  it('the superior: every endpoint on every cell below it', async () => {
    for (const x of [fund, office, inspection]) {
      for (const p of probes) {
        const res = await p.call(superior, x);
        const label = `${p.route} on ${x.label}: ${res.statusCode} ${res.body.slice(0, 200)}`;
        if (p.route === 'POST /api/v1/organizations/:id/close') {
          expect(res.statusCode, label).toBe(409);
          expect(res.json<ErrorBody>().error, label).toBe('organization_not_empty');
        } else expect(res.statusCode, label).toBe(200);
      }
      expect((await api.get(superior, `/api/v1/organizations/${x.cell}/settings`)).json<{ own: unknown }>().own).toEqual({ probationAlertDays: 45 });
      const guest = (await api.roll(superior, x.elsewhere, 'on=2026-11-15')).find((m) => m.id === x.member);
      expect(guest?.attachment, x.label).toBe('temporary');
    }
    for (const url of [`/api/v1/organizations/${o.committee.id}/members`, `/api/v1/organizations/${o.committee.id}/probation`, `/api/v1/organizations/${o.committee.id}/members/export?format=xlsx`, `/api/v1/organizations/${o.committee.id}/settings`]) {
      expect((await api.get(superior, url)).statusCode, url).toBe(200);
    }
  });
});

describe('a secretary rewriting a member’s history stays inside the cells they manage', () => {
  // Vũ Hoàng Anh: Văn phòng 2015-05-19..2024-08-31, then Quỹ trợ vốn. His record is Quỹ trợ vốn's,
  // so its secretary edits it; the Văn phòng periods are that cell's register, which they do not manage.
  let anh: string;
  let body: HistoryInput;
  beforeAll(async () => {
    anh = await api.memberId(secretary, o.fund.id, 'Vũ Hoàng Anh');
  });

  async function attempt(edit: (b: HistoryInput) => void): Promise<{ res: LightMyRequestResponse; before: MemberDto; head: number }> {
    const before = await api.record(superior, anh);
    body = historyBody(before);
    edit(body);
    const head = await api.auditHead(superior, o.committee.id);
    return { res: await api.request(secretary, 'PUT', `/api/v1/members/${anh}/history`, body), before, head };
  }

  it('cannot change his time in the Văn phòng cell (that cell’s past roll)', async () => {
    const { res, before, head } = await attempt((b) => {
      b.memberships = [
        { organizationId: o.office.id, kind: 'official', from: '2015-05-19', to: '2024-12-31' },
        { organizationId: o.fund.id, kind: 'official', from: '2025-01-01', to: null },
      ];
    });
    expectRefused(res, 'extend the Văn phòng period');
    expect(await api.record(superior, anh)).toEqual(before);
    expect((await api.roll(superior, o.office.id, 'on=2024-10-01')).map((m) => m.id)).not.toContain(anh);
    expect(await api.auditHead(superior, o.committee.id)).toBe(head);
  });

  it('cannot give him a post in the Văn phòng cell', async () => {
    const { res, before } = await attempt((b) => b.positions.push({ organizationId: o.office.id, position: 'secretary', from: '2016-01-01', to: '2020-12-31' }));
    expectRefused(res, 'post in Văn phòng');
    expect(await api.record(superior, anh)).toEqual(before);
    expect((await api.roll(superior, o.office.id, 'on=2018-01-01&position=secretary')).map((m) => m.fullName)).toEqual(['Hà Văn Khánh']);
  });

  it('cannot move him into the Văn phòng cell by rewriting his attachments (a transfer they may not make)', async () => {
    const { res, before } = await attempt((b) => {
      b.memberships = [{ organizationId: o.office.id, kind: 'official', from: '2015-05-19', to: null }];
    });
    expectRefused(res, 'move into Văn phòng');
    expect(await api.record(superior, anh)).toEqual(before);
    expect((await api.roll(superior, o.office.id)).map((m) => m.id)).not.toContain(anh);
  });
});
