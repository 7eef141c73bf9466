import { describe, expect, it } from 'vitest';
import { WHAT_IF_MAX_CHANGES } from '../../../../src-main/contract/policy-what-if';
import { loadConfigText } from '../../../../src-main/core/config/load';
import type { RouterConfig } from '../../../../src-main/core/config/router-config';
import { assembleLanes } from '../../../../src-main/core/lanes/lane-set';
import type { RoutingRecord } from '../../../../src-main/core/replay/record-types';
import { Router } from '../../../../src-main/core/router/router';
import {
  WHAT_IF_BATCH,
  rerouteRecords,
} from '../../../../src-main/core/services/policy-what-if/reroute-records';
import type { RerouteDeps } from '../../../../src-main/core/services/policy-what-if/reroute-records';
import type { ConversationSwitches } from '../../../../src-main/core/services/policy-what-if/run-privacy';
import { sampleRecord } from '../../../support/sample-record';

// The run itself, with a real router (lite: no routing models) and the lanes
// a policy declares: conversations keep their privacy, the guard holds, and
// nothing but the router is touched.

function config(fallback: string): RouterConfig {
  const loaded = loadConfigText(`version: v0.3
providers:
  defaults: { default_model: ${fallback} }
  models:
    - name: local/small
      provider_model_id: small
      backend_refs: [{ name: box, base_url: "http://127.0.0.1:9/v1" }]
    - name: cloud/big
      provider_model_id: big
      pricing: { currency: USD, prompt_per_1m: 2, completion_per_1m: 8 }
      backend_refs: [{ name: api, base_url: "https://api.example.invalid/v1" }]
routing:
  modelCards:
    - { name: local/small, tags: [deployment:local] }
    - { name: cloud/big, tags: [deployment:cloud] }
  decisions: []
`);
  if (!loaded.config) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.config;
}

const ACTIVE = config('local/small');
const CLOUD = config('cloud/big');
const LANES = assembleLanes(ACTIVE, { managed: [], lan: [] });

let clock = Date.parse('2026-11-25T08:00:00.000Z');

/** A stored request answered on the local lane; `text` is its only user message. */
function stored(text: string, overrides: Partial<RoutingRecord> = {}): RoutingRecord {
  clock += 1000;
  return sampleRecord({
    created_at: new Date(clock).toISOString(),
    decision: null,
    original_model: 'local/small',
    selected_model: 'local/small',
    lane_id: 'local/small_box',
    locality: 'local',
    prompt: text,
    request_body: JSON.stringify({ model: 'MoM', messages: [{ role: 'user', content: text }] }),
    ...overrides,
  });
}

async function run(
  records: RoutingRecord[],
  switches: Record<string, ConversationSwitches> = {},
  extra: Partial<RerouteDeps> = {},
) {
  const router = await Router.create(CLOUD);
  // The store lists newest first.
  const newestFirst = [...records].reverse();
  return rerouteRecords(
    {
      router,
      active: ACTIVE,
      lanes: LANES,
      cloudEscalation: 'allow',
      switchesOf: (id) => switches[id],
      pause: () => Promise.resolve(),
      ...extra,
    },
    newestFirst,
  );
}

function afterOf(result: Awaited<ReturnType<typeof run>>, record: RoutingRecord) {
  return result.changes.find((change) => change.id === record.id);
}

describe('the what-if run', () => {
  it('sends the ordinary requests to the cloud and keeps a private one local', async () => {
    const plain = stored('what is the tallest mountain');
    const secret = stored('my email is [EMAIL] please help', {
      private: true,
      privacy_reasons: [{ kind: 'detector', detail: 'PII email in message 0 (user)' }],
    });
    const result = await run([plain, secret]);
    expect(afterOf(result, plain)).toMatchObject({
      leaves: true,
      after: { model: 'cloud/big', lane: 'cloud/big_api', locality: 'cloud' },
    });
    // The stored body was masked: the carried reason keeps it private all the same.
    expect(afterOf(result, secret)).toMatchObject({
      private: true,
      leaves: false,
      after: { model: 'cloud/big', lane: 'local/small_box', locality: 'local' },
    });
    expect(result).toMatchObject({ offMachine: 1, newlyLeaving: 1, privateOffMachine: 0 });
  });

  it('keeps a conversation local after a private turn, and only that conversation', async () => {
    const first = stored('my phone is [PHONE]', {
      conversation_id: 'c1',
      private: true,
      privacy_reasons: [{ kind: 'detector', detail: 'PII phone in message 0 (user)' }],
    });
    const later = stored('what is the weather like', { conversation_id: 'c1' });
    const elsewhere = stored('what is the weather like', { conversation_id: 'c2' });
    const result = await run([first, later, elsewhere]);
    expect(afterOf(result, later)).toMatchObject({ private: true, after: { locality: 'local' } });
    expect(afterOf(result, elsewhere)).toMatchObject({ private: false, leaves: true });
    expect(result.privateOffMachine).toBe(0);
  });

  it('takes the history before the run from the taint its first request carried', async () => {
    const tainted = stored('and what about tomorrow', {
      conversation_id: 'c3',
      private: true,
      privacy_reasons: [
        { kind: 'taint', detail: 'an earlier message of this conversation was private (PII)' },
      ],
    });
    const result = await run([tainted]);
    expect(result.changes).toHaveLength(1);
    expect(afterOf(result, tainted)).toMatchObject({ private: true, after: { locality: 'local' } });
  });

  it('honours the switches: keep local holds, the person’s override lets a private one out', async () => {
    const kept = stored('a plain question', { conversation_id: 'keep' });
    const allowed = stored('my email is [EMAIL]', {
      conversation_id: 'override',
      private: true,
      privacy_reasons: [{ kind: 'detector', detail: 'PII email in message 0 (user)' }],
    });
    const result = await run([kept, allowed], {
      keep: { keepLocal: true, privateOverride: false },
      override: { keepLocal: false, privateOverride: true },
    });
    expect(afterOf(result, kept)).toMatchObject({ after: { locality: 'local' } });
    expect(afterOf(result, allowed)).toMatchObject({ private: true, leaves: true });
    // Shown, loudly: a private request would leave, because the person allowed it.
    expect(result.privateOffMachine).toBe(1);
  });

  it('counts a request the edit cannot route as going nowhere, and skips one with nothing to route', async () => {
    const gone = stored('hello', {
      request_body: JSON.stringify({
        model: 'gone/model',
        messages: [{ role: 'user', content: 'hello' }],
      }),
    });
    const empty = stored('', { request_body: null });
    const result = await run([gone, empty]);
    expect(result).toMatchObject({ considered: 2, rerouted: 1, skipped: 1 });
    expect(afterOf(result, gone)?.after).toEqual({
      decision: null,
      model: null,
      lane: null,
      locality: null,
      cost: null,
    });
  });

  it('prices before as recorded (or estimated) and after at the edit’s price', async () => {
    const paid = stored('one', {
      prompt_tokens: 1_000_000,
      completion_tokens: 0,
      actual_cost: 0.25,
    });
    const estimated = stored('two', {
      selected_model: 'cloud/big',
      lane_id: 'cloud/big_api',
      locality: 'cloud',
      prompt_tokens: 1_000_000,
      completion_tokens: 0,
    });
    const result = await run([paid, estimated]);
    expect(result.cost.before).toBeCloseTo(0.25 + 2, 10);
    expect(result.cost.after).toBeCloseTo(4, 10);
    expect(result.cost.baseline).toBeCloseTo(4, 10);
  });

  it('gives the event loop a turn between batches and lists at most the cap, newest first', async () => {
    const records = Array.from({ length: WHAT_IF_MAX_CHANGES + 20 }, (_, i) =>
      stored(`question ${i}`),
    );
    let pauses = 0;
    const result = await run(records, {}, { pause: () => Promise.resolve(void (pauses += 1)) });
    expect(pauses).toBe(Math.floor((records.length - 1) / WHAT_IF_BATCH));
    expect(result.changed).toBe(records.length);
    expect(result.changes).toHaveLength(WHAT_IF_MAX_CHANGES);
    expect(result.changesTruncated).toBe(true);
    expect(result.changes[0]?.id).toBe(records.at(-1)?.id);
  });
});
