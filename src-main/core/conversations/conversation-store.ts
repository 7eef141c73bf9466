import type Database from 'better-sqlite3';
import { ensureConversation } from './ensure-conversation';

// Conversations and their messages on this machine. A message is stored as
// it is (the conversation's history goes back to the model with the next
// request); an answer that failed midway is kept with status `partial`.

export type MessageRole = 'system' | 'user' | 'assistant' | 'tool';
export type MessageStatus = 'complete' | 'partial' | 'failed';

export interface StoredMessage {
  id: number;
  conversationId: string;
  createdAt: string;
  role: MessageRole;
  content: string;
  model: string | null;
  laneId: string | null;
  decision: string | null;
  recordId: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  status: MessageStatus;
}

export interface NewMessage {
  role: MessageRole;
  content: string;
  model?: string;
  laneId?: string;
  decision?: string;
  recordId?: string;
  promptTokens?: number;
  completionTokens?: number;
  status?: MessageStatus;
}

interface Row {
  id: number;
  conversation_id: string;
  created_at: string;
  role: MessageRole;
  content: string;
  model: string | null;
  lane_id: string | null;
  decision: string | null;
  record_id: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  status: MessageStatus;
}

export class ConversationStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  append(conversationId: string, message: NewMessage): StoredMessage {
    const at = this.now().toISOString();
    const id = this.db.transaction(() => {
      ensureConversation(this.db, conversationId, at, true);
      return Number(
        this.db
          .prepare(
            `INSERT INTO messages (conversation_id, created_at, role, content, model, lane_id, decision,
               record_id, prompt_tokens, completion_tokens, status)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            conversationId,
            at,
            message.role,
            message.content,
            message.model ?? null,
            message.laneId ?? null,
            message.decision ?? null,
            message.recordId ?? null,
            message.promptTokens ?? null,
            message.completionTokens ?? null,
            message.status ?? 'complete',
          ).lastInsertRowid,
      );
    })();
    return this.messages(conversationId).find((stored) => stored.id === id) as StoredMessage;
  }

  messages(conversationId: string): StoredMessage[] {
    return this.db
      .prepare<[string], Row>('SELECT * FROM messages WHERE conversation_id = ? ORDER BY id')
      .all(conversationId)
      .map((row) => ({
        id: row.id,
        conversationId: row.conversation_id,
        createdAt: row.created_at,
        role: row.role,
        content: row.content,
        model: row.model,
        laneId: row.lane_id,
        decision: row.decision,
        recordId: row.record_id,
        promptTokens: row.prompt_tokens,
        completionTokens: row.completion_tokens,
        status: row.status,
      }));
  }

  /** The history to send with the next request: what was said, failed answers left out. */
  history(conversationId: string): { role: MessageRole; content: string }[] {
    return this.messages(conversationId)
      .filter((message) => message.status !== 'failed' && message.content !== '')
      .map((message) => ({ role: message.role, content: message.content }));
  }
}
