/**
 * Walks every registered /api/v1 route: each must refuse an anonymous caller (unless it
 * is declared public), and bad input of every kind must get a 4xx with a code, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from './support/test-app.ts';
import { MEETING_ROUTE_BODIES, UPLOAD_ROUTES } from './support/meeting-route-bodies.ts';

let t: TestApp;
let admin: Session;
let cellId: string;
beforeAll(async () => {
  t = await createTestApp({ config: { loginRatePerMinute: 10_000, bodyLimitBytes: 64 * 1024 } });
  admin = await t.login('quantri');
  cellId = (await t.login('bithu')).me.homeOrganizationId ?? '';
});
afterAll(() => t.close());

const fill = (url: string, id: string) => url.replace(/:[a-zA-Z]+/g, id);

describe('route walk', () => {
  it('knows the routes (the walk is not empty)', () => {
    expect(t.app.apiRoutes.length).toBeGreaterThanOrEqual(10);
    expect(t.app.apiRoutes.filter((r) => r.authz === 'public').map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/v1/auth/login', 'GET /api/v1/calendar/:token']);
  });

  it('every non-public route refuses an anonymous caller with 401', async () => {
    for (const r of t.app.apiRoutes.filter((x) => x.authz !== 'public')) {
      const res = await t.app.inject({ method: r.method as 'GET', url: fill(r.url, cellId) + (r.url.endsWith('/audit') ? `?organizationId=${cellId}` : ''), payload: r.method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json<{ error: string }>().error, `${r.method} ${r.url}`).toBe('unauthenticated');
    }
  });

  const badBodies: { name: string; payload: string; contentType: string; expected: string[] }[] = [
    { name: 'malformed JSON', payload: '{"fullName": ', contentType: 'application/json', expected: ['invalid_json', 'validation_failed'] },
    { name: 'wrong types', payload: JSON.stringify({ fullName: 12, status: true, name: [], login: 1, password: {}, parentId: 5, kind: 9, currentPassword: 1, newPassword: 2 }), contentType: 'application/json', expected: ['validation_failed'] },
    { name: 'missing fields', payload: '{}', contentType: 'application/json', expected: ['validation_failed'] },
    { name: 'unknown fields', payload: JSON.stringify({ hacker: true }), contentType: 'application/json', expected: ['validation_failed'] },
    { name: 'a JSON array', payload: '[1,2,3]', contentType: 'application/json', expected: ['validation_failed'] },
    { name: 'null', payload: 'null', contentType: 'application/json', expected: ['validation_failed', 'invalid_json'] },
    { name: 'an oversized body', payload: JSON.stringify({ fullName: 'x'.repeat(100 * 1024) }), contentType: 'application/json', expected: ['payload_too_large'] },
    { name: 'a NUL byte', payload: JSON.stringify({ login: 'a\u0000b', password: 'x\u0000', fullName: 'Nguyễn\u0000A', status: 'official', admittedOn: '2010-05-19', confirmedOn: '2011-05-19', name: 'Chi bộ\u0000', parentId: '00000000-0000-4000-8000-000000000000', kind: 'cell', currentPassword: 'x\u0000', newPassword: 'abcdefgh\u0000' }), contentType: 'application/json', expected: ['validation_failed'] },
    { name: 'a lone surrogate', payload: '{"login":"\\ud800","password":"\\udc00x","fullName":"Nguy\\ud800n","status":"official","name":"Chi b\\ud800","parentId":"00000000-0000-4000-8000-000000000000","kind":"cell","currentPassword":"\\ud800","newPassword":"abcdefgh\\udc00"}', contentType: 'application/json', expected: ['validation_failed'] },
    { name: 'dates out of range', payload: JSON.stringify({ fullName: 'Nguyễn Văn Bình', status: 'official', confirmedOn: '2011-05-19', birthDate: '0000-01-01', admittedOn: '99999-01-01' }), contentType: 'application/json', expected: ['validation_failed'] },
    { name: 'an unsupported content type', payload: '<x/>', contentType: 'application/xml', expected: ['unsupported_media_type'] },
  ];

  // Every field of these bodies is optional: `{}` is a valid request there.
  const noRequiredFields = new Set(['PUT /api/v1/organizations/:id/settings', 'PUT /api/v1/member-imports/:id/choices', 'POST /api/v1/member-imports/:id/commit', 'POST /api/v1/notices/:id/read', 'POST /api/v1/me/calendar-feed', 'POST /api/v1/papers/:id/withdraw']);

  for (const bad of badBodies) {
    it(`every mutating route answers ${bad.name} with a 4xx code`, async () => {
      // DELETE takes no body; an upload reads bytes (a JSON body is the wrong type, or fails its query).
      for (const r of t.app.apiRoutes.filter((x) => x.method !== 'GET' && x.method !== 'DELETE' && !x.url.endsWith('/logout'))) {
        const key = `${r.method} ${r.url}`;
        if (bad.name === 'missing fields' && noRequiredFields.has(key)) continue;
        const expected = UPLOAD_ROUTES.has(key) ? ['unsupported_media_type', 'validation_failed', ...bad.expected] : bad.expected;
        const res = await t.app.inject({
          method: r.method as 'POST',
          url: fill(r.url, cellId),
          headers: { ...admin.headers(), 'content-type': bad.contentType },
          payload: bad.payload,
        });
        const label = `${r.method} ${r.url} with ${bad.name}: ${res.statusCode} ${res.body.slice(0, 200)}`;
        expect(res.statusCode, label).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, label).toBeLessThan(500);
        const body = res.json<{ error: string; message: string }>();
        expect(expected, label).toContain(body.error);
        expect(body.message.length, label).toBeGreaterThan(5);
      }
    });
  }

  it('every route with an id answers a malformed id with 400, and an unknown id with 404', async () => {
    const valid: Record<string, object> = {
      'PATCH /api/v1/organizations/:id': { name: 'Chi bộ thử' },
      'PATCH /api/v1/members/:id': { phone: '0912345678' },
      'POST /api/v1/organizations/:id/move': { parentId: cellId },
      'POST /api/v1/organizations/:id/close': { decisionRef: 'Quyết định số 12-QĐ/ĐU' },
      'PUT /api/v1/organizations/:id/settings': { probationAlertDays: 45 },
      'PUT /api/v1/members/:id/history': { admittedOn: '2010-05-19', memberships: [{ organizationId: cellId, kind: 'official', from: '2010-05-19' }], statuses: [{ status: 'official', from: '2010-05-19' }], positions: [] },
      'POST /api/v1/members/:id/transfers': { toOrganizationId: cellId, kind: 'temporary', from: '2026-01-01' },
      'PUT /api/v1/member-imports/:id/choices': {},
      'POST /api/v1/member-imports/:id/commit': {},
      'POST /api/v1/organizations/:id/member-imports': Buffer.from('Họ và tên\n'),
      ...MEETING_ROUTE_BODIES,
    };
    for (const r of t.app.apiRoutes.filter((x) => x.url.includes(':id'))) {
      const key = `${r.method} ${r.url}`;
      const payload = r.method === 'GET' || r.method === 'DELETE' ? undefined : (valid[key] ?? { fullName: 'Nguyễn Văn A', status: 'official', admittedOn: '2010-05-19', confirmedOn: '2011-05-19' });
      const headers = UPLOAD_ROUTES.has(key) ? { ...admin.headers(), 'content-type': 'application/octet-stream' } : admin.headers();
      const bad = await t.app.inject({ method: r.method as 'GET', url: fill(r.url, 'not-a-uuid'), headers, payload });
      expect(bad.statusCode, `${r.method} ${r.url}`).toBe(400);
      expect(bad.json<{ error: string }>().error).toBe('validation_failed');
      const unknown = await t.app.inject({ method: r.method as 'GET', url: fill(r.url, '00000000-0000-4000-8000-000000000000'), headers, payload });
      expect(unknown.statusCode, `${r.method} ${r.url}`).toBe(404);
    }
  });

  it('bad query strings get 400', async () => {
    for (const q of ['', '?organizationId=x', `?organizationId=${cellId}&limit=abc`, `?organizationId=${cellId}&limit=100000`]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit${q}`, headers: admin.headers() });
      expect(res.statusCode, q).toBe(400);
    }
  });

  it('validation messages are Vietnamese', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/organizations/${cellId}/members`, headers: admin.headers(), payload: { fullName: 'A', status: 'official', admittedOn: '2010-05-19', confirmedOn: '2011-05-19' } });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toContain('Cần ít nhất 2 ký tự');
  });

  it('an unknown path is a coded 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/khong-co' });
    expect(res.statusCode).toBe(404);
    expect(res.json<{ error: string }>().error).toBe('not_found');
  });

  it('publishes the OpenAPI document with every route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ paths: Record<string, unknown> }>();
    for (const r of t.app.apiRoutes) expect(Object.keys(doc.paths)).toContain(r.url.replace(/:([a-zA-Z]+)/g, '{$1}'));
  });

  it('health and readiness', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
  });
});

describe('with the web app served', () => {
  it('serves the SPA for client routes and a coded 404 JSON for unknown API paths', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { buildApp } = await import('../src/app.ts');
    const { testConfig } = await import('./support/test-app.ts');
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-dist-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Chi bộ số</title>');
    const app = await buildApp({ config: testConfig({ webDist: dist }), database: t.db.database, logger: false });
    try {
      const page = await app.inject({ method: 'GET', url: '/to-chuc/abc' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('Chi bộ số');
      const api = await app.inject({ method: 'GET', url: '/api/v1/khong-co' });
      expect(api.statusCode).toBe(404);
      expect(api.json<{ error: string }>().error).toBe('not_found');
      expect((await app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    } finally {
      await app.close();
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});

describe('validation details', () => {
  it('name the failing field so a form can place the message', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/organizations/${cellId}/members`, headers: admin.headers(), payload: { fullName: 'Nguyễn Văn Bình', status: 'official', admittedOn: '2010-05-19', confirmedOn: '2011-05-19', email: 'khong-phai-email' } });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ details: { issues: { path: string; message: string }[] } }>();
    expect(body.details.issues[0]).toEqual({ path: 'email', message: 'Địa chỉ thư điện tử không hợp lệ.' });
  });
});

describe('text the database cannot store', () => {
  const cases: [string, string, string][] = [
    ['POST', '/api/v1/auth/login', '{"login":"bithu\\u0000","password":"ChiBo@2026"}'],
    ['POST', '/api/v1/auth/login', '{"login":"\\ud800","password":"x"}'],
    ['POST', 'MEMBERS', '{"fullName":"Nguyễn\\u0000Văn","status":"official"}'],
    ['POST', 'MEMBERS', '{"fullName":"Nguyễn Văn Bình","status":"official","birthDate":"0000-01-01"}'],
    ['PATCH', 'CELL', '{"name":"Chi bộ \\ud800 mới"}'],
    ['PATCH', 'CELL', '{"name":"Chi bộ \\u0007 mới"}'],
  ];
  it.each(cases)('%s %s %s → 400, nothing stored', async (method, target, payload) => {
    const url = target === 'MEMBERS' ? `/api/v1/organizations/${cellId}/members` : target === 'CELL' ? `/api/v1/organizations/${cellId}` : target;
    const before = (await t.app.inject({ method: 'GET', url: `/api/v1/audit?organizationId=${cellId}&limit=1`, headers: admin.headers() })).json<{ items: { seq: number }[] }>().items[0]?.seq;
    const res = await t.app.inject({ method: method as 'POST', url, headers: { ...admin.headers(), 'content-type': 'application/json' }, payload });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<{ error: string }>().error).toBe('validation_failed');
    const after = (await t.app.inject({ method: 'GET', url: `/api/v1/audit?organizationId=${cellId}&limit=1`, headers: admin.headers() })).json<{ items: { seq: number }[] }>().items[0]?.seq;
    expect(after).toBe(before);
  });
});

describe('member dates', () => {
  it.each([
    [{ fullName: 'Lý Thị Hồng', status: 'probationary', admittedOn: '2026-03-26', confirmedOn: '2027-03-26' }, 'confirmedOn', 'Đảng viên dự bị chưa có ngày chính thức: bỏ ngày này hoặc chọn loại chính thức.'],
    [{ fullName: 'Lý Thị Hồng', status: 'official', admittedOn: '2015-05-19', confirmedOn: '2014-05-19' }, 'confirmedOn', 'Ngày chính thức phải sau ngày vào Đảng.'],
    [{ fullName: 'Lý Thị Hồng', status: 'official', admittedOn: '2015-05-19' }, 'confirmedOn', 'Đảng viên chính thức cần có ngày chính thức (ngày được công nhận).'],
  ])('%j is refused on %s, in Vietnamese', async (payload, field, message) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/organizations/${cellId}/members`, headers: admin.headers(), payload });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ details: { issues: { path: string; message: string }[] } }>().details.issues).toEqual([{ path: field, message }]);
  });
});
