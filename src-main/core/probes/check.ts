import type { EvalResponse } from '../router/eval-response';
import type { ProbeGroup, ProbeVariant } from './schema';

const SELECTION_CONTRACT: Record<string, string[]> = {
  static: ['selected', 'execution_required'],
  multi_factor: ['selected', 'execution_required'],
  latency_aware: ['selected', 'execution_required'],
  workflows: ['planned_final', 'execution_required'],
  fusion: ['planned_final', 'execution_required'],
  remom: ['planned_final', 'execution_required'],
  confidence: ['execution_required'],
};

/**
 * Every check upstream's harness makes of one eval answer
 * (upstream-probes.md §3 step 4). Returns the failures, empty when the
 * variant passes.
 */
export function checkVariant(
  group: ProbeGroup,
  variant: ProbeVariant,
  requestedModel: string,
  response: EvalResponse,
  profileDecisions: readonly string[],
): string[] {
  const failures: string[] = [];
  const result = response.decision_result;
  const decision = response.routing_decision || result.decision_name;
  if (decision !== group.expected_decision)
    failures.push(`decision: expected ${group.expected_decision}, got ${decision || '(none)'}`);
  if (group.model !== undefined && response.requested_model !== requestedModel) {
    failures.push(`requested_model: expected ${requestedModel}, got ${response.requested_model}`);
  }
  const recipe = group.expected_recipe ?? 'default';
  if (response.recipe !== recipe)
    failures.push(`recipe: expected ${recipe}, got ${response.recipe}`);
  if (group.expected_algorithm !== undefined && result.algorithm !== group.expected_algorithm) {
    failures.push(`algorithm: expected ${group.expected_algorithm}, got ${result.algorithm}`);
  }
  failures.push(
    ...checkSet(
      'plugins',
      group.expected_plugins,
      group.forbidden_plugins,
      result.plugins,
      group.plugin_match,
    ),
  );
  const expectedSignals = variant.expected_signals ?? group.expected_signals ?? {};
  for (const [type, names] of Object.entries(expectedSignals)) {
    failures.push(
      ...checkSet(
        `signals.${type}`,
        names,
        undefined,
        result.matched_signals[type] ?? [],
        group.signal_match,
      ),
    );
  }
  for (const [type, names] of Object.entries(group.forbidden_signals ?? {})) {
    failures.push(
      ...checkSet(
        `signals.${type}`,
        undefined,
        names,
        result.matched_signals[type] ?? [],
        group.signal_match,
      ),
    );
  }
  if (group.expected_alias !== undefined) {
    const recommended = response.recommended_models;
    const ok =
      recommended.length === 1
        ? recommended[0] === group.expected_alias
        : recommended.includes(group.expected_alias);
    if (!ok)
      failures.push(`alias: expected ${group.expected_alias} among [${recommended.join(', ')}]`);
  }
  failures.push(...checkTrace(response, group.expected_decision, profileDecisions));
  const errors = Object.keys(response.signal_errors);
  if (errors.length > 0) failures.push(`signal_errors: ${errors.join(', ')}`);
  if (group.expected_algorithm !== undefined)
    failures.push(...checkSelection(response, group.expected_algorithm));
  return failures;
}

function checkSet(
  label: string,
  expected: readonly string[] | undefined,
  forbidden: readonly string[] | undefined,
  actual: readonly string[],
  mode: 'contains' | 'exact' | undefined,
): string[] {
  const failures: string[] = [];
  if (expected) {
    const missing = expected.filter((name) => !actual.includes(name));
    if (missing.length > 0)
      failures.push(`${label}: missing ${missing.join(', ')} (got [${actual.join(', ')}])`);
    if (mode === 'exact') {
      const extra = actual.filter((name) => !expected.includes(name));
      if (extra.length > 0) failures.push(`${label}: unexpected ${extra.join(', ')} (exact match)`);
    }
  }
  const present = (forbidden ?? []).filter((name) => actual.includes(name));
  if (present.length > 0) failures.push(`${label}: forbidden ${present.join(', ')} present`);
  return failures;
}

function checkTrace(
  response: EvalResponse,
  expected: string,
  decisions: readonly string[],
): string[] {
  const trace = response.eval_trace ?? [];
  if (trace.length === 0) return ['eval_trace: empty'];
  const names = trace.map((t) => t.decision_name);
  const failures: string[] = [];
  if (new Set(names).size !== names.length) failures.push('eval_trace: decision names repeat');
  const hits = trace.filter((t) => t.decision_name === expected);
  if (hits.length !== 1 || !hits[0]?.matched)
    failures.push(`eval_trace: ${expected} is not traced exactly once as matched`);
  const traced = new Set(names);
  if (traced.size !== decisions.length || decisions.some((d) => !traced.has(d)))
    failures.push('eval_trace: does not cover every decision of the profile');
  return failures;
}

function checkSelection(response: EvalResponse, algorithm: string): string[] {
  const failures: string[] = [];
  const allowed = SELECTION_CONTRACT[algorithm];
  const status = response.selection_status;
  if (allowed && !allowed.includes(status))
    failures.push(`selection_status: ${status} is not allowed for ${algorithm}`);
  const methodOk =
    response.selection_method === algorithm ||
    (algorithm === 'static' && response.selection_method === 'single');
  if (!methodOk)
    failures.push(`selection_method: expected ${algorithm}, got ${response.selection_method}`);
  if ((status === 'selected' || status === 'planned_final') && !response.selected_model)
    failures.push(`selection: ${status} without a selected_model`);
  if (
    status === 'selected' &&
    response.selected_model &&
    !response.recommended_models.includes(response.selected_model)
  ) {
    failures.push(`selection: selected_model ${response.selected_model} is not recommended`);
  }
  if (status === 'execution_required' && response.selected_model)
    failures.push('selection: execution_required must not carry a selected_model');
  return failures;
}
