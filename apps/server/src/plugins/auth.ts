/**
 * Who is calling, and may this route be called at all. Every /api route declares
 * `config.authz`: 'public' or 'session'; a route without it is refused at registration
 * (fail closed). Organization-level permissions are checked by each service's policy.
 * Cookie-authenticated mutations must echo the session's CSRF token in X-CSRF-Token.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../lib/app-error.ts';
import type { Clock, Ctx } from '../lib/context.ts';
import type { DeliverySettings } from '../config/config.ts';
import type { Db } from '../db/client.ts';
import { resolveSession, type AuthSettings, type ResolvedSession } from '../modules/auth/auth.service.ts';
import { refusalOf, type Authz } from '../modules/auth/auth.policy.ts';

export type { Authz };
export const SESSION_COOKIE = 'chibo_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    authz?: Authz;
  }
  interface FastifyRequest {
    ctx: Ctx;
    session: ResolvedSession | null;
  }
}

export interface ApiRoute {
  method: string;
  url: string;
  authz: Authz;
}

/** Routes registered under /api must say who may call them; the list is kept for tests and docs. */
export function enforceRouteAuthz(app: FastifyInstance): ApiRoute[] {
  const routes: ApiRoute[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const authz = route.config?.authz;
    if (authz !== 'public' && authz !== 'session') {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no config.authz`);
    }
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, authz });
  });
  return routes;
}

export function registerAuth(app: FastifyInstance, deps: { db: Db; clock: Clock; settings: AuthSettings; delivery: DeliverySettings }): void {
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.decorateRequest('session', null);

  // onRequest, before the body is parsed and validated: an anonymous or forged call learns
  // nothing about what the route would have accepted.
  app.addHook('onRequest', async (req: FastifyRequest) => {
    // Only the API needs the caller: /healthz, pages and assets must not wait on the database.
    const token = req.url.startsWith('/api/') ? req.cookies[SESSION_COOKIE] : undefined;
    req.session = token ? await resolveSession(deps.db, deps.clock, token, deps.settings) : null;
    req.ctx = { db: deps.db, clock: deps.clock, log: req.log, actor: req.session?.actor ?? null, delivery: deps.delivery };
    // Keyed on the matched route, not the URL: /api/v1/unknown falls to the 404 handlers.
    if (req.is404 || !req.routeOptions.url?.startsWith('/api/v1')) return;
    const refusal = refusalOf(req.routeOptions.config.authz, req.session, req.method, req.headers['x-csrf-token']);
    if (refusal) throw new AppError(refusal);
  });
}
