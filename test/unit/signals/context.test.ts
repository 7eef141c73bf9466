import { describe, expect, it } from 'vitest';
import type { ContextRule } from '../../../src-main/core/config/schema/signals';
import type { RoutingRequest } from '../../../src-main/core/router/request';
import { contextSignal } from '../../../src-main/core/signals/context';
import {
  estimateContextTokens,
  parseTokenBound,
} from '../../../src-main/core/signals/context-estimate';
import type { SignalOutput } from '../../../src-main/core/signals/signal-module';
import { buildTextViews } from '../../../src-main/core/signals/text-views';

const env = { ml: {}, global: {}, kbs: new Map() };

// The context rules of both the balance and the privacy recipe.
const RECIPE_RULES: ContextRule[] = [
  { name: 'short_context', min_tokens: '0', max_tokens: '999' },
  { name: 'medium_context', min_tokens: '1K', max_tokens: '7999' },
  { name: 'long_context', min_tokens: '8K', max_tokens: '256K' },
];

async function run(
  request: RoutingRequest,
  rules: ContextRule[] = RECIPE_RULES,
): Promise<SignalOutput> {
  const prepared = await contextSignal.prepare(rules, env);
  return prepared.evaluate({ request, views: buildTextViews(request) });
}

const estimate = (request: RoutingRequest) =>
  estimateContextTokens(request, buildTextViews(request));

describe('parseTokenBound', () => {
  it('reads plain numbers and K/M suffixes, case-insensitively, with decimals', () => {
    expect(parseTokenBound('999')).toBe(999);
    expect(parseTokenBound('0')).toBe(0);
    expect(parseTokenBound('1K')).toBe(1000);
    expect(parseTokenBound('8k')).toBe(8000);
    expect(parseTokenBound('256K')).toBe(256_000);
    expect(parseTokenBound('1.5K')).toBe(1500);
    expect(parseTokenBound('1.1K')).toBe(1100);
    expect(parseTokenBound(' 2M ')).toBe(2_000_000);
    expect(parseTokenBound('0.5m')).toBe(500_000);
    expect(parseTokenBound(42)).toBe(42);
  });

  it('returns null for anything else', () => {
    for (const bad of ['', '  ', 'abc', '1KB', 'K', '1 K', '1,000', '1G'])
      expect(parseTokenBound(bad)).toBeNull();
    expect(parseTokenBound(undefined)).toBeNull();
    expect(parseTokenBound(Number.NaN)).toBeNull();
  });
});

describe('estimateContextTokens', () => {
  it('treats a text request as one user message', () => {
    // text: ceil(2/4) = 1; floor: ceil(("user" + "Hi") 6 bytes / 4) = 2, + 4 per message.
    expect(estimate({ text: 'Hi' })).toEqual({ textTokens: 1, envelopeFloor: 6, tokens: 6 });
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(estimate({ text: '你好你好' }).textTokens).toBe(3); // 12 bytes
  });

  it('adds max_tokens as an output reserve: a short prompt with max_tokens 8192 is long', async () => {
    const request: RoutingRequest = {
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 8192,
    };
    expect(estimate(request).tokens).toBe(2 + 4 + 8192);
    const out = await run(request);
    expect(out.matched).toEqual(['long_context']);
    expect(out.details?.['tokenCount']).toBe(8198);
    expect(out.confidences).toEqual({});
  });

  it('prefers max_completion_tokens over max_tokens', () => {
    const request: RoutingRequest = {
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 9000,
      max_completion_tokens: 100,
    };
    expect(estimate(request).envelopeFloor).toBe(2 + 4 + 100);
  });

  it('counts each image part at 8192 tokens and never its bytes', () => {
    const request: RoutingRequest = {
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            {
              type: 'image_url',
              image_url: { url: `data:image/png;base64,${'A'.repeat(50_000)}` },
            },
          ],
        },
      ],
    };
    // ceil(("user" 4 + "What is this?" 13) / 4) = 5, + 4 per message, + 8192 per image.
    expect(estimate(request).envelopeFloor).toBe(5 + 4 + 8192);
  });

  it('counts tool schemas, tool choice, response format and call arguments byte for byte', () => {
    const request: RoutingRequest = {
      tools: [{ type: 'function', function: { name: 'f', parameters: {} } }], // [..] 61 bytes, + 8 per tool
      tool_choice: 'auto', // "auto": 6 bytes
      response_format: { type: 'json_object' }, // 22 bytes
      messages: [
        { role: 'user', content: 'go' }, // 6 text bytes, 4
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a": 1}' } },
          ],
        }, // 9 text bytes, 4, + 8 per call, compact arguments {"a":1} = 7 bytes
        { role: 'tool', tool_call_id: 'c1', content: 'ok' }, // 6 text bytes, 4, + 8 per result
      ],
    };
    const textTokens = Math.ceil((6 + 9 + 6) / 4);
    expect(estimate(request).envelopeFloor).toBe(textTokens + 61 + 8 + 6 + 22 + 12 + 8 + 7 + 8);
  });

  it('counts non-text, non-image parts as compact JSON', () => {
    const part = { type: 'input_audio', input_audio: { data: 'abcd', format: 'wav' } };
    const request: RoutingRequest = { messages: [{ role: 'user', content: [part] }] };
    expect(estimate(request).envelopeFloor).toBe(1 + 4 + JSON.stringify(part).length);
  });

  it('includes prior user turns in the floor but not in the text estimate', () => {
    const long = 'x'.repeat(4000);
    const request: RoutingRequest = {
      messages: [
        { role: 'user', content: long },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: 'and?' },
      ],
    };
    const result = estimate(request);
    expect(result.textTokens).toBe(Math.ceil('ok and?'.length / 4));
    expect(result.envelopeFloor).toBe(Math.ceil((4 + 4000 + 9 + 2 + 4 + 4) / 4) + 12);
    expect(result.tokens).toBe(result.envelopeFloor);
  });
});

describe('context rules', () => {
  it('compares bounds inclusively (999 is short, 1000 is medium)', async () => {
    // A text request of n bytes costs ceil((4 + n) / 4) + 4 tokens.
    const at999 = await run({ text: 'a'.repeat(3976) });
    expect(at999.details?.['tokenCount']).toBe(999);
    expect(at999.matched).toEqual(['short_context']);
    const at1000 = await run({ text: 'a'.repeat(3977) });
    expect(at1000.details?.['tokenCount']).toBe(1000);
    expect(at1000.matched).toEqual(['medium_context']);
  });

  it('emits every matching rule in declaration order', async () => {
    const rules: ContextRule[] = [
      { name: 'anything', min_tokens: 0 },
      { name: 'tiny', max_tokens: 10 },
      { name: 'huge', min_tokens: '1M' },
    ];
    const out = await run({ text: 'Hi' }, rules);
    expect(out.matched).toEqual(['anything', 'tiny']);
    expect(out.values).toEqual({});
  });

  it('never matches a rule with an unreadable bound and says why', async () => {
    const rules: ContextRule[] = [
      { name: 'bad', min_tokens: 'lots' },
      { name: 'ok', max_tokens: '1k' },
    ];
    const out = await run({ text: 'Hi' }, rules);
    expect(out.matched).toEqual(['ok']);
    expect(out.details?.['invalidRules']).toEqual({ bad: 'unreadable min_tokens lots' });
  });

  it('reports the parts of the estimate', async () => {
    const out = await run({ text: 'Hi', max_tokens: 10 });
    expect(out.details).toMatchObject({ tokenCount: 16, textTokens: 1, envelopeFloor: 16 });
  });
});
