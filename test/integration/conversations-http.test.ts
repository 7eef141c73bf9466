import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatSend, MessageView } from '../../src-main/contract';
import { rpcBody } from '../support/rpc-http';
import { startStandInApp } from '../support/stand-in-app';
import type { StandInApp } from '../support/stand-in-app';
import { makeTempDir } from '../support/temp-dir';

// The Chat page's calls over real HTTP, as `homelane serve` wires them:
// chat.regenerate, conversations.rename / keepLocal / delete / export and
// replay.record, each answering with the contract's envelope and status.

const temp = makeTempDir('homelane-conversations-http-');
let running: StandInApp;
let url: string;

beforeAll(async () => {
  running = await startStandInApp(temp.dir);
  url = running.app.url;
});
afterAll(async () => {
  await running?.close();
  temp.cleanup();
});

const rpc = <T = unknown>(method: string, input: unknown) =>
  rpcBody<{ ok: boolean; data: T; error?: { code: string } }>(url, method, input);

/** The conversation's messages once `ready` holds (the turn streams on its own). */
async function messagesWhen(
  conversationId: string,
  ready: (messages: MessageView[]) => boolean,
): Promise<MessageView[]> {
  for (let waited = 0; waited < 10_000; waited += 25) {
    const { body } = await rpc<{ messages: MessageView[] }>('conversations.messages', {
      conversationId,
    });
    if (body.ok && ready(body.data.messages)) return body.data.messages;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`conversation ${conversationId} never got there`);
}

describe("the Chat page's calls over HTTP", () => {
  it('regenerates, renames, exports, opens the record, then deletes', async () => {
    const sent = await rpc<ChatSend>('chat.send', { conversationId: 'web', text: 'Hi there' });
    expect(sent.status).toBe(200);
    const first = await messagesWhen('web', (messages) => messages.length === 2);

    const again = await rpc<ChatSend>('chat.regenerate', { conversationId: 'web' });
    expect(again.status).toBe(200);
    expect(again.body.data.conversationId).toBe('web');
    const second = await messagesWhen(
      'web',
      (messages) => messages.length === 2 && messages[1]?.id !== first[1]?.id,
    );
    expect(second.map((message) => message.content)).toEqual(['Hi there', 'Echo: Hi there']);

    const renamed = await rpc('conversations.rename', { conversationId: 'web', title: 'Greeting' });
    expect(renamed).toMatchObject({
      status: 200,
      body: { data: { conversation: { title: 'Greeting' } } },
    });
    const local = await rpc('conversations.keepLocal', { conversationId: 'web', keepLocal: true });
    expect(local).toMatchObject({ status: 200, body: { data: { keepLocal: true } } });

    const exported = await rpc<{ text: string; fileName: string }>('conversations.export', {
      conversationId: 'web',
      format: 'markdown',
    });
    expect(exported.status).toBe(200);
    expect(exported.body.data.fileName).toBe('greeting.md');
    expect(exported.body.data.text).toContain('Echo: Hi there');

    const recordId = second[1]?.recordId;
    expect(recordId).toEqual(expect.any(String));
    const record = await rpc('replay.record', { recordId });
    expect(record).toMatchObject({
      status: 200,
      body: { data: { record: { id: recordId, lane_id: 'local/small_box' } } },
    });

    const deleted = await rpc('conversations.delete', { conversationId: 'web' });
    expect(deleted).toMatchObject({ status: 200, body: { data: { deletedMessages: 2 } } });
    const gone = await rpc('conversations.messages', { conversationId: 'web' });
    expect(gone.status).toBe(404);
  });

  it('answers 400 for bad input and 404 for what does not exist', async () => {
    const cases: [string, unknown, number][] = [
      ['conversations.rename', { conversationId: 'web', title: '' }, 400],
      ['conversations.rename', { conversationId: 'nope', title: 'Fine' }, 404],
      ['conversations.delete', { conversationId: 'nope' }, 404],
      ['conversations.export', { conversationId: 'nope', format: 'markdown' }, 404],
      ['conversations.export', { conversationId: 'web', format: 'html' }, 400],
      ['conversations.keepLocal', { conversationId: 'web' }, 400],
      ['chat.regenerate', { conversationId: 'nope' }, 404],
      ['chat.regenerate', { conversationId: 'web', allowCloud: 'yes' }, 400],
      ['replay.record', { recordId: 'nope' }, 404],
      ['replay.record', { recordId: '' }, 400],
    ];
    for (const [method, input, status] of cases) {
      const answer = await rpc(method, input);
      expect({ method, status: answer.status }).toEqual({ method, status });
      expect(answer.body.ok).toBe(false);
    }
  });
});
