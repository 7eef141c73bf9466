import { resolveModel } from '../config/normalize';
import type { RouterConfig } from '../config/router-config';
import type { Algorithm, ModelRef } from '../config/schema/decisions';
import { multiFactorChoice } from './multi-factor';
import {
  ALGORITHM_TYPES,
  LOOPER_ALGORITHMS as LOOPERS,
  MODEL_BACKED_SELECTORS as MODEL_BACKED,
  SELECTOR_ALGORITHMS as SELECTORS,
} from './algorithm-types';

export const SELECTOR_ALGORITHMS: ReadonlySet<string> = new Set(SELECTORS);
export const MODEL_BACKED_SELECTORS: ReadonlySet<string> = new Set(MODEL_BACKED);
export const LOOPER_ALGORITHMS: ReadonlySet<string> = new Set(LOOPERS);
export const KNOWN_ALGORITHMS: ReadonlySet<string> = new Set(ALGORITHM_TYPES);

export interface AlgorithmChoice {
  ref?: ModelRef;
  /** A model named by the algorithm itself (a looper's final model). */
  plannedModel?: string;
  method: string;
  status: 'selected' | 'fallback' | 'planned_final' | 'execution_required';
  reason: string;
}

/** Runs a decision's algorithm over its modelRefs (reference §4.5, §6.3). */
export function chooseByAlgorithm(
  config: RouterConfig,
  algorithm: Algorithm | undefined,
  refs: readonly ModelRef[],
): AlgorithmChoice {
  const type = algorithm?.type || 'static';
  const first = refs[0];
  if (LOOPER_ALGORITHMS.has(type)) return looperChoice(type, algorithm);
  if (refs.length === 1 && first)
    return {
      ref: first,
      method: 'single',
      status: 'selected',
      reason: 'the decision names one model',
    };
  if (!first) return { method: type, status: 'fallback', reason: 'the decision names no models' };
  switch (type) {
    case 'static':
      return {
        ref: first,
        method: 'static',
        status: 'selected',
        reason: 'static selection takes the first modelRef',
      };
    case 'latency_aware':
      return {
        ref: first,
        method: 'latency_aware',
        status: 'selected',
        reason: 'no latency observations yet, so the first candidate is chosen',
      };
    case 'multi_factor':
      return multiFactorChoice(config, algorithm, refs);
    default:
      return {
        ref: first,
        method: type,
        status: 'fallback',
        reason: `the ${type} selector needs a model Homelane does not run yet; the first candidate answers`,
      };
  }
}

function looperChoice(type: string, algorithm: Algorithm | undefined): AlgorithmChoice {
  const block = (algorithm?.[type] ?? {}) as Record<string, unknown>;
  const nested = (block['final'] as { model?: unknown } | undefined)?.model;
  const final = [nested, block['final_model'], block['synthesis_model'], block['judge_model']].find(
    (v) => typeof v === 'string',
  );
  if ((type === 'fusion' || type === 'workflows') && typeof final === 'string') {
    return {
      plannedModel: final,
      method: type,
      status: 'planned_final',
      reason: `the ${type} loop ends on ${final}`,
    };
  }
  return {
    method: type,
    status: 'execution_required',
    reason: `the ${type} loop calls several models; the answering model is known only when it runs`,
  };
}

export function upstreamIdOf(config: RouterConfig, alias: string): string {
  return resolveModel(config, alias)?.upstreamModelId ?? alias;
}
