import { createReadStream } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { createLogger } from '../logger';
import { EXPORT_FORMAT, EXPORT_VERSION } from './export-jsonl';
import type { ExportHeader } from './export-jsonl';
import type { RecordStore } from './record-store';
import { RoutingRecordSchema } from './record-schema';
import type { RoutingRecord } from './record-types';

// Reads a JSONL export line by line into a record store — the caller's
// separate import database, never the machine's own. The header is checked
// first (a newer format version is refused before anything is written); then
// every record is validated on its own: a bad line is reported as
// `file:line: field: problem` and the good ones around it are still imported.
// A record whose id is already in the store is skipped, so importing the same
// file twice adds nothing.

const log = createLogger('replay-import');

/** Problems kept for the report; the rest are only counted. */
const MAX_PROBLEMS = 1000;
const BATCH = 500;

export type ImportErrorCode =
  'unreadable' | 'empty' | 'not_an_export' | 'too_new' | 'bad_header' | 'bad_name';

/** The file as a whole cannot be imported (nothing was written), or an import name is unusable. */
export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ImportError';
  }
}

export interface ImportProblem {
  line: number;
  field: string;
  problem: string;
}

export interface ImportReport {
  file: string;
  header: ExportHeader;
  /** Record lines read after the header (blank lines are not counted). */
  read: number;
  imported: number;
  /** Already present (same id). */
  skipped: number;
  /** Lines refused; their reasons are in `problems`. */
  rejected: number;
  /** At most the first 1000 problems; a rejected line may have several. */
  problems: ImportProblem[];
}

const HeaderSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int().positive(),
  exported_at: z.iso.datetime({ offset: true }),
  source: z.object({
    app_version: z.string(),
    schema_version: z.number().int().nonnegative(),
  }),
  count: z.number().int().nonnegative(),
});

/** `file:line: field: problem`, as people and editors read locations. */
export function formatProblem(file: string, problem: ImportProblem): string {
  return `${file}:${problem.line}: ${problem.field}: ${problem.problem}`;
}

function issuesOf(error: z.ZodError, line: number): ImportProblem[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        line,
        field: at ? `${at}.${key}` : key,
        problem: 'a field this Homelane does not know (exported by a newer Homelane?)',
      }));
    }
    return [{ line, field: at || 'record', problem: issue.message }];
  });
}

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: `not valid JSON (${(error as Error).message})` };
  }
}

function checkHeader(file: string, text: string): ExportHeader {
  const parsed = parseJson(text.replace(/^\uFEFF/, ''));
  const value = 'value' in parsed ? parsed.value : undefined;
  const fields =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  if (fields['format'] !== EXPORT_FORMAT) {
    throw new ImportError(
      'not_an_export',
      file,
      `${file}:1: format: this is not a Homelane replay export (its first line must be the export's header).`,
    );
  }
  const version = fields['version'];
  if (typeof version === 'number' && version > EXPORT_VERSION) {
    throw new ImportError(
      'too_new',
      file,
      `${file}:1: version: the export is format version ${version}, newer than this Homelane reads (${EXPORT_VERSION}); update Homelane to import it.`,
    );
  }
  const header = HeaderSchema.safeParse(value);
  if (!header.success) {
    const first = issuesOf(header.error, 1)[0];
    throw new ImportError(
      'bad_header',
      file,
      `${file}:1: ${first?.field ?? 'header'}: ${first?.problem ?? 'the header is not valid'}`,
    );
  }
  return header.data;
}

/** The file's lines with their numbers; a file that cannot be read is an ImportError. */
async function* numberedLines(file: string): AsyncGenerator<[number, string], void, undefined> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const line of lines) {
      number += 1;
      yield [number, line];
    }
  } catch (error) {
    throw new ImportError(
      'unreadable',
      file,
      `${file} cannot be read: ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    lines.close();
    input.destroy();
  }
}

/** Reads and checks the first line only: what the file is, before anything is written. */
export async function readExportHeader(file: string): Promise<ExportHeader> {
  for await (const [, line] of numberedLines(file)) return checkHeader(file, line);
  throw new ImportError('empty', file, `${file} is empty: there is no export header.`);
}

/** Imports every valid record of the export at `file` into `store`. */
export async function importJsonl(file: string, store: RecordStore): Promise<ImportReport> {
  let header: ExportHeader | undefined;
  const counts: Omit<ImportReport, 'header'> = {
    file,
    read: 0,
    imported: 0,
    skipped: 0,
    rejected: 0,
    problems: [],
  };
  const reject = (problems: ImportProblem[]) => {
    counts.rejected += 1;
    counts.problems.push(...problems.slice(0, MAX_PROBLEMS - counts.problems.length));
  };
  let batch: { line: number; record: RoutingRecord }[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    try {
      const inserted = store.insertImported(batch.map((entry) => entry.record));
      counts.imported += inserted;
      counts.skipped += batch.length - inserted;
    } catch {
      // One record the database refuses must not cost the others: retry one by one.
      for (const entry of batch) {
        try {
          const inserted = store.insertImported([entry.record]);
          counts.imported += inserted;
          counts.skipped += 1 - inserted;
        } catch (error) {
          reject([{ line: entry.line, field: 'record', problem: (error as Error).message }]);
        }
      }
    }
    batch = [];
  };

  for await (const [number, text] of numberedLines(file)) {
    if (!header) {
      header = checkHeader(file, text);
      continue;
    }
    if (text.trim() === '') continue;
    counts.read += 1;
    const parsed = parseJson(text);
    if ('error' in parsed) {
      reject([{ line: number, field: 'record', problem: parsed.error }]);
      continue;
    }
    const record = RoutingRecordSchema.safeParse(parsed.value);
    if (!record.success) {
      reject(issuesOf(record.error, number));
      continue;
    }
    batch.push({ line: number, record: record.data });
    if (batch.length >= BATCH) flush();
  }
  flush();
  if (!header) throw new ImportError('empty', file, `${file} is empty: there is no export header.`);
  log.info(
    { file, imported: counts.imported, skipped: counts.skipped, rejected: counts.rejected },
    'replay export imported',
  );
  return { ...counts, header };
}

/** A name for an import database from the export's file name: letters, digits, `.`, `_`, `-`. */
export function importName(file: string): string {
  const stem = basename(file).replace(/\.(jsonl|ndjson|json)$/i, '');
  const safe = stem.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '');
  return safe === '' ? 'import' : safe;
}

const NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** `<data-dir>/imports/<name>.db`, where imports live apart from the machine's own records. */
export function importDatabasePath(dataDir: string, name: string): string {
  if (!NAME.test(name)) {
    throw new ImportError(
      'bad_name',
      name,
      `"${name}" is not an import name: use letters, digits, ".", "_" and "-" (the name import printed).`,
    );
  }
  return join(dataDir, 'imports', `${name}.db`);
}
