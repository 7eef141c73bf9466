import type { Migration } from '../migration';

// Lists, filters and sums read every routing row; the full trace (several KB)
// is read only when a record is opened or exported. It moves to a table of
// its own, compressed by the store; the guard's re-routes get a column the
// aggregates can count; and the filters that combine with time get indexes.
export const migration003: Migration = {
  version: 3,
  name: 'record traces apart',
  up(db) {
    db.exec(`
      CREATE TABLE routing_traces (
        record_id TEXT PRIMARY KEY REFERENCES routing_records(id) ON DELETE CASCADE,
        -- JSON text (records from schema 2) or deflate-compressed JSON
        trace BLOB NOT NULL
      );
      INSERT INTO routing_traces (record_id, trace) SELECT id, trace FROM routing_records;
      ALTER TABLE routing_records DROP COLUMN trace;
      ALTER TABLE routing_records ADD COLUMN guard_rerouted INTEGER NOT NULL DEFAULT 0
        CHECK (guard_rerouted IN (0, 1));
      UPDATE routing_records SET guard_rerouted = 1
        WHERE privacy_reasons LIKE '%"kind":"guard_reroute"%';
      CREATE INDEX routing_records_private ON routing_records (private, created_ms DESC);
      CREATE INDEX routing_records_status ON routing_records (lifecycle_state, created_ms DESC);
    `);
  },
};
