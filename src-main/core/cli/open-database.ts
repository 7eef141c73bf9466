import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { defaultDataDir, prepareDataDir } from '../services/data-dir';
import { StoreError, databasePath, openDatabase } from '../store/database';
import { openStore } from '../store/open-store';
import type { CliIo } from './io';
import { CliExit } from './load-router';

/**
 * The data folder's database for a command; a clear message and exit 1 when
 * it cannot be used. Commands that only read may take a damaged or locked
 * file read-only (with a warning) instead.
 */
export function openAppDatabase(
  dataDir: string | undefined,
  io: CliIo,
  command: string,
  options: { readOnlyFallback?: boolean } = {},
): Database.Database {
  const file = databasePath(prepareDataDir(resolve(dataDir ?? defaultDataDir())));
  try {
    if (!options.readOnlyFallback) return openDatabase(file);
    const opened = openStore(file);
    if (opened.problem) {
      io.err(
        `homelane ${command}: ${opened.problem.message} [${opened.problem.code}] — opened read-only; nothing will be written to it\n`,
      );
    }
    return opened.db;
  } catch (error) {
    if (error instanceof StoreError) {
      io.err(`homelane ${command}: ${error.message} [${error.code}]\n`);
      throw new CliExit(1);
    }
    throw error;
  }
}
