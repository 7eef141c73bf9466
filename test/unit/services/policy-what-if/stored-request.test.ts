import { describe, expect, it } from 'vitest';
import { storedRequestOf } from '../../../../src-main/core/services/policy-what-if/stored-request';
import { sampleRecord } from '../../../support/sample-record';

const body = {
  model: 'auto',
  messages: [
    { role: 'user', content: 'first question' },
    { role: 'assistant', content: 'an answer' },
    { role: 'user', content: 'second question' },
  ],
  tools: [{ type: 'function', function: { name: 'lookup' } }],
  max_tokens: 300,
  stream: true,
};

describe('a stored request made routable again', () => {
  it('routes the stored body: its whole conversation and the fields the router reads', () => {
    const stored = storedRequestOf(sampleRecord({ request_body: JSON.stringify(body) }));
    expect(stored).toEqual({
      routable: true,
      truncated: false,
      request: {
        model: 'auto',
        messages: body.messages,
        tools: body.tools,
        max_tokens: 300,
      },
    });
  });

  it('falls back to the stored prompt, flagged, when the body was cut and is no JSON', () => {
    const text = JSON.stringify(body);
    const stored = storedRequestOf(
      sampleRecord({
        request_body: text.slice(0, 40),
        request_body_truncated: true,
        prompt: 'second question',
        original_model: 'vllm-sr/auto',
      }),
    );
    expect(stored).toEqual({
      routable: true,
      truncated: true,
      request: { model: 'vllm-sr/auto', messages: [{ role: 'user', content: 'second question' }] },
    });
  });

  it('falls back to the prompt, flagged, when no body was kept', () => {
    const stored = storedRequestOf(sampleRecord({ request_body: null, prompt: 'hello' }));
    expect(stored.routable && stored.truncated).toBe(true);
  });

  it('keeps a body that parses whole but was marked cut flagged', () => {
    const stored = storedRequestOf(
      sampleRecord({ request_body: JSON.stringify(body), request_body_truncated: true }),
    );
    expect(stored.routable && stored.truncated).toBe(true);
  });

  it('skips a record with neither a readable body nor a prompt', () => {
    expect(storedRequestOf(sampleRecord({ request_body: '{"model":"auto"}', prompt: '' }))).toEqual(
      {
        routable: false,
      },
    );
    expect(storedRequestOf(sampleRecord({ request_body: null, prompt: '' }))).toEqual({
      routable: false,
    });
  });
});
