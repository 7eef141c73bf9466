import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiEvents, isEventName } from '../../src-main/contract';
import type { ChatSend, ChatToken, EventEnvelope } from '../../src-main/contract';
import {
  closeServiceContext,
  createServiceContext,
} from '../../src-main/core/services/create-context';
import { loadProfile } from '../../src-main/core/services/default-profile';
import { createHandlers } from '../../src-main/core/services/handlers';
import { dispatch } from '../../src-main/core/services/dispatch';
import { ConversationStore } from '../../src-main/core/conversations/conversation-store';
import { databasePath } from '../../src-main/core/store/database';
import { damagedDatabase } from '../support/damaged-database';
import { rpcBody } from '../support/rpc-http';
import { startStandInApp } from '../support/stand-in-app';
import type { StandInApp } from '../support/stand-in-app';
import type { StandInLlm } from '../support/stand-in-llm';
import { makeTempDir } from '../support/temp-dir';
import { startTestServer } from '../support/test-server';

// Chat over real HTTP, as `homelane serve` wires it: the profile's router and
// lanes, the chat service on the app database; a turn starts with
// POST /api/rpc/chat.send and streams as server-sent events on /api/events.

const temp = makeTempDir('homelane-chat-http-');
let llm: StandInLlm;
let running: StandInApp;
let url: string;

beforeAll(async () => {
  running = await startStandInApp(temp.dir);
  ({ llm } = running);
  url = running.app.url;
});
afterAll(async () => {
  await running?.close();
  temp.cleanup();
});
beforeEach(() => llm.reset());

const rpc = (method: string, input: unknown) => rpcBody(url, method, input);

/** Listens on /api/events; `until` resolves with a turn's events once one matches. */
async function listen(): Promise<{
  until(turnId: string, last?: (event: EventEnvelope) => boolean): Promise<EventEnvelope[]>;
  close(): void;
}> {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/events`, { signal: controller.signal });
  if (!response.body) throw new Error('no event stream');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  // The first comment arrives once the server has subscribed this stream.
  while (!buffer.includes('\n\n')) buffer += (await reader.read()).value ?? '';
  buffer = buffer.slice(buffer.indexOf('\n\n') + 2);
  const received: EventEnvelope[] = [];
  const readEvents = () => {
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (name && data) received.push({ name, payload: JSON.parse(data) } as EventEnvelope);
    }
  };
  const ends = (event: EventEnvelope) => event.name === 'chat.done' || event.name === 'chat.error';
  return {
    async until(turnId, last = ends) {
      const mine = () =>
        received.filter((event) => (event.payload as { turnId?: string }).turnId === turnId);
      while (!mine().some(last)) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error('the event stream ended');
        buffer += chunk.value;
        readEvents();
      }
      return mine();
    },
    close: () => controller.abort(),
  };
}

describe('chat over HTTP', () => {
  it('streams a turn as events, then serves the stored conversation', async () => {
    const events = await listen();
    try {
      const sent = await rpc('chat.send', {
        text: 'Which rivers are on this list?',
        attachments: [{ name: 'rivers.txt', text: 'Danube\nRhine' }],
      });
      expect(sent.status).toBe(200);
      const { turnId, conversationId } = (sent.body as { data: ChatSend }).data;
      const turn = await events.until(turnId);
      const names = turn.map((event) => event.name);
      expect(names[0]).toBe('chat.routed');
      expect(names[1]).toBe('chat.lane');
      expect(names.at(-1)).toBe('chat.done');
      expect(names.filter((name) => name === 'chat.token').length).toBeGreaterThan(1);
      for (const event of turn) {
        expect(isEventName(event.name)).toBe(true);
        expect(apiEvents[event.name].payload.safeParse(event.payload).success).toBe(true);
      }
      const answer = turn
        .map((event) =>
          event.name === 'chat.token' ? ((event.payload as ChatToken).content ?? '') : '',
        )
        .join('');
      expect(answer).toContain('--- attached file: rivers.txt ---\nDanube\nRhine');

      const opened = await rpc('conversations.messages', { conversationId });
      expect(opened.status).toBe(200);
      const done = turn.at(-1)?.payload as { messageId: number; recordId: string };
      expect(opened.body).toMatchObject({
        ok: true,
        data: {
          conversationId,
          messages: [
            {
              role: 'user',
              content: 'Which rivers are on this list?',
              attachments: [{ name: 'rivers.txt', text: 'Danube\nRhine' }],
            },
            {
              id: done.messageId,
              role: 'assistant',
              content: answer,
              status: 'complete',
              model: 'local/small',
              laneId: 'local/small_box',
              recordId: done.recordId,
            },
          ],
        },
      });
      const listed = await rpc('conversations.list', {});
      expect(listed.body).toMatchObject({
        ok: true,
        data: {
          conversations: [
            { id: conversationId, title: 'Which rivers are on this list?', messageCount: 2 },
          ],
        },
      });
    } finally {
      events.close();
    }
  });

  it('cancels a turn over HTTP; the answer so far is kept, marked partial', async () => {
    await llm.setBehaviour({ eventDelayMs: 200 });
    const events = await listen();
    try {
      const sent = await rpc('chat.send', { conversationId: 'slow-1', text: 'Tell a long tale' });
      const { turnId } = (sent.body as { data: ChatSend }).data;
      await events.until(turnId, (event) => event.name === 'chat.token');
      expect((await rpc('chat.cancel', { turnId })).body).toEqual({
        ok: true,
        data: { cancelled: true },
      });
      const turn = await events.until(turnId);
      expect(turn.at(-1)).toMatchObject({ name: 'chat.error', payload: { code: 'aborted' } });
      const opened = await rpc('conversations.messages', { conversationId: 'slow-1' });
      const messages = (opened.body as { data: { messages: { status: string }[] } }).data.messages;
      expect(messages.map((message) => message.status)).toEqual(['complete', 'partial']);
    } finally {
      events.close();
    }
  });

  it('answers clear errors: bad ids 400, unknown conversations 404', async () => {
    const bad = await rpc('chat.send', { conversationId: 'no spaces allowed', text: 'hi' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknown = await rpc('conversations.messages', { conversationId: 'never-was' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('keeps a damaged database read-only: conversations read, sending refused, the file unchanged', async () => {
    const dataDir = join(temp.dir, 'damaged');
    const file = damagedDatabase(databasePath(dataDir), (db) =>
      new ConversationStore(db).append('kept', { role: 'user', content: 'an old question' }),
    );
    const before = readFileSync(file);
    const damaged = await createServiceContext({
      runtime: 'server',
      dataDir,
      profile: await loadProfile(running.policyFile),
    });
    try {
      const handlers = createHandlers(damaged);
      const info = await dispatch(handlers, 'app.info', {});
      expect(info).toMatchObject({
        ok: true,
        data: { database: { state: 'read_only', problem: { code: 'corrupt' } } },
      });
      const messages = await dispatch(handlers, 'conversations.messages', {
        conversationId: 'kept',
      });
      expect(messages).toMatchObject({ ok: true });
      expect(JSON.stringify(messages)).toContain('an old question');
      const sent = await dispatch(handlers, 'chat.send', { conversationId: 'kept', text: 'hi' });
      expect(sent).toMatchObject({
        ok: false,
        error: { code: 'unavailable', details: { reason: 'read_only', database: 'corrupt' } },
      });
      expect(await llm.requests()).toHaveLength(0);
    } finally {
      await closeServiceContext(damaged);
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('answers 503 unavailable from a server without a profile', async () => {
    const bare = await startTestServer({ withRenderer: false });
    try {
      const response = await rpcBody(bare.url, 'chat.send', { text: 'hi' });
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    } finally {
      await bare.close();
    }
  });
});
