import { closeSync, openSync, writeSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { RecordStore } from '../../src-main/core/replay/record-store';
import { openDatabase } from '../../src-main/core/store/database';
import { sampleRecord } from './sample-record';

/**
 * A database with records (and whatever `prepare` writes) whose status
 * index page is then overwritten with garbage: damaged, but its tables read.
 */
export function damagedDatabase(file: string, prepare?: (db: Database.Database) => void): string {
  const db = openDatabase(file);
  prepare?.(db);
  const store = new RecordStore(db);
  db.transaction(() => {
    for (let i = 0; i < 400; i++) {
      store.insert(
        sampleRecord({ created_at: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString() }),
      );
    }
  })();
  const { rootpage } = db
    .prepare("SELECT rootpage FROM sqlite_master WHERE name = 'routing_records_status'")
    .get() as { rootpage: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const handle = openSync(file, 'r+');
  // Keep the page's type byte; scramble its header and cells.
  writeSync(
    handle,
    Buffer.alloc(pageSize - 1, 0x5a),
    0,
    pageSize - 1,
    (rootpage - 1) * pageSize + 1,
  );
  closeSync(handle);
  return file;
}
