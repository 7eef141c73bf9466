import { describe, expect, it } from 'vitest';
import type { Candidate, EgressGuard } from '../../../../src-main/core/lanes/fallback';
import type { Lane } from '../../../../src-main/core/lanes/lane-registry';
import type { ProbeReport } from '../../../../src-main/core/probes/run-probes';
import type { RoutingTrace } from '../../../../src-main/core/router/trace';
import { lanePlan } from '../../../../src-main/core/services/playground/lane-plan';
import { probesView } from '../../../../src-main/core/services/playground/probe-report-view';

// The Playground's pure views: the guarded lane plan and the probe report.

function candidate(id: string, locality: Lane['locality'], extra: Partial<Lane> = {}): Candidate {
  const lane = {
    id,
    alias: id.split('_')[0] ?? id,
    origin: 'policy',
    upstreamModelId: id,
    apiFormat: 'openai',
    baseUrl: `http://${id}.example:8000`,
    protocol: 'http',
    weight: 1,
    type: 'vllm',
    locality,
    localitySource: 'config',
    ...extra,
  } as Lane;
  return { lane, target: { alias: lane.alias, source: 'selected', trace: {} as RoutingTrace } };
}

const refuseCloud: EgressGuard = (c) =>
  c.lane.locality === 'cloud'
    ? { allowed: false, reason: 'the request is private' }
    : { allowed: true };

describe('lanePlan', () => {
  it('keeps the order, gives each verdict and picks the first allowed lane', () => {
    const plan = lanePlan(
      [
        candidate('big_cloud', 'cloud'),
        candidate('mid_lan', 'lan', { baseUrl: undefined }),
        candidate('small_local', 'local'),
      ],
      refuseCloud,
    );
    expect(plan.lanes.map((lane) => [lane.laneId, lane.allowed, lane.refusal])).toEqual([
      ['big_cloud', false, 'the request is private'],
      ['mid_lan', false, 'the lane has no address to send to'],
      ['small_local', true, null],
    ]);
    expect(plan.lane?.laneId).toBe('small_local');
    expect(plan.lane?.source).toBe('selected');
  });

  it('has no lane when the guard refuses every one', () => {
    expect(lanePlan([candidate('big_cloud', 'cloud')], refuseCloud).lane).toBeNull();
    expect(lanePlan([], refuseCloud)).toEqual({ lane: null, lanes: [] });
  });
});

describe('probesView', () => {
  it('splits ids into group and variant and keeps the counts', () => {
    const report: ProbeReport = {
      name: 'sample',
      passed: 1,
      failed: 1,
      results: [
        {
          id: 'coding:stack_trace',
          passed: true,
          expected_decision: 'coding',
          decision: 'coding',
          model: 'local/small',
          failures: [],
          waiting_on_models: [],
          latency_ms: 2,
        },
        {
          id: 'legal:clause',
          passed: false,
          expected_decision: 'legal',
          decision: 'casual',
          model: 'local/small',
          failures: ['decision: expected legal, got casual'],
          waiting_on_models: ['domain'],
          latency_ms: 3,
        },
      ],
    };
    const view = probesView('probes.yaml', [], report);
    expect(view).toMatchObject({ fileName: 'probes.yaml', name: 'sample', passed: 1, failed: 1 });
    expect(view.results[1]).toEqual({
      id: 'legal:clause',
      group: 'legal',
      variant: 'clause',
      passed: false,
      expectedDecision: 'legal',
      decision: 'casual',
      model: 'local/small',
      failures: ['decision: expected legal, got casual'],
      waitingOnModels: ['domain'],
      latencyMs: 3,
    });
  });

  it('carries located problems and no results when the file could not be loaded', () => {
    const view = probesView(
      'broken.yaml',
      [
        {
          severity: 'error',
          code: 'yaml_syntax',
          message: 'bad',
          file: 'broken.yaml',
          path: '(document)',
          line: 3,
          column: 1,
        },
      ],
      null,
    );
    expect(view).toEqual({
      fileName: 'broken.yaml',
      name: null,
      problems: [
        {
          severity: 'error',
          code: 'yaml_syntax',
          message: 'bad',
          line: 3,
          column: 1,
          path: '(document)',
        },
      ],
      results: [],
      passed: 0,
      failed: 0,
    });
  });
});
