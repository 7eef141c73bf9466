import { createLogger } from '../logger';
import { laneEndpoints } from './base-url';
import type { ChatCompletion, ChatDelta, ChatRequestBody } from './chat-types';
import { LaneError, parseRetryAfter } from './lane-errors';
import { errorMessageOf, parseChunk, parseCompletion, parseModelIds } from './openai-wire';
import { RequestGuard } from './request-guard';
import { SseParser } from './sse-stream';
import { StreamAccumulator } from './stream-accumulator';

const log = createLogger('lanes');

export interface OpenAiClientOptions {
  /** With or without a trailing `/v1`. */
  baseUrl: string;
  apiKey?: string;
  headers?: Record<string, string>;
  /** Longest wait for response headers. */
  connectTimeoutMs: number;
  /** Longest silence between body bytes. */
  idleTimeoutMs: number;
}

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

export interface OpenAiClient {
  chat(body: ChatRequestBody, options?: CallOptions): Promise<ChatCompletion>;
  chatStream(body: ChatRequestBody, options?: CallOptions): AsyncIterable<ChatDelta>;
  listModels(options?: CallOptions): Promise<string[]>;
  health(options?: CallOptions): Promise<HealthResult>;
}

interface Exchange {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
  options: CallOptions;
}

/** Reads a body chunk by chunk, with the idle timer armed during each read. */
async function* bodyChunks(
  response: Response,
  guard: RequestGuard,
  idleMs: number,
): AsyncGenerator<Uint8Array> {
  if (!response.body) return;
  const reader = response.body.getReader();
  let finished = false;
  try {
    for (;;) {
      guard.arm('idle_timeout', idleMs);
      const { done, value } = await reader.read();
      guard.disarm();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    guard.disarm();
    if (!finished) reader.cancel().catch(() => undefined);
  }
}

async function bodyText(response: Response, guard: RequestGuard, idleMs: number): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of bodyChunks(response, guard, idleMs)) {
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

export function createOpenAiClient(config: OpenAiClientOptions): OpenAiClient {
  const { root, api } = laneEndpoints(config.baseUrl);

  function headersFor(options: CallOptions, json: boolean): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json, text/event-stream' };
    if (json) headers['content-type'] = 'application/json';
    if (config.apiKey) headers['authorization'] = `Bearer ${config.apiKey}`;
    return { ...headers, ...config.headers, ...options.headers };
  }

  /** Sends the request and waits for headers; non-2xx answers become LaneErrors. */
  async function open(exchange: Exchange, guard: RequestGuard): Promise<Response> {
    guard.throwIfTripped();
    guard.arm('connect_timeout', config.connectTimeoutMs);
    let response: Response;
    try {
      response = await fetch(exchange.url, {
        method: exchange.method,
        headers: headersFor(exchange.options, exchange.body !== undefined),
        body: exchange.body === undefined ? undefined : JSON.stringify(exchange.body),
        signal: guard.signal,
      });
    } catch (error) {
      throw guard.toLaneError(error, 'connect');
    } finally {
      guard.disarm();
    }
    if (response.ok) return response;
    const text = await bodyText(response, guard, config.idleTimeoutMs).catch(() => '');
    const message = errorMessageOf(text) || response.statusText;
    if (response.status === 429) {
      throw new LaneError('rate_limited', `Rate limited: ${message}`, {
        status: 429,
        retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
      });
    }
    throw new LaneError('http_error', `HTTP ${response.status}: ${message}`, {
      status: response.status,
    });
  }

  /** One request whose whole body is read as text. */
  async function fetchText(exchange: Exchange): Promise<{ status: number; text: string }> {
    const guard = new RequestGuard(exchange.options.signal);
    try {
      const response = await open(exchange, guard);
      try {
        return {
          status: response.status,
          text: await bodyText(response, guard, config.idleTimeoutMs),
        };
      } catch (error) {
        throw guard.toLaneError(error, 'body');
      }
    } catch (error) {
      if (error instanceof LaneError)
        log.debug({ code: error.code, url: exchange.url }, error.message);
      throw error;
    } finally {
      guard.dispose();
    }
  }

  async function chat(body: ChatRequestBody, options: CallOptions = {}): Promise<ChatCompletion> {
    const request = { ...body, stream: false };
    const { text } = await fetchText({
      method: 'POST',
      url: `${api}/chat/completions`,
      body: request,
      options,
    });
    return parseCompletion(text);
  }

  async function* chatStream(
    body: ChatRequestBody,
    options: CallOptions = {},
  ): AsyncGenerator<ChatDelta> {
    const streamOptions =
      typeof body['stream_options'] === 'object' && body['stream_options'] !== null
        ? body['stream_options']
        : {};
    const request = {
      ...body,
      stream: true,
      stream_options: { ...streamOptions, include_usage: true },
    };
    const guard = new RequestGuard(options.signal);
    const answer = new StreamAccumulator();
    try {
      const response = await open(
        { method: 'POST', url: `${api}/chat/completions`, body: request, options },
        guard,
      );
      const parser = new SseParser();
      const decoder = new TextDecoder();
      let done = false;
      const handle = function* (data: string): Generator<ChatDelta> {
        if (data.trim() === '[DONE]') {
          done = true;
          return;
        }
        const delta = parseChunk(data);
        if (delta) {
          answer.add(delta);
          yield delta;
        }
      };
      for await (const chunk of bodyChunks(response, guard, config.idleTimeoutMs)) {
        for (const event of parser.push(decoder.decode(chunk, { stream: true }))) {
          if (!done) yield* handle(event.data);
        }
        if (done) break;
      }
      if (!done) {
        for (const event of parser.push(decoder.decode()).concat(parser.end())) {
          if (!done) yield* handle(event.data);
        }
      }
      // A clean close without [DONE] is still complete when a finish reason came.
      if (!done && !answer.finished) {
        throw new LaneError('stream_dropped', 'The stream ended before the answer was complete');
      }
    } catch (error) {
      const lane = guard.toLaneError(error, 'body', answer.snapshot());
      log.debug({ code: lane.code, url: api }, lane.message);
      throw lane;
    } finally {
      guard.dispose();
    }
  }

  async function listModels(options: CallOptions = {}): Promise<string[]> {
    const { text } = await fetchText({ method: 'GET', url: `${api}/models`, options });
    return parseModelIds(text);
  }

  async function health(options: CallOptions = {}): Promise<HealthResult> {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      const { status } = await fetchText({ method: 'GET', url: `${root}/health`, options });
      return { ok: true, status, latencyMs: latency() };
    } catch (error) {
      if (!(error instanceof LaneError)) throw error;
      const result: HealthResult = { ok: false, latencyMs: latency(), error };
      if (error.status !== undefined) result.status = error.status;
      return result;
    }
  }

  return { chat, chatStream, listModels, health };
}
