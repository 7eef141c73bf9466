import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../src-main/core/config/load';
import type { RouterConfig } from '../../../src-main/core/config/router-config';
import { fallbackTargets } from '../../../src-main/core/lanes/fallback-plan';
import {
  NoLaneError,
  orderCandidates,
  streamWithFallback,
} from '../../../src-main/core/lanes/fallback';
import type {
  Candidate,
  FallbackEvent,
  FallbackOptions,
  FallbackResult,
} from '../../../src-main/core/lanes/fallback';
import { LaneError } from '../../../src-main/core/lanes/lane-errors';
import { buildLanes, lanesForAlias } from '../../../src-main/core/lanes/lane-registry';
import type { Lane } from '../../../src-main/core/lanes/lane-registry';
import { createOpenAiClient } from '../../../src-main/core/lanes/openai-client';
import { Router } from '../../../src-main/core/router/router';
import type { RoutingTrace } from '../../../src-main/core/router/trace';
import { behaviourHeaders, startStandInLlm } from '../../support/stand-in-llm';
import type { StandInBehaviour, StandInLlm } from '../../support/stand-in-llm';

// Fallback across real lanes: two stand-in server processes, a decision with
// two modelRefs and a default model. `first` serves alias `a`; `second`
// serves `b` and the default `c`.

let first: StandInLlm;
let second: StandInLlm;
let config: RouterConfig;
let trace: RoutingTrace;
let lanes: Lane[];

function configText(firstUrl: string, secondUrl: string): string {
  const model = (name: string, url: string, family = '') => `
    - name: ${name}
      provider_model_id: org/${name}
${family}      backend_refs:
        - name: box
          base_url: ${url}/v1`;
  return `version: v0.3
providers:
  defaults:
    default_model: c
    reasoning_families:
      qwen3: { type: chat_template_kwargs, parameter: enable_thinking }
  models:${model('a', firstUrl)}${model('b', secondUrl, '      reasoning_family: qwen3\n')}${model('c', secondUrl)}
routing:
  modelCards: [{ name: a }, { name: b }, { name: c }]
  signals:
    keywords:
      - name: any
        operator: OR
        keywords: [hello]
  decisions:
    - name: greet
      priority: 1
      rules: { operator: AND, conditions: [{ type: keyword, name: any }] }
      modelRefs: [{ model: a }, { model: b, use_reasoning: true }]
`;
}

beforeAll(async () => {
  [first, second] = await Promise.all([startStandInLlm(), startStandInLlm()]);
  const loaded = loadConfigText(configText(first.url, second.url), 'fallback.yaml');
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  config = loaded.config as RouterConfig;
  const router = await Router.create(config);
  trace = await router.route({ messages: [{ role: 'user', content: 'hello there' }] });
  lanes = buildLanes(config);
});
afterAll(async () => {
  await Promise.all([first.stop(), second.stop()]);
});
beforeEach(async () => {
  await Promise.all([first.reset(), second.reset()]);
});

const body = { model: 'auto', messages: [{ role: 'user', content: 'hello there' }] };

function candidates(): Candidate[] {
  return orderCandidates(fallbackTargets(config, trace), (alias) => lanesForAlias(lanes, alias));
}

function options(
  extra: Partial<FallbackOptions> = {},
  behaviour: StandInBehaviour = {},
): FallbackOptions {
  return {
    clientFor: (lane) =>
      createOpenAiClient({
        baseUrl: lane.baseUrl ?? '',
        connectTimeoutMs: 500,
        idleTimeoutMs: 500,
        headers: behaviourHeaders(behaviour),
      }),
    ...extra,
  };
}

async function drain(
  stream: AsyncGenerator<FallbackEvent, FallbackResult>,
): Promise<{ events: FallbackEvent[]; result?: FallbackResult; error?: unknown }> {
  const events: FallbackEvent[] = [];
  try {
    for (;;) {
      const step = await stream.next();
      if (step.done) return { events, result: step.value };
      events.push(step.value);
    }
  } catch (error) {
    return { events, error };
  }
}

const text = (events: FallbackEvent[]) =>
  events.map((event) => (event.type === 'delta' ? (event.delta.content ?? '') : '')).join('');

describe('fallback order', () => {
  it('plans the selected alias, the next modelRef, then the default model', () => {
    expect(trace.decision).toBe('greet');
    const targets = fallbackTargets(config, trace);
    expect(targets.map((target) => [target.alias, target.source])).toEqual([
      ['a', 'selected'],
      ['b', 'model_ref'],
      ['c', 'default_model'],
    ]);
    // Each target is rewritten as if it had been chosen: its own upstream id and reasoning.
    expect(targets[1]?.trace.upstream_model).toBe('org/b');
    expect(targets[1]?.trace.reasoning).toMatchObject({ enabled: true, family: 'qwen3' });
    expect(targets[2]?.trace.reasoning).toEqual({ enabled: false });
  });

  it('answers from the selected lane when it works, without touching the others', async () => {
    const { events, result } = await drain(streamWithFallback(candidates(), body, options()));
    expect(result?.candidate.lane.id).toBe('a_box');
    expect(result?.attempts.map((attempt) => [attempt.lane_id, attempt.outcome])).toEqual([
      ['a_box', 'answered'],
    ]);
    expect(text(events)).toBe('Echo: hello there');
    expect(events[0]?.type).toBe('lane');
    expect(await second.requests()).toEqual([]);
  });

  it('moves to the next modelRef when the first lane fails before its first token', async () => {
    await first.setBehaviour({ status: 500 });
    const { events, result } = await drain(streamWithFallback(candidates(), body, options()));
    expect(result?.candidate.target.alias).toBe('b');
    expect(
      result?.attempts.map((attempt) => [attempt.alias, attempt.outcome, attempt.code]),
    ).toEqual([
      ['a', 'failed', 'http_error'],
      ['b', 'answered', undefined],
    ]);
    expect(text(events)).toBe('Echo: hello there');
    // The second lane got the body rewritten for `b`: its upstream id and its reasoning switch.
    const sent = (await second.requests())[0]?.body;
    expect(sent?.['model']).toBe('org/b');
    expect(sent?.['chat_template_kwargs']).toEqual({ enable_thinking: true });
  });

  it('reaches the default model when every modelRef fails (a stall, a 429)', async () => {
    await first.setBehaviour({ stall: 'before-headers' });
    const failing = options({
      clientFor: (lane) =>
        createOpenAiClient({
          baseUrl: lane.baseUrl ?? '',
          connectTimeoutMs: 300,
          idleTimeoutMs: 300,
          // `b` is rate limited; `c` on the same server answers.
          headers: lane.alias === 'b' ? behaviourHeaders({ status: 429, retryAfter: 3 }) : {},
        }),
    });
    const { result } = await drain(streamWithFallback(candidates(), body, failing));
    expect(
      result?.attempts.map((attempt) => [attempt.alias, attempt.outcome, attempt.code]),
    ).toEqual([
      ['a', 'failed', 'connect_timeout'],
      ['b', 'failed', 'rate_limited'],
      ['c', 'answered', undefined],
    ]);
    expect(result?.answer.content).toBe('Echo: hello there');
  });

  it('never falls back after the first token: the partial answer is kept and marked', async () => {
    await first.setBehaviour({ dropAfterEvents: 3 });
    const { events, error } = await drain(streamWithFallback(candidates(), body, options()));
    expect(error).toBeInstanceOf(LaneError);
    expect((error as LaneError).code).toBe('stream_dropped');
    expect((error as LaneError).partial?.content).toBe(text(events));
    expect(text(events).length).toBeGreaterThan(0);
    expect(await second.requests()).toEqual([]);
  });

  it('does not fall back when the person cancels', async () => {
    const controller = new AbortController();
    await first.setBehaviour({ eventDelayMs: 200 });
    const stream = streamWithFallback(candidates(), body, options({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 100);
    const { error } = await drain(stream);
    expect((error as LaneError).code).toBe('aborted');
    expect(await second.requests()).toEqual([]);
  });

  it('never contacts a lane the guard refuses, and says why when none is left', async () => {
    const guard = (candidate: Candidate) =>
      candidate.lane.alias === 'c'
        ? { allowed: true as const }
        : { allowed: false as const, reason: 'private request; this lane is in the cloud' };
    const { result } = await drain(streamWithFallback(candidates(), body, options({ guard })));
    expect(result?.attempts.map((attempt) => [attempt.alias, attempt.outcome])).toEqual([
      ['a', 'refused_by_guard'],
      ['b', 'refused_by_guard'],
      ['c', 'answered'],
    ]);
    expect(await first.requests()).toEqual([]);

    const refuseAll = () => ({ allowed: false as const, reason: 'private request' });
    const { error } = await drain(
      streamWithFallback(candidates(), body, options({ guard: refuseAll })),
    );
    expect(error).toBeInstanceOf(NoLaneError);
    expect((error as NoLaneError).code).toBe('refused_by_guard');
    expect((error as NoLaneError).message).toContain('private request');
  });

  it('fails with every attempt listed when no lane answers', async () => {
    await Promise.all([first.setBehaviour({ status: 503 }), second.setBehaviour({ status: 500 })]);
    const { error } = await drain(streamWithFallback(candidates(), body, options()));
    expect(error).toBeInstanceOf(NoLaneError);
    const failure = error as NoLaneError;
    expect(failure.code).toBe('all_lanes_failed');
    expect(failure.attempts.map((attempt) => attempt.lane_id)).toEqual(['a_box', 'b_box', 'c_box']);
    expect(failure.message).toContain('a_box');
  });

  it('keeps the policy order across aliases even when a lane is down, and reports traffic to the health monitor', async () => {
    const seen: string[] = [];
    const ordered = orderCandidates(
      fallbackTargets(config, trace),
      (alias) => lanesForAlias(lanes, alias),
      (laneId) => (laneId === 'a_box' ? 'down' : 'healthy'),
    );
    expect(ordered.map((candidate) => candidate.lane.id)).toEqual(['a_box', 'b_box', 'c_box']);
    await first.setBehaviour({ status: 502 });
    const { result } = await drain(
      streamWithFallback(
        ordered,
        body,
        options({
          onSuccess: (laneId) => seen.push(`ok:${laneId}`),
          onFailure: (laneId, error) => seen.push(`fail:${laneId}:${error.code}`),
        }),
      ),
    );
    expect(result?.candidate.lane.id).toBe('b_box');
    expect(seen).toEqual(['fail:a_box:http_error', 'ok:b_box']);
  });
});

describe('candidates', () => {
  it('puts a down lane of an alias after its healthy siblings', () => {
    const two: Lane[] = [
      { ...(lanes[0] as Lane), id: 'a_one' },
      { ...(lanes[0] as Lane), id: 'a_two' },
    ];
    const targets = fallbackTargets(config, trace).slice(0, 1);
    const ordered = orderCandidates(
      targets,
      () => two,
      (laneId) => (laneId === 'a_one' ? 'down' : undefined),
    );
    expect(ordered.map((candidate) => candidate.lane.id)).toEqual(['a_two', 'a_one']);
  });
});
