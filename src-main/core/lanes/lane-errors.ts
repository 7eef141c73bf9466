import type { PartialAnswer } from './chat-types';

/** Stable codes callers branch on; messages are for people and may change. */
export type LaneErrorCode =
  | 'connect_timeout'
  | 'idle_timeout'
  | 'aborted'
  | 'http_error'
  | 'rate_limited'
  | 'stream_dropped'
  | 'invalid_response'
  | 'unreachable'
  /** The lane needs an API key and none is set; nothing was sent. */
  | 'missing_key';

export interface LaneErrorDetails {
  /** HTTP status, for http_error and rate_limited. */
  status?: number;
  /** Seconds the server asked us to wait (429 Retry-After). */
  retryAfterSeconds?: number;
  /** What had streamed before the failure, so the caller can keep and mark it. */
  partial?: PartialAnswer;
  cause?: unknown;
}

export class LaneError extends Error {
  readonly code: LaneErrorCode;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly partial?: PartialAnswer;

  constructor(code: LaneErrorCode, message: string, details: LaneErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'LaneError';
    this.code = code;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
    if (details.partial !== undefined) this.partial = details.partial;
  }

  /** The same error with the partial answer attached (errors raised before streaming lack it). */
  withPartial(partial: PartialAnswer): LaneError {
    if (this.partial) return this;
    return new LaneError(this.code, this.message, {
      status: this.status,
      retryAfterSeconds: this.retryAfterSeconds,
      partial,
      cause: this.cause,
    });
  }
}

export function isLaneError(error: unknown): error is LaneError {
  return error instanceof LaneError;
}

/** Retry-After is either delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
