import { SEQ_SHIFT } from '../store/migrations/005-records-in-time-order';
import type { RoutingRecord } from './record-types';

// The filters of a record listing as SQL over `routing_records r`: equality
// filters, time bounds as a range of `seq` (the time order), and full-text
// search through FTS5, which then drives the query.

export interface RecordFilters {
  /** Full-text search over the prompt, the decision and the alias. */
  text?: string;
  decision?: string;
  model?: string;
  lane?: string;
  locality?: 'local' | 'lan' | 'cloud';
  private?: boolean;
  status?: RoutingRecord['lifecycle_state'];
  conversation?: string;
  /** ISO times, inclusive. */
  from?: string;
  to?: string;
}

export const SEQ_PER_MS = 2 ** SEQ_SHIFT;

/** The first `seq` of a millisecond. */
export function seqOf(ms: number): number {
  return ms * SEQ_PER_MS;
}

/** FTS5 query syntax from plain words: each word quoted, all must occur. */
function ftsQuery(text: string): string {
  return (text.match(/[\p{L}\p{N}_@.-]+/gu) ?? [])
    .map((word) => `"${word.replaceAll('"', '""')}"`)
    .join(' ');
}

/** Time bounds as a `seq` range: ISO times, both inclusive, to the millisecond. */
function timeRange(
  filters: RecordFilters,
  seq: string,
  where: string[],
  params: Record<string, unknown>,
): void {
  if (filters.from !== undefined) {
    where.push(`${seq} >= @from_seq`);
    params['from_seq'] = seqOf(Date.parse(filters.from));
  }
  if (filters.to !== undefined) {
    where.push(`${seq} < @to_seq`);
    params['to_seq'] = seqOf(Date.parse(filters.to) + 1);
  }
}

/**
 * The WHERE conditions of the filters, over `routing_records r`. Booleans
 * are written into the SQL, so the planner can use the partial index of
 * private records.
 */
function whereOf(
  filters: RecordFilters,
  seq: string,
): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const equal = (column: string, value: unknown) => {
    where.push(`r.${column} = @${column}`);
    params[column] = value;
  };
  if (filters.decision !== undefined) equal('decision', filters.decision);
  if (filters.model !== undefined) equal('selected_model', filters.model);
  if (filters.lane !== undefined) equal('lane_id', filters.lane);
  if (filters.locality !== undefined) equal('locality', filters.locality);
  if (filters.private !== undefined) where.push(`r.private = ${filters.private ? 1 : 0}`);
  if (filters.status !== undefined) equal('lifecycle_state', filters.status);
  if (filters.conversation !== undefined) equal('conversation_id', filters.conversation);
  timeRange(filters, seq, where, params);
  return { where, params };
}

/** The FTS5 query of the text filter, or undefined when there is none (or no word in it). */
function textQuery(filters: RecordFilters): string | undefined {
  if (!filters.text) return undefined;
  const query = ftsQuery(filters.text);
  return query === '' ? undefined : query;
}

/**
 * A filtered query over the records. With a text filter the full-text index
 * drives (it yields its matches newest first, so a page reads only as many
 * as it shows); otherwise SQLite picks an index or walks the table. `seq`
 * names the time-order column to bound and sort by.
 */
export function filtered(
  filters: RecordFilters,
  select: string,
): { from: string; seq: string; where: string[]; params: Record<string, unknown> } {
  const text = textQuery(filters);
  const seq = text === undefined ? 'r.seq' : 'f.rowid';
  const { where, params } = whereOf(filters, seq);
  if (text === undefined)
    return { from: `SELECT ${select} FROM routing_records r`, seq, where, params };
  params['fts'] = text;
  return {
    from: `SELECT ${select} FROM routing_records_fts f CROSS JOIN routing_records r ON r.seq = f.rowid`,
    seq,
    where: ['routing_records_fts MATCH @fts', ...where],
    params,
  };
}

export const whereClause = (where: readonly string[]) =>
  where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
