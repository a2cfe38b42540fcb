import type { ErrorCode } from '@chibo/core';

/**
 * The one door to the JSON API. Errors always arrive as `{ error, message }` with a stable
 * code (STYLE §7): the UI shows `message` and switches on `code`, never on the text.
 */

/** Codes that come from this side of the wire rather than from the server. */
export type ClientErrorCode = 'network_error' | 'bad_response';

/** Where a message belongs (`statuses[1]`, `from`), as the server's `details.issues` give it. */
export interface ApiIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly code: ErrorCode | ClientErrorCode;
  readonly status: number;
  readonly issues: readonly ApiIssue[];

  constructor(code: ErrorCode | ClientErrorCode, status: number, message: string, issues: readonly ApiIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.issues = issues;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

// The session cookie is HttpOnly; the CSRF token comes in the body of /me and of login and
// goes back in a header on every mutation (double submit bound to the session).
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The header every mutation carries; also for requests made outside fetch (uploads with progress). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken === null ? {} : { 'X-CSRF-Token': csrfToken };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

const FALLBACK_MESSAGES: Record<ClientErrorCode, string> = {
  network_error: 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại.',
  bad_response: 'Máy chủ trả lời không đúng định dạng. Vui lòng thử lại sau.',
};

function isErrorBody(v: unknown): v is { error: ErrorCode; message: string; details?: unknown } {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.error === 'string' && typeof o.message === 'string';
}

function issuesOf(details: unknown): ApiIssue[] {
  if (typeof details !== 'object' || details === null) return [];
  const issues = (details as { issues?: unknown }).issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (i): i is ApiIssue =>
      typeof i === 'object' && i !== null && typeof (i as ApiIssue).path === 'string' && typeof (i as ApiIssue).message === 'string',
  );
}

/** A response's status and text → its JSON body, or the ApiError it stands for. */
export function readResponse<T>(status: number, text: string): T {
  const ok = status >= 200 && status < 300;
  let data: unknown = undefined;
  if (text !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      throw new ApiError('bad_response', status, FALLBACK_MESSAGES.bad_response);
    }
  }
  if (!ok) {
    if (isErrorBody(data)) throw new ApiError(data.error, status, data.message, issuesOf(data.details));
    throw new ApiError(status >= 500 ? 'internal_error' : 'bad_response', status, FALLBACK_MESSAGES.bad_response);
  }
  return data as T;
}

export function networkError(): ApiError {
  return new ApiError('network_error', 0, FALLBACK_MESSAGES.network_error);
}

async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal, idempotencyKey?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (idempotencyKey !== undefined) headers['Idempotency-Key'] = idempotencyKey;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw networkError();
  }
  return readResponse<T>(res.status, await res.text());
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  /** With an idempotency key, a resubmission of the same form records once (server ADR 0004). */
  post: <T>(path: string, body?: unknown, idempotencyKey?: string) => request<T>('POST', path, body ?? {}, undefined, idempotencyKey),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
};
