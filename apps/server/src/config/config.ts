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
  CHIBO_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]/, { error: 'phải là URL smtp:// hoặc smtps://, ví dụ smtp://user:pass@mail.example.vn:587' })
    .optional(),
  CHIBO_MAIL_FROM: z.string().min(3).default('Chi bộ số <no-reply@localhost>'),
  CHIBO_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/]/, { error: 'phải là URL http:// hoặc https://' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  CHIBO_REMINDERS: z
    .string()
    .default('3d,2h')
    .transform((v, c) => {
      const offsets = parseReminderOffsets(v);
      if (offsets === null) {
        c.addIssue({ code: 'custom', message: 'phải là danh sách khoảng thời gian trước cuộc họp, ví dụ "3d,2h,30m" (m = phút, h = giờ, d = ngày)' });
        return z.NEVER;
      }
      return offsets;
    }),
  CHIBO_JOBS: bool.default(true),
  CHIBO_JOBS_POLL_MS: z.coerce.number().int().min(100).max(10 * 60_000).default(5000),
});

/**
 * '3d,2h,30m' → minutes before the meeting, largest first, without repeats; null when any
 * part is not a positive number with a unit m, h or d. 'none' turns reminders off.
 */
export function parseReminderOffsets(value: string): number[] | null {
  if (value.trim().toLowerCase() === 'none') return [];
  const parts = value.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const unit = { m: 1, h: 60, d: 24 * 60 } as const;
  const out = new Set<number>();
  for (const p of parts) {
    const m = /^(\d{1,4})\s*([mhd])$/i.exec(p);
    if (!m?.[1] || !m[2]) return null;
    const minutes = Number(m[1]) * unit[m[2].toLowerCase() as keyof typeof unit];
    if (minutes <= 0 || minutes > 60 * 24 * 60) return null;
    out.add(minutes);
  }
  return [...out].sort((a, b) => b - a);
}

/** 4320 → '3d', 120 → '2h', 30 → '30m': offsets written back the way CHIBO_REMINDERS takes them. */
export function formatReminderOffset(minutes: number): string {
  if (minutes % (24 * 60) === 0) return `${minutes / (24 * 60)}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

export interface RunningModes {
  database: 'embedded' | 'postgres';
  email: 'on' | 'off';
  jobs: 'on' | 'off';
  reminders: string[];
}

/** What this process runs with, as its start-up log line says it (operators grep for it). */
export function runningModes(config: Config, databaseMode: 'embedded' | 'server'): RunningModes {
  return {
    database: databaseMode === 'embedded' ? 'embedded' : 'postgres',
    email: config.smtpUrl ? 'on' : 'off',
    jobs: config.jobs ? 'on' : 'off',
    reminders: config.reminderOffsetsMinutes.map(formatReminderOffset),
  };
}

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
  /** Failed sign-ins per minute from one source (an IPv4 address, an IPv6 /64), over all accounts. */
  loginRatePerMinute: number;
  bodyLimitBytes: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** smtp:// or smtps:// URL; undefined: notices stay in the app, no e-mail. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Base of links in notices and of the calendar feed URL (no trailing slash). */
  publicUrl: string;
  /** Minutes before a meeting at which reminders go out, largest first. */
  reminderOffsetsMinutes: number[];
  /** Run the background job runner (reminders, e-mail) in this process. */
  jobs: boolean;
  jobsPollMs: number;
}

/**
 * How notices leave the server: the SMTP transport (or none), the sender, the public URL for
 * links and the reminder offsets. Built once from the configuration and carried on every
 * request's context (no module state: each app instance has its own).
 */
export interface DeliverySettings {
  /** smtp:// or smtps:// URL; undefined: in-app notices only. */
  smtpUrl: string | undefined;
  from: string;
  /** Without a trailing slash. */
  publicUrl: string;
  /** Minutes before the meeting, largest first. */
  reminderOffsetsMinutes: readonly number[];
}

export function deliveryOf(config: Config): DeliverySettings {
  return { smtpUrl: config.smtpUrl, from: config.mailFrom, publicUrl: config.publicUrl.replace(/\/+$/, ''), reminderOffsetsMinutes: [...config.reminderOffsetsMinutes] };
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
    smtpUrl: e.CHIBO_SMTP_URL,
    mailFrom: e.CHIBO_MAIL_FROM,
    publicUrl: e.CHIBO_PUBLIC_URL ?? `http://127.0.0.1:${e.PORT}`,
    reminderOffsetsMinutes: e.CHIBO_REMINDERS,
    jobs: e.CHIBO_JOBS,
    jobsPollMs: e.CHIBO_JOBS_POLL_MS,
  };
}
