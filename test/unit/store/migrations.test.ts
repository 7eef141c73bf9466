import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConversationStore } from '../../../src-main/core/conversations/conversation-store';
import { aggregateRecords } from '../../../src-main/core/insights/aggregate';
import { MemoryStore } from '../../../src-main/core/privacy/memory-store';
import { TaintStore } from '../../../src-main/core/privacy/taint-store';
import { RecordStore } from '../../../src-main/core/replay/record-store';
import { openDatabase } from '../../../src-main/core/store/database';
import { MIGRATIONS } from '../../../src-main/core/store/migrations/index';
import { sampleRecord } from '../../support/sample-record';
import { makeTempDir } from '../../support/temp-dir';

// A database left by any earlier Homelane opens in this one: every schema
// version from an empty file up is built by the production migrations of
// its time, filled the way that version wrote its rows (plain SQL of that
// schema), then opened with every migration. Nothing written may be lost or
// come back different.

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.cleanup());

const LATEST = MIGRATIONS.at(-1)?.version ?? 0;

// Three records: two in the same millisecond (their order must survive),
// one a day earlier, in a conversation.
const RECORDS = [
  { id: 'r-early', at: '2026-11-23T08:00:00.000Z', prompt: 'prove the lemma', decision: 'hard' },
  {
    id: 'r-same-a',
    at: '2026-11-24T09:30:00.000Z',
    prompt: 'python stack trace',
    decision: 'code',
  },
  {
    id: 'r-same-b',
    at: '2026-11-24T09:30:00.000Z',
    prompt: 'rust borrow checker',
    decision: 'code',
  },
] as const;

const traceOf = (id: string) => ({ decision: id, signals: { keyword: ['x'] } });

/** Writes what a Homelane at `version` would have written, with that version's SQL. */
function seed(db: Database.Database, version: number): void {
  if (version >= 1) {
    db.prepare(
      `INSERT INTO conversations (id, created_at, updated_at, private, privacy_reasons, keep_local)
       VALUES ('c1', '2026-11-23T07:00:00.000Z', '2026-11-23T07:00:00.000Z', 1, ?, 1)`,
    ).run(JSON.stringify([{ kind: 'detector', detail: 'an email address' }]));
    db.prepare(
      "INSERT INTO memory (fact, created_at, conversation_id) VALUES ('I live in Lyon', '2026-11-23T07:00:00.000Z', 'c1')",
    ).run();
  }
  if (version >= 2) {
    let previousMs = -1;
    let inMs = 0;
    for (const record of RECORDS) {
      const ms = Date.parse(record.at);
      inMs = ms === previousMs ? inMs + 1 : 0;
      previousMs = ms;
      const columns = `id, created_at, conversation_id, decision, selected_model,
        original_model, reasoning_mode, lifecycle_state, locality, private, prompt, total_tokens,
        actual_cost, baseline_cost, cost_savings, currency`;
      const values = [
        record.id,
        record.at,
        record.id === 'r-early' ? 'c1' : null,
        record.decision,
        'local/small',
        'auto',
        'off',
        'completed',
        'local',
        record.id === 'r-early' ? 1 : 0,
        record.prompt,
        100,
        0,
        0.002,
        0.002,
        'USD',
      ];
      const marks = values.map(() => '?').join(', ');
      const trace = JSON.stringify(traceOf(record.id));
      if (version === 2) {
        // Schema 2: the time in ms beside the ISO time, the trace as JSON in the row.
        db.prepare(
          `INSERT INTO routing_records (${columns}, created_ms, trace) VALUES (${marks}, ?, ?)`,
        ).run(...values, ms, trace);
      } else if (version < 5) {
        // Schemas 3 and 4: the trace deflated in a table of its own, keyed by the id.
        db.prepare(`INSERT INTO routing_records (${columns}, created_ms) VALUES (${marks}, ?)`).run(
          ...values,
          ms,
        );
        db.prepare('INSERT INTO routing_traces (record_id, trace) VALUES (?, ?)').run(
          record.id,
          deflateRawSync(trace),
        );
      } else {
        // Schema 5 on: seq (ms << 10 plus a counter) in place of created_ms; traces keyed by it.
        const seq = ms * 1024 + inMs;
        db.prepare(`INSERT INTO routing_records (seq, ${columns}) VALUES (?, ${marks})`).run(
          seq,
          ...values,
        );
        db.prepare('INSERT INTO routing_traces (seq, trace) VALUES (?, ?)').run(
          seq,
          deflateRawSync(trace),
        );
      }
    }
  }
  if (version >= 4) {
    const message = db.prepare(
      `INSERT INTO messages (conversation_id, created_at, role, content, record_id, status)
       VALUES ('c1', ?, ?, ?, ?, ?)`,
    );
    message.run('2026-11-23T08:00:00.000Z', 'user', 'prove the lemma', null, 'complete');
    message.run('2026-11-23T08:00:01.000Z', 'assistant', 'Here is a proof', 'r-early', 'partial');
  }
}

function expectIntact(db: Database.Database, from: number): void {
  expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  if (from >= 1) {
    const taint = new TaintStore(db).get('c1');
    expect(taint).toMatchObject({ private: true, keepLocal: true });
    expect(new MemoryStore(db).list().map((fact) => fact.fact)).toEqual(['I live in Lyon']);
  }
  const records = new RecordStore(db);
  if (from >= 2) {
    // Newest first; the two of one millisecond keep an order (by id).
    expect(records.list().records.map((record) => record.id)).toEqual([
      'r-same-b',
      'r-same-a',
      'r-early',
    ]);
    for (const record of RECORDS) {
      const stored = records.get(record.id);
      expect(stored?.trace).toEqual(traceOf(record.id));
      expect(stored?.prompt).toBe(record.prompt);
      expect(stored?.created_at).toBe(record.at);
    }
    expect(records.list({ text: 'stack' }).records.map((record) => record.id)).toEqual([
      'r-same-a',
    ]);
    expect(records.list({ private: true }).records.map((record) => record.id)).toEqual(['r-early']);
    expect(records.list({ conversation: 'c1' }).records).toHaveLength(1);
    const insights = aggregateRecords(db);
    expect(insights.record_count).toBe(3);
    expect(insights.summary.total_saved).toBeCloseTo(0.006, 12);
    expect(insights.by_day.map((row) => [row.name, row.requests])).toEqual([
      ['2026-11-23', 1],
      ['2026-11-24', 2],
    ]);
  } else {
    expect(records.list().records).toEqual([]);
  }
  if (from >= 4) {
    const messages = new ConversationStore(db).messages('c1');
    expect(messages.map((message) => [message.role, message.recordId, message.status])).toEqual([
      ['user', null, 'complete'],
      ['assistant', 'r-early', 'partial'],
    ]);
  }
  // Records keep working after the migration: a new one lands first in time order.
  records.insert(sampleRecord({ id: 'r-new', created_at: '2026-11-25T00:00:00.000Z' }));
  expect(records.list({}, { limit: 1 }).records[0]?.id).toBe('r-new');
}

describe('migrations from every earlier schema', () => {
  for (let version = 0; version < LATEST; version++) {
    it(`bring a database at schema ${version} to schema ${LATEST} with nothing lost`, () => {
      const file = join(temp.dir, `at-${version}.db`);
      if (version > 0) {
        const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, version) });
        expect(old.pragma('user_version', { simple: true })).toBe(version);
        old.transaction(() => seed(old, version))();
        old.close();
      }
      const db = openDatabase(file);
      try {
        expectIntact(db, version);
      } finally {
        db.close();
      }
    });
  }

  it('deleting a record after the migration leaves its message and clears the link', () => {
    const file = join(temp.dir, 'at-4.db');
    const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, 4) });
    old.transaction(() => seed(old, 4))();
    old.close();
    const db = openDatabase(file);
    try {
      db.prepare("DELETE FROM routing_records WHERE id = 'r-early'").run();
      const messages = new ConversationStore(db).messages('c1');
      expect(messages.map((message) => message.recordId)).toEqual([null, null]);
      const traces = db.prepare('SELECT count(*) AS n FROM routing_traces').get() as { n: number };
      expect(traces.n).toBe(2);
      expect(aggregateRecords(db).record_count).toBe(2);
    } finally {
      db.close();
    }
  });
});
