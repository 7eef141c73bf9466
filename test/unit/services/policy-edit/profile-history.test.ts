import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ActiveProfileStore,
  HISTORY_KEEP,
  readActiveProfileMeta,
} from '../../../../src-main/core/services/profile-import/active-profile-store';
import { makeTempDir } from '../../../support/temp-dir';

// The saved profile's history keeps each replaced version's metadata beside
// it; versions kept without metadata (or with unreadable metadata) still list.

let temp: ReturnType<typeof makeTempDir>;
let clock: number;
beforeEach(() => {
  temp = makeTempDir('homelane-history-');
  clock = Date.parse('2025-03-01T08:00:00Z');
});
afterEach(() => temp.cleanup());

const store = () => new ActiveProfileStore(temp.dir, () => new Date((clock += 1000)));
const historyDir = () => join(temp.dir, 'profiles', 'history');
const metaDir = () => join(temp.dir, 'profiles', 'history-meta');

async function save(text: string, name: string, note?: string) {
  const staged = await store().stage(text);
  return staged.commit({ name, source: `${name}.yaml` }, note);
}

describe('the profile history', () => {
  it('keeps the replaced version with its name, source, time and note', async () => {
    expect(await save('one: 1\n', 'one', 'first try')).toEqual({
      previousFile: null,
      previousId: null,
    });
    expect(await readActiveProfileMeta(temp.dir)).toEqual({
      name: 'one',
      source: 'one.yaml',
      appliedAt: '2025-03-01T08:00:01.000Z',
      note: 'first try',
    });
    const second = await save('two: 2\n', 'two');
    expect(second.previousId).toBe('2025-03-01T08-00-02-000Z');
    expect(await store().listHistory()).toEqual([
      {
        id: '2025-03-01T08-00-02-000Z',
        bytes: 7,
        meta: {
          name: 'one',
          source: 'one.yaml',
          appliedAt: '2025-03-01T08:00:01.000Z',
          note: 'first try',
        },
      },
    ]);
    const kept = await store().readHistory('2025-03-01T08-00-02-000Z');
    expect(kept?.text).toBe('one: 1\n');
    expect(await store().readSaved()).toBe('two: 2\n');
  });

  it('lists newest first, and gives versions replaced in the same millisecond their own ids', async () => {
    const fixed = new ActiveProfileStore(temp.dir, () => new Date('2025-03-01T09:00:00Z'));
    for (const name of ['a', 'b', 'c', 'd'])
      await (await fixed.stage(`${name}: 1\n`)).commit({ name, source: name });
    const listed = await fixed.listHistory();
    expect(listed.map((entry) => entry.id)).toEqual([
      '2025-03-01T09-00-00-000Z-2',
      '2025-03-01T09-00-00-000Z-1',
      '2025-03-01T09-00-00-000Z',
    ]);
    expect(listed.map((entry) => entry.meta?.name)).toEqual(['c', 'b', 'a']);
  });

  it('lists a version kept without metadata, and one whose metadata is corrupt, with none', async () => {
    await save('one: 1\n', 'one');
    await save('two: 2\n', 'two');
    mkdirSync(historyDir(), { recursive: true });
    writeFileSync(join(historyDir(), '2024-12-31T23-00-00-000Z.yaml'), 'old: 1\n');
    writeFileSync(join(metaDir(), '2025-03-01T08-00-02-000Z.json'), '{ not json');
    const listed = await store().listHistory();
    expect(listed).toEqual([
      { id: '2025-03-01T08-00-02-000Z', bytes: 7, meta: null },
      { id: '2024-12-31T23-00-00-000Z', bytes: 7, meta: null },
    ]);
  });

  it('refuses ids that are not history stamps, so no other file can be read', async () => {
    await save('one: 1\n', 'one');
    await save('two: 2\n', 'two');
    expect(await store().readHistory('../active')).toBeNull();
    expect(await store().readHistory('active')).toBeNull();
    expect(await store().readHistory('2020-01-01T00-00-00-000Z')).toBeNull();
  });

  it(`prunes past ${HISTORY_KEEP} versions, their metadata with them`, async () => {
    for (let i = 0; i < HISTORY_KEEP + 3; i++) await save(`p: ${i}\n`, `p${i}`);
    expect(readdirSync(historyDir())).toHaveLength(HISTORY_KEEP);
    expect(readdirSync(metaDir())).toHaveLength(HISTORY_KEEP);
    const oldest = (await store().listHistory()).at(-1);
    expect(oldest?.meta?.name).toBe(`p${2}`);
    expect(readFileSync(join(historyDir(), `${oldest?.id}.yaml`), 'utf8')).toBe('p: 2\n');
  });
});
