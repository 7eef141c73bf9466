import { z } from 'zod';
import type { ChatCompletion, ChatDelta, Usage } from './chat-types';
import { readChunk } from './openai-chunk';
import { LaneError } from './lane-errors';
import { checked, parseJson } from './wire-json';

// Lenient readers for the OpenAI wire format: only the fields a lane uses
// are checked, every one may be missing or null, unknown fields are ignored.
// Both `reasoning_content` (vLLM, DeepSeek) and `reasoning` (newer vLLM,
// OpenRouter) carry thinking text. Only the first choice is read.

const text = z.string().nullish();

const usageSchema = z
  .object({
    prompt_tokens: z.number().nullish(),
    completion_tokens: z.number().nullish(),
    total_tokens: z.number().nullish(),
  })
  .nullish();

const functionSchema = z.object({ name: text, arguments: text }).nullish();

const messageSchema = z.object({
  content: text,
  reasoning_content: text,
  reasoning: text,
  tool_calls: z.array(z.object({ id: text, function: functionSchema })).nullish(),
});

const completionSchema = z.object({
  id: text,
  model: text,
  choices: z.array(z.object({ message: messageSchema, finish_reason: text })).min(1),
  usage: usageSchema,
});

const errorBodySchema = z.union([
  z.object({ error: z.object({ message: z.string(), code: z.unknown().optional() }) }),
  z.object({ error: z.string() }),
  z.object({ message: z.string() }),
  z.object({ detail: z.string() }),
]);

const modelsSchema = z.object({ data: z.array(z.object({ id: z.string() })) });

function usageOf(raw: z.infer<typeof usageSchema>): Usage | undefined {
  if (!raw) return undefined;
  const usage: Usage = {};
  if (raw.prompt_tokens != null) usage.promptTokens = raw.prompt_tokens;
  if (raw.completion_tokens != null) usage.completionTokens = raw.completion_tokens;
  if (raw.total_tokens != null) usage.totalTokens = raw.total_tokens;
  return usage;
}

export function parseCompletion(raw: string): ChatCompletion {
  const body = checked(completionSchema, parseJson(raw, 'The completion'), 'The completion');
  const choice = body.choices[0];
  if (!choice) throw new LaneError('invalid_response', 'The completion has no choices');
  const message = choice.message;
  const completion: ChatCompletion = {
    content: message.content ?? null,
    toolCalls: (message.tool_calls ?? []).map((call) => ({
      id: call.id ?? '',
      name: call.function?.name ?? '',
      arguments: call.function?.arguments ?? '',
    })),
    finishReason: choice.finish_reason ?? null,
  };
  const reasoning = message.reasoning_content ?? message.reasoning;
  if (reasoning) completion.reasoning = reasoning;
  if (body.id) completion.id = body.id;
  if (body.model) completion.model = body.model;
  const usage = usageOf(body.usage);
  if (usage) completion.usage = usage;
  return completion;
}

/**
 * One SSE `data:` payload as a delta; null when the chunk carried nothing
 * (the role-only opener). A chunk carrying `error` is the server failing
 * mid-stream (vLLM does this) and becomes an http_error.
 */
export function parseChunk(raw: string): ChatDelta | null {
  const json = parseJson(raw, 'A stream chunk');
  // Only a chunk that has an `error` field is checked for the error shapes.
  if (typeof json === 'object' && json !== null && 'error' in json) {
    const failure = errorBodySchema.safeParse(json);
    if (failure.success) {
      throw new LaneError('http_error', `The server failed mid-stream: ${errorText(failure.data)}`);
    }
  }
  return readChunk(json);
}

function errorText(body: z.infer<typeof errorBodySchema>): string {
  if ('detail' in body) return body.detail;
  if ('message' in body) return body.message;
  return typeof body.error === 'string' ? body.error : body.error.message;
}

/** The server's own words from an error body (OpenAI shape and common variants), else the raw text. */
export function errorMessageOf(raw: string): string {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(raw));
    if (parsed.success) return errorText(parsed.data);
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return raw.trim().slice(0, 500);
}

export function parseModelIds(raw: string): string[] {
  return checked(modelsSchema, parseJson(raw, 'The model list'), 'The model list').data.map(
    (model) => model.id,
  );
}
