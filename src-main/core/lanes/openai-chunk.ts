import type { ChatDelta, ToolCallDelta, Usage } from './chat-types';
import { LaneError } from './lane-errors';

// One parsed `chat.completion.chunk` as a delta, read by hand: it is the
// hottest reader of a streamed answer (one per token), where a schema
// library's generic walk cost more than the rest of the event. Lenient the
// same way as the other OpenAI readers: only the fields a lane uses are
// checked, each may be missing or null, unknown fields are ignored, and a
// field of the wrong type makes the chunk `invalid_response`. Every choice is
// checked; only the first is read.

type Json = Record<string, unknown>;

class Shape extends Error {}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string, or undefined for missing/null; throws on anything else. */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Shape();
  return value;
}

function count(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw new Shape();
  return value;
}

/** An object, or undefined for missing/null; throws on anything else. */
function object(value: unknown): Json | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new Shape();
  return value;
}

function list(value: unknown): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new Shape();
  return value;
}

function usageOf(value: unknown): Usage | undefined {
  const raw = object(value);
  if (!raw) return undefined;
  const usage: Usage = {};
  const prompt = count(raw['prompt_tokens']);
  const completion = count(raw['completion_tokens']);
  const total = count(raw['total_tokens']);
  if (prompt !== undefined) usage.promptTokens = prompt;
  if (completion !== undefined) usage.completionTokens = completion;
  if (total !== undefined) usage.totalTokens = total;
  return usage;
}

function toolCallsOf(value: unknown): ToolCallDelta[] | undefined {
  const calls = list(value);
  if (!calls) return undefined;
  return calls.map((entry, position) => {
    if (!isObject(entry)) throw new Shape();
    const fragment: ToolCallDelta = { index: count(entry['index']) ?? position };
    const id = text(entry['id']);
    const fn = object(entry['function']);
    const name = text(fn?.['name']);
    const args = text(fn?.['arguments']);
    if (id) fragment.id = id;
    if (name) fragment.name = name;
    if (args) fragment.arguments = args;
    return fragment;
  });
}

/** The delta of one choice (every choice is checked; only the first is kept). */
function choiceDelta(choice: unknown, delta: ChatDelta): void {
  if (!isObject(choice)) throw new Shape();
  const finish = text(choice['finish_reason']);
  const body = object(choice['delta']);
  const content = text(body?.['content']);
  const reasoningContent = text(body?.['reasoning_content']);
  const reasoning = text(body?.['reasoning']);
  const toolCalls = toolCallsOf(body?.['tool_calls']);
  if (content) delta.content = content;
  const thinking = reasoningContent ?? reasoning;
  if (thinking) delta.reasoning = thinking;
  if (toolCalls && toolCalls.length > 0) delta.toolCalls = toolCalls;
  if (finish) delta.finishReason = finish;
}

/** The chunk's delta; null when it carries nothing. Throws `invalid_response` on a bad shape. */
export function readChunk(json: unknown): ChatDelta | null {
  const delta: ChatDelta = {};
  try {
    if (!isObject(json)) throw new Shape();
    const choices = list(json['choices']);
    if (choices) {
      choices.forEach((choice, index) => choiceDelta(choice, index === 0 ? delta : {}));
    }
    const usage = usageOf(json['usage']);
    if (usage) delta.usage = usage;
  } catch (error) {
    if (!(error instanceof Shape)) throw error;
    throw new LaneError('invalid_response', 'A stream chunk has an unexpected shape');
  }
  // Property order as before: content, reasoning, toolCalls, finishReason, usage.
  return Object.keys(delta).length > 0 ? delta : null;
}
