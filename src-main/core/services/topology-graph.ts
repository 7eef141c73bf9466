import type { LaneView, TopologyEdge, TopologyGraph, TopologyNode } from '../../contract';
import type { Profile } from '../config/router-config';
import type { RuleNode } from '../config/schema/common';
import { SIGNAL_INFO, SIGNAL_TYPES } from '../signals/signal-types';

// The routing profile as a graph for the Topology page: signals (by type) →
// projections (scores, mapping outputs) → decisions → models → lanes. Pure:
// the profile and the lanes in, nodes and edges out.

export function signalNodeId(type: string, name: string): string {
  return `signal:${type}:${name}`;
}

export function buildTopologyGraph(profile: Profile, lanes: readonly LaneView[]): TopologyGraph {
  const nodes = new Map<string, TopologyNode>();
  const edges = new Map<string, TopologyEdge>();
  const add = (
    node: Omit<TopologyNode, 'tier' | 'priority' | 'locality'> & Partial<TopologyNode>,
  ) => nodes.set(node.id, { tier: null, priority: null, locality: null, ...node });
  const link = (from: string, to: string) => {
    if (!nodes.has(from) || !nodes.has(to)) return;
    const id = `${from}->${to}`;
    edges.set(id, { id, from, to });
  };

  for (const type of SIGNAL_TYPES) {
    const rules: unknown = profile.signals[SIGNAL_INFO[type].configKey];
    if (!Array.isArray(rules)) continue;
    for (const rule of rules as { name?: unknown }[]) {
      const name = typeof rule.name === 'string' ? rule.name : '';
      if (name) add({ id: signalNodeId(type, name), kind: 'signal', label: name, group: type });
    }
  }

  const projections = profile.projections;
  for (const score of projections.scores ?? []) {
    const id = `projection:score:${score.name}`;
    add({ id, kind: 'projection', label: score.name, group: 'score' });
    for (const input of score.inputs) {
      if (input.name) link(signalNodeId(input.type.toLowerCase(), input.name), id);
    }
  }
  for (const mapping of projections.mappings ?? []) {
    for (const output of mapping.outputs) {
      const id = `projection:${output.name}`;
      add({ id, kind: 'projection', label: output.name, group: mapping.name });
      link(`projection:score:${mapping.source}`, id);
    }
  }

  const models = new Set<string>();
  for (const decision of profile.decisions) {
    const id = `decision:${decision.name}`;
    add({
      id,
      kind: 'decision',
      label: decision.name,
      group: 'decision',
      tier: decision.tier ?? null,
      priority: decision.priority ?? null,
    });
    for (const leaf of ruleLeaves(decision.rules)) link(leafNodeId(leaf.type, leaf.name), id);
    for (const ref of decision.modelRefs ?? []) models.add(ref.model);
  }

  for (const alias of [...models].sort()) {
    const served = lanes.filter((lane) => lane.alias === alias);
    add({
      id: `model:${alias}`,
      kind: 'model',
      label: alias,
      group: 'model',
      locality: served[0]?.locality ?? null,
    });
    for (const lane of served) {
      add({
        id: `lane:${lane.id}`,
        kind: 'lane',
        label: lane.id,
        group: 'lane',
        locality: lane.locality,
      });
      link(`model:${alias}`, `lane:${lane.id}`);
    }
  }
  for (const decision of profile.decisions) {
    for (const ref of decision.modelRefs ?? [])
      link(`decision:${decision.name}`, `model:${ref.model}`);
  }

  return { profile: profile.name, nodes: [...nodes.values()], edges: [...edges.values()] };
}

function leafNodeId(type: string, name: string): string {
  const lowered = type.toLowerCase();
  return lowered === 'projection' ? `projection:${name}` : signalNodeId(lowered, name);
}

function ruleLeaves(node: RuleNode | undefined): { type: string; name: string }[] {
  if (!node) return [];
  if (node.type && node.name) return [{ type: node.type, name: node.name }];
  return (node.conditions ?? []).flatMap((child) => ruleLeaves(child));
}
