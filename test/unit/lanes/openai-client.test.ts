import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { laneEndpoints } from '../../../src-main/core/lanes/base-url';
import { createOpenAiClient } from '../../../src-main/core/lanes/openai-client';
import type { OpenAiClientOptions } from '../../../src-main/core/lanes/openai-client';
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

function client(behaviour: StandInBehaviour = {}, options: Partial<OpenAiClientOptions> = {}) {
  return createOpenAiClient({
    baseUrl: `${llm.url}/v1`,
    connectTimeoutMs: 5_000,
    idleTimeoutMs: 5_000,
    headers: behaviourHeaders(behaviour),
    ...options,
  });
}

describe('base URLs', () => {
  it('accepts the same server with or without /v1 and trailing slashes', async () => {
    for (const base of [llm.url, `${llm.url}/`, `${llm.url}/v1`, `${llm.url}/v1/`]) {
      expect(laneEndpoints(base)).toEqual({ root: llm.url, api: `${llm.url}/v1` });
      const answer = await client({}, { baseUrl: base }).chat(ask('hi'));
      expect(answer.content).toBe('Echo: hi');
    }
  });
});

describe('chat (not streamed)', () => {
  it('returns the parsed completion with usage and sends the API key', async () => {
    const answer = await client({}, { apiKey: 'sk-test' }).chat(ask('what is two plus two'));
    expect(answer).toMatchObject({
      id: 'chatcmpl-stand-in',
      model: 'stand-in-small',
      content: 'Echo: what is two plus two',
      toolCalls: [],
      finishReason: 'stop',
      usage: { promptTokens: 7, completionTokens: 6, totalTokens: 13 },
    });
    const [request] = await llm.requests();
    expect(request?.authorization).toBe('Bearer sk-test');
    expect(request?.body?.['stream']).toBe(false);
  });

  it('reads reasoning and tool calls', async () => {
    const answer = await client({ reasoning: true }).chat(ask('the weather', { tools }));
    expect(answer.reasoning).toBe('Thinking about the weather.');
    expect(answer.content).toBeNull();
    expect(answer.finishReason).toBe('tool_calls');
    expect(answer.toolCalls).toEqual([
      { id: 'call_0', name: 'lookup', arguments: '{"text":"the weather"}' },
    ]);
  });
});

describe('chatStream', () => {
  it('yields content deltas in order, then the finish reason and the usage', async () => {
    const deltas = await collect(client().chatStream(ask('one two three')));
    expect(deltas.filter((d) => d.content).map((d) => d.content)).toEqual([
      'Echo: ',
      'one ',
      'two ',
      'three',
    ]);
    expect(deltas.at(-2)).toEqual({ finishReason: 'stop' });
    expect(deltas.at(-1)).toEqual({
      usage: { promptTokens: 5, completionTokens: 4, totalTokens: 9 },
    });
    const [request] = await llm.requests();
    expect(request?.body?.['stream']).toBe(true);
    expect(request?.body?.['stream_options']).toEqual({ include_usage: true });
  });

  it('parses CRLF framing and keep-alive comments the same way', async () => {
    const deltas = await collect(client({ crlf: true, comments: true }).chatStream(ask('a b')));
    expect(joined(deltas, 'content')).toBe('Echo: a b');
  });

  it('yields reasoning before content, and tool-call fragments', async () => {
    const reasoning = await collect(client({ reasoning: true }).chatStream(ask('x y')));
    expect(joined(reasoning, 'reasoning')).toBe('Thinking about x y.');
    const firstContent = reasoning.findIndex((d) => d.content);
    expect(reasoning.findLastIndex((d) => d.reasoning)).toBeLessThan(firstContent);

    const calls = await collect(client().chatStream(ask('find me', { tools })));
    const fragments = calls.flatMap((d) => d.toolCalls ?? []);
    expect(fragments[0]).toMatchObject({ index: 0, id: 'call_0', name: 'lookup' });
    expect(fragments.map((f) => f.arguments ?? '').join('')).toBe('{"text":"find me"}');
    expect(calls.some((d) => d.finishReason === 'tool_calls')).toBe(true);
  });

  it('ends with `aborted` when the caller cancels mid-stream, and the request is dropped', async () => {
    const controller = new AbortController();
    const stream = client({ eventDelayMs: 50 }).chatStream(ask('a b c d e f g h i j k l'), {
      signal: controller.signal,
    });
    const { deltas, error } = await collectFailure(stream, (_delta, index) => {
      if (index === 1) controller.abort();
    });
    expect(error.code).toBe('aborted');
    expect(deltas).toHaveLength(2);
    expect(error.partial?.content).toBe(joined(deltas, 'content'));
    await expect.poll(() => llm.disconnects()).toBe(1);
  });

  it('ends with `aborted` at once when the signal was already aborted', async () => {
    const { error } = await collectFailure(
      client().chatStream(ask('x'), { signal: AbortSignal.abort() }),
    );
    expect(error.code).toBe('aborted');
  });

  it('keeps the partial answer when the connection drops mid-stream', async () => {
    const { deltas, error } = await collectFailure(
      client({ dropAfterEvents: 3 }).chatStream(ask('alpha beta gamma delta')),
    );
    expect(error.code).toBe('stream_dropped');
    expect(joined(deltas, 'content')).toBe('Echo: alpha ');
    expect(error.partial).toMatchObject({ content: 'Echo: alpha ', finishReason: null });
  });

  it('treats a clean close before any finish reason or [DONE] as a drop', async () => {
    const { error } = await collectFailure(
      client({ endAfterEvents: 3 }).chatStream(ask('alpha beta gamma')),
    );
    expect(error.code).toBe('stream_dropped');
    expect(error.partial?.content).toBe('Echo: alpha ');
  });

  it('accepts a stream that closes after its finish reason without [DONE]', async () => {
    const complete = await collect(client({ noDone: true }).chatStream(ask('a b')));
    expect(joined(complete, 'content')).toBe('Echo: a b');
    expect(complete.at(-1)?.usage).toBeDefined();
  });
});

describe('timeouts', () => {
  const quick = { connectTimeoutMs: 300, idleTimeoutMs: 300 };

  it('ends with connect_timeout when no headers come', async () => {
    const started = Date.now();
    const { error } = await collectFailure(
      client({ stall: 'before-headers' }, quick).chatStream(ask('x')),
    );
    expect(error.code).toBe('connect_timeout');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await failureOf(client({ stall: 'before-headers' }, quick).chat(ask('x')))).code).toBe(
      'connect_timeout',
    );
  });

  it('ends with idle_timeout when the stream goes silent, keeping the partial answer', async () => {
    const { deltas, error } = await collectFailure(
      client({ stallAfterEvents: 3 }, quick).chatStream(ask('alpha beta gamma')),
    );
    expect(error.code).toBe('idle_timeout');
    expect(joined(deltas, 'content')).toBe('Echo: alpha ');
    expect(error.partial?.content).toBe('Echo: alpha ');
    const silentBody = await failureOf(client({ stall: 'after-headers' }, quick).chat(ask('x')));
    expect(silentBody.code).toBe('idle_timeout');
  });

  it('does not count slow but steady events as idle', async () => {
    const deltas = await collect(
      client({ eventDelayMs: 150 }, { connectTimeoutMs: 1_000, idleTimeoutMs: 400 }).chatStream(
        ask('a b c'),
      ),
    );
    expect(joined(deltas, 'content')).toBe('Echo: a b c');
  });
});

describe('HTTP failures', () => {
  it('maps 500 to http_error with the server message', async () => {
    const error = await failureOf(client({ status: 500, message: 'model crashed' }).chat(ask('x')));
    expect(error).toMatchObject({ code: 'http_error', status: 500 });
    expect(error.message).toContain('model crashed');
    const { error: streamed } = await collectFailure(
      client({ status: 503, message: 'loading' }).chatStream(ask('x')),
    );
    expect(streamed).toMatchObject({ code: 'http_error', status: 503 });
  });

  it('maps 429 to rate_limited with Retry-After in seconds', async () => {
    const error = await failureOf(client({ status: 429, retryAfter: 7 }).chat(ask('x')));
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterSeconds: 7 });
    const { error: streamed } = await collectFailure(
      client({ status: 429, retryAfter: 2 }).chatStream(ask('x')),
    );
    expect(streamed.retryAfterSeconds).toBe(2);
  });

  it('maps a closed port to unreachable', async () => {
    const closed = createOpenAiClient({
      baseUrl: 'http://127.0.0.1:9',
      connectTimeoutMs: 2_000,
      idleTimeoutMs: 2_000,
    });
    expect((await failureOf(closed.chat(ask('x')))).code).toBe('unreachable');
    expect((await failureOf(closed.listModels())).code).toBe('unreachable');
  });
});

describe('listModels and health', () => {
  it('lists model ids from /v1/models', async () => {
    expect(await client({}, { baseUrl: llm.url }).listModels()).toEqual([
      'stand-in-small',
      'stand-in-large',
    ]);
  });

  it('reports health from /health (empty 200) with latency, and failures without throwing', async () => {
    const ok = await client().health();
    expect(ok).toMatchObject({ ok: true, status: 200 });
    expect(ok.latencyMs).toBeGreaterThanOrEqual(0);
    const [request] = await llm.requests();
    expect(request?.path).toBe('/health');

    const down = await client({ status: 503 }).health();
    expect(down).toMatchObject({ ok: false, status: 503 });
    expect(down.error?.code).toBe('http_error');
  });
});
