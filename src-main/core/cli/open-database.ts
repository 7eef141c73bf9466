import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { defaultDataDir, prepareDataDir } from '../services/data-dir';
import { StoreError, databasePath, openDatabase } from '../store/database';
import type { CliIo } from './io';
import { CliExit } from './load-router';

/** The data folder's database for a command; a clear message and exit 1 when it cannot be used. */
export function openAppDatabase(
  dataDir: string | undefined,
  io: CliIo,
  command: string,
): Database.Database {
  try {
    return openDatabase(databasePath(prepareDataDir(resolve(dataDir ?? defaultDataDir()))));
  } catch (error) {
    if (error instanceof StoreError) {
      io.err(`homelane ${command}: ${error.message} [${error.code}]\n`);
      throw new CliExit(1);
    }
    throw error;
  }
}
