/**
 * What the schema-driven pass (fuzz-pass.test.ts) relies on: the OpenAPI document is complete
 * — a maxLength on every string a client sends, a request body on every POST/PUT/PATCH (the
 * uploads' bytes included), the files the downloads answer, the refusals each operation can
 * give — and Fastify's own refusals are `{ error, message }` in Vietnamese, logged like ours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { systemClock } from '../src/lib/context.ts';
import { createTestDatabase, loginAs, testConfig, type Session, type TestDatabase } from './support/test-app.ts';
import { ContractChecker, errorShapeProblems, type OpenApiDocument, type Operation } from './support/fuzz-check.ts';
import type { JsonSchema } from './support/fuzz-inputs.ts';

let db: TestDatabase;
let app: FastifyInstance;
let ops: Operation[];
let doc: OpenApiDocument;
let admin: Session;
const lines: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemo(db.database.db, systemClock);
  app = await buildApp({ config: testConfig({ logLevel: 'info', bodyLimitBytes: 64 * 1024 }), database: db.database, serveWeb: false, logStream: { write: (l) => void lines.push(l) } });
  await app.ready();
  doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json<OpenApiDocument>();
  ops = new ContractChecker(doc).operations;
  admin = await loginAs(app, 'quantri');
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

const keyOf = (op: Operation) => `${op.method} ${op.path}`;
const op = (key: string) => {
  const found = ops.find((o) => keyOf(o) === key);
  if (!found) throw new Error(`no operation ${key}`);
  return found;
};

/** Every string schema under `s` with no maxLength, by path (an enum bounds itself; a file is bounded in bytes). */
function unboundedStrings(s: JsonSchema | undefined, at: string): string[] {
  if (!s) return [];
  const here = s.type === 'string' && s.maxLength === undefined && !s.enum && s.format !== 'binary' ? [at] : [];
  const props = Object.entries(s.properties ?? {}).flatMap(([k, v]) => unboundedStrings(v, `${at}.${k}`));
  const extra = typeof s.additionalProperties === 'object' ? unboundedStrings(s.additionalProperties, `${at}.*`) : [];
  const branches = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])].flatMap((b, i) => unboundedStrings(b, `${at}|${i}`));
  return [...here, ...props, ...extra, ...branches, ...unboundedStrings(s.items, `${at}[]`)];
}

describe('the OpenAPI document', () => {
  it('bounds every string a client sends: bodies, queries and path parameters', () => {
    const unbounded = ops.flatMap((o) => [
      ...o.parameters.flatMap((p) => unboundedStrings(p.schema, `${keyOf(o)} ${p.in}:${p.name}`)),
      ...Object.entries(o.requestBody?.content ?? {}).flatMap(([type, m]) => unboundedStrings(m.schema, `${keyOf(o)} body(${type})`)),
    ]);
    expect(unboundedStrings({ type: 'object', properties: { a: { type: 'string' } } }, 'x')).toEqual(['x.a']);
    expect(unbounded).toEqual([]);
  });

  it('declares a request body on every POST, PUT and PATCH; an upload’s is the file’s bytes', () => {
    expect(ops.filter((o) => ['POST', 'PUT', 'PATCH'].includes(o.method) && !o.requestBody).map(keyOf)).toEqual([]);
    const binary = { type: 'string', format: 'binary' };
    expect(op('POST /api/v1/meetings/{id}/documents').requestBody?.content).toEqual({ 'application/octet-stream': { schema: binary } });
    expect(op('POST /api/v1/papers/{id}/file').requestBody?.content).toEqual({ 'application/octet-stream': { schema: binary } });
    expect(Object.keys(op('POST /api/v1/organizations/{id}/member-imports').requestBody?.content ?? {})).toEqual([
      'application/octet-stream',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
  });

  it('declares what each download answers: its files’ media types and its refusals', () => {
    const mediaOf = (key: string) => Object.keys(op(key).responses['200']?.content ?? {});
    expect(mediaOf('GET /api/v1/documents/{id}/content')).toContain('application/pdf');
    expect(mediaOf('GET /api/v1/papers/{id}/file')).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(mediaOf('GET /api/v1/organizations/{id}/members/export')).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv; charset=utf-8']);
    expect(mediaOf('GET /api/v1/calendar/{token}')).toEqual(['text/calendar; charset=utf-8']);
    for (const key of ['GET /api/v1/documents/{id}/content', 'GET /api/v1/papers/{id}/file', 'GET /api/v1/organizations/{id}/members/export']) {
      expect(Object.keys(op(key).responses), key).toEqual(expect.arrayContaining(['400', '401', '403', '404', '500']));
    }
    expect(Object.keys(op('GET /api/v1/calendar/{token}').responses).sort()).toEqual(['200', '400', '404', '429', '500']);
  });

  it('declares the refusals an operation’s shape implies', () => {
    const session = new Set(app.apiRoutes.filter((r) => r.authz === 'session').map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`));
    for (const o of ops) {
      const declared = Object.keys(o.responses);
      const takesInput = o.parameters.length > 0 || o.requestBody !== undefined;
      const mutation = o.method !== 'GET';
      const expected = [
        ...(takesInput || mutation ? ['400'] : []),
        ...(session.has(keyOf(o)) ? ['401', ...(mutation ? ['403'] : [])] : []),
        ...(o.method === 'POST' ? ['409'] : []),
        ...(mutation ? ['413', '415'] : []),
        '500',
      ];
      expect(declared, keyOf(o)).toEqual(expect.arrayContaining(expected));
    }
    expect(Object.keys(op('POST /api/v1/auth/login').responses)).toEqual(expect.arrayContaining(['401', '403', '429']));
    expect(Object.keys(op('DELETE /api/v1/documents/{id}').responses['204'] ?? {})).toEqual(['description']);
  });

  it('says where null is allowed in a way validators read: in the enum, on every branch', () => {
    const wrong: string[] = [];
    const walk = (v: unknown, at: string) => {
      if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${at}[${i}]`));
      if (typeof v !== 'object' || v === null) return;
      const s = v as JsonSchema;
      if (s.nullable === true && s.enum && !s.enum.includes(null)) wrong.push(`${at}: a nullable enum without null`);
      if (s.nullable === true && s.type === undefined) wrong.push(`${at}: nullable without a type`);
      for (const [k, x] of Object.entries(v)) walk(x, `${at}.${k}`);
    };
    walk(doc.paths, 'paths');
    expect(wrong).toEqual([]);
    const summary = op('GET /api/v1/organizations/{id}/members').responses['200']?.content?.['application/json']?.schema;
    expect(summary?.properties?.items?.items?.properties?.gender?.enum).toContain(null);
  });
});

describe('Fastify’s own refusals are ours', () => {
  const refused = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === 'request.refused');

  it.each([
    ['a malformed percent-encoding in an id', '/api/v1/organizations/%E0%A4%A', 'Đường dẫn không hợp lệ: có dấu % không đi kèm mã ký tự đúng.'],
    ['a lone percent sign', '/api/v1/members/%', 'Đường dẫn không hợp lệ: có dấu % không đi kèm mã ký tự đúng.'],
    ['a 300-character id', `/api/v1/organizations/${'a'.repeat(300)}`, 'Đường dẫn không hợp lệ: một phần của đường dẫn quá dài.'],
  ])('%s answers 400 validation_failed, signed in or not', async (_name, url, message) => {
    for (const headers of [{}, admin.headers()]) {
      const res = await app.inject({ method: 'GET', url, headers });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toEqual({ error: 'validation_failed', message });
    }
  });

  it('logs such a refusal once, without a calendar feed’s secret', async () => {
    const secret = 'Zx9'.repeat(14);
    const res = await app.inject({ method: 'GET', url: `/api/v1/calendar/${secret}%E0%A4%A`, remoteAddress: '192.0.2.77' });
    expect(res.statusCode).toBe(400);
    expect(refused().filter((l) => l.ip === '192.0.2.77')).toEqual([expect.objectContaining({ status: 400, code: 'validation_failed', route: '/api/v1/calendar/:token', method: 'GET' })]);
    expect(lines.join('\n')).not.toContain(secret);
  });

  it.each([
    ['an unknown route', 'GET', '/api/v1/khong-co', undefined, undefined, 404, 'Không có đường dẫn GET /api/v1/khong-co.'],
    ['OPTIONS, which no route takes', 'OPTIONS', '/api/v1/organizations', undefined, undefined, 404, 'Không có đường dẫn OPTIONS /api/v1/organizations.'],
    ['a method the route does not take', 'PUT', '/api/v1/me', '{}', 'application/json', 404, 'Không có đường dẫn PUT /api/v1/me.'],
    ['a Content-Length that is not the body’s', 'POST', '/api/v1/organizations', '{"a":1,"b":2}', 'application/json', 400, 'Độ dài khai báo (Content-Length) không khớp với nội dung gửi lên.'],
    ['an unsupported media type', 'POST', '/api/v1/organizations', '<a/>', 'application/xml', 415, 'Định dạng nội dung không được hỗ trợ.'],
    ['a body past the limit', 'POST', '/api/v1/organizations', JSON.stringify({ name: 'x'.repeat(70_000) }), 'application/json', 413, 'Nội dung gửi lên quá lớn.'],
    ['JSON nested 30,000 deep', 'POST', '/api/v1/organizations', '['.repeat(30_000) + ']'.repeat(30_000), 'application/json', 400, 'Dữ liệu không hợp lệ: Đầu vào không hợp lệ: mong đợi object, nhận được mảng'],
    ['an empty JSON body', 'POST', '/api/v1/organizations', '', 'application/json', 400, 'Nội dung gửi lên rỗng dù khai báo là JSON.'],
  ])('%s: %s %s answers %i with a Vietnamese message', async (name, method, url, payload, contentType, status, message) => {
    const headers: Record<string, string> = { ...admin.headers(), ...(contentType ? { 'content-type': contentType } : {}) };
    if (name.startsWith('a Content-Length')) headers['content-length'] = '5';
    const res = await app.inject({ method: method as 'GET', url, headers, payload });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json<{ message: string }>().message).toBe(message);
    expect(errorShapeProblems(res.body, String(res.headers['content-type']))).toEqual([]);
  });
});
