import { describe, expect, it } from 'vitest';
import { aggregateRecords } from '../../../src-main/core/insights/aggregate';
import type { Aggregate, AggregateFilters } from '../../../src-main/core/insights/aggregate';
import { splitDays } from '../../../src-main/core/insights/rollup-groups';
import type { RoutingRecord } from '../../../src-main/core/replay/record-types';
import { applyRetention } from '../../../src-main/core/replay/retention';
import { useRecordDatabase } from '../../support/record-db';
import { sampleRecord } from '../../support/sample-record';

// The insights are folded from per-day rollups that triggers keep in step
// with the records. Whatever happens to the records — inserted, finished,
// re-finished, trimmed, deleted by retention — the aggregate must equal the
// same sums worked out directly from the records that remain, for any time
// range (whole days from the rollups, partial days from the records).

const data = useRecordDatabase();

/** A small deterministic generator, so a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const pick = <T>(next: () => number, items: readonly T[]): T =>
  items[Math.floor(next() * items.length)] as T;

/** The aggregate worked out in plain code from the records themselves. */
function direct(records: readonly RoutingRecord[], filters: AggregateFilters) {
  const from = filters.from ? Date.parse(filters.from) : -Infinity;
  const to = filters.to ? Date.parse(filters.to) : Infinity;
  const kept = records.filter((record) => {
    const at = Date.parse(record.created_at);
    return (
      at >= from &&
      at <= to &&
      (filters.decision === undefined || (record.decision ?? '') === filters.decision) &&
      (filters.model === undefined || (record.selected_model ?? '') === filters.model)
    );
  });
  const costed = kept.filter(
    (record) =>
      record.lifecycle_state === 'completed' &&
      record.actual_cost !== null &&
      record.baseline_cost !== null &&
      record.cost_savings !== null,
  );
  const total = (items: readonly RoutingRecord[], value: (record: RoutingRecord) => number) =>
    items.reduce((sum, record) => sum + value(record), 0);
  const byDay = new Map<string, number>();
  for (const record of kept) {
    const day = record.created_at.slice(0, 10);
    byDay.set(day, (byDay.get(day) ?? 0) + 1);
  }
  return {
    record_count: kept.length,
    completed: kept.filter((record) => record.lifecycle_state === 'completed').length,
    failed: kept.filter((record) => record.lifecycle_state === 'failed').length,
    in_progress: kept.filter((record) => record.lifecycle_state === 'in_progress').length,
    cost_record_count: costed.length,
    actual_spend: total(costed, (record) => record.actual_cost ?? 0),
    total_saved: total(costed, (record) => record.cost_savings ?? 0),
    total_tokens: total(kept, (record) => record.total_tokens ?? 0),
    private_requests: kept.filter((record) => record.private).length,
    kept_local: kept.filter((record) => record.locality === 'local' || record.locality === 'lan')
      .length,
    by_day: [...byDay].sort(([a], [b]) => a.localeCompare(b)),
  };
}

function summary(aggregate: Aggregate) {
  return {
    record_count: aggregate.record_count,
    completed: aggregate.lifecycle.completed,
    failed: aggregate.lifecycle.failed,
    in_progress: aggregate.lifecycle.in_progress,
    cost_record_count: aggregate.summary.cost_record_count,
    actual_spend: aggregate.summary.actual_spend,
    total_saved: aggregate.summary.total_saved,
    total_tokens: aggregate.token_volume.total_tokens,
    private_requests: aggregate.privacy.private_requests,
    kept_local: aggregate.privacy.kept_local,
    by_day: aggregate.by_day.map((row) => [row.name, row.requests]),
  };
}

function expectSame(filters: AggregateFilters): void {
  const records = [...data.store.all()];
  const want = direct(records, filters);
  const got = summary(aggregateRecords(data.db, filters));
  const { actual_spend: wantSpend, total_saved: wantSaved, ...wantRest } = want;
  const { actual_spend: gotSpend, total_saved: gotSaved, ...gotRest } = got;
  expect(gotRest, JSON.stringify(filters)).toEqual(wantRest);
  expect(gotSpend).toBeCloseTo(wantSpend, 9);
  expect(gotSaved).toBeCloseTo(wantSaved, 9);
}

describe('insights rollups', () => {
  it('match the records after inserts, finishes, re-finishes and deletes, for any time range', () => {
    const next = random(7);
    const start = Date.UTC(2026, 9, 1);
    const ids: string[] = [];
    for (let i = 0; i < 600; i++) {
      const at = new Date(start + Math.floor(next() * 20 * 86_400_000));
      const record = sampleRecord({
        created_at: at.toISOString(),
        decision: pick(next, ['hard_questions', 'code_help', null]),
        selected_model: pick(next, ['cloud/big', 'local/small']),
        private: next() < 0.2,
        locality: pick(next, ['local', 'lan', 'cloud', null] as const),
      });
      data.store.insert(record);
      ids.push(record.id);
      if (next() < 0.85) {
        const completed = next() < 0.8;
        data.store.finish(record.id, {
          lifecycle_state: completed ? 'completed' : 'failed',
          lane_id: pick(next, ['a', 'b']),
          total_tokens: Math.floor(next() * 900),
          ...(next() < 0.9
            ? {
                actual_cost: Math.round(next() * 1e6) / 1e9,
                baseline_cost: 0.002,
                cost_savings: 0.001,
              }
            : {}),
          currency: 'USD',
        });
      }
    }
    // A finished record finished again (a late usage report) moves its share.
    for (const id of ids.slice(0, 40)) {
      data.store.finish(id, {
        lifecycle_state: 'completed',
        total_tokens: 5,
        actual_cost: 0.0001,
        baseline_cost: 0.0002,
        cost_savings: 0.0001,
      });
    }
    applyRetention(data.db, { maxRecords: 450 });

    expectSame({});
    expectSame({ decision: 'hard_questions' });
    expectSame({ model: 'local/small' });
    expectSame({ decision: '' });
    for (let round = 0; round < 25; round++) {
      const a = start + Math.floor(next() * 22 * 86_400_000) - 86_400_000;
      const b = a + Math.floor(next() * 6 * 86_400_000);
      expectSame({ from: new Date(a).toISOString(), to: new Date(b).toISOString() });
    }
    // Bounds on day edges, inside one day, and open on one side.
    expectSame({ from: '2026-10-05T00:00:00.000Z', to: '2026-10-09T23:59:59.999Z' });
    expectSame({ from: '2026-10-05T06:00:00.000Z', to: '2026-10-05T18:00:00.000Z' });
    expectSame({ from: '2026-10-12T13:00:00.000Z' });
    expectSame({ to: '2026-10-12T13:00:00.000Z' });
    expect(
      aggregateRecords(data.db, { from: '2026-10-09T00:00:00Z', to: '2026-10-01T00:00:00Z' })
        .record_count,
    ).toBe(0);
  });

  it('count a record that sits exactly on a bound (both bounds are inclusive)', () => {
    for (const at of [
      '2026-10-04T23:59:59.999Z',
      '2026-10-05T06:00:00.000Z',
      '2026-10-06T12:00:00.000Z',
      '2026-10-07T18:00:00.000Z',
      '2026-10-07T18:00:00.001Z',
    ]) {
      data.store.insert(sampleRecord({ created_at: at }));
    }
    const count = (from: string, to: string) =>
      aggregateRecords(data.db, { from, to }).record_count;
    expect(count('2026-10-05T06:00:00.000Z', '2026-10-07T18:00:00.000Z')).toBe(3);
    expect(count('2026-10-05T06:00:00.000Z', '2026-10-05T06:00:00.000Z')).toBe(1);
    expect(count('2026-10-04T23:59:59.999Z', '2026-10-05T00:00:00.000Z')).toBe(1);
    expect(count('2026-10-05T06:00:00.001Z', '2026-10-07T17:59:59.999Z')).toBe(1);
  });

  it('leave no empty rollup rows behind once records are gone', () => {
    for (let i = 0; i < 30; i++) {
      data.store.insert(
        sampleRecord({ created_at: new Date(Date.UTC(2026, 0, 1 + i)).toISOString() }),
      );
    }
    expect(applyRetention(data.db, { maxRecords: 0 }).removed).toBe(30);
    const left = data.db.prepare('SELECT count(*) AS n FROM record_rollups').get() as { n: number };
    expect(left.n).toBe(0);
    expect(aggregateRecords(data.db).record_count).toBe(0);
  });
});

describe('splitting a time range into whole days and partial edges', () => {
  const ms = (iso: string) => Date.parse(iso);
  it('keeps whole days for the rollups and the rest for the records', () => {
    expect(splitDays(ms('2026-10-05T06:00:00Z'), ms('2026-10-08T12:00:00Z'))).toEqual({
      days: { first: '2026-10-06', last: '2026-10-07' },
      edges: [
        { fromMs: ms('2026-10-05T06:00:00Z'), toMs: ms('2026-10-06T00:00:00Z') - 1 },
        { fromMs: ms('2026-10-08T00:00:00Z'), toMs: ms('2026-10-08T12:00:00Z') },
      ],
    });
    expect(splitDays(ms('2026-10-05T00:00:00Z'), ms('2026-10-05T23:59:59.999Z'))).toEqual({
      days: { first: '2026-10-05', last: '2026-10-05' },
      edges: [],
    });
    expect(splitDays(undefined, undefined)).toEqual({ days: {}, edges: [] });
    expect(splitDays(ms('2026-10-05T01:00:00Z'), ms('2026-10-05T02:00:00Z'))).toEqual({
      days: null,
      edges: [{ fromMs: ms('2026-10-05T01:00:00Z'), toMs: ms('2026-10-05T02:00:00Z') }],
    });
  });
});
