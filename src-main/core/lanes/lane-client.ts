import { createAnthropicClient } from './anthropic-client';
import type { ChatCompletion, ChatDelta, ChatRequestBody } from './chat-types';
import type { CallOptions, HealthResult } from './http-exchange';
import { createOpenAiClient } from './openai-client';

export type { CallOptions, HealthResult } from './http-exchange';

/** The wire format a lane's server speaks. */
export type LaneApiFormat = 'openai' | 'anthropic';

export interface LaneClientOptions {
  /** With or without a trailing `/v1`. */
  baseUrl: string;
  apiKey?: string;
  headers?: Record<string, string>;
  /** Longest wait for response headers. */
  connectTimeoutMs: number;
  /** Longest silence between body bytes. */
  idleTimeoutMs: number;
}

/**
 * What every lane adapter offers. Requests are OpenAI-shaped whatever the
 * server speaks; answers and failures (LaneError) have one shape too.
 */
export interface LaneClient {
  chat(body: ChatRequestBody, options?: CallOptions): Promise<ChatCompletion>;
  chatStream(body: ChatRequestBody, options?: CallOptions): AsyncIterable<ChatDelta>;
  listModels(options?: CallOptions): Promise<string[]>;
  health(options?: CallOptions): Promise<HealthResult>;
}

/** The adapter for the server's wire format. */
export function createLaneClient(
  options: LaneClientOptions & { apiFormat: LaneApiFormat },
): LaneClient {
  const { apiFormat, ...connection } = options;
  return apiFormat === 'anthropic'
    ? createAnthropicClient(connection)
    : createOpenAiClient(connection);
}
