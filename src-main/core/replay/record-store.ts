import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import { SEQ_SHIFT } from '../store/migrations/005-records-in-time-order';
import { prepared } from '../store/prepared';
import { ensureConversation } from '../conversations/ensure-conversation';
import type { RecordOutcome, RoutingRecord } from './record-types';

// Routing records in the app's database: written when a request is routed,
// completed when its answer ends, listed newest first with filters and
// keyset pagination (a page never shifts when new records arrive), searched
// with FTS5, and kept within the decision's `max_records`. Exports read them
// all a page at a time; imports add records as they were, skipping known ids.
//
// A record's `seq` (its rowid) is its creation millisecond shifted left by
// SEQ_SHIFT bits plus a counter, so newest-first is rowid order: every
// filter index and the full-text index hand out rows already sorted by time
// and a page stops after its last row.

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

export interface RecordPage {
  records: RoutingRecord[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  next_cursor: string | null;
}

type Row = Record<string, unknown>;

const JSON_COLUMNS = ['privacy_reasons', 'fallback_chain', 'signals'] as const;
const BOOLEAN_COLUMNS = [
  'private',
  'streaming',
  'prompt_truncated',
  'request_body_truncated',
  'response_body_truncated',
] as const;

/** The value stored in `column` for a record. */
function columnValue(record: RoutingRecord, column: string): unknown {
  if (column === 'guard_rerouted')
    return record.privacy_reasons.some((reason) => reason.kind === 'guard_reroute') ? 1 : 0;
  const value = (record as unknown as Row)[column];
  if ((JSON_COLUMNS as readonly string[]).includes(column)) return JSON.stringify(value);
  if ((BOOLEAN_COLUMNS as readonly string[]).includes(column)) return value ? 1 : 0;
  return value ?? null;
}

function fromRow(row: Row, trace: Record<string, unknown>): RoutingRecord {
  const record: Row = { ...row };
  delete record['seq'];
  delete record['guard_rerouted'];
  for (const column of JSON_COLUMNS) record[column] = JSON.parse(String(row[column]));
  for (const column of BOOLEAN_COLUMNS) record[column] = row[column] === 1;
  record['trace'] = trace;
  return record as unknown as RoutingRecord;
}

/** Traces are stored deflated; records written under schema 2 kept plain JSON text. */
function packTrace(trace: Record<string, unknown>): Buffer {
  return deflateRawSync(JSON.stringify(trace), { level: 1 });
}

function unpackTrace(stored: unknown): Record<string, unknown> {
  if (stored === undefined || stored === null) return {};
  const text = Buffer.isBuffer(stored) ? inflateRawSync(stored).toString('utf8') : String(stored);
  return JSON.parse(text) as Record<string, unknown>;
}

const SEQ_PER_MS = 2 ** SEQ_SHIFT;

/** The first `seq` of a millisecond. */
export function seqOf(ms: number): number {
  return ms * SEQ_PER_MS;
}

function encodeCursor(seq: number): string {
  return Buffer.from(`s${seq}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^s\d{1,19}$/.test(text))
    throw new RecordStoreError('bad_cursor', 'The page cursor is not one this store gave out.');
  return Number(text.slice(1));
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
function filtered(
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

const whereClause = (where: readonly string[]) =>
  where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';

export class RecordStoreError extends Error {
  constructor(
    readonly code: 'bad_cursor' | 'not_found' | 'full',
    message: string,
  ) {
    super(message);
    this.name = 'RecordStoreError';
  }
}

/** One store per connection, so its prepared statements outlive a request. */
const STORES = new WeakMap<Database.Database, RecordStore>();

export class RecordStore {
  /** The store of `db`, made once: a server asks for it on every request. */
  static of(db: Database.Database): RecordStore {
    let store = STORES.get(db);
    if (!store) {
      store = new RecordStore(db);
      STORES.set(db, store);
    }
    return store;
  }

  /** The columns a record fills: all but `seq`, which the insert works out. */
  private readonly columns: string[];

  /** The connection this store writes to. */
  get database(): Database.Database {
    return this.db;
  }

  constructor(private readonly db: Database.Database) {
    this.columns = (db.prepare('PRAGMA table_info(routing_records)').all() as { name: string }[])
      .map((column) => column.name)
      .filter((name) => name !== 'seq');
  }

  /** Statements are prepared once per connection and SQL text, and reused. */
  private statement(sql: string): Database.Statement {
    return prepared(this.db, sql);
  }

  insert(record: RoutingRecord, maxRecords?: number): void {
    // seq: the next free one of the record's millisecond, found by the insert itself.
    const insert = this.statement(
      `INSERT INTO routing_records (seq, ${this.columns.join(', ')})
       SELECT coalesce(max(seq) + 1, ?), ${this.columns.map(() => '?').join(', ')}
         FROM routing_records WHERE seq >= ? AND seq < ?`,
    );
    const base = seqOf(Date.parse(record.created_at));
    const values: unknown[] = [base];
    for (const column of this.columns) values.push(columnValue(record, column));
    values.push(base, base + SEQ_PER_MS);
    const trace = packTrace(record.trace);
    const write = () => {
      if (record.conversation_id) {
        ensureConversation(this.db, record.conversation_id, record.created_at);
      }
      const seq = Number(insert.run(values).lastInsertRowid);
      if (seq >= base + SEQ_PER_MS) {
        // Thrown inside the transaction: the row above is rolled back with it.
        throw new RecordStoreError(
          'full',
          `More than ${SEQ_PER_MS} records share the millisecond ${record.created_at}; ${record.id} was not stored.`,
        );
      }
      this.statement('INSERT INTO routing_traces (seq, trace) VALUES (?, ?)').run(seq, trace);
      if (maxRecords !== undefined && record.decision !== null)
        this.trimDecision(record.decision, maxRecords);
    };
    // Inside a caller's transaction (a batch, an import) a nested one would cost a savepoint.
    if (this.db.inTransaction) write();
    else this.db.transaction(write)();
  }

  private rowsToRecords(rows: readonly Row[]): RoutingRecord[] {
    const read = this.statement('SELECT trace FROM routing_traces WHERE seq = ?');
    return rows.map((row) => {
      const stored = read.get(row['seq']) as { trace: unknown } | undefined;
      return fromRow(row, unpackTrace(stored?.trace));
    });
  }

  /** Fills in how the request ended. */
  finish(id: string, outcome: RecordOutcome, now = new Date()): void {
    const row: Row = { ...outcome, ended_at: now.toISOString() };
    if (outcome.fallback_chain) row['fallback_chain'] = JSON.stringify(outcome.fallback_chain);
    const names = Object.keys(row).filter((name) => this.columns.includes(name));
    const result = this.statement(
      `UPDATE routing_records SET ${names.map((name) => `${name} = @${name}`).join(', ')} WHERE id = @id`,
    ).run({ ...Object.fromEntries(names.map((name) => [name, row[name] ?? null])), id });
    if (result.changes === 0) throw new RecordStoreError('not_found', `There is no record ${id}.`);
  }

  markResponseTruncated(id: string): void {
    this.statement('UPDATE routing_records SET response_body_truncated = 1 WHERE id = ?').run(id);
  }

  get(id: string): RoutingRecord | undefined {
    const row = this.statement('SELECT * FROM routing_records WHERE id = ?').get(id) as
      Row | undefined;
    return row ? this.rowsToRecords([row])[0] : undefined;
  }

  list(filters: RecordFilters = {}, page: { limit?: number; cursor?: string } = {}): RecordPage {
    const limit = Math.min(Math.max(page.limit ?? 50, 1), 500);
    const query = filtered(filters, 'r.*');
    if (page.cursor) {
      query.where.push(`${query.seq} < @cursor_seq`);
      query.params['cursor_seq'] = decodeCursor(page.cursor);
    }
    const rows = this.statement(
      `${query.from} ${whereClause(query.where)} ORDER BY ${query.seq} DESC LIMIT ${limit + 1}`,
    ).all(query.params) as Row[];
    const more = rows.length > limit;
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    return {
      records: this.rowsToRecords(shown),
      next_cursor: more && last ? encodeCursor(Number(last['seq'])) : null,
    };
  }

  /** How many records match the filters. */
  count(filters: RecordFilters = {}): number {
    const query = filtered(filters, 'count(*) AS n');
    const row = this.statement(`${query.from} ${whereClause(query.where)}`).get(query.params) as {
      n: number;
    };
    return row.n;
  }

  /**
   * Every record matching the filters, newest first, read a page at a time
   * through the keyset cursor: never all of them in memory at once.
   */
  *all(filters: RecordFilters = {}, pageSize = 100): Generator<RoutingRecord, void, undefined> {
    let cursor: string | null = null;
    do {
      const page = this.list(filters, { limit: pageSize, ...(cursor ? { cursor } : {}) });
      yield* page.records;
      cursor = page.next_cursor;
    } while (cursor !== null);
  }

  has(id: string): boolean {
    return this.statement('SELECT 1 FROM routing_records WHERE id = ?').get(id) !== undefined;
  }

  /**
   * Stores records read from an export exactly as they are (no retention
   * trimming), in one transaction; a record whose id is already present is
   * left alone. Returns how many were new.
   */
  insertImported(records: readonly RoutingRecord[]): number {
    let inserted = 0;
    this.db.transaction(() => {
      for (const record of records) {
        if (this.has(record.id)) continue;
        this.insert(record);
        inserted += 1;
      }
    })();
    return inserted;
  }

  /**
   * Keeps the newest `maxRecords` of one decision. The rollups count the
   * decision's records cheaply; only when there are too many is the cut
   * found by walking the decision's index from the newest.
   */
  private trimDecision(decision: string, maxRecords: number): void {
    const counted = this.statement(
      'SELECT total(requests) AS n FROM record_rollups WHERE decision = ?',
    ).get(decision) as { n: number };
    if (counted.n <= maxRecords) return;
    const cut = this.statement(
      'SELECT seq FROM routing_records WHERE decision = ? ORDER BY seq DESC LIMIT 1 OFFSET ?',
    ).get(decision, maxRecords) as { seq: number } | undefined;
    if (cut === undefined) return;
    this.statement('DELETE FROM routing_records WHERE decision = ? AND seq <= ?').run(
      decision,
      cut.seq,
    );
  }
}
