import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runHomelane } from '../support/serve-process';
import { startStandInLlm } from '../support/stand-in-llm';
import type { StandInLlm } from '../support/stand-in-llm';
import { makeTempDir } from '../support/temp-dir';

// The privacy layer from the built CLI: conversation taint that survives
// between runs, personal memory that keeps requests local, and the egress
// guard — with one stand-in server as the local lane and one as the cloud.

const temp = makeTempDir('homelane-privacy-cli-');
const dataDir = join(temp.dir, 'data');
const policy = join(temp.dir, 'policy.yaml');
let local: StandInLlm;
let cloud: StandInLlm;

const HARD = 'Compare three architecture options for a multi-region cache and justify the best.';

const run = (args: string[]) =>
  runHomelane([...args, '--data-dir', dataDir], 30_000, {
    env: { HOMELANE_LOG_LEVEL: 'silent' },
  });

const chats = async (server: StandInLlm) =>
  (await server.requests()).filter((request) => request.path === '/v1/chat/completions');

beforeAll(async () => {
  [local, cloud] = await Promise.all([startStandInLlm(), startStandInLlm()]);
  writeFileSync(
    policy,
    `version: v0.3
providers:
  defaults: { default_model: local/small }
  models:
    - name: local/small
      provider_model_id: local/small
      backend_refs: [{ name: box, base_url: ${local.url}/v1 }]
    - name: cloud/big
      provider_model_id: cloud/big
      backend_refs: [{ name: api, base_url: ${cloud.url}/v1 }]
routing:
  modelCards:
    - { name: local/small, tags: [deployment:local] }
    - { name: cloud/big, tags: [deployment:cloud] }
  signals:
    keywords:
      - { name: hard, operator: OR, keywords: [architecture, prove] }
  decisions:
    - name: hard_questions
      priority: 10
      rules: { operator: AND, conditions: [{ type: keyword, name: hard }] }
      modelRefs: [{ model: cloud/big }]
`,
  );
});
afterAll(async () => {
  await Promise.all([local.stop(), cloud.stop()]);
  temp.cleanup();
});
beforeEach(async () => {
  await Promise.all([local.reset(), cloud.reset()]);
});

describe('privacy from the command line (built)', () => {
  it('sends a non-private hard question to the cloud lane, as the policy says', async () => {
    const chatted = await run(['chat', '-c', policy, '--lite', HARD]);
    expect(chatted.code).toBe(0);
    expect(chatted.stderr).toContain('lane: cloud/big_api (cloud');
    expect(await chats(cloud)).toHaveLength(1);
  });

  it('keeps a conversation local after one private message, across separate runs', async () => {
    const first = await run([
      'chat',
      '-c',
      policy,
      '--lite',
      '--conversation',
      'c1',
      `Draft a note to ada@example.org. ${HARD}`,
    ]);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('private: PII EMAIL_ADDRESS in message 0 (user)');
    expect(first.stderr).toContain('lane: local/small_box (local');
    const second = await run(['chat', '-c', policy, '--lite', '--conversation', 'c1', HARD]);
    expect(second.code).toBe(0);
    // The history goes along with the request, and the stored taint says so too.
    expect(second.stderr).toContain('an earlier message of this conversation was private');
    expect(second.stderr).toContain('PII EMAIL_ADDRESS in message 0 (user)');
    expect(second.stderr).toContain('lane: local/small_box (local');
    expect(await chats(cloud)).toEqual([]);
    // Another conversation is not tainted.
    const other = await run(['chat', '-c', policy, '--lite', '--conversation', 'c2', HARD]);
    expect(other.stderr).toContain('lane: cloud/big_api (cloud');
  });

  it('keeps a conversation local on request, and lets the person override privacy, recorded', async () => {
    const kept = await run([
      'chat',
      '-c',
      policy,
      '--lite',
      '--conversation',
      'k1',
      '--keep-local',
      HARD,
    ]);
    expect(kept.code).toBe(0);
    expect(kept.stderr).toContain('lane: local/small_box (local');
    const still = await run(['chat', '-c', policy, '--lite', '--conversation', 'k1', HARD]);
    expect(still.stderr).toContain('lane: local/small_box (local');
    const released = await run([
      'chat',
      '-c',
      policy,
      '--lite',
      '--conversation',
      'k1',
      '--allow-cloud',
      HARD,
    ]);
    expect(released.stderr).toContain('lane: cloud/big_api (cloud');
    expect(await chats(cloud)).toHaveLength(1);

    const privateTurn = await run([
      'chat',
      '-c',
      policy,
      '--lite',
      '--conversation',
      'o1',
      `Write to ada@example.org. ${HARD}`,
    ]);
    expect(privateTurn.stderr).toContain('lane: local/small_box (local');
    const overridden = await run([
      'chat',
      '-c',
      policy,
      '--lite',
      '--json',
      '--conversation',
      'o1',
      '--override-privacy',
      HARD,
    ]);
    expect(overridden.code).toBe(0);
    expect(overridden.stderr).toContain('this is recorded');
    const result = JSON.parse(overridden.stdout) as {
      lane: { id: string };
      trace: { private: boolean; privacy_reasons: { kind: string }[] };
    };
    expect(result.lane.id).toBe('cloud/big_api');
    expect(result.trace.private).toBe(true);
    expect(result.trace.privacy_reasons.map((reason) => reason.kind)).toContain('override');
    const lonely = await run(['chat', '-c', policy, '--lite', '--keep-local', HARD]);
    expect(lonely.code).toBe(2);
  });

  it('remembers facts on this machine and keeps requests that use them local', async () => {
    const remembered = await run([
      'chat',
      '-c',
      policy,
      '--lite',
      'Remember that my daughter is called Mia.',
    ]);
    expect(remembered.code).toBe(0);
    expect(remembered.stdout).toMatch(/^Remembered #\d+: my daughter is called Mia$/m);
    expect(await chats(local)).toEqual([]);
    const listed = await run(['memory', 'list']);
    expect(listed.stdout).toContain('my daughter is called Mia');

    const uses = await run(['chat', '-c', policy, '--lite', `Plan a birthday for Mia. ${HARD}`]);
    expect(uses.code).toBe(0);
    expect(uses.stderr).toContain('the request uses personal memory');
    expect(uses.stderr).toContain('lane: local/small_box (local');
    const sent = (await chats(local))[0]?.body?.['messages'] as { role: string; content: string }[];
    expect(sent[0]).toEqual({
      role: 'system',
      content: 'Facts the user asked you to remember:\n- my daughter is called Mia',
    });
    expect(await chats(cloud)).toEqual([]);

    const unrelated = await run(['chat', '-c', policy, '--lite', HARD]);
    expect(unrelated.stderr).toContain('lane: cloud/big_api (cloud');
    const cloudSent = (await chats(cloud))[0]?.body?.['messages'] as { role: string }[];
    expect(cloudSent.map((message) => message.role)).toEqual(['user']);
  });

  it('route shows private, the reasons and the locality after the guard', async () => {
    const routed = await run([
      'route',
      '-c',
      policy,
      '--lite',
      '--json',
      `${HARD} The staging key is AKIA${'FAKE'.repeat(4)}.`,
    ]);
    expect(routed.code).toBe(0);
    const trace = JSON.parse(routed.stdout) as {
      decision: string;
      private: boolean;
      locality: string;
      privacy_reasons: { kind: string }[];
    };
    expect(trace).toMatchObject({ decision: 'hard_questions', private: true, locality: 'local' });
    expect(trace.privacy_reasons.map((reason) => reason.kind)).toEqual([
      'detector',
      'guard_reroute',
    ]);
    const never = await run(['route', '-c', policy, '--lite', '--cloud-escalation', 'never', HARD]);
    expect(never.stdout).toMatch(/goes to\s+a local lane/);
    const batch = join(temp.dir, 'batch.jsonl');
    writeFileSync(
      batch,
      [
        {
          id: 'conversation',
          messages: [
            { role: 'user', content: 'My IBAN is GB82 WEST 1234 5698 7654 32, keep it handy.' },
            { role: 'assistant', content: 'Noted.' },
            { role: 'user', content: HARD },
          ],
        },
        { id: 'plain', text: HARD },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const batched = await run(['route', '-c', policy, '--lite', '--batch', batch]);
    expect(batched.code).toBe(0);
    const lines = batched.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; private: boolean; locality: string });
    expect(lines.map((line) => [line.id, line.private, line.locality])).toEqual([
      ['conversation', true, 'local'],
      ['plain', false, 'cloud'],
    ]);
    const bad = await run(['route', '-c', policy, '--cloud-escalation', 'sometimes', HARD]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--cloud-escalation.*Allowed choices are never, allow, ask/);
  });
});
