/**
 * What a route declares it answers, for its `schema.response`. A route lists the refusals its
 * own rules give (403, 404, 409, 422, 429); those that follow from its shape — 400 for bad
 * input, 401/403 for the session and CSRF gate, 409 for a reused Idempotency-Key, 413/415 for
 * bodies, 500 — are added by the error plugin (plugins/errors.ts), so no route can forget them.
 */
import { z } from 'zod';
import { ErrorResponse } from '@chibo/core';

type Refusal = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 423 | 429;

/** `{ [status]: ErrorResponse }` for each status given. */
export function refusals(...statuses: Refusal[]): Partial<Record<Refusal, typeof ErrorResponse>> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorResponse]));
}

/** The bytes of a file, in the OpenAPI document (`type: string, format: binary`). */
export const FileBytes = z.string().meta({ format: 'binary' });

/** A 200 whose body is a file of one of `contentTypes` (downloads: documents, papers, exports, calendars). */
export function fileAnswer(description: string, contentTypes: readonly string[]) {
  return { description, content: Object.fromEntries(contentTypes.map((t) => [t, { schema: FileBytes }])) };
}
