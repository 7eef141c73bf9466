import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatSend, MessageView } from '../../src-main/contract';
import { createServer } from '../../src-main/core/server/create-server';
import type { ServiceContext } from '../../src-main/core/services/context';
import {
  closeServiceContext,
  createServiceContext,
} from '../../src-main/core/services/create-context';
import { loadProfile } from '../../src-main/core/services/default-profile';
import { createHandlers } from '../../src-main/core/services/handlers';
import { pricedStandInPolicy } from '../support/priced-policy';
import { startStandInLlm } from '../support/stand-in-llm';
import type { StandInLlm } from '../support/stand-in-llm';
import { makeTempDir } from '../support/temp-dir';

// The Chat page's calls over real HTTP, as `homelane serve` wires them:
// chat.regenerate, conversations.rename / keepLocal / delete / export and
// replay.record, each answering with the contract's envelope and status.

const temp = makeTempDir('homelane-conversations-http-');
let llm: StandInLlm;
let context: ServiceContext;
let url: string;
let closeServer: () => Promise<void>;

beforeAll(async () => {
  llm = await startStandInLlm();
  const policy = join(temp.dir, 'policy.yaml');
  writeFileSync(policy, pricedStandInPolicy(llm.url));
  context = await createServiceContext({
    runtime: 'server',
    dataDir: join(temp.dir, 'data'),
    profile: await loadProfile(policy),
  });
  const app = await createServer({
    handlers: createHandlers(context),
    rendererDir: join(temp.dir, 'renderer'),
    events: context.events,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  url = `http://127.0.0.1:${address.port}`;
  closeServer = () => app.close();
});
afterAll(async () => {
  await closeServiceContext(context);
  await closeServer();
  await llm.stop();
  temp.cleanup();
});

async function rpc<T = unknown>(
  method: string,
  input: unknown,
): Promise<{ status: number; body: { ok: boolean; data: T; error?: { code: string } } }> {
  const response = await fetch(`${url}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as never };
}

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
