import type { Score, ScoreInput } from '../config/schema/projections';
import type { SignalState } from '../router/signal-state';
import type { LeafType } from '../signals/signal-types';
import { signalKey } from '../signals/signal-types';
import type { ScoreInputTrace, ScoreTrace } from './trace';

/** The value one score input contributes before its weight (reference §3.2). */
export function inputValue(
  input: ScoreInput,
  state: SignalState,
  scores: ReadonlyMap<string, number>,
): number {
  const type = input.type.toLowerCase();
  const name = input.name ?? '';
  if (type === 'kb_metric') {
    return (
      state.kbMetrics.get(`kb_metric:${input.kb ?? ''}:${input.metric ?? ''}`.toLowerCase()) ?? 0
    );
  }
  if (type === 'projection' && input.value_source === 'confidence') {
    return state.confidences.get(signalKey('projection', name)) ?? 0;
  }
  if (type === 'projection') return scores.get(name) ?? 0;

  const matched = (state.matched.get(type as LeafType) ?? []).includes(name);
  switch (input.value_source ?? 'binary') {
    case 'raw':
      return state.values.get(signalKey(type, name)) ?? 0;
    case 'confidence': {
      if (!matched) return 0;
      const confidence = state.confidences.get(signalKey(type, name));
      return confidence !== undefined && confidence > 0 ? confidence : 1;
    }
    default:
      // A configured `match: 0` reads as unset (upstream quirk): 1.0.
      return matched ? input.match || 1 : (input.miss ?? 0);
  }
}

export function computeScore(
  score: Score,
  state: SignalState,
  scores: ReadonlyMap<string, number>,
): ScoreTrace {
  let total = 0;
  const inputs: ScoreInputTrace[] = new Array(score.inputs.length);
  score.inputs.forEach((input, index) => {
    const weight = input.weight ?? 0;
    const value = inputValue(input, state, scores);
    const contribution = weight * value;
    total += contribution;
    const traced: ScoreInputTrace = { type: input.type, weight, value, contribution };
    if (input.name !== undefined) traced.name = input.name;
    if (input.kb !== undefined) traced.kb = input.kb;
    if (input.metric !== undefined) traced.metric = input.metric;
    inputs[index] = traced;
  });
  return { name: score.name, total, inputs };
}

/**
 * Scores in dependency order: a score that reads another (`type:
 * projection`, value_source score) comes after it. Cycles are rejected at
 * load, so a depth-first order exists.
 */
export function scoreOrder(scores: readonly Score[]): Score[] {
  const byName = new Map(scores.map((s) => [s.name, s]));
  const done = new Set<string>();
  const order: Score[] = [];
  const visit = (score: Score, stack: Set<string>) => {
    if (done.has(score.name) || stack.has(score.name)) return;
    stack.add(score.name);
    for (const input of score.inputs) {
      if (input.type.toLowerCase() === 'projection' && input.value_source !== 'confidence') {
        const dep = byName.get(input.name ?? '');
        if (dep) visit(dep, stack);
      }
    }
    stack.delete(score.name);
    done.add(score.name);
    order.push(score);
  };
  for (const score of scores) visit(score, new Set());
  return order;
}
