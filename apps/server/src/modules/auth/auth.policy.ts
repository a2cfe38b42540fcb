/**
 * Who may do what with a session (ADR 0002, ADR 0003): the decisions the request gate in
 * plugins/auth.ts applies, kept pure so they read as rules and test as such.
 */
import crypto from 'node:crypto';
import type { ErrorCode } from '@chibo/core';

/** Every /api route says who may call it; a route without it is refused at registration. */
export type Authz = 'public' | 'session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether the method changes something, and so needs the session's CSRF token. */
export function isMutation(method: string): boolean {
  return !SAFE_METHODS.has(method);
}

/** Constant-time comparison: the CSRF token must not leak through the time a refusal takes. */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Why a call to a route is refused before its body is read, or null when it may go on: a
 * session route needs a session, and a mutation the session's CSRF token in X-CSRF-Token.
 */
export function refusalOf(
  authz: Authz | undefined,
  session: { csrfToken: string } | null,
  method: string,
  csrfHeader: string | string[] | undefined,
): ErrorCode | null {
  if (authz === 'public') return null;
  if (authz !== 'session') return 'forbidden'; // unreachable: onRoute refuses such routes
  if (!session) return 'unauthenticated';
  if (isMutation(method) && (typeof csrfHeader !== 'string' || !sameToken(csrfHeader, session.csrfToken))) return 'csrf_failed';
  return null;
}
