/**
 * One handler shapes every failure as `{ error, message }` with a stable code (STYLE §7).
 * Bad input of any kind is a 4xx; a 5xx never carries internals to the client.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ArchiveRefusedError, ERRORS, type ErrorCode } from '@chibo/core';
import { AppError } from '../lib/app-error.ts';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
  FST_ERR_VALIDATION: 'validation_failed',
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

export function registerErrorHandling(app: FastifyInstance): void {
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
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return send(reply, mapped);
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
