import { describe, expect, it } from 'vitest';
import type {
  TopologyEdge,
  TopologyGraph,
  TopologyNode,
  TopologyNodeKind,
} from '../../../src-main/contract';
import { KIND_ORDER, layoutGraph } from '../../../src-renderer/src/pages/topology/layout-graph';
import type { PlacedNode } from '../../../src-renderer/src/pages/topology/layout-graph';

function node(
  kind: TopologyNodeKind,
  name: string,
  extra: Partial<TopologyNode> = {},
): TopologyNode {
  return {
    id: `${kind}:${name}`,
    kind,
    label: name,
    group: kind,
    tier: null,
    priority: null,
    locality: null,
    ...extra,
  };
}

function edge(from: string, to: string): TopologyEdge {
  return { id: `${from}->${to}`, from, to };
}

/** About the balance recipe's size: 40 signals in 8 types, 10 projections, 20 decisions, 6 models, 4 lanes. */
function generatedGraph(): Pick<TopologyGraph, 'nodes' | 'edges'> {
  const types = ['keyword', 'embedding', 'domain', 'context', 'structure', 'language', 'pii', 'kb'];
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  for (let i = 0; i < 40; i += 1) {
    const type = types[(i * 5) % types.length] ?? 'keyword';
    nodes.push(node('signal', `${type}:s${i}`, { group: type }));
  }
  for (let i = 0; i < 10; i += 1) {
    nodes.push(node('projection', `p${i}`, { group: i < 3 ? 'score' : `band${i % 2}` }));
    edges.push(edge(`signal:${nodes[i * 3]?.label}`, `projection:p${i}`));
  }
  for (let i = 0; i < 20; i += 1) {
    nodes.push(node('decision', `d${i}`, { tier: (i * 7) % 3, priority: (i * 13) % 50 }));
    edges.push(edge(`signal:${nodes[(i * 11) % 40]?.label}`, `decision:d${i}`));
    edges.push(edge(`projection:p${i % 10}`, `decision:d${i}`));
    edges.push(edge(`decision:d${i}`, `model:m${i % 6}`));
  }
  for (let i = 0; i < 6; i += 1) nodes.push(node('model', `m${i}`));
  for (let i = 0; i < 4; i += 1) {
    nodes.push(node('lane', `l${i}`, { locality: i % 2 ? 'cloud' : 'local' }));
    edges.push(edge(`model:m${i}`, `lane:l${i}`));
  }
  return { nodes, edges };
}

function overlaps(a: PlacedNode, b: PlacedNode): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function column(placed: PlacedNode[], kind: TopologyNodeKind): PlacedNode[] {
  return placed.filter((n) => n.kind === kind).sort((a, b) => a.y - b.y);
}

describe('the topology layout', () => {
  const graph = generatedGraph();
  const placed = layoutGraph(graph).nodes;

  it('places every node of an 80-node graph, none overlapping another', () => {
    expect(graph.nodes).toHaveLength(80);
    expect(placed).toHaveLength(80);
    for (let i = 0; i < placed.length; i += 1) {
      for (let j = i + 1; j < placed.length; j += 1) {
        const [a, b] = [placed[i], placed[j]];
        if (a && b) expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
      }
    }
  });

  it('puts the kinds in columns from left to right: signals, projections, decisions, models, lanes', () => {
    const spans = KIND_ORDER.map((kind) => {
      const xs = placed.filter((n) => n.kind === kind).map((n) => n.x);
      return [Math.min(...xs), Math.max(...xs)] as const;
    });
    for (let i = 1; i < spans.length; i += 1) {
      expect(spans[i]?.[0] ?? 0).toBeGreaterThan(spans[i - 1]?.[1] ?? 0);
    }
    for (const kind of KIND_ORDER.slice(1)) {
      expect(new Set(column(placed, kind).map((n) => n.x)).size).toBe(1);
    }
  });

  it('keeps the signals of one type together, wrapping the long signal list into columns', () => {
    const signals = placed
      .filter((n) => n.kind === 'signal')
      .sort((a, b) => a.x - b.x || a.y - b.y);
    expect(new Set(signals.map((n) => n.x)).size).toBeGreaterThan(1);
    const groups = signals.map((n) => n.group);
    const runs = groups.filter((group, index) => group !== groups[index - 1]);
    expect(runs).toHaveLength(new Set(groups).size);
  });

  it('orders decisions by tier, then by priority from highest', () => {
    const decisions = column(placed, 'decision');
    for (let i = 1; i < decisions.length; i += 1) {
      const [before, after] = [decisions[i - 1], decisions[i]];
      if (!before || !after) continue;
      expect(before.tier ?? 0).toBeLessThanOrEqual(after.tier ?? 0);
      if (before.tier === after.tier) {
        expect(before.priority ?? 0).toBeGreaterThanOrEqual(after.priority ?? 0);
      }
    }
  });

  it('gives the same positions whatever the input order', () => {
    const shuffled = {
      nodes: [...graph.nodes].reverse(),
      edges: [...graph.edges].reverse(),
    };
    const again = layoutGraph(shuffled).nodes;
    const byId = (list: PlacedNode[]) =>
      Object.fromEntries(list.map((n) => [n.id, [n.x, n.y]] as const));
    expect(byId(again)).toEqual(byId(placed));
  });

  it('lays out an empty graph as nothing', () => {
    expect(layoutGraph({ nodes: [], edges: [] })).toEqual({ nodes: [], width: 0, height: 0 });
  });
});
