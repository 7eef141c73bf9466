import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { RecordStore } from '../../../src-main/core/replay/record-store';
import type { RoutingRecord } from '../../../src-main/core/replay/record-types';
import { RecordWriteQueue } from '../../../src-main/core/replay/record-write-queue';
import { applyRetention } from '../../../src-main/core/replay/retention';
import {
  ROLLUP_KEY,
  ROLLUP_SUMS,
  over,
} from '../../../src-main/core/store/migrations/005-records-in-time-order';
import { openDatabase } from '../../../src-main/core/store/database';
import { MIGRATIONS } from '../../../src-main/core/store/migrations/index';
import { useRecordDatabase } from '../../support/record-db';
import { sampleRecord } from '../../support/sample-record';

// Records written in a batch are completed at its end: their traces go in
// compressed packs, their rollup shares and full-text entries are added in
// one statement each, their decisions trimmed once. Whatever happens, each
// record must read back exactly, be found by search, and the rollups and the
// full-text index must match the records that remain.

const data = useRecordDatabase();

const DECISIONS = ['hard_questions', 'code_help', null] as const;

/** Record i: a few decisions and prompts, a trace of its own, every third one finished. */
function recordOf(i: number): RoutingRecord {
  const decision = DECISIONS[i % DECISIONS.length] ?? null;
  return sampleRecord({
    created_at: new Date(Date.UTC(2026, 9, 1) + i * 3_600_000).toISOString(),
    decision,
    prompt: `question ${i} about ${i % 2 === 0 ? 'python' : 'rust'} and üñíçødé`,
    private: i % 5 === 0,
    locality: i % 4 === 0 ? 'local' : 'cloud',
    lifecycle_state: i % 3 === 0 ? 'completed' : 'in_progress',
    total_tokens: i % 3 === 0 ? 100 + i : null,
    actual_cost: i % 3 === 0 ? i / 1000 : null,
    baseline_cost: i % 3 === 0 ? 0.5 : null,
    cost_savings: i % 3 === 0 ? 0.5 - i / 1000 : null,
    trace: { decision, text: `question ${i}`, latency_ms: i / 7, signals: { keyword: [i] } },
  });
}

/** What the rollups must hold: the sums migration 005 first made, over the records there are. */
function expectedRollups(db: Database.Database): unknown[] {
  const keys = Object.keys(ROLLUP_KEY);
  const sums = Object.keys(ROLLUP_SUMS);
  return db
    .prepare(
      `SELECT ${keys.map((name) => `${over(ROLLUP_KEY[name] ?? '', 'r')} AS ${name}`).join(', ')},
              ${sums.map((name) => `total(${over(ROLLUP_SUMS[name] ?? '', 'r')}) AS ${name}`).join(', ')}
         FROM routing_records r GROUP BY ${keys.map((_, index) => index + 1).join(', ')}
        ORDER BY ${keys.join(', ')}`,
    )
    .all();
}

function storedRollups(db: Database.Database): unknown[] {
  const keys = Object.keys(ROLLUP_KEY);
  return db.prepare(`SELECT * FROM record_rollups ORDER BY ${keys.join(', ')}`).all();
}

/** The rollups match the records, the full-text index matches its content, every trace reads. */
function expectConsistent(db: Database.Database, records: readonly RoutingRecord[]): void {
  const want = expectedRollups(db) as Record<string, number>[];
  const got = storedRollups(db) as Record<string, number>[];
  expect(got.length).toBe(want.length);
  got.forEach((row, index) => {
    for (const [name, value] of Object.entries(want[index] ?? {})) {
      if (typeof value === 'number') expect(row[name]).toBeCloseTo(value, 9);
      else expect(row[name]).toBe(value);
    }
  });
  // Throws when the index and the records disagree.
  db.exec(
    "INSERT INTO routing_records_fts (routing_records_fts, rank) VALUES ('integrity-check', 1)",
  );
  for (const record of records) expect(data.store.get(record.id)).toEqual(record);
}

const count = (db: Database.Database, table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('records written in a batch', () => {
  it('read back exactly, are found by search and counted, their traces packed', () => {
    const records = Array.from({ length: 100 }, (_, i) => recordOf(i));
    data.store.batch(() => {
      for (const record of records) data.store.insert(record);
    });
    expect(count(data.db, 'routing_traces')).toBe(100);
    const packs = count(data.db, 'trace_packs');
    expect(packs).toBeGreaterThan(1);
    expect(packs).toBeLessThan(20);
    expect(data.store.count({ text: 'rust' })).toBe(50);
    expect(data.store.list({ text: 'question 42' }).records.map((record) => record.id)).toEqual([
      records[42]?.id,
    ]);
    expect(data.store.list({ private: true }, { limit: 500 }).records).toHaveLength(20);
    expectConsistent(data.db, records);
    // The pages of a listing read their traces from the packs.
    expect([...data.store.all({}, 7)].reverse()).toEqual(records);
  });

  it('leave the store as the same records written one at a time do', () => {
    const records = Array.from({ length: 60 }, (_, i) => recordOf(i));
    for (const record of records.slice(0, 30)) data.store.insert(record);
    data.store.batch(() => {
      for (const record of records.slice(30)) data.store.insert(record);
    });
    expectConsistent(data.db, records);
  });

  it('keep each decision to its newest max_records, trimmed once at the end', () => {
    const records = Array.from({ length: 90 }, (_, i) => recordOf(i));
    data.store.batch(() => {
      for (const record of records) data.store.insert(record, 7);
    });
    const kept = [...DECISIONS].flatMap((decision) => {
      const mine = records.filter((record) => record.decision === decision);
      return decision === null ? mine : mine.slice(-7);
    });
    expect(new Set([...data.store.all()].map((record) => record.id))).toEqual(
      new Set(kept.map((record) => record.id)),
    );
    expectConsistent(data.db, kept);
  });

  it('give a pack back only when its last record is gone', () => {
    const records = Array.from({ length: 40 }, (_, i) => recordOf(i));
    data.store.batch(() => {
      for (const record of records) data.store.insert(record);
    });
    const packs = count(data.db, 'trace_packs');
    // Keeps the newest 33: the oldest pack loses some of its members, not all.
    applyRetention(data.db, { maxRecords: 33 });
    expect(count(data.db, 'trace_packs')).toBe(packs);
    expectConsistent(data.db, records.slice(-33));
    applyRetention(data.db, { maxRecords: 0 });
    expect(count(data.db, 'trace_packs')).toBe(0);
    expect(count(data.db, 'record_rollups')).toBe(0);
  });

  it('leave nothing behind when the batch throws', () => {
    expect(() =>
      data.store.batch(() => {
        for (let i = 0; i < 20; i++) data.store.insert(recordOf(i));
        throw new Error('stop');
      }),
    ).toThrow('stop');
    for (const table of ['routing_records', 'routing_traces', 'trace_packs', 'record_rollups'])
      expect(count(data.db, table)).toBe(0);
    const after = recordOf(1);
    data.store.insert(after);
    expectConsistent(data.db, [after]);
  });

  it('can be read and finished before the batch ends, and still add up', () => {
    const records = Array.from({ length: 11 }, (_, i) => recordOf(i));
    const id = records[4]?.id ?? '';
    const finished = data.store.batch(() => {
      for (const record of records.slice(0, 10)) data.store.insert(record);
      expect(data.store.get(id)).toEqual(records[4]);
      data.store.finish(id, { lifecycle_state: 'failed', total_tokens: 9 });
      if (records[10]) data.store.insert(records[10]);
      return data.store.get(id);
    });
    expect(finished).toMatchObject({ lifecycle_state: 'failed', total_tokens: 9 });
    expect(finished?.trace).toEqual(records[4]?.trace);
    expect(count(data.db, 'routing_traces')).toBe(11);
    expectConsistent(data.db, [...records.slice(0, 4), ...records.slice(5)]);
  });

  it('through the write queue: a failing job costs the others nothing', () => {
    const queue = RecordWriteQueue.of(data.db);
    const records = Array.from({ length: 30 }, (_, i) => recordOf(i));
    const failures: unknown[] = [];
    records.forEach((record, index) => {
      queue.add(
        () => {
          data.store.insert(record, 1000);
          if (index === 12) throw new Error('after the insert');
        },
        (error) => failures.push(error),
      );
    });
    queue.flush();
    expect(failures).toHaveLength(1);
    const kept = records.filter((_, index) => index !== 12);
    expect(data.store.count()).toBe(29);
    expect(data.store.count({ text: 'question' })).toBe(29);
    expectConsistent(data.db, kept);
  });

  it('mix with records a schema-6 database indexed by its triggers', () => {
    const file = join(data.dir, 'at-6.db');
    const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, 6) });
    const insertOld = old.prepare(
      `INSERT INTO routing_records (seq, id, created_at, decision, original_model, reasoning_mode,
         lifecycle_state, prompt, total_tokens)
       VALUES (?, ?, ?, 'code_help', 'auto', 'off', 'completed', ?, 10)`,
    );
    for (let i = 0; i < 5; i++) {
      const at = Date.UTC(2026, 8, 1 + i);
      insertOld.run(at * 1024, `old-${i}`, new Date(at).toISOString(), `old rust question ${i}`);
      old
        .prepare('INSERT INTO routing_traces (seq, trace) VALUES (?, ?)')
        .run(at * 1024, deflateRawSync(JSON.stringify({ old: i })));
    }
    old.close();
    const db = openDatabase(file);
    try {
      const store = new RecordStore(db);
      const records = Array.from({ length: 40 }, (_, i) => recordOf(i));
      store.batch(() => {
        for (const record of records) store.insert(record);
      });
      expect(store.count({ text: 'rust' })).toBe(25);
      expect(store.get('old-3')?.trace).toEqual({ old: 3 });
      expect(expectedRollups(db)).toHaveLength(storedRollups(db).length);
      applyRetention(db, { maxRecords: 10 });
      db.exec(
        "INSERT INTO routing_records_fts (routing_records_fts, rank) VALUES ('integrity-check', 1)",
      );
      expect(store.count({ text: 'rust' })).toBe(5);
      applyRetention(db, { maxRecords: 0 });
      for (const table of ['routing_traces', 'trace_packs', 'record_rollups'])
        expect(count(db, table)).toBe(0);
    } finally {
      db.close();
    }
  });
});
