import type { Migration } from '../migration';

// The messages of a conversation, in order: who said it, the text, and for
// answers the model and lane that gave them, the decision, the tokens and
// whether the answer is complete or a partial one kept after a failure.
export const migration004: Migration = {
  version: 4,
  name: 'messages',
  up(db) {
    db.exec(`
      CREATE TABLE messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
        content TEXT NOT NULL,
        attachments TEXT NOT NULL DEFAULT '[]',
        model TEXT,
        lane_id TEXT,
        decision TEXT,
        record_id TEXT REFERENCES routing_records(id) ON DELETE SET NULL,
        prompt_tokens INTEGER,
        completion_tokens INTEGER,
        status TEXT NOT NULL DEFAULT 'complete' CHECK (status IN ('complete', 'partial', 'failed'))
      );
      CREATE INDEX messages_conversation ON messages (conversation_id, id);
    `);
  },
};
