import { create } from 'zustand';
import type { StateCreator } from 'zustand';
import type { HomelaneClient } from '../../../../src-main/contract';
import type {
  ExportFormat,
  ListState,
  LiveTurn,
  RecordState,
  ThreadState,
  TurnError,
} from './chat-types';
import { conversationSlice } from './conversation-slice';
import { recordSlice } from './record-slice';
import type { ChatEventEnvelope } from './turn-events';
import { turnSlice } from './turn-slice';

// The Chat page's store: the conversation list and the open thread, the turn
// on its way, and the routing records its badges open. Three slices, one
// store; the page attaches it to the api client once.

export interface Notice {
  title: string;
  message: string;
}

export interface ConversationSlice {
  client: HomelaneClient | null;
  list: ListState;
  query: string;
  /** The open conversation; null for a new chat with no message yet. */
  activeId: string | null;
  /** The id a new chat will be stored under. */
  draftId: string;
  thread: ThreadState;
  /** The open chat's "keep local" switch. */
  keepLocal: boolean;
  notice: Notice | null;
  /** Connects the store to a client and its events (once per client). */
  attach(client: HomelaneClient): void;
  loadList(): Promise<void>;
  setQuery(query: string): void;
  open(conversationId: string): Promise<void>;
  newChat(): void;
  rename(conversationId: string, title: string): Promise<boolean>;
  remove(conversationId: string): Promise<boolean>;
  exportAs(conversationId: string, format: ExportFormat): Promise<void>;
  setKeepLocal(keepLocal: boolean): Promise<void>;
  dismissNotice(): void;
}

export interface TurnSlice {
  draft: string;
  live: LiveTurn | null;
  /** How the open chat's last turn ended, when not with an answer. */
  turnError: TurnError | null;
  setDraft(text: string): void;
  send(): Promise<void>;
  stop(): Promise<void>;
  /** Answers the last message again; `allowCloud` is the person's "yes" to an ask. */
  regenerate(allowCloud?: boolean): Promise<void>;
  dismissTurnError(): void;
  /** Checks a silent turn against what is stored (events can be missed on a reconnect). */
  resync(): Promise<void>;
  /** A chat.* event from the client (turn-events.ts forwards them). */
  onTurnEvent(event: ChatEventEnvelope): void;
}

export interface RecordSlice {
  records: Record<string, RecordState>;
  traceId: string | null;
  ensureRecord(recordId: string): void;
  forgetRecord(recordId: string): void;
  openTrace(recordId: string): void;
  closeTrace(): void;
}

export type ChatStore = ConversationSlice & TurnSlice & RecordSlice;
export type ChatSlice<T> = StateCreator<ChatStore, [], [], T>;

export const useChatStore = create<ChatStore>()((...args) => ({
  ...conversationSlice(...args),
  ...turnSlice(...args),
  ...recordSlice(...args),
}));

/** The open chat's running turn, if it is this chat's. */
export function liveHere(state: ChatStore): LiveTurn | null {
  const live = state.live;
  const here = state.activeId ?? state.draftId;
  return live && live.conversationId === here ? live : null;
}
