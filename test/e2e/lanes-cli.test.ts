import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runHomelane } from '../support/serve-process';
import { startStandInLlm } from '../support/stand-in-llm';
import type { StandInLlm } from '../support/stand-in-llm';
import { makeTempDir } from '../support/temp-dir';

// `homelane lanes …` and `homelane chat` from the built CLI: the stand-in
// server is added as a LAN endpoint, its models listed, its aliases mapped,
// and a chat routed through it — all in a temp data folder.

const temp = makeTempDir('homelane-lanes-cli-');
const dataDir = join(temp.dir, 'data');
const policy = join(temp.dir, 'policy.yaml');
let llm: StandInLlm;
let closedUrl: string;

const POLICY = `version: v0.3
providers:
  defaults:
    default_model: local/small
  models:
    - name: local/small
      provider_model_id: local/small
      backend_refs: [{ name: primary, endpoint: "vllm:8000" }]
    - name: cloud/big
      provider_model_id: cloud/big
      backend_refs: [{ name: api, base_url: "https://api.cloud.invalid/v1" }]
routing:
  modelCards: [{ name: local/small }, { name: cloud/big }]
  signals:
    keywords:
      - name: hard
        operator: OR
        keywords: [prove]
  decisions:
    - name: hard_questions
      priority: 10
      rules: { operator: AND, conditions: [{ type: keyword, name: hard }] }
      modelRefs: [{ model: cloud/big }, { model: local/small }]
`;

const run = (args: string[], extra: { env?: Record<string, string>; input?: string } = {}) =>
  runHomelane([...args, '--data-dir', dataDir], 30_000, {
    ...extra,
    env: { HOMELANE_LOG_LEVEL: 'silent', ...extra.env },
  });

beforeAll(async () => {
  writeFileSync(policy, POLICY);
  llm = await startStandInLlm();
  closedUrl = await new Promise<string>((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(`http://127.0.0.1:${port}`));
    });
  });
});
afterAll(async () => {
  await llm.stop();
  temp.cleanup();
});
beforeEach(async () => {
  await llm.reset();
});

describe('homelane lanes and chat with a LAN endpoint (built)', () => {
  it('adds the stand-in server: detects it, lists its models and maps aliases', async () => {
    const added = await run([
      'lanes',
      'add',
      llm.url,
      '--name',
      'box',
      '-c',
      policy,
      '--map',
      'local/small=stand-in-small',
    ]);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Added box: vllm 0.17.0+stand-in');
    expect(added.stdout).toContain('Models: stand-in-small, stand-in-large');
    expect(added.stdout).toContain('local/small → stand-in-small');
    const file = join(dataDir, 'lanes.json');
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).lan).toEqual([
      {
        name: 'box',
        baseUrl: `${llm.url}/v1`,
        kind: 'vllm',
        aliases: { 'local/small': 'stand-in-small' },
      },
    ]);
  });

  it('lists the endpoint lane first, with its locality, beside the policy lanes', async () => {
    const listed = await run(['lanes', 'list', '-c', policy, '--json']);
    expect(listed.code).toBe(0);
    const lanes = (JSON.parse(listed.stdout) as { lanes: Record<string, unknown>[] }).lanes;
    expect(lanes.map((lane) => [lane['id'], lane['locality'], lane['origin']])).toEqual([
      ['local/small@box', 'local', 'lan'],
      ['local/small_primary', 'lan', 'config'],
      ['cloud/big_api', 'cloud', 'config'],
    ]);
  });

  it('checks the endpoint: /health and its model list', async () => {
    const checked = await run(['lanes', 'check', 'box']);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/local\/small@box\s+ok\s+\d+ ms\s+serves 2 model\(s\)/);
    const paths = (await llm.requests()).map((request) => `${request.method} ${request.path}`);
    expect(paths).toEqual(['GET /health', 'GET /v1/models']);
  });

  it('routes a chat through it, sending the mapped model id', async () => {
    const chatted = await run(['chat', '-c', policy, '--lite', 'hello, how are you?']);
    expect(chatted.code).toBe(0);
    expect(chatted.stdout).toBe('Echo: hello, how are you?\n');
    expect(chatted.stderr).toContain('route: no decision → local/small');
    expect(chatted.stderr).toContain(`lane: local/small@box (local, ${llm.url}/v1)`);
    const sent = (await llm.requests()).filter(
      (request) => request.path === '/v1/chat/completions',
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body?.['model']).toBe('stand-in-small');
    expect(sent[0]?.body?.['stream']).toBe(true);
  });

  it('falls back to the next modelRef when the first lane cannot be reached, and says so', async () => {
    const chatted = await run(['chat', '-c', policy, '--lite', '--json', 'prove it, please']);
    expect(chatted.code).toBe(0);
    const result = JSON.parse(chatted.stdout) as {
      trace: { decision: string; model: string };
      lane: { id: string };
      attempts: { lane_id: string; outcome: string; code?: string }[];
      answer: { content: string };
    };
    expect(result.trace.decision).toBe('hard_questions');
    expect(result.trace.model).toBe('cloud/big');
    expect(result.attempts.map((attempt) => [attempt.lane_id, attempt.outcome])).toEqual([
      ['cloud/big_api', 'failed'],
      ['local/small@box', 'answered'],
    ]);
    expect(result.answer.content).toBe('Echo: prove it, please');
  }, 40_000);

  it('keeps the partial answer and says the stream dropped', async () => {
    await llm.setBehaviour({ dropAfterEvents: 3 });
    const chatted = await run(['chat', '-c', policy, '--lite', 'hello there friend']);
    expect(chatted.code).toBe(1);
    expect(chatted.stdout).toMatch(/^Echo: /);
    expect(chatted.stderr).toContain('[stream_dropped]');
    expect(chatted.stderr).toContain('the partial answer above was kept');
  });

  it('refuses an unreachable URL and a mapping to a model the server does not serve', async () => {
    const unreachable = await run(['lanes', 'add', closedUrl, '--name', 'gone']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('[unreachable]');
    const unmapped = await run([
      'lanes',
      'add',
      llm.url,
      '--name',
      'box2',
      '--map',
      'local/small=nope',
    ]);
    expect(unmapped.code).toBe(2);
    expect(unmapped.stderr).toContain('stand-in-small');
    const lanes = JSON.parse(readFileSync(join(dataDir, 'lanes.json'), 'utf8')) as {
      lan: { name: string }[];
    };
    expect(lanes.lan.map((endpoint) => endpoint.name)).toEqual(['box']);
  });

  it('says clearly when no Docker engine answers, and keeps the lane spec it made', async () => {
    const socket = join(temp.dir, 'no-docker.sock');
    const noSpec = await run(['lanes', 'up', 'vllm']);
    expect(noSpec.code).toBe(2);
    expect(noSpec.stderr).toContain('give --config FILE');
    const up = await run(['lanes', 'up', 'vllm', '-c', policy, '--set', 'hostPort=8099'], {
      env: { DOCKER_HOST: `unix://${socket}` },
    });
    expect(up.code).toBe(1);
    expect(up.stderr).toContain('[no_docker]');
    expect(up.stderr).toContain(socket);
    const stored = JSON.parse(readFileSync(join(dataDir, 'lanes.json'), 'utf8')) as {
      managed: { name: string; hostPort: number; servedModelNames: string[] }[];
    };
    expect(stored.managed).toEqual([
      expect.objectContaining({
        name: 'vllm',
        hostPort: 8099,
        servedModelNames: ['local/small', 'cloud/big'],
      }),
    ]);
    const badEdit = await run(['lanes', 'up', 'vllm', '--set', 'gpuMemoryUtilization=3']);
    expect(badEdit.code).toBe(2);
    expect(badEdit.stderr).toContain('gpuMemoryUtilization');
  });

  it('reports a corrupt lanes.json with its path and leaves it as it is', async () => {
    const other = join(temp.dir, 'corrupt');
    const file = join(other, 'lanes.json');
    mkdirSync(other, { recursive: true });
    writeFileSync(file, '{"version":1,"lan":[{"name":');
    const listed = await runHomelane(['lanes', 'list', '--data-dir', other], 30_000, {
      env: { HOMELANE_LOG_LEVEL: 'silent' },
    });
    expect(listed.code).toBe(1);
    expect(listed.stderr).toContain(file);
    expect(listed.stderr).toContain('not JSON');
    expect(readFileSync(file, 'utf8')).toBe('{"version":1,"lan":[{"name":');
  });
});
