import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../src-main/core/config/load';
import type { RouterConfig } from '../../../src-main/core/config/router-config';
import {
  buildLanes,
  isPrivateLocality,
  lanesForAlias,
} from '../../../src-main/core/lanes/lane-registry';
import type { Lane } from '../../../src-main/core/lanes/lane-registry';
import { readShared, sharedPath } from '../../support/shared-recipes';

// Lanes are upstream's normalised backend refs (names, weights, endpoints)
// plus Homelane's locality; these pin down each rule and its precedence.

/** A config whose provider models and cards are the given YAML blocks. */
function configText(models: string, cards: string): string {
  return `version: v0.3
providers:
  defaults:
    default_model: m
  models:
${indent(models, 4)}
routing:
  modelCards:
${indent(cards, 4)}
  decisions:
    - name: all
      priority: 1
      rules: { operator: AND, conditions: [] }
      modelRefs: [{ model: m }]
`;
}

function indent(block: string, spaces: number): string {
  return block
    .trim()
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');
}

function load(text: string): RouterConfig {
  const { config, diagnostics } = loadConfigText(text, 'lanes.yaml');
  expect(
    diagnostics.filter((d) => d.severity === 'error'),
    'config should load',
  ).toEqual([]);
  if (!config) throw new Error('config did not load');
  return config;
}

/** Lanes of a single model `m` with the given backend refs and card tags. */
function lanesOf(refs: string, extra = '', tags: string[] = []): Lane[] {
  const models = `- name: m\n  provider_model_id: org/m\n${extra}  backend_refs:\n${indent(refs, 4)}`;
  const cards = `- name: m${tags.length > 0 ? `\n  tags: [${tags.join(', ')}]` : ''}`;
  return buildLanes(load(configText(models, cards)));
}

function only(lanes: Lane[]): Lane {
  expect(lanes).toHaveLength(1);
  const [lane] = lanes;
  if (!lane) throw new Error('no lane');
  return lane;
}

describe('buildLanes: naming and weights', () => {
  it('names unnamed refs primary, then backend-<i+1>, and keeps given names', () => {
    const lanes = lanesOf(`
- { endpoint: "a:1" }
- { endpoint: "b:2" }
- { name: gpu, endpoint: "c:3" }
- { endpoint: "d:4" }`);
    expect(lanes.map((l) => l.id)).toEqual(['m_primary', 'm_backend-2', 'm_gpu', 'm_backend-4']);
    expect(lanes.every((l) => l.alias === 'm' && l.upstreamModelId === 'org/m')).toBe(true);
  });

  it('reads weight 0 (and a missing weight) as 1', () => {
    const lanes = lanesOf(`
- { endpoint: "a:1", weight: 0 }
- { endpoint: "b:2" }
- { endpoint: "c:3", weight: 5 }`);
    expect(lanes.map((l) => l.weight)).toEqual([1, 1, 5]);
  });

  it('takes type from type, else provider, else vllm; carries api_key_env and api_format', () => {
    const lanes = lanesOf(
      `
- { endpoint: "a:1", type: openai, provider: x, api_key_env: KEY_A }
- { endpoint: "b:2", provider: anthropic }
- { endpoint: "c:3" }`,
      '  api_format: anthropic\n',
    );
    expect(lanes.map((l) => l.type)).toEqual(['openai', 'anthropic', 'vllm']);
    expect(lanes[0]?.apiKeyEnv).toBe('KEY_A');
    expect(lanes[1]).not.toHaveProperty('apiKeyEnv');
    expect(lanes.every((l) => l.apiFormat === 'anthropic')).toBe(true);
  });
});

describe('buildLanes: endpoints', () => {
  it.each([
    ['gpu-box:8000', undefined, 'gpu-box', 8000, 'http://gpu-box:8000'],
    ['http://gpu-box:8000/v1/chat', undefined, 'gpu-box', 8000, 'http://gpu-box:8000'],
    ['gpu-box', undefined, 'gpu-box', 80, 'http://gpu-box:80'],
    ['api.example.com', 'https', 'api.example.com', 443, 'https://api.example.com:443'],
    ['https://api.example.com/v1', 'https', 'api.example.com', 443, 'https://api.example.com:443'],
    // The scheme is stripped, not read: the protocol key (default http) decides.
    ['https://api.example.com/v1', undefined, 'api.example.com', 80, 'http://api.example.com:80'],
    ['[::1]:9000', undefined, '::1', 9000, 'http://[::1]:9000'],
  ])('%s (protocol %s) → %s:%i', (endpoint, protocol, host, port, baseUrl) => {
    const proto = protocol ? `, protocol: ${protocol}` : '';
    const lane = only(lanesOf(`- { endpoint: "${endpoint}"${proto} }`));
    expect(lane).toMatchObject({ host, port, baseUrl, protocol: protocol ?? 'http' });
    expect(lane.unroutable).toBeUndefined();
  });

  it('prefers base_url over endpoint, and takes host and port from it', () => {
    const lane = only(
      lanesOf(`- { endpoint: "localhost:8000", base_url: "https://api.example.com/v1" }`),
    );
    expect(lane).toMatchObject({
      baseUrl: 'https://api.example.com/v1',
      host: 'api.example.com',
      port: 443,
      locality: 'cloud',
      localitySource: 'endpoint',
    });
  });

  it('marks a ref with no usable target unroutable, saying why', () => {
    const lanes = lanesOf(`
- { name: none }
- { name: badport, endpoint: "gpu-box:http" }
- { name: badurl, base_url: "http://bad host/" }`);
    expect(lanes.map((l) => l.unroutable)).toEqual([
      'backend ref "none" has neither an endpoint nor a base_url',
      'backend ref "badport" has an endpoint "gpu-box:http" that is not host:port',
      'backend ref "badurl" has a base_url "http://bad host/" that is not a URL',
    ]);
    expect(lanes.every((l) => l.baseUrl === undefined && l.host === undefined)).toBe(true);
  });

  it('gives a model without backend refs one unroutable lane with no endpoint', () => {
    const config = load(
      configText(
        `
- name: m
  provider_model_id: org/m
  locality: lan
- name: bare
  pricing: { prompt_per_1m: 1 }`,
        `
- name: m
- name: bare`,
      ),
    );
    const lanes = buildLanes(config);
    expect(lanes.map((l) => l.id)).toEqual(['m_default', 'bare_default']);
    const [m, bare] = lanes;
    expect(m).toMatchObject({ alias: 'm', upstreamModelId: 'org/m', locality: 'lan' });
    expect(m?.localitySource).toBe('config');
    expect(m?.unroutable).toMatch(/"m" has no backend_refs/);
    expect(m?.baseUrl).toBeUndefined();
    expect(m?.host).toBeUndefined();
    expect(bare).toMatchObject({ locality: 'cloud', localitySource: 'default' });
  });

  it('makes lanes only for provider models, not for card-only models', () => {
    const config = load(
      configText('- name: m\n  backend_refs: [{ endpoint: "a:1" }]', '- name: m\n- name: other'),
    );
    expect(buildLanes(config).map((l) => l.alias)).toEqual(['m']);
  });
});

describe('buildLanes: locality', () => {
  it.each([
    ['localhost:8000', 'local'],
    ['127.0.0.1:8000', 'local'],
    ['gpu-box:8000', 'lan'],
    ['nas.local:8000', 'lan'],
    ['192.168.1.20:8000', 'lan'],
    ['api.openai.com', 'cloud'],
    ['8.8.8.8:443', 'cloud'],
  ])('judges %s as %s from the endpoint host', (endpoint, locality) => {
    const lane = only(lanesOf(`- { endpoint: "${endpoint}" }`));
    expect(lane).toMatchObject({ locality, localitySource: 'endpoint' });
  });

  it.each([
    ['deployment:self_hosted', 'local'],
    ['deployment:local', 'local'],
    ['deployment:lan', 'lan'],
    ['deployment:cloud', 'cloud'],
  ])('reads card tag %s as %s, over the endpoint host', (tag, locality) => {
    const lane = only(lanesOf(`- { endpoint: "203.0.113.9:8000" }`, '', ['cost:free', tag]));
    expect(lane).toMatchObject({ locality, localitySource: 'card_tag' });
  });

  it('ignores tags that say nothing about deployment', () => {
    const lane = only(lanesOf(`- { endpoint: "localhost:1" }`, '', ['deployment:mars', 'tier:x']));
    expect(lane).toMatchObject({ locality: 'local', localitySource: 'endpoint' });
  });

  it('lets the locality key win over card tags and the endpoint', () => {
    const lane = only(
      lanesOf(`- { endpoint: "localhost:8000" }`, '  locality: cloud\n', ['deployment:local']),
    );
    expect(lane).toMatchObject({ locality: 'cloud', localitySource: 'config' });
  });

  it('reports an invalid locality value as a located schema error', () => {
    const text = configText(
      '- name: m\n  locality: home\n  backend_refs: [{ endpoint: "a:1" }]',
      '- name: m',
    );
    const { config, diagnostics } = loadConfigText(text, 'lanes.yaml');
    expect(config).toBeUndefined();
    const error = diagnostics.find((d) => d.path === 'providers.models[0].locality');
    expect(error).toMatchObject({ severity: 'error', code: 'schema', file: 'lanes.yaml' });
    expect(error?.line).toBe(7); // the `locality: home` line
    expect(diagnostics.some((d) => d.code === 'unknown_key')).toBe(false);
  });

  it('does not warn about a valid locality key', () => {
    const text = configText(
      '- name: m\n  locality: lan\n  backend_refs: [{ endpoint: "a:1" }]',
      '- name: m',
    );
    expect(loadConfigText(text, 'lanes.yaml').diagnostics).toEqual([]);
  });

  it('isPrivateLocality is true for local and lan only', () => {
    expect(isPrivateLocality('local')).toBe(true);
    expect(isPrivateLocality('lan')).toBe(true);
    expect(isPrivateLocality('cloud')).toBe(false);
  });
});

describe('lanesForAlias', () => {
  it('orders by weight (highest first), then declaration, routable lanes first', () => {
    const config = load(
      configText(
        `
- name: m
  backend_refs:
    - { name: a, endpoint: "a:1", weight: 1 }
    - { name: b, endpoint: "b:1", weight: 3 }
    - { name: c, endpoint: "c:1" }
    - { name: dead, weight: 9 }
    - { name: d, endpoint: "d:1", weight: 3 }
- name: n
  backend_refs: [{ endpoint: "n:1", weight: 100 }]`,
        '- name: m\n- name: n',
      ),
    );
    const ids = lanesForAlias(buildLanes(config), 'm').map((l) => l.id);
    expect(ids).toEqual(['m_b', 'm_d', 'm_a', 'm_c', 'm_dead']);
    expect(lanesForAlias(buildLanes(config), 'nobody')).toEqual([]);
  });
});

const PRIVACY = 'privacy/config.yaml';
const HAS_PRIVACY = existsSync(sharedPath(PRIVACY));

describe.skipIf(!HAS_PRIVACY)(
  `upstream privacy recipe lanes (${HAS_PRIVACY ? 'present' : `../shared/upstream/${PRIVACY} is absent, so this check is skipped`})`,
  () => {
    it('puts the private model on this machine by its card tag and the frontier model in the cloud', () => {
      const lanes = buildLanes(load(readShared(PRIVACY)));
      expect(lanes).toHaveLength(2);
      const [local, cloud] = lanes;
      // Both refs point at `vllm:8000` (a single-label host, so lan by endpoint);
      // the cards' deployment tags outrank that.
      expect(local).toMatchObject({
        id: 'local/private-qwen_local-vllm',
        upstreamModelId: 'qwen/qwen3.5-rocm',
        baseUrl: 'http://vllm:8000',
        host: 'vllm',
        port: 8000,
        locality: 'local',
        localitySource: 'card_tag',
      });
      expect(cloud).toMatchObject({
        id: 'cloud/frontier-reasoning_vllm_primary',
        upstreamModelId: 'anthropic/claude-opus-4.6',
        baseUrl: 'http://vllm:8000',
        locality: 'cloud',
        localitySource: 'card_tag',
      });
      expect(isPrivateLocality(local?.locality ?? 'cloud')).toBe(true);
      expect(isPrivateLocality(cloud?.locality ?? 'local')).toBe(false);
    });
  },
);
