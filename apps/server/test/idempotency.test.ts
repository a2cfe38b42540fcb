import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from './support/test-app.ts';

let t: TestApp;
let s: Session;
let cell: string;
beforeAll(async () => {
  t = await createTestApp();
  s = await t.login('bithu');
  cell = s.me.homeOrganizationId ?? '';
});
afterAll(() => t.close());

const add = (fullName: string, key?: string, session = s) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/organizations/${cell}/members`,
    headers: { ...session.headers(), ...(key ? { 'idempotency-key': key } : {}) },
    payload: { fullName, status: 'official', admittedOn: '2010-05-19', confirmedOn: '2011-05-19' },
  });
const roster = async () =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/organizations/${cell}/members`, headers: s.headers() })).json<{ items: { fullName: string }[] }>().items.map((m) => m.fullName);

describe('Idempotency-Key', () => {
  it('a retried POST with the same key records once and answers the same', async () => {
    const first = await add('Hà Thị Gấm', 'them-dang-vien-0001');
    const again = await add('Hà Thị Gấm', 'them-dang-vien-0001');
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await roster()).filter((n) => n === 'Hà Thị Gấm')).toHaveLength(1);
  });

  it('two requests with one key at the same time record once', async () => {
    const results = await Promise.all([add('Thân Văn Nhất', 'them-dang-vien-0003'), add('Thân Văn Nhất', 'them-dang-vien-0003'), add('Thân Văn Nhất', 'them-dang-vien-0003')]);
    for (const r of results) expect([201, 409]).toContain(r.statusCode);
    expect(results.filter((r) => r.statusCode === 201).length).toBeGreaterThanOrEqual(1);
    expect((await roster()).filter((n) => n === 'Thân Văn Nhất')).toHaveLength(1);
  });

  it('without a key, each POST records', async () => {
    await add('Mẫn Văn Tiến');
    await add('Mẫn Văn Tiến');
    expect((await roster()).filter((n) => n === 'Mẫn Văn Tiến')).toHaveLength(2);
  });

  it('the same key with another request is refused and records nothing', async () => {
    await add('Lục Thị Vân', 'them-dang-vien-0002');
    const other = await add('Người Khác Hẳn', 'them-dang-vien-0002');
    expect(other.statusCode).toBe(409);
    expect(other.json<{ error: string }>().error).toBe('idempotency_key_reused');
    expect(await roster()).not.toContain('Người Khác Hẳn');
  });

  it('keys belong to an account: another user with the same key is not replayed', async () => {
    const admin = await t.login('quantri');
    const theirs = await add('Giáp Văn Hùng', 'them-dang-vien-0001', admin);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('a refused request is replayed as refused, and a malformed key is a 400', async () => {
    const bad = await t.app.inject({ method: 'POST', url: `/api/v1/organizations/${cell}/members`, headers: { ...s.headers(), 'idempotency-key': 'ngắn' }, payload: { fullName: 'Tăng Văn Lực', status: 'official', admittedOn: '2010-05-19', confirmedOn: '2011-05-19' } });
    expect(bad.statusCode).toBe(400);
    expect(await roster()).not.toContain('Tăng Văn Lực');
  });
});
