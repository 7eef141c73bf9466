import type { ChatDelta, PartialAnswer, Usage } from '../../lanes/chat-types';

// What an OpenAI client reads back: chat.completion objects, and for a
// streamed answer chat.completion.chunk events ending in `[DONE]`. Reasoning
// goes out as `reasoning_content`, as vLLM's servers send it.

export interface CompletionIds {
  id: string;
  created: number;
  model: string;
}

const usageOf = (usage: Usage) => ({
  prompt_tokens: usage.promptTokens ?? 0,
  completion_tokens: usage.completionTokens ?? 0,
  total_tokens: usage.totalTokens ?? (usage.promptTokens ?? 0) + (usage.completionTokens ?? 0),
});

const chunk = (ids: CompletionIds, choices: unknown[], extra: Record<string, unknown> = {}) => ({
  id: ids.id,
  object: 'chat.completion.chunk',
  created: ids.created,
  model: ids.model,
  choices,
  ...extra,
});

/** The first chunk: the assistant role, no content yet. */
export function roleChunk(ids: CompletionIds): unknown {
  return chunk(ids, [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
}

/** The choices of one delta's chunk; undefined when it carries nothing a client shows. */
function deltaChoices(delta: ChatDelta): unknown[] | undefined {
  const out: Record<string, unknown> = {};
  if (delta.content) out['content'] = delta.content;
  if (delta.reasoning) out['reasoning_content'] = delta.reasoning;
  if (delta.toolCalls && delta.toolCalls.length > 0) {
    out['tool_calls'] = delta.toolCalls.map((call) => ({
      index: call.index,
      ...(call.id !== undefined ? { id: call.id, type: 'function' } : {}),
      function: {
        ...(call.name !== undefined ? { name: call.name } : {}),
        ...(call.arguments !== undefined ? { arguments: call.arguments } : {}),
      },
    }));
  }
  const finish = delta.finishReason ?? null;
  if (Object.keys(out).length === 0 && finish === null) return undefined;
  return [{ index: 0, delta: out, finish_reason: finish }];
}

/** One delta as a chunk; undefined when it carries nothing a client shows. */
export function deltaChunk(ids: CompletionIds, delta: ChatDelta): unknown {
  const choices = deltaChoices(delta);
  return choices === undefined ? undefined : chunk(ids, choices);
}

/**
 * The delta events of one streamed answer, as sse(deltaChunk(…)) writes
 * them, with the part every chunk shares (id, created, model) encoded once
 * rather than once per token.
 */
export class DeltaEvents {
  private head = '';
  private headModel: string | undefined;

  constructor(private readonly ids: CompletionIds) {}

  /** The event of one delta; undefined when it carries nothing a client shows. */
  of(delta: ChatDelta): string | undefined {
    const choices = deltaChoices(delta);
    if (choices === undefined) return undefined;
    if (this.headModel !== this.ids.model) {
      const shared = JSON.stringify(chunk(this.ids, []));
      // `{…,"choices":[]}` without its last `[]}`: the choices go there.
      this.head = `data: ${shared.slice(0, -3)}`;
      this.headModel = this.ids.model;
    }
    return `${this.head}${JSON.stringify(choices)}}\n\n`;
  }
}

/** The closing usage chunk (only for clients that asked with stream_options.include_usage). */
export function usageChunk(ids: CompletionIds, usage: Usage): unknown {
  return chunk(ids, [], { usage: usageOf(usage) });
}

/** A whole answer as one chat.completion. */
export function completionBody(ids: CompletionIds, answer: PartialAnswer): unknown {
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: answer.content === '' && answer.toolCalls.length > 0 ? null : answer.content,
  };
  if (answer.reasoning) message['reasoning_content'] = answer.reasoning;
  if (answer.toolCalls.length > 0) {
    message['tool_calls'] = answer.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return {
    id: ids.id,
    object: 'chat.completion',
    created: ids.created,
    model: ids.model,
    choices: [{ index: 0, message, finish_reason: answer.finishReason ?? 'stop' }],
    ...(answer.usage ? { usage: usageOf(answer.usage) } : {}),
  };
}

/** One server-sent event line pair. */
export const sse = (data: unknown): string =>
  `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
