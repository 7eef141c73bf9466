import type Database from 'better-sqlite3';

const statements = new WeakMap<
  Database.Database,
  { keep: Database.Statement; touch: Database.Statement }
>();

/**
 * Makes sure a conversation row exists (records, messages, memory and taint
 * all point at one); `touch` also moves its `updated_at` to `at`. The two
 * statements are prepared once per database.
 */
export function ensureConversation(
  db: Database.Database,
  id: string,
  at: string,
  touch = false,
): void {
  let prepared = statements.get(db);
  if (!prepared) {
    const insert = 'INSERT INTO conversations (id, created_at, updated_at) VALUES (?, ?, ?)';
    prepared = {
      keep: db.prepare(`${insert} ON CONFLICT(id) DO NOTHING`),
      touch: db.prepare(`${insert} ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at`),
    };
    statements.set(db, prepared);
  }
  (touch ? prepared.touch : prepared.keep).run(id, at, at);
}
