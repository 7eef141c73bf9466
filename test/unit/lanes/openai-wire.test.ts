import { describe, expect, it } from 'vitest';
import { LaneError, parseRetryAfter } from '../../../src-main/core/lanes/lane-errors';
import {
  errorMessageOf,
  parseChunk,
  parseCompletion,
} from '../../../src-main/core/lanes/openai-wire';

describe('OpenAI wire readers', () => {
  it('reads `reasoning` as well as `reasoning_content`, and ignores unknown fields', () => {
    expect(parseChunk('{"choices":[{"delta":{"reasoning":"hm"},"logprobs":null}],"x":1}')).toEqual({
      reasoning: 'hm',
    });
    const completion = parseCompletion(
      '{"choices":[{"message":{"content":"hi","reasoning":"why"},"finish_reason":"stop"}]}',
    );
    expect(completion).toEqual({
      content: 'hi',
      reasoning: 'why',
      toolCalls: [],
      finishReason: 'stop',
    });
  });

  it('skips chunks that carry nothing and keeps usage-only chunks', () => {
    expect(parseChunk('{"choices":[{"delta":{"role":"assistant","content":""}}]}')).toBeNull();
    expect(parseChunk('{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2}}')).toEqual({
      usage: { promptTokens: 3, completionTokens: 2 },
    });
  });

  it('turns an error chunk into http_error and bad JSON or shapes into invalid_response', () => {
    const code = (raw: string) => {
      try {
        parseChunk(raw);
      } catch (error) {
        return error instanceof LaneError ? error.code : 'not a LaneError';
      }
      return 'no error';
    };
    expect(code('{"error":{"message":"out of memory"}}')).toBe('http_error');
    expect(code('{"choices":[{"delta":{"content":')).toBe('invalid_response');
    expect(code('{"choices":[{"delta":{"content":42}}]}')).toBe('invalid_response');
    expect(() => parseCompletion('{"choices":[]}')).toThrow(LaneError);
  });

  it('finds the server message in the common error shapes', () => {
    expect(errorMessageOf('{"error":{"message":"bad model","type":"x"}}')).toBe('bad model');
    expect(errorMessageOf('{"error":"plain"}')).toBe('plain');
    expect(errorMessageOf('{"detail":"not found"}')).toBe('not found');
    expect(errorMessageOf('upstream gone\n')).toBe('upstream gone');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('12', now)).toBe(12);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
