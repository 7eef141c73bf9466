import type { ApiErrorData } from '../../../../src-main/contract';
import { fetchThread } from './chat-calls';
import type { ChatSlice, TurnSlice } from './chat-store';
import type { ChatMessage, LiveTurn, ThreadState, TurnError } from './chat-types';
import type { ChatEventEnvelope } from './turn-events';
import {
  applyLane,
  applyRouted,
  applyToken,
  maxMessageId,
  questionMessage,
  streamingAnswer,
  turnErrorOf,
} from './turn-apply';

// The turn on its way: send or regenerate, the events that stream its answer,
// stop, and its end — after which the thread is read again from what was
// stored, so the page shows exactly what the conversation holds.

/** Events that arrived before chat.send answered with their turn's id. */
const early = new Map<string, ChatEventEnvelope[]>();
const EARLY_TURNS_MAX = 20;
let keys = 0;
const nextKey = (prefix: string) => `live-${prefix}:${++keys}`;
/** The turn being ended (its end can be seen twice: an event and a re-sync). */
let ending: string | null = null;

const requestError = (error: ApiErrorData): TurnError => ({
  kind: 'request',
  code: error.code,
  message: error.message,
  partialKept: false,
  recordId: null,
});

export const turnSlice: ChatSlice<TurnSlice> = (set, get) => {
  const patchAnswer = (update: (answer: ChatMessage) => ChatMessage) => {
    const live = get().live;
    if (live) set({ live: { ...live, answer: update(live.answer), lastEventAt: Date.now() } });
  };

  const begin = (live: Omit<LiveTurn, 'turnId' | 'stopAsked' | 'lastEventAt'>) =>
    ({ ...live, turnId: null, stopAsked: false, lastEventAt: Date.now() }) satisfies LiveTurn;

  function adopt(turnId: string): void {
    const live = get().live;
    if (!live) return;
    set({ live: { ...live, turnId, lastEventAt: Date.now() } });
    const waiting = early.get(turnId) ?? [];
    early.clear();
    for (const event of waiting) get().onTurnEvent(event);
    if (get().live?.stopAsked) void get().stop();
    void get().loadList();
  }

  async function finish(error: TurnError | null): Promise<void> {
    const { live, client } = get();
    if (!live?.turnId || !client || ending === live.turnId) return;
    ending = live.turnId;
    const { conversationId } = live;
    const recordId = live.answer.routing?.recordId ?? error?.recordId;
    if (recordId) get().forgetRecord(recordId);
    let thread: ThreadState | null = null;
    if (get().activeId === conversationId) {
      const loaded = await fetchThread(client, conversationId);
      // A "remember …" in a new chat stores no message: there is no conversation to read.
      thread =
        loaded.status === 'error' && loaded.error.code === 'not_found'
          ? { status: 'ready', value: [] }
          : loaded;
      if (live.answer.remembered !== null && thread.status === 'ready') {
        const exchange = [...(live.question ? [live.question] : []), live.answer];
        thread = { status: 'ready', value: [...thread.value, ...exchange] };
      }
    }
    const here = get().activeId === conversationId;
    set({
      live: null,
      ...(here && thread ? { thread } : {}),
      ...(here ? { turnError: error } : {}),
    });
    ending = null;
    void get().loadList();
  }

  return {
    draft: '',
    live: null,
    turnError: null,

    setDraft(text) {
      set({ draft: text });
    },

    async send() {
      const state = get();
      const { client, live, draft: text, thread } = state;
      if (!client || live || text.trim() === '') return;
      if (thread.status !== 'ready' && thread.status !== 'new') return;
      const isNew = state.activeId === null;
      const conversationId = state.activeId ?? state.draftId;
      if (isNew && state.keepLocal) {
        const switched = await client.call('conversations.keepLocal', {
          conversationId,
          keepLocal: true,
        });
        if (!switched.ok) {
          set({ notice: { title: 'The message was not sent', message: switched.error.message } });
          return;
        }
      }
      const stored = thread.status === 'ready' ? thread.value : [];
      set({
        draft: '',
        turnError: null,
        notice: null,
        activeId: conversationId,
        thread: { status: 'ready', value: stored },
        live: begin({
          conversationId,
          question: questionMessage(nextKey('q'), text),
          answer: streamingAnswer(nextKey('a')),
          replacing: false,
          knownMaxId: maxMessageId(stored),
        }),
      });
      const result = await client.call('chat.send', { conversationId, text });
      if (result.ok) return adopt(result.data.turnId);
      set({
        live: null,
        draft: text,
        turnError: requestError(result.error),
        ...(isNew ? { activeId: null, thread: { status: 'new' } } : {}),
      });
    },

    async regenerate(allowCloud = false) {
      const { client, live, activeId, thread } = get();
      if (!client || live || activeId === null || thread.status !== 'ready') return;
      set({
        turnError: null,
        notice: null,
        live: begin({
          conversationId: activeId,
          question: null,
          answer: streamingAnswer(nextKey('a')),
          replacing: true,
          knownMaxId: maxMessageId(thread.value),
        }),
      });
      const result = await client.call('chat.regenerate', {
        conversationId: activeId,
        ...(allowCloud ? { allowCloud: true } : {}),
      });
      if (result.ok) return adopt(result.data.turnId);
      set({ live: null, turnError: requestError(result.error) });
    },

    async stop() {
      const { live, client } = get();
      if (!live || !client) return;
      if (live.turnId === null) {
        set({ live: { ...live, stopAsked: true } });
        return;
      }
      const result = await client.call('chat.cancel', { turnId: live.turnId });
      // Not running any more: it ended and its last events were missed.
      if (result.ok && !result.data.cancelled) await finish(null);
    },

    dismissTurnError() {
      set({ turnError: null });
    },

    async resync() {
      const { live, client } = get();
      if (!live?.turnId || !client) return;
      const loaded = await fetchThread(client, live.conversationId);
      const answered =
        loaded.status === 'ready' &&
        loaded.value.some((m) => m.role === 'assistant' && (m.id ?? 0) > live.knownMaxId);
      if (answered) await finish(null);
      else if (get().live === live) set({ live: { ...live, lastEventAt: Date.now() } });
    },

    onTurnEvent(event) {
      const live = get().live;
      if (!live) return;
      const { turnId } = event.payload;
      if (live.turnId === null) {
        if (early.size >= EARLY_TURNS_MAX && !early.has(turnId)) return;
        early.set(turnId, [...(early.get(turnId) ?? []), event]);
        return;
      }
      if (turnId !== live.turnId) return;
      switch (event.name) {
        case 'chat.routed':
          return patchAnswer((answer) => applyRouted(answer, event.payload));
        case 'chat.lane':
          return patchAnswer((answer) => applyLane(answer, event.payload));
        case 'chat.token':
          return patchAnswer((answer) => applyToken(answer, event.payload));
        case 'chat.remembered':
          return patchAnswer((answer) => ({ ...answer, remembered: event.payload.fact }));
        case 'chat.done':
          patchAnswer((answer) => ({ ...answer, status: 'complete' }));
          return void finish(null);
        case 'chat.error': {
          const error = turnErrorOf(event.payload);
          patchAnswer((answer) => ({
            ...answer,
            status: error.partialKept ? 'partial' : 'failed',
          }));
          // Said at once, so the kept part is marked for what it is before the thread is read again.
          if (get().activeId === live.conversationId) set({ turnError: error });
          return void finish(error);
        }
      }
    },
  };
};
