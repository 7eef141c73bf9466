import { describe, expect, it } from 'vitest';
import { LaneError } from '../../../src-main/core/lanes/lane-errors';
import { readChunk } from '../../../src-main/core/lanes/openai-chunk';

// The hand-written reader of stream chunks: lenient about missing, null and
// unknown fields, strict about the types of the fields it reads, in every
// choice (only the first is kept).

const shapeError = (json: unknown) => {
  try {
    readChunk(json);
  } catch (error) {
    return error instanceof LaneError ? error.code : 'not a LaneError';
  }
  return 'no error';
};

describe('reading an OpenAI stream chunk', () => {
  it('reads content, reasoning, tool-call fragments, the finish reason and usage', () => {
    expect(
      readChunk({
        id: 'x',
        choices: [
          {
            index: 0,
            delta: {
              content: 'Hi',
              reasoning_content: null,
              reasoning: 'why',
              tool_calls: [
                { id: 'c1', type: 'function', function: { name: 'get', arguments: '{"a"' } },
                { index: 4, function: { arguments: ':1}' } },
              ],
            },
            finish_reason: 'tool_calls',
          },
          { index: 1, delta: { content: 'ignored second choice' } },
        ],
        usage: { prompt_tokens: 3, completion_tokens: null, total_tokens: 5 },
      }),
    ).toEqual({
      content: 'Hi',
      reasoning: 'why',
      toolCalls: [
        { index: 0, id: 'c1', name: 'get', arguments: '{"a"' },
        { index: 4, arguments: ':1}' },
      ],
      finishReason: 'tool_calls',
      usage: { promptTokens: 3, totalTokens: 5 },
    });
  });

  it('prefers reasoning_content to reasoning, and returns null for a chunk with nothing', () => {
    expect(readChunk({ choices: [{ delta: { reasoning_content: 'a', reasoning: 'b' } }] })).toEqual(
      {
        reasoning: 'a',
      },
    );
    expect(readChunk({ choices: [{ delta: { role: 'assistant', content: '' } }] })).toBeNull();
    expect(readChunk({ choices: null, usage: null })).toBeNull();
    expect(readChunk({ choices: [{ delta: null, finish_reason: null }] })).toBeNull();
    expect(readChunk({ choices: [{ delta: { tool_calls: [] } }] })).toBeNull();
  });

  it('refuses a field of the wrong type in any choice as invalid_response', () => {
    expect(shapeError('text')).toBe('invalid_response');
    expect(shapeError([])).toBe('invalid_response');
    expect(shapeError({ choices: {} })).toBe('invalid_response');
    expect(shapeError({ choices: [1] })).toBe('invalid_response');
    expect(shapeError({ choices: [{ delta: { content: 42 } }] })).toBe('invalid_response');
    expect(shapeError({ choices: [{ delta: {} }, { delta: { content: 42 } }] })).toBe(
      'invalid_response',
    );
    expect(shapeError({ choices: [{ delta: { tool_calls: [{ index: '0' }] } }] })).toBe(
      'invalid_response',
    );
    expect(shapeError({ choices: [{ delta: { tool_calls: [{ function: 'f' }] } }] })).toBe(
      'invalid_response',
    );
    expect(shapeError({ choices: [{ finish_reason: 1 }] })).toBe('invalid_response');
    expect(shapeError({ choices: [], usage: { prompt_tokens: '3' } })).toBe('invalid_response');
    expect(shapeError({ choices: [], usage: 7 })).toBe('invalid_response');
  });
});
