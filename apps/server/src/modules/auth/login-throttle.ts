/**
 * How failed sign-ins are counted and refused (ADR 0009). Pure functions: the service reads
 * the counters under a row lock, asks these, and writes back what they return.
 *
 * Two counters stand behind every attempt: one for the account (or the unknown login name)
 * *from this source*, so a stranger elsewhere cannot lock an officer out, and one for the
 * source across all accounts, so one source cannot spray guesses over many accounts.
 */
import crypto from 'node:crypto';
import net from 'node:net';

export interface ThrottleCounter {
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

export interface ThrottleLimit {
  /** Failures within the window that lock the key. */
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export type Admission =
  /** `next` counts this attempt; a failed password at `locksOnFailure` locks the key. */
  | { admitted: true; next: ThrottleCounter; locksOnFailure: boolean }
  | { admitted: false; retryAfterMs: number };

/**
 * Count an attempt before its password is checked: a burst of parallel guesses gets at most
 * `maxFailures` real tries, not one per request. A counter whose window ran out (or whose
 * lock was lifted) starts again from zero.
 */
export function admitAttempt(counter: ThrottleCounter | undefined, limit: ThrottleLimit, now: Date): Admission {
  const t = now.getTime();
  if (counter?.lockedUntil && counter.lockedUntil.getTime() > t) return { admitted: false, retryAfterMs: counter.lockedUntil.getTime() - t };
  const fresh = !counter || counter.lockedUntil !== null || t - counter.windowStart.getTime() >= limit.windowMs;
  const failures = fresh ? 0 : counter.failures;
  // The last allowed try is still in flight: its outcome decides the lock, wait for it.
  if (failures >= limit.maxFailures) return { admitted: false, retryAfterMs: limit.lockMs };
  return {
    admitted: true,
    next: { failures: failures + 1, windowStart: fresh ? now : counter.windowStart, lockedUntil: null },
    locksOnFailure: failures + 1 >= limit.maxFailures,
  };
}

/** The counter once a failed try at the limit has locked it. */
export function lockCounter(counter: ThrottleCounter, limit: ThrottleLimit, now: Date): ThrottleCounter {
  return { ...counter, lockedUntil: new Date(now.getTime() + limit.lockMs) };
}

/**
 * A source's counter after a right password: the attempt counted in advance is given back,
 * so a meeting room behind one address can sign everyone in; only failures add up.
 */
export function refundAttempt(counter: ThrottleCounter): ThrottleCounter {
  return { ...counter, failures: Math.max(0, counter.failures - 1) };
}

/** When the row stops mattering: its window is over and any lock lifted. */
export function expiryOf(counter: ThrottleCounter, limit: ThrottleLimit): Date {
  return new Date(Math.max(counter.windowStart.getTime() + limit.windowMs, counter.lockedUntil?.getTime() ?? 0));
}

/** Whole minutes to tell the user, never "0 phút". */
export function waitMinutes(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}

/**
 * The source an attempt is counted against. IPv4 as is (also when written IPv4-mapped);
 * IPv6 by its /64, because one home line or phone gets a whole /64 and could otherwise
 * start over with each new address.
 */
export function sourceOf(ip: string): string {
  const bare = ip.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped?.[1]) return mapped[1];
  if (!net.isIPv6(bare)) return bare;
  // An IPv4 tail (64:ff9b::1.2.3.4) fills the last two groups: outside the /64, but it counts.
  const parts = (text: string | undefined) => (text ? text.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const [head, tail] = bare.split('::');
  const left = parts(head);
  const right = parts(tail);
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.padStart(4, '0'))
    .join(':')}::/64`;
}

export interface ThrottleKeys {
  /** The account — or the unknown login name — from this source. */
  subject: string;
  /** Everything from this source. */
  source: string;
}

/**
 * Keys for an attempt. An unknown name gets a key of its own, hashed so the table never holds
 * what someone typed (often a password in the wrong box), and is throttled like a real one.
 */
export function throttleKeys(source: string, who: { accountId: string } | { login: string }): ThrottleKeys {
  const subject =
    'accountId' in who
      ? `acct:${who.accountId}:ip:${source}`
      : `login:${crypto.createHash('sha256').update(who.login.trim().toLowerCase()).digest('hex')}:ip:${source}`;
  return { subject, source: `ip:${source}` };
}

/** The prefix of every key of one account, from any source (the operator's reset clears them). */
export function accountKeyPrefix(accountId: string): string {
  return `acct:${accountId}:ip:`;
}
