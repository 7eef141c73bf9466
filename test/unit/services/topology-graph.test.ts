import { describe, expect, it } from 'vitest';
import type { LaneView } from '../../../src-main/contract';
import { loadConfigText } from '../../../src-main/core/config/load';
import { buildTopologyGraph } from '../../../src-main/core/services/topology-graph';

// The profile in force as the Topology page's graph: every signal, score,
// mapping output, decision, model and lane, linked as routing reads them.

const CONFIG = `version: v0.3
providers:
  models:
    - name: local/coder
      provider_model_id: coder
      backend_refs:
        - endpoint: http://127.0.0.1:9/v1
    - name: cloud/big
      provider_model_id: big
      backend_refs:
        - endpoint: http://127.0.0.1:9/v1
routing:
  signals:
    keywords:
      - name: code
        operator: OR
        keywords: [python, stack trace]
      - name: quick
        operator: OR
        keywords: [quick]
    context:
      - name: short
        min_tokens: 0
        max_tokens: 200
  projections:
    scores:
      - name: difficulty
        method: weighted_sum
        inputs:
          - { type: keyword, name: quick, weight: -0.5 }
          - { type: context, name: short, weight: -0.2 }
    mappings:
      - name: band
        source: difficulty
        method: threshold_bands
        outputs:
          - { name: easy, lt: 0 }
          - { name: hard, gte: 0 }
  decisions:
    - name: coding
      tier: 1
      priority: 100
      rules:
        operator: AND
        conditions:
          - { type: keyword, name: code }
          - { type: projection, name: hard }
      modelRefs: [{ model: local/coder }]
    - name: chat
      tier: 2
      priority: 10
      rules: { type: projection, name: easy }
      modelRefs: [{ model: cloud/big }]
`;

function lane(id: string, alias: string, locality: LaneView['locality']): LaneView {
  return {
    id,
    alias,
    origin: 'config',
    source: null,
    locality,
    localitySource: 'test',
    upstreamModelId: alias,
    apiFormat: 'openai',
    baseUrl: null,
    unroutable: null,
    health: null,
  };
}

describe('the topology graph of a profile', () => {
  const loaded = loadConfigText(CONFIG, 'topology.yaml');
  const profile = loaded.config?.profiles.get('default');
  const graph = profile
    ? buildTopologyGraph(profile, [
        lane('coder@box', 'local/coder', 'local'),
        lane('big@cloud', 'cloud/big', 'cloud'),
      ])
    : null;

  it('has a node for every signal, score, mapping output, decision, model and lane', () => {
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(graph?.nodes.map((n) => n.id).sort()).toEqual(
      [
        'signal:keyword:code',
        'signal:keyword:quick',
        'signal:context:short',
        'projection:score:difficulty',
        'projection:easy',
        'projection:hard',
        'decision:coding',
        'decision:chat',
        'model:local/coder',
        'model:cloud/big',
        'lane:coder@box',
        'lane:big@cloud',
      ].sort(),
    );
    const coding = graph?.nodes.find((n) => n.id === 'decision:coding');
    expect([coding?.tier, coding?.priority]).toEqual([1, 100]);
    expect(graph?.nodes.find((n) => n.id === 'projection:hard')?.group).toBe('band');
    expect(graph?.nodes.find((n) => n.id === 'model:cloud/big')?.locality).toBe('cloud');
  });

  it('links score inputs, mapping outputs, rule leaves, model refs and lanes', () => {
    expect(graph?.edges.map((e) => e.id).sort()).toEqual(
      [
        'signal:keyword:quick->projection:score:difficulty',
        'signal:context:short->projection:score:difficulty',
        'projection:score:difficulty->projection:easy',
        'projection:score:difficulty->projection:hard',
        'signal:keyword:code->decision:coding',
        'projection:hard->decision:coding',
        'projection:easy->decision:chat',
        'decision:coding->model:local/coder',
        'decision:chat->model:cloud/big',
        'model:local/coder->lane:coder@box',
        'model:cloud/big->lane:big@cloud',
      ].sort(),
    );
  });
});
