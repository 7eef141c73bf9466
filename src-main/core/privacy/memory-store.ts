import type Database from 'better-sqlite3';
import { ensureConversation } from '../conversations/ensure-conversation';
import { prepared } from '../store/prepared';

// Personal memory: facts the person asked Homelane to remember. They live in
// the local database only and are private by definition — a request that
// uses them is private, so only local or LAN lanes ever see them.

export interface MemoryFact {
  id: number;
  fact: string;
  createdAt: string;
  conversationId: string | null;
}

export const MAX_FACT_LENGTH = 2000;

export class MemoryError extends Error {
  constructor(
    readonly code: 'empty' | 'too_long' | 'not_found',
    message: string,
  ) {
    super(message);
    this.name = 'MemoryError';
  }
}

interface Row {
  id: number;
  fact: string;
  created_at: string;
  conversation_id: string | null;
}

/** The fact as stored: trimmed, not empty, not too long. */
function checkedFact(fact: string): string {
  const text = fact.trim();
  if (text === '') throw new MemoryError('empty', 'There is nothing to remember.');
  if (text.length > MAX_FACT_LENGTH) {
    throw new MemoryError('too_long', `A fact is at most ${MAX_FACT_LENGTH} characters.`);
  }
  return text;
}

export class MemoryStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  add(fact: string, conversationId: string | null = null): MemoryFact {
    const text = checkedFact(fact);
    const createdAt = this.now().toISOString();
    if (conversationId !== null) ensureConversation(this.db, conversationId, createdAt);
    const result = this.db
      .prepare('INSERT INTO memory (fact, created_at, conversation_id) VALUES (?, ?, ?)')
      .run(text, createdAt, conversationId);
    return { id: Number(result.lastInsertRowid), fact: text, createdAt, conversationId };
  }

  list(): MemoryFact[] {
    // Read on every chat request: the statement is prepared once per connection.
    return prepared<[], Row>(
      this.db,
      'SELECT id, fact, created_at, conversation_id FROM memory ORDER BY id',
    )
      .all()
      .map((row) => ({
        id: row.id,
        fact: row.fact,
        createdAt: row.created_at,
        conversationId: row.conversation_id,
      }));
  }

  /** Replaces a fact's text; its date and conversation stay. */
  update(id: number, fact: string): MemoryFact {
    const text = checkedFact(fact);
    const result = this.db.prepare('UPDATE memory SET fact = ? WHERE id = ?').run(text, id);
    if (result.changes === 0)
      throw new MemoryError('not_found', `There is no remembered fact #${id}.`);
    const row = this.db
      .prepare('SELECT id, fact, created_at, conversation_id FROM memory WHERE id = ?')
      .get(id) as Row;
    return {
      id: row.id,
      fact: row.fact,
      createdAt: row.created_at,
      conversationId: row.conversation_id,
    };
  }

  remove(id: number): void {
    const result = this.db.prepare('DELETE FROM memory WHERE id = ?').run(id);
    if (result.changes === 0)
      throw new MemoryError('not_found', `There is no remembered fact #${id}.`);
  }
}
