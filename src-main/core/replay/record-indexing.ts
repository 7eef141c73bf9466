import type Database from 'better-sqlite3';
import { ROLLUP_KEY, ROLLUP_SUMS, over } from '../store/migrations/005-records-in-time-order';
import { prepared } from '../store/prepared';
import { PACK_BYTES, PACK_TRACES, packTrace, packTraces } from './trace-codec';

// What a routing record needs besides its row: its trace, its share of the
// per-day rollups and its entry in the full-text index. Since schema 7 the
// store adds all three itself (no trigger does): at once for a record
// written alone, and for the records of a batch once, at its end — their
// traces compressed a pack at a time, their rollup shares and full-text
// entries in one statement each.
//
// Why: FTS5 writes the terms it holds out as a new segment whenever a
// statement of the transaction opens a statement journal, which every
// INSERT with a trigger does. Indexed by a trigger, each record of a batch
// became a segment of its own, to be merged again and again; an INSERT with
// no trigger needs no statement journal at all. And one compression per
// trace cost more than the rest of the record.
//
// Until its batch ends a record has no trace row, no rollup share and no
// full-text entry, so it must be neither updated nor deleted before: the
// store completes what is pending first.

const KEYS = Object.keys(ROLLUP_KEY);
const SUMS = Object.keys(ROLLUP_SUMS);

/** The rows named by a JSON array of seqs. */
const IN_SEQS = 'r.seq IN (SELECT value FROM json_each(?))';

/** Adds the rollup shares of the records, the sums as migration 005 first made them. */
const ADD_TO_ROLLUPS = `INSERT INTO record_rollups (${[...KEYS, ...SUMS].join(', ')})
  SELECT ${KEYS.map((name) => over(ROLLUP_KEY[name] ?? '', 'r')).join(', ')},
         ${SUMS.map((name) => `total(${over(ROLLUP_SUMS[name] ?? '', 'r')})`).join(', ')}
    FROM routing_records r WHERE ${IN_SEQS}
   GROUP BY ${KEYS.map((_, index) => index + 1).join(', ')}
  ON CONFLICT (${KEYS.join(', ')}) DO UPDATE SET
  ${SUMS.map((name) => `${name} = ${name} + excluded.${name}`).join(', ')}`;

/** Adds the records to the full-text index, oldest first (FTS5 appends rising rowids). */
const ADD_TO_FTS = `INSERT INTO routing_records_fts (rowid, prompt, decision, selected_model)
  SELECT r.seq, r.prompt, r.decision, r.selected_model
    FROM routing_records r WHERE ${IN_SEQS} ORDER BY r.seq`;

/** The seqs that still have a row (a savepoint may have taken one back), oldest first. */
const STILL_THERE = `SELECT r.seq FROM routing_records r WHERE ${IN_SEQS} ORDER BY r.seq`;

const INSERT_TRACE = 'INSERT INTO routing_traces (seq, trace) VALUES (?, ?)';
const INSERT_MEMBER = 'INSERT INTO routing_traces (seq, trace, pack) VALUES (?, ?, ?)';
const INSERT_PACK = 'INSERT INTO trace_packs (traces, members) VALUES (?, ?)';

/** Records written in a batch but not completed yet, and the decisions to trim after. */
export interface PendingRecords {
  /** seq → the JSON of the record's trace. */
  traces: Map<number, string>;
  /** Decision → the newest `max_records` to keep (the last one given wins). */
  trims: Map<string, number>;
}

/** The batch under way on each connection, if any. */
const BATCHES = new WeakMap<Database.Database, PendingRecords>();

export function pendingOf(db: Database.Database): PendingRecords | undefined {
  return BATCHES.get(db);
}

export function beginBatch(db: Database.Database): void {
  BATCHES.set(db, { traces: new Map(), trims: new Map() });
}

export function endBatch(db: Database.Database): void {
  BATCHES.delete(db);
}

/** Stores the trace of one record written alone, and indexes it. */
export function completeRecord(db: Database.Database, seq: number, json: string): void {
  prepared(db, INSERT_TRACE).run(seq, packTrace(json));
  indexRecords(db, JSON.stringify([seq]));
}

/**
 * Stores the pending traces (several to a pack) and indexes their records;
 * records whose row is gone are dropped. The pending traces are cleared.
 */
export function completePending(db: Database.Database, pending: PendingRecords): void {
  if (pending.traces.size === 0) return;
  const asked = JSON.stringify([...pending.traces.keys()]);
  const seqs = prepared(db, STILL_THERE).pluck().all(asked) as number[];
  const entries = seqs.map((seq) => [seq, pending.traces.get(seq) ?? '{}'] as const);
  pending.traces.clear();
  let from = 0;
  while (from < entries.length) {
    let to = from + 1;
    let bytes = entries[from]?.[1].length ?? 0;
    while (to < entries.length && to - from < PACK_TRACES && bytes < PACK_BYTES) {
      bytes += entries[to]?.[1].length ?? 0;
      to += 1;
    }
    storeTraces(db, entries.slice(from, to));
    from = to;
  }
  indexRecords(db, JSON.stringify(seqs));
}

/** One trace alone, or several in a pack. */
function storeTraces(db: Database.Database, entries: readonly (readonly [number, string])[]): void {
  const [first] = entries;
  if (first === undefined) return;
  if (entries.length === 1) {
    prepared(db, INSERT_TRACE).run(first[0], packTrace(first[1]));
    return;
  }
  const { pack, spans } = packTraces(entries.map(([, json]) => json));
  const id = prepared(db, INSERT_PACK).run(pack, entries.length).lastInsertRowid;
  const member = prepared(db, INSERT_MEMBER);
  entries.forEach(([seq], index) => member.run(seq, spans[index], id));
}

/** Adds the rollup shares and full-text entries of the records named by a JSON array of seqs. */
function indexRecords(db: Database.Database, seqs: string): void {
  prepared(db, ADD_TO_ROLLUPS).run(seqs);
  prepared(db, ADD_TO_FTS).run(seqs);
}
