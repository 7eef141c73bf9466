import type { Migration } from '../migration';

// A million records must still list, search and sum in milliseconds.
//
// - Each record gets `seq`, its time order: the creation millisecond times
//   2^10, plus a counter within the millisecond (1,024 records fit in one
//   millisecond; JavaScript numbers hold such a seq exactly until 2248). `seq` is the table's rowid,
//   so the table itself is the time index, every single-column index is
//   ordered by time within its value (SQLite appends the rowid), and FTS5
//   walks its matches newest first and stops at a page. `created_ms` goes.
// - Traces are keyed by `seq` too: no second index on a text id.
// - `record_rollups` keeps per-day sums (requests, lifecycle, tokens, costs,
//   privacy) for each decision, alias, lane, locality and currency, kept in
//   step by triggers, so insights read thousands of rows, not a million.
// - Messages get an index on their record, so deleting records (retention)
//   does not scan every message.
//
// The table is rebuilt as SQLite's ALTER TABLE guide says: a new table, the
// rows copied, the old one dropped, the new one renamed (foreign keys are off
// while a migration runs, and checked before it commits).

/** Milliseconds are shifted by this many bits to make room for a counter. */
export const SEQ_SHIFT = 10;

const RECORD_COLUMNS = `
  id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  conversation_id TEXT REFERENCES conversations(id) ON DELETE SET NULL,
  recipe TEXT,
  decision TEXT,
  decision_tier INTEGER,
  decision_priority INTEGER,
  confidence REAL,
  original_model TEXT NOT NULL,
  selected_model TEXT,
  upstream_model TEXT,
  selection_method TEXT,
  reasoning_mode TEXT NOT NULL CHECK (reasoning_mode IN ('on', 'off')),
  lane_id TEXT,
  locality TEXT CHECK (locality IN ('local', 'lan', 'cloud')),
  private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
  privacy_reasons TEXT NOT NULL DEFAULT '[]',
  guard_rerouted INTEGER NOT NULL DEFAULT 0 CHECK (guard_rerouted IN (0, 1)),
  fallback_chain TEXT NOT NULL DEFAULT '[]',
  lifecycle_state TEXT NOT NULL DEFAULT 'in_progress'
    CHECK (lifecycle_state IN ('in_progress', 'completed', 'failed', 'aborted')),
  terminal_reason TEXT,
  streaming INTEGER NOT NULL DEFAULT 0 CHECK (streaming IN (0, 1)),
  routing_ms REAL,
  ttft_ms REAL,
  duration_ms REAL,
  ended_at TEXT,
  prompt_tokens INTEGER,
  completion_tokens INTEGER,
  total_tokens INTEGER,
  cached_prompt_tokens INTEGER,
  cache_write_tokens INTEGER,
  actual_cost REAL,
  baseline_cost REAL,
  cost_savings REAL,
  currency TEXT,
  baseline_model TEXT,
  prompt TEXT NOT NULL DEFAULT '',
  prompt_truncated INTEGER NOT NULL DEFAULT 0,
  request_body TEXT,
  request_body_truncated INTEGER NOT NULL DEFAULT 0,
  response_body TEXT,
  response_body_truncated INTEGER NOT NULL DEFAULT 0,
  signals TEXT NOT NULL DEFAULT '{}'`;

/** The columns copied from schema 4 (all but `created_ms`). */
const COPIED = RECORD_COLUMNS.split('\n')
  .map((line) => /^\s+([a-z_]+) /.exec(line)?.[1])
  .filter((name): name is string => name !== undefined);

// The rollup's key and sums, as expressions over one record row (`R.` is
// replaced by NEW or OLD in the triggers, and by a table alias in queries).
// The day is the UTC day: date() turns a time with an offset into UTC.
export const ROLLUP_KEY: Readonly<Record<string, string>> = {
  day: 'date(R.created_at)',
  decision: "coalesce(R.decision, '')",
  model: "coalesce(R.selected_model, '')",
  lane: "coalesce(R.lane_id, '')",
  locality: "coalesce(R.locality, '')",
  currency: "coalesce(R.currency, '')",
};
const COSTED =
  "(R.lifecycle_state = 'completed' AND R.actual_cost IS NOT NULL AND R.baseline_cost IS NOT NULL AND R.cost_savings IS NOT NULL)";
export const ROLLUP_SUMS: Readonly<Record<string, string>> = {
  requests: '1',
  completed: "(R.lifecycle_state = 'completed')",
  failed: "(R.lifecycle_state = 'failed')",
  aborted: "(R.lifecycle_state = 'aborted')",
  in_progress: "(R.lifecycle_state = 'in_progress')",
  costed: COSTED,
  actual_cost: `(CASE WHEN ${COSTED} THEN R.actual_cost ELSE 0 END)`,
  baseline_cost: `(CASE WHEN ${COSTED} THEN R.baseline_cost ELSE 0 END)`,
  cost_savings: `(CASE WHEN ${COSTED} THEN R.cost_savings ELSE 0 END)`,
  input_tokens: 'coalesce(R.prompt_tokens, 0)',
  output_tokens: 'coalesce(R.completion_tokens, 0)',
  total_tokens: 'coalesce(R.total_tokens, 0)',
  private_requests: 'R.private',
  kept_local: "(coalesce(R.locality, '') IN ('local', 'lan'))",
  guard_reroutes: 'R.guard_rerouted',
};
const KEY = ROLLUP_KEY;
const SUMS = ROLLUP_SUMS;
const KEY_NAMES = Object.keys(KEY);
const SUM_NAMES = Object.keys(SUMS);

/** A rollup expression over the row named `row`. */
export const over = (expression: string, row: string) => expression.replaceAll('R.', `${row}.`);

/** Adds (or, with sign -1, takes away) one row's share of its rollup. */
function rollupUpsert(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  const keys = KEY_NAMES.map((name) => over(KEY[name] ?? '', row));
  const sums = SUM_NAMES.map((name) => `${sign === 1 ? '' : '-'}${over(SUMS[name] ?? '', row)}`);
  return `INSERT INTO record_rollups (${[...KEY_NAMES, ...SUM_NAMES].join(', ')})
      VALUES (${[...keys, ...sums].join(', ')})
      ON CONFLICT (${KEY_NAMES.join(', ')}) DO UPDATE SET
      ${SUM_NAMES.map((name) => `${name} = ${name} + excluded.${name}`).join(', ')};`;
}

/** Drops the rollup row of OLD's key once no record counts in it. */
function rollupPrune(): string {
  const match = KEY_NAMES.map((name) => `${name} = ${over(KEY[name] ?? '', 'OLD')}`);
  return `DELETE FROM record_rollups WHERE ${match.join(' AND ')} AND requests = 0;`;
}

/** The columns whose change moves a record's share between or within rollups. */
const ROLLED_COLUMNS = [
  'created_at',
  'decision',
  'selected_model',
  'lane_id',
  'locality',
  'currency',
  'lifecycle_state',
  'actual_cost',
  'baseline_cost',
  'cost_savings',
  'prompt_tokens',
  'completion_tokens',
  'total_tokens',
  'private',
  'guard_rerouted',
];

export const migration005: Migration = {
  version: 5,
  name: 'records in time order, with rollups',
  up(db) {
    db.exec(`
      CREATE TABLE routing_records_next (
        seq INTEGER PRIMARY KEY,${RECORD_COLUMNS}
      );
      INSERT INTO routing_records_next (seq, ${COPIED.join(', ')})
        SELECT created_ms * ${2 ** SEQ_SHIFT}
                 + row_number() OVER (PARTITION BY created_ms ORDER BY id) - 1,
               ${COPIED.join(', ')}
          FROM routing_records;

      CREATE TABLE routing_traces_next (
        seq INTEGER PRIMARY KEY REFERENCES routing_records_next(seq) ON DELETE CASCADE,
        -- deflate-compressed JSON, or JSON text (records from schema 2)
        trace BLOB NOT NULL
      );
      INSERT INTO routing_traces_next (seq, trace)
        SELECT r.seq, t.trace FROM routing_traces t JOIN routing_records_next r ON r.id = t.record_id;

      DROP TABLE routing_records_fts;
      DROP TABLE routing_traces;
      DROP TABLE routing_records;
      ALTER TABLE routing_records_next RENAME TO routing_records;
      ALTER TABLE routing_traces_next RENAME TO routing_traces;

      CREATE INDEX routing_records_decision ON routing_records (decision);
      CREATE INDEX routing_records_model ON routing_records (selected_model);
      CREATE INDEX routing_records_lane ON routing_records (lane_id);
      CREATE INDEX routing_records_locality ON routing_records (locality);
      CREATE INDEX routing_records_status ON routing_records (lifecycle_state);
      CREATE INDEX routing_records_conversation ON routing_records (conversation_id);
      -- most requests are not private; the few that are get found through this
      CREATE INDEX routing_records_private ON routing_records (private) WHERE private = 1;
      CREATE INDEX messages_record ON messages (record_id) WHERE record_id IS NOT NULL;

      CREATE VIRTUAL TABLE routing_records_fts USING fts5(
        prompt, decision, selected_model,
        content = 'routing_records', content_rowid = 'seq', tokenize = 'unicode61'
      );
      INSERT INTO routing_records_fts (routing_records_fts) VALUES ('rebuild');
      CREATE TRIGGER routing_records_fts_insert AFTER INSERT ON routing_records BEGIN
        INSERT INTO routing_records_fts (rowid, prompt, decision, selected_model)
        VALUES (new.seq, new.prompt, new.decision, new.selected_model);
      END;
      CREATE TRIGGER routing_records_fts_delete AFTER DELETE ON routing_records BEGIN
        INSERT INTO routing_records_fts (routing_records_fts, rowid, prompt, decision, selected_model)
        VALUES ('delete', old.seq, old.prompt, old.decision, old.selected_model);
      END;
      CREATE TRIGGER routing_records_fts_update AFTER UPDATE OF prompt, decision, selected_model
        ON routing_records BEGIN
        INSERT INTO routing_records_fts (routing_records_fts, rowid, prompt, decision, selected_model)
        VALUES ('delete', old.seq, old.prompt, old.decision, old.selected_model);
        INSERT INTO routing_records_fts (rowid, prompt, decision, selected_model)
        VALUES (new.seq, new.prompt, new.decision, new.selected_model);
      END;

      CREATE TABLE record_rollups (
        ${KEY_NAMES.map((name) => `${name} TEXT NOT NULL`).join(',\n        ')},
        ${SUM_NAMES.map((name) => `${name} ${name.endsWith('_cost') || name === 'cost_savings' ? 'REAL' : 'INTEGER'} NOT NULL`).join(',\n        ')},
        PRIMARY KEY (${KEY_NAMES.join(', ')})
      ) WITHOUT ROWID;
      CREATE INDEX record_rollups_decision ON record_rollups (decision);
      INSERT INTO record_rollups (${[...KEY_NAMES, ...SUM_NAMES].join(', ')})
        SELECT ${KEY_NAMES.map((name) => over(KEY[name] ?? '', 'r')).join(', ')},
               ${SUM_NAMES.map((name) => `total(${over(SUMS[name] ?? '', 'r')})`).join(', ')}
          FROM routing_records r GROUP BY ${KEY_NAMES.map((_, index) => index + 1).join(', ')};
      CREATE TRIGGER record_rollups_insert AFTER INSERT ON routing_records BEGIN
        ${rollupUpsert('NEW', 1)}
      END;
      CREATE TRIGGER record_rollups_delete AFTER DELETE ON routing_records BEGIN
        ${rollupUpsert('OLD', -1)}
        ${rollupPrune()}
      END;
      CREATE TRIGGER record_rollups_update AFTER UPDATE OF ${ROLLED_COLUMNS.join(', ')}
        ON routing_records BEGIN
        ${rollupUpsert('OLD', -1)}
        ${rollupUpsert('NEW', 1)}
        ${rollupPrune()}
      END;
    `);
  },
};
