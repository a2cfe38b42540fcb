/**
 * Once per test run: the pre-migrated PGlite template, and — when TEST_DATABASE_URL names
 * a PostgreSQL server — a migrated template database that each test file copies.
 */
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { prepareTemplate } from '../src/db/template.ts';
import { openDatabase } from '../src/db/client.ts';
import { adminUrl, databaseUrlFor } from './support/pg-admin.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string | null;
  }
}

export default async function setup(project: TestProject) {
  await prepareTemplate();
  const admin = adminUrl();
  if (!admin) {
    project.provide('pgTemplate', null);
    return;
  }
  const template = `chibo_test_tpl_${process.pid}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${template}`);
  await client.query(`CREATE DATABASE ${template}`);
  const db = await openDatabase({ databaseUrl: databaseUrlFor(template) });
  await db.close();
  project.provide('pgTemplate', template);
  return async () => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`chibo_test_%${process.pid}%`],
    );
    for (const r of rows) await client.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    await client.end();
  };
}
