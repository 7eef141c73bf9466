import type { Migration } from '../migration';

// The person's settings, one row each: a dotted key and its JSON value.
// Which keys exist and what they may hold is the settings store's business.
export const migration006: Migration = {
  version: 6,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL
      );
    `);
  },
};
