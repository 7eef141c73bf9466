import { describe, expect, it } from 'vitest';
import type { ChatDelta } from '../../../../src-main/core/lanes/chat-types';
import {
  DeltaEvents,
  deltaChunk,
  sse,
} from '../../../../src-main/core/services/openai/openai-wire';
import type { CompletionIds } from '../../../../src-main/core/services/openai/openai-wire';

// The delta events of a streamed answer, encoded with their shared part
// once, are byte for byte what encoding each chunk whole gives.

describe('the delta events of a streamed answer', () => {
  it('match sse(deltaChunk(…)) for every kind of delta, also after the model changes', () => {
    const ids: CompletionIds = { id: 'chatcmpl-1', created: 1700000000, model: 'vllm-sr/auto' };
    const events = new DeltaEvents(ids);
    const deltas: ChatDelta[] = [
      { content: 'Hel"lo\n' },
      { reasoning: 'think ü' },
      { toolCalls: [{ index: 0, id: 'c', name: 'f', arguments: '{"a":' }] },
      { toolCalls: [{ index: 0, arguments: '1}' }] },
      { finishReason: 'stop' },
      { content: 'x', finishReason: 'length' },
    ];
    for (const model of ['vllm-sr/auto', 'local/small "quoted"']) {
      ids.model = model;
      for (const delta of deltas) {
        expect(events.of(delta)).toBe(sse(deltaChunk(ids, delta)));
      }
    }
  });

  it('gives nothing for a delta a client would not see', () => {
    const events = new DeltaEvents({ id: 'a', created: 0, model: 'm' });
    expect(events.of({})).toBeUndefined();
    expect(events.of({ content: '', toolCalls: [] })).toBeUndefined();
    expect(events.of({ usage: { promptTokens: 1 } })).toBeUndefined();
  });
});
