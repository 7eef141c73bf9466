/**
 * The result envelope every HomelaneApi call returns, on every transport.
 * Errors cross process and network boundaries as data with a stable code,
 * never as thrown exceptions whose message is all that survives.
 */

/** Stable error codes. The UI branches on these, never on message text. */
export const ERROR_CODES = [
  'invalid_input',
  'unknown_method',
  'forbidden',
  'not_found',
  'unavailable',
  'transport',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorData {
  code: ErrorCode;
  message: string;
  /** Structured detail, e.g. the failing input paths for `invalid_input`. */
  details?: unknown;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiErrorData };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail<T = never>(code: ErrorCode, message: string, details?: unknown): Result<T> {
  return details === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, details } };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * Thrown inside a service to end a call with a specific code; the dispatcher
 * turns it into a `{ ok: false }` envelope.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
}
