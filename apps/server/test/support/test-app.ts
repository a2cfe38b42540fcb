/**
 * A real app on a real database for one test file: PGlite (from the migrated template)
 * by default, or a fresh copy of the PostgreSQL template database under TEST_DATABASE_URL.
 */
import crypto from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { deliveryOf, loadConfig, type Config, type DeliverySettings } from '../../src/config/config.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { buildApp } from '../../src/app.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.ts';
import { systemClock, type Clock } from '../../src/lib/context.ts';
import { adminUrl, databaseUrlFor } from './pg-admin.ts';

export const backend = inject('pgTemplate') ? 'postgres' : 'pglite';

export interface TestDatabase {
  database: Database;
  url: string | undefined;
  drop(): Promise<void>;
}

/** A fresh, migrated, empty database; with `empty`, on PostgreSQL, not even migrated. */
export async function createTestDatabase(opts: { empty?: boolean } = {}): Promise<TestDatabase> {
  const template = inject('pgTemplate');
  if (!template) {
    const database = await openDatabase({ dataDir: 'memory://' });
    return { database, url: undefined, drop: () => database.close() };
  }
  const name = `chibo_test_${process.pid}_${process.ppid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(opts.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const url = databaseUrlFor(name);
  const database = await openDatabase({ databaseUrl: url, poolMax: 4, migrate: !opts.empty });
  return {
    database,
    url,
    drop: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: adminUrl() });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ LOG_LEVEL: 'silent' }), ...overrides };
}

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  /** How this app's notices go out (its configuration's). */
  delivery: DeliverySettings;
  /** Log in through the API; returns what later requests need. */
  login(username: string, password?: string): Promise<Session>;
  close(): Promise<void>;
}

export interface Session {
  cookie: string;
  csrf: string;
  me: MeLike;
  /** Headers for a request as this user (cookie, and the CSRF token for mutations). */
  headers(): Record<string, string>;
}

interface MeLike {
  account: { id: string; memberId: string | null };
  homeOrganizationId: string | null;
  grants: { organizationId: string; role: string }[];
  permissions: string[];
}

export async function createTestApp(opts: { seed?: boolean; config?: Partial<Config>; clock?: Clock } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  if (opts.seed !== false) await seedDemo(db.database.db, systemClock);
  const config = testConfig(opts.config);
  const app = await buildApp({ config, database: db.database, serveWeb: false, logger: false, clock: opts.clock });
  await app.ready();
  return {
    app,
    db,
    delivery: deliveryOf(config),
    login: (username, password = DEMO_PASSWORD) => loginAs(app, username, password),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

export function sessionCookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'chibo_session');
  if (!c) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return `chibo_session=${c.value}`;
}

export async function loginAs(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const me = res.json<MeLike & { csrfToken: string }>();
  const cookie = sessionCookieOf(res);
  return { cookie, csrf: me.csrfToken, me, headers: () => ({ cookie, 'x-csrf-token': me.csrfToken }) };
}
