import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordStore } from '../../src-main/core/replay/record-store';
import type { RoutingRecord } from '../../src-main/core/replay/record-types';
import { loadProfile } from '../../src-main/core/services/default-profile';
import { startAppServer } from '../support/app-server';
import type { AppServer } from '../support/app-server';
import { dataOf, errorOf, rpcOverHttp } from '../support/rpc-http';
import { sampleRecord } from '../support/sample-record';
import { makeTempDir } from '../support/temp-dir';

// Importing a replay export from the UI, over real HTTP: one app exports its
// records, another imports the file into a database of its own under
// imports/, lists the imported set and reads its records through `source`;
// its own records are untouched. Bad lines come back located by line.

const temp = makeTempDir('homelane-replay-import-http-');
let origin: AppServer;
let target: AppServer;
const written: RoutingRecord[] = [];

beforeAll(async () => {
  const profile = await loadProfile();
  origin = await startAppServer({ dataDir: join(temp.dir, 'origin'), profile });
  target = await startAppServer({ dataDir: join(temp.dir, 'target'), profile });
  const store = new RecordStore(origin.context.chat!.database);
  for (let i = 0; i < 5; i++) {
    const record = sampleRecord({
      created_at: new Date(Date.parse('2026-11-20T10:00:00.000Z') + i * 60_000).toISOString(),
      decision: i % 2 === 0 ? 'coding' : 'casual',
      prompt: `imported prompt ${i}`,
      lifecycle_state: 'completed',
    });
    store.insert(record);
    written.push(record);
  }
  // One record of the target's own, which the import must not join.
  new RecordStore(target.context.chat!.database).insert(sampleRecord({ prompt: 'my own' }));
}, 60_000);

afterAll(async () => {
  await origin?.close();
  await target?.close();
  temp.cleanup();
});

async function exported(): Promise<string> {
  return dataOf((await rpcOverHttp(origin.url, 'replay.export', {})).result).text;
}

describe('replay.import', () => {
  it('imports an export into its own database and lists and reads it by name', async () => {
    const report = dataOf(
      (
        await rpcOverHttp(target.url, 'replay.import', {
          text: await exported(),
          fileName: 'box two.jsonl',
        })
      ).result,
    );
    expect(report).toMatchObject({
      name: 'box_two',
      read: 5,
      imported: 5,
      skipped: 0,
      rejected: 0,
    });
    expect(report.problems).toEqual([]);
    expect(existsSync(join(temp.dir, 'target', 'imports', 'box_two.db'))).toBe(true);

    const sets = dataOf((await rpcOverHttp(target.url, 'replay.imports', {})).result);
    expect(sets.imports).toEqual([
      expect.objectContaining({ name: 'box_two', records: 5, problem: null }),
    ]);

    const listed = dataOf(
      (await rpcOverHttp(target.url, 'replay.list', { source: 'box_two' })).result,
    );
    expect(listed.records.map((record) => record.id)).toEqual(
      [...written].reverse().map((record) => record.id),
    );
    const filtered = dataOf(
      (await rpcOverHttp(target.url, 'replay.list', { source: 'box_two', decision: 'coding' }))
        .result,
    );
    expect(filtered.records).toHaveLength(3);

    const first = written[0]!;
    const record = dataOf(
      (await rpcOverHttp(target.url, 'replay.record', { recordId: first.id, source: 'box_two' }))
        .result,
    ).record;
    expect(record.prompt).toBe(first.prompt);

    // The machine's own records are apart: one record, not the imported five.
    const own = dataOf((await rpcOverHttp(target.url, 'replay.list', {})).result);
    expect(own.records.map((item) => item.prompt)).toEqual(['my own']);
    const missing = await rpcOverHttp(target.url, 'replay.record', { recordId: first.id });
    expect(errorOf(missing.result).code).toBe('not_found');
  });

  it('imports the same file again without duplicates', async () => {
    const again = dataOf(
      (
        await rpcOverHttp(target.url, 'replay.import', {
          text: await exported(),
          fileName: 'box two.jsonl',
        })
      ).result,
    );
    expect(again).toMatchObject({ imported: 0, skipped: 5 });
  });

  it('reports bad lines by line and keeps the good ones', async () => {
    const lines = (await exported()).split('\n');
    lines[2] = '{not json';
    lines[3] = JSON.stringify({ ...JSON.parse(lines[3]!), decision_tier: 'high' });
    const report = dataOf(
      (
        await rpcOverHttp(target.url, 'replay.import', {
          text: lines.join('\n'),
          fileName: 'damaged.jsonl',
        })
      ).result,
    );
    expect(report).toMatchObject({ name: 'damaged', read: 5, imported: 3, rejected: 2 });
    expect(report.problems.map((problem) => problem.line)).toEqual([3, 4]);
    expect(report.problems[1]?.field).toBe('decision_tier');
  });

  it('refuses a file that is not an export, creating nothing, naming the picked file', async () => {
    const answer = await rpcOverHttp(target.url, 'replay.import', {
      text: 'hello\nworld\n',
      fileName: 'notes.jsonl',
    });
    const error = errorOf(answer.result);
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('notes.jsonl:1');
    expect(existsSync(join(temp.dir, 'target', 'imports', 'notes.db'))).toBe(false);
    const unknown = await rpcOverHttp(target.url, 'replay.list', { source: 'nothing-here' });
    expect(errorOf(unknown.result).code).toBe('not_found');
  });
});
