import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { ApiError } from '../../contract';
import type { ReplayImport, ReplayImportInput, ReplayImports } from '../../contract';
import {
  ImportError,
  importDatabasePath,
  importJsonl,
  importName,
  readExportHeader,
} from '../replay/import-jsonl';
import { RecordStore } from '../replay/record-store';
import { StoreError, openDatabase } from '../store/database';
import type { ServiceContext } from './context';

// `replay.import` and `replay.imports`: a JSONL export picked in the UI goes
// into a database of its own under `<data-dir>/imports/`, as `homelane
// replay import` does it — never into this machine's own records — and the
// imported sets are listed for the Replay page, which reads one by name.

function importsFolder(ctx: ServiceContext): string {
  return join(ctx.dataDir, 'imports');
}

/** Locations name the picked file, not the temporary copy the importer read. */
function renamed(message: string, from: string, to: string): string {
  return message.split(from).join(to);
}

export async function importReplay(
  ctx: ServiceContext,
  input: ReplayImportInput,
): Promise<ReplayImport> {
  const name = importName(input.fileName);
  const copy = join(tmpdir(), `homelane-import-${randomBytes(6).toString('hex')}.jsonl`);
  await writeFile(copy, input.text, { encoding: 'utf8', flag: 'wx' });
  try {
    // The header first: a file that is not an export creates no database.
    await readExportHeader(copy);
    const db = openDatabase(importDatabasePath(ctx.dataDir, name));
    try {
      const report = await importJsonl(copy, new RecordStore(db));
      return {
        name,
        fileName: input.fileName,
        exportedAt: report.header.exported_at,
        appVersion: report.header.source.app_version,
        read: report.read,
        imported: report.imported,
        skipped: report.skipped,
        rejected: report.rejected,
        problems: report.problems.map((problem) => ({
          ...problem,
          problem: renamed(problem.problem, copy, input.fileName),
        })),
      };
    } finally {
      db.close();
    }
  } catch (error) {
    if (error instanceof ImportError) {
      throw new ApiError('invalid_input', renamed(error.message, copy, input.fileName), {
        code: error.code,
      });
    }
    if (error instanceof StoreError) throw new ApiError('unavailable', error.message);
    throw error;
  } finally {
    await rm(copy, { force: true });
  }
}

/** Opens an import by name, read-only; the caller closes it. */
export function openImportDatabase(ctx: ServiceContext, name: string): Database.Database {
  let file: string;
  try {
    file = importDatabasePath(ctx.dataDir, name);
  } catch (error) {
    if (error instanceof ImportError) throw new ApiError('invalid_input', error.message);
    throw error;
  }
  if (!existsSync(file)) throw new ApiError('not_found', `There is no import named "${name}".`);
  try {
    return openDatabase(file, { readonly: true });
  } catch (error) {
    if (error instanceof StoreError) throw new ApiError('unavailable', error.message);
    throw error;
  }
}

/** Runs `read` on an import's records and closes it after. */
export function withImport<T>(
  ctx: ServiceContext,
  name: string,
  read: (db: Database.Database) => T,
): T {
  const db = openImportDatabase(ctx, name);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function listImports(ctx: ServiceContext): ReplayImports {
  const folder = importsFolder(ctx);
  if (!existsSync(folder)) return { imports: [] };
  const names = readdirSync(folder)
    .filter((file) => file.endsWith('.db') && !file.startsWith('.'))
    .map((file) => file.slice(0, -3))
    .sort();
  return {
    imports: names.map((name) => {
      const importedAt = statSync(join(folder, `${name}.db`)).mtime.toISOString();
      try {
        const records = withImport(ctx, name, (db) => RecordStore.of(db).count());
        return { name, records, importedAt, problem: null };
      } catch (error) {
        return { name, records: 0, importedAt, problem: (error as Error).message };
      }
    }),
  };
}
