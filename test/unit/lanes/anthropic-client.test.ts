import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicClient } from '../../../src-main/core/lanes/anthropic-client';
import { createLaneClient } from '../../../src-main/core/lanes/lane-client';
import type { LaneClientOptions } from '../../../src-main/core/lanes/lane-client';
import { ask, collect, collectFailure, failureOf, joined, tools } from '../../support/lane-streams';
import { behaviourHeaders, startStandInLlm } from '../../support/stand-in-llm';
import type { StandInBehaviour, StandInLlm } from '../../support/stand-in-llm';

let llm: StandInLlm;
beforeAll(async () => {
  llm = await startStandInLlm();
});
afterAll(async () => {
  await llm.stop();
});
beforeEach(async () => {
  await llm.reset();
});

function client(behaviour: StandInBehaviour = {}, options: Partial<LaneClientOptions> = {}) {
  return createAnthropicClient({
    baseUrl: llm.url,
    connectTimeoutMs: 5_000,
    idleTimeoutMs: 5_000,
    headers: behaviourHeaders(behaviour),
    ...options,
  });
}

describe('chat (not streamed)', () => {
  it('posts a Messages request with the Anthropic headers and parses the answer', async () => {
    const answer = await client({}, { apiKey: 'sk-ant-test', baseUrl: `${llm.url}/v1/` }).chat(
      ask('what is two plus two'),
    );
    expect(answer).toEqual({
      id: 'msg_stand_in',
      model: 'stand-in-small',
      content: 'Echo: what is two plus two',
      toolCalls: [],
      finishReason: 'stop',
      usage: { promptTokens: 7, completionTokens: 6, totalTokens: 13 },
    });
    const [request] = await llm.requests();
    expect(request).toMatchObject({
      method: 'POST',
      path: '/v1/messages',
      xApiKey: 'sk-ant-test',
      anthropicVersion: '2023-06-01',
      authorization: null,
    });
    expect(request?.body).toEqual({
      model: 'stand-in-small',
      max_tokens: 4096,
      system: 'be brief',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'what is two plus two' }] }],
      stream: false,
    });
  });

  it('reads thinking and a tool call', async () => {
    const answer = await client({ reasoning: true }).chat(ask('the weather', { tools }));
    expect(answer).toMatchObject({
      reasoning: 'Thinking about the weather.',
      content: null,
      finishReason: 'tool_calls',
      toolCalls: [{ id: 'toolu_stand_in_0', name: 'lookup', arguments: '{"text":"the weather"}' }],
    });
    const [request] = await llm.requests();
    expect(request?.body?.['tools']).toEqual([
      { name: 'lookup', input_schema: { type: 'object', properties: {} } },
    ]);
  });

  it('surfaces the message of an Anthropic error body', async () => {
    const error = await failureOf(
      client().chat({ model: 'stand-in-small', messages: [{ role: 'system', content: 'x' }] }),
    );
    expect(error).toMatchObject({ code: 'http_error', status: 400 });
    expect(error.message).toBe('HTTP 400: messages: at least one message is required');
  });
});

describe('chatStream', () => {
  it('yields text deltas in order, then the finish reason with the full usage', async () => {
    const deltas = await collect(client().chatStream(ask('one two three')));
    expect(deltas.filter((d) => d.content).map((d) => d.content)).toEqual([
      'Echo: ',
      'one ',
      'two ',
      'three',
    ]);
    expect(deltas[0]).toEqual({ usage: { promptTokens: 5, completionTokens: 1, totalTokens: 6 } });
    expect(deltas.at(-1)).toEqual({
      finishReason: 'stop',
      usage: { promptTokens: 5, completionTokens: 4, totalTokens: 9 },
    });
    const [request] = await llm.requests();
    expect(request?.body?.['stream']).toBe(true);
  });

  it('parses CRLF framing and keep-alive comments the same way', async () => {
    const deltas = await collect(client({ crlf: true, comments: true }).chatStream(ask('a b')));
    expect(joined(deltas, 'content')).toBe('Echo: a b');
  });

  it('turns reasoning_effort into thinking and yields the thinking before the text', async () => {
    const deltas = await collect(client().chatStream(ask('x y', { reasoning_effort: 'low' })));
    expect(joined(deltas, 'reasoning')).toBe('Thinking about x y.');
    expect(joined(deltas, 'content')).toBe('Echo: x y');
    const firstContent = deltas.findIndex((d) => d.content);
    expect(deltas.findLastIndex((d) => d.reasoning)).toBeLessThan(firstContent);
    const [request] = await llm.requests();
    expect(request?.body?.['thinking']).toEqual({ type: 'enabled', budget_tokens: 1024 });
    expect(request?.body?.['reasoning_effort']).toBeUndefined();
  });

  it('assembles a tool call from input_json_delta fragments', async () => {
    const deltas = await collect(client().chatStream(ask('find me', { tools })));
    const fragments = deltas.flatMap((d) => d.toolCalls ?? []);
    expect(fragments[0]).toEqual({ index: 0, id: 'toolu_stand_in_0', name: 'lookup' });
    expect(fragments.every((f) => f.index === 0)).toBe(true);
    expect(fragments.map((f) => f.arguments ?? '').join('')).toBe('{"text":"find me"}');
    expect(deltas.at(-1)?.finishReason).toBe('tool_calls');
  });

  it('ends with `aborted` when the caller cancels mid-stream, and the request is dropped', async () => {
    const controller = new AbortController();
    const stream = client({ eventDelayMs: 50 }).chatStream(ask('a b c d e f g h i j k l'), {
      signal: controller.signal,
    });
    const { deltas, error } = await collectFailure(stream, (_delta, index) => {
      if (index === 2) controller.abort();
    });
    expect(error.code).toBe('aborted');
    expect(deltas).toHaveLength(3);
    expect(error.partial?.content).toBe('Echo: a ');
    await expect.poll(() => llm.disconnects()).toBe(1);
  });

  it('keeps the partial answer with stream_dropped when the connection drops', async () => {
    const { deltas, error } = await collectFailure(
      client({ dropAfterEvents: 5 }).chatStream(ask('alpha beta gamma delta')),
    );
    expect(error.code).toBe('stream_dropped');
    expect(joined(deltas, 'content')).toBe('Echo: alpha ');
    expect(error.partial).toMatchObject({
      content: 'Echo: alpha ',
      finishReason: null,
      usage: { promptTokens: 6 },
    });
  });

  it('treats a clean close before message_stop and any stop reason as a drop', async () => {
    const { error } = await collectFailure(
      client({ endAfterEvents: 5 }).chatStream(ask('alpha beta gamma')),
    );
    expect(error.code).toBe('stream_dropped');
    expect(error.partial?.content).toBe('Echo: alpha ');
  });

  it('accepts a stream that closes after its stop reason without message_stop', async () => {
    const deltas = await collect(client({ noDone: true }).chatStream(ask('a b')));
    expect(joined(deltas, 'content')).toBe('Echo: a b');
    expect(deltas.at(-1)?.finishReason).toBe('stop');
  });

  it('ends with a LaneError at `event: error`, keeping the partial answer', async () => {
    const { error } = await collectFailure(
      client({ errorAfterEvents: 5, message: 'Overloaded' }).chatStream(ask('alpha beta gamma')),
    );
    expect(error).toMatchObject({ code: 'rate_limited', status: 529 });
    expect(error.message).toBe('The server ended the stream with an error: Overloaded');
    expect(error.partial?.content).toBe('Echo: alpha ');
  });
});

describe('timeouts', () => {
  const quick = { connectTimeoutMs: 300, idleTimeoutMs: 300 };

  it('ends with connect_timeout when no headers come', async () => {
    const { error } = await collectFailure(
      client({ stall: 'before-headers' }, quick).chatStream(ask('x')),
    );
    expect(error.code).toBe('connect_timeout');
  });

  it('ends with idle_timeout when the stream goes silent, keeping the partial answer', async () => {
    const { deltas, error } = await collectFailure(
      client({ stallAfterEvents: 5 }, quick).chatStream(ask('alpha beta gamma')),
    );
    expect(error.code).toBe('idle_timeout');
    expect(joined(deltas, 'content')).toBe('Echo: alpha ');
    expect(error.partial?.content).toBe('Echo: alpha ');
    const silentBody = await failureOf(client({ stall: 'after-headers' }, quick).chat(ask('x')));
    expect(silentBody.code).toBe('idle_timeout');
  });
});

describe('HTTP failures', () => {
  it('maps 500 to http_error with the server message', async () => {
    const error = await failureOf(client({ status: 500, message: 'model crashed' }).chat(ask('x')));
    expect(error).toMatchObject({ code: 'http_error', status: 500 });
    expect(error.message).toBe('HTTP 500: model crashed');
  });

  it('maps 429 to rate_limited with Retry-After in seconds, and 529 likewise', async () => {
    const error = await failureOf(client({ status: 429, retryAfter: 7 }).chat(ask('x')));
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterSeconds: 7 });
    const { error: overloaded } = await collectFailure(
      client({ status: 529, message: 'Overloaded' }).chatStream(ask('x')),
    );
    expect(overloaded).toMatchObject({ code: 'rate_limited', status: 529 });
    expect(overloaded.message).toBe('The server is overloaded: Overloaded');
  });
});

describe('listModels and health', () => {
  it('lists model ids from /v1/models, following pages', async () => {
    expect(await client().listModels()).toEqual(['stand-in-small', 'stand-in-large']);
    expect(await client({ modelPageSize: 1 }).listModels()).toEqual([
      'stand-in-small',
      'stand-in-large',
    ]);
    const requests = await llm.requests();
    expect(requests.map((r) => r.path)).toEqual(['/v1/models', '/v1/models', '/v1/models']);
    expect(requests.every((r) => r.anthropicVersion === '2023-06-01')).toBe(true);
  });

  it('probes health through /v1/models, reporting failures without throwing', async () => {
    const ok = await client({}, { apiKey: 'sk-ant-test' }).health();
    expect(ok).toMatchObject({ ok: true, status: 200 });
    expect(ok.latencyMs).toBeGreaterThanOrEqual(0);
    const [request] = await llm.requests();
    expect(request).toMatchObject({ path: '/v1/models', xApiKey: 'sk-ant-test' });

    const refused = await client({ status: 401, message: 'invalid x-api-key' }).health();
    expect(refused).toMatchObject({ ok: false, status: 401 });
    expect(refused.error?.code).toBe('http_error');
    expect(refused.error?.message).toBe('HTTP 401: invalid x-api-key');
  });
});

describe('createLaneClient', () => {
  it('picks the adapter for the api format', async () => {
    const options = { baseUrl: llm.url, connectTimeoutMs: 5_000, idleTimeoutMs: 5_000 };
    const anthropic = createLaneClient({ ...options, apiFormat: 'anthropic' });
    const openai = createLaneClient({ ...options, apiFormat: 'openai' });
    expect((await anthropic.chat(ask('hi'))).content).toBe('Echo: hi');
    expect((await openai.chat(ask('hi'))).content).toBe('Echo: hi');
    expect((await llm.requests()).map((r) => r.path)).toEqual([
      '/v1/messages',
      '/v1/chat/completions',
    ]);
  });
});
