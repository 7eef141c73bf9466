import type { Migration } from '../migration';

// Batched writes of routing records, at a fraction of the cost per record.
//
// - A new record's rollup share and full-text entry are added by the record
//   store (src-main/core/replay/record-indexing.ts), no longer by triggers
//   on INSERT; for a batch, in one statement each at its end. Indexed by a
//   trigger inside a transaction of many records, every record became a
//   full-text segment of its own (FTS5 writes out what it holds whenever a
//   statement opens a statement journal, and an INSERT with a trigger always
//   opens one). Updates and deletes keep their triggers.
// - The traces of a batch are compressed a few at a time into
//   `trace_packs`; each member's `routing_traces` row names its pack and
//   holds its span in it (trace-codec.ts). `members` counts the rows that
//   still point at a pack; the last one to go takes the pack with it.
//   (`pack` declares no foreign key: SQLite would look for a pack's members
//   whenever one is deleted, and no index on `pack` is kept for that.)
// - The full-text index merges its segments 16 at a time instead of 4
//   (FTS5's `automerge`; 16 is its largest). Batches write few, large
//   segments; merging them four at a time left big merges under way that
//   every later record, written alone, paid a share of (about 170 µs each
//   at a million records). A search reads a few more segments: the p95 of
//   a searched list page was 3.3 ms at a million records (2.9 ms before).
//
// Rows already stored are complete; nothing is rebuilt. From now on a
// routing record is written only through the record store: a row inserted
// with plain SQL is neither searchable nor counted in the insights.
export const migration007: Migration = {
  version: 7,
  name: 'records completed by the store',
  up(db) {
    db.exec(`
      DROP TRIGGER routing_records_fts_insert;
      DROP TRIGGER record_rollups_insert;

      CREATE TABLE trace_packs (
        id INTEGER PRIMARY KEY,
        -- several traces' JSON, one after the other, compressed together
        traces BLOB NOT NULL,
        members INTEGER NOT NULL CHECK (members >= 0)
      );
      -- NULL: the trace is stored alone in \`trace\`; else \`trace\` is its span in this pack
      ALTER TABLE routing_traces ADD COLUMN pack INTEGER;
      CREATE TRIGGER trace_packs_release AFTER DELETE ON routing_traces
        WHEN OLD.pack IS NOT NULL BEGIN
        UPDATE trace_packs SET members = members - 1 WHERE id = OLD.pack;
        DELETE FROM trace_packs WHERE id = OLD.pack AND members = 0;
      END;

      INSERT INTO routing_records_fts (routing_records_fts, rank) VALUES ('automerge', 16);
    `);
  },
};
