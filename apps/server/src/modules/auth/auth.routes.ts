import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ChangePasswordInput, LoginInput, MeDto, OkResponse, registerDayOf } from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';
import { NoBody, noBodyIsEmpty } from '../../lib/no-body.ts';
import { refusals } from '../../lib/responses.ts';
import { SESSION_COOKIE } from '../../plugins/auth.ts';
import * as auth from './auth.service.ts';
import { LoginThrottledError } from './login-throttle.service.ts';

export interface AuthRouteOptions {
  settings: auth.AuthSettings;
  cookieSecure: boolean;
}

/** A throttled answer also says the wait in Retry-After, for clients that read it. */
async function withRetryAfter<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof LoginThrottledError) void reply.header('retry-after', String(e.retryAfterSeconds));
    throw e;
  }
}

export const authRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (app, opts) => {
  const cookie = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: opts.cookieSecure };

  app.post('/api/v1/auth/login', {
    // Throttled by the sign-in counters in the database (ADR 0009), shared by every process.
    config: { authz: 'public' },
    // 401 wrong name or password, 403 a disabled account, 429 throttled (ADR 0009).
    schema: { tags: ['auth'], summary: 'Đăng nhập', body: LoginInput, response: { 200: MeDto, ...refusals(401, 403, 429) } },
    handler: async (req, reply) => {
      const result = await withRetryAfter(reply, () => auth.login(req.ctx, opts.settings, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] }));
      void reply.setCookie(SESSION_COOKIE, result.token, { ...cookie, expires: result.cookieExpiresAt });
      return result.me;
    },
  });

  app.post('/api/v1/auth/logout', {
    config: { authz: 'session' },
    preValidation: noBodyIsEmpty,
    schema: { tags: ['auth'], summary: 'Đăng xuất', body: NoBody, response: { 200: OkResponse } },
    handler: async (req, reply) => {
      await auth.logout(req.ctx, requireSession(req.session).tokenHash);
      void reply.clearCookie(SESSION_COOKIE, cookie);
      return { ok: true as const };
    },
  });

  app.post('/api/v1/auth/password', {
    // Checking the current password is a password guess too: the same counters as a login.
    config: { authz: 'session' },
    // 400 a wrong current password or a weak new one, 429 throttled like a login.
    schema: { tags: ['auth'], summary: 'Đổi mật khẩu', body: ChangePasswordInput, response: { 200: OkResponse, ...refusals(429) } },
    handler: async (req, reply) => {
      await withRetryAfter(reply, () => auth.changePassword(req.ctx, opts.settings, req.body, requireSession(req.session).tokenHash, req.ip));
      return { ok: true as const };
    },
  });

  app.get('/api/v1/me', {
    config: { authz: 'session' },
    schema: { tags: ['auth'], summary: 'Người dùng hiện tại và quyền', response: { 200: MeDto } },
    handler: async (req) => {
      const s = requireSession(req.session);
      return auth.meOf(req.ctx.db, s, registerDayOf(req.ctx.clock.now()));
    },
  });
};

function requireSession<T>(s: T | null): T {
  if (!s) throw new AppError('unauthenticated');
  return s;
}
