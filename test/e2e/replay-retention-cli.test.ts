import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RecordStore } from '../../src-main/core/replay/record-store';
import { databasePath, openDatabase } from '../../src-main/core/store/database';
import { sampleRecord } from '../support/sample-record';
import { runHomelane } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';

// `homelane replay retention` saves how long records are kept and applies
// it at once, on a real database in the data folder.

const temp = makeTempDir('homelane-retention-cli-');
const dataDir = join(temp.dir, 'data');
afterAll(() => temp.cleanup());

const run = (args: string[]) =>
  runHomelane(['replay', ...args, '--data-dir', dataDir], 30_000, {
    env: { HOMELANE_LOG_LEVEL: 'silent' },
  });

describe('homelane replay retention (built)', () => {
  it('shows the defaults, saves a rule, applies it, and refuses a bad value', async () => {
    const shown = await run(['retention']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('keep records for: ever');
    expect(shown.stdout).toContain('keep at most:     no limit');

    const db = openDatabase(databasePath(dataDir));
    const store = new RecordStore(db);
    const now = Date.now();
    for (let i = 0; i < 12; i++) {
      store.insert(sampleRecord({ created_at: new Date(now - i * 3_600_000).toISOString() }));
    }
    db.close();

    const saved = await run(['retention', '--max-records', '5', '--json']);
    expect(saved.code).toBe(0);
    expect(JSON.parse(saved.stdout)).toEqual({
      'replay.max_age_days': null,
      'replay.max_records': 5,
      removed: 7,
    });
    const listed = await run(['list', '--json']);
    expect(JSON.parse(listed.stdout).records).toHaveLength(5);

    const again = await run(['retention']);
    expect(again.stdout).toContain('keep at most:     5 records');
    expect(again.stdout).toContain('removed now:      0');

    const bad = await run(['retention', '--max-age-days', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-age-days takes a whole number or "off"');
    const off = await run(['retention', '--max-records', 'off', '--json']);
    expect(JSON.parse(off.stdout)['replay.max_records']).toBeNull();
  });
});
