import type { ErrorCode } from '@chibo/core';

/**
 * The one door to the JSON API. Errors always arrive as `{ error, message }` with a stable
 * code (STYLE §7): the UI shows `message` and switches on `code`, never on the text.
 */

/** Codes that come from this side of the wire rather than from the server. */
export type ClientErrorCode = 'network_error' | 'bad_response';

export class ApiError extends Error {
  readonly code: ErrorCode | ClientErrorCode;
  readonly status: number;

  constructor(code: ErrorCode | ClientErrorCode, status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
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

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

const FALLBACK_MESSAGES: Record<ClientErrorCode, string> = {
  network_error: 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại.',
  bad_response: 'Máy chủ trả lời không đúng định dạng. Vui lòng thử lại sau.',
};

function isErrorBody(v: unknown): v is { error: ErrorCode; message: string } {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.error === 'string' && typeof o.message === 'string';
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
    throw new ApiError('network_error', 0, FALLBACK_MESSAGES.network_error);
  }

  let data: unknown = undefined;
  const text = await res.text();
  if (text !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      throw new ApiError('bad_response', res.status, FALLBACK_MESSAGES.bad_response);
    }
  }

  if (!res.ok) {
    if (isErrorBody(data)) throw new ApiError(data.error, res.status, data.message);
    throw new ApiError(res.status >= 500 ? 'internal_error' : 'bad_response', res.status, FALLBACK_MESSAGES.bad_response);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  /** With an idempotency key, a resubmission of the same form records once (server ADR 0004). */
  post: <T>(path: string, body?: unknown, idempotencyKey?: string) => request<T>('POST', path, body ?? {}, undefined, idempotencyKey),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
};
