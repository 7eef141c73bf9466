import type Database from 'better-sqlite3';
import { prepared } from '../store/prepared';
import { ensureConversation } from '../conversations/ensure-conversation';
import { SEQ_PER_MS, filtered, seqOf, whereClause } from './record-filters';
import type { RecordFilters } from './record-filters';
import {
  beginBatch,
  completePending,
  completeRecord,
  endBatch,
  pendingOf,
} from './record-indexing';
import type { RecordOutcome, RoutingRecord } from './record-types';
import { openPack, traceInPack, traceJson, unpackTrace } from './trace-codec';

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
//
// The store, not a trigger, gives a new record its trace, its rollup share
// and its full-text entry (record-indexing.ts): right after the row for a
// record written alone, and at the end for the records of a batch.

export type { RecordFilters } from './record-filters';
export { seqOf } from './record-filters';

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

/** How a record gives the value stored in `column`. */
function encoderOf(column: string): (record: RoutingRecord) => unknown {
  if (column === 'guard_rerouted')
    return (record) =>
      record.privacy_reasons.some((reason) => reason.kind === 'guard_reroute') ? 1 : 0;
  const field = (record: RoutingRecord) => (record as unknown as Row)[column];
  if ((JSON_COLUMNS as readonly string[]).includes(column))
    return (record) => JSON.stringify(field(record));
  if ((BOOLEAN_COLUMNS as readonly string[]).includes(column))
    return (record) => (field(record) ? 1 : 0);
  return (record) => field(record) ?? null;
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

function encodeCursor(seq: number): string {
  return Buffer.from(`s${seq}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^s\d{1,19}$/.test(text))
    throw new RecordStoreError('bad_cursor', 'The page cursor is not one this store gave out.');
  return Number(text.slice(1));
}

export class RecordStoreError extends Error {
  constructor(
    readonly code: 'bad_cursor' | 'not_found' | 'full' | 'bad_time',
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
  private readonly encoders: ((record: RoutingRecord) => unknown)[];
  private readonly insertSql: string;

  /** The connection this store writes to. */
  get database(): Database.Database {
    return this.db;
  }

  constructor(private readonly db: Database.Database) {
    this.columns = (db.prepare('PRAGMA table_info(routing_records)').all() as { name: string }[])
      .map((column) => column.name)
      .filter((name) => name !== 'seq');
    this.encoders = this.columns.map(encoderOf);
    this.insertSql = `INSERT INTO routing_records (seq, ${this.columns.join(', ')})
      VALUES (?, ${this.columns.map(() => '?').join(', ')})`;
  }

  /** Statements are prepared once per connection and SQL text, and reused. */
  private statement(sql: string): Database.Statement {
    return prepared(this.db, sql);
  }

  /**
   * Stores a new record; with `maxRecords`, keeps only that many of the
   * newest records of its decision. Inside `batch` the record's trace is
   * stored, the record indexed (rollups, full text) and its decision
   * trimmed when the batch ends.
   */
  insert(record: RoutingRecord, maxRecords?: number): void {
    const base = seqOf(Date.parse(record.created_at));
    const values: unknown[] = [0];
    for (const encode of this.encoders) values.push(encode(record));
    const trace = traceJson(record.trace);
    const write = () => {
      // What could refuse the record is checked before anything is written,
      // and the row is one INSERT with no trigger, which SQLite checks whole
      // before it writes: a refused record leaves nothing behind (at most the
      // conversation it names), with no savepoint to pay for.
      const seq = this.nextSeq(record, base);
      if (record.conversation_id) {
        ensureConversation(this.db, record.conversation_id, record.created_at);
      }
      values[0] = seq;
      this.statement(this.insertSql).run(values);
      const pending = pendingOf(this.db);
      if (pending) {
        pending.traces.set(seq, trace);
        if (maxRecords !== undefined && record.decision !== null)
          pending.trims.set(record.decision, maxRecords);
        return;
      }
      completeRecord(this.db, seq, trace);
      if (maxRecords !== undefined && record.decision !== null)
        this.trimDecision(record.decision, maxRecords);
    };
    // Inside a caller's transaction (a batch, an import) a nested one would cost a savepoint.
    if (this.db.inTransaction) write();
    else this.db.transaction(write)();
  }

  /** The next free seq of the record's millisecond; throws when the record cannot be stored. */
  private nextSeq(record: RoutingRecord, base: number): number {
    const next = Number.isFinite(base)
      ? (this.statement(
          `SELECT coalesce(max(seq) + 1, ?) AS seq, date(?) AS day
             FROM routing_records WHERE seq >= ? AND seq < ?`,
        ).get(base, record.created_at, base, base + SEQ_PER_MS) as {
          seq: number;
          day: string | null;
        })
      : undefined;
    if (next === undefined || next.day === null) {
      throw new RecordStoreError(
        'bad_time',
        `${record.id} was not stored: its time "${record.created_at}" is not an ISO time.`,
      );
    }
    if (next.seq >= base + SEQ_PER_MS) {
      throw new RecordStoreError(
        'full',
        `More than ${SEQ_PER_MS} records share the millisecond ${record.created_at}; ${record.id} was not stored.`,
      );
    }
    return next.seq;
  }

  /**
   * Runs `write`, which inserts records, in one transaction, and completes
   * them together at its end: their traces compressed a few at a time, one
   * rollup update and one full-text update for the lot, and each decision
   * trimmed to its `max_records` once (the same records remain as if each
   * insert had trimmed). Inside another batch, `write` joins it.
   */
  batch<T>(write: () => T): T {
    if (pendingOf(this.db)) return write();
    beginBatch(this.db);
    try {
      if (!this.db.inTransaction) {
        return this.db.transaction(() => {
          const result = write();
          this.completeBatch();
          return result;
        })();
      }
      // In a caller's transaction rows written before a throw may stay: they are indexed too.
      try {
        return write();
      } finally {
        this.completeBatch();
      }
    } finally {
      endBatch(this.db);
    }
  }

  /** Completes the records of the batch under way, then trims their decisions. */
  private completeBatch(): void {
    const pending = pendingOf(this.db);
    if (!pending) return;
    completePending(this.db, pending);
    const trims = [...pending.trims];
    pending.trims.clear();
    for (const [decision, maxRecords] of trims) this.trimDecision(decision, maxRecords);
  }

  private rowsToRecords(rows: readonly Row[]): RoutingRecord[] {
    const read = this.statement('SELECT trace, pack FROM routing_traces WHERE seq = ?');
    const readPack = this.statement('SELECT traces FROM trace_packs WHERE id = ?').pluck();
    const packs = new Map<number, Buffer>();
    const traceOf = (seq: number): Record<string, unknown> => {
      const stored = read.get(seq) as { trace: unknown; pack: number | null } | undefined;
      if (stored === undefined) {
        // Written in the batch under way: its trace is not stored yet.
        const pending = pendingOf(this.db)?.traces.get(seq);
        return pending === undefined ? {} : (JSON.parse(pending) as Record<string, unknown>);
      }
      if (stored.pack === null) return unpackTrace(stored.trace);
      let opened = packs.get(stored.pack);
      if (opened === undefined) {
        opened = openPack(readPack.get(stored.pack) as Buffer);
        packs.set(stored.pack, opened);
      }
      return traceInPack(opened, stored.trace as Buffer);
    };
    return rows.map((row) => fromRow(row, traceOf(Number(row['seq']))));
  }

  /** Fills in how the request ended. */
  finish(id: string, outcome: RecordOutcome, now = new Date()): void {
    if (!this.complete(id, outcome, { now })) {
      throw new RecordStoreError('not_found', `There is no record ${id}.`);
    }
  }

  /**
   * Fills in how the request ended, in one UPDATE (with the mark of a
   * truncated response, when there is one); false when there is no such
   * record (any more: retention may have trimmed it).
   */
  complete(
    id: string,
    outcome: RecordOutcome,
    options: { now?: Date; responseTruncated?: boolean } = {},
  ): boolean {
    this.completeBatch();
    const row: Row = { ...outcome, ended_at: (options.now ?? new Date()).toISOString() };
    if (outcome.fallback_chain) row['fallback_chain'] = JSON.stringify(outcome.fallback_chain);
    if (options.responseTruncated) row['response_body_truncated'] = 1;
    const names = Object.keys(row).filter((name) => this.columns.includes(name));
    const values: Row = { id };
    for (const name of names) values[name] = row[name] ?? null;
    const result = this.statement(
      `UPDATE routing_records SET ${names.map((name) => `${name} = @${name}`).join(', ')} WHERE id = @id`,
    ).run(values);
    return result.changes > 0;
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
    this.batch(() => {
      for (const record of records) {
        if (this.has(record.id)) continue;
        this.insert(record);
        inserted += 1;
      }
    });
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
