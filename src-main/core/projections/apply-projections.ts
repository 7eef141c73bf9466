import type { Projections } from '../config/schema/projections';
import type { SignalState } from '../router/signal-state';
import { signalKey } from '../signals/signal-types';
import { applyMapping } from './mappings';
import { computeScore, scoreOrder } from './scores';
import type { MappingTrace, ScoreTrace } from './trace';

/**
 * Scores, then the mappings that read each score right after it. Skipped
 * entirely unless the profile has at least one score and one mapping
 * (reference §3.3, §9.18). Emitted outputs become `projection` matches.
 */
export function applyProjections(
  projections: Projections,
  state: SignalState,
): { scores: ScoreTrace[]; mappings: MappingTrace[] } {
  const scores = projections.scores ?? [];
  const mappings = projections.mappings ?? [];
  if (scores.length === 0 || mappings.length === 0) return { scores: [], mappings: [] };

  const values = new Map<string, number>();
  const scoreTraces: ScoreTrace[] = [];
  const mappingTraces: MappingTrace[] = [];
  const emitted: string[] = [];
  for (const score of scoreOrder(scores)) {
    const trace = computeScore(score, state, values);
    values.set(score.name, trace.total);
    scoreTraces.push(trace);
    for (const mapping of mappings) {
      if (mapping.source !== score.name) continue;
      const result = applyMapping(mapping, trace.total);
      mappingTraces.push(result.trace);
      for (const output of result.emitted) {
        emitted.push(output.name);
        state.confidences.set(signalKey('projection', output.name), output.confidence);
      }
    }
  }
  state.matched.set('projection', emitted);
  return { scores: scoreTraces, mappings: mappingTraces };
}
