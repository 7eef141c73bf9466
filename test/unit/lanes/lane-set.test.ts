import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../src-main/core/config/load';
import type { RouterConfig } from '../../../src-main/core/config/router-config';
import { lanesForAlias } from '../../../src-main/core/lanes/lane-registry';
import { assembleLanes, requestModelFor } from '../../../src-main/core/lanes/lane-set';
import { LaneStore, LaneStoreError } from '../../../src-main/core/lanes/lane-store';
import type { LanEndpoint } from '../../../src-main/core/lanes/lane-store';
import { defaultManagedLaneSpec } from '../../../src-main/core/lanes/managed/managed-lane-spec';
import { makeTempDir } from '../../support/temp-dir';

// Upstream recipes point every alias at `vllm:8000`, the container's name on
// its Docker network; on this machine the managed lane answers for them.

const POLICY = `version: v0.3
providers:
  defaults: { default_model: qwen/local }
  models:
    - name: qwen/local
      provider_model_id: qwen/local
      backend_refs: [{ name: vllm_primary, endpoint: "vllm:8000" }]
    - name: other/model
      provider_model_id: org/other
      backend_refs: [{ name: vllm_primary, endpoint: "vllm:8000" }]
routing:
  modelCards: [{ name: qwen/local }, { name: other/model }]
  decisions: []
`;

function policy(): RouterConfig {
  const { config } = loadConfigText(POLICY, 'policy.yaml');
  if (!config) throw new Error('policy did not load');
  return config;
}

const endpoint: LanEndpoint = {
  name: 'desk',
  baseUrl: 'http://192.168.1.20:8080/v1',
  kind: 'llama.cpp',
  aliases: { 'qwen/local': 'qwen3-8b-q4' },
};

describe('assembled lanes', () => {
  it('answers the policy`s vllm:8000 refs with the managed lane for the aliases it serves', () => {
    const spec = defaultManagedLaneSpec(['qwen/local'], { env: {} });
    const lanes = assembleLanes(policy(), { managed: [spec], lan: [] });
    expect(lanes.map((lane) => [lane.id, lane.baseUrl, lane.locality])).toEqual([
      ['qwen/local@vllm', 'http://127.0.0.1:8090', 'local'],
      // The managed lane does not serve this alias, so the policy's own ref stays.
      ['other/model_vllm_primary', 'http://vllm:8000', 'lan'],
    ]);
  });

  it('puts a LAN endpoint first for the aliases it maps, with the locality of its address', () => {
    const lanes = lanesForAlias(
      assembleLanes(policy(), { managed: [], lan: [endpoint] }),
      'qwen/local',
    );
    expect(lanes.map((lane) => [lane.id, lane.locality, lane.localitySource])).toEqual([
      ['qwen/local@desk', 'lan', 'lan_endpoint'],
      ['qwen/local_vllm_primary', 'lan', 'endpoint'],
    ]);
    const cloudy = assembleLanes(undefined, {
      managed: [],
      lan: [{ ...endpoint, baseUrl: 'https://gpu.example.net/v1', locality: 'lan' }],
    });
    expect(cloudy[0]).toMatchObject({ locality: 'lan', localitySource: 'config' });
  });

  it('sends the server`s own model id down LAN and managed lanes, the routed id down policy lanes', () => {
    const lanes = assembleLanes(policy(), {
      managed: [defaultManagedLaneSpec(['qwen/local'], { env: {} })],
      lan: [endpoint],
    });
    const byId = new Map(lanes.map((lane) => [lane.id, lane]));
    expect(requestModelFor(byId.get('qwen/local@desk')!, 'qwen/local')).toBe('qwen3-8b-q4');
    expect(requestModelFor(byId.get('qwen/local@vllm')!, 'qwen/local')).toBe('qwen/local');
    expect(requestModelFor(byId.get('other/model_vllm_primary')!, 'org/other')).toBe('org/other');
  });
});

describe('the lane store', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  it('keeps managed specs and endpoints in a 0600 file, and forgets them by name', () => {
    const store = new LaneStore(join(temp.dir, 'data'));
    expect(store.load()).toEqual({ managed: [], lan: [] });
    const spec = defaultManagedLaneSpec(['qwen/local'], { env: {} });
    store.putManaged(spec);
    store.putLan(endpoint);
    store.putLan({ ...endpoint, aliases: {} });
    expect(store.load()).toEqual({ managed: [spec], lan: [{ ...endpoint, aliases: {} }] });
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(store.remove('desk')).toBe(true);
    expect(store.remove('desk')).toBe(false);
    expect(store.load().lan).toEqual([]);
  });

  it('refuses a name used by the other kind of lane', () => {
    const store = new LaneStore(temp.dir);
    store.putLan({ ...endpoint, name: 'vllm' });
    expect(() => store.putManaged(defaultManagedLaneSpec(['a'], { env: {} }))).toThrow(
      /a LAN endpoint is already called "vllm"/,
    );
  });

  it('names what is wrong in a hand-edited file and never overwrites it', () => {
    const store = new LaneStore(temp.dir);
    const broken = JSON.stringify({ version: 1, lan: [{ ...endpoint, baseUrl: 'not a url' }] });
    writeFileSync(store.file, broken);
    let error: unknown;
    try {
      store.putLan(endpoint);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LaneStoreError);
    expect((error as LaneStoreError).problems.join()).toMatch(/^lan\.0\.baseUrl: /);
    expect(readFileSync(store.file, 'utf8')).toBe(broken);
  });
});
