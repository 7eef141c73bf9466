import type Database from 'better-sqlite3';
import { ensureConversation } from './ensure-conversation';

// Conversations and their messages on this machine. A message is stored as
// it is (the conversation's history goes back to the model with the next
// request), with the text files sent along with it; an answer that failed
// midway is kept with status `partial`.

export type MessageRole = 'system' | 'user' | 'assistant' | 'tool';
export type MessageStatus = 'complete' | 'partial' | 'failed';

/** A text file sent with a message. */
export interface MessageAttachment {
  name: string;
  text: string;
}

/** One conversation in a list: what it is called and where it stands. */
export interface ConversationListing {
  id: string;
  /** The first line of the first user message, trimmed; at most TITLE_LENGTH characters. */
  title: string;
  updatedAt: string;
  private: boolean;
  keepLocal: boolean;
  messageCount: number;
}

export const TITLE_LENGTH = 120;

export interface StoredMessage {
  id: number;
  conversationId: string;
  createdAt: string;
  role: MessageRole;
  content: string;
  attachments: MessageAttachment[];
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
  attachments?: readonly MessageAttachment[];
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
  attachments: string;
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
            `INSERT INTO messages (conversation_id, created_at, role, content, attachments, model,
               lane_id, decision, record_id, prompt_tokens, completion_tokens, status)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            conversationId,
            at,
            message.role,
            message.content,
            JSON.stringify(
              (message.attachments ?? []).map((file) => ({ name: file.name, text: file.text })),
            ),
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
        attachments: parseAttachments(row.attachments),
        model: row.model,
        laneId: row.lane_id,
        decision: row.decision,
        recordId: row.record_id,
        promptTokens: row.prompt_tokens,
        completionTokens: row.completion_tokens,
        status: row.status,
      }));
  }

  /**
   * The history to send with the next request: what was said, failed answers
   * left out. `render` gives a message's content as the model reads it (the
   * message with its attachments, say); the stored text when absent.
   */
  history(
    conversationId: string,
    render: (message: StoredMessage) => string = (message) => message.content,
    beforeId = Number.POSITIVE_INFINITY,
  ): { role: MessageRole; content: string }[] {
    return this.messages(conversationId)
      .filter((message) => message.id < beforeId)
      .filter((message) => message.status !== 'failed' && message.content !== '')
      .map((message) => ({ role: message.role, content: render(message) }));
  }

  /** The last message the person sent, and the answers given to it since (to regenerate). */
  lastQuestion(
    conversationId: string,
  ): { question: StoredMessage; answers: StoredMessage[] } | undefined {
    const messages = this.messages(conversationId);
    const index = messages.findLastIndex((message) => message.role === 'user');
    const question = messages[index];
    if (!question) return undefined;
    return { question, answers: messages.slice(index + 1) };
  }

  /** Removes messages of a conversation by id (answers a regenerated one replaces). */
  removeMessages(conversationId: string, ids: readonly number[]): void {
    const remove = this.db.prepare('DELETE FROM messages WHERE conversation_id = ? AND id = ?');
    this.db.transaction(() => {
      for (const id of ids) remove.run(conversationId, id);
    })();
  }

  /** A title of the person's own, in place of the first line of the first message. */
  rename(conversationId: string, title: string): void {
    this.db
      .prepare('UPDATE conversations SET title = ?, updated_at = ? WHERE id = ?')
      .run(title, this.now().toISOString(), conversationId);
  }

  /**
   * Deletes a conversation with its messages and its privacy state; its
   * routing records and remembered facts stay, no longer tied to it.
   * Returns how many messages went.
   */
  remove(conversationId: string): number {
    return this.db.transaction(() => {
      const { count } = this.db
        .prepare<[string], { count: number }>(
          'SELECT COUNT(*) AS count FROM messages WHERE conversation_id = ?',
        )
        .get(conversationId) ?? { count: 0 };
      this.db.prepare('DELETE FROM conversations WHERE id = ?').run(conversationId);
      return count;
    })();
  }

  has(conversationId: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM conversations WHERE id = ?').get(conversationId) !== undefined
    );
  }

  /** Conversations that hold messages, the most recently changed first. */
  list(): ConversationListing[] {
    return this.db
      .prepare<[], ListingRow>(
        `${LISTING} WHERE EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id)
         ORDER BY c.updated_at DESC, c.id`,
      )
      .all()
      .map(listingOf);
  }

  /** One conversation as `list` shows it, messages or not; undefined when there is none. */
  listing(conversationId: string): ConversationListing | undefined {
    const row = this.db
      .prepare<[string], ListingRow>(`${LISTING} WHERE c.id = ?`)
      .get(conversationId);
    return row ? listingOf(row) : undefined;
  }
}

const LISTING = `SELECT c.id, c.title, c.updated_at, c.private, c.keep_local,
    (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count,
    (SELECT m.content FROM messages m WHERE m.conversation_id = c.id AND m.role = 'user'
       ORDER BY m.id LIMIT 1) AS first_user
  FROM conversations c`;

function listingOf(row: ListingRow): ConversationListing {
  return {
    id: row.id,
    title: titleOf(row.title ?? row.first_user ?? ''),
    updatedAt: row.updated_at,
    private: row.private === 1,
    keepLocal: row.keep_local === 1,
    messageCount: row.message_count,
  };
}

interface ListingRow {
  id: string;
  title: string | null;
  updated_at: string;
  private: number;
  keep_local: number;
  message_count: number;
  first_user: string | null;
}

/** The first line with text in it, trimmed and cut to TITLE_LENGTH characters. */
function titleOf(text: string): string {
  const line =
    text
      .split(/\r?\n/)
      .map((part) => part.trim())
      .find((part) => part !== '') ?? '';
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line;
}

function parseAttachments(json: string): MessageAttachment[] {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.flatMap((item: unknown) => {
      if (typeof item !== 'object' || item === null) return [];
      const { name, text } = item as Record<string, unknown>;
      return typeof name === 'string' && typeof text === 'string' ? [{ name, text }] : [];
    });
  } catch {
    return [];
  }
}
