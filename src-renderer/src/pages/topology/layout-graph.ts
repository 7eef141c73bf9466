import { Graph, layout } from '@dagrejs/dagre';
import type { TopologyGraph, TopologyNode, TopologyNodeKind } from '../../../../src-main/contract';

// Places the topology graph: one column per kind, left to right (signals,
// projections, decisions, models, lanes). Dagre's layout gives the order
// within each column (its crossing-reduction sweeps are off: on ~100 nodes
// they alone cost more than the page's render budget); signals are then kept
// together by type, wrapped into several columns, and decisions ordered by
// tier, then priority (highest first). Pure and deterministic.

export const KIND_ORDER: readonly TopologyNodeKind[] = [
  'signal',
  'projection',
  'decision',
  'model',
  'lane',
];

const NODE_WIDTH = 200;
const NODE_HEIGHT = 34;
const ROW_GAP = 10;
const GROUP_GAP = 26;
const COLUMN_GAP = 150;
/** Signals wrap into more columns past this height (or the tallest other column). */
const MIN_WRAP_HEIGHT = 600;

export interface PlacedNode extends TopologyNode {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GraphLayout {
  nodes: PlacedNode[];
  width: number;
  height: number;
}

export function layoutGraph(graph: Pick<TopologyGraph, 'nodes' | 'edges'>): GraphLayout {
  const dagreY = orderHints(graph);
  const sorted = KIND_ORDER.map((kind) =>
    sortColumn(
      graph.nodes.filter((node) => node.kind === kind),
      dagreY,
    ),
  );
  // The signals are the long list: they wrap into as many columns as keep
  // them about as tall as the tallest other column, breaking between types.
  const others = Math.max(MIN_WRAP_HEIGHT, ...sorted.slice(1).map(columnHeight));
  const columns = sorted.flatMap((column, index) =>
    index === 0 ? wrapByGroup(column, others) : [column],
  );
  const heights = columns.map(columnHeight);
  const height = Math.max(0, ...heights);
  const placed: PlacedNode[] = [];
  columns.forEach((column, index) => {
    let y = (height - (heights[index] ?? 0)) / 2;
    let previousGroup: string | null = null;
    for (const node of column) {
      if (previousGroup !== null) y += node.group === previousGroup ? ROW_GAP : GROUP_GAP;
      placed.push({
        ...node,
        x: index * (NODE_WIDTH + COLUMN_GAP),
        y,
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
      });
      y += NODE_HEIGHT;
      previousGroup = node.group;
    }
  });
  const used = columns.filter((column) => column.length > 0).length;
  const width = used === 0 ? 0 : (columns.length - 1) * (NODE_WIDTH + COLUMN_GAP) + NODE_WIDTH;
  return { nodes: placed, width, height };
}

/** Splits a column into columns no taller than `limit`, between groups where a group fits. */
function wrapByGroup(column: TopologyNode[], limit: number): TopologyNode[][] {
  const groups: TopologyNode[][] = [];
  for (const node of column) {
    const last = groups[groups.length - 1];
    if (last && last[0]?.group === node.group) last.push(node);
    else groups.push([node]);
  }
  const wrapped: TopologyNode[][] = [[]];
  for (const group of groups) {
    for (const node of group) {
      const current = wrapped[wrapped.length - 1] ?? [];
      const startsGroup = node === group[0];
      const needed =
        startsGroup && group.length * (NODE_HEIGHT + ROW_GAP) <= limit ? group : [node];
      if (current.length > 0 && columnHeight([...current, ...needed]) > limit) wrapped.push([node]);
      else current.push(node);
    }
  }
  return wrapped;
}

/** Dagre's vertical position of each node: the order that cuts edge crossings. */
function orderHints(graph: Pick<TopologyGraph, 'nodes' | 'edges'>): Map<string, number> {
  const g = new Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: ROW_GAP, ranksep: COLUMN_GAP, ranker: 'longest-path' });
  g.setDefaultEdgeLabel(() => ({}));
  const column = new Map<string, number>();
  const sorted = [...graph.nodes].sort((a, b) => compareText(a.id, b.id));
  for (const node of sorted) {
    column.set(node.id, KIND_ORDER.indexOf(node.kind));
    g.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  }
  const edges = [...graph.edges].sort((a, b) => compareText(a.id, b.id));
  for (const edge of edges) {
    const from = column.get(edge.from);
    const to = column.get(edge.to);
    if (from === undefined || to === undefined || to <= from) continue;
    g.setEdge(edge.from, edge.to, { minlen: to - from, weight: 1 });
  }
  layout(g, { disableOptimalOrderHeuristic: true });
  const ys = new Map<string, number>();
  for (const node of sorted) ys.set(node.id, g.node(node.id).y);
  return ys;
}

function sortColumn(nodes: TopologyNode[], dagreY: Map<string, number>): TopologyNode[] {
  const y = (node: TopologyNode) => dagreY.get(node.id) ?? 0;
  const groupY = new Map<string, number>();
  for (const node of nodes)
    groupY.set(node.group, Math.min(groupY.get(node.group) ?? Infinity, y(node)));
  return [...nodes].sort((a, b) => {
    if (a.kind === 'decision') return compareDecisions(a, b);
    if (a.group !== b.group) {
      if (a.kind === 'signal') return compareText(a.group, b.group);
      return (
        (groupY.get(a.group) ?? 0) - (groupY.get(b.group) ?? 0) || compareText(a.group, b.group)
      );
    }
    return y(a) - y(b) || compareText(a.id, b.id);
  });
}

/** Tier ascending, then priority descending (the order decisions are tried); unset last. */
function compareDecisions(a: TopologyNode, b: TopologyNode): number {
  const tier = (a.tier ?? Infinity) - (b.tier ?? Infinity);
  if (tier !== 0 && !Number.isNaN(tier)) return tier;
  const priority = (b.priority ?? -Infinity) - (a.priority ?? -Infinity);
  if (priority !== 0 && !Number.isNaN(priority)) return priority;
  return compareText(a.id, b.id);
}

function columnHeight(column: TopologyNode[]): number {
  let height = 0;
  column.forEach((node, index) => {
    if (index > 0) height += node.group === column[index - 1]?.group ? ROW_GAP : GROUP_GAP;
    height += NODE_HEIGHT;
  });
  return height;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
