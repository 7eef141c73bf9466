import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src-main/core/config/load';
import type { RouterConfig } from '../../src-main/core/config/router-config';
import { NoLaneError } from '../../src-main/core/lanes/fallback';
import { isPrivateLocality } from '../../src-main/core/lanes/lane-registry';
import type { Lane } from '../../src-main/core/lanes/lane-registry';
import { assembleLanes } from '../../src-main/core/lanes/lane-set';
import { createOpenAiClient } from '../../src-main/core/lanes/openai-client';
import { memoryRecall } from '../../src-main/core/privacy/memory-recall';
import { Router } from '../../src-main/core/router/router';
import { routedChat } from '../../src-main/core/services/routed-chat';
import type { RoutedChatResult } from '../../src-main/core/services/routed-chat';
import { CONTROL_CASES, LEAK_CASES } from '../fixtures/privacy/leak-conversations';
import type { LeakCase } from '../fixtures/privacy/leak-conversations';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedPath } from '../support/shared-recipes';
import { startStandInLlm } from '../support/stand-in-llm';
import type { StandInLlm } from '../support/stand-in-llm';

// The privacy promise, tested end to end: every leak conversation written for
// this project goes through routing, Homelane's privacy layer and the lanes,
// with cloud escalation allowed, against Homelane's privacy recipe and
// upstream's. Each recipe's lanes keep the locality the recipe gives them;
// their endpoints are two stand-in servers — one answers for every local or
// LAN lane, the other for every cloud lane — so what reaches "the cloud" is
// counted by a real server. Routing runs without the on-device models (lite
// mode), the weakest setting for the policy's own signals.

const OWN_RECIPE = fileURLToPath(new URL('../../recipes/privacy/config.yaml', import.meta.url));

interface RecipeUnderTest {
  name: string;
  file: string;
  skip?: string;
  /** Homelane's recipe must send every control to the cloud; upstream's is only reported. */
  controlsMustEscalate: boolean;
}

// A policy edited to send everything to the cloud: the guard alone keeps the
// leak suite local, since a policy edit cannot turn it off.
const POLICY_DIR = mkdtempSync(join(tmpdir(), 'homelane-leak-'));
const CLOUD_FIRST = join(POLICY_DIR, 'cloud-first.yaml');
writeFileSync(
  CLOUD_FIRST,
  `version: v0.3
providers:
  defaults: { default_model: cloud/frontier }
  models:
    - name: local/qwen
      provider_model_id: local/qwen
      backend_refs: [{ name: box, endpoint: "vllm:8000" }]
    - name: cloud/frontier
      provider_model_id: cloud/frontier
      backend_refs: [{ name: api, base_url: "https://api.cloud.invalid/v1" }]
routing:
  modelCards:
    - { name: local/qwen, tags: [deployment:local] }
    - { name: cloud/frontier, tags: [deployment:cloud] }
  decisions:
    - name: everything_to_the_cloud
      priority: 100
      rules: { operator: AND, conditions: [] }
      modelRefs: [{ model: cloud/frontier }]
`,
);

const RECIPES: RecipeUnderTest[] = [
  {
    name: 'a policy that sends everything to the cloud',
    file: CLOUD_FIRST,
    controlsMustEscalate: true,
  },
  {
    name: 'recipes/privacy',
    file: OWN_RECIPE,
    controlsMustEscalate: true,
    ...(existsSync(OWN_RECIPE) ? {} : { skip: 'recipes/privacy/config.yaml is missing' }),
  },
  {
    name: 'upstream privacy recipe',
    file: sharedPath('privacy/config.yaml'),
    // Without its embedding model, upstream's recipe sees no frontier-reasoning need.
    controlsMustEscalate: false,
    ...(HAS_SHARED ? {} : { skip: SHARED_MISSING_REASON }),
  },
];

let local: StandInLlm;
let cloud: StandInLlm;

beforeAll(async () => {
  [local, cloud] = await Promise.all([startStandInLlm(), startStandInLlm()]);
});
afterAll(async () => {
  await Promise.all([local?.stop(), cloud?.stop()]);
  rmSync(POLICY_DIR, { recursive: true, force: true });
});

function lastUserText(testCase: LeakCase): string {
  const users = testCase.messages.filter((message) => message.role === 'user');
  return users.at(-1)?.content ?? '';
}

/** What the chat service sends: the remembered facts join a request that uses them. */
function requestMessages(testCase: LeakCase): LeakCase['messages'] {
  const facts = testCase.memory ?? [];
  if (facts.length === 0 || memoryRecall(lastUserText(testCase), facts) === undefined) {
    return testCase.messages;
  }
  return [
    {
      role: 'system',
      content: `Facts the user asked you to remember:\n${facts.map((fact) => `- ${fact}`).join('\n')}`,
    },
    ...testCase.messages,
  ];
}

async function send(
  router: Router,
  lanes: readonly Lane[],
  testCase: LeakCase,
): Promise<{ result?: RoutedChatResult; error?: unknown }> {
  const facts = testCase.memory ?? [];
  const memoryUsed = facts.length > 0 && memoryRecall(lastUserText(testCase), facts) !== undefined;
  const stream = routedChat(
    {
      router,
      lanes,
      privacy: { cloudEscalation: 'allow', ...(memoryUsed ? { memoryUsed: true } : {}) },
      clientFor: (lane) =>
        createOpenAiClient({
          baseUrl: lane.baseUrl ?? '',
          connectTimeoutMs: 2000,
          idleTimeoutMs: 5000,
        }),
    },
    {
      model: router.config.autoModelNames[0] ?? 'auto',
      messages: requestMessages(testCase),
      stream: true,
    },
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

async function cloudChats(): Promise<number> {
  return (await cloud.requests()).filter((request) => request.path === '/v1/chat/completions')
    .length;
}

describe.each(RECIPES)('leak suite against $name', (recipe) => {
  let router: Router;
  let lanes: Lane[];

  beforeAll(async () => {
    if (recipe.skip) return;
    const loaded = await loadConfigFile(recipe.file);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const config = loaded.config as RouterConfig;
    router = await Router.create(config);
    // The recipe decides each lane's locality; the stand-ins stand in for the servers.
    lanes = assembleLanes(config, { managed: [], lan: [] }).map((lane) => ({
      ...lane,
      baseUrl: `${isPrivateLocality(lane.locality) ? local.url : cloud.url}/v1`,
    }));
    expect(lanes.some((lane) => lane.locality === 'cloud')).toBe(true);
    expect(lanes.some((lane) => isPrivateLocality(lane.locality))).toBe(true);
  });

  it.skipIf(recipe.skip !== undefined)(
    `sends none of the ${LEAK_CASES.length} leak conversations to a cloud lane${recipe.skip ? ` (skipped: ${recipe.skip})` : ''}`,
    async () => {
      await Promise.all([local.reset(), cloud.reset()]);
      const leaked: string[] = [];
      for (const testCase of LEAK_CASES) {
        const { result, error } = await send(router, lanes, testCase);
        if (error) throw new Error(`${testCase.id}: ${String(error)}`);
        if (!result?.trace.private || result.candidate.lane.locality === 'cloud') {
          leaked.push(
            `${testCase.id} → ${result?.candidate.lane.id} (private: ${result?.trace.private})`,
          );
        }
      }
      expect(leaked).toEqual([]);
      expect(await cloudChats()).toBe(0);
    },
    120_000,
  );

  it.skipIf(recipe.skip !== undefined)(
    'with every local lane down, each fails with the clear error and none reaches the cloud',
    async () => {
      await Promise.all([local.reset(), cloud.reset()]);
      await local.setBehaviour({ status: 503 });
      const wrong: string[] = [];
      for (const testCase of LEAK_CASES) {
        const { result, error } = await send(router, lanes, testCase);
        if (!(error instanceof NoLaneError) || error.code !== 'no_private_lane') {
          wrong.push(
            `${testCase.id}: ${result ? `answered by ${result.candidate.lane.id}` : String(error)}`,
          );
        }
      }
      await local.setBehaviour({});
      expect(wrong).toEqual([]);
      expect(await cloudChats()).toBe(0);
    },
    120_000,
  );

  it.skipIf(recipe.skip !== undefined)(
    'never judges a non-sensitive control private, and sends them where the policy says',
    async () => {
      await Promise.all([local.reset(), cloud.reset()]);
      const stayed: string[] = [];
      for (const testCase of CONTROL_CASES) {
        const { result, error } = await send(router, lanes, testCase);
        if (error) throw new Error(`${testCase.id}: ${String(error)}`);
        expect(
          result?.trace.private,
          `${testCase.id}: ${JSON.stringify(result?.trace.privacy_reasons)}`,
        ).toBe(false);
        if (result?.candidate.lane.locality !== 'cloud') {
          stayed.push(`${testCase.id} (decision ${result?.trace.decision})`);
        }
      }
      const sent = CONTROL_CASES.length - stayed.length;
      console.log(
        `${recipe.name}: ${sent} of ${CONTROL_CASES.length} controls went to the cloud lane in lite mode${
          stayed.length > 0 ? `; kept local by the policy: ${stayed.join(', ')}` : ''
        }`,
      );
      if (recipe.controlsMustEscalate) expect(stayed).toEqual([]);
    },
    60_000,
  );
});
