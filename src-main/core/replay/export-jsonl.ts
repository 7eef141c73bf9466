import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { APP_VERSION } from '../version';
import type { RecordFilters, RecordStore } from './record-store';

// The lossless export: a header line naming the format and its version, then
// one routing record per line, every field as stored. JSON escapes newlines,
// so a record is always exactly one line. Records are read a page at a time
// and written as the sink accepts them, so an export of any size runs in
// little memory.
//
// Versioning: `version` changes only when a reader of the previous version
// would misread the file; a reader refuses a version newer than its own.

export const EXPORT_FORMAT = 'homelane-replay';
export const EXPORT_VERSION = 1;

export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  version: number;
  exported_at: string;
  source: { app_version: string; schema_version: number };
  /** Records that follow the header (matching the filters when the export began). */
  count: number;
}

export interface ExportOptions {
  filters?: RecordFilters;
  /** The database's schema version (its `user_version`). */
  schemaVersion: number;
  now?: Date;
}

/** The header, then one record per line; every line ends with `\n`. */
export function* jsonlLines(
  store: RecordStore,
  options: ExportOptions,
): Generator<string, void, undefined> {
  const filters = options.filters ?? {};
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exported_at: (options.now ?? new Date()).toISOString(),
    source: { app_version: APP_VERSION, schema_version: options.schemaVersion },
    count: store.count(filters),
  };
  yield `${JSON.stringify(header)}\n`;
  for (const record of store.all(filters)) yield `${JSON.stringify(record)}\n`;
}

/** Writes lines to a stream, waiting whenever it asks to; resolves with the line count. */
export async function writeLines(lines: Iterable<string>, out: Writable): Promise<number> {
  let written = 0;
  for (const line of lines) {
    if (!out.write(line)) await once(out, 'drain');
    written += 1;
  }
  return written;
}
