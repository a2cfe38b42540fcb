/** /healthz tells that the process runs, /readyz that its database answers: a down database must not take /healthz with it. */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { Database, Db } from '../src/db/client.ts';
import { testConfig } from './support/test-app.ts';

function downDatabase(): Database {
  const fail = () => {
    throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
  };
  // Any use of the query builder fails, as with a database server that is gone.
  const db = new Proxy({}, { get: fail }) as Db;
  return { db, mode: 'server', flush: () => undefined, ping: () => Promise.reject(new Error('connect ECONNREFUSED')), close: () => Promise.resolve() };
}

describe('health with the database down', () => {
  it('/healthz answers 200, even to a request with a session cookie; /readyz answers a coded 503; the API a coded 500 without internals', async () => {
    const app = await buildApp({ config: testConfig(), database: downDatabase(), serveWeb: false, logger: false });
    try {
      const health = await app.inject({ method: 'GET', url: '/healthz', headers: { cookie: 'chibo_session=some-token' } });
      expect(health.statusCode).toBe(200);
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ error: 'not_ready', message: 'Cơ sở dữ liệu không truy cập được.' });
      const api = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: 'chibo_session=some-token' } });
      expect(api.statusCode).toBe(500);
      expect(api.json()).toEqual({ error: 'internal_error', message: 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau.' });
      expect(api.body).not.toContain('ECONNREFUSED');
    } finally {
      await app.close();
    }
  });
});
