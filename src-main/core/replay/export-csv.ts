import type { RecordFilters, RecordStore } from './record-store';
import { RECORD_FIELDS } from './record-schema';
import type { RoutingRecord } from './record-types';

// The spreadsheet export: a header row, then one row per record, quoted as
// RFC 4180 says (CRLF between rows; a field holding a comma, a quote, CR or LF
// is quoted and its quotes doubled). It is for reading, not for importing
// back — the JSONL export is the lossless one. Choices:
//   - the routing trace is left out (nested internals; the JSONL keeps it);
//   - signals, privacy_reasons and fallback_chain are compact JSON in their
//     own columns;
//   - null is an empty cell, booleans are `true` / `false`, numbers as JSON
//     writes them;
//   - a text cell that a spreadsheet would run as a formula (starting with
//     =, +, -, @, tab or CR) gets a leading `'`, so an exported prompt can
//     never execute anything when the file is opened.

const OMITTED: readonly (keyof RoutingRecord)[] = ['trace'];
const JSON_FIELDS: ReadonlySet<keyof RoutingRecord> = new Set([
  'signals',
  'privacy_reasons',
  'fallback_chain',
]);

export const CSV_COLUMNS: readonly (keyof RoutingRecord)[] = RECORD_FIELDS.filter(
  (field) => !OMITTED.includes(field),
);

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, quoted when it must be. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function cellText(field: keyof RoutingRecord, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (JSON_FIELDS.has(field)) return JSON.stringify(value);
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One row, without its line end. */
export function csvRow(record: RoutingRecord): string {
  return CSV_COLUMNS.map((field) => csvField(cellText(field, record[field]))).join(',');
}

/** The header row, then one row per record; every line ends with CRLF. */
export function* csvLines(
  store: RecordStore,
  filters: RecordFilters = {},
): Generator<string, void, undefined> {
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  for (const record of store.all(filters)) yield `${csvRow(record)}\r\n`;
}
