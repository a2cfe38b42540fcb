/**
 * The only reader of process.env (DESIGN: src/config). Validated once at boot; a bad value
 * stops start-up with a message that names the variable.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'must start with postgres:// or postgresql://' })
    .optional(),
  CHIBO_DATA_DIR: z.string().min(1).default('./data'),
  CHIBO_WEB_DIST: z.string().min(1).default(path.join(repoRoot, 'apps/web/dist')),
  CHIBO_COOKIE_SECURE: bool.default(false),
  CHIBO_DEMO: bool.default(false),
  CHIBO_TRUST_PROXY: bool.default(false),
  CHIBO_SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  CHIBO_SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  CHIBO_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  CHIBO_LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  CHIBO_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  CHIBO_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(1024 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  /** postgres://… for server mode; undefined for the embedded PGlite database. */
  databaseUrl: string | undefined;
  dataDir: string;
  webDist: string;
  cookieSecure: boolean;
  /** Let `serve --seed-demo` seed a PostgreSQL database too (it always may in embedded mode). */
  demoOnServer: boolean;
  trustProxy: boolean;
  sessionTtlHours: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginRatePerMinute: number;
  bodyLimitBytes: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset: `PORT= npm start` should mean the default.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Cấu hình không hợp lệ (invalid configuration):\n${lines.join('\n')}`);
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
    logLevel: e.LOG_LEVEL,
  };
}
