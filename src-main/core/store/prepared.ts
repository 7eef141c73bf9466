import type Database from 'better-sqlite3';

// Statements prepared once per connection and SQL text, then reused: a
// server runs the same few statements on every request, and preparing one
// costs more than running it.

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function prepared<Params extends unknown[] = unknown[], Row = unknown>(
  db: Database.Database,
  sql: string,
): Database.Statement<Params, Row> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement as Database.Statement<Params, Row>;
}
