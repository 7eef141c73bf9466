import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src-main/core/store/database';
import { damagedDatabase } from '../support/damaged-database';
import { runHomelane } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';

// A damaged database in the data folder: `homelane replay list` says so,
// reads what it can read-only, and leaves the file exactly as it was.

const temp = makeTempDir('homelane-damaged-cli-');
const dataDir = join(temp.dir, 'data');
afterAll(() => temp.cleanup());

describe('homelane replay on a damaged database (built)', () => {
  it('lists its records read-only, with a warning, and changes nothing', async () => {
    const file = damagedDatabase(databasePath(dataDir));
    const before = readFileSync(file);
    const listed = await runHomelane(
      ['replay', 'list', '--limit', '3', '--json', '--data-dir', dataDir],
      30_000,
      { env: { HOMELANE_LOG_LEVEL: 'silent' } },
    );
    expect(listed.code).toBe(0);
    expect(listed.stderr).toContain('is damaged');
    expect(listed.stderr).toContain('opened read-only; nothing will be written to it');
    expect(JSON.parse(listed.stdout).records).toHaveLength(3);
    expect(readFileSync(file).equals(before)).toBe(true);

    const retention = await runHomelane(
      ['replay', 'retention', '--max-records', '1', '--data-dir', dataDir],
      30_000,
      { env: { HOMELANE_LOG_LEVEL: 'silent' } },
    );
    expect(retention.code).toBe(1);
    expect(retention.stderr).toContain('[corrupt]');
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
