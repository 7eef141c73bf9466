import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import { ensureConversation } from '../conversations/ensure-conversation';
import type { RecordOutcome, RoutingRecord } from './record-types';

// Routing records in the app's database: written when a request is routed,
// completed when its answer ends, listed newest first with filters and
// keyset pagination (a page never shifts when new records arrive), searched
// with FTS5, and kept within the decision's `max_records`. Exports read them
// all a page at a time; imports add records as they were, skipping known ids.

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

function toRow(record: RoutingRecord): Row {
  const row: Row = {
    ...record,
    created_ms: Date.parse(record.created_at),
    guard_rerouted: record.privacy_reasons.some((reason) => reason.kind === 'guard_reroute')
      ? 1
      : 0,
  };
  delete row['trace'];
  for (const column of JSON_COLUMNS) row[column] = JSON.stringify(record[column]);
  for (const column of BOOLEAN_COLUMNS) row[column] = record[column] ? 1 : 0;
  return row;
}

function fromRow(row: Row, trace: Record<string, unknown>): RoutingRecord {
  const record: Row = { ...row };
  delete record['created_ms'];
  delete record['rowid'];
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

function encodeCursor(row: Row): string {
  return Buffer.from(`${String(row['created_ms'])}:${String(row['id'])}`).toString('base64url');
}

function decodeCursor(cursor: string): { ms: number; id: string } {
  const [ms, id] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  if (!ms || !id || !/^\d+$/.test(ms))
    throw new RecordStoreError('bad_cursor', 'The page cursor is not one this store gave out.');
  return { ms: Number(ms), id };
}

/** FTS5 query syntax from plain words: each word quoted, all must occur. */
function ftsQuery(text: string): string {
  return (text.match(/[\p{L}\p{N}_@.-]+/gu) ?? [])
    .map((word) => `"${word.replaceAll('"', '""')}"`)
    .join(' ');
}

/** The WHERE conditions of the filters, over `routing_records r`. */
function whereOf(filters: RecordFilters): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filters.text) {
    const query = ftsQuery(filters.text);
    if (query !== '') {
      where.push(
        'r.rowid IN (SELECT rowid FROM routing_records_fts WHERE routing_records_fts MATCH @fts)',
      );
      params['fts'] = query;
    }
  }
  const equal = (column: string, value: unknown) => {
    where.push(`r.${column} = @${column}`);
    params[column] = value;
  };
  if (filters.decision !== undefined) equal('decision', filters.decision);
  if (filters.model !== undefined) equal('selected_model', filters.model);
  if (filters.lane !== undefined) equal('lane_id', filters.lane);
  if (filters.locality !== undefined) equal('locality', filters.locality);
  if (filters.private !== undefined) equal('private', filters.private ? 1 : 0);
  if (filters.status !== undefined) equal('lifecycle_state', filters.status);
  if (filters.conversation !== undefined) equal('conversation_id', filters.conversation);
  if (filters.from !== undefined) {
    where.push('r.created_ms >= @from_ms');
    params['from_ms'] = Date.parse(filters.from);
  }
  if (filters.to !== undefined) {
    where.push('r.created_ms <= @to_ms');
    params['to_ms'] = Date.parse(filters.to);
  }
  return { where, params };
}

export class RecordStoreError extends Error {
  constructor(
    readonly code: 'bad_cursor' | 'not_found',
    message: string,
  ) {
    super(message);
    this.name = 'RecordStoreError';
  }
}

export class RecordStore {
  private readonly columns: string[];
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.columns = (
      db.prepare('PRAGMA table_info(routing_records)').all() as { name: string }[]
    ).map((column) => column.name);
  }

  /** Statements are prepared once per SQL text and reused. */
  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  insert(record: RoutingRecord, maxRecords?: number): void {
    const row = toRow(record);
    const names = this.columns.filter((name) => name in row);
    const insert = this.statement(
      `INSERT INTO routing_records (${names.join(', ')}) VALUES (${names.map((name) => `@${name}`).join(', ')})`,
    );
    const write = () => {
      if (record.conversation_id) {
        ensureConversation(this.db, record.conversation_id, record.created_at);
      }
      insert.run(Object.fromEntries(names.map((name) => [name, row[name]])));
      this.statement('INSERT INTO routing_traces (record_id, trace) VALUES (?, ?)').run(
        record.id,
        packTrace(record.trace),
      );
      if (maxRecords !== undefined && record.decision !== null)
        this.trimDecision(record.decision, maxRecords);
    };
    // Inside a caller's transaction (a batch, an import) a nested one would cost a savepoint.
    if (this.db.inTransaction) write();
    else this.db.transaction(write)();
  }

  private tracesOf(ids: readonly string[]): Map<string, Record<string, unknown>> {
    const traces = new Map<string, Record<string, unknown>>();
    const read = this.statement('SELECT trace FROM routing_traces WHERE record_id = ?');
    for (const id of ids) {
      const row = read.get(id) as { trace: unknown } | undefined;
      traces.set(id, unpackTrace(row?.trace));
    }
    return traces;
  }

  private rowsToRecords(rows: readonly Row[]): RoutingRecord[] {
    const traces = this.tracesOf(rows.map((row) => String(row['id'])));
    return rows.map((row) => fromRow(row, traces.get(String(row['id'])) ?? {}));
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
    const { where, params } = whereOf(filters);
    if (page.cursor) {
      const { ms, id } = decodeCursor(page.cursor);
      where.push(
        '(r.created_ms < @cursor_ms OR (r.created_ms = @cursor_ms AND r.id < @cursor_id))',
      );
      params['cursor_ms'] = ms;
      params['cursor_id'] = id;
    }
    const rows = this.statement(
      `SELECT r.* FROM routing_records r ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY r.created_ms DESC, r.id DESC LIMIT ${limit + 1}`,
    ).all(params) as Row[];
    const more = rows.length > limit;
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    return {
      records: this.rowsToRecords(shown),
      next_cursor: more && last ? encodeCursor(last) : null,
    };
  }

  /** How many records match the filters. */
  count(filters: RecordFilters = {}): number {
    const { where, params } = whereOf(filters);
    const row = this.db
      .prepare(
        `SELECT count(*) AS n FROM routing_records r ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      )
      .get(params) as { n: number };
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

  /** Keeps the newest `maxRecords` of one decision. */
  private trimDecision(decision: string, maxRecords: number): void {
    this.statement(
      `DELETE FROM routing_records WHERE decision = @decision AND id IN (
           SELECT id FROM routing_records WHERE decision = @decision
           ORDER BY created_ms DESC, id DESC LIMIT -1 OFFSET @keep)`,
    ).run({ decision, keep: maxRecords });
  }
}
