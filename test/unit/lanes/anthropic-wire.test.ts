import { describe, expect, it } from 'vitest';
import {
  AnthropicStreamReader,
  parseAnthropicMessage,
  parseAnthropicModelPage,
  toAnthropicRequest,
} from '../../../src-main/core/lanes/anthropic-wire';
import type { ChatDelta, ChatRequestBody } from '../../../src-main/core/lanes/chat-types';
import { serverErrorMessage, statusError } from '../../../src-main/core/lanes/http-exchange';
import { LaneError } from '../../../src-main/core/lanes/lane-errors';
import { StreamAccumulator } from '../../../src-main/core/lanes/stream-accumulator';

const body = (messages: unknown[], extra: Record<string, unknown> = {}): ChatRequestBody => ({
  model: 'claude-test',
  messages,
  ...extra,
});

const hi = [{ role: 'user', content: 'hi' }];

describe('toAnthropicRequest: messages', () => {
  it('hoists system and developer messages into `system` and keeps user text', () => {
    const request = toAnthropicRequest(
      body([
        { role: 'system', content: 'be brief' },
        { role: 'developer', content: [{ type: 'text', text: 'use metric units' }] },
        { role: 'user', content: 'how far?' },
      ]),
    );
    expect(request.system).toBe('be brief\n\nuse metric units');
    expect(request.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'how far?' }] },
    ]);
  });

  it('turns image_url parts into base64 or URL image sources', () => {
    const request = toAnthropicRequest(
      body([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.org/cat.jpg' } },
            { type: 'image_url', image_url: { url: 'data:image/svg+xml,%3Csvg%2F%3E' } },
            { type: 'text', text: '' },
          ],
        },
      ]),
    );
    expect(request.messages[0]?.content).toEqual([
      { type: 'text', text: 'what is this?' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
      { type: 'image', source: { type: 'url', url: 'https://example.org/cat.jpg' } },
      {
        type: 'image',
        source: {
          type: 'base64',
          media_type: 'image/svg+xml',
          data: Buffer.from('<svg/>').toString('base64'),
        },
      },
    ]);
  });

  it('turns tool calls into tool_use and merges consecutive tool results into one user turn', () => {
    const request = toAnthropicRequest(
      body([
        { role: 'user', content: 'weather in Oslo and Bergen?' },
        {
          role: 'assistant',
          content: 'Looking it up.',
          tool_calls: [
            {
              id: 'call_a',
              type: 'function',
              function: { name: 'weather', arguments: '{"city":"Oslo"}' },
            },
            { id: 'call_b', type: 'function', function: { name: 'weather', arguments: 'oops' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_a', content: 'rain' },
        { role: 'tool', tool_call_id: 'call_b', content: [{ type: 'text', text: 'sun' }] },
        { role: 'user', content: 'and tomorrow?' },
      ]),
    );
    expect(request.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'weather in Oslo and Bergen?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Looking it up.' },
          { type: 'tool_use', id: 'call_a', name: 'weather', input: { city: 'Oslo' } },
          { type: 'tool_use', id: 'call_b', name: 'weather', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_a', content: 'rain' },
          { type: 'tool_result', tool_use_id: 'call_b', content: 'sun' },
          { type: 'text', text: 'and tomorrow?' },
        ],
      },
    ]);
  });

  it('drops an assistant message with nothing in it', () => {
    const request = toAnthropicRequest(
      body([
        { role: 'user', content: 'a' },
        { role: 'assistant', content: '' },
        { role: 'user', content: 'b' },
      ]),
    );
    expect(request.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      },
    ]);
  });
});

describe('toAnthropicRequest: parameters', () => {
  const weather = {
    type: 'function',
    function: {
      name: 'weather',
      description: 'Current weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } } },
    },
  };

  it('translates tools and every tool_choice form', () => {
    const choice = (toolChoice: unknown, extra: Record<string, unknown> = {}) =>
      toAnthropicRequest(body(hi, { tools: [weather], tool_choice: toolChoice, ...extra }))
        .tool_choice;
    const request = toAnthropicRequest(body(hi, { tools: [weather, { type: 'web_search' }] }));
    expect(request.tools).toEqual([
      {
        name: 'weather',
        description: 'Current weather',
        input_schema: { type: 'object', properties: { city: { type: 'string' } } },
      },
    ]);
    expect(request.tool_choice).toBeUndefined();
    expect(choice('auto')).toEqual({ type: 'auto' });
    expect(choice('none')).toEqual({ type: 'none' });
    expect(choice('required')).toEqual({ type: 'any' });
    expect(choice({ type: 'function', function: { name: 'weather' } })).toEqual({
      type: 'tool',
      name: 'weather',
    });
    expect(choice(undefined, { parallel_tool_calls: false })).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    expect(toAnthropicRequest(body(hi, { tool_choice: 'required' })).tool_choice).toBeUndefined();
  });

  it('requires max_tokens (4096 by default) and maps the sampling fields', () => {
    expect(toAnthropicRequest(body(hi)).max_tokens).toBe(4096);
    expect(toAnthropicRequest(body(hi, { max_tokens: 300 })).max_tokens).toBe(300);
    const request = toAnthropicRequest(
      body(hi, {
        max_tokens: 300,
        max_completion_tokens: 200,
        temperature: 1.6,
        top_p: 0.9,
        stop: 'END',
        stream: true,
        user: 'u-1',
        frequency_penalty: 0.5,
      }),
    );
    expect(request).toEqual({
      model: 'claude-test',
      max_tokens: 200,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      temperature: 1,
      top_p: 0.9,
      stop_sequences: ['END'],
      stream: true,
      metadata: { user_id: 'u-1' },
    });
    expect(toAnthropicRequest(body(hi, { stop: ['a', 'b'] })).stop_sequences).toEqual(['a', 'b']);
  });
});

describe('toAnthropicRequest: reasoning', () => {
  const thinking = (extra: Record<string, unknown>, messages: unknown[] = hi) =>
    toAnthropicRequest(body(messages, extra));

  it('maps reasoning_effort to a thinking budget, raising max_tokens above it', () => {
    expect(thinking({ reasoning_effort: 'low' })).toMatchObject({
      thinking: { type: 'enabled', budget_tokens: 1024 },
      max_tokens: 4096,
    });
    expect(thinking({ reasoning_effort: 'medium' })).toMatchObject({
      thinking: { type: 'enabled', budget_tokens: 4096 },
      max_tokens: 8192,
    });
    expect(thinking({ reasoning_effort: 'high', max_tokens: 1000 })).toMatchObject({
      thinking: { type: 'enabled', budget_tokens: 16384 },
      max_tokens: 17384,
    });
    expect(thinking({ reasoning_effort: 'high', max_tokens: 32000 }).max_tokens).toBe(32000);
    expect(thinking({ reasoning_effort: 'none' }).thinking).toBeUndefined();
    expect(thinking({}).thinking).toBeUndefined();
  });

  it('reads the chat-template switches the reasoning rewrite writes', () => {
    expect(thinking({ chat_template_kwargs: { enable_thinking: true } }).thinking).toEqual({
      type: 'enabled',
      budget_tokens: 4096,
    });
    expect(thinking({ chat_template_kwargs: { thinking: true } }).thinking?.budget_tokens).toBe(
      4096,
    );
    expect(
      thinking({ chat_template_kwargs: { reasoning_effort: 'high' } }).thinking?.budget_tokens,
    ).toBe(16384);
    expect(
      thinking({ reasoning_effort: 'high', chat_template_kwargs: { enable_thinking: false } })
        .thinking,
    ).toBeUndefined();
  });

  it('leaves out what Anthropic refuses next to thinking', () => {
    const on = thinking({ reasoning_effort: 'low', temperature: 0.2, top_k: 5, top_p: 0.97 });
    expect(on.temperature).toBeUndefined();
    expect(on.top_k).toBeUndefined();
    expect(on.top_p).toBe(0.97);
    expect(thinking({ reasoning_effort: 'low', top_p: 0.5 }).top_p).toBeUndefined();

    const tools = [{ type: 'function', function: { name: 'f' } }];
    expect(
      thinking({ reasoning_effort: 'low', tools, tool_choice: 'required' }).thinking,
    ).toBeUndefined();
    expect(
      thinking({ reasoning_effort: 'low', tools, tool_choice: 'auto' }).thinking,
    ).toBeDefined();

    const toolLoop = [
      { role: 'user', content: 'go' },
      { role: 'assistant', tool_calls: [{ id: 'c', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c', content: 'done' },
    ];
    expect(thinking({ reasoning_effort: 'low' }, toolLoop).thinking).toBeUndefined();
  });
});

describe('parseAnthropicMessage', () => {
  it('reads text, thinking and tool_use blocks, the stop reason and the usage', () => {
    const completion = parseAnthropicMessage(
      JSON.stringify({
        id: 'msg_1',
        type: 'message',
        model: 'claude-test',
        content: [
          { type: 'thinking', thinking: 'Let me see.', signature: 'sig' },
          { type: 'redacted_thinking', data: 'xxx' },
          { type: 'text', text: 'Checking ' },
          { type: 'text', text: 'now.' },
          { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Oslo' } },
        ],
        stop_reason: 'tool_use',
        usage: {
          input_tokens: 10,
          output_tokens: 7,
          cache_read_input_tokens: 90,
          cache_creation_input_tokens: 0,
        },
      }),
    );
    expect(completion).toEqual({
      id: 'msg_1',
      model: 'claude-test',
      content: 'Checking now.',
      reasoning: 'Let me see.',
      toolCalls: [{ id: 'toolu_1', name: 'weather', arguments: '{"city":"Oslo"}' }],
      finishReason: 'tool_calls',
      usage: { promptTokens: 100, completionTokens: 7, totalTokens: 107 },
    });
  });

  it('maps every stop reason and gives null content without a text block', () => {
    const finish = (stop: string) =>
      parseAnthropicMessage(JSON.stringify({ content: [], stop_reason: stop })).finishReason;
    expect(finish('end_turn')).toBe('stop');
    expect(finish('stop_sequence')).toBe('stop');
    expect(finish('max_tokens')).toBe('length');
    expect(finish('tool_use')).toBe('tool_calls');
    expect(finish('refusal')).toBe('content_filter');
    expect(parseAnthropicMessage('{"content":[]}')).toEqual({
      content: null,
      toolCalls: [],
      finishReason: null,
    });
    expect(() => parseAnthropicMessage('{"content":"text"}')).toThrow(LaneError);
    expect(() => parseAnthropicMessage('not json')).toThrow(/not JSON/);
  });
});

/** Feeds events (named as the API names them) to a fresh reader. */
function readAll(events: Record<string, unknown>[]) {
  const reader = new AnthropicStreamReader();
  const deltas: ChatDelta[] = [];
  for (const data of events) {
    const delta = reader.read({ event: String(data['type']), data: JSON.stringify(data) });
    if (delta) deltas.push(delta);
  }
  return { reader, deltas };
}

const start = (usage = { input_tokens: 12, output_tokens: 1 }) => ({
  type: 'message_start',
  message: { id: 'msg_1', model: 'claude-test', content: [], usage },
});
const blockStart = (index: number, block: Record<string, unknown>) => ({
  type: 'content_block_start',
  index,
  content_block: block,
});
const blockDelta = (index: number, delta: Record<string, unknown>) => ({
  type: 'content_block_delta',
  index,
  delta,
});
const blockStop = (index: number) => ({ type: 'content_block_stop', index });

describe('AnthropicStreamReader', () => {
  it('reads thinking, text and usage, and ends at message_stop', () => {
    const { reader, deltas } = readAll([
      start(),
      { type: 'ping' },
      blockStart(0, { type: 'thinking', thinking: '' }),
      blockDelta(0, { type: 'thinking_delta', thinking: 'Hmm.' }),
      blockDelta(0, { type: 'signature_delta', signature: 'sig' }),
      blockStop(0),
      blockStart(1, { type: 'text', text: '' }),
      blockDelta(1, { type: 'text_delta', text: 'Hello ' }),
      blockDelta(1, { type: 'text_delta', text: 'there' }),
      blockStop(1),
      { type: 'some_future_event', anything: true },
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 9 },
      },
    ]);
    expect(deltas).toEqual([
      { usage: { promptTokens: 12, completionTokens: 1, totalTokens: 13 } },
      { reasoning: 'Hmm.' },
      { content: 'Hello ' },
      { content: 'there' },
      { finishReason: 'stop', usage: { promptTokens: 12, completionTokens: 9, totalTokens: 21 } },
    ]);
    expect(reader.done).toBe(false);
    reader.read({ event: 'message_stop', data: '{"type":"message_stop"}' });
    expect(reader.done).toBe(true);
  });

  it('numbers tool calls in start order and assembles their input_json_delta fragments', () => {
    const { deltas } = readAll([
      start(),
      blockStart(0, { type: 'text', text: 'Let me check.' }),
      blockStop(0),
      blockStart(1, { type: 'tool_use', id: 'toolu_a', name: 'weather', input: {} }),
      blockDelta(1, { type: 'input_json_delta', partial_json: '' }),
      blockDelta(1, { type: 'input_json_delta', partial_json: '{"city":' }),
      blockDelta(1, { type: 'input_json_delta', partial_json: '"Oslo"}' }),
      blockStop(1),
      blockStart(2, { type: 'tool_use', id: 'toolu_b', name: 'clock', input: {} }),
      blockStop(2),
      { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 30 } },
    ]);
    const answer = new StreamAccumulator();
    for (const delta of deltas) answer.add(delta);
    expect(answer.snapshot()).toMatchObject({
      content: 'Let me check.',
      toolCalls: [
        { id: 'toolu_a', name: 'weather', arguments: '{"city":"Oslo"}' },
        { id: 'toolu_b', name: 'clock', arguments: '{}' },
      ],
      finishReason: 'tool_calls',
    });
    expect(deltas.flatMap((d) => d.toolCalls ?? []).map((f) => f.index)).toEqual([0, 0, 0, 1, 1]);
  });

  it('reads the event type from the data when the event line is missing', () => {
    const reader = new AnthropicStreamReader();
    expect(
      reader.read({ data: JSON.stringify(blockStart(0, { type: 'text', text: 'x' })) }),
    ).toEqual({ content: 'x' });
  });

  it('turns `event: error` into a LaneError and bad data into invalid_response', () => {
    const failure = (data: string, event?: string) => {
      try {
        new AnthropicStreamReader().read(event === undefined ? { data } : { event, data });
      } catch (error) {
        return error instanceof LaneError ? error : undefined;
      }
      return undefined;
    };
    const overloaded = failure(
      '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
      'error',
    );
    expect(overloaded).toMatchObject({ code: 'rate_limited', status: 529 });
    expect(overloaded?.message).toBe('The server ended the stream with an error: Overloaded');
    expect(
      failure('{"type":"error","error":{"type":"api_error","message":"Internal"}}', 'error'),
    ).toMatchObject({ code: 'http_error', status: 500 });
    expect(failure('{"type":"content_block_delta",', 'content_block_delta')?.code).toBe(
      'invalid_response',
    );
    expect(failure('{"type":"content_block_delta","index":"zero"}')?.code).toBe('invalid_response');
  });
});

describe('model pages and error bodies', () => {
  it('reads a models page and where the next one starts', () => {
    expect(
      parseAnthropicModelPage(
        '{"data":[{"type":"model","id":"a"},{"id":"b"}],"has_more":true,"last_id":"b"}',
      ),
    ).toEqual({ ids: ['a', 'b'], nextAfter: 'b' });
    expect(parseAnthropicModelPage('{"data":[{"id":"c"}],"has_more":false}')).toEqual({
      ids: ['c'],
    });
  });

  it('finds the message in Anthropic and OpenAI error bodies; 529 is rate_limited', () => {
    const anthropic = '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}';
    expect(serverErrorMessage(anthropic)).toBe('Overloaded');
    expect(serverErrorMessage('{"error":{"message":"bad model"}}')).toBe('bad model');
    expect(statusError(529, '', anthropic, '3')).toMatchObject({
      code: 'rate_limited',
      status: 529,
      retryAfterSeconds: 3,
      message: 'The server is overloaded: Overloaded',
    });
    expect(statusError(400, 'Bad Request', '', null)).toMatchObject({
      code: 'http_error',
      message: 'HTTP 400: Bad Request',
    });
  });
});
