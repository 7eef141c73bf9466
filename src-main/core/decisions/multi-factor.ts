import { resolveModel } from '../config/normalize';
import type { RouterConfig } from '../config/router-config';
import type { Algorithm, ModelRef } from '../config/schema/decisions';
import type { AlgorithmChoice } from './algorithms';

const FACTORS = ['quality', 'latency', 'cost', 'load'] as const;
type Factor = (typeof FACTORS)[number];

/**
 * multi_factor (reference §4.5): weights clamped to ≥ 0 and normalised to
 * sum 1 (0.25 each by default); each factor min–max normalised over the
 * candidates, higher is better. Quality comes from the model card's
 * quality_score, cost from its pricing (prompt + completion per 1M);
 * latency and load have no observations yet, so they score every
 * candidate alike and cannot change the order.
 */
export function multiFactorChoice(
  config: RouterConfig,
  algorithm: Algorithm | undefined,
  refs: readonly ModelRef[],
): AlgorithmChoice {
  const block = (algorithm?.['multi_factor'] ?? {}) as {
    weights?: Partial<Record<Factor, unknown>>;
    on_no_candidates?: unknown;
  };
  const weights = normaliseWeights(block.weights);
  const quality = refs.map((ref) => resolveModel(config, ref.model)?.card?.quality_score ?? 0);
  const cost = refs.map((ref) => {
    const pricing = resolveModel(config, ref.model)?.pricing;
    return (pricing?.prompt_per_1m ?? 0) + (pricing?.completion_per_1m ?? 0);
  });
  const qualityScore = minMax(quality, 'higher');
  const costScore = minMax(cost, 'lower');
  let best = 0;
  let bestScore = -Infinity;
  refs.forEach((_, i) => {
    const score =
      weights.quality * (qualityScore[i] ?? 0) +
      weights.cost * (costScore[i] ?? 0) +
      weights.latency * 1 +
      weights.load * 1;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  const ref = refs[best] as ModelRef;
  return {
    ref,
    method: 'multi_factor',
    status: 'selected',
    reason: `highest weighted score ${bestScore.toFixed(3)} (quality ${weights.quality.toFixed(2)}, cost ${weights.cost.toFixed(2)}; no latency or load observations yet)`,
  };
}

function normaliseWeights(
  raw: Partial<Record<Factor, unknown>> | undefined,
): Record<Factor, number> {
  const values = FACTORS.map((f) => {
    const v = raw?.[f];
    return typeof v === 'number' && v > 0 ? v : raw === undefined ? 0.25 : 0;
  });
  const sum = values.reduce((a, b) => a + b, 0);
  const weights = {} as Record<Factor, number>;
  FACTORS.forEach((f, i) => (weights[f] = sum > 0 ? (values[i] ?? 0) / sum : 0.25));
  return weights;
}

function minMax(values: readonly number[], better: 'higher' | 'lower'): number[] {
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (max === min) return values.map(() => 1);
  return values.map((v) =>
    better === 'higher' ? (v - min) / (max - min) : (max - v) / (max - min),
  );
}
