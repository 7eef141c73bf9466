import { expect } from 'vitest';
import type { ChatDelta } from '../../src-main/core/lanes/chat-types';
import { LaneError } from '../../src-main/core/lanes/lane-errors';

// Helpers shared by the lane-client tests: a request, a tool, and ways to run
// a stream or a call to its end and look at what came out.

export const ask = (text: string, extra: Record<string, unknown> = {}) => ({
  model: 'stand-in-small',
  messages: [
    { role: 'system', content: 'be brief' },
    { role: 'user', content: text },
  ],
  ...extra,
});

export const tools = [
  {
    type: 'function',
    function: { name: 'lookup', parameters: { type: 'object', properties: {} } },
  },
];

export async function collect(stream: AsyncIterable<ChatDelta>): Promise<ChatDelta[]> {
  const deltas: ChatDelta[] = [];
  for await (const delta of stream) deltas.push(delta);
  return deltas;
}

/** Runs the stream to its end; returns the deltas seen and the LaneError it ended with. */
export async function collectFailure(
  stream: AsyncIterable<ChatDelta>,
  onDelta?: (delta: ChatDelta, index: number) => void,
): Promise<{ deltas: ChatDelta[]; error: LaneError }> {
  const deltas: ChatDelta[] = [];
  try {
    for await (const delta of stream) {
      deltas.push(delta);
      onDelta?.(delta, deltas.length - 1);
    }
  } catch (error) {
    expect(error).toBeInstanceOf(LaneError);
    return { deltas, error: error as LaneError };
  }
  throw new Error('the stream ended without an error');
}

export async function failureOf(promise: Promise<unknown>): Promise<LaneError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LaneError);
    return error as LaneError;
  }
  throw new Error('the call succeeded');
}

export const joined = (deltas: ChatDelta[], key: 'content' | 'reasoning') =>
  deltas.map((d) => d[key] ?? '').join('');
