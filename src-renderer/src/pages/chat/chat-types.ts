import type {
  ApiErrorData,
  Attachment,
  ChatErrorKind,
  ConversationSummary,
  MessageView,
  RoutingRecordView,
} from '../../../../src-main/contract';

// The Chat page's own shapes: a message as the thread shows it (stored or
// streaming), what is known of its routing, and the states of what loads.

export type Locality = 'local' | 'lan' | 'cloud';

/** What a reply's badge shows; filled from the turn's events, then from its record. */
export interface RoutingView {
  decision: string | null;
  model: string | null;
  laneId: string | null;
  locality: Locality | null;
  /** Null until known (a stored reply before its record is read). */
  private: boolean | null;
  /** How long the answering lane took to its first token. */
  firstTokenMs: number | null;
  recordId: string | null;
}

export type MessageStatus = MessageView['status'] | 'streaming';

export interface ChatMessage {
  /** `m:<id>` for a stored message, `live:<n>` for one still streaming. */
  key: string;
  id: number | null;
  role: MessageView['role'];
  content: string;
  reasoning: string;
  attachments: Attachment[];
  status: MessageStatus;
  routing: RoutingView | null;
  /** A "remember …" request kept on this machine: the fact. */
  remembered: string | null;
}

/** How the last turn ended when it did not end with an answer. */
export interface TurnError {
  kind: ChatErrorKind | 'request';
  code: string;
  message: string;
  partialKept: boolean;
  recordId: string | null;
}

export type Loadable<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: ApiErrorData };

export type RecordState = Loadable<RoutingRecordView>;
export type ListState = Loadable<ConversationSummary[]>;

/** The thread of the open conversation; `new` is a chat with no message yet. */
export type ThreadState = { status: 'new' } | Loadable<ChatMessage[]>;

/** A turn on its way: the question (when new), the streaming answer, what it replaces. */
export interface LiveTurn {
  /** Null until chat.send or chat.regenerate answers. */
  turnId: string | null;
  conversationId: string;
  question: ChatMessage | null;
  answer: ChatMessage;
  /** Regenerating: the answers after the last question are hidden while the new one streams. */
  replacing: boolean;
  /** Stop was asked before the turn id was known. */
  stopAsked: boolean;
  /** The highest stored message id when the turn began (to spot its answer on a re-sync). */
  knownMaxId: number;
  lastEventAt: number;
}

export type ExportFormat = 'markdown' | 'json';
