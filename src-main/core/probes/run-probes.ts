import type { Profile } from '../config/router-config';
import { toEvalResponse } from '../router/eval-response';
import type { Router } from '../router/router';
import { RoutingError } from '../router/resolve-route';
import { usedSignalTypes } from '../router/used-signals';
import { checkVariant } from './check';
import { materializeVariant } from './materialize';
import type { ProbeFile } from './schema';

export interface VariantResult {
  /** `<group>:<variant>` */
  id: string;
  passed: boolean;
  expected_decision: string;
  decision: string | null;
  model: string | null;
  failures: string[];
  /** Model families the expected decision reads that could not run here. */
  waiting_on_models: string[];
  latency_ms: number;
}

export interface ProbeReport {
  name: string;
  results: VariantResult[];
  passed: number;
  failed: number;
}

/** Runs every variant of a probe file through the router, as upstream's harness does through /api/v1/eval?trace=true. */
export async function runProbes(router: Router, file: ProbeFile): Promise<ProbeReport> {
  const results: VariantResult[] = [];
  const autoNames = router.config.autoModelNames;
  let roundRobin = 0;
  for (const group of file.decisions) {
    const recipe = group.expected_recipe ?? 'default';
    const profile = router.config.profiles.get(recipe);
    for (const variant of group.variants) {
      const model =
        group.model ?? autoNames[roundRobin++ % Math.max(1, autoNames.length)] ?? 'vllm-sr/auto';
      const id = `${group.id}:${variant.id}`;
      const request = materializeVariant(file, group, variant, model);
      try {
        const trace = await router.route(request, { evaluateAll: true });
        const resolved = trace.recipe ? router.config.profiles.get(trace.recipe) : undefined;
        const response = toEvalResponse(trace, resolved ?? (profile as Profile), true);
        const decisions = (resolved ?? profile)?.decisions.map((d) => d.name) ?? [];
        const failures = checkVariant(group, variant, model, response, decisions);
        const unavailable = new Set(trace.unavailable_signals.map((u) => u.type));
        results.push({
          id,
          passed: failures.length === 0,
          expected_decision: group.expected_decision,
          decision: trace.decision,
          model: trace.model,
          failures,
          waiting_on_models:
            failures.length === 0 || !profile
              ? []
              : waitingOn(profile, group.expected_decision, unavailable),
          latency_ms: trace.latency_ms,
        });
      } catch (error) {
        const message =
          error instanceof RoutingError ? `${error.code}: ${error.message}` : String(error);
        results.push({
          id,
          passed: false,
          expected_decision: group.expected_decision,
          decision: null,
          model: null,
          failures: [message],
          waiting_on_models: [],
          latency_ms: 0,
        });
      }
    }
  }
  const passed = results.filter((r) => r.passed).length;
  return { name: file.name, results, passed, failed: results.length - passed };
}

/** The unavailable families the expected decision's rules read, directly or through projections. */
function waitingOn(
  profile: Profile,
  decisionName: string,
  unavailable: ReadonlySet<string>,
): string[] {
  const decision = profile.decisions.find((d) => d.name === decisionName);
  if (!decision) return [];
  const reads = usedSignalTypes({ ...profile, decisions: [decision] });
  return [...reads].filter((type) => unavailable.has(type)).sort();
}
