import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../src-main/core/config/load';
import type { RouterConfig } from '../../../src-main/core/config/router-config';
import { aggregateRecords } from '../../../src-main/core/insights/aggregate';
import { newRecord } from '../../../src-main/core/replay/record-builder';
import type { RecordOutcome } from '../../../src-main/core/replay/record-types';
import { REPLAY_DEFAULTS } from '../../../src-main/core/replay/replay-settings';
import { Router } from '../../../src-main/core/router/router';
import { useRecordDatabase } from '../../support/record-db';

// Insights over real records, checked against sums worked out by hand.

const CONFIG = `version: v0.3
providers:
  defaults: { default_model: local/small }
  models:
    - { name: local/small, provider_model_id: local/small }
    - { name: cloud/big, provider_model_id: cloud/big }
routing:
  modelCards: [{ name: local/small }, { name: cloud/big }]
  signals:
    keywords:
      - { name: hard, operator: OR, keywords: [prove] }
  decisions:
    - name: hard_questions
      priority: 10
      rules: { operator: AND, conditions: [{ type: keyword, name: hard }] }
      modelRefs: [{ model: cloud/big }]
`;

let router: Router;

beforeAll(async () => {
  router = await Router.create(loadConfigText(CONFIG, 'a.yaml').config as RouterConfig);
});
const data = useRecordDatabase();

async function add(text: string, at: string, outcome: RecordOutcome, isPrivate = false) {
  const trace = await router.route({ text });
  const record = newRecord(
    { ...trace, private: isPrivate, locality: outcome.locality ?? null },
    { body: {}, streaming: true, routingMs: 1, settings: REPLAY_DEFAULTS, now: new Date(at) },
  );
  data.store.insert(record);
  data.store.finish(record.id, outcome);
}

describe('insights aggregates', () => {
  it('sums spend and savings over completed, costed records only, and breaks them down', async () => {
    // Two costed cloud answers: 0.002 + 0.003 spent, baseline 0.002 + 0.003 (savings 0 each).
    await add('prove a', '2026-11-24T10:00:00Z', {
      lifecycle_state: 'completed',
      lane_id: 'cloud/big_api',
      locality: 'cloud',
      prompt_tokens: 100,
      completion_tokens: 200,
      total_tokens: 300,
      actual_cost: 0.002,
      baseline_cost: 0.002,
      cost_savings: 0,
      currency: 'USD',
      baseline_model: 'cloud/big',
    });
    await add('prove b', '2026-11-25T10:00:00Z', {
      lifecycle_state: 'completed',
      lane_id: 'cloud/big_api',
      locality: 'cloud',
      prompt_tokens: 50,
      completion_tokens: 300,
      total_tokens: 350,
      actual_cost: 0.003,
      baseline_cost: 0.003,
      cost_savings: 0,
      currency: 'USD',
      baseline_model: 'cloud/big',
    });
    // A free local answer that would have cost 0.004 on the baseline: saved 0.004.
    await add(
      'hello',
      '2026-11-25T11:00:00Z',
      {
        lifecycle_state: 'completed',
        lane_id: 'local/small_box',
        locality: 'local',
        prompt_tokens: 40,
        completion_tokens: 60,
        total_tokens: 100,
        actual_cost: 0,
        baseline_cost: 0.004,
        cost_savings: 0.004,
        currency: 'USD',
        baseline_model: 'cloud/big',
      },
      true,
    );
    // Failed (with a cost) and without cost: both excluded from the summary.
    await add('hello again', '2026-11-25T12:00:00Z', {
      lifecycle_state: 'failed',
      lane_id: 'local/small_box',
      locality: 'local',
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      actual_cost: 0,
      baseline_cost: 0.001,
      cost_savings: 0.001,
      currency: 'USD',
    });
    await add('no usage', '2026-11-25T13:00:00Z', { lifecycle_state: 'aborted' });

    const all = aggregateRecords(data.db);
    expect(all.record_count).toBe(5);
    expect(all.lifecycle).toEqual({ completed: 3, failed: 1, aborted: 1, in_progress: 0 });
    expect(all.summary.cost_record_count).toBe(3);
    expect(all.summary.excluded_record_count).toBe(2);
    expect(all.summary.actual_spend).toBeCloseTo(0.005, 12); // 0.002 + 0.003 + 0
    expect(all.summary.baseline_spend).toBeCloseTo(0.009, 12); // 0.002 + 0.003 + 0.004
    expect(all.summary.total_saved).toBeCloseTo(0.004, 12);
    expect(all.summary.currency).toBe('USD');
    expect(all.token_volume).toEqual({ input_tokens: 200, output_tokens: 565, total_tokens: 765 });
    expect(all.privacy).toEqual({ private_requests: 1, kept_local: 2, guard_reroutes: 0 });
    expect(all.by_decision.map((row) => [row.name, row.requests])).toEqual([
      ['(none)', 3],
      ['hard_questions', 2],
    ]);
    expect(all.by_locality.find((row) => row.name === 'cloud')).toMatchObject({
      requests: 2,
      tokens: 650,
    });
    // Days oldest first: a time series.
    expect(all.by_day.map((row) => [row.name, row.requests])).toEqual([
      ['2026-11-24', 1],
      ['2026-11-25', 4],
    ]);

    const oneDay = aggregateRecords(data.db, {
      from: '2026-11-25T00:00:00Z',
      decision: 'hard_questions',
    });
    expect(oneDay.record_count).toBe(1);
    expect(oneDay.summary.actual_spend).toBeCloseTo(0.003, 12);
  });
});
