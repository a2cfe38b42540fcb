/**
 * The background job runner: reminders and e-mail, from the `jobs` table, so that work
 * scheduled before a crash or a restart still happens, and happens once.
 *
 * A job is claimed with SELECT … FOR UPDATE SKIP LOCKED: two processes polling the same
 * database never take the same row. A reminder is written and its job marked done in that
 * one transaction — a crash rolls both back and the job runs again; the notices' unique
 * dedupe key makes the retry harmless.
 *
 * E-mail cannot be inside a database transaction. Its job is leased instead: the claim
 * commits `lockedUntil = now + LEASE_MS` (other runners skip it until then), the message
 * is sent, and a second transaction marks the job done and the notice 'sent'. This is
 * AT-LEAST-ONCE: if the process dies after the SMTP server accepted the message but before
 * the second commit, the lease runs out and the message is sent again. The window is the
 * few milliseconds between the SMTP reply and that commit; closing it would need the SMTP
 * server to deduplicate (the Message-ID is not stable across attempts, X-Chibo-Notice is).
 * A reminder e-mail that would arrive too late to be true is not sent (email.job.ts).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { DeliverySettings } from '../config/config.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/context.ts';
import { createMailer, type Mailer } from '../modules/notices/mailer.ts';
import { leaseEmail, sendLeased, type LeasedEmail } from './email.job.ts';
import { finishJob, claimDue } from './jobs.repo.ts';
import { runReminder } from './reminder.job.ts';

export type JobLog = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;

export interface JobDeps {
  mailer: Mailer | null;
  settings: DeliverySettings;
  log?: JobLog;
  /** Called after each commit (embedded mode: make it durable). */
  onCommit?: () => void;
  /** At most this many jobs per call (default 500). */
  maxJobs?: number;
}

const silent: JobLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Run every due job, one transaction each; returns how many were taken. */
export async function runDueJobs(db: Db, clock: Clock, deps: JobDeps): Promise<number> {
  const log = deps.log ?? silent;
  const max = deps.maxJobs ?? 500;
  let count = 0;
  while (count < max) {
    const now = clock.now();
    const claimed: LeasedEmail | null | 'none' = await db.transaction(async (tx) => {
      const job = await claimDue(tx, now);
      if (!job) return 'none' as const;
      if (job.kind === 'reminder') {
        await runReminder(tx, job, now, deps.settings, log);
        return null;
      }
      if (job.kind === 'email') return leaseEmail(tx, job, now, deps.settings, deps.mailer, log);
      log.error({ jobId: job.id, kind: String(job.kind) }, 'job of an unknown kind: marked failed');
      await finishJob(tx, job.id, 'failed', now, `Loại việc không xác định: ${String(job.kind)}`);
      return null;
    });
    if (claimed === 'none') break;
    count++;
    deps.onCommit?.();
    if (claimed && deps.mailer) await sendLeased(db, clock, deps.mailer, claimed, log);
    deps.onCommit?.();
  }
  return count;
}

export interface JobRunner {
  stop(): Promise<void>;
}

/** Poll for due jobs now and every `pollMs` after each run ends (runs never overlap). */
export function startJobRunner(opts: { db: Db; clock: Clock; log: JobLog; settings: DeliverySettings; pollMs?: number; mailer?: Mailer | null; onCommit?: () => void }): JobRunner {
  const mailer = opts.mailer === undefined ? createMailer(opts.settings) : opts.mailer;
  const pollMs = opts.pollMs ?? 5000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = runDueJobs(opts.db, opts.clock, { mailer, settings: opts.settings, log: opts.log, ...(opts.onCommit ? { onCommit: opts.onCommit } : {}) })
      .then(() => undefined)
      .catch((err: unknown) => opts.log.error({ err, event: 'jobs.run_failed' }, 'job runner failed; retrying at the next poll'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, pollMs);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      mailer?.close();
    },
  };
}
