import { describe, expect, it } from 'vitest';
import type { TopologyGraph, TopologyNode, TopologyTrace } from '../../../src-main/contract';
import {
  neighbourhood,
  traceHighlight,
} from '../../../src-renderer/src/pages/topology/trace-highlight';

function node(
  id: string,
  kind: TopologyNode['kind'],
  extra: Partial<TopologyNode> = {},
): TopologyNode {
  return { id, kind, label: id, group: kind, tier: null, priority: null, locality: null, ...extra };
}

const ids = [
  ['signal:keyword:code', 'signal'],
  ['signal:keyword:math', 'signal'],
  ['signal:domain:computer_science', 'signal'],
  ['projection:score:difficulty', 'projection'],
  ['projection:hard', 'projection'],
  ['projection:easy', 'projection'],
  ['decision:coding', 'decision'],
  ['decision:math', 'decision'],
  ['model:coder', 'model'],
  ['model:mathy', 'model'],
] as const;

const graph: Pick<TopologyGraph, 'nodes' | 'edges'> = {
  nodes: [
    ...ids.map(([id, kind]) => node(id, kind)),
    node('lane:coder-local', 'lane', { locality: 'local' }),
    node('lane:coder-cloud', 'lane', { locality: 'cloud' }),
  ],
  edges: [
    ['signal:keyword:code', 'projection:score:difficulty'],
    ['signal:keyword:math', 'projection:score:difficulty'],
    ['projection:score:difficulty', 'projection:hard'],
    ['projection:score:difficulty', 'projection:easy'],
    ['signal:keyword:code', 'decision:coding'],
    ['signal:domain:computer_science', 'decision:coding'],
    ['projection:hard', 'decision:coding'],
    ['signal:keyword:math', 'decision:math'],
    ['decision:coding', 'model:coder'],
    ['decision:math', 'model:mathy'],
    ['model:coder', 'lane:coder-local'],
    ['model:coder', 'lane:coder-cloud'],
  ].map(([from = '', to = '']) => ({ id: `${from}->${to}`, from, to })),
};

const trace: TopologyTrace = {
  decision: 'coding',
  model: 'coder',
  locality: 'local',
  matched_signals: { keyword: ['code'], domain: ['computer_science', 'not_in_graph'] },
  projections: {
    scores: [{ name: 'difficulty', total: 0.7 }],
    mappings: [{ mapping_name: 'band', source_score: 'difficulty', selected_output: 'hard' }],
  },
  decisions: [
    { name: 'coding', matched: true, tier: 1, priority: 10 },
    { name: 'math', matched: false, tier: 1, priority: 5 },
  ],
  latency_ms: 3,
};

describe('the trace highlight', () => {
  const lit = traceHighlight(graph, trace);

  it('lights the matched signals, the fired projection, the winner, its alias and the lane of its locality', () => {
    expect([...lit.nodes].sort()).toEqual(
      [
        'signal:keyword:code',
        'signal:domain:computer_science',
        'projection:score:difficulty',
        'projection:hard',
        'decision:coding',
        'model:coder',
        'lane:coder-local',
      ].sort(),
    );
  });

  it('lights exactly the edges between lit nodes', () => {
    expect([...lit.edges].sort()).toEqual(
      [
        'signal:keyword:code->projection:score:difficulty',
        'projection:score:difficulty->projection:hard',
        'signal:keyword:code->decision:coding',
        'signal:domain:computer_science->decision:coding',
        'projection:hard->decision:coding',
        'decision:coding->model:coder',
        'model:coder->lane:coder-local',
      ].sort(),
    );
  });

  it('lights every lane of the alias when the trace has no locality', () => {
    const any = traceHighlight(graph, { ...trace, locality: null });
    expect(any.nodes.has('lane:coder-local')).toBe(true);
    expect(any.nodes.has('lane:coder-cloud')).toBe(true);
  });

  it('lights no decision when nothing won', () => {
    const none = traceHighlight(graph, { ...trace, decision: null, model: null });
    expect(
      [...none.nodes].some((id) => id.startsWith('decision:') || id.startsWith('model:')),
    ).toBe(false);
  });

  it("a node's neighbourhood is itself and the nodes one edge away", () => {
    expect([...neighbourhood(graph, 'decision:coding')].sort()).toEqual(
      [
        'decision:coding',
        'signal:keyword:code',
        'signal:domain:computer_science',
        'projection:hard',
        'model:coder',
      ].sort(),
    );
  });
});
