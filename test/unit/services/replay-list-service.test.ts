import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Insights, ReplayExport, ReplayList } from '../../../src-main/contract';
import { aggregateRecords } from '../../../src-main/core/insights/aggregate';
import { importJsonl } from '../../../src-main/core/replay/import-jsonl';
import { RecordStore } from '../../../src-main/core/replay/record-store';
import type { RoutingRecord } from '../../../src-main/core/replay/record-types';
import { openDatabase } from '../../../src-main/core/store/database';
import { dispatch } from '../../../src-main/core/services/dispatch';
import { sampleRecord } from '../../support/sample-record';
import { appContext } from './app-context-fixture';
import type { AppContextFixture } from './app-context-fixture';

// replay.list, replay.export and insights.get through the dispatcher, over
// records written into the app's database by the real store.

let app: AppContextFixture;
const written: RoutingRecord[] = [];

const call = (method: string, input: unknown) => dispatch(app.handlers, method, input);

async function ok<T>(method: string, input: unknown): Promise<T> {
  const answer = await call(method, input);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
  return answer.data as T;
}

const newestFirst = (keep: (r: RoutingRecord) => boolean = () => true) =>
  written
    .filter(keep)
    .sort((a, b) => b.created_at.localeCompare(a.created_at))
    .map((r) => r.id);

beforeAll(async () => {
  app = await appContext();
  const db = app.context.chat?.database;
  if (!db) throw new Error('the app opened no database');
  const store = RecordStore.of(db);
  const start = Date.parse('2026-11-20T08:00:00.000Z');
  for (let i = 0; i < 12; i++) {
    const local = i % 3 === 0;
    const record = sampleRecord({
      created_at: new Date(start + i * 7_200_000).toISOString(),
      decision: i % 2 === 0 ? 'casual' : 'hard_questions',
      selected_model: local ? 'local/small' : 'cloud/big',
      lane_id: local ? 'lane-local' : 'lane-cloud',
      locality: local ? 'local' : 'cloud',
      private: i % 4 === 1,
      lifecycle_state: i % 5 === 4 ? 'failed' : 'completed',
      prompt: i === 7 ? 'summarise the payroll figures' : `question number ${i}`,
      request_body: `{"n":${i}}`,
      total_tokens: 100 + i,
      prompt_tokens: 80 + i,
      completion_tokens: 20,
      actual_cost: 0.001 * i,
      baseline_cost: 0.01 * i,
      cost_savings: 0.009 * i,
      currency: 'USD',
      baseline_model: 'cloud/big',
    });
    store.insert(record);
    written.push(record);
  }
}, 60_000);
afterAll(() => app.close());

describe('replay.list', () => {
  it('lists newest first, leaving the bodies and the trace out of a row', async () => {
    const list = await ok<ReplayList>('replay.list', {});
    expect(list.records.map((r) => r.id)).toEqual(newestFirst());
    expect(list.nextCursor).toBeNull();
    expect(list.records[0]).not.toHaveProperty('request_body');
    expect(list.records[0]).not.toHaveProperty('trace');
    expect(list.records[0]?.prompt).toBe(written.at(-1)?.prompt);
  });

  it('filters by decision, alias, lane, locality, private, status, text and time', async () => {
    const cases: [object, (r: RoutingRecord) => boolean][] = [
      [{ decision: 'casual' }, (r) => r.decision === 'casual'],
      [{ alias: 'local/small' }, (r) => r.selected_model === 'local/small'],
      [{ lane: 'lane-cloud' }, (r) => r.lane_id === 'lane-cloud'],
      [{ locality: 'local' }, (r) => r.locality === 'local'],
      [{ private: true }, (r) => r.private],
      [{ status: 'failed' }, (r) => r.lifecycle_state === 'failed'],
      [{ text: 'payroll' }, (r) => r.prompt.includes('payroll')],
      [
        { from: '2026-11-20T12:00:00Z', to: '2026-11-20T18:00:00Z' },
        (r) =>
          r.created_at >= '2026-11-20T12:00:00.000Z' && r.created_at <= '2026-11-20T18:00:00.000Z',
      ],
    ];
    for (const [filters, keep] of cases) {
      const expected = newestFirst(keep);
      expect(expected.length, JSON.stringify(filters)).toBeGreaterThan(0);
      expect(expected.length, JSON.stringify(filters)).toBeLessThan(written.length);
      const list = await ok<ReplayList>('replay.list', filters);
      expect(
        list.records.map((r) => r.id),
        JSON.stringify(filters),
      ).toEqual(expected);
    }
  });

  it('pages by cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const list: ReplayList = await ok<ReplayList>('replay.list', {
        limit: 5,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...list.records.map((r) => r.id));
      cursor = list.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(newestFirst());
  });

  it('refuses a bad cursor, a backwards range and an unknown filter', async () => {
    for (const input of [
      { cursor: 'bm90LWEtY3Vyc29y' },
      { from: '2026-11-21T00:00:00Z', to: '2026-11-20T00:00:00Z' },
      { colour: 'blue' },
      { limit: 0 },
    ]) {
      const answer = await call('replay.list', input);
      expect(answer, JSON.stringify(input)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
  });
});

describe('insights.get', () => {
  it('gives the store aggregate, over a time range too', async () => {
    const db = app.context.chat?.database;
    if (!db) throw new Error('no database');
    const all = await ok<Insights>('insights.get', {});
    expect(all).toEqual(aggregateRecords(db));
    expect(all.record_count).toBe(written.length);
    const range = { from: '2026-11-20T12:00:00Z', to: '2026-11-20T18:00:00Z' };
    const some = await ok<Insights>('insights.get', range);
    expect(some).toEqual(aggregateRecords(db, range));
    expect(some.record_count).toBe(
      newestFirst(
        (r) =>
          r.created_at >= '2026-11-20T12:00:00.000Z' && r.created_at <= '2026-11-20T18:00:00.000Z',
      ).length,
    );
    expect(some.record_count).toBeLessThan(all.record_count);
  });
});

describe('replay.export', () => {
  it('exports the filtered records as JSONL that the importer reads back', async () => {
    const exported = await ok<ReplayExport>('replay.export', { decision: 'casual' });
    const expected = newestFirst((r) => r.decision === 'casual');
    expect(exported.count).toBe(expected.length);
    expect(exported.fileName).toMatch(/^homelane-replay-.*\.jsonl$/);
    const lines = exported.text.trimEnd().split('\n');
    expect(lines).toHaveLength(expected.length + 1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ format: 'homelane-replay', count: 6 });

    const file = join(app.dir, 'export.jsonl');
    writeFileSync(file, exported.text);
    const other = openDatabase(join(app.dir, 'other', 'homelane.db'));
    const report = await importJsonl(file, RecordStore.of(other));
    expect(report).toMatchObject({ imported: expected.length });
    expect(RecordStore.of(other).get(expected[0] ?? '')?.request_body).toBe(
      written.find((r) => r.id === expected[0])?.request_body,
    );
    other.close();
  });
});
