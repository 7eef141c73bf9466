import { describe, expect, it } from 'vitest';
import type { ChatRequestBody } from '../../../src-main/core/lanes/chat-types';
import { rewriteForLane, rewriteRequest } from '../../../src-main/core/lanes/request-rewrite';
import { traceSkeleton } from '../../../src-main/core/router/trace-build';
import type { PluginUse, RoutingTrace } from '../../../src-main/core/router/trace';

type Reasoning = RoutingTrace['reasoning'];

/** A hand-made trace: a matched decision unless `decision: null` is passed. */
function trace(overrides: Partial<RoutingTrace> = {}): RoutingTrace {
  return {
    ...traceSkeleton('t1', { kind: 'auto', profile: 'default', requestedModel: 'auto' }, 'hi'),
    decision: 'casual_chat',
    model: 'local/qwen3',
    upstream_model: 'Qwen/Qwen3-8B',
    ...overrides,
  };
}

function body(extra: Record<string, unknown> = {}): ChatRequestBody {
  return { model: 'auto', messages: [{ role: 'user', content: 'hello' }], ...extra };
}

// Balance recipe facts: the qwen3 family is `chat_template_kwargs` with parameter `enable_thinking`.
const qwen3 = (enabled: boolean): Reasoning => ({
  enabled,
  family: 'qwen3',
  family_type: 'chat_template_kwargs',
  parameter: 'enable_thinking',
});
const effortFamily = (enabled: boolean, effort?: string): Reasoning => ({
  enabled,
  family: 'gpt-oss',
  family_type: 'reasoning_effort',
  parameter: 'reasoning_effort',
  ...(effort !== undefined ? { effort } : {}),
});
const topLevel = (enabled: boolean, effort?: string): Reasoning => ({
  enabled,
  family: 'o-series',
  family_type: 'top_level_reasoning_effort',
  parameter: 'reasoning_effort',
  ...(effort !== undefined ? { effort } : {}),
});
const systemPrompt = (configuration: Record<string, unknown>): PluginUse => ({
  type: 'system_prompt',
  configuration,
});

describe('rewriteForLane: model and streaming', () => {
  it('sends the provider model id, not the alias', () => {
    expect(rewriteForLane(body(), trace()).model).toBe('Qwen/Qwen3-8B');
    expect(rewriteForLane(body(), trace({ upstream_model: null })).model).toBe('local/qwen3');
  });

  it('forces include_usage on streaming bodies and keeps other stream options', () => {
    const out = rewriteForLane(body({ stream: true, stream_options: { foo: 1 } }), trace());
    expect(out['stream']).toBe(true);
    expect(out['stream_options']).toEqual({ foo: 1, include_usage: true });
    const fresh = rewriteForLane(body({ stream: true }), trace());
    expect(fresh['stream_options']).toEqual({ include_usage: true });
  });

  it('leaves non-streaming bodies without stream_options', () => {
    const out = rewriteForLane(body({ stream: false }), trace());
    expect(out['stream_options']).toBeUndefined();
  });
});

describe('rewriteForLane: reasoning fields', () => {
  it('qwen3 on: enable_thinking true, other kwargs kept, client effort removed', () => {
    const result = rewriteRequest(
      body({ reasoning_effort: 'high', chat_template_kwargs: { foo: 'bar' } }),
      trace({ reasoning: qwen3(true) }),
    );
    expect(result.reasoning).toBe('on');
    expect(result.body['chat_template_kwargs']).toEqual({ foo: 'bar', enable_thinking: true });
    expect('reasoning_effort' in result.body).toBe(false);
  });

  it('qwen3 off: explicit enable_thinking false', () => {
    const result = rewriteRequest(
      body({ reasoning_effort: 'low' }),
      trace({ reasoning: qwen3(false) }),
    );
    expect(result.reasoning).toBe('off');
    expect(result.body['chat_template_kwargs']).toEqual({ enable_thinking: false });
    expect('reasoning_effort' in result.body).toBe(false);
  });

  it('reasoning_effort family (vLLM): effort into chat_template_kwargs when on', () => {
    const out = rewriteForLane(
      body({ reasoning_effort: 'low' }),
      trace({ reasoning: effortFamily(true, 'high') }),
    );
    expect(out['chat_template_kwargs']).toEqual({ reasoning_effort: 'high' });
    expect('reasoning_effort' in out).toBe(false);
    const fallback = rewriteForLane(body(), trace({ reasoning: effortFamily(true) }));
    expect(fallback['chat_template_kwargs']).toEqual({ reasoning_effort: 'medium' });
  });

  it('reasoning_effort family (vLLM) off: keeps the client effort, else "low"', () => {
    const kept = rewriteForLane(
      body({ reasoning_effort: 'high' }),
      trace({ reasoning: effortFamily(false, 'medium') }),
    );
    expect(kept['chat_template_kwargs']).toEqual({ reasoning_effort: 'high' });
    expect('reasoning_effort' in kept).toBe(false);
    const low = rewriteForLane(body(), trace({ reasoning: effortFamily(false) }));
    expect(low['chat_template_kwargs']).toEqual({ reasoning_effort: 'low' });
  });

  it('reasoning_effort family (OpenAI dialect): top-level effort; off keeps only a client value', () => {
    const options = { dialect: 'openai' } as const;
    const on = rewriteForLane(
      body({ reasoning_effort: 'low' }),
      trace({ reasoning: effortFamily(true, 'high') }),
      options,
    );
    expect(on['reasoning_effort']).toBe('high');
    expect(on['chat_template_kwargs']).toBeUndefined();
    const offKept = rewriteForLane(
      body({ reasoning_effort: 'low' }),
      trace({ reasoning: effortFamily(false) }),
      options,
    );
    expect(offKept['reasoning_effort']).toBe('low');
    const offNone = rewriteForLane(body(), trace({ reasoning: effortFamily(false) }), options);
    expect('reasoning_effort' in offNone).toBe(false);
    expect(offNone['chat_template_kwargs']).toBeUndefined();
  });

  it('top_level_reasoning_effort family: effort when on, client value restored when off', () => {
    const on = rewriteRequest(
      body({ reasoning_effort: 'low' }),
      trace({ reasoning: topLevel(true, 'high') }),
    );
    expect(on.reasoning).toBe('on');
    expect(on.body['reasoning_effort']).toBe('high');
    const restored = rewriteForLane(
      body({ reasoning_effort: 'low' }),
      trace({ reasoning: topLevel(false, 'high') }),
    );
    expect(restored['reasoning_effort']).toBe('low');
    const absent = rewriteForLane(body(), trace({ reasoning: topLevel(false, 'high') }));
    expect('reasoning_effort' in absent).toBe(false);
  });

  it('no family: nothing added and the client effort is lost', () => {
    const result = rewriteRequest(
      body({ reasoning_effort: 'high' }),
      trace({ reasoning: { enabled: true, effort: 'high' } }),
    );
    expect(result.reasoning).toBe('none');
    expect('reasoning_effort' in result.body).toBe(false);
    expect(result.body['chat_template_kwargs']).toBeUndefined();
  });
});

describe('rewriteForLane: no decision', () => {
  it('adds no reasoning fields and no system prompt, and leaves the client effort alone', () => {
    const result = rewriteRequest(
      body({ reasoning_effort: 'high' }),
      trace({
        decision: null,
        reasoning: qwen3(false),
        plugins: [systemPrompt({ system_prompt: 'Be brief.' })],
      }),
    );
    expect(result.reasoning).toBe('none');
    expect(result.injectedSystemPrompt).toBe(false);
    expect(result.body['chat_template_kwargs']).toBeUndefined();
    expect(result.body['reasoning_effort']).toBe('high');
    expect(result.body.messages).toEqual([{ role: 'user', content: 'hello' }]);
    expect(result.body.model).toBe('Qwen/Qwen3-8B');
  });
});

describe('rewriteForLane: system_prompt plugin', () => {
  const withSystem = (content: unknown): ChatRequestBody =>
    body({
      messages: [
        { role: 'system', content, name: 'sys' },
        { role: 'user', content: 'hello' },
      ],
    });

  it('insert (default) puts the prompt before an existing system message', () => {
    const result = rewriteRequest(
      withSystem('Old.'),
      trace({ plugins: [systemPrompt({ system_prompt: 'New.' })] }),
    );
    expect(result.injectedSystemPrompt).toBe(true);
    expect(result.body.messages[0]).toEqual({
      role: 'system',
      content: 'New.\n\nOld.',
      name: 'sys',
    });
    expect(result.body.messages).toHaveLength(2);
  });

  it('replace swaps the system content', () => {
    const out = rewriteForLane(
      withSystem('Old.'),
      trace({ plugins: [systemPrompt({ system_prompt: 'New.', mode: 'replace' })] }),
    );
    expect(out.messages[0]).toEqual({ role: 'system', content: 'New.', name: 'sys' });
  });

  it('prepends a system message when there is none', () => {
    const out = rewriteForLane(
      body(),
      trace({ plugins: [systemPrompt({ system_prompt: 'New.', mode: 'replace' })] }),
    );
    expect(out.messages).toEqual([
      { role: 'system', content: 'New.' },
      { role: 'user', content: 'hello' },
    ]);
  });

  it('insert into parts content merges into the leading text part, else prepends one', () => {
    const plugins = [systemPrompt({ system_prompt: 'New.' })];
    const merged = rewriteForLane(withSystem([{ type: 'text', text: 'Old.' }]), trace({ plugins }));
    expect(merged.messages[0]).toMatchObject({ content: [{ type: 'text', text: 'New.\n\nOld.' }] });
    const image = { type: 'image_url', image_url: { url: 'data:x' } };
    const prepended = rewriteForLane(withSystem([image]), trace({ plugins }));
    expect(prepended.messages[0]).toMatchObject({
      content: [{ type: 'text', text: 'New.' }, image],
    });
  });

  it('skips a disabled plugin', () => {
    const result = rewriteRequest(
      body(),
      trace({ plugins: [systemPrompt({ system_prompt: 'New.', enabled: false })] }),
    );
    expect(result.injectedSystemPrompt).toBe(false);
    expect(result.body.messages).toHaveLength(1);
  });
});

describe('rewriteForLane: purity', () => {
  it('never mutates the input body', () => {
    const input = body({
      stream: true,
      stream_options: { foo: 1 },
      reasoning_effort: 'high',
      chat_template_kwargs: { foo: 'bar' },
      messages: [
        { role: 'system', content: 'Old.' },
        { role: 'user', content: 'hello' },
      ],
    });
    const snapshot = structuredClone(input);
    const out = rewriteForLane(
      input,
      trace({ reasoning: qwen3(true), plugins: [systemPrompt({ system_prompt: 'New.' })] }),
    );
    expect(input).toEqual(snapshot);
    expect(out).not.toBe(input);
    expect(out.messages).not.toBe(input.messages);
    expect(out['chat_template_kwargs']).toEqual({ foo: 'bar', enable_thinking: true });
  });
});
