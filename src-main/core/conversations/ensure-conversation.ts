import type Database from 'better-sqlite3';
import { prepared } from '../store/prepared';

const INSERT = 'INSERT INTO conversations (id, created_at, updated_at) VALUES (?, ?, ?)';
const KEEP = `${INSERT} ON CONFLICT(id) DO NOTHING`;
const TOUCH = `${INSERT} ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at`;

/**
 * Makes sure a conversation row exists (records, messages, memory and taint
 * all point at one); `touch` also moves its `updated_at` to `at`.
 */
export function ensureConversation(
  db: Database.Database,
  id: string,
  at: string,
  touch = false,
): void {
  prepared(db, touch ? TOUCH : KEEP).run(id, at, at);
}
