import type { PartialAnswer } from './chat-types';
import { LaneError } from './lane-errors';

type TripCause = 'caller' | 'connect_timeout' | 'idle_timeout';

// Any failure before response headers (ECONNREFUSED, ENOTFOUND, EAI_AGAIN,
// ECONNRESET, a TLS error…) is `unreachable`; the code is kept in the message.

/** The errno-style code of an error, or of its `cause` chain. */
function systemCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    if (typeof e === 'object' && 'code' in e && typeof e.code === 'string') return e.code;
    e = typeof e === 'object' && 'cause' in e ? e.cause : undefined;
  }
  return undefined;
}

/**
 * Owns the AbortController of one request: the caller's signal, the connect
 * timer (until response headers) and the idle timer (per body read) all
 * abort it, and the guard remembers which one did so that the error the
 * request throws can be turned into the right LaneError.
 */
export class RequestGuard {
  private readonly controller = new AbortController();
  private cause: TripCause | null = null;
  /**
   * One timer serves every arm (a streamed body is armed once per chunk):
   * arming moves a deadline, and the timer, when it fires early, waits for
   * what is left. Only an earlier deadline than the timer's sets a new one.
   */
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = 0;
  /** What the deadline trips, while armed (plain fields: arming allocates nothing). */
  private armedFor: 'connect_timeout' | 'idle_timeout' | undefined;
  private deadline = 0;
  private readonly onCallerAbort = () => this.trip('caller');
  private readonly onTimer = () => {
    this.timer = undefined;
    const cause = this.armedFor;
    if (cause === undefined) return;
    const left = this.deadline - performance.now();
    if (left > 0) this.schedule(left);
    else this.trip(cause);
  };

  constructor(private readonly callerSignal: AbortSignal | undefined) {
    if (callerSignal?.aborted) this.trip('caller');
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Throws `aborted` if the caller has already given up. */
  throwIfTripped(): void {
    if (this.cause) throw this.toLaneError(new Error('tripped'), 'connect');
  }

  arm(cause: 'connect_timeout' | 'idle_timeout', ms: number): void {
    this.armedFor = cause;
    this.deadline = performance.now() + ms;
    if (this.timer === undefined || this.timerAt > this.deadline) this.schedule(ms);
  }

  /** Stops counting; the timer, if it fires, finds nothing armed. */
  disarm(): void {
    this.armedFor = undefined;
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = performance.now() + ms;
    this.timer = setTimeout(this.onTimer, Math.ceil(ms));
    // The request's own socket keeps the process alive while it runs; a timer
    // left behind by a guard nobody disposed must not.
    this.timer.unref();
  }

  private clearTimer(): void {
    this.armedFor = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * Stops the timers and stops listening to the caller. The connection is
   * not aborted: a body that was not read to its end is drained by the
   * transport, so a complete answer leaves its connection for the next one.
   */
  dispose(): void {
    this.clearTimer();
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }

  /** Maps whatever the request or a body read threw into a LaneError. */
  toLaneError(error: unknown, phase: 'connect' | 'body', partial?: PartialAnswer): LaneError {
    const lane = this.classify(error, phase);
    return partial ? lane.withPartial(partial) : lane;
  }

  private trip(cause: TripCause): void {
    if (this.cause) return;
    this.cause = cause;
    this.clearTimer();
    this.controller.abort();
  }

  private classify(error: unknown, phase: 'connect' | 'body'): LaneError {
    if (this.cause === 'caller') {
      return new LaneError('aborted', 'The request was cancelled', { cause: error });
    }
    if (this.cause === 'connect_timeout') {
      return new LaneError('connect_timeout', 'The server sent no response in time', {
        cause: error,
      });
    }
    if (this.cause === 'idle_timeout') {
      return new LaneError('idle_timeout', 'The server went silent mid-answer', { cause: error });
    }
    if (error instanceof LaneError) return error;
    const code = systemCode(error);
    const detail = code ? ` (${code})` : '';
    if (phase === 'connect') {
      return new LaneError('unreachable', `The server could not be reached${detail}`, {
        cause: error,
      });
    }
    return new LaneError('stream_dropped', `The connection dropped mid-answer${detail}`, {
      cause: error,
    });
  }
}
