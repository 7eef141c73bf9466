import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../src-main/core/config/load';
import type { RouterConfig } from '../../../src-main/core/config/router-config';
import { NoLaneError } from '../../../src-main/core/lanes/fallback';
import { assembleLanes } from '../../../src-main/core/lanes/lane-set';
import type { Lane } from '../../../src-main/core/lanes/lane-registry';
import { createOpenAiClient } from '../../../src-main/core/lanes/openai-client';
import { routePrivately } from '../../../src-main/core/privacy/route-privately';
import type { PrivacySettings } from '../../../src-main/core/privacy/route-privately';
import { Router } from '../../../src-main/core/router/router';
import { routedChat } from '../../../src-main/core/services/routed-chat';
import type { RoutedChatResult } from '../../../src-main/core/services/routed-chat';
import { startStandInLlm } from '../../support/stand-in-llm';
import type { StandInLlm } from '../../support/stand-in-llm';

// The egress guard on real lanes: one stand-in server is the local lane, a
// second one plays the cloud (its card says deployment:cloud). A private
// request must never reach the second, whatever the policy chose, and must
// fail clearly when the local lane is down.

let local: StandInLlm;
let cloud: StandInLlm;
let router: Router;
let lanes: Lane[];

function policy(localUrl: string, cloudUrl: string): string {
  return `version: v0.3
providers:
  defaults: { default_model: local/small }
  models:
    - name: local/small
      provider_model_id: local/small
      backend_refs: [{ name: box, base_url: ${localUrl}/v1 }]
    - name: cloud/big
      provider_model_id: cloud/big
      backend_refs: [{ name: api, base_url: ${cloudUrl}/v1 }]
routing:
  modelCards:
    - { name: local/small, tags: [deployment:local] }
    - { name: cloud/big, tags: [deployment:cloud] }
  signals:
    keywords:
      - name: hard
        operator: OR
        keywords: [architecture, prove]
    pii:
      - name: contact_details
        method: deterministic
        pii_types_allowed: [IP_ADDRESS]
  decisions:
    - name: hard_questions
      priority: 10
      rules: { operator: AND, conditions: [{ type: keyword, name: hard }] }
      modelRefs: [{ model: cloud/big }]
`;
}

beforeAll(async () => {
  [local, cloud] = await Promise.all([startStandInLlm(), startStandInLlm()]);
  const { config } = loadConfigText(policy(local.url, cloud.url), 'privacy.yaml');
  router = await Router.create(config as RouterConfig);
  lanes = assembleLanes(config, { managed: [], lan: [] });
});
afterAll(async () => {
  await Promise.all([local.stop(), cloud.stop()]);
});
beforeEach(async () => {
  await Promise.all([local.reset(), cloud.reset()]);
});

const allow: PrivacySettings = { cloudEscalation: 'allow' };

async function chat(
  messages: { role: string; content: string }[],
  privacy: PrivacySettings = allow,
): Promise<{ result?: RoutedChatResult; error?: unknown }> {
  const stream = routedChat(
    {
      router,
      lanes,
      privacy,
      clientFor: (lane) =>
        createOpenAiClient({
          baseUrl: lane.baseUrl ?? '',
          connectTimeoutMs: 2000,
          idleTimeoutMs: 2000,
        }),
    },
    { model: 'auto', messages, stream: true },
  );
  try {
    for (;;) {
      const step = await stream.next();
      if (step.done) return { result: step.value };
    }
  } catch (error) {
    return { error };
  }
}

const HARD = 'Compare three architecture options for a multi-region cache and justify the best.';

describe('the egress guard on real lanes', () => {
  it('lets a request that is not private go where the policy says (the cloud lane)', async () => {
    const { result } = await chat([{ role: 'user', content: HARD }]);
    expect(result?.trace.private).toBe(false);
    expect(result?.trace.locality).toBe('cloud');
    expect(result?.candidate.lane.id).toBe('cloud/big_api');
    expect((await cloud.requests()).length).toBe(1);
  });

  it('keeps a private request local though the policy chose the cloud, and says why', async () => {
    const { result } = await chat([
      { role: 'user', content: `${HARD} Send the summary to ada@example.org.` },
    ]);
    expect(result?.trace.decision).toBe('hard_questions');
    expect(result?.trace.private).toBe(true);
    expect(result?.trace.locality).toBe('local');
    expect(result?.candidate.lane.id).toBe('local/small_box');
    expect(result?.trace.privacy_reasons.map((reason) => reason.kind)).toEqual([
      'detector',
      'signal',
      'guard_reroute',
    ]);
    expect(
      result?.attempts.map((attempt) => [attempt.lane_id, attempt.outcome, attempt.code]),
    ).toEqual([
      ['cloud/big_api', 'refused_by_guard', 'private_request'],
      ['local/small_box', 'answered', undefined],
    ]);
    expect(await cloud.requests()).toEqual([]);
  });

  it('treats the whole conversation: PII three turns back, in a tool output, in the system prompt', async () => {
    for (const messages of [
      [
        { role: 'user', content: 'My card is 4111 1111 1111 1111, remember it for the booking.' },
        { role: 'assistant', content: 'Noted.' },
        { role: 'user', content: 'Thanks.' },
        { role: 'assistant', content: 'You are welcome.' },
        { role: 'user', content: HARD },
      ],
      [
        { role: 'tool', content: '{"customer": {"phone": "+1 415 555 0132"}}' },
        { role: 'user', content: HARD },
      ],
      [
        { role: 'system', content: 'Internal use only. Do not distribute.' },
        { role: 'user', content: HARD },
      ],
    ]) {
      const { result } = await chat(messages);
      expect(result?.trace.private, JSON.stringify(messages)).toBe(true);
      expect(result?.candidate.lane.locality).toBe('local');
    }
    expect(await cloud.requests()).toEqual([]);
  });

  it('fails clearly, and still sends nothing to the cloud, when the local lane is down', async () => {
    await local.setBehaviour({ status: 503 });
    const { error } = await chat([
      { role: 'user', content: `${HARD} Call me on +44 20 7946 0958.` },
    ]);
    expect(error).toBeInstanceOf(NoLaneError);
    expect((error as NoLaneError).code).toBe('no_private_lane');
    expect((error as NoLaneError).message).toMatch(
      /private, so it may only go to a local or LAN lane/,
    );
    expect(await cloud.requests()).toEqual([]);
  });

  it('keeps everything local with cloud escalation off, and asks first with ask', async () => {
    const never = await chat([{ role: 'user', content: HARD }], { cloudEscalation: 'never' });
    expect(never.result?.candidate.lane.locality).toBe('local');
    expect(never.result?.trace.private).toBe(false);
    const ask = await routePrivately(
      { router, lanes, privacy: { cloudEscalation: 'ask' } },
      { messages: [{ role: 'user', content: HARD }] },
    );
    expect(ask.trace.locality).toBe('local');
    expect(await cloud.requests()).toEqual([]);
  });

  it('honours and records the person`s per-conversation override', async () => {
    const { result } = await chat(
      [{ role: 'user', content: `${HARD} Reply to ada@example.org.` }],
      { cloudEscalation: 'allow', privateOverride: true },
    );
    expect(result?.trace.private).toBe(true);
    expect(result?.candidate.lane.id).toBe('cloud/big_api');
    expect(result?.trace.privacy_reasons.at(-1)?.kind).toBe('override');
  });

  it('carries the taint of an earlier private turn that only the policy`s signals saw', async () => {
    const { trace } = await routePrivately(
      { router, lanes, privacy: allow },
      {
        messages: [
          { role: 'user', content: 'Write to bob@example.com about Friday.' },
          { role: 'assistant', content: 'Done.' },
          { role: 'user', content: HARD },
        ],
      },
    );
    expect(trace.privacy_reasons.map((reason) => reason.kind)).toContain('taint');
    expect(trace.locality).toBe('local');
  });
});
