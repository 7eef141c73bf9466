import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatToken, EventEnvelope } from '../../../src-main/contract';
import { ApiError, CONVERSATION_ID_PATTERN } from '../../../src-main/contract';
import { ConversationStore } from '../../../src-main/core/conversations/conversation-store';
import { RecordStore } from '../../../src-main/core/replay/record-store';
import { ChatService } from '../../../src-main/core/services/chat/chat-service';
import { RoutingRuntime } from '../../../src-main/core/services/routing-runtime';
import { databasePath, openDatabase } from '../../../src-main/core/store/database';
import { SettingsStore } from '../../../src-main/core/store/settings-store';
import { sampleRecord } from '../../support/sample-record';
import { bareServiceContext } from '../../../src-main/core/services/create-context';
import { dispatch } from '../../../src-main/core/services/dispatch';
import { EventBus } from '../../../src-main/core/services/event-bus';
import { createHandlers } from '../../../src-main/core/services/handlers';
import { startStandInLlm } from '../../support/stand-in-llm';
import type { StandInLlm } from '../../support/stand-in-llm';
import { chatFixture } from './chat-fixture';
import type { ChatFixture } from './chat-fixture';

// The chat service of a running app: turns side by side on one database
// connection, their events on the bus, cancel by turn id, a clean close; and
// the chat and conversations methods served through the dispatcher.

let llm: StandInLlm;
let fixture: ChatFixture;
let events: EventBus;
let seen: EventEnvelope[];
let service: ChatService;

beforeAll(async () => {
  llm = await startStandInLlm();
});
afterAll(() => llm.stop());
beforeEach(async () => {
  await llm.reset();
  fixture = await chatFixture(llm.url);
  events = new EventBus();
  seen = [];
  events.subscribe((envelope) => seen.push(envelope));
  service = openService();
});
afterEach(async () => {
  await service.close();
  fixture.cleanup();
});

/** A chat service on the fixture's data folder, router and lanes, publishing on `events`. */
function openService(): ChatService {
  return ChatService.open({
    dataDir: fixture.dataDir,
    routing: new RoutingRuntime(
      fixture.dataDir,
      { config: fixture.config, info: { name: 'fixture', source: 'chat-fixture' } },
      () => Promise.resolve({ router: fixture.router, release: () => Promise.resolve() }),
    ),
    laneSet: () => ({
      lanes: fixture.lanes,
      clientFor: fixture.clientFor,
      healthOf: () => undefined,
    }),
    events,
    cloudEscalation: 'allow',
  });
}

/** The events of one turn so far. */
const ofTurn = (turnId: string) =>
  seen.filter((envelope) => (envelope.payload as { turnId?: string }).turnId === turnId);

async function ended(turnId: string): Promise<EventEnvelope> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    const end = ofTurn(turnId).find(
      (envelope) => envelope.name === 'chat.done' || envelope.name === 'chat.error',
    );
    if (end) return end;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`turn ${turnId} did not end`);
}

async function firstToken(turnId: string): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 10) {
    if (ofTurn(turnId).some((envelope) => envelope.name === 'chat.token')) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`turn ${turnId} streamed nothing`);
}

describe('the chat service', () => {
  it('runs turns side by side, each with its own events and exactly one ending', async () => {
    await llm.setBehaviour({ eventDelayMs: 20 });
    const first = service.send({ text: 'Name a river' });
    const second = service.send({ conversationId: 'mine', text: 'Name a lake' });
    expect(first.conversationId).toMatch(CONVERSATION_ID_PATTERN);
    expect(second.conversationId).toBe('mine');
    expect(first.turnId).not.toBe(second.turnId);
    expect(service.runningTurns).toBe(2);
    const [a, b] = await Promise.all([ended(first.turnId), ended(second.turnId)]);
    expect(a.name).toBe('chat.done');
    expect(b.name).toBe('chat.done');
    for (const turn of [first, second]) {
      const names = ofTurn(turn.turnId).map((envelope) => envelope.name);
      expect(names.slice(0, 2)).toEqual(['chat.routed', 'chat.lane']);
      expect(names.filter((name) => name === 'chat.done' || name === 'chat.error')).toHaveLength(1);
    }
    const answer = ofTurn(second.turnId)
      .map((envelope) =>
        envelope.name === 'chat.token' ? ((envelope.payload as ChatToken).content ?? '') : '',
      )
      .join('');
    expect(answer).toBe('Echo: Name a lake');
    expect(service.conversations.messages('mine').map((message) => message.content)).toEqual([
      'Name a lake',
      'Echo: Name a lake',
    ]);
  });

  it('cancels a running turn by its id; the partial answer is kept', async () => {
    await llm.setBehaviour({ eventDelayMs: 150 });
    const turn = service.send({ conversationId: 'stop-me', text: 'Tell a very long story' });
    await firstToken(turn.turnId);
    expect(service.cancel(turn.turnId)).toBe(true);
    const end = await ended(turn.turnId);
    expect(end).toMatchObject({
      name: 'chat.error',
      payload: { code: 'aborted', partialKept: true },
    });
    expect(service.cancel(turn.turnId)).toBe(false);
    expect(service.cancel('no-such-turn')).toBe(false);
    const messages = service.conversations.messages('stop-me');
    expect(messages.at(-1)).toMatchObject({ role: 'assistant', status: 'partial' });
  });

  it('stops running turns on close, stores them, and refuses new ones', async () => {
    await llm.setBehaviour({ eventDelayMs: 150 });
    const turn = service.send({ conversationId: 'closing', text: 'Count slowly to ten' });
    await firstToken(turn.turnId);
    await service.close();
    expect(ofTurn(turn.turnId).at(-1)).toMatchObject({
      name: 'chat.error',
      payload: { code: 'aborted' },
    });
    expect(() => service.send({ text: 'Too late' })).toThrow(ApiError);
    // Stored before the database closed: read through the test's own connection.
    expect(new ConversationStore(fixture.db).messages('closing').at(-1)).toMatchObject({
      role: 'assistant',
      status: 'partial',
    });
  });

  it('serves chat and conversations through the dispatcher', async () => {
    const handlers = createHandlers({
      ...bareServiceContext('server', fixture.dataDir),
      chat: service,
    });
    const sent = await dispatch(handlers, 'chat.send', {
      conversationId: 'aaa-older',
      text: '  \nPlan a trip to Lisbon\nwith two stops',
    });
    if (!sent.ok) throw new Error(sent.error.message);
    await ended((sent.data as { turnId: string }).turnId);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = await dispatch(handlers, 'chat.send', {
      conversationId: 'bbb-newer',
      text: 'Hello',
      attachments: [{ name: 'a.txt', text: 'x' }],
    });
    if (!again.ok) throw new Error(again.error.message);
    await ended((again.data as { turnId: string }).turnId);

    const listed = await dispatch(handlers, 'conversations.list', {});
    expect(listed).toMatchObject({
      ok: true,
      data: {
        conversations: [
          { id: 'bbb-newer', title: 'Hello', messageCount: 2, private: false, keepLocal: false },
          { id: 'aaa-older', title: 'Plan a trip to Lisbon', messageCount: 2 },
        ],
      },
    });
    const opened = await dispatch(handlers, 'conversations.messages', {
      conversationId: 'bbb-newer',
    });
    expect(opened).toMatchObject({
      ok: true,
      data: {
        conversationId: 'bbb-newer',
        messages: [
          { role: 'user', content: 'Hello', attachments: [{ name: 'a.txt', text: 'x' }] },
          { role: 'assistant', status: 'complete', laneId: 'local/small_box' },
        ],
      },
    });
    expect(await dispatch(handlers, 'conversations.messages', { conversationId: 'nope' })).toEqual(
      expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'not_found' }) }),
    );
    for (const input of [
      { conversationId: '../etc', text: 'hi' },
      { text: '   ' },
      { text: 'x'.repeat(200_001) },
      { text: 'hi', extra: true },
    ]) {
      const refused = await dispatch(handlers, 'chat.send', input);
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await dispatch(handlers, 'chat.cancel', { turnId: 'gone' })).toEqual({
      ok: true,
      data: { cancelled: false },
    });
  });

  it('applies the saved retention rule when it opens and as turns are stored', async () => {
    const db = openDatabase(databasePath(fixture.dataDir));
    const store = new RecordStore(db);
    for (let i = 0; i < 4; i++) {
      store.insert(
        sampleRecord({ created_at: new Date(Date.now() - (i + 1) * 60_000).toISOString() }),
      );
    }
    new SettingsStore(db).set('replay.max_records', 2);
    const reopened = openService();
    try {
      expect(store.count()).toBe(2);
      // Within the hour nothing more is trimmed; an hour on, the rule runs again.
      store.insert(sampleRecord());
      reopened.keepRetention(Date.now() + 1000);
      expect(store.count()).toBe(3);
      reopened.keepRetention(Date.now() + 3_601_000);
      expect(store.count()).toBe(2);
    } finally {
      await reopened.close();
      db.close();
    }
  });

  it('answers unavailable where no chat service runs', async () => {
    const handlers = createHandlers(bareServiceContext('server', fixture.dataDir));
    for (const [method, input] of [
      ['chat.send', { text: 'hi' }],
      ['chat.cancel', { turnId: 'x' }],
      ['conversations.list', {}],
      ['conversations.messages', { conversationId: 'c' }],
    ] as const) {
      expect(await dispatch(handlers, method, input)).toMatchObject({
        ok: false,
        error: { code: 'unavailable' },
      });
    }
  });
});
