import { ERRORS, type ErrorCode } from '@chibo/core';

/** An error the client is meant to see: a stable code, an HTTP status, a Vietnamese message. */
export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    /** Shaped as the contract's ErrorResponse.details: anything else would fail serialization. */
    readonly details?: { issues: { path: string; message: string }[] },
  ) {
    super(message ?? ERRORS[code].message);
    this.status = ERRORS[code].status;
  }
}
