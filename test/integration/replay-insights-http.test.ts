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

// replay.list, replay.export and insights.get over POST /api/rpc, checked
// against the read-only routes the web dashboard and scripts use
// (GET /api/v1/replay and /api/v1/insights) on the same database.

const temp = makeTempDir('homelane-replay-rpc-');
let served: AppServer;
const written: RoutingRecord[] = [];

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${served.url}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

beforeAll(async () => {
  served = await startAppServer({
    dataDir: join(temp.dir, 'data'),
    profile: await loadProfile(),
  });
  const db = served.context.chat?.database;
  if (!db) throw new Error('the app opened no database');
  const store = RecordStore.of(db);
  const start = Date.parse('2026-11-23T09:00:00.000Z');
  for (let i = 0; i < 9; i++) {
    const record = sampleRecord({
      created_at: new Date(start + i * 5 * 3_600_000).toISOString(),
      decision: i % 3 === 0 ? 'casual' : 'hard_questions',
      selected_model: i % 2 === 0 ? 'local/small' : 'cloud/big',
      locality: i % 2 === 0 ? 'local' : 'cloud',
      lifecycle_state: 'completed',
      total_tokens: 50 + i,
      actual_cost: 0.002 * i,
      baseline_cost: 0.02 * i,
      cost_savings: 0.018 * i,
      currency: 'USD',
    });
    store.insert(record);
    written.push(record);
  }
}, 60_000);
afterAll(async () => {
  await served.close();
  temp.cleanup();
});

describe('replay.list over HTTP', () => {
  it('lists the same records as GET /api/v1/replay, filter and pages alike', async () => {
    const rest = await getJson<{ records: RoutingRecord[] }>(
      '/api/v1/replay?decision=hard_questions',
    );
    const first = dataOf(
      (await rpcOverHttp(served.url, 'replay.list', { decision: 'hard_questions', limit: 4 }))
        .result,
    );
    expect(first.nextCursor).not.toBeNull();
    const second = dataOf(
      (
        await rpcOverHttp(served.url, 'replay.list', {
          decision: 'hard_questions',
          limit: 4,
          cursor: first.nextCursor ?? '',
        })
      ).result,
    );
    expect(second.nextCursor).toBeNull();
    const ids = [...first.records, ...second.records].map((r) => r.id);
    expect(ids).toEqual(rest.records.map((r) => r.id));
    expect(ids).toHaveLength(written.filter((r) => r.decision === 'hard_questions').length);
  });

  it('refuses an input the contract does not allow', async () => {
    const answer = await rpcOverHttp(served.url, 'replay.list', {
      locality: 'moon',
    } as unknown as Record<string, never>);
    expect(errorOf(answer.result).code).toBe('invalid_input');
  });
});

describe('insights.get over HTTP', () => {
  it('gives the numbers GET /api/v1/insights gives, for all time and for a range', async () => {
    const all = dataOf((await rpcOverHttp(served.url, 'insights.get', {})).result);
    expect(all).toEqual(await getJson('/api/v1/insights'));
    expect(all.record_count).toBe(written.length);
    const from = '2026-11-24T00:00:00Z';
    const some = dataOf((await rpcOverHttp(served.url, 'insights.get', { from })).result);
    expect(some).toEqual(await getJson(`/api/v1/insights?from=${from}`));
    expect(some.record_count).toBe(
      written.filter((r) => r.created_at >= '2026-11-24T00:00:00.000Z').length,
    );
    expect(some.record_count).toBeLessThan(all.record_count);
  });
});

describe('replay.export over HTTP', () => {
  it('answers the filtered records as JSONL', async () => {
    const exported = dataOf(
      (await rpcOverHttp(served.url, 'replay.export', { alias: 'cloud/big' })).result,
    );
    const lines = exported.text.trimEnd().split('\n');
    const ids = lines.slice(1).map((line) => (JSON.parse(line) as RoutingRecord).id);
    expect(ids.sort()).toEqual(
      written
        .filter((r) => r.selected_model === 'cloud/big')
        .map((r) => r.id)
        .sort(),
    );
    expect(exported.count).toBe(ids.length);
  });
});
