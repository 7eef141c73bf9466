import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { createLogger } from '../logger';
import type { Migration } from './migration';
import { MIGRATIONS } from './migrations/index';
import { sqliteBindingOptions } from './sqlite-binding';

const log = createLogger('store');

// Homelane's database in the data folder: WAL, foreign keys, a busy timeout,
// an integrity check when it opens, and numbered migrations tracked in
// `user_version`. A file that is corrupt or from a newer Homelane is refused
// with a clear error and left untouched.

export const DATABASE_FILE = 'homelane.db';

export type StoreErrorCode = 'corrupt' | 'too_new' | 'locked' | 'unopenable';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

export interface OpenOptions {
  migrations?: readonly Migration[];
  readonly?: boolean;
  /** Skip the integrity check (only for opening a damaged file read-only). */
  skipCheck?: boolean;
}

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE);
}

/** Opens (creating if needed) and migrates the database at `file`. */
export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  const migrations = options.migrations ?? MIGRATIONS;
  let db: Database.Database;
  try {
    if (!options.readonly) mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, {
      readonly: options.readonly === true,
      fileMustExist: options.readonly === true,
      ...sqliteBindingOptions(),
    });
  } catch (error) {
    throw new StoreError(
      'unopenable',
      file,
      `The database ${file} cannot be opened: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  try {
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // In WAL mode NORMAL loses no committed transaction when the process dies
      // (only, at worst, the last ones on a power cut) and never corrupts.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    const check = options.skipCheck ? 'ok' : db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new StoreError(
        'corrupt',
        file,
        `The database ${file} is damaged (${String(check)}); it was left as it is.`,
      );
    }
    const current = db.pragma('user_version', { simple: true }) as number;
    const latest = migrations.at(-1)?.version ?? 0;
    if (current > latest) {
      throw new StoreError(
        'too_new',
        file,
        `The database ${file} is at schema ${current}, newer than this Homelane knows (${latest}); update Homelane. The file was left as it is.`,
      );
    }
    if (!options.readonly) migrate(db, migrations, current);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    const message = (error as Error).message;
    if (/not a database|malformed|file is encrypted/i.test(message)) {
      throw new StoreError(
        'corrupt',
        file,
        `The database ${file} is damaged (${message}); it was left as it is.`,
        {
          cause: error,
        },
      );
    }
    if (/database is locked|SQLITE_BUSY/i.test(message)) {
      throw new StoreError(
        'locked',
        file,
        `The database ${file} is locked by another program (another Homelane?).`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

/**
 * Applies the migrations newer than `from`, each in its own transaction.
 * Foreign keys are off while one runs (a table rebuilt the way SQLite's
 * ALTER TABLE guide says would otherwise fire its ON DELETE actions) and
 * every reference is checked before it commits.
 */
function migrate(db: Database.Database, migrations: readonly Migration[], from: number): void {
  const pending = migrations.filter((migration) => migration.version > from);
  if (pending.length === 0) return;
  db.pragma('foreign_keys = OFF');
  try {
    for (const migration of pending) {
      db.transaction(() => {
        migration.up(db);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) {
          throw new Error(
            `migration ${migration.version} (${migration.name}) left ${broken.length} broken references`,
          );
        }
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
      log.info({ version: migration.version, name: migration.name }, 'database migrated');
    }
  } finally {
    db.pragma('foreign_keys = ON');
  }
}
