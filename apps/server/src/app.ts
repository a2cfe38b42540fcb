/**
 * Builds the Fastify app: external plugins, then ours, then routes, then the web app
 * (fastify/demo's fixed order). Tests call buildApp() and app.inject() without a port.
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { deliveryOf, type Config } from './config/config.ts';
import type { Database } from './db/client.ts';
import { systemClock, type Clock } from './lib/context.ts';
import { frameworkErrorHandler, registerErrorHandling } from './plugins/errors.ts';
import { enforceRouteAuthz, registerAuth, type ApiRoute } from './plugins/auth.ts';
import { registerWeb } from './plugins/web.ts';
import { openApiTransform } from './plugins/openapi.ts';
import { registerIdempotency } from './plugins/idempotency.ts';
import { AppError } from './lib/app-error.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { organizationRoutes } from './modules/organizations/organizations.routes.ts';
import { memberRoutes } from './modules/members/members.routes.ts';
import { memberImportRoutes } from './modules/member-imports/member-imports.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { meetingRoutes } from './modules/meetings/meetings.routes.ts';
import { yearPlanRoutes } from './modules/year-plan/year-plan.routes.ts';
import { documentRoutes } from './modules/documents/documents.routes.ts';
import { paperRoutes } from './modules/papers/papers.routes.ts';
import { absenceRoutes } from './modules/absences/absences.routes.ts';
import { ruleOverrideRoutes } from './modules/rule-overrides/rule-overrides.routes.ts';
import { calendarFeedRoutes } from './modules/calendar-feeds/calendar-feeds.routes.ts';
import { homeRoutes } from './modules/home/home.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { noticeRoutes } from './modules/notices/notices.routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api/v1 route with its declared authz (the route-walk tests read it). */
    apiRoutes: ApiRoute[];
  }
}

export interface BuildOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  /** Serve apps/web/dist (default true). */
  serveWeb?: boolean;
  logger?: boolean;
  /** Where the log goes instead of stdout (tests read it line by line). */
  logStream?: { write(line: string): void };
}

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config, database } = opts;
  const clock = opts.clock ?? systemClock;
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel, ...(opts.logStream ? { stream: opts.logStream } : {}) },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Per-request lines only when debugging: at info, the log holds what happened, not every GET.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
    // A malformed URL or an over-long id is refused as `{ error, message }` like any bad input.
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  const apiRoutes = enforceRouteAuthz(app);
  app.decorate('apiRoutes', apiRoutes);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine writes its CSS variables in a <style> element.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  // Per process, for the calendar feed; sign-in has its own counters in the database (ADR 0009).
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('rate_limited'),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Chi bộ số API', version: '1.0.0', description: 'API của Chi bộ số. Lỗi: { error, message }.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'chibo_session' } } },
    },
    transform: openApiTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const authSettings = {
    sessionTtlHours: config.sessionTtlHours,
    sessionMaxHours: config.sessionMaxHours,
    loginMaxFailures: config.loginMaxFailures,
    loginLockMinutes: config.loginLockMinutes,
    loginRatePerMinute: config.loginRatePerMinute,
  };
  registerAuth(app, {
    db: database.db,
    clock,
    settings: authSettings,
    delivery: deliveryOf(config),
  });

  registerIdempotency(app, { db: database.db, clock });

  // Embedded mode: a committed write is made durable before it is acknowledged.
  if (database.mode === 'embedded') {
    app.addHook('onSend', async (req) => {
      if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') database.flush();
    });
  }

  await app.register(healthRoutes, { database });
  await app.register(authRoutes, {
    settings: authSettings,
    cookieSecure: config.cookieSecure,
  });
  await app.register(organizationRoutes);
  await app.register(memberRoutes);
  await app.register(memberImportRoutes);
  await app.register(auditRoutes);
  await app.register(meetingRoutes);
  await app.register(yearPlanRoutes);
  await app.register(documentRoutes);
  await app.register(paperRoutes);
  await app.register(absenceRoutes);
  await app.register(ruleOverrideRoutes);
  await app.register(noticeRoutes);
  await app.register(calendarFeedRoutes);
  await app.register(homeRoutes);

  if (opts.serveWeb !== false) await registerWeb(app, config.webDist);
  return app;
}
