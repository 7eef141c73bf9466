import {
  AnthropicStreamReader,
  parseAnthropicMessage,
  parseAnthropicModelPage,
  toAnthropicRequest,
} from './anthropic-wire';
import { laneEndpoints } from './base-url';
import type { ChatCompletion, ChatRequestBody } from './chat-types';
import { fetchText, probeHealth, streamDeltas } from './http-exchange';
import type { CallOptions, ExchangeRequest } from './http-exchange';
import type { LaneClient, LaneClientOptions } from './lane-client';

// A lane that speaks Anthropic's Messages API. Requests arrive OpenAI-shaped
// and are translated; answers, streams and failures come back in the same
// shapes the OpenAI-compatible client gives.

/** The Messages API version this adapter speaks. */
export const ANTHROPIC_VERSION = '2023-06-01';

/** The largest page GET /v1/models serves; more pages are followed up to MAX_MODEL_PAGES. */
const MODEL_PAGE_SIZE = 1000;
const MAX_MODEL_PAGES = 20;

export type AnthropicClientOptions = LaneClientOptions;

export function createAnthropicClient(config: AnthropicClientOptions): LaneClient {
  const { api } = laneEndpoints(config.baseUrl);

  function request(
    method: 'GET' | 'POST',
    url: string,
    options: CallOptions,
    body?: unknown,
  ): ExchangeRequest {
    const headers: Record<string, string> = {
      accept: 'application/json, text/event-stream',
      'anthropic-version': ANTHROPIC_VERSION,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (config.apiKey) headers['x-api-key'] = config.apiKey;
    return {
      method,
      url,
      headers: { ...headers, ...config.headers, ...options.headers },
      body,
    };
  }

  async function chat(body: ChatRequestBody, options: CallOptions = {}): Promise<ChatCompletion> {
    const wire = toAnthropicRequest({ ...body, stream: false });
    const { text } = await fetchText(
      request('POST', `${api}/messages`, options, wire),
      options.signal,
      config,
    );
    return parseAnthropicMessage(text);
  }

  function chatStream(body: ChatRequestBody, options: CallOptions = {}) {
    const wire = toAnthropicRequest({ ...body, stream: true });
    return streamDeltas(
      request('POST', `${api}/messages`, options, wire),
      options.signal,
      config,
      new AnthropicStreamReader(),
    );
  }

  async function listModels(options: CallOptions = {}): Promise<string[]> {
    const ids: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_MODEL_PAGES; page++) {
      const query = new URLSearchParams({ limit: String(MODEL_PAGE_SIZE) });
      if (after !== undefined) query.set('after_id', after);
      const { text } = await fetchText(
        request('GET', `${api}/models?${query.toString()}`, options),
        options.signal,
        config,
      );
      const { ids: pageIds, nextAfter } = parseAnthropicModelPage(text);
      ids.push(...pageIds);
      if (nextAfter === undefined) break;
      after = nextAfter;
    }
    return ids;
  }

  /**
   * Anthropic has no /health: the probe lists one model instead, which also
   * proves the key is accepted (a bad key is a 401 here).
   */
  function health(options: CallOptions = {}) {
    return probeHealth(request('GET', `${api}/models?limit=1`, options), options.signal, config);
  }

  return { chat, chatStream, listModels, health };
}
