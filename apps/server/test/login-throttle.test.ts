/** The sign-in counters' rules (ADR 0009), table first, then properties over any sequence of tries. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  admitAttempt,
  expiryOf,
  lockCounter,
  refundAttempt,
  sourceOf,
  throttleKeys,
  waitMinutes,
  type ThrottleCounter,
  type ThrottleLimit,
} from '../src/modules/auth/login-throttle.ts';

const MIN = 60_000;
const limit: ThrottleLimit = { maxFailures: 3, windowMs: 15 * MIN, lockMs: 15 * MIN };
const T0 = new Date('2026-05-04T01:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const counter = (failures: number, windowStartMs = 0, lockedUntilMs?: number): ThrottleCounter => ({
  failures,
  windowStart: at(windowStartMs),
  lockedUntil: lockedUntilMs === undefined ? null : at(lockedUntilMs),
});

describe('admitAttempt', () => {
  it.each([
    { case: 'no counter yet', c: undefined, nowMs: 0, expected: { admitted: true, next: counter(1, 0), locksOnFailure: false } },
    { case: 'one failure in the window', c: counter(1), nowMs: MIN, expected: { admitted: true, next: counter(2, 0), locksOnFailure: false } },
    { case: 'the last allowed try', c: counter(2), nowMs: MIN, expected: { admitted: true, next: counter(3, 0), locksOnFailure: true } },
    { case: 'the last try still in flight', c: counter(3), nowMs: MIN, expected: { admitted: false, retryAfterMs: 15 * MIN } },
    { case: 'locked', c: counter(3, 0, 20 * MIN), nowMs: 5 * MIN, expected: { admitted: false, retryAfterMs: 15 * MIN } },
    { case: 'lock just lifted: starts again', c: counter(3, 0, 20 * MIN), nowMs: 20 * MIN, expected: { admitted: true, next: counter(1, 20 * MIN), locksOnFailure: false } },
    { case: 'window over: starts again', c: counter(2), nowMs: 15 * MIN, expected: { admitted: true, next: counter(1, 15 * MIN), locksOnFailure: false } },
  ])('$case', ({ c, nowMs, expected }) => {
    expect(admitAttempt(c, limit, at(nowMs))).toEqual(expected);
  });

  it('a limit of one locks on the first failure', () => {
    expect(admitAttempt(undefined, { ...limit, maxFailures: 1 }, T0)).toMatchObject({ admitted: true, locksOnFailure: true });
  });
});

describe('lock, refund, expiry, wait', () => {
  it('locks for lockMs from the failure that reached the limit', () => {
    expect(lockCounter(counter(3), limit, at(2 * MIN))).toEqual(counter(3, 0, 17 * MIN));
  });

  it('gives a right password’s attempt back, never below zero', () => {
    expect(refundAttempt(counter(2))).toEqual(counter(1));
    expect(refundAttempt(counter(0))).toEqual(counter(0));
  });

  it('expires at the later of window end and lock end', () => {
    expect(expiryOf(counter(1, 0), limit)).toEqual(at(15 * MIN));
    expect(expiryOf(counter(3, 0, 17 * MIN), limit)).toEqual(at(17 * MIN));
  });

  it.each([
    [1, 1],
    [59_999, 1],
    [60_000, 1],
    [60_001, 2],
    [15 * MIN, 15],
    [0, 1],
  ])('%i ms is %i phút', (ms, minutes) => {
    expect(waitMinutes(ms)).toBe(minutes);
  });
});

describe('sourceOf', () => {
  it.each([
    ['192.0.2.7', '192.0.2.7'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['::FFFF:192.0.2.7', '192.0.2.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:0db8:0001:0002::/64'],
    ['2001:db8:1:2::9', '2001:0db8:0001:0002::/64'],
    ['2001:db8::1', '2001:0db8:0000:0000::/64'],
    ['fe80::1%eth0', 'fe80:0000:0000:0000::/64'],
    ['::1', '0000:0000:0000:0000::/64'],
    ['1::2:3:4:5:1.2.3.4', '0001:0000:0002:0003::/64'],
    ['64:ff9b::192.0.2.7', '0064:ff9b:0000:0000::/64'],
  ])('%s → %s', (ip, source) => {
    expect(sourceOf(ip)).toBe(source);
  });

  it('puts every address of one /64 in one source', () => {
    const hex = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    fc.assert(
      fc.property(fc.array(hex, { minLength: 4, maxLength: 4 }), (tail) => {
        expect(sourceOf(`2001:db8:aa:bb:${tail.join(':')}`)).toBe('2001:0db8:00aa:00bb::/64');
      }),
    );
  });
});

describe('throttleKeys', () => {
  it('keys an account by id and an unknown name by a hash of it, never the name itself', () => {
    expect(throttleKeys('192.0.2.7', { accountId: 'a1' })).toEqual({ subject: 'acct:a1:ip:192.0.2.7', source: 'ip:192.0.2.7' });
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (login) => {
        const { subject } = throttleKeys('192.0.2.7', { login });
        expect(subject).toMatch(/^login:[0-9a-f]{64}:ip:192\.0\.2\.7$/);
        expect(throttleKeys('192.0.2.7', { login: ` ${login.toUpperCase()} ` }).subject).toBe(throttleKeys('192.0.2.7', { login: login.toLowerCase() }).subject);
      }),
    );
  });
});

/** What the service does with each try, one at a time: claim, then settle by the outcome. */
function simulate(tries: readonly { afterMs: number; right: boolean }[]) {
  let c: ThrottleCounter | undefined;
  let t = 0;
  const log: { atMs: number; admitted: boolean; right: boolean; lockedNow: boolean }[] = [];
  for (const { afterMs, right } of tries) {
    t += afterMs;
    const a = admitAttempt(c, limit, at(t));
    if (!a.admitted) {
      log.push({ atMs: t, admitted: false, right, lockedNow: false });
      continue;
    }
    const lockedNow = !right && a.locksOnFailure;
    c = right ? undefined : lockedNow ? lockCounter(a.next, limit, at(t)) : a.next;
    log.push({ atMs: t, admitted: true, right, lockedNow });
  }
  return log;
}

describe('any sequence of tries', () => {
  const tries = fc.array(fc.record({ afterMs: fc.integer({ min: 0, max: 40 * MIN }), right: fc.boolean() }), { maxLength: 60 });

  it('never checks more than 2 × max − 1 wrong passwords within one window', () => {
    fc.assert(
      fc.property(tries, (ts) => {
        const wrong = simulate(ts).filter((e) => e.admitted && !e.right);
        for (const e of wrong) {
          const inWindow = wrong.filter((w) => w.atMs >= e.atMs && w.atMs < e.atMs + limit.windowMs).length;
          expect(inWindow).toBeLessThanOrEqual(2 * limit.maxFailures - 1);
        }
      }),
    );
  });

  it('after a lock, refuses every try — right or wrong — until lockMs have passed', () => {
    fc.assert(
      fc.property(tries, (ts) => {
        const log = simulate(ts);
        for (const lock of log.filter((e) => e.lockedNow)) {
          const during = log.filter((e) => e.atMs >= lock.atMs && e.atMs < lock.atMs + limit.lockMs && e !== lock);
          expect(during.every((e) => !e.admitted)).toBe(true);
        }
      }),
    );
  });

  it('a wrong password at the limit always locks: max wrong tries in a row with nothing between lock', () => {
    const log = simulate(Array.from({ length: limit.maxFailures }, () => ({ afterMs: MIN, right: false })));
    expect(log.map((e) => e.lockedNow)).toEqual([false, false, true]);
  });
});
