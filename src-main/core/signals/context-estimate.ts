import type { ChatMessage, ContentPart, RoutingRequest } from '../router/request';
import type { TextViews } from './text-views';
import { utf8ByteLength } from './text-units';

// The context signal's token estimate (reference §2.8, §9 item 8). A byte
// count, not a tokenizer: the estimate must be cheap and identical on every
// machine. The envelope floor makes what the provider will really be sent
// (images, tool schemas, the output reserve) count, so a one-line prompt with
// `max_tokens: 8192` is long context, as it is upstream.

/** What one image part costs, whatever its size. */
export const IMAGE_PART_TOKENS = 8192;
/** Per-message framing (role markers, separators). */
export const MESSAGE_OVERHEAD_TOKENS = 4;
/** Per tool definition, assistant tool call and tool result message. */
export const TOOL_OVERHEAD_TOKENS = 8;
const BYTES_PER_TOKEN = 4;

export interface ContextEstimate {
  /** ceil(UTF-8 bytes of `views.contextText` / 4). */
  textTokens: number;
  /** The whole request body's floor, output reserve included. */
  envelopeFloor: number;
  /** max(textTokens, envelopeFloor): what context rules compare. */
  tokens: number;
}

export function estimateContextTokens(request: RoutingRequest, views: TextViews): ContextEstimate {
  const textTokens = Math.ceil(utf8ByteLength(views.contextText) / BYTES_PER_TOKEN);
  const envelopeFloor = envelopeFloorTokens(request);
  return { textTokens, envelopeFloor, tokens: Math.max(textTokens, envelopeFloor) };
}

/**
 * A token bound as written in a context rule: a number, or a string with an
 * optional `K` (×1000) or `M` (×1,000,000) suffix, case-insensitive, decimals
 * allowed (`"1.5K"`), surrounding whitespace ignored. Anything else is null.
 */
export function parseTokenBound(value: string | number | undefined): number | null {
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (typeof value !== 'string') return null;
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)([km]?)$/i.exec(value.trim());
  if (!match) return null;
  const base = Number(match[1]);
  if (!Number.isFinite(base)) return null;
  const suffix = (match[2] ?? '').toLowerCase();
  const scale = suffix === 'k' ? 1_000 : suffix === 'm' ? 1_000_000 : 1;
  // Round away binary noise such as 1.1 × 1000 = 1100.0000000000002.
  return Number((base * scale).toPrecision(15));
}

function envelopeFloorTokens(request: RoutingRequest): number {
  let textBytes = 0;
  let structuredBytes = 0;
  let images = 0;
  let overhead = 0;

  for (const field of [request.tools, request.functions]) {
    structuredBytes += compactJsonBytes(field);
    if (Array.isArray(field)) overhead += TOOL_OVERHEAD_TOKENS * field.length;
  }
  structuredBytes +=
    compactJsonBytes(request.tool_choice) + compactJsonBytes(request.response_format);

  for (const message of requestMessages(request)) {
    overhead += MESSAGE_OVERHEAD_TOKENS;
    if (typeof message.role === 'string') textBytes += utf8ByteLength(message.role);
    const { content } = message;
    if (typeof content === 'string') textBytes += utf8ByteLength(content);
    else if (Array.isArray(content)) {
      for (const part of content) {
        if (part === null || typeof part !== 'object') continue;
        if (isTextPart(part)) textBytes += utf8ByteLength(part.text ?? '');
        else if (isImagePart(part)) images += 1;
        else structuredBytes += compactJsonBytes(part);
      }
    }
    for (const call of toolCallsOf(message)) {
      overhead += TOOL_OVERHEAD_TOKENS;
      structuredBytes += argumentBytes(call);
    }
    if (isToolResult(message)) overhead += TOOL_OVERHEAD_TOKENS;
  }

  return (
    Math.ceil(textBytes / BYTES_PER_TOKEN) +
    structuredBytes +
    IMAGE_PART_TOKENS * images +
    overhead +
    outputReserve(request)
  );
}

/** The request's messages; a `text`-only request is one user message. */
export function requestMessages(request: RoutingRequest): ChatMessage[] {
  const messages = Array.isArray(request.messages)
    ? request.messages.filter((m): m is ChatMessage => m !== null && typeof m === 'object')
    : [];
  if (messages.length > 0) return messages;
  if (typeof request.text === 'string' && request.text !== '') {
    return [{ role: 'user', content: request.text }];
  }
  return [];
}

export function isTextPart(part: ContentPart): boolean {
  return (part.type === 'text' || part.type === 'input_text') && typeof part.text === 'string';
}

/** OpenAI chat (`image_url`), Responses (`input_image`) and bare `image` parts. */
export function isImagePart(part: ContentPart): boolean {
  return (
    part.type === 'image_url' ||
    part.type === 'input_image' ||
    part.type === 'image' ||
    (part.type === undefined && part.image_url !== undefined)
  );
}

/** An assistant message's tool calls, the legacy `function_call` included. */
export function toolCallsOf(message: ChatMessage): unknown[] {
  if (message.role !== 'assistant') return [];
  const calls = Array.isArray(message.tool_calls) ? [...message.tool_calls] : [];
  if (message['function_call'] !== undefined && message['function_call'] !== null) {
    calls.push({ function: message['function_call'] });
  }
  return calls;
}

/** A message that carries a tool's output back to the model. */
export function isToolResult(message: ChatMessage): boolean {
  return message.role === 'tool' || message.role === 'function';
}

/** The arguments of one tool call, compacted when they are JSON text. */
function argumentBytes(call: unknown): number {
  if (call === null || typeof call !== 'object') return 0;
  const record = call as Record<string, unknown>;
  const fn = record['function'];
  const args =
    fn !== null && typeof fn === 'object'
      ? (fn as Record<string, unknown>)['arguments']
      : record['arguments'];
  if (typeof args !== 'string') return compactJsonBytes(args);
  try {
    return compactJsonBytes(JSON.parse(args));
  } catch {
    return utf8ByteLength(args);
  }
}

function compactJsonBytes(value: unknown): number {
  if (value === undefined || value === null) return 0;
  try {
    const json = JSON.stringify(value);
    return json === undefined ? 0 : utf8ByteLength(json);
  } catch {
    return 0;
  }
}

/** `max_completion_tokens` when set, else `max_tokens`: the provider reserves room for the reply. */
function outputReserve(request: RoutingRequest): number {
  for (const value of [request.max_completion_tokens, request.max_tokens]) {
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.ceil(value);
  }
  return 0;
}
