import { createLogger } from '../logger';
import { endpointLocality, parseEndpointUrl } from '../net/endpoint-locality';
import type { EndpointLocality } from '../net/endpoint-locality';
import { ANSWER_PATHS, classifyLanServer, readLanModels, readModelList } from './lan-kind';
import type { HttpAnswer, LanAnswers, LanKind, LanModel } from './lan-kind';
import { LaneError } from './lane-errors';
import { errorMessageOf } from './openai-wire';
import { RequestGuard } from './request-guard';

// Probes a URL a person typed for a LAN model server: is there an OpenAI API,
// which server is it, which models does it serve. Only GET requests, each
// with short timeouts; the OpenAI model list first (nothing else is worth
// asking when it fails), then a few server-specific endpoints a handful at a
// time. A server-specific endpoint that fails or answers nonsense counts as
// not answered. Redirects are not followed: a probe that carries an API key
// does not hand it to another address.

const log = createLogger('lanes');

/** At most this many requests to the server at once. */
const CONCURRENCY = 4;
/** Bodies longer than this are not read (a model list is far smaller). */
const MAX_BODY_BYTES = 1 << 20;

/** The server-specific endpoints asked after the model list, under the server root. */
const SIGNATURES: readonly (keyof LanAnswers)[] = [
  'root',
  'version',
  'health',
  'props',
  'ollamaVersion',
  'ollamaTags',
  'lmStudioV0Models',
  'lmStudioV1Models',
];

export interface LanProbeOptions {
  /** Longest wait for each response's headers. */
  connectTimeoutMs: number;
  /** Longest silence while each body arrives. */
  idleTimeoutMs: number;
  apiKey?: string;
  signal?: AbortSignal;
}

export interface LanProbeResult {
  /** Where the OpenAI API lives, with `/v1`: `http://192.168.1.20:8000/v1`. */
  baseUrl: string;
  kind: LanKind;
  version?: string;
  models: LanModel[];
  locality: EndpointLocality;
  /** What answers led to the kind, for people. */
  evidence: string[];
  /** How long the model list took to arrive. */
  latencyMs: number;
}

/** Stable codes callers branch on; messages are for people and may change. */
export type LanProbeErrorCode =
  | 'invalid_url'
  | 'unreachable'
  | 'unauthorized'
  | 'not_openai_compatible'
  | 'server_error'
  | 'aborted';

export class LanProbeError extends Error {
  readonly code: LanProbeErrorCode;
  /** The URL as typed for `invalid_url`, else the normalised API URL. */
  readonly url: string;
  readonly status?: number;

  constructor(
    code: LanProbeErrorCode,
    url: string,
    message: string,
    details: { status?: number; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'LanProbeError';
    this.code = code;
    this.url = url;
    if (details.status !== undefined) this.status = details.status;
  }
}

export interface LanEndpointUrls {
  /** The server root, where the server-specific endpoints live. */
  root: string;
  /** The OpenAI API: `<root>/v1`. */
  api: string;
}

/**
 * Reads what a person typed: with or without `http://` (the default), with or
 * without `/v1`, even the full `/v1/models` or `/v1/chat/completions` URL, with
 * trailing slashes. Query and fragment are dropped. Throws `invalid_url`.
 */
export function normalizeLanUrl(input: string): LanEndpointUrls {
  const typed = input.trim();
  const invalid = (why: string) => new LanProbeError('invalid_url', typed, why);
  if (typed === '') throw invalid('Type the server address, e.g. http://192.168.1.20:8000');
  const url = parseEndpointUrl(typed);
  if (!url || url.hostname === '') throw invalid(`"${typed}" is not a URL`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid(
      `"${typed}" uses ${url.protocol.slice(0, -1)}; a model server speaks http or https`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid(`"${typed}" carries a user name or password; put the key in the API key field`);
  }
  const path = url.pathname
    .replace(/\/+$/, '')
    .replace(/\/v1\/(models|chat\/completions)$/i, '/v1')
    .replace(/\/v1$/i, '');
  const root = `${url.origin}${path}`;
  return { root, api: `${root}/v1` };
}

type Outcome = { answer: HttpAnswer; ms: number } | { failure: LaneError };

async function readCapped(response: Response, guard: RequestGuard, idleMs: number) {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    for (;;) {
      guard.arm('idle_timeout', idleMs);
      const { done, value } = await reader.read();
      guard.disarm();
      if (done) return text + decoder.decode();
      bytes += value.byteLength;
      if (bytes > MAX_BODY_BYTES) {
        throw new LaneError(
          'invalid_response',
          `The answer is longer than ${MAX_BODY_BYTES} bytes`,
        );
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    guard.disarm();
    reader.cancel().catch(() => undefined);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** One GET; every failure comes back as a LaneError, never thrown. */
async function get(url: string, options: LanProbeOptions): Promise<Outcome> {
  const guard = new RequestGuard(options.signal);
  const started = performance.now();
  const headers: Record<string, string> = { accept: 'application/json, text/plain;q=0.9' };
  const key = options.apiKey?.trim();
  if (key) headers['authorization'] = `Bearer ${key}`;
  try {
    guard.throwIfTripped();
    guard.arm('connect_timeout', options.connectTimeoutMs);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'GET',
        headers,
        redirect: 'manual',
        signal: guard.signal,
      });
    } catch (error) {
      throw guard.toLaneError(error, 'connect');
    } finally {
      guard.disarm();
    }
    let text: string;
    try {
      text = await readCapped(response, guard, options.idleTimeoutMs);
    } catch (error) {
      throw guard.toLaneError(error, 'body');
    }
    const answer: HttpAnswer = { status: response.status, text, json: parseJson(text) };
    const location = response.headers.get('location');
    if (location) answer.location = location;
    return { answer, ms: performance.now() - started };
  } catch (error) {
    if (error instanceof LaneError) return { failure: error };
    return { failure: new LaneError('unreachable', String(error), { cause: error }) };
  } finally {
    guard.dispose();
  }
}

/** Runs `work` on every item, at most `limit` at a time. */
async function eachBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
}

/** The errno-style code a failed connection carries (ECONNREFUSED, ENOTFOUND…). */
function systemCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (typeof e === 'object' && 'code' in e && typeof e.code === 'string') return e.code;
    e = typeof e === 'object' && 'cause' in e ? e.cause : undefined;
  }
  return undefined;
}

function failureError(failure: LaneError, api: string, options: LanProbeOptions): LanProbeError {
  const cause = { cause: failure };
  switch (failure.code) {
    case 'aborted':
      return new LanProbeError('aborted', api, `The probe of ${api} was cancelled`, cause);
    case 'connect_timeout':
      return new LanProbeError(
        'unreachable',
        api,
        `${api} did not answer within ${options.connectTimeoutMs} ms; check the address and that no firewall drops the connection`,
        cause,
      );
    case 'idle_timeout':
    case 'stream_dropped':
      return new LanProbeError(
        'unreachable',
        api,
        `${api} stopped answering in the middle of the model list`,
        cause,
      );
    case 'invalid_response':
      return new LanProbeError(
        'not_openai_compatible',
        api,
        `${api} answered GET /models with something too long to be a model list`,
        cause,
      );
    default: {
      const code = systemCode(failure.cause);
      return new LanProbeError(
        'unreachable',
        api,
        `Nothing answered at ${api}${code ? ` (${code})` : ''}; check the address and port, and that the server listens on the network, not only on localhost`,
        cause,
      );
    }
  }
}

/** Throws unless the model list answer is a usable OpenAI model list. */
function checkModelList(answer: HttpAnswer, api: string, options: LanProbeOptions): void {
  const { status } = answer;
  const words = errorMessageOf(answer.text).slice(0, 200);
  const said = words ? `: ${words}` : '';
  if (status === 401 || status === 403) {
    const message = options.apiKey?.trim()
      ? `${api} refused the API key (HTTP ${status}${said}); check the key`
      : `${api} asks for an API key (HTTP ${status}${said}); add the server's API key and probe again`;
    throw new LanProbeError('unauthorized', api, message, { status });
  }
  if (status >= 300 && status <= 399) {
    const where = answer.location ? ` to ${answer.location}` : '';
    throw new LanProbeError(
      'not_openai_compatible',
      api,
      `${api}/models redirects${where} (HTTP ${status}); use the address it redirects to`,
      { status },
    );
  }
  if (status >= 500) {
    throw new LanProbeError(
      'server_error',
      api,
      `${api} failed to list its models (HTTP ${status}${said}); it may still be loading a model`,
      { status },
    );
  }
  if (status < 200 || status > 299) {
    throw new LanProbeError(
      'not_openai_compatible',
      api,
      `${api} answered GET /models with HTTP ${status}, so no OpenAI API lives there; the OpenAI API usually lives under /v1`,
      { status },
    );
  }
  if (readModelList(answer) === undefined) {
    const what = answer.json === undefined ? 'not JSON' : 'JSON without a "data" list of models';
    throw new LanProbeError(
      'not_openai_compatible',
      api,
      `${api} answered GET /models with ${what}, not an OpenAI model list`,
      { status },
    );
  }
}

function throwIfAborted(signal: AbortSignal | undefined, api: string): void {
  if (signal?.aborted) {
    throw new LanProbeError('aborted', api, `The probe of ${api} was cancelled`);
  }
}

/** Probes `url` for an OpenAI-compatible model server; throws a LanProbeError. */
export async function probeLanEndpoint(
  url: string,
  options: LanProbeOptions,
): Promise<LanProbeResult> {
  const { root, api } = normalizeLanUrl(url);
  const listing = await get(`${api}/models`, options);
  if ('failure' in listing) throw failureError(listing.failure, api, options);
  checkModelList(listing.answer, api, options);

  const answers: LanAnswers = { models: listing.answer };
  const ask = async (key: keyof LanAnswers) => {
    const outcome = await get(`${root}${ANSWER_PATHS[key]}`, options);
    if ('answer' in outcome) answers[key] = outcome.answer;
  };
  await eachBounded(SIGNATURES, CONCURRENCY, ask);
  throwIfAborted(options.signal, api);

  const { kind, evidence, version } = classifyLanServer(answers);
  // Only Ollama says which models are loaded in an endpoint of its own.
  if (kind === 'ollama') await ask('ollamaPs');
  throwIfAborted(options.signal, api);

  const result: LanProbeResult = {
    baseUrl: api,
    kind,
    models: readLanModels(kind, answers),
    locality: endpointLocality(api),
    evidence,
    latencyMs: Math.round(listing.ms),
  };
  if (version) result.version = version;
  log.debug({ url: api, kind, models: result.models.length }, 'probed a LAN endpoint');
  return result;
}
