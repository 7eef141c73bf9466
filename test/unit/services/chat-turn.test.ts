import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConversationStore } from '../../../src-main/core/conversations/conversation-store';
import { MemoryStore } from '../../../src-main/core/privacy/memory-store';
import { RecordStore } from '../../../src-main/core/replay/record-store';
import { runChatTurn } from '../../../src-main/core/services/chat/chat-turn';
import { startStandInLlm } from '../../support/stand-in-llm';
import type { StandInLlm } from '../../support/stand-in-llm';
import { chatFixture, endings, eventLog } from './chat-fixture';
import type { ChatFixture } from './chat-fixture';

// One chat turn through the whole path, against the stand-in LLM in its own
// process and a real database file: events in order, the record and both
// messages stored; a dropped stream and a stop keep the partial answer.

let llm: StandInLlm;
let fixture: ChatFixture;

beforeAll(async () => {
  llm = await startStandInLlm();
});
afterAll(() => llm.stop());
beforeEach(async () => {
  await llm.reset();
  fixture = await chatFixture(llm.url);
});
afterEach(() => fixture.cleanup());

const chatRequests = async () =>
  (await llm.requests()).filter((request) => request.path === '/v1/chat/completions');

describe('a chat turn', () => {
  it('streams the answer in order, then done; stores the record and both messages', async () => {
    const log = eventLog();
    const outcome = await runChatTurn(
      fixture.deps(),
      { turnId: 't1', conversationId: 'c1', text: 'Name three rivers' },
      log.listener,
    );
    expect(outcome.status).toBe('answered');
    const types = log.events.map((event) => event.type);
    expect(types[0]).toBe('routed');
    expect(types[1]).toBe('lane');
    expect(types.at(-1)).toBe('done');
    expect(endings(log.events)).toHaveLength(1);
    expect(log.events.every((event) => event.turnId === 't1')).toBe(true);
    const text = log.events.map((event) => (event.type === 'token' ? (event.content ?? '') : ''));
    expect(text.join('')).toBe('Echo: Name three rivers');
    expect(log.events.filter((event) => event.type === 'token').length).toBeGreaterThan(1);

    const routed = log.events[0];
    const done = log.events.at(-1);
    if (routed?.type !== 'routed' || done?.type !== 'done') throw new Error('unexpected events');
    expect(routed).toMatchObject({ conversationId: 'c1', model: 'local/small', private: false });
    expect(routed.recordId).toMatch(/^[0-9a-f]{32}$/);
    expect(done).toMatchObject({
      recordId: routed.recordId,
      laneId: 'local/small_box',
      model: 'local/small',
    });
    expect(done.usage?.completionTokens).toBeGreaterThan(0);

    const record = new RecordStore(fixture.db).get(String(routed.recordId));
    expect(record).toMatchObject({
      lifecycle_state: 'completed',
      lane_id: 'local/small_box',
      conversation_id: 'c1',
    });
    const messages = new ConversationStore(fixture.db).messages('c1');
    expect(messages.map((message) => [message.role, message.content, message.status])).toEqual([
      ['user', 'Name three rivers', 'complete'],
      ['assistant', 'Echo: Name three rivers', 'complete'],
    ]);
    expect(messages[1]).toMatchObject({
      id: done.messageId,
      model: 'local/small',
      laneId: 'local/small_box',
      recordId: routed.recordId,
    });
  });

  it('stores nothing in a conversation for a one-off turn, and still keeps the record', async () => {
    const log = eventLog();
    const outcome = await runChatTurn(fixture.deps(), { text: 'Just once' }, log.listener);
    expect(outcome).toMatchObject({ status: 'answered', messageId: null });
    expect(log.events[0]).toMatchObject({ type: 'routed', conversationId: null });
    const count = fixture.db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number };
    expect(count.n).toBe(0);
    const recordId = outcome.status === 'answered' ? outcome.recordId : null;
    expect(new RecordStore(fixture.db).get(String(recordId))?.lifecycle_state).toBe('completed');
  });

  it('ends with error when the lane drops mid-stream, keeping the partial answer marked', async () => {
    await llm.setBehaviour({ dropAfterEvents: 3 });
    const log = eventLog();
    const outcome = await runChatTurn(
      fixture.deps(),
      { conversationId: 'c2', text: 'Tell me about lakes and seas' },
      log.listener,
    );
    expect(outcome.status).toBe('failed');
    expect(endings(log.events)).toHaveLength(1);
    const error = log.events.at(-1);
    expect(error).toMatchObject({
      type: 'error',
      kind: 'lane',
      code: 'stream_dropped',
      partialKept: true,
    });
    const streamed = log.events.map((event) => (event.type === 'token' ? event.content : ''));
    const messages = new ConversationStore(fixture.db).messages('c2');
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatchObject({
      role: 'assistant',
      status: 'partial',
      content: streamed.join(''),
      laneId: 'local/small_box',
    });
    expect(messages[1]?.content).toMatch(/^Echo: /);
    const recordId = error?.type === 'error' ? error.recordId : null;
    expect(new RecordStore(fixture.db).get(String(recordId))).toMatchObject({
      lifecycle_state: 'failed',
      terminal_reason: 'stream_dropped (partial answer kept)',
    });
  });

  it('stops when cancelled: the record is aborted and what streamed is kept, marked', async () => {
    await llm.setBehaviour({ eventDelayMs: 150 });
    const controller = new AbortController();
    const log = eventLog();
    const outcome = await runChatTurn(
      fixture.deps(controller.signal),
      { conversationId: 'c3', text: 'Write a long story about a lighthouse keeper' },
      (event) => {
        log.listener(event);
        if (event.type === 'token') controller.abort();
      },
    );
    expect(outcome.status).toBe('failed');
    expect(endings(log.events)).toHaveLength(1);
    const error = log.events.at(-1);
    expect(error).toMatchObject({ type: 'error', code: 'aborted', partialKept: true });
    const messages = new ConversationStore(fixture.db).messages('c3');
    expect(messages[1]).toMatchObject({ role: 'assistant', status: 'partial' });
    expect(messages[1]?.content).toMatch(/^Echo:/);
    expect(messages[1]?.content).not.toContain('lighthouse');
    const recordId = error?.type === 'error' ? error.recordId : null;
    expect(new RecordStore(fixture.db).get(String(recordId))?.lifecycle_state).toBe('aborted');
  });

  it('sends attachments to the model inside the user message and keeps them on the row', async () => {
    const notes = { name: 'notes.txt', text: 'Milk\nEggs' };
    const log = eventLog();
    await runChatTurn(
      fixture.deps(),
      { conversationId: 'c4', text: 'What is on my list?', attachments: [notes] },
      log.listener,
    );
    const expected =
      'What is on my list?\n\n--- attached file: notes.txt ---\nMilk\nEggs\n--- end of notes.txt ---';
    const sent = (await chatRequests())[0]?.body?.['messages'] as { content: string }[];
    expect(sent.at(-1)?.content).toBe(expected);
    const messages = new ConversationStore(fixture.db).messages('c4');
    expect(messages[0]).toMatchObject({ content: 'What is on my list?', attachments: [notes] });
    expect(messages[1]?.content).toBe(`Echo: ${expected}`);
    const row = fixture.db
      .prepare("SELECT attachments FROM messages WHERE conversation_id = 'c4' AND role = 'user'")
      .get() as { attachments: string };
    expect(JSON.parse(row.attachments)).toEqual([notes]);

    // The next turn's history carries the file along.
    await llm.reset();
    await runChatTurn(fixture.deps(), { conversationId: 'c4', text: 'And?' }, () => undefined);
    const history = (await chatRequests())[0]?.body?.['messages'] as { content: string }[];
    expect(history.map((message) => message.content)).toEqual([
      expected,
      `Echo: ${expected}`,
      'And?',
    ]);
  });

  it('keeps a "remember" request on this machine without a model, then ends with done', async () => {
    const log = eventLog();
    const outcome = await runChatTurn(
      fixture.deps(),
      { conversationId: 'c5', text: 'Remember that my cat is called Tom.' },
      log.listener,
    );
    expect(outcome.status).toBe('remembered');
    expect(log.events.map((event) => event.type)).toEqual(['remembered', 'done']);
    expect(log.events[0]).toMatchObject({ conversationId: 'c5', fact: 'my cat is called Tom' });
    expect(new MemoryStore(fixture.db).list().map((fact) => fact.fact)).toEqual([
      'my cat is called Tom',
    ]);
    expect(await chatRequests()).toEqual([]);
  });

  it('reports a model nobody serves as a routing error, with the user message kept', async () => {
    const log = eventLog();
    const outcome = await runChatTurn(
      fixture.deps(),
      { conversationId: 'c6', text: 'Hello', model: 'no-such-model' },
      log.listener,
    );
    expect(outcome.status).toBe('failed');
    expect(log.events).toEqual([
      expect.objectContaining({ type: 'error', kind: 'routing', partialKept: false }),
    ]);
    expect(new ConversationStore(fixture.db).messages('c6').map((m) => m.role)).toEqual(['user']);
  });
});
