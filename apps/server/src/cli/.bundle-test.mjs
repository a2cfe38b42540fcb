var __defProp = Object.defineProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// apps/server/src/cli/main.ts
import crypto9 from "node:crypto";
import { Command } from "commander";

// apps/server/src/config/config.ts
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
var repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
var bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
var EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3e3),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, { error: "must start with postgres:// or postgresql://" }).optional(),
  CHIBO_DATA_DIR: z.string().min(1).default("./data"),
  CHIBO_WEB_DIST: z.string().min(1).default(path.join(repoRoot, "apps/web/dist")),
  CHIBO_COOKIE_SECURE: bool.default(false),
  CHIBO_DEMO: bool.default(false),
  CHIBO_TRUST_PROXY: bool.default(false),
  CHIBO_SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  CHIBO_SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  CHIBO_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  CHIBO_LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  CHIBO_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1e4).default(30),
  CHIBO_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(1024 * 1024),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")
});
var ConfigError = class extends Error {
  name = "ConfigError";
};
function loadConfig(env = process.env) {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== void 0 && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`C\u1EA5u h\xECnh kh\xF4ng h\u1EE3p l\u1EC7 (invalid configuration):
${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.CHIBO_DATA_DIR),
    webDist: path.resolve(e.CHIBO_WEB_DIST),
    cookieSecure: e.CHIBO_COOKIE_SECURE,
    demoOnServer: e.CHIBO_DEMO,
    trustProxy: e.CHIBO_TRUST_PROXY,
    sessionTtlHours: e.CHIBO_SESSION_TTL_HOURS,
    sessionMaxHours: e.CHIBO_SESSION_MAX_DAYS * 24,
    loginMaxFailures: e.CHIBO_LOGIN_MAX_FAILURES,
    loginLockMinutes: e.CHIBO_LOGIN_LOCK_MINUTES,
    loginRatePerMinute: e.CHIBO_LOGIN_RATE_PER_MINUTE,
    bodyLimitBytes: e.CHIBO_BODY_LIMIT_BYTES,
    logLevel: e.LOG_LEVEL
  };
}

// apps/server/src/db/client.ts
import fs4 from "node:fs";
import path5 from "node:path";
import { fileURLToPath as fileURLToPath3 } from "node:url";
import { PGlite as PGlite2 } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

// apps/server/src/db/schema/index.ts
var schema_exports = {};
__export(schema_exports, {
  accounts: () => accounts,
  auditEvents: () => auditEvents,
  idempotencyKeys: () => idempotencyKeys,
  members: () => members,
  organizations: () => organizations,
  roleGrants: () => roleGrants,
  sessions: () => sessions
});

// apps/server/src/db/schema/organizations.ts
import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
var organizations = pgTable(
  "organizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    parentId: uuid("parent_id").references(() => organizations.id),
    path: text("path").notNull().unique(),
    depth: integer("depth").notNull(),
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    cellType: text("cell_type"),
    timeZone: text("time_zone").notNull().default("Asia/Ho_Chi_Minh"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true })
  },
  (t) => [
    index("organizations_path_prefix_idx").on(t.path.op("text_pattern_ops")),
    index("organizations_parent_idx").on(t.parentId),
    check("organizations_kind_chk", sql`${t.kind} in ('committee','grassroots_committee','sub_committee','grassroots_cell','cell')`)
  ]
);

// apps/server/src/db/schema/members.ts
import { sql as sql2 } from "drizzle-orm";
import { check as check2, date, index as index2, pgTable as pgTable2, text as text2, timestamp as timestamp2, uuid as uuid2 } from "drizzle-orm/pg-core";
var members = pgTable2(
  "members",
  {
    id: uuid2("id").primaryKey().defaultRandom(),
    organizationId: uuid2("organization_id").notNull().references(() => organizations.id),
    fullName: text2("full_name").notNull(),
    /** foldForSearch(fullName): lower case, no diacritics, đ → d. */
    searchName: text2("search_name").notNull(),
    gender: text2("gender"),
    birthDate: date("birth_date", { mode: "string" }),
    status: text2("status").notNull(),
    position: text2("position"),
    admittedOn: date("admitted_on", { mode: "string" }),
    confirmedOn: date("confirmed_on", { mode: "string" }),
    email: text2("email"),
    phone: text2("phone"),
    createdAt: timestamp2("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp2("updated_at", { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    index2("members_organization_idx").on(t.organizationId),
    check2("members_status_chk", sql2`${t.status} in ('official','probationary','exempt','suspended')`)
  ]
);

// apps/server/src/db/schema/accounts.ts
import { sql as sql3 } from "drizzle-orm";
import { check as check3, index as index3, integer as integer2, pgTable as pgTable3, text as text3, timestamp as timestamp3, unique, uniqueIndex, uuid as uuid3 } from "drizzle-orm/pg-core";
var accounts = pgTable3(
  "accounts",
  {
    id: uuid3("id").primaryKey().defaultRandom(),
    /** Lower case; login accepts the username or the e-mail address. */
    username: text3("username").notNull().unique(),
    email: text3("email"),
    displayName: text3("display_name").notNull(),
    passwordHash: text3("password_hash").notNull(),
    memberId: uuid3("member_id").unique().references(() => members.id),
    failedLogins: integer2("failed_logins").notNull().default(0),
    lockedUntil: timestamp3("locked_until", { withTimezone: true }),
    disabledAt: timestamp3("disabled_at", { withTimezone: true }),
    passwordChangedAt: timestamp3("password_changed_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp3("created_at", { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    // Login matches the e-mail case-insensitively, so it must be unique that way; and a
    // username has no '@', so it can never be mistaken for someone's e-mail (core Username).
    uniqueIndex("accounts_email_lower_uq").on(sql3`lower(${t.email})`),
    check3("accounts_username_chk", sql3`${t.username} ~ '^[a-z0-9._-]{3,40}$'`)
  ]
);
var roleGrants = pgTable3(
  "role_grants",
  {
    id: uuid3("id").primaryKey().defaultRandom(),
    accountId: uuid3("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    organizationId: uuid3("organization_id").notNull().references(() => organizations.id),
    role: text3("role").notNull(),
    grantedAt: timestamp3("granted_at", { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    unique("role_grants_account_org_role_uq").on(t.accountId, t.organizationId, t.role),
    index3("role_grants_account_idx").on(t.accountId),
    check3("role_grants_role_chk", sql3`${t.role} in ('admin','superior','cell_officer','member')`)
  ]
);
var sessions = pgTable3(
  "sessions",
  {
    tokenHash: text3("token_hash").primaryKey(),
    accountId: uuid3("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    csrfToken: text3("csrf_token").notNull(),
    createdAt: timestamp3("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp3("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp3("expires_at", { withTimezone: true }).notNull(),
    userAgent: text3("user_agent"),
    ip: text3("ip")
  },
  (t) => [index3("sessions_account_idx").on(t.accountId), index3("sessions_expires_idx").on(t.expiresAt)]
);

// apps/server/src/db/schema/audit.ts
import { bigint, index as index4, jsonb, pgTable as pgTable4, text as text4, timestamp as timestamp4, uuid as uuid4 } from "drizzle-orm/pg-core";
var auditEvents = pgTable4(
  "audit_events",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey(),
    at: timestamp4("at", { withTimezone: true, precision: 3 }).notNull(),
    actorAccountId: uuid4("actor_account_id"),
    actorName: text4("actor_name"),
    action: text4("action").notNull(),
    targetType: text4("target_type").notNull(),
    targetId: text4("target_id"),
    organizationId: uuid4("organization_id"),
    organizationPath: text4("organization_path"),
    data: jsonb("data").notNull(),
    prevHash: text4("prev_hash").notNull(),
    hash: text4("hash").notNull()
  },
  (t) => [index4("audit_events_org_path_idx").on(t.organizationPath.op("text_pattern_ops"), t.seq)]
);

// apps/server/src/db/schema/idempotency.ts
import { index as index5, integer as integer3, pgTable as pgTable5, primaryKey, text as text5, timestamp as timestamp5, uuid as uuid5 } from "drizzle-orm/pg-core";
var idempotencyKeys = pgTable5(
  "idempotency_keys",
  {
    accountId: uuid5("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    key: text5("key").notNull(),
    /** Method, path and a hash of the body: the same key with another request is refused. */
    requestHash: text5("request_hash").notNull(),
    /** null while the first request is still running. */
    status: integer3("status"),
    contentType: text5("content_type"),
    body: text5("body"),
    createdAt: timestamp5("created_at", { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [primaryKey({ columns: [t.accountId, t.key] }), index5("idempotency_keys_created_idx").on(t.createdAt)]
);

// apps/server/src/db/data-dir-lock.ts
import fs from "node:fs";
import net from "node:net";
import path2 from "node:path";
var DataDirLockedError = class extends Error {
  constructor(dir) {
    super(
      `Th\u01B0 m\u1EE5c d\u1EEF li\u1EC7u ${dir} \u0111ang \u0111\u01B0\u1EE3c m\u1ED9t ti\u1EBFn tr\xECnh Chi b\u1ED9 s\u1ED1 kh\xE1c s\u1EED d\u1EE5ng. Ch\u1EC9 m\u1ED9t m\xE1y ch\u1EE7 \u0111\u01B0\u1EE3c m\u1EDF c\u01A1 s\u1EDF d\u1EEF li\u1EC7u nh\xFAng; h\xE3y d\u1EEBng ti\u1EBFn tr\xECnh kia, ho\u1EB7c d\xF9ng DATABASE_URL (PostgreSQL) \u0111\u1EC3 ch\u1EA1y nhi\u1EC1u ti\u1EBFn tr\xECnh.
(The data directory ${dir} is in use by another Chi b\u1ED9 s\u1ED1 process.)`
    );
    this.dir = dir;
  }
  dir;
  name = "DataDirLockedError";
};
var TAKEOVER_STALE_MS = 1e4;
function listen(socketPath) {
  return new Promise((resolve, reject) => {
    const server = net.createServer((conn) => conn.end());
    server.once("error", reject);
    server.listen(socketPath, () => {
      server.off("error", reject);
      server.unref();
      resolve(server);
    });
  });
}
function isHeld(socketPath) {
  return new Promise((resolve) => {
    const conn = net.connect(socketPath);
    conn.once("connect", () => {
      conn.destroy();
      resolve(true);
    });
    conn.once("error", () => resolve(false));
  });
}
var sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function lockDataDir(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const socketPath = path2.join(dir, "chibo.sock");
  if (Buffer.byteLength(socketPath) > 100) {
    throw new Error(`\u0110\u01B0\u1EDDng d\u1EABn th\u01B0 m\u1EE5c d\u1EEF li\u1EC7u qu\xE1 d\xE0i cho t\u1EC7p kh\xF3a (${socketPath}); h\xE3y ch\u1ECDn CHIBO_DATA_DIR ng\u1EAFn h\u01A1n.`);
  }
  const marker = path2.join(dir, "chibo.takeover");
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const server = await listen(socketPath);
      return {
        release: () => new Promise((resolve) => {
          server.close(() => resolve());
        })
      };
    } catch (err) {
      if (err.code !== "EADDRINUSE") throw err;
    }
    if (await isHeld(socketPath)) throw new DataDirLockedError(dir);
    let fd;
    try {
      fd = fs.openSync(marker, "wx");
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
      const age = Date.now() - (fs.statSync(marker, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > TAKEOVER_STALE_MS) fs.rmSync(marker, { force: true });
      await sleep(100);
      continue;
    }
    try {
      if (await isHeld(socketPath)) throw new DataDirLockedError(dir);
      fs.rmSync(socketPath, { force: true });
    } finally {
      fs.closeSync(fd);
      fs.rmSync(marker, { force: true });
    }
  }
  throw new Error(`Kh\xF4ng l\u1EA5y \u0111\u01B0\u1EE3c kh\xF3a th\u01B0 m\u1EE5c d\u1EEF li\u1EC7u ${dir}.`);
}

// apps/server/src/db/wal-flusher.ts
import fs2 from "node:fs";
import path3 from "node:path";
var WalFlusher = class {
  constructor(pgDataDir) {
    this.pgDataDir = pgDataDir;
    this.walDir = path3.join(pgDataDir, "pg_wal");
    this.controlFile = path3.join(pgDataDir, "global", "pg_control");
    this.lastControlMtime = this.controlMtime();
  }
  pgDataDir;
  lastFlushMs = 0;
  lastControlMtime = 0;
  walDir;
  controlFile;
  controlMtime() {
    return fs2.statSync(this.controlFile, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  }
  /**
   * Make what was committed durable: the WAL segments written since the last flush, or the
   * whole directory after a checkpoint. Returns the number of WAL segments synced.
   */
  flush() {
    const control = this.controlMtime();
    if (control !== this.lastControlMtime) {
      this.syncAll();
      this.lastControlMtime = control;
    }
    return this.flushWal();
  }
  /** fsync every WAL segment written since the last flush, and the pg_wal directory. */
  flushWal() {
    const since = this.lastFlushMs;
    this.lastFlushMs = Date.now();
    let synced = 0;
    let names;
    try {
      names = fs2.readdirSync(this.walDir);
    } catch {
      return 0;
    }
    for (const name of names) {
      if (!/^[0-9A-F]{24}$/.test(name)) continue;
      const file = path3.join(this.walDir, name);
      if (fs2.statSync(file).mtimeMs + 1e3 < since) continue;
      syncFile(file, "r+");
      synced++;
    }
    syncFile(this.walDir, "r");
    return synced;
  }
  /** fsync every file of the data directory: after checkpoints, periodically and at close. */
  syncAll() {
    const walk = (dir) => {
      for (const entry of fs2.readdirSync(dir, { withFileTypes: true })) {
        const p = path3.join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else if (entry.isFile()) syncFile(p, "r+");
      }
      syncFile(dir, "r");
    };
    walk(this.pgDataDir);
    this.lastFlushMs = Date.now();
  }
};
function syncFile(file, flags) {
  let fd;
  try {
    fd = fs2.openSync(file, flags);
    fs2.fsyncSync(fd);
  } catch (err) {
    if (err.code !== "ENOENT") throw err;
  } finally {
    if (fd !== void 0) fs2.closeSync(fd);
  }
}

// apps/server/src/db/template.ts
import crypto from "node:crypto";
import fs3 from "node:fs";
import path4 from "node:path";
import { fileURLToPath as fileURLToPath2 } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
var here = path4.dirname(fileURLToPath2(import.meta.url));
var migrationsDir = path4.resolve(here, "../../drizzle");
var cacheDir = path4.resolve(here, "../../.cache");
function migrationsHash() {
  const h = crypto.createHash("sha256");
  const walk = (dir) => {
    for (const name of fs3.readdirSync(dir).sort()) {
      const p = path4.join(dir, name);
      if (fs3.statSync(p).isDirectory()) walk(p);
      else h.update(name).update(fs3.readFileSync(p));
    }
  };
  walk(migrationsDir);
  return h.digest("hex").slice(0, 16);
}
function templatePath() {
  return path4.join(cacheDir, `pglite-template-${migrationsHash()}.tar.gz`);
}
function templateDirPath() {
  return path4.join(cacheDir, `pglite-template-${migrationsHash()}`);
}
async function loadTemplate() {
  const file = templatePath();
  if (!fs3.existsSync(file)) return void 0;
  return new Blob([await fs3.promises.readFile(file)]);
}
function copyTemplateInto(pgData) {
  const dir = templateDirPath();
  if (!fs3.existsSync(path4.join(dir, "PG_VERSION"))) return false;
  fs3.cpSync(dir, pgData, { recursive: true });
  return true;
}
async function prepareTemplate() {
  const file = templatePath();
  const dir = templateDirPath();
  if (fs3.existsSync(file) && fs3.existsSync(path4.join(dir, "PG_VERSION"))) return { file, created: false };
  fs3.mkdirSync(cacheDir, { recursive: true });
  const suffix = `.${process.pid}.tmp`;
  fs3.rmSync(dir + suffix, { recursive: true, force: true });
  const client = await PGlite.create(dir + suffix);
  await migrate(drizzle(client), { migrationsFolder: migrationsDir });
  await client.query("CHECKPOINT");
  const dump = await client.dumpDataDir("gzip");
  await client.close();
  await fs3.promises.writeFile(file + suffix, Buffer.from(await dump.arrayBuffer()));
  fs3.rmSync(dir, { recursive: true, force: true });
  fs3.renameSync(dir + suffix, dir);
  fs3.renameSync(file + suffix, file);
  const keep = /* @__PURE__ */ new Set([path4.basename(file), path4.basename(dir)]);
  for (const old of fs3.readdirSync(cacheDir)) {
    if (old.startsWith("pglite-template-") && !keep.has(old) && !old.endsWith(".tmp")) {
      fs3.rmSync(path4.join(cacheDir, old), { recursive: true, force: true });
    }
  }
  return { file, created: true };
}

// apps/server/src/db/client.ts
var MIGRATIONS_DIR = path5.resolve(path5.dirname(fileURLToPath3(import.meta.url)), "../../drizzle");
async function openDatabase(opts) {
  if (opts.databaseUrl) return openServer(opts.databaseUrl, opts.migrate ?? true, opts.poolMax ?? 10);
  return openEmbedded(opts.dataDir ?? "./data", opts.migrate ?? true);
}
async function openServer(url, runMigrations, max) {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on("error", () => void 0);
  const db = drizzlePg(pool, { schema: schema_exports });
  if (runMigrations) await migrateUnderLock(pool);
  return {
    db,
    mode: "server",
    flush: () => void 0,
    ping: async () => {
      await pool.query("select 1");
    },
    close: once(() => pool.end())
  };
}
var MIGRATION_LOCK_KEY = 7310041;
async function migrateUnderLock(pool) {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await migratePg(drizzlePg(client, { schema: schema_exports }), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => void 0);
    client.release();
  }
}
async function openEmbedded(dataDir, runMigrations) {
  const inMemory = dataDir.startsWith("memory://");
  let lock;
  let flusher;
  let client;
  if (inMemory) {
    client = await PGlite2.create(dataDir, { loadDataDir: await loadTemplate() });
  } else {
    lock = await lockDataDir(dataDir);
    const pgData = path5.join(dataDir, "pgdata");
    try {
      if (!fs4.existsSync(path5.join(pgData, "PG_VERSION"))) {
        fs4.rmSync(pgData, { recursive: true, force: true });
        if (copyTemplateInto(pgData)) new WalFlusher(pgData).syncAll();
        else fs4.mkdirSync(pgData, { recursive: true });
      }
      client = await PGlite2.create(pgData);
    } catch (err) {
      await lock.release();
      throw err;
    }
    flusher = new WalFlusher(pgData);
  }
  const db = drizzlePglite(client, { schema: schema_exports });
  if (runMigrations) await migratePglite(drizzlePglite(client, { schema: schema_exports }), { migrationsFolder: MIGRATIONS_DIR });
  const timer = flusher ? setInterval(() => flusher.syncAll(), 5 * 6e4) : void 0;
  timer?.unref();
  return {
    db,
    mode: "embedded",
    flush: () => void flusher?.flush(),
    ping: async () => {
      await client.query("select 1");
    },
    close: once(async () => {
      if (timer) clearInterval(timer);
      await client.close();
      flusher?.syncAll();
      await lock?.release();
    })
  };
}
function once(fn) {
  let done;
  return () => done ??= fn();
}

// apps/server/src/app.ts
import Fastify, { LogController } from "fastify";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";

// apps/server/src/lib/context.ts
var systemClock = { now: () => /* @__PURE__ */ new Date() };

// apps/server/src/plugins/errors.ts
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { ERRORS as ERRORS2 } from "@chibo/core";

// apps/server/src/lib/app-error.ts
import { ERRORS } from "@chibo/core";
var AppError = class extends Error {
  constructor(code, message, details) {
    super(message ?? ERRORS[code].message);
    this.code = code;
    this.details = details;
    this.status = ERRORS[code].status;
  }
  code;
  details;
  name = "AppError";
  status;
};

// apps/server/src/plugins/errors.ts
var FASTIFY_CODES = {
  FST_ERR_CTP_INVALID_JSON_BODY: "invalid_json",
  FST_ERR_CTP_EMPTY_JSON_BODY: "invalid_json",
  FST_ERR_CTP_BODY_TOO_LARGE: "payload_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "validation_failed",
  FST_ERR_CTP_INVALID_TYPE: "unsupported_media_type",
  FST_ERR_VALIDATION: "validation_failed"
};
function sqlState(error) {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 3; e = e.cause, depth++) {
    const code = e.code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return void 0;
}
function databaseRefusal(state) {
  if (!state) return void 0;
  if (state === "23505") return "conflict";
  if (state.startsWith("22") || state.startsWith("23")) return "validation_failed";
  return void 0;
}
function send(reply, code, message, details) {
  const body = { error: code, message: message ?? ERRORS2[code].message };
  if (details !== void 0) body.details = details;
  return reply.status(ERRORS2[code].status).type("application/json; charset=utf-8").send(body);
}
function issuesOf(error) {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  return error.validation.map((v) => ({
    path: (v.instancePath || "").replace(/^\//, "").replace(/\//g, "."),
    message: v.message ?? "Kh\xF4ng h\u1EE3p l\u1EC7"
  }));
}
function registerErrorHandling(app) {
  app.setErrorHandler((error, req, reply) => {
    if (error instanceof AppError) return send(reply, error.code, error.message, error.details);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = issuesOf(error);
      const first = issues[0];
      const where = error.validationContext === "body" ? "" : ` (${error.validationContext ?? "request"})`;
      const message = first ? `D\u1EEF li\u1EC7u kh\xF4ng h\u1EE3p l\u1EC7${where}: ${first.path ? `${first.path}: ` : ""}${first.message}` : void 0;
      return send(reply, "validation_failed", message, { issues });
    }
    if (error.statusCode === 429) return send(reply, "rate_limited");
    const refused = databaseRefusal(sqlState(error));
    if (refused) {
      req.log.warn({ err: error }, "database refused input that passed validation");
      return send(reply, refused);
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : void 0;
    if (mapped) return send(reply, mapped);
    if (isResponseSerializationError(error)) {
      req.log.error({ err: error, route: req.routeOptions.url }, "response did not match its schema");
      return send(reply, "internal_error");
    }
    if (error.statusCode !== void 0 && error.statusCode >= 400 && error.statusCode < 500) {
      const code = error.statusCode === 404 ? "not_found" : error.statusCode === 415 ? "unsupported_media_type" : error.statusCode === 413 ? "payload_too_large" : "validation_failed";
      return send(reply, code);
    }
    req.log.error({ err: error }, "unhandled error");
    return send(reply, "internal_error");
  });
  app.setNotFoundHandler((req, reply) => send(reply, "not_found", `Kh\xF4ng c\xF3 \u0111\u01B0\u1EDDng d\u1EABn ${req.method} ${req.url.split("?")[0] ?? ""}.`));
}

// apps/server/src/plugins/auth.ts
import crypto4 from "node:crypto";

// apps/server/src/modules/auth/auth.service.ts
import crypto3 from "node:crypto";
import { NewPassword, permissionsOfRole } from "@chibo/core";

// apps/server/src/lib/passwords.ts
import { hash, verify } from "@node-rs/argon2";
var OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };
function hashPassword(password) {
  return hash(password, OPTIONS);
}
async function verifyPassword(stored, password) {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
var dummy;
async function burnPasswordTime(password) {
  dummy ??= hashPassword("chibo-dummy-password");
  await verifyPassword(await dummy, password);
}

// apps/server/src/lib/policy.ts
import { can, isWithin } from "@chibo/core";

// apps/server/src/modules/organizations/organizations.repo.ts
import { asc, eq, like, or } from "drizzle-orm";
async function findOrganization(db, id) {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row;
}
async function listSubtrees(db, paths) {
  if (paths.length === 0) return [];
  return db.select().from(organizations).where(or(...paths.map((p) => like(organizations.path, `${p}%`)))).orderBy(asc(organizations.path));
}
async function lockOrganization(db, id) {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id)).for("update");
  return row;
}
async function insertOrganization(db, values, parent) {
  const path7 = `${parent?.path ?? "/"}${values.id}/`;
  const [row] = await db.insert(organizations).values({ ...values, path: path7, depth: parent ? parent.depth + 1 : 0 }).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}
async function updateOrganization(db, id, patch, at) {
  const [row] = await db.update(organizations).set({ ...patch, updatedAt: at }).where(eq(organizations.id, id)).returning();
  if (!row) throw new Error("update returned no row");
  return row;
}
async function countOrganizations(db) {
  const rows = await db.select({ id: organizations.id }).from(organizations).limit(1);
  return rows.length;
}

// apps/server/src/lib/policy.ts
function requireActor(ctx) {
  if (!ctx.actor) throw new AppError("unauthenticated");
  return ctx.actor;
}
function actorCan(actor, permission, organizationPath) {
  return can(actor.grants, permission, organizationPath);
}
async function authorizeOnOrganization(ctx, permission, organizationId) {
  const actor = requireActor(ctx);
  const org = await findOrganization(ctx.db, organizationId);
  if (!org) throw new AppError("not_found", "Kh\xF4ng t\xECm th\u1EA5y t\u1ED5 ch\u1EE9c \u0111\u1EA3ng.");
  if (!actorCan(actor, permission, org.path)) {
    const visible = actor.grants.some((g) => isWithin(org.path, g.organizationPath));
    throw visible ? new AppError("forbidden") : new AppError("not_found", "Kh\xF4ng t\xECm th\u1EA5y t\u1ED5 ch\u1EE9c \u0111\u1EA3ng.");
  }
  return org;
}

// apps/server/src/modules/audit/audit.repo.ts
import crypto2 from "node:crypto";
import { and, asc as asc2, desc, eq as eq2, gt, like as like2, lt, sql as sql4 } from "drizzle-orm";
import { AUDIT_GENESIS_HASH, auditHashInput } from "@chibo/core";
var AUDIT_LOCK_KEY = 7310042;
function hashEntry(prevHash, e) {
  return crypto2.createHash("sha256").update(auditHashInput(prevHash, e)).digest("hex");
}
async function recordAudit(tx, input) {
  await recordAuditBatch(tx, [input]);
}
async function recordAuditBatch(tx, inputs) {
  if (inputs.length === 0) return;
  await tx.execute(sql4`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
  const rows = inputs.map((input) => {
    seq++;
    const data = JSON.parse(JSON.stringify(input.data ?? {}));
    const at = new Date(input.at.getTime());
    const { at: _at, data: _data, ...rest } = input;
    const hash2 = hashEntry(prevHash, { ...rest, seq, at: at.toISOString(), data });
    const row = { ...rest, seq, at, data, prevHash, hash: hash2 };
    prevHash = hash2;
    return row;
  });
  for (let i = 0; i < rows.length; i += 1e3) await tx.insert(auditEvents).values(rows.slice(i, i + 1e3));
}
async function verifyAuditChain(db, onProgress) {
  let prevHash = AUDIT_GENESIS_HASH;
  let prevAt = -Infinity;
  let expectedSeq = 1;
  let count = 0;
  for (; ; ) {
    const page = await db.select().from(auditEvents).where(gt(auditEvents.seq, expectedSeq - 1)).orderBy(asc2(auditEvents.seq)).limit(1e3);
    if (page.length === 0) return { ok: true, count, head: count === 0 ? null : { seq: expectedSeq - 1, hash: prevHash } };
    for (const row of page) {
      if (row.seq !== expectedSeq) return { ok: false, count, brokenAt: expectedSeq, reason: "seq_gap" };
      if (row.prevHash !== prevHash) return { ok: false, count, brokenAt: row.seq, reason: "prev_mismatch" };
      const fields = {
        seq: row.seq,
        at: row.at.toISOString(),
        actorAccountId: row.actorAccountId,
        actorName: row.actorName,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        organizationId: row.organizationId,
        organizationPath: row.organizationPath,
        data: row.data
      };
      if (hashEntry(prevHash, fields) !== row.hash) return { ok: false, count, brokenAt: row.seq, reason: "hash_mismatch" };
      if (row.at.getTime() < prevAt - 6e4) return { ok: false, count, brokenAt: row.seq, reason: "time_reversed" };
      prevAt = Math.max(prevAt, row.at.getTime());
      prevHash = row.hash;
      expectedSeq++;
      count++;
    }
    onProgress?.(count);
  }
}
async function listAuditEvents(db, subtreePath, limit, beforeSeq) {
  return db.select().from(auditEvents).where(
    and(
      like2(auditEvents.organizationPath, `${subtreePath}%`),
      beforeSeq === void 0 ? void 0 : lt(auditEvents.seq, beforeSeq)
    )
  ).orderBy(desc(auditEvents.seq)).limit(limit);
}
async function auditHashAt(db, seq) {
  const [row] = await db.select({ hash: auditEvents.hash }).from(auditEvents).where(eq2(auditEvents.seq, seq));
  return row?.hash;
}

// apps/server/src/modules/auth/accounts.repo.ts
import { and as and2, eq as eq3, gt as gt2, lt as lt2, or as or2, sql as sql5 } from "drizzle-orm";
async function findAccountByLogin(db, login2) {
  const key = login2.trim().toLowerCase();
  const [row] = await db.select().from(accounts).where(or2(eq3(accounts.username, key), eq3(sql5`lower(${accounts.email})`, key)));
  return row;
}
async function findAccount(db, id) {
  const [row] = await db.select().from(accounts).where(eq3(accounts.id, id));
  return row;
}
async function lockAccountRow(db, id) {
  const [row] = await db.select().from(accounts).where(eq3(accounts.id, id)).for("update");
  return row;
}
async function updateAccount(db, id, patch) {
  await db.update(accounts).set(patch).where(eq3(accounts.id, id));
}
async function insertAccount(db, values) {
  const [row] = await db.insert(accounts).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}
async function insertGrant(db, accountId, organizationId, role) {
  await db.insert(roleGrants).values({ accountId, organizationId, role }).onConflictDoNothing();
}
async function grantsOf(db, accountId) {
  const rows = await db.select({
    organizationId: organizations.id,
    organizationPath: organizations.path,
    organizationName: organizations.name,
    role: roleGrants.role
  }).from(roleGrants).innerJoin(organizations, eq3(organizations.id, roleGrants.organizationId)).where(eq3(roleGrants.accountId, accountId)).orderBy(organizations.path);
  return rows.map((r) => ({ ...r, role: r.role }));
}
async function insertSession(db, values) {
  await db.insert(sessions).values(values);
}
async function findLiveSession(db, tokenHash, now) {
  const [row] = await db.select({ session: sessions, account: accounts }).from(sessions).innerJoin(accounts, eq3(accounts.id, sessions.accountId)).where(and2(eq3(sessions.tokenHash, tokenHash), gt2(sessions.expiresAt, now)));
  return row;
}
async function touchSession(db, tokenHash, now, expiresAt) {
  await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq3(sessions.tokenHash, tokenHash));
}
async function deleteSession(db, tokenHash) {
  await db.delete(sessions).where(eq3(sessions.tokenHash, tokenHash));
}
async function deleteSessionsOf(db, accountId, exceptTokenHash) {
  await db.delete(sessions).where(and2(eq3(sessions.accountId, accountId), exceptTokenHash ? sql5`${sessions.tokenHash} <> ${exceptTokenHash}` : void 0));
}
async function deleteExpiredSessions(db, now) {
  await db.delete(sessions).where(lt2(sessions.expiresAt, now));
}
async function organizationOfAccount(db, accountId) {
  const [viaMember] = await db.select({ id: organizations.id, path: organizations.path }).from(accounts).innerJoin(members, eq3(members.id, accounts.memberId)).innerJoin(organizations, eq3(organizations.id, members.organizationId)).where(eq3(accounts.id, accountId));
  if (viaMember) return viaMember;
  const [viaGrant] = await db.select({ id: organizations.id, path: organizations.path }).from(roleGrants).innerJoin(organizations, eq3(organizations.id, roleGrants.organizationId)).where(eq3(roleGrants.accountId, accountId)).orderBy(organizations.path).limit(1);
  return viaGrant;
}
async function homeOrganizationOf(db, memberId) {
  if (!memberId) return null;
  const [row] = await db.select({ id: members.organizationId }).from(members).where(eq3(members.id, memberId));
  return row?.id ?? null;
}

// apps/server/src/modules/auth/auth.service.ts
function hashToken(token) {
  return crypto3.createHash("sha256").update(token).digest("hex");
}
var randomToken = () => crypto3.randomBytes(32).toString("base64url");
function auditAccountEvent(tx, e) {
  return recordAudit(tx, {
    at: e.at,
    actorAccountId: e.actor?.accountId ?? null,
    actorName: e.actor?.displayName ?? e.actorName ?? null,
    action: e.action,
    targetType: "account",
    targetId: e.accountId,
    organizationId: e.where?.id ?? null,
    organizationPath: e.where?.path ?? null,
    data: e.data
  });
}
async function login(ctx, settings, input, meta) {
  const now = ctx.clock.now();
  const account = await findAccountByLogin(ctx.db, input.login);
  if (!account) {
    await burnPasswordTime(input.password);
    throw new AppError("invalid_credentials");
  }
  const gate = await ctx.db.transaction(async (tx) => {
    const row = await lockAccountRow(tx, account.id);
    if (!row || row.disabledAt) return "disabled";
    if (row.lockedUntil && row.lockedUntil > now) return "locked";
    if (row.failedLogins >= settings.loginMaxFailures) return "locked";
    await updateAccount(tx, row.id, { failedLogins: row.failedLogins + 1, lockedUntil: null });
    return "open";
  });
  if (gate === "disabled") throw new AppError("account_disabled");
  if (gate === "locked") throw new AppError("account_locked");
  const where = await organizationOfAccount(ctx.db, account.id);
  if (!await verifyPassword(account.passwordHash, input.password)) {
    const lockedNow = await ctx.db.transaction(async (tx) => {
      const row = await lockAccountRow(tx, account.id);
      if (!row || row.failedLogins < settings.loginMaxFailures || row.lockedUntil && row.lockedUntil > now) return false;
      await updateAccount(tx, row.id, { failedLogins: 0, lockedUntil: new Date(now.getTime() + settings.loginLockMinutes * 6e4) });
      await auditAccountEvent(tx, { at: now, actor: null, action: "account.locked", accountId: account.id, where, data: { username: account.username, failures: row.failedLogins, ip: meta.ip, minutes: settings.loginLockMinutes } });
      return true;
    });
    throw new AppError(lockedNow ? "account_locked" : "invalid_credentials");
  }
  const token = randomToken();
  const expiresAt = sessionExpiry(now, now, settings);
  await ctx.db.transaction(async (tx) => {
    await updateAccount(tx, account.id, { failedLogins: 0, lockedUntil: null });
    await deleteExpiredSessions(tx, now);
    await insertSession(tx, {
      tokenHash: hashToken(token),
      accountId: account.id,
      csrfToken: randomToken(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null
    });
    await auditAccountEvent(tx, { at: now, actor: { accountId: account.id, displayName: account.displayName }, action: "session.login", accountId: account.id, where, data: { ip: meta.ip } });
  });
  const resolved = await resolveSession(ctx.db, ctx.clock, token, settings);
  if (!resolved) throw new Error("session vanished right after login");
  return {
    token,
    cookieExpiresAt: new Date(now.getTime() + settings.sessionMaxHours * 36e5),
    me: await buildMe(ctx.db, resolved.actor, resolved.csrfToken, resolved.account)
  };
}
function sessionExpiry(createdAt, now, settings) {
  return new Date(Math.min(now.getTime() + settings.sessionTtlHours * 36e5, createdAt.getTime() + settings.sessionMaxHours * 36e5));
}
async function resolveSession(db, clock, token, settings) {
  const now = clock.now();
  const tokenHash = hashToken(token);
  const row = await findLiveSession(db, tokenHash, now);
  if (!row || row.account.disabledAt) return null;
  if (now.getTime() - row.session.lastSeenAt.getTime() > 6e4) {
    await touchSession(db, tokenHash, now, sessionExpiry(row.session.createdAt, now, settings));
  }
  const grants = await grantsOf(db, row.account.id);
  return {
    actor: { accountId: row.account.id, displayName: row.account.displayName, memberId: row.account.memberId, grants },
    account: row.account,
    csrfToken: row.session.csrfToken,
    tokenHash
  };
}
async function buildMe(db, actor, csrfToken, account) {
  const all = /* @__PURE__ */ new Set();
  const grants = actor.grants.map((g) => {
    const perms = [...permissionsOfRole(g.role)].sort();
    perms.forEach((p) => all.add(p));
    return { organizationId: g.organizationId, organizationName: g.organizationName, organizationPath: g.organizationPath, role: g.role, permissions: perms };
  });
  return {
    account: {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      email: account.email,
      memberId: account.memberId
    },
    homeOrganizationId: await homeOrganizationOf(db, account.memberId),
    grants,
    permissions: [...all].sort(),
    csrfToken
  };
}
async function logout(ctx, tokenHash) {
  const actor = requireActor(ctx);
  const where = await organizationOfAccount(ctx.db, actor.accountId);
  await ctx.db.transaction(async (tx) => {
    await deleteSession(tx, tokenHash);
    await auditAccountEvent(tx, { at: ctx.clock.now(), actor, action: "session.logout", accountId: actor.accountId, where });
  });
}
async function changePassword(ctx, input, currentTokenHash) {
  const actor = requireActor(ctx);
  const account = await findAccount(ctx.db, actor.accountId);
  if (!account || !await verifyPassword(account.passwordHash, input.currentPassword)) throw new AppError("wrong_password");
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  const where = await organizationOfAccount(ctx.db, account.id);
  await ctx.db.transaction(async (tx) => {
    await updateAccount(tx, account.id, { passwordHash, passwordChangedAt: now });
    await deleteSessionsOf(tx, account.id, currentTokenHash);
    await auditAccountEvent(tx, { at: now, actor, action: "account.password_changed", accountId: account.id, where });
  });
}
async function resetPassword(db, clock, login2, newPassword) {
  const checked = NewPassword.safeParse(newPassword);
  if (!checked.success) throw new AppError("weak_password", checked.error.issues[0]?.message);
  const account = await findAccountByLogin(db, login2);
  if (!account) throw new AppError("not_found", `Kh\xF4ng c\xF3 t\xE0i kho\u1EA3n "${login2}".`);
  const passwordHash = await hashPassword(newPassword);
  const now = clock.now();
  const where = await organizationOfAccount(db, account.id);
  await db.transaction(async (tx) => {
    await updateAccount(tx, account.id, { passwordHash, passwordChangedAt: now, failedLogins: 0, lockedUntil: null });
    await deleteSessionsOf(tx, account.id);
    await auditAccountEvent(tx, { at: now, actor: null, actorName: "operator (chibo CLI)", action: "account.password_reset", accountId: account.id, where });
  });
  return account;
}

// apps/server/src/plugins/auth.ts
var SESSION_COOKIE = "chibo_session";
var SAFE_METHODS = /* @__PURE__ */ new Set(["GET", "HEAD", "OPTIONS"]);
function sameToken(a, b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto4.timingSafeEqual(x, y);
}
function enforceRouteAuthz(app) {
  const routes = [];
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/v1")) return;
    const authz = route.config?.authz;
    if (authz !== "public" && authz !== "session") {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no config.authz`);
    }
    for (const method of [route.method].flat()) if (method !== "HEAD") routes.push({ method, url: route.url, authz });
  });
  return routes;
}
function registerAuth(app, deps) {
  app.decorateRequest("ctx", null);
  app.decorateRequest("session", null);
  app.addHook("onRequest", async (req) => {
    const token = req.url.startsWith("/api/") ? req.cookies[SESSION_COOKIE] : void 0;
    req.session = token ? await resolveSession(deps.db, deps.clock, token, deps.settings) : null;
    req.ctx = { db: deps.db, clock: deps.clock, log: req.log, actor: req.session?.actor ?? null };
    if (req.is404 || !req.routeOptions.url?.startsWith("/api/v1")) return;
    const authz = req.routeOptions.config.authz;
    if (authz === "public") return;
    if (authz !== "session") throw new AppError("forbidden");
    if (!req.session) throw new AppError("unauthenticated");
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers["x-csrf-token"];
      if (typeof header !== "string" || !sameToken(header, req.session.csrfToken)) throw new AppError("csrf_failed");
    }
  });
}

// apps/server/src/plugins/web.ts
import fs5 from "node:fs";
import path6 from "node:path";
import fastifyStatic from "@fastify/static";
async function registerWeb(app, webDist) {
  const index6 = path6.join(webDist, "index.html");
  if (!fs5.existsSync(index6)) {
    app.log.warn({ webDist }, "web app not built: run `npm run build` to serve the pages");
    return;
  }
  await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false, maxAge: "1h" });
  const html = await fs5.promises.readFile(index6, "utf8");
  app.get("/*", { schema: { hide: true } }, (req, reply) => {
    if (req.url.startsWith("/api/")) {
      return reply.status(404).send({ error: "not_found", message: "Kh\xF4ng t\xECm th\u1EA5y." });
    }
    return reply.header("cache-control", "no-cache").type("text/html; charset=utf-8").send(html);
  });
}

// apps/server/src/plugins/idempotency.ts
import crypto5 from "node:crypto";
import { and as and3, eq as eq4, lt as lt3, or as or3, isNull } from "drizzle-orm";
var KEY = /^[A-Za-z0-9_.:-]{8,200}$/;
var RETENTION_MS = 24 * 36e5;
var STALE_CLAIM_MS = 6e4;
function requestHash(req) {
  return crypto5.createHash("sha256").update(`${req.method} ${req.url}
${JSON.stringify(req.body ?? null)}`).digest("hex");
}
function registerIdempotency(app, deps) {
  app.decorateRequest("idempotencyClaim", null);
  app.addHook("preHandler", async (req, reply) => {
    const header = req.headers["idempotency-key"];
    if (req.method !== "POST" || header === void 0 || !req.session) return;
    if (typeof header !== "string" || !KEY.test(header)) {
      throw new AppError("validation_failed", "Idempotency-Key ph\u1EA3i g\u1ED3m 8\u2013200 k\xFD t\u1EF1 ch\u1EEF, s\u1ED1 ho\u1EB7c _ . : -");
    }
    const accountId = req.session.actor.accountId;
    const hash2 = requestHash(req);
    const now = deps.clock.now();
    const db = deps.db;
    await db.delete(idempotencyKeys).where(
      or3(
        lt3(idempotencyKeys.createdAt, new Date(now.getTime() - RETENTION_MS)),
        and3(isNull(idempotencyKeys.status), lt3(idempotencyKeys.createdAt, new Date(now.getTime() - STALE_CLAIM_MS)))
      )
    );
    const claimed = await db.insert(idempotencyKeys).values({ accountId, key: header, requestHash: hash2, createdAt: now }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
    if (claimed.length === 1) {
      req.idempotencyClaim = { accountId, key: header };
      return;
    }
    const [prior] = await db.select().from(idempotencyKeys).where(and3(eq4(idempotencyKeys.accountId, accountId), eq4(idempotencyKeys.key, header)));
    if (!prior) throw new AppError("request_in_progress");
    if (prior.requestHash !== hash2) throw new AppError("idempotency_key_reused");
    if (prior.status === null) throw new AppError("request_in_progress");
    return reply.status(prior.status).header("idempotent-replayed", "true").type(prior.contentType ?? "application/json; charset=utf-8").send(prior.body ?? "");
  });
  app.addHook("onSend", async (req, reply, payload) => {
    const claim = req.idempotencyClaim;
    if (!claim) return payload;
    req.idempotencyClaim = null;
    const where = and3(eq4(idempotencyKeys.accountId, claim.accountId), eq4(idempotencyKeys.key, claim.key));
    if (reply.statusCode >= 500) {
      await deps.db.delete(idempotencyKeys).where(where);
    } else {
      const contentType = reply.getHeader("content-type");
      await deps.db.update(idempotencyKeys).set({ status: reply.statusCode, contentType: typeof contentType === "string" ? contentType : null, body: typeof payload === "string" ? payload : null }).where(where);
    }
    return payload;
  });
}

// apps/server/src/modules/auth/auth.routes.ts
import { ChangePasswordInput, ErrorResponse, LoginInput, MeDto, OkResponse } from "@chibo/core";
var errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 423: ErrorResponse, 429: ErrorResponse };
var authRoutes = async (app, opts) => {
  const cookie2 = { path: "/", httpOnly: true, sameSite: "lax", secure: opts.cookieSecure };
  app.post("/api/v1/auth/login", {
    config: { authz: "public", rateLimit: { max: opts.loginRatePerMinute, timeWindow: "1 minute" } },
    schema: { tags: ["auth"], summary: "\u0110\u0103ng nh\u1EADp", body: LoginInput, response: { 200: MeDto, ...errors } },
    handler: async (req, reply) => {
      const result = await login(req.ctx, opts.settings, req.body, { ip: req.ip, userAgent: req.headers["user-agent"] });
      void reply.setCookie(SESSION_COOKIE, result.token, { ...cookie2, expires: result.cookieExpiresAt });
      return result.me;
    }
  });
  app.post("/api/v1/auth/logout", {
    config: { authz: "session" },
    schema: { tags: ["auth"], summary: "\u0110\u0103ng xu\u1EA5t", response: { 200: OkResponse, ...errors } },
    handler: async (req, reply) => {
      await logout(req.ctx, requireSession(req.session).tokenHash);
      void reply.clearCookie(SESSION_COOKIE, cookie2);
      return { ok: true };
    }
  });
  app.post("/api/v1/auth/password", {
    // Checking the current password is a password guess too.
    config: { authz: "session", rateLimit: { max: opts.loginRatePerMinute, timeWindow: "1 minute" } },
    schema: { tags: ["auth"], summary: "\u0110\u1ED5i m\u1EADt kh\u1EA9u", body: ChangePasswordInput, response: { 200: OkResponse, ...errors } },
    handler: async (req) => {
      await changePassword(req.ctx, req.body, requireSession(req.session).tokenHash);
      return { ok: true };
    }
  });
  app.get("/api/v1/me", {
    config: { authz: "session" },
    schema: { tags: ["auth"], summary: "Ng\u01B0\u1EDDi d\xF9ng hi\u1EC7n t\u1EA1i v\xE0 quy\u1EC1n", response: { 200: MeDto, ...errors } },
    handler: async (req) => {
      const s = requireSession(req.session);
      return buildMe(req.ctx.db, s.actor, s.csrfToken, s.account);
    }
  });
};
function requireSession(s) {
  if (!s) throw new AppError("unauthenticated");
  return s;
}

// apps/server/src/modules/organizations/organizations.routes.ts
import {
  CreateOrganizationInput,
  ErrorResponse as ErrorResponse2,
  IdParams,
  OrganizationDto,
  OrganizationListResponse,
  UpdateOrganizationInput
} from "@chibo/core";

// apps/server/src/modules/organizations/organizations.presenter.ts
function presentOrganization(row) {
  return {
    id: row.id,
    parentId: row.parentId,
    kind: row.kind,
    name: row.name,
    cellType: row.cellType ?? null,
    timeZone: row.timeZone,
    depth: row.depth,
    path: row.path,
    closedAt: row.closedAt?.toISOString() ?? null
  };
}

// apps/server/src/modules/organizations/organizations.service.ts
import crypto6 from "node:crypto";
import { isCellKind, mayContain } from "@chibo/core";
async function listVisibleOrganizations(ctx) {
  const actor = requireActor(ctx);
  return listSubtrees(ctx.db, actor.grants.map((g) => g.organizationPath));
}
async function getOrganization(ctx, id) {
  return authorizeOnOrganization(ctx, "org.read", id);
}
async function createOrganization(ctx, input) {
  const actor = requireActor(ctx);
  const parent = await authorizeOnOrganization(ctx, "org.manage", input.parentId);
  if (parent.closedAt) throw new AppError("organization_closed");
  if (!mayContain(parent.kind, input.kind)) {
    throw new AppError(
      "validation_failed",
      isCellKind(parent.kind) ? "Chi b\u1ED9 kh\xF4ng c\xF3 t\u1ED5 ch\u1EE9c \u0111\u1EA3ng tr\u1EF1c thu\u1ED9c." : "Lo\u1EA1i t\u1ED5 ch\u1EE9c n\xE0y kh\xF4ng th\u1EC3 tr\u1EF1c thu\u1ED9c t\u1ED5 ch\u1EE9c \u0111\xE3 ch\u1ECDn."
    );
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await insertOrganization(
      tx,
      {
        id: crypto6.randomUUID(),
        parentId: parent.id,
        kind: input.kind,
        name: input.name,
        cellType: isCellKind(input.kind) ? input.cellType ?? null : null,
        timeZone: input.timeZone ?? parent.timeZone,
        createdAt: now,
        updatedAt: now
      },
      parent
    );
    await recordAudit(tx, {
      at: now,
      actorAccountId: actor.accountId,
      actorName: actor.displayName,
      action: "organization.created",
      targetType: "organization",
      targetId: row.id,
      organizationId: row.id,
      organizationPath: row.path,
      data: { name: row.name, kind: row.kind, parentId: parent.id }
    });
    return row;
  });
}
async function updateOrganization2(ctx, id, input) {
  const actor = requireActor(ctx);
  await authorizeOnOrganization(ctx, "org.manage", id);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const org = await lockOrganization(tx, id);
    if (!org) throw new AppError("not_found", "Kh\xF4ng t\xECm th\u1EA5y t\u1ED5 ch\u1EE9c \u0111\u1EA3ng.");
    if (org.closedAt) throw new AppError("organization_closed");
    const patch = {};
    if (input.name !== void 0) patch.name = input.name;
    if (input.timeZone !== void 0) patch.timeZone = input.timeZone;
    if (input.cellType !== void 0 && isCellKind(org.kind)) patch.cellType = input.cellType;
    const row = await updateOrganization(tx, id, patch, now);
    await recordAudit(tx, {
      at: now,
      actorAccountId: actor.accountId,
      actorName: actor.displayName,
      action: "organization.updated",
      targetType: "organization",
      targetId: id,
      organizationId: id,
      organizationPath: org.path,
      // What was stored, not what was sent.
      data: {
        before: { name: org.name, cellType: org.cellType, timeZone: org.timeZone },
        after: { name: row.name, cellType: row.cellType, timeZone: row.timeZone }
      }
    });
    return row;
  });
}

// apps/server/src/modules/organizations/organizations.routes.ts
var errors2 = { 400: ErrorResponse2, 401: ErrorResponse2, 403: ErrorResponse2, 404: ErrorResponse2, 409: ErrorResponse2 };
var organizationRoutes = async (app) => {
  app.get("/api/v1/organizations", {
    config: { authz: "session" },
    schema: { tags: ["organizations"], summary: "C\xE1c t\u1ED5 ch\u1EE9c \u0111\u1EA3ng ng\u01B0\u1EDDi d\xF9ng \u0111\u01B0\u1EE3c xem", response: { 200: OrganizationListResponse, ...errors2 } },
    handler: async (req) => ({ items: (await listVisibleOrganizations(req.ctx)).map(presentOrganization) })
  });
  app.get("/api/v1/organizations/:id", {
    config: { authz: "session" },
    schema: { tags: ["organizations"], params: IdParams, response: { 200: OrganizationDto, ...errors2 } },
    handler: async (req) => presentOrganization(await getOrganization(req.ctx, req.params.id))
  });
  app.post("/api/v1/organizations", {
    config: { authz: "session" },
    schema: { tags: ["organizations"], summary: "Th\xEAm t\u1ED5 ch\u1EE9c \u0111\u1EA3ng tr\u1EF1c thu\u1ED9c", body: CreateOrganizationInput, response: { 201: OrganizationDto, ...errors2 } },
    handler: async (req, reply) => reply.status(201).send(presentOrganization(await createOrganization(req.ctx, req.body)))
  });
  app.patch("/api/v1/organizations/:id", {
    config: { authz: "session" },
    schema: { tags: ["organizations"], params: IdParams, body: UpdateOrganizationInput, response: { 200: OrganizationDto, ...errors2 } },
    handler: async (req) => presentOrganization(await updateOrganization2(req.ctx, req.params.id, req.body))
  });
};

// apps/server/src/modules/members/members.routes.ts
import { CreateMemberInput, ErrorResponse as ErrorResponse3, IdParams as IdParams2, MemberDto, MemberListResponse } from "@chibo/core";

// apps/server/src/modules/members/members.presenter.ts
function presentMemberSummary(row) {
  return {
    id: row.id,
    organizationId: row.organizationId,
    fullName: row.fullName,
    gender: row.gender ?? null,
    status: row.status,
    position: row.position ?? null
  };
}
function presentMember(row) {
  return {
    ...presentMemberSummary(row),
    birthDate: row.birthDate,
    admittedOn: row.admittedOn,
    confirmedOn: row.confirmedOn,
    email: row.email,
    phone: row.phone
  };
}

// apps/server/src/modules/members/members.service.ts
import { compareVietnameseNames, foldForSearch, isCellKind as isCellKind2 } from "@chibo/core";

// apps/server/src/modules/members/members.repo.ts
import { eq as eq5 } from "drizzle-orm";
async function listMembersOf(db, organizationId) {
  return db.select().from(members).where(eq5(members.organizationId, organizationId));
}
async function findMember(db, id) {
  const [row] = await db.select().from(members).where(eq5(members.id, id));
  return row;
}
async function insertMember(db, values) {
  const [row] = await db.insert(members).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

// apps/server/src/modules/members/members.service.ts
async function listMembers(ctx, organizationId) {
  await authorizeOnOrganization(ctx, "member.read", organizationId);
  const rows = await listMembersOf(ctx.db, organizationId);
  return rows.sort((a, b) => compareVietnameseNames(a.fullName, b.fullName));
}
async function getMember(ctx, id) {
  const actor = requireActor(ctx);
  const member = await findMember(ctx.db, id);
  if (!member) throw new AppError("not_found", "Kh\xF4ng t\xECm th\u1EA5y \u0111\u1EA3ng vi\xEAn.");
  if (actor.memberId === member.id) return member;
  try {
    await authorizeOnOrganization(ctx, "member.read_private", member.organizationId);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") throw new AppError("not_found", "Kh\xF4ng t\xECm th\u1EA5y \u0111\u1EA3ng vi\xEAn.");
    throw err;
  }
  return member;
}
async function createMember(ctx, organizationId, input) {
  const actor = requireActor(ctx);
  const org = await authorizeOnOrganization(ctx, "member.manage", organizationId);
  if (org.closedAt) throw new AppError("organization_closed");
  if (!isCellKind2(org.kind)) {
    throw new AppError("validation_failed", "\u0110\u1EA3ng vi\xEAn ch\u1EC9 sinh ho\u1EA1t \u1EDF chi b\u1ED9: h\xE3y ch\u1ECDn m\u1ED9t chi b\u1ED9.");
  }
  if (input.status === "probationary" && !input.admittedOn) {
    throw new AppError("validation_failed", "\u0110\u1EA3ng vi\xEAn d\u1EF1 b\u1ECB c\u1EA7n c\xF3 ng\xE0y v\xE0o \u0110\u1EA3ng.");
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await insertMember(tx, {
      organizationId,
      fullName: input.fullName,
      searchName: foldForSearch(input.fullName),
      gender: input.gender ?? null,
      birthDate: input.birthDate ?? null,
      status: input.status,
      position: input.position ?? null,
      admittedOn: input.admittedOn ?? null,
      confirmedOn: input.confirmedOn ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      createdAt: now,
      updatedAt: now
    });
    await recordAudit(tx, {
      at: now,
      actorAccountId: actor.accountId,
      actorName: actor.displayName,
      action: "member.created",
      targetType: "member",
      targetId: row.id,
      organizationId,
      organizationPath: org.path,
      data: { fullName: row.fullName, status: row.status, position: row.position }
    });
    return row;
  });
}

// apps/server/src/modules/members/members.routes.ts
var errors3 = { 400: ErrorResponse3, 401: ErrorResponse3, 403: ErrorResponse3, 404: ErrorResponse3, 409: ErrorResponse3 };
var memberRoutes = async (app) => {
  app.get("/api/v1/organizations/:id/members", {
    config: { authz: "session" },
    schema: { tags: ["members"], summary: "Danh s\xE1ch \u0111\u1EA3ng vi\xEAn c\u1EE7a chi b\u1ED9", params: IdParams2, response: { 200: MemberListResponse, ...errors3 } },
    handler: async (req) => ({ items: (await listMembers(req.ctx, req.params.id)).map(presentMemberSummary) })
  });
  app.post("/api/v1/organizations/:id/members", {
    config: { authz: "session" },
    schema: { tags: ["members"], summary: "Th\xEAm \u0111\u1EA3ng vi\xEAn", params: IdParams2, body: CreateMemberInput, response: { 201: MemberDto, ...errors3 } },
    handler: async (req, reply) => reply.status(201).send(presentMember(await createMember(req.ctx, req.params.id, req.body)))
  });
  app.get("/api/v1/members/:id", {
    config: { authz: "session" },
    schema: { tags: ["members"], summary: "H\u1ED3 s\u01A1 \u0111\u1EA3ng vi\xEAn", params: IdParams2, response: { 200: MemberDto, ...errors3 } },
    handler: async (req) => presentMember(await getMember(req.ctx, req.params.id))
  });
};

// apps/server/src/modules/audit/audit.routes.ts
import { AuditListQuery, AuditListResponse, ErrorResponse as ErrorResponse4 } from "@chibo/core";

// apps/server/src/modules/audit/audit.presenter.ts
function presentAuditEvent(r) {
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    actorAccountId: r.actorAccountId,
    actorName: r.actorName,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    organizationId: r.organizationId,
    data: r.data
  };
}

// apps/server/src/modules/audit/audit.service.ts
async function listAudit(ctx, organizationId, limit, beforeSeq) {
  const org = await authorizeOnOrganization(ctx, "audit.read", organizationId);
  return listAuditEvents(ctx.db, org.path, limit, beforeSeq);
}

// apps/server/src/modules/audit/audit.routes.ts
var errors4 = { 400: ErrorResponse4, 401: ErrorResponse4, 403: ErrorResponse4, 404: ErrorResponse4 };
var auditRoutes = async (app) => {
  app.get("/api/v1/audit", {
    config: { authz: "session" },
    schema: { tags: ["audit"], summary: "Nh\u1EADt k\xFD thay \u0111\u1ED5i c\u1EE7a m\u1ED9t t\u1ED5 ch\u1EE9c v\xE0 c\u1EA5p d\u01B0\u1EDBi", querystring: AuditListQuery, response: { 200: AuditListResponse, ...errors4 } },
    handler: async (req) => ({ items: (await listAudit(req.ctx, req.query.organizationId, req.query.limit, req.query.beforeSeq)).map(presentAuditEvent) })
  });
};

// apps/server/src/modules/health/health.routes.ts
var healthRoutes = async (app, { database }) => {
  app.get("/healthz", { schema: { hide: true } }, () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true } }, async (req, reply) => {
    try {
      await database.ping();
      return { status: "ready", database: database.mode };
    } catch (err) {
      req.log.warn({ err }, "database not reachable");
      return reply.status(503).send({ error: "not_ready", message: "C\u01A1 s\u1EDF d\u1EEF li\u1EC7u kh\xF4ng truy c\u1EADp \u0111\u01B0\u1EE3c." });
    }
  });
};

// apps/server/src/app.ts
async function buildApp(opts) {
  const { config, database } = opts;
  const clock = opts.clock ?? systemClock;
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Per-request lines only when debugging: at info, the log holds what happened, not every GET.
    logController: new LogController({ disableRequestLogging: config.logLevel !== "debug" && config.logLevel !== "trace" })
  }).withTypeProvider();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  const apiRoutes = enforceRouteAuthz(app);
  app.decorate("apiRoutes", apiRoutes);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine writes its CSS variables in a <style> element.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null
      }
    }
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError("rate_limited")
  });
  await app.register(swagger, {
    openapi: {
      info: { title: "Chi b\u1ED9 s\u1ED1 API", version: "1.0.0", description: "API c\u1EE7a Chi b\u1ED9 s\u1ED1. L\u1ED7i: { error, message }." },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "chibo_session" } } }
    },
    transform: jsonSchemaTransform
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  const authSettings = {
    sessionTtlHours: config.sessionTtlHours,
    sessionMaxHours: config.sessionMaxHours,
    loginMaxFailures: config.loginMaxFailures,
    loginLockMinutes: config.loginLockMinutes
  };
  registerAuth(app, {
    db: database.db,
    clock,
    settings: authSettings
  });
  registerIdempotency(app, { db: database.db, clock });
  if (database.mode === "embedded") {
    app.addHook("onSend", async (req) => {
      if (req.method !== "GET" && req.method !== "HEAD" && req.method !== "OPTIONS") database.flush();
    });
  }
  await app.register(healthRoutes, { database });
  await app.register(authRoutes, {
    settings: authSettings,
    cookieSecure: config.cookieSecure,
    loginRatePerMinute: config.loginRatePerMinute
  });
  await app.register(organizationRoutes);
  await app.register(memberRoutes);
  await app.register(auditRoutes);
  if (opts.serveWeb !== false) await registerWeb(app, config.webDist);
  return app;
}

// apps/server/src/demo/seed-demo.ts
import crypto7 from "node:crypto";
import { sql as sql6 } from "drizzle-orm";
import { foldForSearch as foldForSearch2 } from "@chibo/core";

// apps/server/src/demo/demo-data.ts
var DEMO_PASSWORD = "ChiBo@2026";
var DEMO_SUPERIOR = "\u0110\u1EA3ng b\u1ED9 C\u01A1 quan Li\xEAn \u0111o\xE0n Lao \u0111\u1ED9ng th\xE0nh ph\u1ED1 H\xE0 N\u1ED9i";
var DEMO_SUPERIOR_ACCOUNTS = [
  { username: "capuy", displayName: "\u0110\u1ED7 Th\u1ECB H\u1ED3ng Nhung", roles: ["superior"], label: "C\u1EA5p \u1EE7y c\u1EA5p tr\xEAn (\u0110\u1EA3ng \u1EE7y C\u01A1 quan)" },
  { username: "quantri", displayName: "Qu\u1EA3n tr\u1ECB h\u1EC7 th\u1ED1ng", roles: ["admin"], label: "Qu\u1EA3n tr\u1ECB" }
];
var m = (fullName, gender, birthDate, status, admittedOn, extra = {}) => ({
  fullName,
  gender,
  birthDate,
  status,
  admittedOn,
  ...status === "probationary" ? {} : { confirmedOn: addYear(admittedOn) },
  ...extra
});
function addYear(iso) {
  const [y, mo, d] = iso.split("-");
  return `${Number(y) + 1}-${mo}-${d}`;
}
var DEMO_CELLS = [
  {
    name: "Chi b\u1ED9 Qu\u1EF9 tr\u1EE3 v\u1ED1n c\xF4ng nh\xE2n vi\xEAn ch\u1EE9c lao \u0111\u1ED9ng ngh\xE8o Th\u1EE7 \u0111\xF4 ph\xE1t tri\u1EC3n kinh t\u1EBF gia \u0111\xECnh",
    cellType: "administrative",
    members: [
      m("L\xEA Minh Tu\u1EA5n", "male", "1972-04-12", "official", "1998-05-19", { position: "secretary", account: { username: "bithu", roles: ["cell_officer", "member"] } }),
      m("Tr\u1EA7n Th\u1ECB Thu H\xE0", "female", "1979-09-02", "official", "2004-03-26", { position: "deputy_secretary" }),
      m("Ph\u1EA1m V\u0103n \u0110\u1EE9c", "male", "1981-11-20", "official", "2006-12-22", { position: "committee_member" }),
      m("Nguy\u1EC5n Th\u1ECB Lan", "female", "1985-06-15", "official", "2010-02-03", { account: { username: "dangvien", roles: ["member"] } }),
      m("Nguy\u1EC5n Th\u1ECB L\xE2n", "female", "1987-01-30", "official", "2012-07-27"),
      m("\u0110\u1EB7ng Qu\u1ED1c B\u1EA3o", "male", "1983-03-08", "official", "2009-09-02"),
      m("V\u0169 Ho\xE0ng Anh", "male", "1990-10-10", "official", "2015-05-19"),
      m("Ho\xE0ng Th\u1ECB Mai", "female", "1988-12-24", "official", "2014-03-08"),
      m("B\xF9i \u0110\u1EE9c Th\u1EAFng", "male", "1977-08-19", "official", "2001-06-30"),
      m("\u0110inh Th\u1ECB Ng\u1ECDc \xC1nh", "female", "1992-05-05", "official", "2018-11-07"),
      m("Ng\xF4 V\u0103n D\u0169ng", "male", "1958-02-14", "exempt", "1985-01-09"),
      m("L\xFD Th\u1ECB Ph\u01B0\u01A1ng", "female", "1998-07-21", "probationary", "2026-03-26")
    ]
  },
  {
    name: "Chi b\u1ED9 V\u0103n ph\xF2ng Li\xEAn \u0111o\xE0n Lao \u0111\u1ED9ng th\xE0nh ph\u1ED1",
    cellType: "administrative",
    members: [
      m("H\xE0 V\u0103n Kh\xE1nh", "male", "1975-03-03", "official", "2000-02-03", { position: "secretary" }),
      m("\u0110\u1ED7 Th\u1ECB Thanh H\u01B0\u01A1ng", "female", "1982-08-08", "official", "2007-05-19", { position: "deputy_secretary" }),
      m("Tr\u1ECBnh C\xF4ng S\u01A1n", "male", "1980-01-17", "official", "2005-09-02"),
      m("Cao Th\u1ECB Y\u1EBFn", "female", "1986-04-29", "official", "2011-12-22"),
      m("Mai Xu\xE2n Tr\u01B0\u1EDDng", "male", "1984-06-06", "official", "2010-07-27"),
      m("T\u1EA1 Th\u1ECB B\xEDch", "female", "1991-09-13", "official", "2016-03-26"),
      m("L\u01B0\u01A1ng V\u0103n H\u1EA3i", "male", "1979-11-11", "official", "2003-10-14"),
      m("Ki\u1EC1u Th\u1ECB Oanh", "female", "1993-02-22", "official", "2019-05-19"),
      m("D\u01B0\u01A1ng Minh Ch\xE2u", "male", "1989-12-01", "official", "2014-08-19"),
      m("Phan Th\u1ECB H\u1EA1nh", "female", "1995-03-30", "probationary", "2026-01-09"),
      m("T\xF4 V\u0103n Long", "male", "1961-07-07", "exempt", "1988-06-30")
    ]
  },
  {
    name: "Chi b\u1ED9 Ban T\u1ED5 ch\u1EE9c \u2013 Ki\u1EC3m tra",
    cellType: "administrative",
    members: [
      m("Qu\xE1ch Th\u1ECB Di\u1EC7u Linh", "female", "1978-10-20", "official", "2002-03-08", { position: "secretary" }),
      m("L\u1EA1i V\u0103n To\xE0n", "male", "1983-05-25", "official", "2008-05-19", { position: "deputy_secretary" }),
      m("\u0110o\xE0n Th\u1ECB Kim Chi", "female", "1987-08-16", "official", "2012-09-02"),
      m("Chu V\u0103n Nam", "male", "1980-04-04", "official", "2006-02-03"),
      m("H\u1ED3 Th\u1ECB Th\u1EA3o", "female", "1990-12-12", "official", "2015-12-22"),
      m("Vi V\u0103n T\xF9ng", "male", "1986-07-30", "official", "2011-07-27"),
      m("N\xF4ng Th\u1ECB Hoa", "female", "1994-01-05", "official", "2020-03-26"),
      m("\xC2u V\u0103n Qu\xFD", "male", "1976-09-09", "official", "2001-10-14"),
      m("M\u1EA1c Th\u1ECB Duy\xEAn", "female", "1997-11-19", "probationary", "2025-12-22"),
      m("Tri\u1EC7u V\u0103n B\xECnh", "male", "1963-06-18", "exempt", "1990-02-03")
    ]
  }
];

// apps/server/src/demo/seed-demo.ts
function demoAccounts() {
  return [
    { username: "dangvien", password: DEMO_PASSWORD, label: "\u0110\u1EA3ng vi\xEAn, Chi b\u1ED9 Qu\u1EF9 tr\u1EE3 v\u1ED1n" },
    { username: "bithu", password: DEMO_PASSWORD, label: "B\xED th\u01B0 Chi b\u1ED9 Qu\u1EF9 tr\u1EE3 v\u1ED1n" },
    ...DEMO_SUPERIOR_ACCOUNTS.map((a) => ({ username: a.username, password: DEMO_PASSWORD, label: a.label }))
  ];
}
var SEED_ACTOR = "chibo seed-demo";
async function seedDemo(db, clock) {
  if (await countOrganizations(db) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const entries = [];
    const audit2 = (action, targetType, targetId, org, data) => entries.push({ at: now, actorAccountId: null, actorName: SEED_ACTOR, action, targetType, targetId, organizationId: org.id, organizationPath: org.path, data });
    await tx.execute(sql6`select pg_advisory_xact_lock(7310043)`);
    if (await countOrganizations(tx) > 0) return;
    const superior = await insertOrganization(
      tx,
      { id: crypto7.randomUUID(), parentId: null, kind: "grassroots_committee", name: DEMO_SUPERIOR, cellType: null },
      null
    );
    audit2("organization.created", "organization", superior.id, superior, { name: superior.name, demo: true });
    for (const a of DEMO_SUPERIOR_ACCOUNTS) {
      const account = await insertAccount(tx, { username: a.username, displayName: a.displayName, passwordHash });
      for (const role of a.roles) await insertGrant(tx, account.id, superior.id, role);
      audit2("account.created", "account", account.id, superior, { username: a.username, roles: a.roles });
    }
    for (const cell of DEMO_CELLS) {
      const org = await insertOrganization(
        tx,
        { id: crypto7.randomUUID(), parentId: superior.id, kind: "cell", name: cell.name, cellType: cell.cellType },
        superior
      );
      audit2("organization.created", "organization", org.id, org, { name: org.name, demo: true });
      for (const dm of cell.members) {
        const member = await insertMember(tx, {
          organizationId: org.id,
          fullName: dm.fullName.normalize("NFC"),
          searchName: foldForSearch2(dm.fullName),
          gender: dm.gender,
          birthDate: dm.birthDate,
          status: dm.status,
          position: dm.position ?? null,
          admittedOn: dm.admittedOn,
          confirmedOn: dm.confirmedOn ?? null
        });
        audit2("member.created", "member", member.id, org, { fullName: member.fullName, status: member.status });
        if (dm.account) {
          const account = await insertAccount(tx, {
            username: dm.account.username,
            displayName: dm.fullName,
            passwordHash,
            memberId: member.id
          });
          for (const role of dm.account.roles) await insertGrant(tx, account.id, org.id, role);
          audit2("account.created", "account", account.id, org, { username: dm.account.username, roles: dm.account.roles });
        }
      }
    }
    await recordAuditBatch(tx, entries);
  });
  return true;
}

// apps/server/src/modules/setup/setup.service.ts
import crypto8 from "node:crypto";
import { sql as sql7 } from "drizzle-orm";
import { CreateRootInput } from "@chibo/core";
async function initInstallation(db, clock, raw) {
  const parsed = CreateRootInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("validation_failed", `${issue?.path.join(".") ?? ""}: ${issue?.message ?? ""}`);
  }
  const input = parsed.data;
  const password = input.password ?? crypto8.randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password);
  const now = clock.now();
  return db.transaction(async (tx) => {
    await tx.execute(sql7`select pg_advisory_xact_lock(7310043)`);
    if (await findAccountByLogin(tx, input.username)) throw new AppError("conflict", `T\xE0i kho\u1EA3n "${input.username}" \u0111\xE3 c\xF3.`);
    const org = await insertOrganization(
      tx,
      { id: crypto8.randomUUID(), parentId: null, kind: input.kind, name: input.organizationName, cellType: null, createdAt: now, updatedAt: now },
      null
    );
    const account = await insertAccount(tx, { username: input.username, displayName: input.displayName, passwordHash });
    await insertGrant(tx, account.id, org.id, "admin");
    const base = { at: now, actorAccountId: null, actorName: "operator (chibo init)", organizationId: org.id, organizationPath: org.path };
    await recordAuditBatch(tx, [
      { ...base, action: "organization.created", targetType: "organization", targetId: org.id, data: { name: org.name, kind: org.kind } },
      { ...base, action: "account.created", targetType: "account", targetId: account.id, data: { username: account.username, roles: ["admin"] } }
    ]);
    return { organizationId: org.id, username: account.username, password };
  });
}

// apps/server/src/cli/main.ts
var startedAt = performance.now();
function open(config) {
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
}
async function withDatabase(fn) {
  const config = loadConfig();
  const database = await open(config);
  try {
    return await fn(database, config);
  } finally {
    await database.close();
  }
}
function printDemoAccounts() {
  console.log("\nT\xE0i kho\u1EA3n d\xF9ng th\u1EED (demo accounts):");
  for (const a of demoAccounts()) console.log(`  ${a.username.padEnd(10)} m\u1EADt kh\u1EA9u: ${a.password}   ${a.label}`);
  console.log("");
}
var program = new Command("chibo").description("Chi b\u1ED9 s\u1ED1 \u2014 sinh ho\u1EA1t chi b\u1ED9").showHelpAfterError();
program.command("serve").description("Ch\u1EA1y m\xE1y ch\u1EE7 (API v\xE0 trang web)").option("--seed-demo", "n\u1EA1p d\u1EEF li\u1EC7u d\xF9ng th\u1EED n\u1EBFu c\u01A1 s\u1EDF d\u1EEF li\u1EC7u c\xF2n tr\u1ED1ng").action(async (opts) => {
  const config = loadConfig();
  const database = await open(config);
  if (opts.seedDemo && database.mode === "server" && !config.demoOnServer) {
    console.log("PostgreSQL: kh\xF4ng n\u1EA1p d\u1EEF li\u1EC7u d\xF9ng th\u1EED (\u0111\u1EB7t CHIBO_DEMO=1 n\u1EBFu mu\u1ED1n). C\xE0i \u0111\u1EB7t m\u1EDBi: `chibo init` t\u1EA1o t\u1ED5 ch\u1EE9c g\u1ED1c v\xE0 t\xE0i kho\u1EA3n qu\u1EA3n tr\u1ECB.");
  } else if (opts.seedDemo) {
    const seeded = await seedDemo(database.db, systemClock);
    database.flush();
    console.log(seeded ? "\u0110\xE3 n\u1EA1p d\u1EEF li\u1EC7u d\xF9ng th\u1EED." : "C\u01A1 s\u1EDF d\u1EEF li\u1EC7u \u0111\xE3 c\xF3 d\u1EEF li\u1EC7u: kh\xF4ng n\u1EA1p l\u1EA1i d\u1EEF li\u1EC7u d\xF9ng th\u1EED.");
    printDemoAccounts();
  }
  const app = await buildApp({ config, database });
  let closing = false;
  const shutdown = async (signal) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  await app.listen({ port: config.port, host: config.host });
  const ms = Math.round(performance.now() - startedAt);
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  app.log.info({ startupMs: ms, rssMb, database: database.mode }, "ready");
  const shownHost = config.host === "0.0.0.0" || config.host === "127.0.0.1" ? "localhost" : config.host;
  console.log(`Chi b\u1ED9 s\u1ED1 s\u1EB5n s\xE0ng t\u1EA1i http://${shownHost}:${config.port} (kh\u1EDFi \u0111\u1ED9ng ${ms} ms, b\u1ED9 nh\u1EDB ${rssMb} MB, CSDL ${database.mode === "embedded" ? `nh\xFAng ${config.dataDir}` : "PostgreSQL"})`);
});
program.command("migrate").description("\xC1p d\u1EE5ng c\xE1c migration v\xE0o c\u01A1 s\u1EDF d\u1EEF li\u1EC7u").action(() => withDatabase(async () => console.log("\u0110\xE3 c\u1EADp nh\u1EADt l\u01B0\u1EE3c \u0111\u1ED3 c\u01A1 s\u1EDF d\u1EEF li\u1EC7u.")));
program.command("seed-demo").description("N\u1EA1p d\u1EEF li\u1EC7u d\xF9ng th\u1EED v\xE0o c\u01A1 s\u1EDF d\u1EEF li\u1EC7u tr\u1ED1ng").action(
  () => withDatabase(async (database) => {
    const seeded = await seedDemo(database.db, systemClock);
    database.flush();
    console.log(seeded ? "\u0110\xE3 n\u1EA1p d\u1EEF li\u1EC7u d\xF9ng th\u1EED." : "C\u01A1 s\u1EDF d\u1EEF li\u1EC7u \u0111\xE3 c\xF3 d\u1EEF li\u1EC7u: kh\xF4ng n\u1EA1p l\u1EA1i.");
    printDemoAccounts();
  })
);
program.command("init").description("C\xE0i \u0111\u1EB7t m\u1EDBi: t\u1EA1o t\u1ED5 ch\u1EE9c \u0111\u1EA3ng g\u1ED1c v\xE0 t\xE0i kho\u1EA3n qu\u1EA3n tr\u1ECB \u0111\u1EA7u ti\xEAn").requiredOption("--organization <name>", 't\xEAn t\u1ED5 ch\u1EE9c \u0111\u1EA3ng g\u1ED1c, v\xED d\u1EE5 "\u0110\u1EA3ng b\u1ED9 Kh\u1ED1i \u2026"').option("--kind <kind>", "committee | grassroots_committee | sub_committee | grassroots_cell | cell", "committee").requiredOption("--admin <username>", "t\xEAn \u0111\u0103ng nh\u1EADp c\u1EE7a qu\u1EA3n tr\u1ECB").option("--display-name <name>", "t\xEAn hi\u1EC3n th\u1ECB c\u1EE7a qu\u1EA3n tr\u1ECB", "Qu\u1EA3n tr\u1ECB h\u1EC7 th\u1ED1ng").option("--password <password>", "m\u1EADt kh\u1EA9u (b\u1ECF tr\u1ED1ng \u0111\u1EC3 sinh ng\u1EABu nhi\xEAn)").action(
  (opts) => withDatabase(async (database) => {
    const result = await initInstallation(database.db, systemClock, {
      organizationName: opts.organization,
      kind: opts.kind,
      username: opts.admin,
      displayName: opts.displayName,
      password: opts.password
    });
    database.flush();
    console.log(`\u0110\xE3 t\u1EA1o t\u1ED5 ch\u1EE9c g\u1ED1c (${result.organizationId}) v\xE0 t\xE0i kho\u1EA3n qu\u1EA3n tr\u1ECB ${result.username}.`);
    if (!opts.password) console.log(`M\u1EADt kh\u1EA9u: ${result.password}  \u2014 h\xE3y \u0111\u1ED5i sau khi \u0111\u0103ng nh\u1EADp.`);
  })
);
program.command("prepare-template").description("T\u1EA1o s\u1EB5n c\u01A1 s\u1EDF d\u1EEF li\u1EC7u nh\xFAng m\u1EABu (\u0111\xE3 migrate) \u0111\u1EC3 l\u1EA7n ch\u1EA1y \u0111\u1EA7u kh\u1EDFi \u0111\u1ED9ng nhanh").action(async () => {
  const { file, created } = await prepareTemplate();
  console.log(created ? `\u0110\xE3 t\u1EA1o m\u1EABu c\u01A1 s\u1EDF d\u1EEF li\u1EC7u: ${file}` : `M\u1EABu c\u01A1 s\u1EDF d\u1EEF li\u1EC7u \u0111\xE3 c\xF3: ${file}`);
});
var audit = program.command("audit").description("Nh\u1EADt k\xFD thay \u0111\u1ED5i");
audit.command("verify").description("Ki\u1EC3m tra chu\u1ED7i b\u0103m c\u1EE7a nh\u1EADt k\xFD; b\xE1o m\u1EAFt x\xEDch h\u1ECFng \u0111\u1EA7u ti\xEAn").option("--expect-head <seq:hash>", "\u0111\u1EA7u chu\u1ED7i \u0111\xE3 ghi l\u1EA1i t\u1EEB l\u1EA7n ki\u1EC3m tra tr\u01B0\u1EDBc (ph\xE1t hi\u1EC7n b\u1EA3n ghi cu\u1ED1i b\u1ECB x\xF3a)").action(
  (opts) => withDatabase(async (database) => {
    const result = await verifyAuditChain(database.db, (n) => process.stderr.write(`\r\u0110\xE3 ki\u1EC3m tra ${n} b\u1EA3n ghi\u2026`));
    process.stderr.write("\n");
    if (!result.ok) {
      const why = {
        hash_mismatch: "n\u1ED9i dung kh\xF4ng kh\u1EDBp m\xE3 b\u0103m",
        prev_mismatch: "kh\xF4ng n\u1ED1i v\u1EDBi b\u1EA3n ghi tr\u01B0\u1EDBc",
        seq_gap: "thi\u1EBFu b\u1EA3n ghi",
        time_reversed: "th\u1EDDi gian l\xF9i so v\u1EDBi b\u1EA3n ghi tr\u01B0\u1EDBc"
      }[result.reason];
      console.log(`NH\u1EACT K\xDD B\u1ECA S\u1EECA: m\u1EAFt x\xEDch h\u1ECFng \u0111\u1EA7u ti\xEAn l\xE0 b\u1EA3n ghi s\u1ED1 ${result.brokenAt} (${why}); ${result.count} b\u1EA3n ghi tr\u01B0\u1EDBc \u0111\xF3 h\u1EE3p l\u1EC7.`);
      process.exitCode = 3;
      return;
    }
    const head = result.head ? `${result.head.seq}:${result.head.hash}` : "0:";
    if (opts.expectHead) {
      const [seqText, hash2] = opts.expectHead.split(":");
      const seq = Number(seqText);
      const reached = result.head && result.head.seq >= seq;
      const matches = reached && await auditHashAt(database.db, seq) === hash2;
      if (!matches) {
        console.log(`NH\u1EACT K\xDD B\u1ECA S\u1EECA: kh\xF4ng c\xF2n b\u1EA3n ghi s\u1ED1 ${seq} v\u1EDBi m\xE3 b\u0103m \u0111\xE3 ghi l\u1EA1i (\u0111\u1EA7u chu\u1ED7i hi\u1EC7n t\u1EA1i ${head}).`);
        process.exitCode = 3;
        return;
      }
    }
    console.log(`Nh\u1EADt k\xFD to\xE0n v\u1EB9n: ${result.count} b\u1EA3n ghi. \u0110\u1EA7u chu\u1ED7i: ${head}`);
    console.log("Ghi l\u1EA1i \u0111\u1EA7u chu\u1ED7i \u1EDF n\u01A1i kh\xE1c; l\u1EA7n sau d\xF9ng --expect-head \u0111\u1EC3 ph\xE1t hi\u1EC7n b\u1EA3n ghi cu\u1ED1i b\u1ECB x\xF3a.");
  })
);
var user = program.command("user").description("T\xE0i kho\u1EA3n");
user.command("reset-password").description("\u0110\u1EB7t l\u1EA1i m\u1EADt kh\u1EA9u c\u1EE7a m\u1ED9t t\xE0i kho\u1EA3n (m\u1EDF kh\xF3a, k\u1EBFt th\xFAc m\u1ECDi phi\xEAn)").argument("<login>", "t\xEAn \u0111\u0103ng nh\u1EADp ho\u1EB7c email").option("--password <password>", "m\u1EADt kh\u1EA9u m\u1EDBi (b\u1ECF tr\u1ED1ng \u0111\u1EC3 sinh ng\u1EABu nhi\xEAn)").action(
  (login2, opts) => withDatabase(async (database) => {
    const password = opts.password ?? crypto9.randomBytes(9).toString("base64url");
    const account = await resetPassword(database.db, systemClock, login2, password);
    database.flush();
    console.log(`\u0110\xE3 \u0111\u1EB7t l\u1EA1i m\u1EADt kh\u1EA9u cho ${account.username}.${opts.password ? "" : ` M\u1EADt kh\u1EA9u m\u1EDBi: ${password}`}`);
  })
);
try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof AppError) {
    console.error(err.message);
    process.exit(err instanceof AppError ? 2 : 1);
  }
  throw err;
}
