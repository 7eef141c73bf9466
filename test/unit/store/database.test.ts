import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError, databasePath, openDatabase } from '../../../src-main/core/store/database';
import { MIGRATIONS } from '../../../src-main/core/store/migrations/index';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.cleanup());

function openError(file: string): StoreError {
  try {
    openDatabase(file).close();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected the database to be refused');
}

describe('the database', () => {
  it('is created in the data folder, migrated to the latest schema, in WAL with foreign keys', () => {
    const db = openDatabase(databasePath(join(temp.dir, 'data')));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => (row as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['conversations', 'memory']));
    db.close();
  });

  it('applies each migration once, and only the new ones on a later start', () => {
    const file = join(temp.dir, 'h.db');
    let runs = 0;
    const counted = MIGRATIONS.map((migration) => ({
      ...migration,
      up: (db: Parameters<typeof migration.up>[0]) => {
        runs++;
        migration.up(db);
      },
    }));
    openDatabase(file, { migrations: counted }).close();
    openDatabase(file, { migrations: counted }).close();
    expect(runs).toBe(MIGRATIONS.length);
    const extra = {
      version: 99,
      name: 'test column',
      up: (db: Parameters<(typeof MIGRATIONS)[number]['up']>[0]) =>
        db.exec('ALTER TABLE memory ADD COLUMN tag TEXT'),
    };
    const db = openDatabase(file, { migrations: [...MIGRATIONS, extra] });
    expect(db.pragma('user_version', { simple: true })).toBe(99);
    db.close();
  });

  it('refuses a file from a newer Homelane, and a file that is not a database, leaving both as they are', () => {
    const newer = join(temp.dir, 'newer.db');
    const db = openDatabase(newer);
    db.pragma('user_version = 500');
    db.close();
    expect(openError(newer)).toMatchObject({ code: 'too_new' });

    const garbage = join(temp.dir, 'garbage.db');
    writeFileSync(garbage, 'this is not sqlite '.repeat(300));
    const error = openError(garbage);
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain(garbage);
    expect(readFileSync(garbage, 'utf8')).toBe('this is not sqlite '.repeat(300));
  });
});
