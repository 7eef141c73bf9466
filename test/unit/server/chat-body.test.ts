import { describe, expect, it } from 'vitest';
import { parseChatBody } from '../../../src-main/core/server/chat-body';

// The chat completions body: the usual shape passes a plain check, and
// everything else gets the schema's precise complaint.

describe('the chat completions body', () => {
  it('accepts the usual shapes, and keeps fields it does not read', () => {
    const body = {
      model: 'vllm-sr/auto',
      messages: [{ role: 'user', content: 'hi', name: 'me' }],
      stream: true,
      stream_options: { include_usage: true },
      metadata: { conversation_id: 'c1' },
      temperature: 0.2,
    };
    expect(parseChatBody(body)).toEqual({ ok: true, body });
    const plain = {
      model: 'm',
      messages: [{ role: 'user' }],
      stream_options: null,
      metadata: null,
    };
    expect(parseChatBody(plain)).toEqual({ ok: true, body: plain });
  });

  it('says which field is wrong', () => {
    const wrong = (body: unknown) => {
      const result = parseChatBody(body);
      return result.ok ? 'accepted' : result.param;
    };
    expect(wrong({ model: 'm', messages: 'not a list' })).toBe('messages');
    expect(wrong({ model: 'm', messages: [] })).toBe('messages');
    expect(wrong({ model: '', messages: [{ role: 'user' }] })).toBe('model');
    expect(wrong({ model: 'm'.repeat(257), messages: [{ role: 'user' }] })).toBe('model');
    expect(wrong({ model: 'm', messages: [{ role: '' }] })).toBe('messages.0.role');
    expect(wrong({ model: 'm', messages: [{ role: 'user' }, 3] })).toBe('messages.1');
    expect(wrong({ model: 'm', messages: [{ role: 'user' }], stream: 'yes' })).toBe('stream');
    expect(
      wrong({ model: 'm', messages: [{ role: 'user' }], stream_options: { include_usage: 1 } }),
    ).toBe('stream_options.include_usage');
    expect(wrong({ model: 'm', messages: [{ role: 'user' }], metadata: [] })).toBe('metadata');
    expect(wrong([])).toBeNull();
    const result = parseChatBody({ model: 'm', messages: 'not a list' });
    expect(result.ok ? '' : result.message).toMatch(/^Invalid request body at messages: /);
  });
});
