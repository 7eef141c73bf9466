import type Database from 'better-sqlite3';

/** One step of the schema; `version` is its number, applied in order, once. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
