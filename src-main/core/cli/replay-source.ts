import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { ImportError, importDatabasePath } from '../replay/import-jsonl';
import { defaultDataDir, prepareDataDir } from '../services/data-dir';
import { StoreError, openDatabase } from '../store/database';
import { MIGRATIONS } from '../store/migrations/index';
import type { CliIo } from './io';
import { CliExit } from './load-router';
import { openAppDatabase } from './open-database';

// Which database a `homelane replay` command reads: this machine's (read-only
// when it is damaged or locked), an import (`--from-import NAME`) or any copy
// (`--db FILE`). Other databases are never changed.

export interface ReplayOptions {
  dataDir?: string;
  db?: string;
  fromImport?: string;
  json?: boolean;
}

const LATEST_SCHEMA = MIGRATIONS.at(-1)?.version ?? 0;

export const dataDirOf = (dataDir: string | undefined) =>
  prepareDataDir(resolve(dataDir ?? defaultDataDir()));

/**
 * An import database or another machine's copy, read-only; it must exist.
 * One written by an earlier Homelane is read through a migrated copy in a
 * temporary folder, so the file itself is never changed.
 */
function openOtherDatabase(file: string, io: CliIo, command: string): Database.Database {
  if (!existsSync(file)) {
    io.err(`homelane replay ${command}: there is no database ${file}\n`);
    throw new CliExit(1);
  }
  try {
    const db = openDatabase(file, { readonly: true });
    if ((db.pragma('user_version', { simple: true }) as number) >= LATEST_SCHEMA) return db;
    db.close();
    const copy = mkdtempSync(join(tmpdir(), 'homelane-replay-'));
    process.once('exit', () => rmSync(copy, { recursive: true, force: true }));
    for (const suffix of ['', '-wal']) {
      if (existsSync(`${file}${suffix}`))
        copyFileSync(`${file}${suffix}`, join(copy, `replay.db${suffix}`));
    }
    io.err(
      `homelane replay ${command}: ${file} is from an earlier Homelane; reading a migrated copy (the file is unchanged)\n`,
    );
    return openDatabase(join(copy, 'replay.db'));
  } catch (error) {
    if (error instanceof StoreError) {
      io.err(`homelane replay ${command}: ${error.message} [${error.code}]\n`);
      throw new CliExit(1);
    }
    throw error;
  }
}

export function openSource(options: ReplayOptions, io: CliIo, command: string): Database.Database {
  if (options.db !== undefined && options.fromImport !== undefined) {
    io.err(`homelane replay ${command}: give --db or --from-import, not both\n`);
    throw new CliExit(2);
  }
  if (options.db !== undefined) return openOtherDatabase(resolve(options.db), io, command);
  if (options.fromImport !== undefined) {
    let file: string;
    try {
      file = importDatabasePath(dataDirOf(options.dataDir), options.fromImport);
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      io.err(`homelane replay ${command}: ${error.message} [${error.code}]\n`);
      throw new CliExit(2);
    }
    return openOtherDatabase(file, io, command);
  }
  return openAppDatabase(options.dataDir, io, 'replay', { readOnlyFallback: true });
}
