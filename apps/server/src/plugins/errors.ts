/**
 * One handler shapes every failure as `{ error, message }` with a stable code (STYLE §7),
 * Fastify's own refusals included: a malformed URL or an over-long path segment (the
 * `frameworkErrors` option), bodies it cannot parse, unknown routes. Bad input of any kind is
 * a 4xx; a 5xx never carries internals to the client. Every route declares the refusals its
 * shape implies (declareShapeRefusals), so the OpenAPI document lists each status it answers.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ArchiveRefusedError, ERRORS, ErrorResponse, type ErrorCode } from '@chibo/core';
import { AppError } from '../lib/app-error.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The code this request was refused with, for its log line. */
    errorCode: ErrorCode | undefined;
  }
}

/** Fastify's own errors, as our codes, with a message that says what was wrong where the code's does not. */
const FASTIFY_ERRORS: Record<string, { code: ErrorCode; message?: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid_json', message: 'Nội dung gửi lên rỗng dù khai báo là JSON.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'validation_failed', message: 'Độ dài khai báo (Content-Length) không khớp với nội dung gửi lên.' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'unsupported_media_type' },
  FST_ERR_VALIDATION: { code: 'validation_failed' },
  FST_ERR_BAD_URL: { code: 'validation_failed', message: 'Đường dẫn không hợp lệ: có dấu % không đi kèm mã ký tự đúng.' },
  // Past maxParamLength (100) no route is matched: no id or calendar token is that long.
  FST_ERR_MAX_PARAM_LENGTH: { code: 'validation_failed', message: 'Đường dẫn không hợp lệ: một phần của đường dẫn quá dài.' },
};

/** The SQLSTATE of a database error, looking through drizzle's wrapper. */
function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * Input that passed validation yet the database refused: data exceptions (class 22, e.g. a
 * date out of range) and integrity violations (class 23). Contracts should catch these
 * first; this keeps any that slip through a 4xx that changed nothing.
 */
function databaseRefusal(state: string | undefined): ErrorCode | undefined {
  if (!state) return undefined;
  if (state === '23505') return 'conflict';
  if (state.startsWith('22') || state.startsWith('23')) return 'validation_failed';
  return undefined;
}

function send(reply: FastifyReply, code: ErrorCode, message?: string, details?: unknown) {
  reply.request.errorCode = code;
  const body: Record<string, unknown> = { error: code, message: message ?? ERRORS[code].message };
  if (details !== undefined) body.details = details;
  return reply.status(ERRORS[code].status).type('application/json; charset=utf-8').send(body);
}

function issuesOf(error: FastifyError): { path: string; message: string }[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  return error.validation.map((v) => ({
    path: (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.'),
    message: v.message ?? 'Không hợp lệ',
  }));
}

/**
 * One line per refused request (4xx): who was refused where and why, never what they sent —
 * no body, query string, cookie, token or CSRF header. Throttling is `warn` (someone may be
 * guessing); the rest is `info`. The route is the matched pattern, so ids and the calendar
 * feed's secret stay out of the log; an unmatched URL is logged without its query string.
 */
function unmatchedPath(url: string): string {
  // A feed URL Fastify could not route (bad encoding, too long) still carries what may be a secret.
  return (url.split('?')[0] ?? '').replace(/^(\/api\/v1\/calendar\/)[^/]*/, '$1:token').slice(0, 200);
}

function logRefusal(req: FastifyRequest, reply: FastifyReply): void {
  const status = reply.statusCode;
  if (status < 400 || status >= 500) return;
  const fields = {
    event: 'request.refused',
    method: req.method,
    route: req.routeOptions.url ?? unmatchedPath(req.url),
    status,
    code: req.errorCode,
    accountId: req.session?.actor.accountId,
    ip: req.ip,
    ms: Math.round(reply.elapsedTime),
  };
  if (status === 429 || status === 423) req.log.warn(fields, 'request refused');
  else req.log.info(fields, 'request refused');
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.decorateRequest('errorCode', undefined);
  app.addHook('onRoute', declareShapeRefusals);
  app.addHook('onResponse', async (req, reply) => logRefusal(req, reply));
  app.setErrorHandler((error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) return send(reply, error.code, error.message, error.details);
    // core's archive check (sniffDocumentType, on every document and paper upload) names the limit.
    if (error instanceof ArchiveRefusedError) return send(reply, 'archive_refused', error.message);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = issuesOf(error);
      const first = issues[0];
      const where = error.validationContext === 'body' ? '' : ` (${error.validationContext ?? 'request'})`;
      const message = first ? `Dữ liệu không hợp lệ${where}: ${first.path ? `${first.path}: ` : ''}${first.message}` : undefined;
      return send(reply, 'validation_failed', message, { issues });
    }
    if (error.statusCode === 429) return send(reply, 'rate_limited');
    const refused = databaseRefusal(sqlState(error));
    if (refused) {
      req.log.warn({ err: error }, 'database refused input that passed validation');
      return send(reply, refused);
    }
    const mapped = error.code ? FASTIFY_ERRORS[error.code] : undefined;
    if (mapped) return send(reply, mapped.code, mapped.message);
    if (isResponseSerializationError(error)) {
      req.log.error({ err: error, route: req.routeOptions.url }, 'response did not match its schema');
      return send(reply, 'internal_error');
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      const code: ErrorCode = error.statusCode === 404 ? 'not_found' : error.statusCode === 415 ? 'unsupported_media_type' : error.statusCode === 413 ? 'payload_too_large' : 'validation_failed';
      return send(reply, code);
    }
    req.log.error({ err: error }, 'unhandled error');
    return send(reply, 'internal_error');
  });

  app.setNotFoundHandler((req, reply) => send(reply, 'not_found', `Không có đường dẫn ${req.method} ${req.url.split('?')[0] ?? ''}.`));
}

/**
 * Fastify's `frameworkErrors` option: errors met before any route is matched (a malformed
 * percent-encoding, a path segment past maxParamLength). No route hook runs for them, so the
 * refusal is logged here.
 */
export function frameworkErrorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const mapped = FASTIFY_ERRORS[error.code] ?? { code: 'validation_failed' };
  void send(reply, mapped.code, mapped.message);
  logRefusal(req, reply);
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The refusals a route can give by its shape alone, added to its declared responses (route
 * files list those their own rules give, lib/responses.ts):
 * - 400: its params, query or body fail validation, or its body is not JSON;
 * - 401: a session route called without a session; 403: a mutation without the CSRF token;
 * - 409: a POST whose Idempotency-Key was used for another request or is still running;
 * - 413, 415: a body too large, or of a type the route does not read;
 * - 500: the server failed (the pass over the API checks it never happens).
 */
export function declareShapeRefusals(route: RouteOptions): void {
  if (!route.url.startsWith('/api/v1')) return;
  const methods = [route.method].flat();
  const readsBody = methods.some((m) => BODY_METHODS.has(m));
  const schema = (route.schema ??= {});
  const response = (schema.response ??= {}) as Record<string, unknown>;
  const add = (status: number) => {
    response[status] ??= ErrorResponse;
  };
  if (readsBody || schema.params || schema.querystring || schema.body) add(400);
  if (route.config?.authz === 'session') {
    add(401);
    if (readsBody) add(403);
  }
  if (methods.includes('POST')) add(409);
  if (readsBody) {
    add(413);
    add(415);
  }
  add(500);
}
