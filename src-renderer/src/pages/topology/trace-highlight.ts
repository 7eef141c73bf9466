import type { TopologyGraph, TopologyTrace } from '../../../../src-main/contract';

// Which nodes and edges a routing trace lights: the matched signals, the
// projection outputs that fired (and the scores behind them), the winning
// decision, the chosen alias and the lane(s) that serve it. An edge is lit
// when both of its ends are.

export interface Highlight {
  nodes: Set<string>;
  edges: Set<string>;
}

export function traceHighlight(
  graph: Pick<TopologyGraph, 'nodes' | 'edges'>,
  trace: TopologyTrace,
): Highlight {
  const known = new Set(graph.nodes.map((node) => node.id));
  const lit = new Set<string>();
  const light = (id: string) => {
    if (known.has(id)) lit.add(id);
  };

  for (const [type, names] of Object.entries(trace.matched_signals)) {
    for (const name of names) {
      light(type === 'projection' ? `projection:${name}` : `signal:${type}:${name}`);
    }
  }
  for (const mapping of trace.projections.mappings) {
    if (mapping.selected_output === null) continue;
    light(`projection:${mapping.selected_output}`);
    light(`projection:score:${mapping.source_score}`);
  }
  if (trace.decision !== null) light(`decision:${trace.decision}`);
  if (trace.model !== null) {
    const model = `model:${trace.model}`;
    light(model);
    const lanes = graph.edges
      .filter((edge) => edge.from === model)
      .map((edge) => graph.nodes.find((node) => node.id === edge.to))
      .filter((node) => node !== undefined);
    const sameLocality = lanes.filter((lane) => lane.locality === trace.locality);
    for (const lane of trace.locality !== null && sameLocality.length > 0 ? sameLocality : lanes) {
      light(lane.id);
    }
  }

  const edges = new Set<string>();
  for (const edge of graph.edges) {
    if (lit.has(edge.from) && lit.has(edge.to)) edges.add(edge.id);
  }
  return { nodes: lit, edges };
}

/** A node and its direct neighbours, for focusing on one part of the graph. */
export function neighbourhood(graph: Pick<TopologyGraph, 'edges'>, id: string): Set<string> {
  const ids = new Set([id]);
  for (const edge of graph.edges) {
    if (edge.from === id) ids.add(edge.to);
    if (edge.to === id) ids.add(edge.from);
  }
  return ids;
}
