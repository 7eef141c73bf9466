import type Database from 'better-sqlite3';
import { createLogger } from '../logger';
import { StoreError, openDatabase } from './database';
import { MIGRATIONS } from './migrations/index';

const log = createLogger('store');

// How the app opens its database: read-write when it can; when the file is
// damaged or locked by another program, read-only instead, so the person can
// still read and export what it holds while nothing is written to it. A file
// from a newer Homelane, one at an older schema (it would need migrating) and
// one that cannot be read at all are still refused.

export interface OpenedStore {
  db: Database.Database;
  readOnly: boolean;
  /** Why the store is read-only; null when it is not. */
  problem: StoreError | null;
}

export function openStore(file: string): OpenedStore {
  try {
    return { db: openDatabase(file), readOnly: false, problem: null };
  } catch (error) {
    if (!(error instanceof StoreError) || (error.code !== 'corrupt' && error.code !== 'locked'))
      throw error;
    let db: Database.Database;
    try {
      db = openDatabase(file, { readonly: true, skipCheck: error.code === 'corrupt' });
    } catch {
      throw error;
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== MIGRATIONS.at(-1)?.version) {
      db.close();
      throw error;
    }
    log.warn({ file, code: error.code }, 'database opened read-only');
    return { db, readOnly: true, problem: error };
  }
}
