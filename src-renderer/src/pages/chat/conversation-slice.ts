import type { ApiErrorData } from '../../../../src-main/contract';
import type { ChatSlice, ConversationSlice } from './chat-store';
import { fetchThread, newConversationId } from './chat-calls';
import { downloadText } from './download';
import { listenForTurns } from './turn-events';

// The conversation list and the open thread: load, search, open, start a new
// chat, rename, delete, export, and the open chat's "keep local" switch.

const noticeOf = (title: string, error: ApiErrorData) => ({ title, message: error.message });

export const conversationSlice: ChatSlice<ConversationSlice> = (set, get) => ({
  client: null,
  list: { status: 'loading' },
  query: '',
  activeId: null,
  draftId: newConversationId(),
  thread: { status: 'new' },
  keepLocal: false,
  notice: null,

  attach(client) {
    if (get().client === client) return;
    set({ client });
    listenForTurns(client, get);
    void get().loadList();
  },

  async loadList() {
    const client = get().client;
    if (!client) return;
    const result = await client.call('conversations.list', {});
    set({
      list: result.ok
        ? { status: 'ready', value: result.data.conversations }
        : { status: 'error', error: result.error },
    });
  },

  setQuery(query) {
    set({ query });
  },

  async open(conversationId) {
    const { client, list } = get();
    if (!client) return;
    const summary =
      list.status === 'ready' ? list.value.find((item) => item.id === conversationId) : undefined;
    set({
      activeId: conversationId,
      thread: { status: 'loading' },
      keepLocal: summary?.keepLocal ?? false,
      turnError: null,
      notice: null,
    });
    const thread = await fetchThread(client, conversationId);
    if (get().activeId === conversationId) set({ thread });
  },

  newChat() {
    if (get().activeId === null && get().thread.status === 'new') return;
    set({
      activeId: null,
      draftId: newConversationId(),
      thread: { status: 'new' },
      keepLocal: false,
      turnError: null,
      notice: null,
    });
  },

  async rename(conversationId, title) {
    const client = get().client;
    if (!client) return false;
    const result = await client.call('conversations.rename', { conversationId, title });
    if (!result.ok) {
      set({ notice: noticeOf('The conversation was not renamed', result.error) });
      return false;
    }
    const renamed = result.data.conversation;
    const list = get().list;
    if (list.status === 'ready') {
      set({
        list: {
          status: 'ready',
          value: list.value.map((item) => (item.id === renamed.id ? renamed : item)),
        },
      });
    }
    return true;
  },

  async remove(conversationId) {
    const client = get().client;
    if (!client) return false;
    const result = await client.call('conversations.delete', { conversationId });
    if (!result.ok) {
      set({ notice: noticeOf('The conversation was not deleted', result.error) });
      return false;
    }
    const list = get().list;
    if (list.status === 'ready') {
      set({
        list: { status: 'ready', value: list.value.filter((item) => item.id !== conversationId) },
      });
    }
    if (get().activeId === conversationId) get().newChat();
    return true;
  },

  async exportAs(conversationId, format) {
    const client = get().client;
    if (!client) return;
    const result = await client.call('conversations.export', { conversationId, format });
    if (!result.ok) {
      set({ notice: noticeOf('The conversation was not exported', result.error) });
      return;
    }
    downloadText(result.data.fileName, result.data.mimeType, result.data.text);
  },

  async setKeepLocal(keepLocal) {
    const { client, activeId } = get();
    // A new chat keeps the switch until its first message creates the conversation.
    if (activeId === null || !client) {
      set({ keepLocal });
      return;
    }
    const result = await client.call('conversations.keepLocal', {
      conversationId: activeId,
      keepLocal,
    });
    if (!result.ok) {
      set({ notice: noticeOf('"Keep local" was not changed', result.error) });
      return;
    }
    set({ keepLocal });
    const list = get().list;
    if (list.status === 'ready') {
      set({
        list: {
          status: 'ready',
          value: list.value.map((item) => (item.id === activeId ? { ...item, keepLocal } : item)),
        },
      });
    }
  },

  dismissNotice() {
    set({ notice: null });
  },
});
