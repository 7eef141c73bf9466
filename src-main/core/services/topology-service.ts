import { ApiError } from '../../contract';
import type { MethodOutput } from '../../contract';
import type { RoutingTrace } from '../router/trace';
import type { ServiceContext } from './context';
import { listLanes } from './lanes-service';
import { buildTopologyGraph } from './topology-graph';

// `topology.get` (the profile in force as a graph) and `topology.test` (a
// prompt's routing trace, as the eval API computes it: every signal runs,
// nothing is generated or recorded).

export function getTopology(ctx: ServiceContext): MethodOutput<'topology.get'> {
  const routing = ctx.routing;
  if (!routing) return { profile: null, nodes: [], edges: [] };
  const profile = routing.profile.config.profiles.get('default');
  if (!profile) return { profile: null, nodes: [], edges: [] };
  return buildTopologyGraph(profile, listLanes(ctx).lanes);
}

export async function testTopology(
  ctx: ServiceContext,
  input: { text: string },
): Promise<MethodOutput<'topology.test'>> {
  const routing = ctx.routing;
  if (!routing) {
    throw new ApiError(
      'unavailable',
      'No routing profile is loaded, so there is no route to test.',
    );
  }
  const trace = await routing.withRouter((router) =>
    router.route({ text: input.text }, { evaluateAll: true }),
  );
  return { trace: toTopologyTrace(trace) };
}

function toTopologyTrace(trace: RoutingTrace): MethodOutput<'topology.test'>['trace'] {
  return {
    decision: trace.decision,
    model: trace.model,
    locality: trace.locality,
    matched_signals: trace.matched_signals,
    projections: {
      scores: trace.projections.scores.map((score) => ({ name: score.name, total: score.total })),
      mappings: trace.projections.mappings.map((mapping) => ({
        mapping_name: mapping.mapping_name,
        source_score: mapping.source_score,
        selected_output: mapping.selected_output,
      })),
    },
    decisions: trace.decisions.map((decision) => ({
      name: decision.name,
      matched: decision.matched,
      tier: decision.tier,
      priority: decision.priority,
    })),
    latency_ms: trace.latency_ms,
  };
}
