import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ChangePasswordInput, ErrorResponse, LoginInput, MeDto, OkResponse, registerDayOf } from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';
import { SESSION_COOKIE } from '../../plugins/auth.ts';
import * as auth from './auth.service.ts';
import { LoginThrottledError } from './login-throttle.service.ts';

export interface AuthRouteOptions {
  settings: auth.AuthSettings;
  cookieSecure: boolean;
}

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse };

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
    schema: { tags: ['auth'], summary: 'Đăng nhập', body: LoginInput, response: { 200: MeDto, ...errors } },
    handler: async (req, reply) => {
      const result = await withRetryAfter(reply, () => auth.login(req.ctx, opts.settings, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] }));
      void reply.setCookie(SESSION_COOKIE, result.token, { ...cookie, expires: result.cookieExpiresAt });
      return result.me;
    },
  });

  app.post('/api/v1/auth/logout', {
    config: { authz: 'session' },
    schema: { tags: ['auth'], summary: 'Đăng xuất', response: { 200: OkResponse, ...errors } },
    handler: async (req, reply) => {
      await auth.logout(req.ctx, requireSession(req.session).tokenHash);
      void reply.clearCookie(SESSION_COOKIE, cookie);
      return { ok: true as const };
    },
  });

  app.post('/api/v1/auth/password', {
    // Checking the current password is a password guess too: the same counters as a login.
    config: { authz: 'session' },
    schema: { tags: ['auth'], summary: 'Đổi mật khẩu', body: ChangePasswordInput, response: { 200: OkResponse, ...errors } },
    handler: async (req, reply) => {
      await withRetryAfter(reply, () => auth.changePassword(req.ctx, opts.settings, req.body, requireSession(req.session).tokenHash, req.ip));
      return { ok: true as const };
    },
  });

  app.get('/api/v1/me', {
    config: { authz: 'session' },
    schema: { tags: ['auth'], summary: 'Người dùng hiện tại và quyền', response: { 200: MeDto, ...errors } },
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
