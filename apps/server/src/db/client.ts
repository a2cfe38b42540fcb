/**
 * One schema, two drivers (ADR 0001). With no DATABASE_URL: PGlite (WASM PostgreSQL) in
 * `<dataDir>/pgdata`, locked against a second process and with the WAL fsynced after each
 * committing request. With DATABASE_URL: a node-postgres pool. The same committed
 * migrations run on both at open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema/index.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { WalFlusher } from './wal-flusher.ts';
import { copyTemplateInto, loadTemplate } from './template.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A database handle or an open transaction: repos accept either. */
export type Queryable = Db | Tx;

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export interface Database {
  readonly db: Db;
  readonly mode: 'embedded' | 'server';
  /** Make acknowledged writes durable (embedded: fsync the WAL; server: PostgreSQL already did). */
  flush(): void;
  /** Run a LISTEN-free liveness probe. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… → server mode. */
  databaseUrl?: string | undefined;
  /** Embedded mode: the data directory (holds pgdata/ and the lock). 'memory://' for tests. */
  dataDir?: string | undefined;
  /** Run migrations (default true). */
  migrate?: boolean;
  /** Pool size in server mode. */
  poolMax?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openServer(opts.databaseUrl, opts.migrate ?? true, opts.poolMax ?? 10);
  return openEmbedded(opts.dataDir ?? './data', opts.migrate ?? true);
}

async function openServer(url: string, runMigrations: boolean, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  if (runMigrations) await migrateUnderLock(pool);
  return {
    db,
    mode: 'server',
    flush: () => undefined,
    ping: async () => {
      await pool.query('select 1');
    },
    close: once(() => pool.end()),
  };
}

/** Any constant: one process migrates at a time; the others wait, then find nothing to do. */
const MIGRATION_LOCK_KEY = 7_310_041;

/**
 * Several processes starting together on a fresh database would each run the migrations
 * and collide on the catalog; a session-level advisory lock on one connection serializes them.
 */
async function migrateUnderLock(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

async function openEmbedded(dataDir: string, runMigrations: boolean): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  let lock: DataDirLock | undefined;
  let flusher: WalFlusher | undefined;
  let client: PGlite;
  if (inMemory) {
    client = await PGlite.create(dataDir, { loadDataDir: await loadTemplate() });
  } else {
    lock = await lockDataDir(dataDir);
    const pgData = path.join(dataDir, 'pgdata');
    try {
      // A fresh directory starts as a copy of the pre-migrated template (opening it takes
      // about a second) instead of PGlite's initdb (about six).
      if (!fs.existsSync(path.join(pgData, 'PG_VERSION'))) {
        fs.rmSync(pgData, { recursive: true, force: true });
        // The copy is synced before use: data acknowledged later must not rest on it unsynced.
        if (copyTemplateInto(pgData)) new WalFlusher(pgData).syncAll();
        else fs.mkdirSync(pgData, { recursive: true });
      }
      client = await PGlite.create(pgData);
    } catch (err) {
      await lock.release();
      throw err;
    }
    flusher = new WalFlusher(pgData);
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  if (runMigrations) await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
  const timer = flusher ? setInterval(() => flusher.syncAll(), 5 * 60_000) : undefined;
  timer?.unref();
  return {
    db,
    mode: 'embedded',
    flush: () => void flusher?.flush(),
    ping: async () => {
      await client.query('select 1');
    },
    close: once(async () => {
      if (timer) clearInterval(timer);
      await client.close();
      flusher?.syncAll();
      await lock?.release();
    }),
  };
}

/** Closing twice is harmless (shutdown paths and test teardown may both close). */
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
