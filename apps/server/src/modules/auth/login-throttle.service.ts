/**
 * Sign-in counters in the database (ADR 0009): every attempt is counted under a row lock
 * before its password is checked, against its account (or unknown name) from its source and
 * against the source as a whole; every server process sees the same counts.
 */
import { registerDayOf } from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';
import type { Ctx } from '../../lib/context.ts';
import type { Tx } from '../../db/client.ts';
import { recordChange } from '../audit/audit.service.ts';
import { organizationOfAccount } from './auth.service.ts';
import * as repo from './auth.repo.ts';
import { admitAttempt, expiryOf, lockCounter, refundAttempt, waitMinutes, type ThrottleCounter, type ThrottleKeys, type ThrottleLimit } from './login-throttle.ts';

export interface ThrottleSettings {
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Failed attempts per minute from one source, over all accounts. */
  loginRatePerMinute: number;
}

type Kind = keyof ThrottleKeys;
const KINDS: readonly Kind[] = ['subject', 'source'];

function limitsOf(s: ThrottleSettings): Record<Kind, ThrottleLimit> {
  const lockMs = s.loginLockMinutes * 60_000;
  return {
    subject: { maxFailures: s.loginMaxFailures, windowMs: lockMs, lockMs },
    source: { maxFailures: s.loginRatePerMinute, windowMs: 60_000, lockMs: 60_000 },
  };
}

/**
 * The one answer for every throttled attempt — known account, unknown name or busy source —
 * so it tells nothing about which accounts exist, and it says how long to wait.
 */
export class LoginThrottledError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterMs: number) {
    const minutes = waitMinutes(retryAfterMs);
    super('rate_limited', `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutes} phút.`);
    this.retryAfterSeconds = minutes * 60;
  }
}

export interface Claim {
  keys: ThrottleKeys;
  /** The counters this attempt brought to their limit: a wrong password locks them. */
  atLimit: Kind[];
}

const rowOf = (key: string, c: ThrottleCounter, limit: ThrottleLimit): repo.ThrottleRow => ({ key, ...c, expiresAt: expiryOf(c, limit) });

/** Count the attempt, or refuse it with the wait (and then change nothing). */
export async function claimAttempt(ctx: Ctx, settings: ThrottleSettings, keys: ThrottleKeys): Promise<Claim> {
  const now = ctx.clock.now();
  const limits = limitsOf(settings);
  return ctx.db.transaction(async (tx) => {
    const rows = await repo.lockThrottles(tx, [keys.subject, keys.source], now);
    const decisions = KINDS.map((kind) => ({ kind, admission: admitAttempt(rows.get(keys[kind]), limits[kind], now) }));
    const waits = decisions.flatMap(({ admission: a }) => (a.admitted ? [] : [a.retryAfterMs]));
    // Thrown inside the transaction: the empty rows just created roll back with it.
    if (waits.length > 0) throw new LoginThrottledError(Math.max(...waits));
    const atLimit: Kind[] = [];
    for (const { kind, admission: a } of decisions) {
      if (!a.admitted) continue;
      await repo.saveThrottle(tx, rowOf(keys[kind], a.next, limits[kind]));
      if (a.locksOnFailure) atLimit.push(kind);
    }
    return { keys, atLimit };
  });
}

/**
 * A wrong password. Below the limits: `code` (401 for a login). At a limit: the counter is
 * locked, the lock-out audited (real accounts only: no entry names a login no one has) and
 * logged, and the answer is the throttled one with the wait.
 */
export async function settleFailure(
  ctx: Ctx,
  settings: ThrottleSettings,
  claim: Claim,
  meta: { ip: string; account: repo.AccountRow | undefined; code: 'invalid_credentials' | 'wrong_password' },
): Promise<never> {
  if (claim.atLimit.length === 0) throw new AppError(meta.code);
  const now = ctx.clock.now();
  const limits = limitsOf(settings);
  const { account } = meta;
  const where = account ? await organizationOfAccount(ctx.db, account.id, registerDayOf(now)) : undefined;
  const locks = await ctx.db.transaction(async (tx) => {
    const rows = await repo.lockThrottles(tx, claim.atLimit.map((k) => claim.keys[k]), now);
    const out: { kind: Kind; failures: number; waitMs: number }[] = [];
    for (const kind of claim.atLimit) {
      const row = rows.get(claim.keys[kind]);
      if (!row) continue;
      // Locked meanwhile by a parallel attempt: that one audited it; this one waits too.
      if (row.lockedUntil && row.lockedUntil > now) {
        out.push({ kind, failures: row.failures, waitMs: row.lockedUntil.getTime() - now.getTime() });
        continue;
      }
      // A right password since (or a refund) took the counter below its limit: no lock.
      if (row.failures < limits[kind].maxFailures) continue;
      await repo.saveThrottle(tx, rowOf(row.key, lockCounter(row, limits[kind], now), limits[kind]));
      out.push({ kind, failures: row.failures, waitMs: limits[kind].lockMs });
      if (kind === 'subject' && account) {
        await recordChange(tx, { actor: null, clock: ctx.clock }, {
          at: now,
          by: { accountId: null, name: null },
          action: 'account.locked',
          targetType: 'account',
          targetId: account.id,
          organization: where ?? null,
          data: { username: account.username, failures: row.failures, ip: meta.ip, minutes: settings.loginLockMinutes },
        });
      }
    }
    return out;
  });
  if (locks.length === 0) throw new AppError(meta.code);
  // Logged once committed. The unknown name itself is never logged: it is often a password.
  for (const l of locks) {
    ctx.log.warn(
      { event: 'login.locked', scope: l.kind === 'subject' ? 'account' : 'source', ip: meta.ip, accountId: l.kind === 'subject' ? account?.id : undefined, failures: l.failures, minutes: waitMinutes(l.waitMs) },
      'sign-in locked after repeated failures',
    );
  }
  throw new LoginThrottledError(Math.max(...locks.map((l) => l.waitMs)));
}

/** A right password: the account's counter from this source is cleared, the source's attempt given back. */
export async function settleSuccess(tx: Tx, settings: ThrottleSettings, claim: Claim, now: Date): Promise<void> {
  const limits = limitsOf(settings);
  // Key order (acct: < ip:) as everywhere else, so this cannot deadlock with a claim.
  await repo.deleteThrottle(tx, claim.keys.subject);
  const source = (await repo.lockThrottles(tx, [claim.keys.source], now)).get(claim.keys.source);
  if (source) await repo.saveThrottle(tx, rowOf(source.key, refundAttempt(source), limits.source));
}
