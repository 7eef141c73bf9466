import { laneEndpoints } from './base-url';
import type { ChatCompletion, ChatRequestBody } from './chat-types';
import { fetchText, probeHealth, streamDeltas } from './http-exchange';
import type { CallOptions, ExchangeRequest, StreamDecoder } from './http-exchange';
import type { LaneClient, LaneClientOptions } from './lane-client';
import { parseChunk, parseCompletion, parseModelIds } from './openai-wire';

export type { CallOptions, HealthResult } from './http-exchange';

export type OpenAiClientOptions = LaneClientOptions;
export type OpenAiClient = LaneClient;

/** Chunks until `data: [DONE]`. */
function openAiDecoder(): StreamDecoder {
  let done = false;
  return {
    get done() {
      return done;
    },
    read(event) {
      if (event.data.trim() === '[DONE]') {
        done = true;
        return null;
      }
      return parseChunk(event.data);
    },
  };
}

export function createOpenAiClient(config: OpenAiClientOptions): OpenAiClient {
  const { root, api } = laneEndpoints(config.baseUrl);

  function request(
    method: 'GET' | 'POST',
    url: string,
    options: CallOptions,
    body?: unknown,
  ): ExchangeRequest {
    const headers: Record<string, string> = { accept: 'application/json, text/event-stream' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (config.apiKey) headers['authorization'] = `Bearer ${config.apiKey}`;
    return {
      method,
      url,
      headers: { ...headers, ...config.headers, ...options.headers },
      body,
    };
  }

  async function chat(body: ChatRequestBody, options: CallOptions = {}): Promise<ChatCompletion> {
    const wire = { ...body, stream: false };
    const { text } = await fetchText(
      request('POST', `${api}/chat/completions`, options, wire),
      options.signal,
      config,
    );
    return parseCompletion(text);
  }

  function chatStream(body: ChatRequestBody, options: CallOptions = {}) {
    const streamOptions =
      typeof body['stream_options'] === 'object' && body['stream_options'] !== null
        ? body['stream_options']
        : {};
    const wire = {
      ...body,
      stream: true,
      stream_options: { ...streamOptions, include_usage: true },
    };
    return streamDeltas(
      request('POST', `${api}/chat/completions`, options, wire),
      options.signal,
      config,
      openAiDecoder(),
    );
  }

  async function listModels(options: CallOptions = {}): Promise<string[]> {
    const { text } = await fetchText(
      request('GET', `${api}/models`, options),
      options.signal,
      config,
    );
    return parseModelIds(text);
  }

  function health(options: CallOptions = {}) {
    return probeHealth(request('GET', `${root}/health`, options), options.signal, config);
  }

  return { chat, chatStream, listModels, health };
}
