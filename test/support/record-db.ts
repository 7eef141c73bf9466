import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import { RecordStore } from '../../src-main/core/replay/record-store';
import { openDatabase } from '../../src-main/core/store/database';
import { makeTempDir } from './temp-dir';

/**
 * A fresh database file made by the production migrations for each test,
 * with its record store; closed and removed after it. Read the fields
 * inside tests (they change before each one).
 */
export function useRecordDatabase(): { db: Database.Database; store: RecordStore; dir: string } {
  const current = {} as { db: Database.Database; store: RecordStore; dir: string };
  let cleanup = () => {};
  beforeEach(() => {
    const temp = makeTempDir();
    current.dir = temp.dir;
    current.db = openDatabase(join(temp.dir, 'homelane.db'));
    current.store = new RecordStore(current.db);
    cleanup = () => {
      current.db.close();
      temp.cleanup();
    };
  });
  afterEach(() => cleanup());
  return current;
}
