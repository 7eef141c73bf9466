import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordStore } from '../../../src-main/core/replay/record-store';
import { sampleRecord } from '../../support/sample-record';
import { StoreError, openDatabase } from '../../../src-main/core/store/database';
import { MIGRATIONS } from '../../../src-main/core/store/migrations/index';
import { openStore } from '../../../src-main/core/store/open-store';
import { damagedDatabase } from '../../support/damaged-database';
import { makeTempDir } from '../../support/temp-dir';

// A damaged database is opened read-only: what can be read is still there
// to review and export, and nothing is written into the damaged file.

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.cleanup());

describe('opening the store', () => {
  it('opens a healthy database read-write', () => {
    const opened = openStore(join(temp.dir, 'fresh.db'));
    expect(opened).toMatchObject({ readOnly: false, problem: null });
    opened.db.close();
  });

  it('opens a damaged database read-only: its records still read, writes are refused, the file is unchanged', () => {
    const file = damagedDatabase(join(temp.dir, 'homelane.db'));
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(StoreError);
    const opened = openStore(file);
    try {
      expect(opened.readOnly).toBe(true);
      expect(opened.problem?.code).toBe('corrupt');
      expect(opened.problem?.message).toContain(file);
      const store = new RecordStore(opened.db);
      expect(store.list({}, { limit: 10 }).records).toHaveLength(10);
      expect(() => store.insert(sampleRecord())).toThrow(/readonly/i);
    } finally {
      opened.db.close();
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('still refuses a file that is not a database, and one from a newer Homelane', () => {
    const garbage = join(temp.dir, 'garbage.db');
    writeFileSync(garbage, 'not sqlite at all '.repeat(400));
    expect(() => openStore(garbage)).toThrow(expect.objectContaining({ code: 'corrupt' }));
    const newer = join(temp.dir, 'newer.db');
    const db = openDatabase(newer);
    db.pragma(`user_version = ${(MIGRATIONS.at(-1)?.version ?? 0) + 1}`);
    db.close();
    expect(() => openStore(newer)).toThrow(expect.objectContaining({ code: 'too_new' }));
  });
});
