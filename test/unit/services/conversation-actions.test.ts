import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatSend, ConversationExport, ReplayRecord } from '../../../src-main/contract';
import { RecordStore } from '../../../src-main/core/replay/record-store';
import { TaintStore } from '../../../src-main/core/privacy/taint-store';
import { dispatch } from '../../../src-main/core/services/dispatch';
import { pricedStandInPolicy } from '../../support/priced-policy';
import { startStandInLlm } from '../../support/stand-in-llm';
import type { StandInLlm } from '../../support/stand-in-llm';
import { chatHarness } from './chat-harness';
import type { ChatHarness } from './chat-harness';

// Renaming, "keep local", deleting and exporting a conversation, and opening
// a reply's routing record, through the dispatcher as both transports serve them.

let llm: StandInLlm;
let chat: ChatHarness;

beforeAll(async () => {
  llm = await startStandInLlm();
});
afterAll(() => llm.stop());
beforeEach(async () => {
  await llm.reset();
  chat = await chatHarness(pricedStandInPolicy(llm.url));
});
afterEach(() => chat.close());

const call = (method: string, input: unknown) => dispatch(chat.handlers, method, input);

async function chatIn(conversationId: string, text: string): Promise<ChatSend> {
  const sent = await call('chat.send', { conversationId, text });
  if (!sent.ok) throw new Error(sent.error.message);
  const turn = sent.data as ChatSend;
  await chat.ended(turn.turnId);
  return turn;
}

const failure = (code: string) =>
  expect.objectContaining({ ok: false, error: expect.objectContaining({ code }) });

describe('conversations.rename', () => {
  it('gives a conversation its own title, trimmed, and lists it by that title', async () => {
    await chatIn('trip', 'Plan a trip to Porto');
    const renamed = await call('conversations.rename', {
      conversationId: 'trip',
      title: '  Porto weekend ',
    });
    expect(renamed).toMatchObject({
      ok: true,
      data: { conversation: { id: 'trip', title: 'Porto weekend', messageCount: 2 } },
    });
    const listed = await call('conversations.list', {});
    expect(listed).toMatchObject({ data: { conversations: [{ title: 'Porto weekend' }] } });
  });

  it('refuses an empty or multi-line title and an unknown conversation', async () => {
    await chatIn('trip', 'Plan a trip');
    expect(await call('conversations.rename', { conversationId: 'trip', title: '   ' })).toEqual(
      failure('invalid_input'),
    );
    expect(await call('conversations.rename', { conversationId: 'trip', title: 'a\nb' })).toEqual(
      failure('invalid_input'),
    );
    expect(
      await call('conversations.rename', { conversationId: 'trip', title: 'x'.repeat(121) }),
    ).toEqual(failure('invalid_input'));
    expect(await call('conversations.rename', { conversationId: 'never', title: 'Hi' })).toEqual(
      failure('not_found'),
    );
  });
});

describe('conversations.keepLocal', () => {
  it('switches a conversation, even one with no message yet, and the list shows it', async () => {
    expect(
      await call('conversations.keepLocal', { conversationId: 'fresh', keepLocal: true }),
    ).toMatchObject({ ok: true, data: { conversationId: 'fresh', keepLocal: true } });
    expect(new TaintStore(chat.service.database).get('fresh').keepLocal).toBe(true);
    // Empty conversations are not listed until their first message.
    expect(await call('conversations.list', {})).toMatchObject({ data: { conversations: [] } });
    await chatIn('fresh', 'Hello');
    expect(await call('conversations.list', {})).toMatchObject({
      data: { conversations: [{ id: 'fresh', keepLocal: true }] },
    });
    await call('conversations.keepLocal', { conversationId: 'fresh', keepLocal: false });
    expect(await call('conversations.list', {})).toMatchObject({
      data: { conversations: [{ id: 'fresh', keepLocal: false }] },
    });
  });
});

describe('conversations.delete', () => {
  it('deletes the conversation and its messages; its routing records stay, untied', async () => {
    await chatIn('gone', 'First question');
    const second = await chatIn('gone', 'Second question');
    const recordId = (chat.ofTurn(second.turnId).at(-1)?.payload as { recordId: string }).recordId;
    expect(await call('conversations.delete', { conversationId: 'gone' })).toMatchObject({
      ok: true,
      data: { conversationId: 'gone', deletedMessages: 4 },
    });
    expect(await call('conversations.messages', { conversationId: 'gone' })).toEqual(
      failure('not_found'),
    );
    expect(RecordStore.of(chat.service.database).get(recordId)).toMatchObject({
      conversation_id: null,
    });
    expect(await call('conversations.delete', { conversationId: 'gone' })).toEqual(
      failure('not_found'),
    );
  });

  it('refuses while a reply is streaming in it, and works once it is stopped', async () => {
    await llm.setBehaviour({ eventDelayMs: 100 });
    const sent = await call('chat.send', { conversationId: 'busy', text: 'A long story' });
    const { turnId } = (sent as { data: ChatSend }).data;
    await chat.firstToken(turnId);
    expect(await call('conversations.delete', { conversationId: 'busy' })).toEqual(
      expect.objectContaining({
        ok: false,
        error: expect.objectContaining({ code: 'unavailable', details: { reason: 'busy' } }),
      }),
    );
    await call('chat.cancel', { turnId });
    await chat.ended(turnId);
    expect(await call('conversations.delete', { conversationId: 'busy' })).toMatchObject({
      ok: true,
    });
  });
});

describe('conversations.export', () => {
  it('writes Markdown with each message, its files and the routing of each answer', async () => {
    await call('chat.send', {
      conversationId: 'export-me',
      text: 'Summarise ```this``` file',
      attachments: [{ name: 'notes.txt', text: 'a ``` fence inside' }],
    }).then(async (sent) => chat.ended((sent as { data: ChatSend }).data.turnId));
    await call('conversations.rename', { conversationId: 'export-me', title: 'Notes: Q4 / plan' });
    const exported = await call('conversations.export', {
      conversationId: 'export-me',
      format: 'markdown',
    });
    if (!exported.ok) throw new Error(exported.error.message);
    const file = exported.data as ConversationExport;
    expect(file).toMatchObject({
      format: 'markdown',
      fileName: 'notes-q4-plan.md',
      mimeType: 'text/markdown',
    });
    expect(file.text).toMatch(/^# Notes: Q4 \/ plan\n/);
    expect(file.text).toContain('## You · ');
    expect(file.text).toContain('Summarise ```this``` file');
    // The file's fence is longer than the backticks inside it.
    expect(file.text).toContain(
      '**Attached file: notes.txt**\n\n````text\na ``` fence inside\n````',
    );
    expect(file.text).toContain('## Assistant · local/small · ');
    expect(file.text).toMatch(/_Routed: lane local\/small_box · record [\w-]+_/);
  });

  it('writes JSON holding the stored messages as they are', async () => {
    await chatIn('as-json', 'Hello there');
    const exported = await call('conversations.export', {
      conversationId: 'as-json',
      format: 'json',
    });
    if (!exported.ok) throw new Error(exported.error.message);
    const file = exported.data as ConversationExport;
    expect(file.fileName).toBe('hello-there.json');
    const document = JSON.parse(file.text) as Record<string, unknown>;
    expect(document).toMatchObject({
      kind: 'homelane.conversation',
      version: 1,
      conversation: { id: 'as-json', title: 'Hello there', messageCount: 2 },
      messages: [
        { role: 'user', content: 'Hello there' },
        { role: 'assistant', content: 'Echo: Hello there', status: 'complete' },
      ],
    });
    expect(
      await call('conversations.export', { conversationId: 'as-json', format: 'pdf' }),
    ).toEqual(failure('invalid_input'));
  });
});

describe('replay.record', () => {
  it("opens a reply's routing record with its trace, lanes tried and cost", async () => {
    const turn = await chatIn('traced', 'Which lane answers this?');
    const done = chat.ofTurn(turn.turnId).at(-1)?.payload as { recordId: string };
    const opened = await call('replay.record', { recordId: done.recordId });
    if (!opened.ok) throw new Error(opened.error.message);
    const { record } = opened.data as ReplayRecord;
    expect(record).toMatchObject({
      id: done.recordId,
      conversation_id: 'traced',
      selected_model: 'local/small',
      lane_id: 'local/small_box',
      locality: 'local',
      lifecycle_state: 'completed',
      currency: 'USD',
      fallback_chain: [{ lane_id: 'local/small_box', outcome: 'answered' }],
    });
    expect(record.trace).toMatchObject({ model: 'local/small', schema_version: 1 });
    expect(await call('replay.record', { recordId: 'no-such-record' })).toEqual(
      failure('not_found'),
    );
  });
});
