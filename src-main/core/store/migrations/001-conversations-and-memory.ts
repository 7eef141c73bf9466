import type { Migration } from '../migration';

// Conversations with their privacy state (taint survives restarts), and
// personal memory: facts the person asked Homelane to remember.
export const migration001: Migration = {
  version: 1,
  name: 'conversations and memory',
  up(db) {
    db.exec(`
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        title TEXT,
        -- once 1, never 0 again: a private message stays in the history
        private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
        privacy_reasons TEXT NOT NULL DEFAULT '[]',
        keep_local INTEGER NOT NULL DEFAULT 0 CHECK (keep_local IN (0, 1)),
        private_override INTEGER NOT NULL DEFAULT 0 CHECK (private_override IN (0, 1)),
        private_override_at TEXT
      );
      CREATE TABLE memory (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        fact TEXT NOT NULL CHECK (length(fact) > 0),
        created_at TEXT NOT NULL,
        conversation_id TEXT REFERENCES conversations(id) ON DELETE SET NULL
      );
    `);
  },
};
