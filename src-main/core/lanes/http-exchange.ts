import { createLogger } from '../logger';
import type { ChatDelta } from './chat-types';
import { LaneError, parseRetryAfter } from './lane-errors';
import { errorMessageOf } from './openai-wire';
import { sendWire } from './http-transport';
import type { WireResponse } from './http-transport';
import { RequestGuard } from './request-guard';
import { SseParser } from './sse-stream';
import type { SseEvent } from './sse-stream';
import { StreamAccumulator } from './stream-accumulator';

// The HTTP plumbing every lane adapter shares, whatever wire format it
// speaks: the connect timeout until response headers, the idle timeout per
// body read, non-2xx answers as LaneErrors, SSE bodies as events, and
// streams that keep what they had produced when they fail.

const log = createLogger('lanes');

export interface CallOptions {
  signal?: AbortSignal;
  /** Extra headers for this call only. */
  headers?: Record<string, string>;
}

export interface HealthResult {
  ok: boolean;
  latencyMs: number;
  status?: number;
  error?: LaneError;
}

export interface ExchangeTimeouts {
  /** Longest wait for response headers. */
  connectTimeoutMs: number;
  /** Longest silence between body bytes. */
  idleTimeoutMs: number;
}

/** One request, with its final headers; a defined `body` is sent as JSON. */
export interface ExchangeRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** Turns the SSE events of one wire format into deltas. */
export interface StreamDecoder {
  /** One event as a delta; null when it carries nothing to pass on. May throw a LaneError. */
  read(event: SseEvent): ChatDelta | null;
  /** True once the server said the answer is complete (later events are not read). */
  readonly done: boolean;
}

/** Reads a body chunk by chunk, with the idle timer armed during each read. */
export async function* bodyChunks(
  response: WireResponse,
  guard: RequestGuard,
  idleMs: number,
): AsyncGenerator<Uint8Array> {
  const reader = response.chunks();
  let finished = false;
  try {
    for (;;) {
      guard.arm('idle_timeout', idleMs);
      const { done, value } = await reader.next();
      guard.disarm();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    guard.disarm();
    if (!finished) response.cancel();
  }
}

export async function bodyText(
  response: WireResponse,
  guard: RequestGuard,
  idleMs: number,
): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of bodyChunks(response, guard, idleMs)) {
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * The server's own words from an error body, else its raw text. OpenAI's
 * `{error: {message}}` and Anthropic's `{type: 'error', error: {type, message}}`
 * both keep the words in `error.message`; `{error: '…'}`, `{message}` and
 * `{detail}` (other OpenAI-compatible servers) are read too.
 */
export function serverErrorMessage(raw: string): string {
  return errorMessageOf(raw);
}

/**
 * The LaneError for a non-2xx answer. 429 is `rate_limited`. So is 529,
 * Anthropic's "overloaded": the request was fine and the service asks for
 * time, so a caller should back off or fall back exactly as for 429 (the
 * status tells the two apart). Every other status is `http_error`.
 */
export function statusError(
  status: number,
  statusText: string,
  bodyText: string,
  retryAfter: string | null,
): LaneError {
  const message = serverErrorMessage(bodyText) || statusText;
  if (status === 429 || status === 529) {
    const what = status === 429 ? 'Rate limited' : 'The server is overloaded';
    return new LaneError('rate_limited', `${what}: ${message}`, {
      status,
      retryAfterSeconds: parseRetryAfter(retryAfter),
    });
  }
  return new LaneError('http_error', `HTTP ${status}: ${message}`, { status });
}

/** Sends the request and waits for headers; non-2xx answers become LaneErrors. */
export async function openExchange(
  request: ExchangeRequest,
  guard: RequestGuard,
  timeouts: ExchangeTimeouts,
): Promise<WireResponse> {
  guard.throwIfTripped();
  guard.arm('connect_timeout', timeouts.connectTimeoutMs);
  let response: WireResponse;
  try {
    response = await sendWire(
      {
        method: request.method,
        url: request.url,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      },
      guard.signal,
    );
  } catch (error) {
    throw guard.toLaneError(error, 'connect');
  } finally {
    guard.disarm();
  }
  if (response.ok) return response;
  const text = await bodyText(response, guard, timeouts.idleTimeoutMs).catch(() => '');
  throw statusError(response.status, response.statusText, text, response.header('retry-after'));
}

/** One request whose whole body is read as text. */
export async function fetchText(
  request: ExchangeRequest,
  signal: AbortSignal | undefined,
  timeouts: ExchangeTimeouts,
): Promise<{ status: number; text: string }> {
  const guard = new RequestGuard(signal);
  try {
    const response = await openExchange(request, guard, timeouts);
    try {
      return {
        status: response.status,
        text: await bodyText(response, guard, timeouts.idleTimeoutMs),
      };
    } catch (error) {
      throw guard.toLaneError(error, 'body');
    }
  } catch (error) {
    if (error instanceof LaneError)
      log.debug({ code: error.code, url: request.url }, error.message);
    throw error;
  } finally {
    guard.dispose();
  }
}

/**
 * One streamed request: yields the decoder's deltas until it reports the
 * answer done. A clean close before that is still complete when a finish
 * reason came; otherwise it is `stream_dropped`. Every failure carries the
 * partial answer. The body is read, split into events and decoded here in
 * one loop rather than through nested generators (bodyChunks, then one for
 * the events): one async step per delta instead of three.
 */
export async function* streamDeltas(
  request: ExchangeRequest,
  signal: AbortSignal | undefined,
  timeouts: ExchangeTimeouts,
  decoder: StreamDecoder,
): AsyncGenerator<ChatDelta> {
  const guard = new RequestGuard(signal);
  const answer = new StreamAccumulator();
  let response: WireResponse | undefined;
  let finished = false;
  try {
    response = await openExchange(request, guard, timeouts);
    const reader = response.chunks();
    const parser = new SseParser();
    const text = new TextDecoder();
    while (!finished) {
      guard.arm('idle_timeout', timeouts.idleTimeoutMs);
      const { done, value } = await reader.next();
      guard.disarm();
      finished = done === true;
      const events = finished
        ? [...parser.push(text.decode()), ...parser.end()]
        : parser.push(text.decode(value, { stream: true }));
      for (const event of events) {
        const delta = decoder.read(event);
        if (delta) {
          answer.add(delta);
          yield delta;
        }
        if (decoder.done) break;
      }
      if (decoder.done) break;
    }
    if (!decoder.done && !answer.finished) {
      throw new LaneError('stream_dropped', 'The stream ended before the answer was complete');
    }
  } catch (error) {
    const lane = guard.toLaneError(error, 'body', answer.snapshot());
    log.debug({ code: lane.code, url: request.url }, lane.message);
    throw lane;
  } finally {
    guard.dispose();
    // Stopped before the body's end (done, failed or abandoned): the rest is drained or dropped.
    if (response && !finished) response.cancel();
  }
}

/** Times one probe request; failures come back as data, never thrown. */
export async function probeHealth(
  request: ExchangeRequest,
  signal: AbortSignal | undefined,
  timeouts: ExchangeTimeouts,
): Promise<HealthResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const { status } = await fetchText(request, signal, timeouts);
    return { ok: true, status, latencyMs: latency() };
  } catch (error) {
    if (!(error instanceof LaneError)) throw error;
    const result: HealthResult = { ok: false, latencyMs: latency(), error };
    if (error.status !== undefined) result.status = error.status;
    return result;
  }
}
