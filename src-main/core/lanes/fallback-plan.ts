import { resolveModel } from '../config/normalize';
import type { RouterConfig } from '../config/router-config';
import { refSelection } from '../decisions/model-selection';
import type { RoutingTrace } from '../router/trace';
import { traceReasoning } from '../router/trace-build';

// The order in which a routed request may be answered: the selected alias,
// then the decision's other modelRefs in the order the policy lists them,
// then `default_model`. Each target carries the trace as if it had been
// chosen, so the body is rewritten for it (its upstream id, its reasoning).

export type TargetSource = 'selected' | 'model_ref' | 'default_model' | 'guard_reroute';

export interface FallbackTarget {
  alias: string;
  source: TargetSource;
  /** The routing trace with model, upstream model and reasoning for this alias. */
  trace: RoutingTrace;
}

export function fallbackTargets(config: RouterConfig, trace: RoutingTrace): FallbackTarget[] {
  const targets: FallbackTarget[] = [];
  const seen = new Set<string>();
  const add = (target: FallbackTarget) => {
    if (seen.has(target.alias)) return;
    seen.add(target.alias);
    targets.push(target);
  };
  if (trace.model !== null) add({ alias: trace.model, source: 'selected', trace });
  const profile = config.profiles.get(trace.recipe ?? 'default');
  const decision = profile?.decisions.find((entry) => entry.name === trace.decision);
  for (const ref of decision?.modelRefs ?? []) {
    if (seen.has(ref.model)) continue;
    const chosen = refSelection(config, ref);
    if (chosen.model === null) continue;
    add({
      alias: chosen.model,
      source: 'model_ref',
      trace: {
        ...trace,
        model: chosen.model,
        upstream_model: chosen.upstreamModel,
        reasoning: traceReasoning(chosen.reasoning),
      },
    });
  }
  const fallback = config.defaultModel;
  if (fallback && !seen.has(fallback)) {
    // The default model answers as it does when no decision matches: no reasoning fields.
    add({
      alias: fallback,
      source: 'default_model',
      trace: {
        ...trace,
        model: fallback,
        upstream_model: resolveModel(config, fallback)?.upstreamModelId ?? fallback,
        reasoning: { enabled: false },
      },
    });
  }
  return targets;
}
