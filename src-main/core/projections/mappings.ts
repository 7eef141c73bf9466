import type { Mapping, MappingOutput } from '../config/schema/projections';
import type { MappingTrace } from './trace';

export const DEFAULT_SIGMOID_SLOPE = 12;

const BOUNDS = ['gt', 'gte', 'lt', 'lte'] as const;

export function outputMatches(output: MappingOutput, score: number): boolean {
  if (!Number.isFinite(score)) return false;
  if (output.gt !== undefined && !(score > output.gt)) return false;
  if (output.gte !== undefined && !(score >= output.gte)) return false;
  if (output.lt !== undefined && !(score < output.lt)) return false;
  if (output.lte !== undefined && !(score <= output.lte)) return false;
  return true;
}

/** Distance from the score to the nearest bound the output declares (1 when none). */
export function boundaryDistance(output: MappingOutput, score: number): number {
  const distances = BOUNDS.map((b) => output[b])
    .filter((v): v is number => v !== undefined)
    .map((v) => Math.abs(score - v));
  return distances.length === 0 ? 1 : Math.min(...distances);
}

export interface MappingResult {
  emitted: { name: string; confidence: number }[];
  trace: MappingTrace;
}

/**
 * Score → named outputs (reference §3.3). threshold_bands emits the first
 * matching output in declaration order, multi_emit every matching one; each
 * with confidence 1/(1+e^(−slope·d)), so never below 0.5.
 */
export function applyMapping(mapping: Mapping, score: number): MappingResult {
  const slope =
    mapping.calibration?.slope !== undefined && mapping.calibration.slope > 0
      ? mapping.calibration.slope
      : DEFAULT_SIGMOID_SLOPE;
  const outputs = mapping.outputs.map((output) => ({
    output,
    matched: outputMatches(output, score),
    distance: boundaryDistance(output, score),
  }));
  const matching = outputs.filter((o) => o.matched);
  const emittedOutputs =
    (mapping.method ?? 'threshold_bands') === 'multi_emit' ? matching : matching.slice(0, 1);
  const emitted = emittedOutputs.map((o) => ({
    name: o.output.name,
    confidence: 1 / (1 + Math.exp(-slope * o.distance)),
  }));
  const first = matching[0];
  const firstEmitted = emitted[0];
  return {
    emitted,
    trace: {
      mapping_name: mapping.name,
      source_score: mapping.source,
      score_value: score,
      selected_output: first ? first.output.name : null,
      confidence: firstEmitted ? firstEmitted.confidence : null,
      boundary_distance: first ? first.distance : null,
      outputs: outputs.map((o) => ({
        name: o.output.name,
        matched: o.matched,
        boundary_distance: o.distance,
      })),
    },
  };
}
