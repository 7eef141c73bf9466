import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatSend } from '../../../src-main/contract';
import type { CloudEscalation } from '../../../src-main/core/privacy/egress-guard';
import { dispatch } from '../../../src-main/core/services/dispatch';
import { pricedStandInPolicy } from '../../support/priced-policy';
import { startStandInLlm } from '../../support/stand-in-llm';
import type { StandInLlm } from '../../support/stand-in-llm';
import { chatHarness, cloudOnlyPolicy } from './chat-harness';
import type { ChatHarness } from './chat-harness';

// chat.regenerate: answer a conversation's last message again — to replace an
// answer, to retry after a failure, and as the person's "yes" to a cloud lane
// when cloud escalation is set to ask. The "yes" never opens the cloud to a
// private request, a conversation kept local, or a setting of `never`.

let llm: StandInLlm;
let chat: ChatHarness | undefined;

beforeAll(async () => {
  llm = await startStandInLlm();
});
afterAll(() => llm.stop());
beforeEach(() => llm.reset());
afterEach(async () => {
  await chat?.close();
  chat = undefined;
});

async function open(policy: string, escalation: CloudEscalation = 'allow'): Promise<ChatHarness> {
  chat = await chatHarness(policy, escalation);
  return chat;
}

async function run(
  harness: ChatHarness,
  method: 'chat.send' | 'chat.regenerate',
  input: Record<string, unknown>,
) {
  const started = await dispatch(harness.handlers, method, input);
  if (!started.ok) throw new Error(`${started.error.code}: ${started.error.message}`);
  const turn = started.data as ChatSend;
  return { turn, end: await harness.ended(turn.turnId) };
}

const modelCalls = async () =>
  (await llm.requests()).filter((request) => request.path === '/v1/chat/completions');

const shape = (harness: ChatHarness, conversationId: string) =>
  harness.service.conversations
    .messages(conversationId)
    .map((message) => `${message.role}:${message.status}:${message.content}`);

describe('chat.regenerate', () => {
  it('answers the last message again: no new message, the old answer replaced', async () => {
    const harness = await open(pricedStandInPolicy(llm.url));
    await run(harness, 'chat.send', { conversationId: 'again', text: 'First' });
    await run(harness, 'chat.send', { conversationId: 'again', text: 'Second' });
    const before = harness.service.conversations.messages('again');
    await llm.reset();
    const { end } = await run(harness, 'chat.regenerate', { conversationId: 'again' });
    expect(end.name).toBe('chat.done');
    const after = harness.service.conversations.messages('again');
    expect(shape(harness, 'again')).toEqual([
      'user:complete:First',
      'assistant:complete:Echo: First',
      'user:complete:Second',
      'assistant:complete:Echo: Second',
    ]);
    // The second answer is a new message; the first three are the same rows.
    expect(after.slice(0, 3).map((m) => m.id)).toEqual(before.slice(0, 3).map((m) => m.id));
    expect(after[3]?.id).not.toBe(before[3]?.id);
    // The model saw the history up to the question, once, and no old answer to it.
    const sent = (await modelCalls())[0]?.body?.['messages'] as { content: string }[];
    expect(sent.map((message) => message.content)).toEqual(['First', 'Echo: First', 'Second']);
  });

  it('retries after a failed turn, and keeps a stopped answer beside the old one', async () => {
    const harness = await open(pricedStandInPolicy(llm.url));
    await llm.setBehaviour({ status: 503 });
    const failed = await run(harness, 'chat.send', { conversationId: 'retry', text: 'Hello' });
    expect(failed.end).toMatchObject({ name: 'chat.error', payload: { kind: 'no_lane' } });
    expect(shape(harness, 'retry')).toEqual(['user:complete:Hello']);
    await llm.reset();
    await run(harness, 'chat.regenerate', { conversationId: 'retry' });
    expect(shape(harness, 'retry')).toEqual([
      'user:complete:Hello',
      'assistant:complete:Echo: Hello',
    ]);

    await llm.setBehaviour({ eventDelayMs: 100 });
    const started = await dispatch(harness.handlers, 'chat.regenerate', {
      conversationId: 'retry',
    });
    const { turnId } = (started as { data: ChatSend }).data;
    await harness.firstToken(turnId);
    harness.service.cancel(turnId);
    expect(await harness.ended(turnId)).toMatchObject({
      name: 'chat.error',
      payload: { code: 'aborted', partialKept: true },
    });
    const statuses = harness.service.conversations.messages('retry').map((m) => m.status);
    expect(statuses).toEqual(['complete', 'complete', 'partial']);
  });

  it('refuses an unknown conversation, a busy one, and one with nothing to answer', async () => {
    const harness = await open(pricedStandInPolicy(llm.url));
    const call = (input: unknown) => dispatch(harness.handlers, 'chat.regenerate', input);
    expect(await call({ conversationId: 'nothing-here' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await call({ conversationId: 'bad id' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    await llm.setBehaviour({ eventDelayMs: 100 });
    const started = await dispatch(harness.handlers, 'chat.send', {
      conversationId: 'busy',
      text: 'A long tale',
    });
    const { turnId } = (started as { data: ChatSend }).data;
    expect(await call({ conversationId: 'busy' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', details: { reason: 'busy' } },
    });
    harness.service.cancel(turnId);
    await harness.ended(turnId);
    // A "remember …" message is kept in memory, not in the conversation: nothing to answer.
    await run(harness, 'chat.send', { conversationId: 'memo', text: 'Remember that I like tea' });
    expect(await call({ conversationId: 'memo' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});

describe('the "ask" answer (allowCloud)', () => {
  it('asks first, sends nothing, then answers on the cloud lane once allowed', async () => {
    const harness = await open(cloudOnlyPolicy(llm.url), 'ask');
    const asked = await run(harness, 'chat.send', { conversationId: 'ask', text: 'Hello cloud' });
    expect(asked.end).toMatchObject({
      name: 'chat.error',
      payload: { kind: 'no_lane', code: 'needs_confirmation', partialKept: false },
    });
    expect(await modelCalls()).toHaveLength(0);
    // Without the "yes", a retry asks again.
    const again = await run(harness, 'chat.regenerate', { conversationId: 'ask' });
    expect(again.end).toMatchObject({ payload: { code: 'needs_confirmation' } });
    expect(await modelCalls()).toHaveLength(0);

    const allowed = await run(harness, 'chat.regenerate', {
      conversationId: 'ask',
      allowCloud: true,
    });
    expect(allowed.end).toMatchObject({ name: 'chat.done', payload: { laneId: 'cloud/big_api' } });
    const lane = harness.ofTurn(allowed.turn.turnId).find((e) => e.name === 'chat.lane');
    expect(lane?.payload).toMatchObject({ locality: 'cloud' });
    expect(await modelCalls()).toHaveLength(1);
    expect(shape(harness, 'ask')).toEqual([
      'user:complete:Hello cloud',
      'assistant:complete:Echo: Hello cloud',
    ]);
    // The "yes" was for that turn only.
    const next = await run(harness, 'chat.send', { conversationId: 'ask', text: 'And again' });
    expect(next.end).toMatchObject({ payload: { code: 'needs_confirmation' } });
  });

  it('never opens the cloud to a private request, a kept-local conversation, or "never"', async () => {
    const asking = await open(cloudOnlyPolicy(llm.url), 'ask');
    await run(asking, 'chat.send', {
      conversationId: 'card',
      text: 'The gym keeps charging card 5555 5555 5555 4444 after I cancelled.',
    });
    const privateTry = await run(asking, 'chat.regenerate', {
      conversationId: 'card',
      allowCloud: true,
    });
    expect(privateTry.end).toMatchObject({
      name: 'chat.error',
      payload: { code: 'no_private_lane' },
    });

    await dispatch(asking.handlers, 'conversations.keepLocal', {
      conversationId: 'kept',
      keepLocal: true,
    });
    await run(asking, 'chat.send', { conversationId: 'kept', text: 'Hello' });
    const keptTry = await run(asking, 'chat.regenerate', {
      conversationId: 'kept',
      allowCloud: true,
    });
    expect(keptTry.end).toMatchObject({ name: 'chat.error', payload: { kind: 'no_lane' } });
    expect(JSON.stringify(keptTry.end.payload)).toContain('cloud escalation is off');
    await asking.close();

    const never = await open(cloudOnlyPolicy(llm.url), 'never');
    await run(never, 'chat.send', { conversationId: 'off', text: 'Hello' });
    const neverTry = await run(never, 'chat.regenerate', {
      conversationId: 'off',
      allowCloud: true,
    });
    expect(neverTry.end).toMatchObject({ name: 'chat.error', payload: { kind: 'no_lane' } });
    expect(await modelCalls()).toHaveLength(0);
  });
});
