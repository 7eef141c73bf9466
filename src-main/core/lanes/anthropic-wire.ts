import { z } from 'zod';
import type {
  ChatCompletion,
  ChatDelta,
  ChatRequestBody,
  ToolCallDelta,
  Usage,
} from './chat-types';
import { LaneError } from './lane-errors';
import type { SseEvent } from './sse-stream';
import { checked, parseJson } from './wire-json';

// The Anthropic Messages wire format, both ways: an OpenAI-shaped chat body
// becomes a Messages request, and Messages answers (whole or streamed)
// become the lane's own shapes. Readers are lenient as in openai-wire.ts.

/** Anthropic requires `max_tokens`; this is sent when the body names none. */
export const DEFAULT_MAX_TOKENS = 4096;

/**
 * Thinking budgets for an effort level. `minimal` and `low` get Anthropic's
 * smallest budget (1024); an effort we do not know gets `medium`'s.
 */
export const THINKING_BUDGETS: Readonly<Record<string, number>> = {
  minimal: 1024,
  low: 1024,
  medium: 4096,
  high: 16384,
};

export type AnthropicImageSource =
  { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string };

export type AnthropicBlock =
  | { type: 'text'; text: string }
  | { type: 'image'; source: AnthropicImageSource }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  | { type: 'tool_result'; tool_use_id: string; content?: string };

export interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: AnthropicBlock[];
}

export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
}

export type AnthropicToolChoice =
  | { type: 'auto' | 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'none' }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean };

export interface AnthropicRequest {
  model: string;
  max_tokens: number;
  messages: AnthropicMessage[];
  system?: string;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop_sequences?: string[];
  stream?: boolean;
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  thinking?: { type: 'enabled'; budget_tokens: number };
  metadata?: { user_id: string };
}

// ---------------------------------------------------------------- request

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const stringOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
const numberOf = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** The text of an OpenAI content field: a string, or the text (and refusal) parts joined. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isRecord(part) ? (stringOf(part['text']) ?? stringOf(part['refusal'])) : ''))
    .filter((text) => text !== undefined)
    .join('');
}

/** `data:` URLs become base64 sources (re-encoded when they were not base64); others stay URLs. */
function imageSource(url: string): AnthropicImageSource {
  const match = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s.exec(url);
  if (!match) return { type: 'url', url };
  const mediaType = match[1] || 'application/octet-stream';
  const payload = match[3] ?? '';
  const base64 = /;base64$/i.test(match[2] ?? '')
    ? payload
    : Buffer.from(decodeURIComponent(payload), 'utf8').toString('base64');
  return { type: 'base64', media_type: mediaType, data: base64 };
}

/** Text and image parts as blocks; empty text is dropped (Anthropic refuses it), other parts too. */
function contentBlocks(content: unknown): AnthropicBlock[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content)) return [];
  const blocks: AnthropicBlock[] = [];
  for (const part of content) {
    if (!isRecord(part)) continue;
    const text = stringOf(part['text']) ?? stringOf(part['refusal']);
    if ((part['type'] === 'text' || part['type'] === 'refusal') && text) {
      blocks.push({ type: 'text', text });
    } else if (part['type'] === 'image_url') {
      const image = part['image_url'];
      const url = isRecord(image) ? stringOf(image['url']) : stringOf(image);
      if (url) blocks.push({ type: 'image', source: imageSource(url) });
    }
  }
  return blocks;
}

/** Tool arguments are JSON text; Anthropic wants an object (`{}` when the text is not one). */
function toolInput(args: unknown): Record<string, unknown> {
  if (isRecord(args)) return args;
  if (typeof args !== 'string' || args.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(args);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function assistantBlocks(message: Json): AnthropicBlock[] {
  const blocks = contentBlocks(message['content']);
  const calls = Array.isArray(message['tool_calls']) ? message['tool_calls'] : [];
  for (const call of calls) {
    if (!isRecord(call)) continue;
    const fn = isRecord(call['function']) ? call['function'] : {};
    blocks.push({
      type: 'tool_use',
      id: stringOf(call['id']) ?? '',
      name: stringOf(fn['name']) ?? '',
      input: toolInput(fn['arguments']),
    });
  }
  return blocks;
}

function toolResult(message: Json): AnthropicBlock {
  const block: AnthropicBlock = {
    type: 'tool_result',
    tool_use_id: stringOf(message['tool_call_id']) ?? '',
  };
  const text = textOf(message['content']);
  if (text !== '') block.content = text;
  return block;
}

/**
 * System and developer messages (wherever they stand) join into the
 * top-level `system`. Tool messages become `tool_result` blocks of a user
 * turn. Turns of the same role that follow each other are merged, so
 * consecutive tool results (and a user message after them) form one user
 * turn, results first. Messages left without any content are dropped.
 */
function translateMessages(messages: unknown[]): { system: string[]; turns: AnthropicMessage[] } {
  const system: string[] = [];
  const turns: AnthropicMessage[] = [];
  const add = (role: AnthropicMessage['role'], blocks: AnthropicBlock[]) => {
    if (blocks.length === 0) return;
    const last = turns.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  };
  for (const message of messages) {
    if (!isRecord(message)) continue;
    const role = message['role'];
    if (role === 'system' || role === 'developer') {
      const text = textOf(message['content']);
      if (text !== '') system.push(text);
    } else if (role === 'assistant') add('assistant', assistantBlocks(message));
    else if (role === 'tool') add('user', [toolResult(message)]);
    else add('user', contentBlocks(message['content']));
  }
  return { system, turns };
}

function translateTools(tools: unknown): AnthropicTool[] {
  if (!Array.isArray(tools)) return [];
  const out: AnthropicTool[] = [];
  for (const tool of tools) {
    if (!isRecord(tool) || !isRecord(tool['function'])) continue;
    const fn = tool['function'];
    const name = stringOf(fn['name']);
    if (!name) continue;
    const parameters = fn['parameters'];
    const translated: AnthropicTool = {
      name,
      input_schema: isRecord(parameters) ? parameters : { type: 'object', properties: {} },
    };
    const description = stringOf(fn['description']);
    if (description) translated.description = description;
    out.push(translated);
  }
  return out;
}

/** auto/none/required/{function} → auto/none/any/{tool}; `parallel_tool_calls: false` carries over. */
function translateToolChoice(choice: unknown, parallel: unknown): AnthropicToolChoice | undefined {
  const single = parallel === false ? { disable_parallel_tool_use: true } : {};
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') return { type: 'any', ...single };
  if (isRecord(choice) && isRecord(choice['function'])) {
    const name = stringOf(choice['function']['name']);
    if (name) return { type: 'tool', name, ...single };
  }
  if (choice === 'auto' || parallel === false) return { type: 'auto', ...single };
  return undefined;
}

/**
 * The thinking budget the body asks for, or undefined for none. An explicit
 * Anthropic `thinking` object wins. Otherwise `enable_thinking: false` or
 * `thinking: false` in `chat_template_kwargs`, or `reasoning_effort: 'none'`,
 * turn it off; a `reasoning_effort` (top level, else in the kwargs) picks
 * the budget; `enable_thinking: true` / `thinking: true` alone means medium.
 */
function thinkingBudget(body: ChatRequestBody): number | undefined {
  const native = body['thinking'];
  if (isRecord(native) && native['type'] === 'enabled') {
    return numberOf(native['budget_tokens']) ?? THINKING_BUDGETS['medium'];
  }
  const kwargs = isRecord(body['chat_template_kwargs']) ? body['chat_template_kwargs'] : {};
  const switchedOn = kwargs['enable_thinking'] ?? kwargs['thinking'];
  if (switchedOn === false) return undefined;
  const effort = stringOf(body['reasoning_effort']) ?? stringOf(kwargs['reasoning_effort']);
  if (effort === 'none') return undefined;
  if (effort === undefined && switchedOn !== true) return undefined;
  return THINKING_BUDGETS[effort ?? 'medium'] ?? THINKING_BUDGETS['medium'];
}

function stopSequences(stop: unknown): string[] | undefined {
  if (typeof stop === 'string') return stop === '' ? undefined : [stop];
  if (!Array.isArray(stop)) return undefined;
  const sequences = stop.filter((s): s is string => typeof s === 'string' && s !== '');
  return sequences.length > 0 ? sequences : undefined;
}

/**
 * An OpenAI-shaped chat body as a Messages request. Besides the messages:
 * `max_completion_tokens` (else `max_tokens`, else 4096) → `max_tokens`;
 * `temperature` (capped at Anthropic's 1), `top_p`, `top_k`; `stop` →
 * `stop_sequences`; `user` → `metadata.user_id`; function `tools` and
 * `tool_choice` (dropped when no tool is sent, as Anthropic refuses it).
 *
 * Reasoning becomes `thinking: {type: 'enabled', budget_tokens}` with the
 * budgets in THINKING_BUDGETS. Anthropic needs `max_tokens` above the budget
 * (it counts thinking too), so when it is not, the budget is added to it.
 * Thinking is left out when Anthropic would refuse it: with a forced tool
 * choice, and when the conversation ends in tool results (Anthropic then
 * wants the previous turn's signed thinking blocks, which an OpenAI-shaped
 * history does not carry). With thinking on, `temperature` and `top_k` are
 * left out and `top_p` is kept only from 0.95 up, as Anthropic requires.
 */
export function toAnthropicRequest(body: ChatRequestBody): AnthropicRequest {
  const { system, turns } = translateMessages(body.messages);
  let maxTokens =
    numberOf(body['max_completion_tokens']) ?? numberOf(body['max_tokens']) ?? DEFAULT_MAX_TOKENS;
  const tools = translateTools(body['tools']);
  const toolChoice =
    tools.length > 0
      ? translateToolChoice(body['tool_choice'], body['parallel_tool_calls'])
      : undefined;

  let budget = thinkingBudget(body);
  const forcedTool = toolChoice?.type === 'any' || toolChoice?.type === 'tool';
  const last = turns.at(-1);
  const endsInToolResults =
    last?.role === 'user' && last.content.some((b) => b.type === 'tool_result');
  if (forcedTool || endsInToolResults) budget = undefined;
  if (budget !== undefined && maxTokens <= budget) maxTokens += budget;

  const request: AnthropicRequest = { model: body.model, max_tokens: maxTokens, messages: turns };
  if (system.length > 0) request.system = system.join('\n\n');

  const temperature = numberOf(body['temperature']);
  const topP = numberOf(body['top_p']);
  const topK = numberOf(body['top_k']);
  if (budget === undefined) {
    if (temperature !== undefined) request.temperature = Math.min(Math.max(temperature, 0), 1);
    if (topP !== undefined) request.top_p = topP;
    if (topK !== undefined) request.top_k = topK;
  } else {
    if (topP !== undefined && topP >= 0.95) request.top_p = topP;
    request.thinking = { type: 'enabled', budget_tokens: budget };
  }

  const stop = stopSequences(body['stop']);
  if (stop) request.stop_sequences = stop;
  if (typeof body['stream'] === 'boolean') request.stream = body['stream'];
  if (tools.length > 0) request.tools = tools;
  if (toolChoice) request.tool_choice = toolChoice;
  const user = stringOf(body['user']);
  if (user) request.metadata = { user_id: user };
  return request;
}

// --------------------------------------------------------------- response

const text = z.string().nullish();
const count = z.number().nullish();

const usageSchema = z
  .object({
    input_tokens: count,
    output_tokens: count,
    cache_creation_input_tokens: count,
    cache_read_input_tokens: count,
  })
  .nullish();

const blockSchema = z.object({
  type: z.string(),
  text,
  thinking: text,
  id: text,
  name: text,
  input: z.unknown().optional(),
});

const messageSchema = z.object({
  id: text,
  model: text,
  content: z.array(blockSchema),
  stop_reason: text,
  usage: usageSchema,
});

const eventSchema = z.object({
  type: text,
  index: z.number().nullish(),
  message: z.object({ usage: usageSchema }).nullish(),
  content_block: blockSchema.nullish(),
  delta: z
    .object({ type: text, text, thinking: text, partial_json: text, stop_reason: text })
    .nullish(),
  usage: usageSchema,
  error: z.object({ type: text, message: text }).nullish(),
});

const modelsPageSchema = z.object({
  data: z.array(z.object({ id: z.string() })),
  has_more: z.boolean().nullish(),
  last_id: text,
});

/** end_turn/stop_sequence → stop, max_tokens → length, tool_use → tool_calls, refusal → content_filter. */
export function finishReasonOf(stopReason: string): string {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return stopReason;
  }
}

type RawUsage = z.infer<typeof usageSchema>;

/** Prompt tokens count cache writes and reads too (Anthropic's `input_tokens` leaves them out). */
function promptTokensOf(raw: RawUsage): number | undefined {
  if (raw?.input_tokens == null) return undefined;
  return (
    raw.input_tokens + (raw.cache_creation_input_tokens ?? 0) + (raw.cache_read_input_tokens ?? 0)
  );
}

function usageFrom(prompt: number | undefined, completion: number | undefined): Usage | undefined {
  if (prompt === undefined && completion === undefined) return undefined;
  const usage: Usage = {};
  if (prompt !== undefined) usage.promptTokens = prompt;
  if (completion !== undefined) usage.completionTokens = completion;
  if (prompt !== undefined && completion !== undefined) usage.totalTokens = prompt + completion;
  return usage;
}

/** A non-streamed Messages answer. Content is null when no text block came. */
export function parseAnthropicMessage(raw: string): ChatCompletion {
  const body = checked(messageSchema, parseJson(raw, 'The message'), 'The message');
  const texts: string[] = [];
  let reasoning = '';
  const completion: ChatCompletion = { content: null, toolCalls: [], finishReason: null };
  for (const block of body.content) {
    if (block.type === 'text') texts.push(block.text ?? '');
    else if (block.type === 'thinking') reasoning += block.thinking ?? '';
    else if (block.type === 'tool_use') {
      completion.toolCalls.push({
        id: block.id ?? '',
        name: block.name ?? '',
        arguments: JSON.stringify(isRecord(block.input) ? block.input : {}),
      });
    }
  }
  if (texts.length > 0) completion.content = texts.join('');
  if (reasoning) completion.reasoning = reasoning;
  if (body.stop_reason) completion.finishReason = finishReasonOf(body.stop_reason);
  if (body.id) completion.id = body.id;
  if (body.model) completion.model = body.model;
  const usage = usageFrom(promptTokensOf(body.usage), body.usage?.output_tokens ?? undefined);
  if (usage) completion.usage = usage;
  return completion;
}

/** One page of GET /v1/models: the ids, and the id to continue after when there are more. */
export function parseAnthropicModelPage(raw: string): { ids: string[]; nextAfter?: string } {
  const page = checked(modelsPageSchema, parseJson(raw, 'The model list'), 'The model list');
  const ids = page.data.map((model) => model.id);
  const nextAfter = page.last_id ?? ids.at(-1);
  return page.has_more && nextAfter ? { ids, nextAfter } : { ids };
}

/** HTTP statuses Anthropic documents for its error types. */
const ERROR_STATUS: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

/** An `event: error` mid-stream; overloaded and rate-limit errors are `rate_limited` as over HTTP. */
function streamError(error: { type?: string | null; message?: string | null } | null | undefined) {
  const type = error?.type ?? 'error';
  const status = ERROR_STATUS[type];
  const words = error?.message || type;
  const message = `The server ended the stream with an error: ${words}`;
  if (status === 429 || status === 529) return new LaneError('rate_limited', message, { status });
  return new LaneError('http_error', message, status === undefined ? {} : { status });
}

/**
 * Reads a Messages event stream into deltas. Tool-use blocks are numbered in
 * the order they start (the delta index), whatever their block index.
 * `message_start` yields the prompt usage, `message_delta` the finish reason
 * and the full usage, `message_stop` ends the answer; pings and event types
 * it does not know are skipped.
 */
export class AnthropicStreamReader {
  private ended = false;
  private promptTokens: number | undefined;
  private readonly toolIndexOfBlock = new Map<number, number>();
  private readonly toolsWithInput = new Set<number>();

  get done(): boolean {
    return this.ended;
  }

  read(event: SseEvent): ChatDelta | null {
    const raw = parseJson(event.data, 'A stream event');
    const data = checked(eventSchema, raw, 'A stream event');
    const type = event.event ?? data.type;
    switch (type) {
      case 'message_start':
        return this.start(data.message?.usage);
      case 'content_block_start':
        return this.blockStart(data.index ?? 0, data.content_block);
      case 'content_block_delta':
        return this.blockDelta(data.index ?? 0, data.delta);
      case 'content_block_stop':
        return this.blockStop(data.index ?? 0);
      case 'message_delta':
        return this.messageDelta(data.delta?.stop_reason, data.usage);
      case 'message_stop':
        this.ended = true;
        return null;
      case 'error':
        throw streamError(data.error);
      default:
        return null;
    }
  }

  private start(usage: RawUsage): ChatDelta | null {
    this.promptTokens = promptTokensOf(usage);
    const counted = usageFrom(this.promptTokens, usage?.output_tokens ?? undefined);
    return counted ? { usage: counted } : null;
  }

  private blockStart(index: number, block: z.infer<typeof blockSchema> | null | undefined) {
    if (block?.type === 'text') return block.text ? { content: block.text } : null;
    if (block?.type === 'thinking') return block.thinking ? { reasoning: block.thinking } : null;
    if (block?.type !== 'tool_use') return null;
    const toolIndex = this.toolIndexOfBlock.size;
    this.toolIndexOfBlock.set(index, toolIndex);
    const fragment: ToolCallDelta = { index: toolIndex };
    if (block.id) fragment.id = block.id;
    if (block.name) fragment.name = block.name;
    if (isRecord(block.input) && Object.keys(block.input).length > 0) {
      fragment.arguments = JSON.stringify(block.input);
      this.toolsWithInput.add(toolIndex);
    }
    return { toolCalls: [fragment] };
  }

  private blockDelta(index: number, delta: z.infer<typeof eventSchema>['delta']): ChatDelta | null {
    if (delta?.type === 'text_delta') return delta.text ? { content: delta.text } : null;
    if (delta?.type === 'thinking_delta') {
      return delta.thinking ? { reasoning: delta.thinking } : null;
    }
    const toolIndex = this.toolIndexOfBlock.get(index);
    if (delta?.type !== 'input_json_delta' || toolIndex === undefined || !delta.partial_json) {
      return null;
    }
    this.toolsWithInput.add(toolIndex);
    return { toolCalls: [{ index: toolIndex, arguments: delta.partial_json }] };
  }

  /** A tool call that streamed no input gets `{}`, as a non-streamed answer would. */
  private blockStop(index: number): ChatDelta | null {
    const toolIndex = this.toolIndexOfBlock.get(index);
    if (toolIndex === undefined || this.toolsWithInput.has(toolIndex)) return null;
    this.toolsWithInput.add(toolIndex);
    return { toolCalls: [{ index: toolIndex, arguments: '{}' }] };
  }

  private messageDelta(stopReason: string | null | undefined, usage: RawUsage): ChatDelta | null {
    const delta: ChatDelta = {};
    if (stopReason) delta.finishReason = finishReasonOf(stopReason);
    const prompt = promptTokensOf(usage) ?? this.promptTokens;
    const counted = usageFrom(prompt, usage?.output_tokens ?? undefined);
    if (counted) delta.usage = counted;
    return Object.keys(delta).length > 0 ? delta : null;
  }
}
