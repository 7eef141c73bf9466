import type { Migration } from '../migration';

// Every routed request leaves a record: how it was routed (upstream's replay
// fields), where it went (lane, locality, privacy, fallback chain), how long
// it took, what it cost, and the bodies — capped and with secrets masked.
// Full-text search runs over the prompt, the decision and the alias.
export const migration002: Migration = {
  version: 2,
  name: 'routing records',
  up(db) {
    db.exec(`
      CREATE TABLE routing_records (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
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
        signals TEXT NOT NULL DEFAULT '{}',
        trace TEXT NOT NULL
      );
      CREATE INDEX routing_records_time ON routing_records (created_ms DESC, id DESC);
      CREATE INDEX routing_records_decision ON routing_records (decision, created_ms DESC);
      CREATE INDEX routing_records_model ON routing_records (selected_model, created_ms DESC);
      CREATE INDEX routing_records_lane ON routing_records (lane_id, created_ms DESC);
      CREATE INDEX routing_records_locality ON routing_records (locality, created_ms DESC);
      CREATE INDEX routing_records_conversation ON routing_records (conversation_id, created_ms);

      CREATE VIRTUAL TABLE routing_records_fts USING fts5(
        prompt, decision, selected_model,
        content = 'routing_records', content_rowid = 'rowid', tokenize = 'unicode61'
      );
      CREATE TRIGGER routing_records_fts_insert AFTER INSERT ON routing_records BEGIN
        INSERT INTO routing_records_fts (rowid, prompt, decision, selected_model)
        VALUES (new.rowid, new.prompt, new.decision, new.selected_model);
      END;
      CREATE TRIGGER routing_records_fts_delete AFTER DELETE ON routing_records BEGIN
        INSERT INTO routing_records_fts (routing_records_fts, rowid, prompt, decision, selected_model)
        VALUES ('delete', old.rowid, old.prompt, old.decision, old.selected_model);
      END;
      CREATE TRIGGER routing_records_fts_update AFTER UPDATE OF prompt, decision, selected_model
        ON routing_records BEGIN
        INSERT INTO routing_records_fts (routing_records_fts, rowid, prompt, decision, selected_model)
        VALUES ('delete', old.rowid, old.prompt, old.decision, old.selected_model);
        INSERT INTO routing_records_fts (rowid, prompt, decision, selected_model)
        VALUES (new.rowid, new.prompt, new.decision, new.selected_model);
      END;
    `);
  },
};
