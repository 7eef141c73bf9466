import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LaneHealthChangeSchema, LanesAddSchema, LanesProbeSchema } from '../../src-main/contract';
import type { MethodInput, MethodName } from '../../src-main/contract';
import { createHeadlessSecretStore } from '../../src-main/core/secrets/layered-secret-store';
import { loadProfile } from '../../src-main/core/services/default-profile';
import { startAppServer } from '../support/app-server';
import type { AppServer } from '../support/app-server';
import { startFakeLanServer } from '../support/fake-lan-servers';
import type { FakeLanServer } from '../support/fake-lan-servers';
import { dataOf, errorOf, rpcOverHttp } from '../support/rpc-http';
import { readEventsUntil } from '../support/sse-events';
import { makeTempDir } from '../support/temp-dir';

// Adding a server on the network over real HTTP, as the Lanes page does:
// lanes.probe, then lanes.add with the confirmed mapping — the new lane is
// watched at once and its health arrives as a server-sent event — and
// lanes.forget. The servers are small real HTTP servers shaped like llama.cpp.

const temp = makeTempDir('homelane-lan-http-');
const dataDir = join(temp.dir, 'data');
let app: AppServer;
let server: FakeLanServer;
let keyed: FakeLanServer;

beforeAll(async () => {
  server = await startFakeLanServer('llama.cpp');
  keyed = await startFakeLanServer('vllm', { apiKey: 'lan-secret-key' });
  const policy = join(temp.dir, 'policy.yaml');
  writeFileSync(
    policy,
    `version: v0.3
providers:
  defaults: { default_model: Qwen3-8B }
  models:
    - name: Qwen3-8B
      provider_model_id: q
      backend_refs: [{ name: none, base_url: http://127.0.0.1:9/v1 }]
routing:
  decisions: []
`,
  );
  app = await startAppServer({
    dataDir,
    profile: await loadProfile(policy),
    secrets: createHeadlessSecretStore(dataDir, {}),
  });
});
afterAll(async () => {
  await app.close();
  await Promise.all([server.close(), keyed.close()]);
  temp.cleanup();
});

function rpc<M extends MethodName>(method: M, input: MethodInput<M>) {
  return rpcOverHttp(app.url, method, input);
}

describe('LAN endpoints over HTTP', () => {
  it("probes an address: llama.cpp, its model, and the profile's alias matched to it", async () => {
    const { status, result } = await rpc('lanes.probe', { url: `${server.url}/v1/models` });
    expect(status).toBe(200);
    const probe = LanesProbeSchema.parse(dataOf(result));
    expect(probe).toMatchObject({
      baseUrl: `${server.url}/v1`,
      kind: 'llama.cpp',
      profileAliases: ['Qwen3-8B'],
    });
    const served = probe.models.map((model) => model.id);
    expect(served.length).toBeGreaterThan(0);
    // The alias is the served model's own name, so it is proposed.
    expect(Object.keys(probe.suggestedAliases)).toEqual(['Qwen3-8B']);
    expect(served).toContain(probe.suggestedAliases['Qwen3-8B']);
  });

  it(
    'adds it; the new lane is watched and its health is pushed as an event',
    { timeout: 15_000 },
    async () => {
      const probe = dataOf((await rpc('lanes.probe', { url: server.url })).result);
      let added: unknown;
      const events = await readEventsUntil(
        app.url,
        (seen) =>
          seen.some(
            (event) => event.event === 'lanes.health' && event.data.includes('Qwen3-8B@desk'),
          ),
        async () => {
          added = (
            await rpc('lanes.add', {
              url: server.url,
              name: 'desk',
              aliases: probe.suggestedAliases,
            })
          ).result;
        },
      );
      const result = LanesAddSchema.parse(dataOf(added as Parameters<typeof dataOf>[0]));
      expect(result.endpoint).toMatchObject({ name: 'desk', kind: 'llama.cpp' });
      const change = LaneHealthChangeSchema.parse(
        JSON.parse(events.find((event) => event.event === 'lanes.health')!.data),
      );
      expect(change).toMatchObject({ laneId: 'Qwen3-8B@desk', to: 'healthy' });
      const file = JSON.parse(readFileSync(join(dataDir, 'lanes.json'), 'utf8'));
      expect(file.lan.map((entry: { name: string }) => entry.name)).toEqual(['desk']);
    },
  );

  it('probes a server that asks for a key with the stored key, never sending it back', async () => {
    const refused = await rpc('lanes.probe', { url: keyed.url });
    expect(refused.status).toBe(503);
    expect(errorOf(refused.result).details).toMatchObject({ reason: 'unauthorized' });
    await rpc('secrets.set', { name: 'DESK_KEY', value: 'lan-secret-key' });
    const probed = await rpc('lanes.probe', { url: keyed.url, apiKeySecret: 'DESK_KEY' });
    expect(dataOf(probed.result).kind).toBe('vllm');
    expect(keyed.requests.at(-1)?.authorization).toBe('Bearer lan-secret-key');
    const added = await rpc('lanes.add', {
      url: keyed.url,
      name: 'keyed',
      aliases: {},
      apiKeySecret: 'DESK_KEY',
    });
    expect(added.status).toBe(200);
    expect(probed.raw + added.raw).not.toContain('lan-secret-key');
    const keys = await rpc('secrets.list', {});
    expect(dataOf(keys.result).secrets).toEqual([
      { name: 'DESK_KEY', storedIn: 'file', overriddenByEnv: false, usedBy: ['endpoint keyed'] },
    ]);
  });

  it('refuses a mapping to a model the server does not serve, with 400', async () => {
    const { status, result } = await rpc('lanes.add', {
      url: server.url,
      name: 'desk',
      aliases: { 'Qwen3-8B': 'no-such-model' },
    });
    expect(status).toBe(400);
    expect(errorOf(result).details).toMatchObject({ reason: 'alias_mapping' });
    expect((errorOf(result).details as { problems: unknown[] }).problems[0]).toMatchObject({
      code: 'model_not_served',
      alias: 'Qwen3-8B',
    });
  });

  it('forgets an endpoint', async () => {
    const forgotten = dataOf((await rpc('lanes.forget', { name: 'desk' })).result);
    expect(forgotten).toMatchObject({ name: 'desk', kind: 'lan' });
    expect(forgotten.lanes.endpoints.map((entry) => entry.name)).toEqual(['keyed']);
    expect((await rpc('lanes.forget', { name: 'desk' })).status).toBe(404);
  });
});
