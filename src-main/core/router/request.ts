// What the router reads: an eval body (`text`) or an OpenAI-style chat body
// (`messages`), with the fields that shape the context estimate.

export interface ContentPart {
  type: string;
  text?: string;
  image_url?: { url?: string } | string;
  [key: string]: unknown;
}

export interface ChatMessage {
  role: string;
  content?: string | ContentPart[] | null;
  name?: string;
  tool_calls?: unknown[];
  tool_call_id?: string;
  [key: string]: unknown;
}

export interface RoutingRequest {
  text?: string;
  messages?: ChatMessage[];
  tools?: unknown[];
  functions?: unknown[];
  tool_choice?: unknown;
  response_format?: unknown;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  /** The requested model name: an auto name, an entrypoint, or a concrete alias. */
  model?: string;
  /** Untrusted request metadata (the `metadata` signal reads it). */
  metadata?: Record<string, unknown>;
  /** Request headers, names lower-cased (the `authz` signal reads identity headers). */
  headers?: Record<string, string>;
}
